"""Sweeps of many vendors under a method that is not linear in the weights (TOPSIS, WPM, VIKOR).

The every-change search (`sweep._bisected_changes`) bisects every bracket of its grid where the
ranking changes. With hundreds of vendors the ranking changes thousands of times along one
sweep (m^2/2 pairs can swap): 200 vendors took half a minute per criterion. The analyses read
only every change of the leader and the nearest change of the whole ranking on each side of
the current share (as `sweep._focused_changes` does for the linear methods), so that is all
this path looks for:

- the leader on the grid (who has rank 1, from the merits alone: no ranking of every vendor),
  and every bracket where it changes bisected, as the every-change search bisects;
- the first grid point on each side of the current share where the ranking differs, and in
  that bracket the change nearest the current share.

The grid has fewer points as the case grows (GRID_CELLS bounds points x vendors x criteria, at
least MIN_POINTS): brackets of at most 1% of the share, each bisected to BISECT_WIDTH. As on the
full grid, a leader that changes and changes back inside one bracket is not seen.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scoring.rank import TIE_TOLERANCE
from scoring.sensitivity.sweep import (
    BISECT_WIDTH,
    END_MARGIN,
    GRID_POINTS,
    Change,
    Setup,
    WeightPath,
    bracket_point,
    merits_at,
    ranks_at,
)

GRID_CELLS = 8_000_000  # grid points x vendors x criteria of one sweep's first pass
MIN_POINTS = 101  # brackets of 1% of the share at the coarsest
RANKS_BATCH = 16  # grid points ranked at a time while looking for the nearest change

State = Callable[[np.ndarray], np.ndarray]  # t (k,) -> one row per t, compared row by row


def grid_points(m: int, n: int) -> int:
    """Points of the first pass for m vendors and n criteria: GRID_POINTS while it fits."""
    return int(min(GRID_POINTS, max(MIN_POINTS, GRID_CELLS // max(1, m * n))))


def leader_mask(M: np.ndarray) -> np.ndarray:
    """Who ranks first in each row of merits M (k, m): nobody better by more than the tie
    tolerance (exactly `competition_ranks(M) == 1`)."""
    return ~(M.max(axis=1, keepdims=True) > M + TIE_TOLERANCE)


def focused_changes(s: Setup, path: WeightPath) -> tuple[Change, ...]:
    """Every change of the leader and the nearest ranking change on each side of t0."""
    t0 = path.current
    m, n = s.V.shape
    grid = np.union1d(np.linspace(0.0, 1.0, grid_points(m, n)), [t0])
    rows = max(1, GRID_CELLS // (4 * m * n))  # merits computed a few grid points at a time
    lead = np.vstack(
        [leader_mask(merits_at(s, path, grid[i : i + rows])) for i in range(0, grid.size, rows)]
    )

    def leaders(t: np.ndarray) -> np.ndarray:
        return leader_mask(merits_at(s, path, t))

    def ranks(t: np.ndarray) -> np.ndarray:
        return ranks_at(s, path, t)

    differs = np.any(lead[1:] != lead[:-1], axis=1)
    brackets = _every_change(leaders, grid[:-1][differs], grid[1:][differs], lead[1:][differs])
    here = int(np.searchsorted(grid, t0))  # grid[here] == t0
    brackets += [
        b for b in (_nearest(ranks, grid, here, True), _nearest(ranks, grid, here, False)) if b
    ]
    changes = [
        Change(bracket_point(a, b, t0), tuple(map(int, left)), tuple(map(int, right)))
        for (a, b) in sorted(brackets)
        # One point per call, as the bisection read them: at a tie's edge, a batch's rounding
        # can differ from a single point's by more than the tie tolerance's margin.
        for left, right in [(ranks(np.array([a]))[0], ranks(np.array([b]))[0])]
        if not np.array_equal(left, right)
    ]
    return tuple(changes)


def _every_change(
    state: State, lo: np.ndarray, hi: np.ndarray, goal: np.ndarray
) -> list[tuple[float, float]]:
    """Brackets (a, b) narrower than BISECT_WIDTH around every change of `state` inside the
    brackets (lo, hi), all bisected together; after each change the rest of a bracket is
    searched again until its far end's state (goal) is reached (as `_bisected_changes`)."""
    found: list[tuple[float, float]] = []
    for _ in range(goal.shape[1] + 1):  # at most one change per column of the state, and one
        if lo.size == 0:
            break
        left = state(lo)
        a, b = lo.copy(), hi.copy()
        while np.max(b - a) > BISECT_WIDTH:
            mid = (a + b) / 2
            same = np.all(state(mid) == left, axis=1)
            a = np.where(same, mid, a)
            b = np.where(same, b, mid)
        found += [(float(x), float(y)) for x, y in zip(a, b, strict=True)]
        rest = np.any(state(b) != goal, axis=1)
        lo, hi, goal = b[rest], hi[rest], goal[rest]
    return found


def _nearest(ranks: State, grid: np.ndarray, here: int, up: bool) -> tuple[float, float] | None:
    """A bracket around the nearest ranking change from grid[here], walking the grid one point
    at a time up (or down), that lies inside (END_MARGIN, 1 - END_MARGIN): one within
    END_MARGIN of an end is a tie there, which `ranking_changes` drops, so the search goes on
    past it."""
    step = 1 if up else -1
    pos, t = here, float(grid[here])
    state = ranks(grid[here : here + 1])[0]
    while (i := _first_different(ranks, grid, pos, state, step)) is not None:
        near = t if i - step == pos else float(grid[i - step])
        if step > 0:
            a, b = _edge(ranks, near, float(grid[i]), keep=state)
            t, pos = b, (i if b == grid[i] else i - 1)
        else:
            a, b = _edge(ranks, float(grid[i]), near, keep=None)
            t, pos = a, (i if a == grid[i] else i + 1)
        if END_MARGIN < (a + b) / 2 < 1.0 - END_MARGIN:
            return a, b
        state = ranks(np.array([t]))[0]
    return None


def _first_different(
    ranks: State, grid: np.ndarray, here: int, state: np.ndarray, step: int
) -> int | None:
    """The first grid index from `here` in direction `step` whose ranking is not `state`."""
    i = here + step
    while 0 <= i < grid.size:
        batch = np.arange(i, i + step * RANKS_BATCH, step)
        batch = batch[(batch >= 0) & (batch < grid.size)]
        differs = np.flatnonzero(np.any(ranks(grid[batch]) != state, axis=1))
        if differs.size:
            return int(batch[differs[0]])
        i = int(batch[-1]) + step
    return None


def _edge(ranks: State, lo: float, hi: float, keep: np.ndarray | None) -> tuple[float, float]:
    """A bracket narrower than BISECT_WIDTH around the first change after lo that leaves
    `keep` (lo's ranking) or, with keep None, the last change before hi (into hi's ranking)."""
    last = keep is None
    target = ranks(np.array([hi]))[0] if last else keep
    a, b = lo, hi
    while b - a > BISECT_WIDTH:
        mid = (a + b) / 2
        if np.array_equal(ranks(np.array([mid]))[0], target) != last:
            a = mid  # still lo's ranking (first), or not yet hi's (last)
        else:
            b = mid
    return a, b
