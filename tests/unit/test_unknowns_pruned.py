"""`unknowns_that_matter` re-scores only the unknown cells that could change the leader when
the method is a weighted sum on the declared scale (where one cell moves only its own
vendor's score). The pruning must never drop an answer: on random cases, with unknowns
anywhere, ties and near-ties included, it gives exactly what re-scoring every cell gives."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring import Scenario
from scoring.model import Score
from scoring.sensitivity import challenge
from scoring.sensitivity.challenge import unknowns_that_matter
from scoring.sensitivity.sweep import setup
from tests.unit.sensitivity_cases import flat_case


def with_unknowns(case, mask):
    vendors = []
    for i, v in enumerate(case.vendors):
        scores = dict(v.scores)
        for j in np.flatnonzero(mask[i]):
            scores[f"c{j}"] = Score(value=None, rationale="not disclosed")
        vendors.append(v.model_copy(update={"scores": scores}))
    return dataclasses.replace(case, vendors=tuple(vendors), fingerprint=f"u{mask.sum()}")


@st.composite
def cases(draw):
    m, n = draw(st.integers(2, 7)), draw(st.integers(1, 4))
    grid = st.sampled_from([0.0, 2.5, 5.0, 7.5, 10.0]) | st.floats(0, 10)  # ties are common
    X = draw(arrays(float, (m, n), elements=grid))
    weights = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    if not any(weights):
        weights[0] = 1
    cost = draw(st.sets(st.integers(0, n - 1)))
    mask = draw(arrays(bool, (m, n)))
    return with_unknowns(flat_case(X, weights, cost=cost), mask)


@settings(max_examples=200, deadline=None)
@given(cases(), st.sampled_from(["worst", "midpoint"]), st.sampled_from(["wsm", "topsis"]))
def test_pruning_never_drops_an_unknown_that_matters(case, unknowns, method):
    s = setup(case, Scenario(unknowns=unknowns, method=method))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            challenge, "_could_change_leader",
            lambda s, S, lead, cells, ends: np.ones(len(cells), dtype=bool),
        )  # fmt: skip
        everything = unknowns_that_matter(s)
    assert unknowns_that_matter(s) == everything


def test_a_hand_checked_prune():
    """v0 (10, 10) leads v1 (0, ?) and v2 (9, ?) with weights 1:1 on 0..10: v1's unknown at
    the best end gives 0.5 < 1 (cannot lead: pruned), v2's gives 0.95 < 1 (pruned too). With
    v0's c1 unknown as well (scored at its worst, 0, v0 has 0.5), v2's at the best end (0.95)
    would lead, and v1's (0.5, a tie broken by name order for v0) would not."""
    case = flat_case([[10, 10], [0, 0], [9, 0]], [1, 1])
    case = with_unknowns(case, np.array([[False, False], [False, True], [False, True]]))
    s = setup(case, Scenario())
    S = np.array([1.0, 0.0, 0.45])  # unknowns at the worst end: v1 0 + 0, v2 0.45 + 0
    cells = np.array([[1, 1], [2, 1]])
    keep = challenge._could_change_leader(s, S, 0, cells, np.array([10.0, 10.0]))
    assert keep.tolist() == [False, False]
    assert unknowns_that_matter(s) == ()
    both = with_unknowns(case, np.array([[False, True], [False, True], [False, True]]))
    found = unknowns_that_matter(setup(both, Scenario()))
    assert [(u.vendor, u.criterion, u.end, u.new_leader) for u in found] == [
        ("v2", "c1", "best", "v2")
    ]


def scaled_case(X, directions, low=2.0, high=10.0):
    """Leaves on low..high (not 0..10: a scale's start must count), one vendor per row."""
    from scoring.load import Case
    from scoring.model import CaseInfo, Criterion, Vendor

    leaves = tuple(
        Criterion(id=f"c{j}", name=f"C{j}", weight=1, direction=d,
                  scale={"min": low, "max": high})
        for j, d in enumerate(directions)
    )  # fmt: skip
    vendors = tuple(
        Vendor(id=f"v{i}", name=f"V{i}", scores={f"c{j}": x for j, x in enumerate(row)})
        for i, row in enumerate(X)
    )
    return Case(CaseInfo(id="t", name="T"), leaves, vendors, (), "scaled")


def test_the_prune_mask_by_hand_on_a_scale_that_starts_at_2_with_a_cost():
    """Weights 1:1, scale 2..10 (span 8). c0 benefit, c1 cost. Merits S as WSM gives them:
    v0 (10, 2) = 1.0; v1 (6, 10) = 0.25; v2 (2, 6) = 0.25.
    - v1's c1 tried at its best end (2): +0.5 * 8/8 = 0.5 -> 0.75 < 1: pruned;
    - v2's c0 tried at 10: +0.5 -> 0.75: pruned; with a margin of 0.25 it is exactly at the
      leader less the margin: kept (the bound is inclusive);
    - v0's own c1 tried at its worst end (10): -0.5 -> 0.5 > 0.25: pruned; with a margin of
      0.25 exactly at the runner-up plus it: kept.
    A wrong span (max + min = 12) or a wrong sign on costs moves these numbers."""
    case = scaled_case([[10, 2], [6, 10], [2, 6]], ["benefit", "cost"])
    s = setup(case, Scenario())
    S = np.array([1.0, 0.25, 0.25])
    cells = np.array([[1, 1], [2, 0], [0, 1]])
    ends = np.array([2.0, 10.0, 10.0])
    assert challenge._could_change_leader(s, S, 0, cells, ends).tolist() == [False] * 3
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(challenge, "PRUNE_MARGIN", 0.25)
        assert challenge._could_change_leader(s, S, 0, cells, ends).tolist() == [
            True, True, True
        ]  # fmt: skip
        patch.setattr(challenge, "PRUNE_MARGIN", 0.2)
        assert challenge._could_change_leader(s, S, 0, cells, ends).tolist() == [
            False, False, False
        ]  # fmt: skip


def test_a_lone_vendors_own_unknown_cannot_change_the_leader():
    """One vendor: no runner-up (minus infinity), so its own unknown is pruned, and the
    answer is that nothing matters."""
    case = with_unknowns(flat_case([[5, 5]], [1, 1]), np.array([[False, True]]))
    s = setup(case, Scenario())
    keep = challenge._could_change_leader(s, np.array([0.25]), 0, np.array([[0, 1]]),
                                          np.array([0.0]))  # fmt: skip
    assert keep.tolist() == [False]
    assert unknowns_that_matter(s) == ()
