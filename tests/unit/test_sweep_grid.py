"""Sweeps of many vendors under TOPSIS, WPM and VIKOR (scoring/sensitivity/sweep_grid.py): the
leader's changes and the nearest ranking change on each side, checked against the every-change
search it stands in for (small cases forced onto it) and by hand."""

from __future__ import annotations

import importlib
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring import Scenario
from scoring.sensitivity import sweep_grid
from scoring.sensitivity.stability import stability_of
from tests.unit.sensitivity_cases import flat_case

sweep = importlib.import_module("scoring.sensitivity.sweep")  # the package exports a `sweep()`
NONLINEAR = ["topsis", "wpm", "vikor"]


def analysed(case, scenario, cid: str, focused: bool):
    s = sweep.setup(case, scenario)
    path = sweep.weight_path(s, cid)
    with mock.patch.object(sweep, "EVERY_CHANGE_MAX", 0 if focused else 10**6):
        changes = sweep.ranking_changes(s, path)
    return sweep.leader_changes(s, path, changes), stability_of(s, cid, path, changes), changes


def assert_same(focused, every) -> None:
    """Equal leader changes and intervals; points within ten bisection widths: the leader's
    bracket is bisected on who leads, the every-change search's on the whole ranking, and where
    two scores part by just the tie tolerance (a weight near 0) rounding moves the edge."""
    (fl, fs, fc), (el, es, ec) = focused, every

    def near(xs: list[float]):
        return pytest.approx(xs, abs=10 * sweep.BISECT_WIDTH)

    assert [(c.from_, c.to) for c in fl] == [(c.from_, c.to) for c in el], (ec, fc)
    assert [c.weight for c in fl] == near([c.weight for c in el]), (ec, fc)
    assert list(fs.to_dict().values()) == near(list(es.to_dict().values())), (ec, fc)


cases = st.tuples(st.integers(2, 3), st.integers(2, 8)).flatmap(
    lambda nm: st.tuples(
        arrays(float, (nm[1], nm[0]), elements=st.integers(1, 10)),
        st.lists(st.integers(0, 4), min_size=nm[0], max_size=nm[0]).filter(any),
        st.sampled_from(NONLINEAR),
    )
)


@settings(max_examples=150, deadline=None)
@given(cases)
def test_the_grid_path_finds_the_leader_changes_and_intervals_of_every_change(data):
    X, weights, method = data
    case = flat_case(X, weights)
    scenario = Scenario(method=method)
    for cid in sweep.sweepable(case):
        assert_same(
            analysed(case, scenario, cid, focused=True),
            analysed(case, scenario, cid, focused=False),
        )


@pytest.mark.parametrize("method", NONLINEAR)
def test_three_vendors_by_hand(method):
    """V0 best on c0 (10 vs 1), V1 best on c1, V2 at 6 on both. As c0's share goes from 0 to 1
    the leader goes V1 (only c1 counts) -> V2 (balanced weights: 6 and 6 beat 10 and 1) -> V0
    (only c0 counts), and the focused path finds the same two changes as the every-change
    search."""
    case = flat_case([[10, 1], [1, 10], [6, 6]], [1, 1])
    focused = analysed(case, Scenario(method=method), "c0", focused=True)
    every = analysed(case, Scenario(method=method), "c0", focused=False)
    assert [(c.from_, c.to) for c in focused[0]] == [("v1", "v2"), ("v2", "v0")]
    assert focused[0][0].weight < 0.5 < focused[0][1].weight
    assert_same(focused, every)


def test_grid_points_shrink_with_the_case_down_to_the_floor():
    assert sweep_grid.grid_points(5, 12) == sweep.GRID_POINTS
    assert sweep_grid.grid_points(2000, 40) == sweep_grid.MIN_POINTS
    m = sweep_grid.GRID_CELLS // (500 * 10)
    assert sweep_grid.grid_points(m, 10) == 500


def test_leader_mask_is_rank_one():
    M = np.array([[0.5, 0.5 + 1e-13, 0.2], [0.1, 0.3, 0.3 - 2e-12]])
    assert sweep_grid.leader_mask(M).tolist() == [[True, True, False], [False, True, False]]
    assert (sweep_grid.leader_mask(M) == (sweep.competition_ranks(M) == 1)).all()


def test_the_nearest_change_in_a_bracket_of_several():
    """Ranks by hand along t: one change at 0.3 and one at 0.6 in the same bracket (0, 1): the
    first after 0 is at 0.3, the last before 1 at 0.6."""

    def ranks(t):
        t = np.asarray(t)
        return np.stack([np.where(t < 0.3, 1, 2), np.where(t < 0.6, 2, 3)], axis=1)

    a, b = sweep_grid._edge(ranks, 0.0, 1.0, keep=ranks(np.array([0.0]))[0])
    assert a < 0.3 <= b and b - a <= sweep.BISECT_WIDTH
    a, b = sweep_grid._edge(ranks, 0.0, 1.0, keep=None)
    assert a < 0.6 <= b and b - a <= sweep.BISECT_WIDTH


