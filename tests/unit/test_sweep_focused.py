"""The exact sweep path for many vendors (`_focused_changes`, `_envelope_breaks`): small cases
forced onto it, checked by hand and against the every-crossing path it stands in for."""

from __future__ import annotations

import importlib
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring import Scenario
from scoring.sensitivity.stability import stability_of
from tests.unit.sensitivity_cases import flat_case

sweep = importlib.import_module("scoring.sensitivity.sweep")  # the package exports a `sweep()`


def analysed(case, scenario, cid: str, focused: bool, chunk: int = sweep.CHUNK_ROWS):
    """(leader changes, stability interval) of one sweep, on the focused or the exhaustive path."""
    s = sweep.setup(case, scenario)
    path = sweep.weight_path(s, cid)
    cap = 0 if focused else 10**6
    with (
        mock.patch.object(sweep, "EVERY_CHANGE_MAX", cap),
        mock.patch.object(sweep, "CHUNK_ROWS", chunk),
    ):
        changes = sweep.ranking_changes(s, path)
    return sweep.leader_changes(s, path, changes), stability_of(s, cid, path, changes), changes


# Scores on a coarse grid (ties and lines through one point are common: the hard cases) and
# integer weights (current shares such as 1/2 or 2/3 where two vendors often tie).
cases = st.tuples(st.integers(2, 3), st.integers(2, 9)).flatmap(
    lambda nm: st.tuples(
        arrays(float, (nm[1], nm[0]), elements=st.integers(0, 10)),
        st.lists(st.integers(0, 4), min_size=nm[0], max_size=nm[0]).filter(any),
        st.integers(1, 4),
    )
)


@settings(max_examples=300, deadline=None)
@given(cases)
def test_focused_path_finds_the_leader_changes_and_intervals_of_every_crossing(data):
    X, weights, chunk = data
    case = flat_case(X, weights)
    for cid in sweep.sweepable(case):
        every = analysed(case, Scenario(), cid, focused=False)
        focused = analysed(case, Scenario(), cid, focused=True, chunk=chunk)
        assert_same(focused, every)


def assert_same(focused, every) -> None:
    """Equal leader changes and intervals; points equal up to SAME_POINT (three lines through
    one point give the same crossing from different pairs, one rounding apart)."""
    (fl, fs, fc), (el, es, ec) = focused, every

    def near(xs: list[float]):
        return pytest.approx(xs, abs=sweep.SAME_POINT)

    assert [(c.from_, c.to) for c in fl] == [(c.from_, c.to) for c in el], (ec, fc)
    assert [c.weight for c in fl] == near([c.weight for c in el]), (ec, fc)
    assert list(fs.to_dict().values()) == near(list(es.to_dict().values())), (ec, fc)


# --- the leader's changes: the upper envelope of the lines a_i + b_i t -------------------------


def breaks(a, b) -> list[float]:
    return sweep._envelope_breaks(np.array(a, dtype=float), np.array(b, dtype=float))


def test_envelope_breaks_by_hand():
    # 1, .8 + .5t and -1 + 3t: the second overtakes the first at .2 / .5 = .4, the third the
    # second at 1.8 / 2.5 = .72 (it passes the first at 2/3, when the second already leads).
    assert breaks([1, 0.8, -1], [0, 0.5, 3]) == pytest.approx([0.4, 0.72], abs=1e-15)


def test_envelope_lines_equal_at_the_start_the_steeper_leads():
    # 1, 1 + t and 3t: the second leads from 0, the third overtakes it at 1 / 2 (not the first at
    # 1/3, which it only would if the first led).
    assert breaks([1, 1, 0], [0, 1, 3]) == pytest.approx([0.5])
    # Equal at .75, slopes -.15 and -.12 (1e-15 of the slopes is below the rounding of .75), and
    # 1.5t: the second leads, the third meets it at .75 / 1.62, not the first at .75 / 1.65.
    assert breaks([0.75, 0.75, 0], [-0.15, -0.12, 1.5]) == pytest.approx([0.75 / 1.62])


def test_envelope_a_line_a_hair_below_at_the_start_takes_over_at_once():
    # .5 + 1e-15 - .25t and .5: the second overtakes at 4e-15 (a tie at 0 up to rounding) and
    # leads until .6t meets it at .5 / .6.
    (first, second) = breaks([0.5 + 1e-15, 0.5, 0], [-0.25, 0, 0.6])
    assert first == pytest.approx(4e-15, rel=0.1)
    assert second == pytest.approx(0.5 / 0.6)


