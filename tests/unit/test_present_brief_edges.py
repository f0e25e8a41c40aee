"""The decision brief at its edges, each found by mutation testing (mutation/RESULTS.md): one
vendor, the bars exactly met, weightless siblings, ties at the top, VIKOR's own setting and
compromise set (split from test_present_brief.py)."""

from __future__ import annotations

import dataclasses

import pytest

from scoring import Scenario, rank
from scoring.load import Case
from scoring.model import CaseInfo, Criterion, MustHave
from scoring.present import brief
from scoring.present.brief import decision_brief
from scoring.sensitivity import analyse
from scoring.sensitivity.sweep import Crossover
from tests.unit.sensitivity_cases import flat_case
from tests.unit.test_present_brief import brief_of, check_challengers, with_value

# --- edges found by mutation testing ----------------------------------------------------------


def test_one_vendor_has_no_runner_up_and_no_margin():
    b = decision_brief(rank(flat_case([[6, 4]], [50, 50])), None, "not computed")
    assert (b.leader, b.runner_up, b.margin, b.margin_pct) == ("v0", None, None, None)
    assert b.clear_winner and b.confidence is None and b.sensitivity_note == "not computed"
    d = b.to_dict()
    assert (d["runner_up"], d["confidence"], d["flips"], d["challengers"]) == (None, None, [], [])


def test_the_clear_margin_bar_is_ten_percent_inclusive():
    # One criterion on 0..10, exact binary fractions: 0.625 against 0.5625 is a margin of
    # exactly 10.0% of the leader's score: clear. A hair less is not.
    b = decision_brief(rank(flat_case([[6.25], [5.625]], [1])), None)
    assert b.margin_pct == 10.0 and b.clear_winner
    b = decision_brief(rank(flat_case([[6.25], [5.626]], [1])), None)
    assert b.margin_pct < 10.0 and not b.clear_winner


def test_the_confidence_bar_is_one_half_inclusive():
    case = flat_case([[9, 8], [5, 5]], [50, 50])
    result, sens = rank(case), analyse(case, Scenario(), samples=100)

    def with_rank1(p: float):
        A = sens.smaa.acceptability.copy()
        A[0, 0], A[1, 0] = p, 1 - p
        smaa = dataclasses.replace(sens.smaa, acceptability=A)
        return decision_brief(result, dataclasses.replace(sens, smaa=smaa))

    assert with_rank1(0.5).confidence.rank1 == 0.5 and with_rank1(0.5).clear_winner
    assert not with_rank1(0.4999).clear_winner


def test_fractional_raw_weights_flip_like_their_multiples():
    # The slider values 0.6/0.4 are the 60/40 of test_flip_of_two_criteria_by_hand, over 100.
    b = brief_of(flat_case([[10, 0], [0, 10]], [0.6, 0.4]))
    by_criterion = {f.criterion: f.weight_flip for f in b.flips}
    assert by_criterion == {"c0": pytest.approx(0.4), "c1": pytest.approx(0.6)}


def test_a_criterion_whose_siblings_all_weigh_nothing_has_no_flip_but_the_others_do():
    # c0 carries all the weight (its siblings 0): no raw value of c0 alone moves its share.
    # c1 at 0: raising it to 50 gives it half, and above that v1 leads.
    b = brief_of(flat_case([[10, 0, 5], [0, 10, 5]], [50, 0, 0]))
    assert [(f.criterion, f.new_leader) for f in b.flips] == [("c1", "v1")]
    assert b.flips[0].weight_flip == pytest.approx(50)


def test_a_tie_at_the_top_flips_on_a_hairs_move_toward_the_other_vendor():
    # v0 = (10, 0), v1 = (0, 10), 50/50: a tie that v0 leads by name. Less c0 or more c1 and
    # v1 leads at once (a flip at the current weight); more c0 or less c1 changes nothing.
    b = brief_of(flat_case([[10, 0], [0, 10]], [50, 50]))
    got = sorted((f.criterion, f.weight_flip, f.new_leader) for f in b.flips)
    assert got == [("c0", pytest.approx(50), "v1"), ("c1", pytest.approx(50), "v1")]
    assert all(f.distance == pytest.approx(0) for f in b.flips)


def test_a_crossover_at_the_very_top_of_the_sweep_has_no_slider_value():
    # A leader change at a local share of 1 would need an infinite raw weight: not a flip.
    case = flat_case([[10, 0], [0, 10]], [60, 40])
    result, sens = rank(case), analyse(case, Scenario(), samples=100)
    at_top = {**sens.crossovers, "c1": (Crossover("c1", 1.0, "v0", "v1"),)}
    b = decision_brief(result, dataclasses.replace(sens, crossovers=at_top))
    assert [f.criterion for f in b.flips] == ["c0"]


def test_the_shares_are_of_the_weighted_leaves_when_a_group_weighs_nothing_inside():
    # Group g (50) whose children both weigh 0, and leaf c (50): only c carries weight, so its
    # share of the total is 1, not the 0.5 the tree's top level gives it.
    g = Criterion(id="g", name="G", weight=50, children=[
        Criterion(id="a", name="A", weight=0, scale={"min": 0, "max": 10}),
        Criterion(id="b", name="B", weight=0, scale={"min": 0, "max": 10})])  # fmt: skip
    c = Criterion(id="c", name="C", weight=50, scale={"min": 0, "max": 10})
    case = Case(CaseInfo(id="t", name="T"), (g, c), (), (), "fp")
    shares = brief._shares(case, {"g": 50, "a": 0, "b": 0, "c": 50})
    assert shares["c"] == 1.0 and shares["a"] == 0.0


