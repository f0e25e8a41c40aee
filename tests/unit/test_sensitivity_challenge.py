"""What it would take: the closed form and the general search agree, and each edge case is pinned.

The closed form (WSM/WPM on the declared scale, where a vendor's score depends on its own row
only) and the batched grid-and-bisection search answer the same question two ways, so each is
the other's reference: on random cases with zeros, zero weights and scales that do not start at
0, both give the same needed value, or both say none exists.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import Scenario, rank
from scoring.model import Scale
from scoring.present.brief import decision_brief
from scoring.present.brief_words import challengers_table
from scoring.sensitivity import analyse, challenge
from scoring.sensitivity.sweep import setup
from tests.unit.sensitivity_cases import flat_case


def shifted(case, scales):
    """The case with leaf j on scales[j] = (lo, hi) instead of 0..10 (values kept)."""
    leaves = tuple(
        c.model_copy(update={"scale": Scale(min=lo, max=hi)})
        for c, (lo, hi) in zip(case.criteria, scales, strict=True)
    )
    return dataclasses.replace(case, criteria=leaves, fingerprint=f"{case.fingerprint}{scales}")


def both_ways(case, method):
    s = setup(case, Scenario(method=method, normalization="scale"))
    r = s.resolved
    S = challenge.merit_matrix(s.V, r.weights[None, :], s.method, s.options)[0]
    lead = challenge._leader_index(s, S)
    rows = [i for i in range(r.m) if i != lead]
    return challenge._needed_separable(s, S, rows), challenge._needed_search(s, rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    X=st.lists(
        st.lists(st.sampled_from([0, 1, 3, 5, 6, 8, 10]), min_size=3, max_size=3),
        min_size=2,
        max_size=4,
    ),  # fmt: skip
    weights=st.lists(st.sampled_from([0, 10, 25, 40]), min_size=3, max_size=3).filter(any),
    method=st.sampled_from(["wsm", "wpm"]),
    cost=st.sampled_from([(), (1,), (0, 2)]),
)
def test_the_closed_form_equals_the_search(X, weights, method, cost):
    case = shifted(flat_case(X, weights, cost=cost), [(0, 10), (-2, 10), (0, 12)])
    result = rank(case, Scenario(method=method, normalization="scale"))
    if sum(r["rank"] == 1 for r in result.rows()) > 1:
        return  # a tie at the top: the search's "strictly first" and the closed form's bar meet
    closed, searched = both_ways(case, method)
    np.testing.assert_allclose(closed, searched, rtol=0, atol=1e-9, equal_nan=True)


def test_a_wpm_veto_on_another_criterion_leaves_no_route_but_that_one():
    # WPM on the scale, weights 1/2: v1 = (0, 9) scores 0 (its 0 on c0 vetoes the product), so
    # only c0 can move it: it needs sqrt(x/10 * 0.9) > sqrt(0.8 * 0.8) = 0.8, x > 7.11.
    case = flat_case([[8, 8], [0, 9]], [50, 50])
    closed, searched = both_ways(case, "wpm")
    assert closed[0, 1] != closed[0, 1]  # NaN: c1 cannot lift a vetoed product
    assert closed[0, 0] == pytest.approx(0.64 / 0.9 * 10)
    np.testing.assert_allclose(closed, searched, atol=1e-9, equal_nan=True)


def test_a_zero_weight_criterion_is_no_route():
    case = flat_case([[8, 0], [6, 10]], [50, 0])
    closed, searched = both_ways(case, "wsm")
    assert closed[0, 1] != closed[0, 1] and searched[0, 1] != searched[0, 1]
    assert closed[0, 0] == pytest.approx(8.0) and searched[0, 0] == pytest.approx(8.0)


def test_an_exact_tie_at_the_top_needs_no_move_at_all():
    # V0 and V1 tie at 0.5; V0 leads by name. Any rise of V1 on either criterion puts it ahead:
    # the needed value is its current one (a hair beyond it, it leads).
    case = flat_case([[5, 5], [5, 5]], [50, 50])
    for method in ("wsm", "wpm"):
        closed, _ = both_ways(case, method)
        np.testing.assert_allclose(closed, [[5, 5]])
    (ch,) = decision_brief(rank(case), analyse(case, Scenario(), samples=100)).challengers
    assert (ch.vendor, ch.criterion, ch.value_now, ch.value_needed) == ("v1", "c0", 5, 5)


def test_the_best_end_is_never_enough_when_it_only_ties():
    # V1 = (9, 9) reaches V0's 0.95 only at 10 on either criterion: a tie, not a lead.
    case = flat_case([[9, 10], [9, 9]], [50, 50])
    closed, searched = both_ways(case, "wsm")
    assert np.isnan(closed).all() and np.isnan(searched).all()


def test_the_smallest_move_wins_as_a_share_of_each_scale():
    # c0 on 0..10, c1 on 0..100; WSM, 1/2 each: v0 = (6, 60) scores 0.6, v1 = (5, 66) 0.58.
    # c0 needs x > 5.4 (a move of 4% of its scale), c1 needs y > 70 (4% of its scale): equal
    # moves, so the first criterion in the tree, whatever the float noise of 5.4 - 5 and 70 - 66.
    case = shifted(flat_case([[6, 60], [5, 66]], [50, 50]), [(0, 10), (0, 100)])
    (ch,) = decision_brief(rank(case), analyse(case, Scenario(), samples=100)).challengers
    assert (ch.criterion, ch.value_needed) == ("c0", pytest.approx(5.4))
    # c1 on 2..100 (value (y - 2) / 98): v0 = (6, 60) scores 0.3 + 29 / 98, v1 = (4, 79.5)
    # 0.2 + 38.75 / 98. The gap d = 0.0005102 needs 2 d of c0's 10 (0.102%) or 2 d of c1's 98
    # (0.102% too): equal as shares of each scale, so c0 again, at 4 + 20 d.
    case = shifted(flat_case([[6, 60], [4, 79.5]], [50, 50]), [(0, 10), (2, 100)])
    d = (0.3 + 29 / 98) - (0.2 + 38.75 / 98)
    (ch,) = decision_brief(rank(case), analyse(case, Scenario(), samples=100)).challengers
    assert (ch.criterion, ch.value_needed) == ("c0", pytest.approx(4 + 20 * d))


def test_a_clearly_smaller_move_beats_an_earlier_criterion():
    # WSM, 1/2 each on 0..10: v0 = (6, 6) scores 0.60; v1 = (3, 8.4) scores 0.57. c0 needs
    # x > 3.6 (a move of 0.6); c1 needs y > 9 (a move of 0.6)... v1 = (2, 9.8): 0.59, c0 needs
    # x > 2.2 (0.2), c1 needs y > 10 (impossible). And v1 = (5, 6.8): 0.59, c0 x > 5.2 (0.2),
    # c1 y > 7.0 (0.2). So: v1 = (4.7, 7.2): 0.595, c0 x > 4.8 (0.1), c1 y > 7.3 (0.1)...
    # Take unequal weights instead: 3/4 on c0, 1/4 on c1. v0 = (6, 6) = 0.6; v1 = (5.8, 6.3)
    # = 0.435 + 0.1575 = 0.5925: c0 needs x > 5.9 (0.1), c1 needs y > 6.6 (0.3): c0.
    # v1 = (5.8, 6.3) on weights 1/4, 3/4: 0.145 + 0.4725 = 0.6175 leads already, so use
    # v1 = (6.3, 5.8): 0.1575 + 0.435 = 0.5925: c0 needs x > 6.6 (0.3), c1 y > 5.9 (0.1): c1.
    case = flat_case([[6, 6], [6.3, 5.8]], [25, 75])
    (ch,) = decision_brief(rank(case), analyse(case, Scenario(), samples=100)).challengers
    assert (ch.criterion, ch.value_now, ch.value_needed) == ("c1", 5.8, pytest.approx(5.9))


def test_an_unknown_value_needs_a_value_and_says_it_was_unknown():
    case = flat_case([[8, 8], [7, 1]], [50, 50])
    v1 = case.vendors[1]
    unknown = v1.scores["c1"].model_copy(update={"value": None, "rationale": "not public"})
    v1 = v1.model_copy(update={"scores": {**v1.scores, "c1": unknown}})
    case = dataclasses.replace(case, vendors=(case.vendors[0], v1), fingerprint="u")
    (ch,) = decision_brief(rank(case), analyse(case, Scenario(), samples=100)).challengers
    # Unknown scored at the worst end (0): v1 = 0.35 against 0.8, c1 needs y > 9 (a move of
    # 9), c0 would need x > 16: impossible.
    assert (ch.criterion, ch.value_now, ch.value_needed) == ("c1", None, pytest.approx(9.0))


def test_the_leaders_own_unknown_at_the_worst_end_under_midpoint():
    # Midpoint policy: v0's unknown c1 counts as 5: v0 = 0.75 + ... weights 1/2: (10, ?) ->
    # 0.5 + 0.25 = 0.75 against v1 = (6, 7) = 0.65. At the worst end (0) v0 scores 0.5: v1 leads.
    case = flat_case([[10, 5], [6, 7]], [50, 50])
    v0 = case.vendors[0]
    unknown = v0.scores["c1"].model_copy(update={"value": None, "rationale": "not public"})
    v0 = v0.model_copy(update={"scores": {**v0.scores, "c1": unknown}})
    case = dataclasses.replace(case, vendors=(v0, case.vendors[1]), fingerprint="m")
    s = setup(case, Scenario(unknowns="midpoint"))
    (u,) = challenge.unknowns_that_matter(s)
    assert (u.vendor, u.criterion, u.end, u.value, u.new_leader) == ("v0", "c1", "worst", 0, "v1")
    # Scored at the worst end, v0's unknown puts v1 first; at its best end v0 would lead again.
    (u,) = challenge.unknowns_that_matter(setup(case, Scenario()))
    assert (u.vendor, u.end, u.value, u.new_leader) == ("v0", "best", 10, "v0")


def test_no_unknowns_no_report():
    assert (
        challenge.unknowns_that_matter(setup(flat_case([[1, 2], [2, 1]], [1, 1]), Scenario())) == ()
    )


def test_idle_bounds():
    # Spreads (on 0..10): c0 0.5 (exactly IDLE_SPREAD), c1 0.6, c2 0 but weight 0.5% of the total.
    case = flat_case([[0, 1, 3], [0.5, 7, 3]], [49.5, 50, 0.5])
    s = setup(case, Scenario())
    idle = challenge.idle_criteria(s)
    assert [(x.criterion, round(x.spread, 12)) for x in idle] == [("c0", 0.05)]
    assert idle[0].share == pytest.approx(0.495)
    assert challenge.idle_criteria(setup(flat_case([[5, 5]], [1, 1]), Scenario())) == ()
    case = flat_case([[0, 1, 3], [0.5, 7, 3]], [49, 50, 1])  # c2 at exactly 1%: named
    assert [x.criterion for x in challenge.idle_criteria(setup(case, Scenario()))] == ["c0", "c2"]


def test_a_large_search_checks_the_vendors_nearest_the_top(monkeypatch):
    # TOPSIS needs the search; with room for one vendor per step, only the runner-up is checked.
    monkeypatch.setattr(challenge, "MAX_FLOATS_PER_STEP", 1)
    case = flat_case([[9, 9], [8, 8.5], [7, 2], [1, 1]], [50, 50])
    s = setup(case, Scenario(method="topsis"))
    found = challenge.challengers(s)
    assert (found.checked, found.total) == (1, 3)
    assert [c.vendor for c in found.items] == ["v1"]
    b = decision_brief(rank(case, Scenario(method="topsis")), analyse(case, Scenario(
        method="topsis"), samples=100))  # fmt: skip
    assert "Checked for the 1 vendor nearest the top only." in challengers_table(b, case).note
    monkeypatch.setattr(challenge, "MAX_FLOATS_PER_STEP", 2 * 4 * 2)  # m n = 8 a vendor: 2 rows
    assert challenge.challengers(s).checked == 2
    # The closed form has no such limit.
    assert challenge.challengers(setup(case, Scenario())).checked == 3


def test_challengers_are_in_rank_order_ties_by_name():
    # v1 and v2 tie at rank 2; names "b" and "A": by name, case-insensitive, "A" first.
    case = flat_case([[9, 9], [5, 5], [5, 5]], [1, 1])
    vendors = (case.vendors[0], case.vendors[1].model_copy(update={"name": "b"}),
               case.vendors[2].model_copy(update={"name": "A"}))  # fmt: skip
    case = dataclasses.replace(case, vendors=vendors, fingerprint="names")
    found = challenge.challengers(setup(case, Scenario()))
    assert [c.vendor for c in found.items] == ["v2", "v1"]
    vendors = (vendors[0], vendors[1].model_copy(update={"name": "_b"}), vendors[2])
    case = dataclasses.replace(case, vendors=vendors, fingerprint="names2")
    found = challenge.challengers(setup(case, Scenario()))
    assert [c.vendor for c in found.items] == ["v1", "v2"]  # "_b" < "a" but "_B" > "A"


def test_levels_by_the_search_and_by_the_closed_form_agree():
    # c0 has levels 0, 4, 7, 10; v1 at 0 needs more than 5 on c0 (see test_present_brief):
    # level 7 by both routes, under WSM, and under TOPSIS the search gives a level that wins.
    case = flat_case([[4, 9], [0, 8]], [50, 50])
    levels = {"low": 0, "mid": 4, "good": 7, "top": 10}
    c0 = case.criteria[0].model_copy(update={"levels": levels, "scale": None})
    case = dataclasses.replace(case, criteria=(c0, case.criteria[1]), fingerprint="lv")
    s = setup(case, Scenario())
    S = challenge.merit_matrix(s.V, s.resolved.weights[None, :], "wsm")[0]
    closed = challenge._needed_separable(s, S, [1])
    searched = challenge._needed_search(s, [1])
    assert closed[0, 0] == searched[0, 0] == 7
    assert np.isnan(closed[0, 1]) and np.isnan(searched[0, 1])
    # A cost criterion with levels steps down: c0 as a cost, v1 at top (10) against v0 at mid.
    c0 = c0.model_copy(update={"direction": "cost"})
    case = dataclasses.replace(
        flat_case([[4, 9], [10, 9.5]], [50, 50]), criteria=(c0, case.criteria[1]), fingerprint="c"
    )
    # values: v0 = 0.5 * 0.6 + 0.45 = 0.75; v1 = 0 + 0.475: c0 needs 1 - x/10 > 0.55, x < 4.5:
    # the first level below 4.5 going down from 10 is mid (4).
    s = setup(case, Scenario())
    S = challenge.merit_matrix(s.V, s.resolved.weights[None, :], "wsm")[0]
    assert challenge._needed_separable(s, S, [1])[0, 0] == 4
    assert challenge._needed_search(s, [1])[0, 0] == 4


def with_levels(case, j, levels, **update):
    """The case with leaf j on `levels` (no scale) instead of 0..10."""
    crit = list(case.criteria)
    crit[j] = crit[j].model_copy(update={"levels": levels, "scale": None, **update})
    return dataclasses.replace(case, criteria=tuple(crit), fingerprint=f"{case.fingerprint}L{j}")


def with_unknown(case, i, criterion):
    v = case.vendors[i]
    gone = v.scores[criterion].model_copy(update={"value": None, "rationale": "not public"})
    v = v.model_copy(update={"scores": {**v.scores, criterion: gone}})
    vendors = tuple(v if k == i else x for k, x in enumerate(case.vendors))
    return dataclasses.replace(case, vendors=vendors, fingerprint=f"{case.fingerprint}U{i}")


LEVELS = {"low": 0, "mid": 4, "good": 7, "top": 10}


def test_levels_on_a_later_criterion_are_still_stepped():
    # c0 continuous, c1 on levels 0/4/7/10. WSM 1/2 each: v0 = (9, 4) scores 0.65, v1 = (4, 0)
    # 0.2: c1 would need y > 9 (continuous), so the first level at or beyond it is 10 (top);
    # c0 would need x > 13: impossible.
    case = with_levels(flat_case([[9, 4], [4, 0]], [50, 50]), 1, LEVELS)
    for route in ("closed", "search"):
        s = setup(case, Scenario())
        S = challenge.merit_matrix(s.V, s.resolved.weights[None, :], s.method, s.options)[0]
        got = (
            challenge._needed_separable(s, S, [1])
            if route == "closed"
            else challenge._needed_search(s, [1])
        )
        assert np.isnan(got[0, 0]) and got[0, 1] == 10, route


def test_levels_for_every_challenger_even_after_one_with_no_route():
    # c0 on levels, c1 continuous; WSM 1/2 each. v0 = (7, 10) = 0.85 leads; v1 = (0, 0) cannot
    # catch it with c0 alone (at most 0.5); v2 = (4, 8) = 0.6 needs c0 > 9: level 10 (top).
    case = with_levels(flat_case([[7, 10], [0, 0], [4, 8]], [50, 50]), 0, LEVELS)
    s = setup(case, Scenario())
    S = challenge.merit_matrix(s.V, s.resolved.weights[None, :], s.method, s.options)[0]
    for got in (challenge._needed_separable(s, S, [1, 2]), challenge._needed_search(s, [1, 2])):
        assert np.isnan(got[0]).all()
        assert got[1, 0] == 10 and np.isnan(got[1, 1])


def test_a_cost_boundary_exactly_on_a_level_needs_the_next_level_down():
    # c0 a cost on levels 0/4/7/10 (value 1 - x/10), c1 a benefit on 0..10; WSM 1/2 each.
    # v0 = (4, 10) scores 0.3 + 0.5 = 0.8; v1 = (10, 10) 0 + 0.5 = 0.5 needs (1 - x/10) / 2 > 0.3,
    # x < 4: the boundary is the level 4 itself (v1 only ties there), so the next level down,
    # 0 (low), is what it takes.
    case = with_levels(flat_case([[4, 10], [10, 10]], [50, 50], cost=(0,)), 0, LEVELS)
    s = setup(case, Scenario())
    S = challenge.merit_matrix(s.V, s.resolved.weights[None, :], s.method, s.options)[0]
    assert challenge._needed_separable(s, S, [1])[0, 0] == 0
    assert challenge._needed_search(s, [1])[0, 0] == 0
    # Benefit levels, the same: v1 = (0, 9) against v0 = (4, 7): 0.55 against 0.45 needs
    # x > 2 ... v1 = (0, 10) = 0.5 against v0 = (7, 3) = 0.5 would tie; v0 = (4, 6) = 0.5
    # and v1 = (0, 10) = 0.5 tie now, needing x > 0: level 0 is the boundary, so 4 (mid).
    case = with_levels(flat_case([[4, 6], [0, 10]], [50, 50]), 0, LEVELS)
    s = setup(case, Scenario())
    S = challenge.merit_matrix(s.V, s.resolved.weights[None, :], s.method, s.options)[0]
    assert challenge._needed_separable(s, S, [1])[0, 0] == 4
    assert challenge._needed_search(s, [1])[0, 0] == 4


def test_a_zero_weight_criterion_with_a_tie_at_the_top_is_quietly_no_route():
    # v0 and v1 tie (v0 leads by name); c2 weighs nothing: its closed form is 0 / 0, which must
    # neither warn (warnings are errors here) nor become a route.
    case = flat_case([[5, 5, 3], [5, 5, 0]], [50, 50, 0])
    for method in ("wsm", "wpm"):
        closed, searched = both_ways(case, method)
        np.testing.assert_allclose(closed, [[5, 5, np.nan]])
        np.testing.assert_allclose(searched, [[5, 5, np.nan]])


def test_wpm_a_zero_on_a_weightless_criterion_is_no_veto():
    # WPM: 0 ** 0 = 1, so v1's 0 on the weightless c2 does not zero its product and c0, c1 stay
    # routes: v0 = (8, 8) scores 0.8, v1 = (7, 8) sqrt(0.56); c0 needs x/10 * 0.8 > 0.64,
    # c1 needs 0.7 * y/10 > 0.64.
    case = flat_case([[8, 8, 5], [7, 8, 0]], [50, 50, 0])
    closed, searched = both_ways(case, "wpm")
    assert closed[0, 0] == pytest.approx(8.0)
    assert closed[0, 1] == pytest.approx(0.64 / 0.7 * 10)
    np.testing.assert_allclose(closed, searched, atol=1e-9, equal_nan=True)


def test_wpm_against_a_rival_scoring_zero():
    # Every vendor scores 0 (each has a weighted 0); v0 leads by name. v1 = (5, 0): a hair above
    # 0 on c1 and it scores above 0: the needed value is 0; c0 cannot help (c1's veto stays).
    case = flat_case([[0, 5], [5, 0]], [50, 50])
    closed, searched = both_ways(case, "wpm")
    np.testing.assert_allclose(closed, [[np.nan, 0]])
    np.testing.assert_allclose(searched, [[np.nan, 0]], atol=1e-9)


def test_wpm_a_tiny_weight_that_cannot_close_the_gap_is_no_route():
    # c1 carries 0.01% of the weight: closing the gap with it would need 0.5 * 1.25 ** 9999,
    # which overflows: no route, and no overflow warning.
    case = flat_case([[10, 5], [8, 5]], [9999, 1])
    closed, searched = both_ways(case, "wpm")
    assert np.isnan(closed[0, 1]) and np.isnan(searched[0, 1])


def test_the_closed_form_has_no_search_budget_for_wpm_either(monkeypatch):
    monkeypatch.setattr(challenge, "MAX_FLOATS_PER_STEP", 1)
    case = flat_case([[9, 9], [8, 8.5], [7, 2], [1, 1]], [50, 50])
    wpm = Scenario(method="wpm", normalization="scale")
    assert challenge.challengers(setup(case, wpm)).checked == 3
    assert challenge.challengers(setup(case, Scenario(method="topsis"))).checked == 1


def test_the_leaders_unknown_on_a_cost_criterion_is_tried_at_its_top():
    # c1 is a cost: its worst end is the top of the scale (10). Midpoint policy: v0 = (10, ?)
    # counts 5 -> 0.5 + 0.25 = 0.75 against v1 = (6, 3) = 0.3 + 0.35 = 0.65. At 10, v0 = 0.5.
    case = with_unknown(flat_case([[10, 5], [6, 3]], [50, 50], cost=(1,)), 0, "c1")
    (u,) = challenge.unknowns_that_matter(setup(case, Scenario(unknowns="midpoint")))
    assert (u.vendor, u.criterion, u.end, u.value, u.new_leader) == ("v0", "c1", "worst", 10, "v1")
    # A challenger's unknown cost is tried at its best end, the bottom (0).
    case = with_unknown(flat_case([[8, 5], [7, 5]], [50, 50], cost=(1,)), 1, "c1")
    (u,) = challenge.unknowns_that_matter(setup(case, Scenario()))
    assert (u.vendor, u.end, u.value, u.new_leader) == ("v1", "best", 0, "v1")


def test_the_smallest_move_is_a_share_of_the_scale_not_raw_units():
    # c0 on 0..100, c1 on 0..10; WSM 1/2 each. v0 = (60, 6) = 0.6; v1 = (50, 6.5) = 0.575.
    # c0 needs x > 55 (5 units, 5% of its scale); c1 needs y > 7 (0.5 units, but also 5%)...
    # so make c1 cheaper as a share: v1 = (50, 6.9): 0.595, c0 needs x > 51 (1 unit, 1%),
    # c1 needs y > 7 (0.1 units, 1%): equal, c0 first. v1 = (59, 6.1): 0.6 - 0.0... use
    # v1 = (58, 6.05): 0.5925; c0 needs x > 59.5 (1.5 units, 1.5%); c1 y > 6.2 (0.15, 1.5%).
    # Unequal weights break the symmetry: 3/4 on c0. v0 = (60, 6) = 0.6; v1 = (58, 6.5) =
    # 0.435 + 0.1625 = 0.5975: c0 needs 0.0025 * 4/3 * 100 = 0.333 units (0.33%), c1 needs
    # 0.0025 * 4 * 10 = 0.1 units (1%): c0 wins on share though its raw move is larger.
    case = shifted(flat_case([[60, 6], [58, 6.5]], [75, 25]), [(0, 100), (0, 10)])
    (ch,) = decision_brief(rank(case), analyse(case, Scenario(), samples=100)).challengers
    assert (ch.criterion, ch.value_needed) == ("c0", pytest.approx(58 + 0.25 / 0.75))


def test_each_item_says_its_own_json():
    assert challenge.Challenge("v1", "c0", None, 9.0).to_dict() == {
        "vendor": "v1", "criterion": "c0", "value_now": None, "value_needed": 9.0}  # fmt: skip
    assert challenge.Challenge("v2").to_dict() == {"vendor": "v2", "criterion": None}
    assert not challenge.Challenge("v2").possible and challenge.Challenge("v", "c").possible
    u = challenge.UnknownThatMatters("v0", "c1", "worst", 0.0, "v1")
    assert u.to_dict() == {"vendor": "v0", "criterion": "c1", "end": "worst", "value": 0.0,
                           "new_leader": "v1"}  # fmt: skip
    x = challenge.IdleCriterion("c2", 0.25, 0.01)
    assert x.to_dict() == {"criterion": "c2", "share": 0.25, "spread": 0.01}
    # The move is measured from the current value: 60/40 on 0..10, v0 = (9, 3) = 0.66 and
    # v1 = (9.6, 1.6) = 0.64. c0 needs x > 9.6 + 0.02 / 0.06 (a move of 0.33), c1 needs
    # y > 1.6 + 0.02 / 0.04 (0.5): c0, though its value is the larger.
    case = flat_case([[9, 3], [9.6, 1.6]], [60, 40])
    (ch,) = decision_brief(rank(case), analyse(case, Scenario(), samples=100)).challengers
    assert (ch.criterion, ch.value_needed) == ("c0", pytest.approx(9.6 + 1 / 3))


def test_wpm_a_veto_blocks_every_other_route_even_one_that_would_reach():
    # WPM 1/2 each: v1 = (0, 3) scores 0 whatever c1 is, as its 0 on c0 is weighted. Ignoring
    # the veto, c1 would "need" 0.8 ** 2 = 0.64 > 0.3, a value within reach: it must stay NaN.
    case = flat_case([[8, 8], [0, 3]], [50, 50])
    closed, searched = both_ways(case, "wpm")
    assert np.isnan(closed).all() and np.isnan(searched).all()


def test_a_level_exactly_on_the_boundary_only_ties_so_the_next_one_is_needed():
    # Exact binary fractions: c0 a cost on levels 0/2/4/8 (value 1 - x/8), c1 on 0..10, 1/2
    # each. v0 = (2, 10) scores 0.375 + 0.5 = 0.875, v1 = (8, 10) 0.5: the closed form's
    # boundary is x = 2.0 exactly, where v1 only ties; the next level down, 0, wins.
    levels = {"none": 0, "few": 2, "some": 4, "many": 8}
    case = with_levels(flat_case([[2, 10], [8, 10]], [50, 50], cost=(0,)), 0, levels)
    s = setup(case, Scenario())
    S = challenge.merit_matrix(s.V, s.resolved.weights[None, :], s.method, s.options)[0]
    assert challenge._needed_separable(s, S, [1])[0, 0] == 0
