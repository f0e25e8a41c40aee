"""What each sweep path guarantees (scoring/sensitivity/sweep.py), checked where the whole-case
tests could not reach: a method registered without a prepared form, the resolution of the
bisected path's grid, the cap on the every-change search, and how few pairs the pruned crossing
scan reads. Found by mutation testing (mutation/RESULTS.md, tenth session)."""

from __future__ import annotations

import dataclasses
import importlib
from contextlib import ExitStack, contextmanager
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring import Scenario
from scoring.methods import METHOD_REGISTRY, METHODS
from scoring.rank import merit_matrix
from tests.unit.sensitivity_cases import flat_case

sweep = importlib.import_module("scoring.sensitivity.sweep")  # the package exports a `sweep()`


@contextmanager
def registered(key: str, **changes):
    """`key`'s registry entry changed, as a method added later might be registered."""
    entry = dataclasses.replace(METHOD_REGISTRY[key], **changes)
    with ExitStack() as stack:
        stack.enter_context(mock.patch.dict(METHOD_REGISTRY, {key: entry}))
        stack.enter_context(mock.patch.dict(METHODS, {key: entry.fn}))
        yield


def share(W: np.ndarray) -> np.ndarray:
    """c0's share t of the two leaves' weights, per weight vector."""
    return W[:, 0] / W.sum(axis=1)


# --- a method with neither a linear part nor a prepared form -----------------------------------