def test_envelope_three_lines_through_one_point_hand_over_to_the_steepest():
    # 1, .5 + t and -.5 + 3t all pass through (.5, 1): the steepest leads after it. A fourth,
    # -.25 + 2t, would overtake the middle one at .75 but never the steepest.
    assert breaks([1, 0.5, -0.5, -0.25], [0, 1, 3, 2]) == [0.5]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([1, 0.5], [0, 0.5]),  # meets the leader at exactly 1: the end, not a break
        ([1, 0.5], [0, 0.4]),  # would meet it at 1.25, outside the range
        ([1, 0], [1, 0]),  # the leader is the steepest: no line can overtake it
        ([1], [0]),
    ],
)
def test_envelope_without_a_break_inside_the_range(a, b):
    assert breaks(a, b) == []


# --- the focused path by hand: the leader's changes and the nearest change on each side ---------


def test_a_tie_at_the_current_share_is_a_change_there():
    # v0 = (9, 9) leads; v1 = (6, 2) and v2 = (2, 8) score .2 + .4t and .8 - .6t, equal at .6,
    # which is c0's current share (weights 3:2). Both paths: the ranking holds only at .6 itself.
    case = flat_case([[9, 9], [6, 2], [2, 8]], [3, 2])
    for focused in (False, True):
        leader, stable, changes = analysed(case, Scenario(), "c0", focused=focused)
        assert leader == ()
        (c,) = changes
        assert (c.t, c.left, c.right) == (pytest.approx(0.6), (1, 3, 2), (1, 2, 3))
        assert (stable.ranking_low, stable.ranking_high) == pytest.approx((0.6, 0.6))
        assert (stable.leader_low, stable.leader_high) == (0.0, 1.0)


# One vendor far ahead, (10, 10); then four pairs in the bands [6, 7], [4, 5], [2, 3] and [0, 1]
# of the 0..10 scale (lines of different bands never meet), each a rising line L + t against a
# flat one at L + e, crossing at t = e: .9, .7, .3 and .1. The current share of c0 is .5.
BANDS = [[10, 10], [7, 6], [6.9, 6.9], [5, 4], [4.7, 4.7], [3, 2], [2.3, 2.3], [1, 0], [0.1, 0.1]]


@pytest.mark.parametrize("chunk", [256, 2, 1])
def test_focused_path_finds_the_nearest_change_on_each_side_by_hand(chunk):
    case = flat_case(BANDS, [1, 1])
    every = analysed(case, Scenario(), "c0", focused=False)
    assert [c.t for c in every[2]] == pytest.approx([0.1, 0.3, 0.7, 0.9])
    leader, stable, changes = analysed(case, Scenario(), "c0", focused=True, chunk=chunk)
    # Only .3 and .7: between them the flat line leads each of the two middle pairs and the
    # rising line each of the outer ones; left of .3 (read at .15) the pair at .3 has not yet
    # crossed; right of .7 (read at .85) the pair at .7 has.
    middle = (1, 3, 2, 5, 4, 6, 7, 8, 9)
    assert [(c.t, c.left, c.right) for c in changes] == [
        (pytest.approx(0.3), (1, 3, 2, 5, 4, 7, 6, 8, 9), middle),
        (pytest.approx(0.7), middle, (1, 3, 2, 4, 5, 6, 7, 8, 9)),
    ]
    assert leader == every[0] == ()
    assert stable == every[1]
    assert (stable.ranking_low, stable.ranking_high) == pytest.approx((0.3, 0.7))


def test_focused_path_reports_every_change_of_the_leader_by_hand():
    # With c0's share t a vendor (c0, c1) scores (c1 + (c0 - c1) t) / 10: v0 = (6, 6) -> 6,
    # v1 = (7, 5.6) -> 5.6 + 1.4t, v2 = (9, 2) -> 2 + 7t. v1 passes v0 at .4 / 1.4 = 2/7, v2
    # passes v1 at 3.6 / 5.6 = 9/14 (and v0 at 4/7, when v1 already leads). Current share .5.
    case = flat_case([[6, 6], [7, 5.6], [9, 2]], [1, 1])
    every = analysed(case, Scenario(), "c0", focused=False)
    leader, stable, _ = analysed(case, Scenario(), "c0", focused=True)
    assert [(c.weight, c.from_, c.to) for c in leader] == [
        (pytest.approx(2 / 7), "v0", "v1"),
        (pytest.approx(9 / 14), "v1", "v2"),
    ]
    assert leader == every[0]
    assert (stable.leader_low, stable.leader_high) == pytest.approx((2 / 7, 9 / 14))
    assert stable == every[1]