def test_methods_that_disagree_and_vendors_set_aside_in_json():
    case = flat_case([[10, 0], [0, 10]], [60, 40])
    result, sens = rank(case), analyse(case, Scenario(), samples=100)
    methods = dataclasses.replace(sens.methods, rankings={"wsm": ("v0", "v1"),
                                                          "topsis": ("v1", "v0")})  # fmt: skip
    b = decision_brief(result, dataclasses.replace(sens, methods=methods))
    assert b.to_dict()["methods_disagree"] == [{"method": "topsis", "leader": "v1"}]
    vetoed = case.criteria[0].model_copy(update={"must_have": MustHave(min=5)})
    case = dataclasses.replace(case, criteria=(vetoed, case.criteria[1]), fingerprint="mh")
    d = decision_brief(rank(case), None).to_dict()
    assert d["excluded"] == [{"vendor": "v1", "reasons": list(rank(case).excluded[0].reasons)}]
    assert d["excluded"][0]["reasons"]


# --- VIKOR's own setting reaches every re-scoring ------------------------------------------
# Equal weights on 0..10: A = (10, 10, 2) has the best group utility S, B = (6, 6, 6) the
# smallest worst regret R. Opricovic & Tzeng's Q puts A first at v = 0.9 (utility) and B first
# at v = 0.1 (regret), so a search that ignored v (0.5: B) would measure against the wrong leader.
VIKOR_CASE = ([[10, 10, 2], [6, 6, 6], [0, 0, 0]], [1, 1, 1])


@pytest.mark.parametrize("v, leader", [(0.9, "v0"), (0.1, "v1")])
def test_challengers_under_vikor_use_its_v(v, leader):
    case = flat_case(*VIKOR_CASE)
    scenario = Scenario(method="vikor", vikor_v=v)
    b = brief_of(case, scenario, samples=100)
    assert b.leader == leader
    assert leader not in [ch.vendor for ch in b.challengers]
    check_challengers(case, scenario, b)


@pytest.mark.parametrize("v", [0.1, 0.9])
@pytest.mark.parametrize("cell", [(0, "c0"), (0, "c2"), (1, "c0"), (2, "c0"), (2, "c1")])
def test_unknowns_under_vikor_match_re_ranking_each_end(v, cell):
    i, cid = cell
    case = flat_case(*VIKOR_CASE)
    vendor = case.vendors[i]
    gone = vendor.scores[cid].model_copy(update={"value": None, "rationale": "not public"})
    vendor = vendor.model_copy(update={"scores": {**vendor.scores, cid: gone}})
    vendors = tuple(vendor if k == i else x for k, x in enumerate(case.vendors))
    case = dataclasses.replace(case, vendors=vendors, fingerprint=f"vk{i}{cid}")
    scenario = Scenario(method="vikor", vikor_v=v)
    lead = rank(case, scenario).leader
    end = 0 if vendor.id == lead else 10  # worst end for the leader, best for a challenger
    new = rank(with_value(case, vendor.id, cid, end), scenario).leader
    found = brief_of(case, scenario, samples=100).unknowns_that_matter
    expected = [] if new == lead else [(vendor.id, cid, float(end), new)]
    assert [(u.vendor, u.criterion, u.value, u.new_leader) for u in found] == expected


def test_vikor_brief_reads_lower_is_better_and_says_its_compromise():
    # One vendor dominates: VIKOR's two conditions hold, the compromise set is that vendor alone
    # and it is a clear winner. Two close vendors far ahead of the rest: Q(v1) - Q(v0) is below
    # DQ = 1/(m - 1), so both are proposed together: no clear winner (Opricovic & Tzeng 2004).
    scenario = Scenario(method="vikor")
    one = rank(flat_case([[10, 10, 10], [5, 5, 5], [2, 2, 2], [0, 0, 0]], [1, 1, 1]), scenario)
    b = decision_brief(one, None)
    assert b.outcome.compromise == ("v0",) and b.clear_winner
    assert b.higher_is_better is False
    d = b.to_dict()
    assert d["higher_is_better"] is False and d["method_results"] == b.outcome.to_dict()
    two = rank(flat_case([[10, 10, 10], [9, 9, 9], [0, 0, 0], [0, 0, 1]], [1, 1, 1]), scenario)
    b = decision_brief(two, None)
    assert b.outcome.compromise == ("v0", "v1") and not b.clear_winner
    assert decision_brief(rank(flat_case([[6, 4], [5, 5]], [1, 1])), None).outcome is None


def test_a_leader_scoring_exactly_one_still_has_a_margin_share():
    b = decision_brief(rank(flat_case([[10, 10], [5, 5]], [1, 1])), None)
    assert (b.leader_score, b.margin_pct) == (1.0, 50.0)


def test_what_is_left_out_without_the_sensitivity_analysis_is_said_once():
    case = flat_case([[9, 8], [5, 5], [4, 6]], [50, 50])
    result, sens = rank(case), analyse(case, Scenario(), samples=100)
    b = decision_brief(result, None)
    assert (b.sensitivity_note, b.challengers_checked, b.challengers_total) == ("", 0, 0)
    b = decision_brief(result, sens, "the analysis was skipped")
    assert b.sensitivity_note == ""  # it was not skipped: nothing to explain
    assert (b.challengers_checked, b.challengers_total) == (2, 2)
