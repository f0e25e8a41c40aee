"""Evaluators' cells at their edges, on the demo case of test_evaluators.py: the scenario's
weights decide what is loud, the 30% bar on a scale that does not start at 0, the agreed case's
ranges, evidence and fingerprint, and the messages for unknown cells. Found by mutation testing
(mutation/RESULTS.md)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from scoring import Scenario, load_case
from scoring.errors import ScenarioError
from scoring.evaluators import Evaluation, agreed_case, cells

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def demo():
    return load_case(DEMO / "criteria", DEMO / "vendors")


PRICE = [Evaluation("A", "acme", "price", 40), Evaluation("B", "acme", "price", 10)]


def test_the_scenarios_weights_decide_whether_a_spread_could_change_the_leader(demo):
    # At the case's weights (2/1/1) Acme leads at either price (test_evaluators). Weighing
    # quality 1, price 3, licence 0: Acme at 40 scores .8/4 + .6 * 3/4 = .65 against Beta's
    # .6/4 + .8 * 3/4 = .75, so the price spread is loud.
    [quiet] = cells(demo, PRICE)
    weighted = Scenario(weights={"quality": 1, "price": 3, "licence": 0})
    [loud] = cells(demo, PRICE, scenario=weighted)
    assert (quiet.wide, quiet.loud, loud.wide, loud.loud) == (True, False, True, True)
    assert quiet.reason == "" and quiet.agreed == 25


def test_quiet_when_the_scenarios_own_leader_holds_at_both_ends(demo):
    # Weighing price only, Beta leads (.8 against .6) whatever quality is: Beta's wide quality
    # spread is quiet, although at the case's weights Acme would lead.
    evals = [Evaluation("A", "beta", "quality", 6), Evaluation("B", "beta", "quality", 9.8)]
    [c] = cells(demo, evals, scenario=Scenario(weights={"quality": 0, "price": 1, "licence": 0}))
    assert (c.wide, c.loud) == (True, False)


def _rescaled(case, cid: str, low: float, high: float):
    """The case with criterion `cid` on the scale low..high."""
    leaves = tuple(
        c.model_copy(update={"scale": c.scale.model_copy(update={"min": low, "max": high})})
        if c.id == cid
        else c
        for c in case.criteria
    )
    return dataclasses.replace(case, criteria=leaves)


@pytest.mark.parametrize("spread,wide", [(2.5, False), (2.9, False), (3.0, True), (3.5, True)])
def test_wide_is_30_percent_of_the_scales_width_not_its_ends(demo, spread, wide):
    # Quality on 5..15: 30% of the width is 3 (of the sum of the ends it would be 6).
    case = _rescaled(demo, "quality", 5, 15)
    evals = [
        Evaluation("A", "beta", "quality", 9.0),
        Evaluation("B", "beta", "quality", 9 + spread),
    ]
    [c] = cells(case, evals)
    assert (c.spread, c.wide) == (pytest.approx(spread), wide)


def test_the_agreed_case_keeps_the_evidence_and_ranges_only_real_spreads(demo):
    by_cell = {
        ("beta", "price"): {"A": 10.0, "B": 30.0},
        ("beta", "quality"): {"A": 6.0, "B": 6.0},  # no spread: no range
        ("acme", "licence"): {"A": 0.0, "B": 10.0},  # a levels criterion: its levels' range
    }
    agreed = {("beta", "price"): 20.0, ("beta", "quality"): 6.0, ("acme", "licence"): "open"}
    case = agreed_case(demo, by_cell, agreed)
    price = case.vendor_by_id["beta"].scores["price"]
    assert (price.value, price.range, price.rationale) == (20.0, (10.0, 30.0), "cheap")
    assert [s.title for s in price.sources] == ["Price list"]
    assert case.vendor_by_id["beta"].scores["quality"].range is None
    assert case.vendor_by_id["acme"].scores["licence"].range == ("closed", "open")
    # A cell the vendor's file does not score gets no rationale and no sources.
    bare = dataclasses.replace(
        demo,
        vendors=tuple(
            v.model_copy(update={"scores": {k: x for k, x in v.scores.items() if k != "price"}})
            for v in demo.vendors
        ),
    )
    added = agreed_case(bare, by_cell, agreed).vendor_by_id["beta"].scores["price"]
    assert (added.value, added.rationale, added.sources) == (20.0, "", [])
    plain = agreed_case(demo, by_cell, agreed, with_ranges=False)
    assert plain.vendor_by_id["beta"].scores["price"].range is None
    assert plain.vendor_by_id["beta"].scores["price"].rationale == "cheap"


def test_the_agreed_case_fingerprint_covers_which_cell_holds_which_value(demo):
    one = {("acme", "quality"): {"A": 7.0}}
    other = {("beta", "quality"): {"A": 7.0}}
    a = agreed_case(demo, one, {("acme", "quality"): 7.0})
    b = agreed_case(demo, other, {("beta", "quality"): 7.0})
    again = agreed_case(demo, one, {("acme", "quality"): 7.0})
    assert re.fullmatch(r"[0-9a-f]{64}", a.fingerprint)
    assert a.fingerprint == again.fingerprint
    assert len({a.fingerprint, b.fingerprint, demo.fingerprint}) == 3


def test_unknown_criteria_and_long_names_are_refused_and_cut_to_40_characters(demo):
    long = "x" * 50
    with pytest.raises(ScenarioError, match=r"^A: 'nope' is not a leaf criterion$"):
        cells(demo, [Evaluation("A", "acme", "nope", 1)])
    with pytest.raises(ScenarioError, match=rf"^A: unknown vendor '{'x' * 40}'$"):
        cells(demo, [Evaluation("A", long, "quality", 1)])
    with pytest.raises(ScenarioError, match=rf"^A: '{'x' * 40}' is not a leaf criterion$"):
        cells(demo, [Evaluation("A", "acme", long, 1)])
    with pytest.raises(ScenarioError, match=rf"^'{'x' * 40}' is not a level of licence$"):
        cells(demo, [Evaluation("A", "acme", "licence", long)])


@pytest.mark.parametrize(
    ("value", "kept"),
    [(25.0, (10.0, 30.0)), (10.0, (10.0, 30.0)), (30.0, (10.0, 30.0)), (35.0, None), (5.0, None)],
)
def test_when_evaluators_agree_the_case_files_range_stands_where_it_holds_the_value(
    demo, value, kept
):
    """Beta's price has the range 10-30 in its file. Evaluators who agree add no range of their
    own: the file's stands if it holds their value (its ends included), else there is none."""
    by_cell = {("beta", "price"): {"A": value, "B": value}}
    agreed = {("beta", "price"): value}
    price = agreed_case(demo, by_cell, agreed).vendor_by_id["beta"].scores["price"]
    assert (price.value, price.range) == (value, kept)
    plain = agreed_case(demo, by_cell, agreed, with_ranges=False)
    assert plain.vendor_by_id["beta"].scores["price"].range is None


@pytest.mark.parametrize(
    ("file_range", "value", "holds"),
    [
        (("closed", "open"), "closed", True),
        ((5.0, "open"), "open", True),
        ((5.0, "open"), "closed", False),
    ],
)
def test_a_levels_range_stands_where_its_levels_hold_the_agreed_level(
    demo, file_range, value, holds
):
    """Levels compare by their numbers (closed 0, open 10): a licence range in Acme's file
    stands if it holds the level the evaluators agreed on."""
    acme = demo.vendor_by_id["acme"]
    ranged = acme.scores["licence"].model_copy(update={"range": file_range})
    case = dataclasses.replace(
        demo,
        vendors=tuple(
            v.model_copy(update={"scores": v.scores | {"licence": ranged}}) if v.id == "acme" else v
            for v in demo.vendors
        ),
    )
    by_cell = {("acme", "licence"): {"A": 10.0 if value == "open" else 0.0}}
    got = agreed_case(case, by_cell, {("acme", "licence"): value})
    licence = got.vendor_by_id["acme"].scores["licence"]
    assert (licence.value, licence.range) == (value, file_range if holds else None)