def test_a_tie_at_the_end_does_not_hide_the_nearest_change_inside():
    # v0 = (8, 3) -> .3 + .5t, v1 = (0, 8) -> .8 - .8t, v2 = (8, 0) -> .8t; c1 weighs 0, so the
    # current share of c0 is 1, where v0 and v2 tie (their lines meet at 1 up to rounding: a tie
    # at the end, not a change). Inside: v0 passes v1 at .5 / 1.3 = 5/13, v2 passes v1 at .5.
    case = flat_case([[8, 3], [0, 8], [8, 0]], [1, 0])
    every = analysed(case, Scenario(), "c0", focused=False)
    leader, stable, changes = analysed(case, Scenario(), "c0", focused=True)
    assert [(c.t, c.left, c.right) for c in changes] == [
        (pytest.approx(5 / 13), (2, 1, 3), (1, 2, 3)),
        (pytest.approx(0.5), (1, 2, 3), (1, 3, 2)),
    ]
    assert [(c.from_, c.to) for c in leader] == [("v1", "v0")]
    assert (leader, stable) == every[:2]
    assert (stable.ranking_low, stable.ranking_high) == (pytest.approx(0.5), 1.0)


def test_a_crossing_that_changes_no_rank_next_to_one_that_does():
    # v2 = (1, 1) and v3 = (1 + 4e-12, 1 - 4e-12) cross at .5 but stay within the tie tolerance
    # (tied throughout); v0 = (6, 2) and v1 = (2, 8) cross at .6, where v0 takes the lead. The
    # current share is .55 (weights 11:9): the nearest crossing below changes nothing, the one
    # above is the only change.
    case = flat_case([[6, 2], [2, 8], [1, 1], [1 + 4e-12, 1 - 4e-12]], [11, 9])
    every = analysed(case, Scenario(), "c0", focused=False)
    leader, stable, changes = analysed(case, Scenario(), "c0", focused=True)
    assert [(c.t, c.left, c.right) for c in changes] == [
        (pytest.approx(0.6), (2, 1, 3, 3), (1, 2, 3, 3))
    ]
    assert [(c.weight, c.from_, c.to) for c in leader] == [(pytest.approx(0.6), "v1", "v0")]
    assert (leader, stable) == every[:2]
    assert (stable.ranking_low, stable.ranking_high) == (0.0, pytest.approx(0.6))


# --- the nearest crossings from score neighbours (`_crossings_near`) ---------------------------

lines = st.integers(2, 120).flatmap(
    lambda m: st.tuples(
        arrays(float, m, elements=st.integers(0, 40).map(lambda x: x / 40)),
        arrays(float, m, elements=st.integers(-20, 20).map(lambda x: x / 10)),
        st.sampled_from([0.0, 0.25, 1 / 3, 0.5, 2 / 3, 0.9, 1.0]),
    )
)


@settings(max_examples=400, deadline=None)
@given(lines)
def test_nearest_crossings_from_neighbours_equal_every_pair(data):
    """The pruned scan finds the same two nearest crossings as scanning every pair, bit for bit,
    on coarse grids where ties and lines through one point abound."""
    a, b, t0 = data
    got = sweep._nearest_around(sweep._crossings_near(a, b, t0), t0)
    assert got == sweep._nearest_around(sweep._every_crossing(a, b), t0)


def test_spread_scores_scan_only_near_pairs_and_find_the_nearest_by_hand():
    """200 lines a_i = i / 200, every odd one falling with slope -1.5 / 200: line 2k+1 meets
    line 2k (flat, one step below) at t = 1 / 1.5 = 2/3; lines further apart meet at t >= 2 and
    same slopes never meet, so 2/3 is the nearest crossing above t0 = 0 and none lies below.
    The pruned scan looks at a pair or two per line, not all 19,900 pairs."""
    m = 200
    a = np.arange(m) / m
    b = np.where(np.arange(m) % 2 == 1, -1.5 / m, 0.0)
    blocks = list(sweep._crossings_near(a, b, 0.0))
    scanned = sum(block.size for block in blocks)
    assert scanned < 4 * m
    below, above = sweep._nearest_around(blocks, 0.0)
    assert (below, above) == (0.0, pytest.approx(2 / 3))
    assert (below, above) == sweep._nearest_around(sweep._every_crossing(a, b), 0.0)


def test_bunched_scores_fall_back_to_every_pair():
    """All lines through one point at t0: every pair is near, so every pair is scanned."""
    m = 40
    b = np.linspace(-1, 1, m)
    a = -b * 0.5  # every line is 0 at t = 0.5
    blocks = list(sweep._crossings_near(a, b, 0.5))
    assert sum(block.size for block in blocks) == m * m
    assert sweep._nearest_around(blocks, 0.5) == (pytest.approx(0.5), 1.0)