@pytest.mark.parametrize("method", ["topsis", "vikor"])
def test_a_method_without_a_prepared_form_is_swept_through_its_scores(method):
    """Every built-in non-linear method has a prepared form (`fixed`); one registered without it
    is swept through `merit_matrix`, with the same merits (VIKOR's lower-is-better turned, its
    v of .2 from the scenario) and so the same ranking changes."""
    rng = np.random.default_rng(7)
    case = flat_case(rng.integers(0, 11, size=(6, 3)), [3, 2, 1])
    scenario = Scenario(method=method, vikor_v=0.2)
    s = sweep.setup(case, scenario)
    path = sweep.weight_path(s, "c0")
    t = np.linspace(0, 1, 11)
    prepared = sweep.merits_at(s, path, t)
    want_changes = sweep.ranking_changes(s, path)
    with registered(method, fixed=None):
        bare = sweep.setup(case, scenario)
        assert bare.fixed is None and bare.linear is None
        got = sweep.merits_at(bare, path, t)
        changes = sweep.ranking_changes(bare, path)
        direct = merit_matrix(bare.V, path.at(t), method, {"v": 0.2} if method == "vikor" else {})
    np.testing.assert_allclose(got, prepared, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(got, direct)
    assert len(changes) == len(want_changes) > 0
    for c, w in zip(changes, want_changes, strict=True):
        assert (c.left, c.right) == (w.left, w.right)
        assert c.t == pytest.approx(w.t, abs=1e-9)


# --- the bisected path: a grid of 0.001 --------------------------------------------------------


def two_vendor_case():
    """Three vendors on two equally weighted criteria (c0's current share .5); the scores come
    from the registered stand-in method, not from these values."""
    return flat_case([[5, 5], [5, 5], [1, 1]], [1, 1])


def test_the_bisected_search_finds_a_lead_held_for_just_over_one_grid_step():
    """V1 leads only while c0's share is in (.2945, .2958), 0.0013 wide: the grid of 0.001 has
    a point inside (.295) and the bisection finds both ends; a grid of 0.02 or 0.002 would see
    no change at all."""

    def blip(V, W):
        t = share(W)
        inside = (t > 0.2945) & (t < 0.2958)
        return np.stack(
            [np.full(len(t), 0.5), np.where(inside, 0.501, 0.499), np.full(len(t), 0.1)],
            axis=1,
        )

    with registered("topsis", fn=blip, fixed=None):
        s = sweep.setup(two_vendor_case(), Scenario(method="topsis"))
        changes = sweep.ranking_changes(s, sweep.weight_path(s, "c0"))
    assert [(c.left, c.right) for c in changes] == [((1, 2, 3), (2, 1, 3)), ((2, 1, 3), (1, 2, 3))]
    assert [c.t for c in changes] == [
        pytest.approx(0.2945, abs=1e-9),
        pytest.approx(0.2958, abs=1e-9),
    ]


def test_the_bisected_search_places_a_change_at_the_current_share_exactly():
    """V0 and V1 are level up to c0's current share (.5), then V1 pulls ahead: the change is at
    .5 itself, not half a bisection width past it (as on the exact path)."""

    def level_then_ahead(V, W):
        t = share(W)
        return np.stack(
            [np.full(len(t), 0.5), 0.5 + np.maximum(t - 0.5, 0.0), np.full(len(t), 0.1)], axis=1
        )

    with registered("topsis", fn=level_then_ahead, fixed=None):
        s = sweep.setup(two_vendor_case(), Scenario(method="topsis"))
        path = sweep.weight_path(s, "c0")
        changes = sweep.ranking_changes(s, path)
    assert path.current == 0.5
    assert [(c.t, c.left, c.right) for c in changes] == [(0.5, (1, 1, 3), (2, 1, 3))]


def test_every_change_is_searched_up_to_the_cap_of_vendors():
    """At exactly EVERY_CHANGE_MAX vendors a non-linear method's sweep still reports every
    ranking change (the focused search, past the cap, reports far fewer)."""
    rng = np.random.default_rng(3)
    case = flat_case(rng.uniform(0, 10, size=(sweep.EVERY_CHANGE_MAX, 2)), [1, 1])
    s = sweep.setup(case, Scenario(method="topsis"))
    path = sweep.weight_path(s, "c0")
    changes = sweep.ranking_changes(s, path)
    with mock.patch.object(sweep, "EVERY_CHANGE_MAX", 10**6):
        every = sweep.ranking_changes(s, path)
    with mock.patch.object(sweep, "EVERY_CHANGE_MAX", 0):
        focused = sweep.ranking_changes(s, path)
    assert changes == every
    assert len(every) > len(focused) + 10


# --- the pruned crossing scan (`_crossings_near`) -----------------------------------------------


def scanned(a, b, t0) -> tuple[int, tuple[float, float]]:
    blocks = list(sweep._crossings_near(np.asarray(a, float), np.asarray(b, float), t0))
    return sum(block.size for block in blocks), sweep._nearest_around(blocks, t0)


def test_the_scan_reads_only_pairs_within_reach_of_the_nearest_crossing_by_hand():
    """Six lines, scores 0..5 at t0 = .5, slopes (8, 0, 0, 0, 0, 4). Lines 0 and 1 meet .125
    above t0 (1 / 8), lines 4 and 5 .25 below it (1 / 4); every other crossing is further or
    outside (0, 1). Two lines meeting within .25 of t0 differ there by at most .25 x 8 (the
    slopes' spread) = 2: the scan reads the 5 + 4 pairs one or two apart, not all 15."""
    b = np.array([8.0, 0, 0, 0, 0, 4])
    a = np.arange(6.0) - b * 0.5
    assert scanned(a, b, 0.5) == (9, (0.25, 0.625))
    every = sweep._nearest_around(sweep._every_crossing(a, b), 0.5)
    assert every == (0.25, 0.625)


def test_with_no_crossing_above_the_scan_reaches_to_the_end_of_the_range():
    """Slopes (0, 0, 0, 0, 0, 4): no crossing above t0 = .5, so the reach upwards is the rest
    of the range, .5, and .5 x 4 = 2 again: 9 pairs, the nearest below at .25."""
    b = np.array([0.0, 0, 0, 0, 0, 4])
    a = np.arange(6.0) - b * 0.5
    assert scanned(a, b, 0.5) == (9, (0.25, 1.0))


def test_a_tie_at_t0_is_the_nearest_crossing_below_and_costs_no_reach():
    """Scores (0, 1, 1, 2, 3, 4) at t0 = .5, slopes (8, 0, 1, 0, 0, 0): lines 1 and 2 are tied at
    t0 (a change there, the nearest below), line 0 meets line 1 .125 above. The reach is .125,
    x 8 = 1: the 7 pairs at most 1 apart, not every pair as a reach of .5 would read."""
    b = np.array([8.0, 0, 1, 0, 0, 0])
    a = np.array([0.0, 1, 1, 2, 3, 4]) - b * 0.5
    assert scanned(a, b, 0.5) == (7, (0.5, 0.625))


def test_the_reach_comes_from_the_neighbours_crossing_itself():
    """Two lines, -0.1 + .42 t and .11: they cross at t = .5 (0.21 / 0.42), 0.21 apart at t0 = 0;
    the reach .5 covers them. (A reach of 0.01 / 0.42 would miss the only crossing.)"""
    assert scanned([-0.1, 0.11], [0.42, 0.0], 0.0) == (1, (0.0, pytest.approx(0.5)))


@pytest.mark.parametrize(
    ("a0", "b0"),
    [
        (0.3, 0.1),  # small scores and slopes: the margin is not below 1e-12 x 1
        (0.01, 1.5),  # slopes larger than the scores: the margin counts both
    ],
)
def test_lines_tied_at_t0_up_to_rounding_are_read(a0, b0):
    """Two lines 2e-15 apart at t0 = 0 whose slopes differ by 2e-9 meet 1e-6 above it: the
    reach (1e-6) times the slopes' spread is 2e-15, no more than their gap, so only the margin
    for rounding (1e-12 x the size of the numbers) makes the scan read the pair."""
    a = np.array([a0, a0 - 2e-15])
    b = np.array([b0, b0 + 2e-9])
    count, nearest = scanned(a, b, 0.0)
    assert count == 1
    assert nearest == sweep._nearest_around(sweep._every_crossing(a, b), 0.0)
    assert nearest == (0.0, pytest.approx(1e-6, rel=0.1))


lines = st.integers(2, 60).flatmap(
    lambda m: st.tuples(
        arrays(float, m, elements=st.integers(-1000, 1000).map(lambda x: x / 1000)),
        arrays(float, m, elements=st.integers(-1000, 1000).map(lambda x: x / 500)),
        st.sampled_from([0.0, 0.1, 0.5, 0.75, 1.0]),
    )
)


@settings(max_examples=300, deadline=None)
@given(lines)
def test_spread_lines_pruned_scan_equals_every_pair(data):
    """Scores spread on a fine grid, negative ones too, where the scan prunes: the two nearest
    crossings equal those of every pair."""
    a, b, t0 = data
    got = sweep._nearest_around(sweep._crossings_near(a, b, t0), t0)
    assert got == sweep._nearest_around(sweep._every_crossing(a, b), t0)
