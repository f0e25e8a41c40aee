"""`resolve` reads the case a column at a time (issue 11: a per-cell loop was a third of the
time at 2,000 vendors x 40 criteria). This pins it to the per-cell reading it replaced, kept
here as the reference: same matrix, ranges, unknowns, exclusions and sentences, on random cases
with level labels, unknowns, ranges (numbers and labels) and must-haves on either side."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.case import _must_have_failures, _unknown_fill, resolve
from scoring.checks import numeric
from scoring.load import Case
from scoring.model import CaseInfo, Criterion, Scenario, Vendor

LEVELS = {"none": 0, "partial": 4, "full": 10}


def reference(case: Case, scenario: Scenario):
    """The per-cell loop `resolve` used before (commit 428f4c2), for the kept vendors."""
    leaves = case.leaves
    lo = [c.bounds[0] for c in leaves]
    hi = [c.bounds[1] for c in leaves]
    rows, lows, highs, unknown, kept, excluded = [], [], [], [], [], []
    for v in case.vendors:
        x, xl, xh, unk = [], [], [], []
        for j, c in enumerate(leaves):
            s = v.scores[c.id]
            if s.value is None:
                x.append(_unknown_fill(scenario.unknowns, lo[j], hi[j], c.direction == "benefit"))
                xl.append(lo[j])
                xh.append(hi[j])
                unk.append(True)
            else:
                x.append(numeric(s.value, c))
                r = s.range or (s.value, s.value)
                xl.append(numeric(r[0], c))
                xh.append(numeric(r[1], c))
                unk.append(False)
        reasons = _must_have_failures(leaves, x, unk)
        if reasons:
            unknown_ids = tuple(c.id for c, u in zip(leaves, unk, strict=True) if u)
            excluded.append((v.id, tuple(reasons), unknown_ids))
            continue
        rows.append(x)
        lows.append(xl)
        highs.append(xh)
        unknown.append(unk)
        kept.append(v.id)
    return kept, rows, lows, highs, unknown, excluded


@st.composite
def cases(draw) -> Case:
    n = draw(st.integers(1, 4))
    criteria, cells = [], []
    for j in range(n):
        labelled = draw(st.booleans())
        must = draw(
            st.sampled_from([None, {"min": 3}, {"max": 7}, {"min": 2, "max": 8}])
            if not labelled
            else st.sampled_from([None, {"min": "partial"}, {"max": "partial"}])
        )
        spec = {"levels": dict(LEVELS)} if labelled else {"scale": {"min": 0, "max": 10}}
        criteria.append(
            Criterion(
                id=f"c{j}",
                name=f"C{j}",
                weight=1.0,
                direction=draw(st.sampled_from(["benefit", "cost"])),
                must_have=must,
                **spec,
            )
        )
        label = st.sampled_from(sorted(LEVELS))
        value = label if labelled else st.integers(0, 10).map(float) | st.floats(0, 10)
        cells.append((labelled, label, value))
    vendors = []
    for i in range(draw(st.integers(1, 6))):
        scores = {}
        for j, (labelled, label, value) in enumerate(cells):
            kind = draw(st.sampled_from(["plain", "range", "unknown"]))
            if kind == "unknown":
                scores[f"c{j}"] = {"value": None, "rationale": "not disclosed"}
            elif kind == "plain":
                scores[f"c{j}"] = {"value": draw(value)}
            elif labelled:
                scores[f"c{j}"] = {"value": "partial", "range": ("none", "full")}
            else:
                x = draw(st.floats(1, 9))
                scores[f"c{j}"] = {"value": x, "range": (x - 1, x + 1)}
        vendors.append(Vendor(id=f"v{i}", name=f"V{i}", scores=scores))
    return Case(CaseInfo(id="t", name="T"), tuple(criteria), tuple(vendors), (), "fp")


@settings(max_examples=150, deadline=None)
@given(cases(), st.sampled_from(["worst", "midpoint"]))
def test_the_column_reading_matches_the_cell_by_cell_reading(case, unknowns):
    scenario = Scenario(unknowns=unknowns)
    kept, rows, lows, highs, unknown, excluded = reference(case, scenario)
    r = resolve(case, scenario)
    n = len(case.leaves)
    assert list(r.vendor_ids) == kept
    np.testing.assert_array_equal(r.X, np.array(rows, dtype=float).reshape(-1, n))
    np.testing.assert_array_equal(r.low, np.array(lows, dtype=float).reshape(-1, n))
    np.testing.assert_array_equal(r.high, np.array(highs, dtype=float).reshape(-1, n))
    np.testing.assert_array_equal(r.unknown, np.array(unknown, dtype=bool).reshape(-1, n))
    assert [(e.vendor, e.reasons, e.unknowns) for e in r.excluded] == excluded


def test_a_hand_checked_column_with_labels_unknowns_and_a_must_have():
    """c0 on 0..10 (must-have min 3), c1 levels; v1 is unknown on c0, so it is set aside."""
    criteria = (
        Criterion(
            id="c0", name="Quality", weight=1, scale={"min": 0, "max": 10}, must_have={"min": 3}
        ),  # fmt: skip
        Criterion(id="c1", name="Support", weight=1, levels=dict(LEVELS), direction="benefit"),
    )
    vendors = (
        Vendor(id="v0", name="A", scores={"c0": {"value": 6, "range": (5, 8)}, "c1": "partial"}),
        Vendor(id="v1", name="B", scores={"c0": {"value": None, "rationale": "?"}, "c1": "full"}),
        Vendor(id="v2", name="C", scores={"c0": 9, "c1": {"value": None, "rationale": "?"}}),
    )
    r = resolve(Case(CaseInfo(id="t", name="T"), criteria, vendors, (), "fp"), Scenario())
    assert r.vendor_ids == ("v0", "v2")
    np.testing.assert_array_equal(r.X, [[6, 4], [9, 0]])  # v2's unknown level: the worst end
    np.testing.assert_array_equal(r.low, [[5, 4], [9, 0]])
    np.testing.assert_array_equal(r.high, [[8, 4], [9, 10]])  # an unknown spans the scale
    np.testing.assert_array_equal(r.unknown, [[False, False], [False, True]])
    (b,) = r.excluded
    assert (b.vendor, b.unknowns) == ("v1", ("c0",))
    assert b.reasons == ("Quality: value unknown, cannot confirm the must-have minimum 3",)