def test_a_bisected_change_next_to_the_current_share_is_placed_there():
    assert sweep.bracket_point(0.25, 0.25 + 1e-10, 0.25) == 0.25
    assert sweep.bracket_point(0.5 - 1e-10, 0.5, 0.5) == 0.5
    assert sweep.bracket_point(0.25, 0.75, 0.1) == 0.5


@pytest.mark.parametrize("method", NONLINEAR)
@pytest.mark.parametrize("focused", [True, False])
def test_a_tie_at_the_current_share_is_a_change_there(method, focused):
    """Two vendors mirror each other on two equally weighted criteria: at the current share
    (1/2) they tie, and either side one of them leads. The change is reported at 1/2 exactly,
    so the leader holds nowhere around it (as the exact path says of a tie)."""
    case = flat_case([[8, 2], [2, 8]], [1, 1])
    leaders, stability, changes = analysed(case, Scenario(method=method), "c0", focused)
    assert [c.t for c in changes] == [0.5]
    assert [(c.from_, c.to) for c in leaders] == [("v1", "v0")]
    assert (stability.leader_low, stability.leader_high) == (0.5, 0.5)


def stepped(*edges: float):
    """A state along t that changes at each of `edges` (one column: how many edges lie at or
    below t), as the leader mask or the ranking would."""

    def state(t):
        t = np.atleast_1d(np.asarray(t, dtype=float))
        return np.sum(t[:, None] >= np.array(edges)[None, :], axis=1)[:, None]

    return state


def test_every_change_bisects_each_bracket_on_its_own_state():
    """Two brackets at once: one changes early (0.1), one late (0.9). Each bracket's bisection
    follows its own state, so each ends around its own change."""
    state = stepped(0.1, 0.9)
    found = sweep_grid._every_change(
        state, np.array([0.0, 0.5]), np.array([0.5, 1.0]), state(np.array([0.5, 1.0]))
    )
    assert len(found) == 2
    (a1, b1), (a2, b2) = sorted(found)
    assert a1 < 0.1 <= b1 and a2 < 0.9 <= b2
    assert max(b1 - a1, b2 - a2) <= sweep.BISECT_WIDTH


def test_every_change_keeps_each_change_of_one_bracket_up_to_its_bound():
    """Changes at 0.2, 0.4 and 0.6 inside one bracket (0, 1): each is found in turn, the rest
    of the bracket searched again until its far end's state. The search stops after one more
    change than the state has columns (a bound on the work: a state of one column has 2)."""
    state = stepped(0.2, 0.4, 0.6)
    lo, hi = np.array([0.0]), np.array([1.0])
    found = sweep_grid._every_change(state, lo, hi, np.hstack([state(hi)] * 3))
    assert [round((a + b) / 2, 6) for a, b in found] == [0.2, 0.4, 0.6]
    capped = sweep_grid._every_change(state, lo, hi, state(hi))
    assert [round((a + b) / 2, 6) for a, b in capped] == [0.2, 0.4]


def test_the_nearest_change_is_a_blip_over_the_next_grid_point():
    """The ranking leaves and regains its state over (0.5005, 0.5015), which holds the grid
    point next to t0 = 0.5 on the right; on the left, over (0.4985, 0.4995). Walking the grid
    one point at a time finds each blip (a walk two points at a time would step over it)."""
    grid = np.linspace(0.0, 1.0, 1001)
    here = 500

    def blip(lo: float, hi: float):
        def state(t):
            t = np.atleast_1d(np.asarray(t, dtype=float))
            return ((t >= lo) & (t < hi)).astype(int)[:, None]

        return state

    right = sweep_grid._nearest(blip(0.5005, 0.5015), grid, here, True)
    assert right is not None and right[0] < 0.5005 <= right[1]
    left = sweep_grid._nearest(blip(0.4985, 0.4995), grid, here, False)
    assert left is not None and left[0] < 0.4995 <= left[1]


def test_the_first_pass_reads_the_whole_range_on_the_grid_and_the_current_share(monkeypatch):
    """focused_changes' first pass reads grid_points(m, n) evenly spaced shares over [0, 1], and
    the current share itself."""
    case = flat_case([[10, 1], [1, 10], [6, 6], [5, 4]], [1, 3])
    s = sweep.setup(case, Scenario(method="topsis"))
    path = sweep.weight_path(s, "c0")
    seen = []
    real = sweep_grid.merits_at

    def spy(s, path, t):
        seen.append(np.array(t, dtype=float))
        return real(s, path, t)

    monkeypatch.setattr(sweep_grid, "merits_at", spy)
    sweep_grid.focused_changes(s, path)
    first = np.concatenate(seen)
    points = sweep_grid.grid_points(4, 2)
    expected = np.union1d(np.linspace(0.0, 1.0, points), [path.current])
    assert first[: expected.size].tolist() == expected.tolist()


