"""Stability intervals: the edges are exactly where the leader / the ranking changes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scoring import Scenario, load_case
from scoring.load import Case
from scoring.sensitivity import by_risk, stability_intervals
from scoring.sensitivity.stability import interval
from scoring.sensitivity.sweep import SAME_POINT, Change, leaders, ranks_at, setup, weight_path
from tests.unit.sensitivity_cases import flat_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped() -> Case:
    return load_case(ROOT / "criteria", ROOT / "vendors")


def test_two_vendors_by_hand():
    # A = (6, 2), B = (2, 8), raw weights 3:1 -> c0 share 0.75; lines cross at 0.6 (A above).
    (x0, x1) = stability_intervals(flat_case([[6, 2], [2, 8]], [3, 1]), Scenario(), sort=False)
    assert x0.weight == 0.75
    assert (x0.leader_low, x0.leader_high) == (pytest.approx(0.6), 1.0)
    assert (x0.ranking_low, x0.ranking_high) == (pytest.approx(0.6), 1.0)
    assert x0.leader_margin == pytest.approx(0.15)
    assert x1.weight == 0.25 and (x1.leader_low, x1.leader_high) == (0.0, pytest.approx(0.4))
    assert x0.to_dict() == {
        "weight": 0.75,
        "leader_low": x0.leader_low,
        "leader_high": 1.0,
        "ranking_low": x0.ranking_low,
        "ranking_high": 1.0,
    }


def test_ranking_interval_is_inside_the_leader_interval(shipped):
    for method in ("wsm", "wpm", "topsis"):
        for x in stability_intervals(shipped, Scenario(method=method)):
            assert x.leader_low <= x.ranking_low <= x.weight <= x.ranking_high <= x.leader_high


def _state(case, scenario, cid, t):
    s = setup(case, scenario)
    return ranks_at(s, weight_path(s, cid), np.array([t]))[0]


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee2"])
@pytest.mark.parametrize("eps", [1e-6, 1e-4])
def test_edges_are_where_leader_and_ranking_actually_change(shipped, method, eps):
    sc = Scenario(method=method)
    checked = 0
    for x in stability_intervals(shipped, sc):
        now = _state(shipped, sc, x.criterion, x.weight)
        for edge, inside, outside in (
            (x.leader_low, x.leader_low + eps, x.leader_low - eps),
            (x.leader_high, x.leader_high - eps, x.leader_high + eps),
        ):
            if 0 < edge < 1:
                assert leaders(_state(shipped, sc, x.criterion, inside)) == leaders(now)
                assert leaders(_state(shipped, sc, x.criterion, outside)) != leaders(now)
                checked += 1
        for edge, inside, outside in (
            (x.ranking_low, x.ranking_low + eps, x.ranking_low - eps),
            (x.ranking_high, x.ranking_high - eps, x.ranking_high + eps),
        ):
            if 0 < edge < 1:
                assert list(_state(shipped, sc, x.criterion, inside)) == list(now)
                assert list(_state(shipped, sc, x.criterion, outside)) != list(now)
                checked += 1
    assert checked >= 6  # the shipped case has real edges to check under every method


def test_edges_on_random_cases_under_every_method():
    rng = np.random.default_rng(11)
    for method in ("wsm", "wpm", "topsis"):
        for _ in range(3):
            case = flat_case(rng.uniform(1, 10, (5, 4)).round(1), rng.uniform(1, 5, 4).round(1))
            sc = Scenario(method=method)
            for x in stability_intervals(case, sc):
                now = list(_state(case, sc, x.criterion, x.weight))
                if 0 < x.ranking_high < 1:
                    assert list(_state(case, sc, x.criterion, x.ranking_high - 1e-6)) == now
                    assert list(_state(case, sc, x.criterion, x.ranking_high + 1e-6)) != now
                if 0 < x.ranking_low < 1:
                    assert list(_state(case, sc, x.criterion, x.ranking_low + 1e-6)) == now
                    assert list(_state(case, sc, x.criterion, x.ranking_low - 1e-6)) != now


def test_riskiest_first(shipped):
    intervals = stability_intervals(shipped, Scenario())
    # Hand-checked: regulatory readiness (25% -> Baidu leads from 67.8%) is the smallest move
    # that changes the leader, then consumer data (15% -> Tencent from 67.4%).
    assert [x.criterion for x in intervals[:2]] == ["regulatory_readiness", "user_data"]
    assert intervals[0].leader_margin == pytest.approx(0.6781115879828 - 0.25)
    margins = [(x.leader_margin, x.ranking_margin) for x in intervals]
    assert margins == sorted(margins)
    assert by_risk(stability_intervals(shipped, Scenario(), sort=False)) == intervals
    # A criterion that never changes the leader has an infinite margin: no edge inside 0..1.
    assert intervals[-1].leader_margin == np.inf


def test_a_current_tie_gives_a_zero_width_ranking_interval():
    # Equal raw weights: A = (8, 2) and B = (2, 8) tie exactly now; any move breaks the tie.
    x = stability_intervals(flat_case([[8, 2], [2, 8]], [1, 1]), Scenario(), sort=False)[0]
    assert x.weight == 0.5
    assert x.ranking_low == pytest.approx(0.5) and x.ranking_high == pytest.approx(0.5)
    assert x.leader_low == pytest.approx(0.5) and x.leader_high == pytest.approx(0.5)


# --- margins -----------------------------------------------------------------------------------


def test_ranking_margin_two_vendors_by_hand():
    # A = (6, 2), B = (2, 8), c0 share .75: the only change is at .6, so the ranking interval is
    # [.6, 1] (1 is the end of the range, not a change) and the margin .75 - .6 = .15; c1 (share
    # .25) mirrors it: [0, .4], margin .4 - .25 = .15.
    x0, x1 = stability_intervals(flat_case([[6, 2], [2, 8]], [3, 1]), Scenario(), sort=False)
    assert x0.ranking_margin == pytest.approx(0.15)
    assert x1.ranking_margin == pytest.approx(0.15)
    assert x1.leader_margin == pytest.approx(0.15)


def test_margins_take_the_nearer_of_two_real_edges():
    # A = (6, 2), B = (2, 8), C = (5, 5), raw weights 13:7 -> c0 share t0 = .65. WSM scores
    # A = .2 + .4t, B = .8 - .6t, C = .5: B meets C at .5, A meets B at .6, A meets C at .75.
    # At .65 the order is C (.5), A (.46), B (.41).
    # ranking: [.6, .75] -> margin min(.65 - .6, .75 - .65) = .05
    # leader C: C above A below .75 and above B above .5 -> [.5, .75], margin min(.15, .10) = .10
    x0, x1 = stability_intervals(
        flat_case([[6, 2], [2, 8], [5, 5]], [13, 7]), Scenario(), sort=False
    )
    assert (x0.ranking_low, x0.ranking_high) == (pytest.approx(0.6), pytest.approx(0.75))
    assert (x0.leader_low, x0.leader_high) == (pytest.approx(0.5), pytest.approx(0.75))
    assert x0.ranking_margin == pytest.approx(0.05)
    assert x0.leader_margin == pytest.approx(0.10)
    # c1's share is 1 - t: the same edges mirrored, [.25, .4] and [.25, .5]; t0 = .35
    assert x1.ranking_margin == pytest.approx(0.05)
    assert x1.leader_margin == pytest.approx(0.10)


def test_no_change_anywhere_gives_infinite_margins():
    # A = (8, 8) beats B = (2, 2) under every weight: no edge inside (0, 1) in either direction.
    for x in stability_intervals(flat_case([[8, 8], [2, 2]], [3, 1]), Scenario()):
        assert (x.leader_low, x.leader_high, x.ranking_low, x.ranking_high) == (0, 1, 0, 1)
        assert x.leader_margin == np.inf
        assert x.ranking_margin == np.inf


def test_one_sided_margin_is_the_distance_to_the_real_edge():
    # A = (6, 2), B = (2, 8) with raw 9:1 -> c0 share .9: the edge below is .6, above is the end.
    (x0, _) = stability_intervals(flat_case([[6, 2], [2, 8]], [9, 1]), Scenario(), sort=False)
    assert x0.leader_margin == pytest.approx(0.3)
    assert x0.ranking_margin == pytest.approx(0.3)


# (1, 6) and (1, 8): the computed crossing lands a few 1e-17 below / above t0 in floating point,
# so the interval must be widened to t0 itself on that side to contain the current share.
@pytest.mark.parametrize(("a", "b"), [(3, 2), (1, 1), (2, 3), (1, 6), (1, 8)])
def test_a_change_exactly_at_the_current_share_has_zero_margin(a, b):
    # Vendors built so that their WSM lines cross exactly at c0's current share t0 = a/(a+b):
    # A = (10 (1 - t0), 0), B = (0, 10 t0) -> A = 10 (1 - t0) t and B = 10 t0 (1 - t) are equal
    # at t = t0. The current ranking is that tie, so any move changes it: the interval is the
    # single point t0, which must still contain the current share (low <= t0 <= high), margins 0.
    t0 = a / (a + b)
    case = flat_case([[10 * (1 - t0), 0], [0, 10 * t0]], [a, b])
    x = stability_intervals(case, Scenario(), sort=False)[0]
    assert x.weight == t0
    assert x.ranking_low <= x.weight <= x.ranking_high
    assert x.leader_low <= x.weight <= x.leader_high
    assert x.ranking_high - x.ranking_low <= 1e-9
    assert x.ranking_margin == pytest.approx(0, abs=1e-9)
    assert x.leader_margin == pytest.approx(0, abs=1e-9)


def test_intervals_in_tree_order_or_riskiest_first():
    # c0 is equal for both vendors: sweeping it never changes the order (infinite margins), so
    # it is first in tree order and last by risk. A = (5, 6, 2), B = (5, 2, 8), raw 1:3:1.
    case = flat_case([[5, 6, 2], [5, 2, 8]], [1, 3, 1])
    tree = stability_intervals(case, Scenario(), sort=False)
    assert [x.criterion for x in tree] == ["c0", "c1", "c2"]
    assert [x.name for x in tree] == ["C0", "C1", "C2"]
    assert tree[0].leader_margin == np.inf
    assert stability_intervals(case, Scenario())[-1].criterion == "c0"


# --- interval(): a change within SAME_POINT of the current share (inclusive) is AT it ------------

NOW, OTHER = (1, 2), (2, 1)


def test_a_change_exactly_same_point_below_the_current_share_closes_the_interval_there():
    # t0 = SAME_POINT, change at 0: |0 - t0| is exactly SAME_POINT, so it is a change at t0 and
    # the interval above ends at t0 itself (not at the change, not beyond it).
    t0 = SAME_POINT
    changes = (Change(0.0, NOW, OTHER),)
    assert interval(changes, t0, NOW, tuple) == (0.0, t0)


def test_a_change_exactly_same_point_above_the_current_share_closes_the_interval_there():
    # t0 = 0, change at SAME_POINT: at t0, so the interval below ends at t0.
    changes = (Change(SAME_POINT, OTHER, NOW),)
    assert interval(changes, 0.0, NOW, tuple) == (0.0, 1.0)
    # t0 = .25 with a change at t0 + SAME_POINT and an earlier one at .1: the nearer counts.
    t0 = 0.25
    changes = (Change(0.1, OTHER, NOW), Change(t0 + SAME_POINT, OTHER, NOW))
    low, high = interval(changes, t0, NOW, tuple)
    assert low == pytest.approx(t0, abs=2 * SAME_POINT) and high == 1.0