def changes_at(*edges: float):
    """A ranking along t that takes a new value at each edge and never returns to an old one."""
    return stepped(*edges)


@pytest.mark.parametrize("up", [True, False])
def test_the_nearest_of_two_changes_inside_one_grid_step(up):
    """Two changes inside one step of the grid from t0 = 0.5: walking up, the nearest is the
    first after t0; walking down, the last before it."""
    grid = np.linspace(0.0, 1.0, 1001)
    edges = (0.50021, 0.50067) if up else (0.49933, 0.49979)
    a, b = sweep_grid._nearest(changes_at(*edges), grid, 500, up)
    nearest = edges[0] if up else edges[1]
    assert a < nearest <= b and b - a <= sweep.BISECT_WIDTH


@pytest.mark.parametrize(
    ("edges", "want"),
    [
        ((5e-10, 0.3), 0.3),  # a tie at the end 0, then a change well inside
        ((5e-10, 0.0005), 0.0005),  # the next change before the next grid point
        ((9.6e-10, 1.5e-9), 1.5e-9),  # just inside END_MARGIN, then just past it
    ],
)
def test_a_change_at_the_end_is_passed_over_for_the_next_inside(edges, want):
    """From t0 = 0 (a share of 0), a change within END_MARGIN of 0 is a tie at that end, which
    `ranking_changes` drops: the walk goes on from just past it (not from the grid point
    before it, which would find the tie again) to the nearest change inside the range. The
    mirror image from t0 = 1, walking down."""
    grid = np.linspace(0.0, 1.0, 1001)
    a, b = sweep_grid._nearest(changes_at(*edges), grid, 0, True)
    assert a < want <= b and b - a <= sweep.BISECT_WIDTH
    mirrored = tuple(sorted(1.0 - e for e in edges))
    a, b = sweep_grid._nearest(changes_at(*mirrored), grid, 1000, False)
    assert a < 1.0 - want <= b and b - a <= sweep.BISECT_WIDTH
    assert sweep_grid._nearest(changes_at(edges[0]), grid, 0, True) is None  # only the tie


def test_after_an_end_tie_the_walk_reads_the_grid_point_it_stopped_before():
    """After the tie at the end (5e-10), the ranking changes at 0.0008 and back at 0.0012: a
    blip over the first grid point (0.001) only. The walk resumes at the grid point before the
    tie's bracket, so it reads 0.001 and finds the blip; resuming past 0.001 would find none.
    Mirrored from t0 = 1, walking down."""
    grid = np.linspace(0.0, 1.0, 1001)

    def state(tie: float, lo: float, hi: float):
        def ranks(t):
            t = np.atleast_1d(np.asarray(t, dtype=float))
            inside = (t >= lo) & (t < hi)
            return ((t >= tie) if tie < 0.5 else (t < tie)).astype(int)[:, None] + 2 * inside[
                :, None
            ]

        return ranks

    a, b = sweep_grid._nearest(state(5e-10, 0.0008, 0.0012), grid, 0, True)
    assert a < 0.0008 <= b
    a, b = sweep_grid._nearest(state(1 - 5e-10, 0.9988, 0.9992), grid, 1000, False)
    assert a < 0.9992 <= b


def test_a_lead_of_exactly_the_tie_tolerance_is_a_tie():
    """0.5 and 0.5 - 1e-12 (whose sum with the tolerance rounds to 0.5 exactly): nobody is
    better by MORE than the tolerance, so both lead, as competition_ranks says."""
    M = np.array([[0.5, 0.5 - 1e-12]])
    assert (M[0, 1] + sweep_grid.TIE_TOLERANCE) == 0.5
    assert sweep_grid.leader_mask(M).tolist() == [[True, True]]
    assert sweep_grid.leader_mask(M).tolist() == (sweep.competition_ranks(M) == 1).tolist()


def test_the_walk_down_reads_the_first_grid_point():
    """From index 1 walking down, index 0 (a share of 0) is read like any other."""
    grid = np.linspace(0.0, 1.0, 11)
    ranks = changes_at(0.05)  # 0 at t = 0, 1 from 0.05 on
    assert sweep_grid._first_different(ranks, grid, 1, ranks(grid[1:2])[0], -1) == 0
    assert sweep_grid._first_different(ranks, grid, 0, ranks(grid[:1])[0], -1) is None
    assert sweep_grid._first_different(ranks, grid, 0, ranks(grid[:1])[0], +1) == 1


def test_a_leader_that_changes_and_changes_back_is_found_both_times(monkeypatch):
    """v0 leads below 0.3004 and from 0.6004 on, v1 between, v2 is always last (merits made
    by hand along t). From t0 = 0.25 the nearest ranking change is 0.3004; the leader's
    return at 0.6004 is found by comparing each grid point with the one before it (compared
    with the first point, the return to its leader would look like no change)."""
    case = flat_case([[10, 1], [1, 10], [6, 6]], [1, 3])  # c0's share: 0.25
    s = sweep.setup(case, Scenario(method="topsis"))
    path = sweep.weight_path(s, "c0")
    assert path.current == 0.25

    def merits(s, path, t):
        t = np.atleast_1d(np.asarray(t, dtype=float))
        v1_leads = (t >= 0.3004) & (t < 0.6004)
        return np.column_stack([np.where(v1_leads, 0.5, 1.0), np.full(t.shape, 0.8), 0 * t])

    monkeypatch.setattr(sweep_grid, "merits_at", merits)
    monkeypatch.setattr(
        sweep_grid, "ranks_at", lambda s, path, t: sweep.competition_ranks(merits(s, path, t))
    )
    # The leader's pass and the nearest-change walk both find 0.3004 (ranking_changes merges).
    changes = {(round(c.t, 6), c.left, c.right) for c in sweep_grid.focused_changes(s, path)}
    assert sorted(changes) == [(0.3004, (1, 2, 3), (2, 1, 3)), (0.6004, (2, 1, 3), (1, 2, 3))]


def hand_made(monkeypatch, merits, single=None):
    """focused_changes on a 3-vendor case (c0's share 0.25) with merits along t made by hand:
    `merits(t)` for the first pass and the leader's brackets, `single(t)` (default the same)
    for the rankings read one point at a time."""
    case = flat_case([[10, 1], [1, 10], [6, 6]], [1, 3])
    s = sweep.setup(case, Scenario(method="topsis"))
    path = sweep.weight_path(s, "c0")
    one = single or merits
    monkeypatch.setattr(sweep_grid, "merits_at", lambda s, path, t: merits(np.atleast_1d(t)))
    monkeypatch.setattr(
        sweep_grid, "ranks_at", lambda s, path, t: sweep.competition_ranks(one(np.atleast_1d(t)))
    )
    return sweep_grid.focused_changes(s, path)


def v1_leads_where(inside):
    def merits(t):
        t = np.asarray(t, dtype=float)
        return np.column_stack([np.where(inside(t), 0.5, 1.0), np.full(t.shape, 0.8), 0 * t])

    return merits


def test_a_leader_change_exactly_at_the_current_share_is_placed_there(monkeypatch):
    """v1 leads from t = 0.25, the current share, on: the bracket ends at t0, and the change is
    placed at t0 itself, not half a bisection width below it."""
    changes = hand_made(monkeypatch, v1_leads_where(lambda t: t >= 0.25))
    assert {c.t for c in changes} == {0.25}


def test_a_bracket_whose_ends_rank_alike_one_point_at_a_time_is_no_change(monkeypatch):
    """At a tie's edge a batch's rounding can differ from a single point's: here the batched
    merits (the leader's pass) see v1 lead over (0.4004, 0.6004), the rankings read one point
    at a time never. Each bracket is kept only if its ends, read one at a time, differ."""
    batched = v1_leads_where(lambda t: (t.size > 1) & (t >= 0.4004) & (t < 0.6004))
    assert hand_made(monkeypatch, batched, single=v1_leads_where(lambda t: t < 0)) == ()
    every = v1_leads_where(lambda t: (t >= 0.4004) & (t < 0.6004))
    assert {round(c.t, 6) for c in hand_made(monkeypatch, every)} == {0.4004, 0.6004}


def test_the_nearest_change_is_bracketed_in_the_grid_step_that_saw_it():
    """Walking up from 0.5 the first grid point ranked otherwise is 0.511 (a change at 0.5104);
    a blip over (0.5052, 0.5058), between grid points, is not seen. The bracket is searched in
    the step the walk saw the change in, (0.510, 0.511), not from the walk's start, where the
    bisection's first midpoint (0.5055) would land in the blip."""
    grid = np.linspace(0.0, 1.0, 1001)

    def ranks(t):
        t = np.atleast_1d(np.asarray(t, dtype=float))
        return (((t > 0.5052) & (t < 0.5058)) | (t >= 0.5104)).astype(int)[:, None]

    a, b = sweep_grid._nearest(ranks, grid, 500, True)
    assert grid[510] <= a < 0.5104 <= b <= grid[511]
