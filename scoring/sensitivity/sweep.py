"""One-way weight sweeps: vary one criterion's share of its parent from 0 to 1, find where it matters.

The swept quantity `t` is the criterion's LOCAL share of its parent (0..1); its siblings keep
their proportions among themselves and share the remaining 1 - t. Every other share in the tree
is unchanged, so each leaf's global weight is affine in t (exactly one factor of its product of
local shares depends on t, linearly): w(t) = (1 - t) w(0) + t w(1). Both ends come from
`scoring.case.global_weights`, so the tree logic lives in one place.

For a method linear in the weights (WSM, PROMETHEE II: score = F . w) each vendor's score is
then a_i + b_i t over the positive weight total, and every ranking change is one of the pairwise
intersections of those lines: the crossover points are exact (closed form). For the other
methods the ranking is evaluated on a fine grid and every bracket where it changes is bisected to
well below 1e-6.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from scoring.case import global_weights
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.methods import HIGHER_IS_BETTER
from scoring.model import Scenario
from scoring.rank import (
    competition_ranks,
    merit,
    merit_matrix,
    score_matrix,
)
from scoring.sensitivity.setup import Setup, setup
from scoring.sensitivity.setup import sweepable as sweepable  # its home before setup.py

GRID_POINTS = 1001  # grid of the non-additive search: brackets of 0.001 before bisection
BISECT_WIDTH = 1e-10  # bisection stops when a bracket is narrower than this
SAME_POINT = 1e-12  # two crossing points closer than this are one
# A change closer than this to 0 or 1 is a tie at the end of the range (there only one side's
# criteria count, and vendors equal on them tie), not a change inside it.
END_MARGIN = 1e-9
# Changes closer together than this are one change: passing through an exact tie (two scores
# within TIE_TOLERANCE over a sliver of t) would otherwise show as "into the tie, out of it".
MERGE_WIDTH = 1e-8
# Above this many vendors, sweeps find the leader's changes and the nearest ranking change
# only (`_focused_changes`; `sweep_grid` for the other methods), not all m^2/2 crossings;
# CHUNK_ROWS bounds the pairwise block.
EVERY_CHANGE_MAX = 60  # all m^2/2 crossings cost O(m^3): 200 vendors took ~20 s a report
CHUNK_ROWS = 256


@dataclass(frozen=True)
class WeightPath:
    """Leaf weights along the sweep of one criterion: w(t) = (1 - t) * start + t * end.

    `current` is the criterion's local share under the scenario (t that reproduces it).
    """

    criterion: str
    current: float
    start: np.ndarray
    end: np.ndarray

    def at(self, t: np.ndarray) -> np.ndarray:
        """Leaf weight vectors (len(t), n), each normalised to sum 1 (zero rows stay zero)."""
        t = np.asarray(t, dtype=float)[:, None]
        W = (1.0 - t) * self.start + t * self.end
        total = W.sum(axis=1, keepdims=True)
        return W / np.where(total > 0, total, 1.0)


def weight_path(s: Setup, criterion_id: str) -> WeightPath:
    """The affine path of leaf weights as `criterion_id`'s local share goes from 0 to 1."""
    if criterion_id not in s.case.by_id:
        raise ScenarioError(
            f"unknown criterion {criterion_id!r} (known: {', '.join(s.case.by_id)})"
        )
    siblings = [c.id for c in s.case.siblings(criterion_id)]
    if len(siblings) < 2:
        raise ScenarioError(f"{criterion_id} has no siblings: its share of its parent is always 1")
    others = [c for c in siblings if c != criterion_id]
    total = sum(s.raw[c] for c in siblings)
    current = s.raw[criterion_id] / total if total > 0 else 0.0
    return WeightPath(
        criterion_id,
        current,
        _leaf_weights_at(s, criterion_id, others, 0.0),
        _leaf_weights_at(s, criterion_id, others, 1.0),
    )


def _leaf_weights_at(s: Setup, cid: str, others: list[str], t: float) -> np.ndarray:
    """Unnormalised global leaf weights with `cid` at local share t, siblings in proportion."""
    raw = dict(s.raw)
    rest = sum(s.raw[c] for c in others)
    raw[cid] = t
    # Siblings all at zero have no proportions to keep: they share 1 - t equally, unless the
    # swept criterion is at zero too (current share 0): then they stay at zero, so that the
    # path starts at the scenario's weights, where the whole group weighs nothing.
    share = 1.0 / len(others) if s.raw[cid] > 0 else 0.0
    for c in others:
        raw[c] = (1.0 - t) * (s.raw[c] / rest if rest > 0 else share)
    try:
        g = global_weights(s.case, raw)
    except ScenarioError:
        # Raised only when every leaf weight is zero at this end: that is the path's end point.
        return np.zeros(s.resolved.n)
    return np.array([g[c] for c in s.resolved.leaf_ids], dtype=float)


def scores_at(s: Setup, path: WeightPath, t: np.ndarray) -> np.ndarray:
    """Every vendor's score (len(t), m) under the method, along the path (as the method reads)."""
    return score_matrix(s.V, path.at(t), s.method, s.options)


def ranks_at(s: Setup, path: WeightPath, t: np.ndarray) -> np.ndarray:
    """Competition ranks (len(t), m) along the path."""
    return competition_ranks(merits_at(s, path, t))


def merits_at(s: Setup, path: WeightPath, t: np.ndarray) -> np.ndarray:
    """Scores turned higher-is-better (len(t), m) along the path. A linear method's F is reused
    in the product its method computes ((F W^T)^T), a prepared method (`fixed`) too: the same
    numbers as `merit_matrix`, without redoing the work that depends on V alone."""
    W = path.at(np.atleast_1d(t))
    if s.linear is not None:
        return merit((s.linear @ W.T).T, s.method)
    if s.fixed is not None:
        return merit(s.fixed(W), s.method)
    return merit_matrix(s.V, W, s.method, s.options)


@dataclass(frozen=True)
class Change:
    """A point where the ranking changes: ranks (m,) just left and just right of `t`."""

    t: float
    left: tuple[int, ...]
    right: tuple[int, ...]


def ranking_changes(s: Setup, path: WeightPath) -> tuple[Change, ...]:
    """Every point in (0, 1) where the ranking changes, in increasing order."""
    if s.linear is not None:
        found = _exact_changes(s, path)
    elif len(s.resolved.vendor_ids) > EVERY_CHANGE_MAX:
        from scoring.sensitivity.sweep_grid import focused_changes  # it imports this module

        found = focused_changes(s, path)
    else:
        found = _bisected_changes(s, path)
    return _merged([c for c in found if END_MARGIN < c.t < 1.0 - END_MARGIN])


def _merged(changes: list[Change]) -> tuple[Change, ...]:
    """Runs of changes within MERGE_WIDTH of each other become one (dropped if nothing changes)."""
    runs: list[list[Change]] = []
    for c in changes:
        if runs and c.t - runs[-1][-1].t <= MERGE_WIDTH:
            runs[-1].append(c)
        else:
            runs.append([c])
    out = []
    for run in runs:
        first, last = run[0], run[-1]
        if first.left != last.right:
            out.append(Change((first.t + last.t) / 2, first.left, last.right))
    return tuple(out)


def _exact_changes(s: Setup, path: WeightPath) -> tuple[Change, ...]:
    """A linear method: score_i(t) is proportional to a_i + b_i t (F = V for WSM), so changes
    are pairwise intersections."""
    F = s.linear
    a = F @ path.start
    b = F @ (path.end - path.start)
    if len(a) > EVERY_CHANGE_MAX:
        return _focused_changes(s, path, a, b)
    da = a[None, :] - a[:, None]
    db = b[:, None] - b[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = da / db
    iu = np.triu_indices(len(a), k=1)
    points = cross[iu]
    points = np.sort(points[np.isfinite(points) & (points > 0) & (points < 1)])
    if points.size == 0:
        return ()
    points = points[np.concatenate(([True], np.diff(points) > SAME_POINT))]
    return _changes_at(s, path, points)


def _focused_changes(
    s: Setup, path: WeightPath, a: np.ndarray, b: np.ndarray
) -> tuple[Change, ...]:
    """Many vendors (a linear method): not every one of the m^2/2 pairwise crossings (each a
    ranking of m), only what the analyses read - every change of the leader (the upper envelope of the lines
    a_i + b_i t, at most m breakpoints) and the nearest change of the whole ranking on each side
    of the current share. Exact; O(m log m) when scores are spread at the current share, O(m^2)
    when they bunch together (`_crossings_near`)."""
    below, above = _nearest_around(_crossings_near(a, b, path.current), path.current)
    inside = {p for p in _envelope_breaks(a, b) if END_MARGIN < p < 1.0 - END_MARGIN}
    points = np.array(sorted(inside | {p for p in (below, above) if 0 < p < 1}))
    if points.size == 0:
        return ()
    # The state between two neighbouring points, as `_exact_changes` reads it: no point lies
    # between `below` and `above`, and the leader is constant between envelope breaks.
    return _changes_at(s, path, points)


def _changes_at(s: Setup, path: WeightPath, points: np.ndarray) -> tuple[Change, ...]:
    """The changes at sorted candidate points: the ranking midway between each two neighbouring
    points (and the ends) compared across each point; a point where it is the same is none."""
    edges = np.concatenate(([0.0], points, [1.0]))
    states = ranks_at(s, path, (edges[:-1] + edges[1:]) / 2)
    return tuple(
        Change(float(p), tuple(map(int, states[i])), tuple(map(int, states[i + 1])))
        for i, p in enumerate(points)
        if not np.array_equal(states[i], states[i + 1])
    )


def _nearest_around(blocks: Iterable[np.ndarray], t0: float) -> tuple[float, float]:
    """The nearest crossing at or below t0 (0.0 if none) and above it (1.0 if none) inside
    (END_MARGIN, 1 - END_MARGIN), as `_exact_changes` would place them."""
    # The crossings at or just below t0 (a cluster closer than SAME_POINT is one): a crossing at
    # t0 itself is a change there (a tie at the current share), so it counts as the one below.
    lower = np.zeros(0)
    above = 1.0
    for cross in blocks:
        # Only crossings inside the range count: one within END_MARGIN of an end is a tie there
        # that `ranking_changes` drops, and must not hide the nearest change inside.
        cross = cross[np.isfinite(cross) & (cross > END_MARGIN) & (cross < 1.0 - END_MARGIN)]
        after = cross > t0 + SAME_POINT
        upper = cross[after]
        above = min(above, float(upper.min())) if upper.size else above
        lower = np.concatenate((lower, cross[~after]))
        lower = lower[lower >= lower.max() - 1e-9] if lower.size else lower
    below = 0.0
    if lower.size:  # as `_exact_changes` dedupes: the first point of the last cluster
        lower = np.sort(lower)
        below = float(lower[np.concatenate(([True], np.diff(lower) > SAME_POINT))][-1])
    return below, above


def _crossings_near(a: np.ndarray, b: np.ndarray, t0: float) -> Iterator[np.ndarray]:
    """Blocks of pairwise crossings (a_j - a_i) / (b_i - b_j) holding every one that can be the
    nearest on either side of t0, computed as the every-pair scan computes them.

    Sorted by score at t0, the first lines to cross after t0 are neighbours in that order (no
    other crossing comes first), so neighbours bound how far the nearest crossings can be, D.
    Two lines crossing within D of t0 differ at t0 by at most D |b_i - b_j|: only pairs that
    close in score are scanned (with a margin far above rounding), usually a few per vendor.
    Where that is still a large share of all pairs, every pair is scanned in row chunks.
    """
    m = len(a)
    s = a + b * t0
    order = np.argsort(s, kind="stable")
    ss = s[order]
    with np.errstate(divide="ignore", invalid="ignore"):
        near = (a[order[1:]] - a[order[:-1]]) / (b[order[:-1]] - b[order[1:]])
    near = near[np.isfinite(near) & (near > END_MARGIN) & (near < 1.0 - END_MARGIN)]
    up, down = near[near > t0 + SAME_POINT], near[near <= t0 + SAME_POINT]
    reach = max(
        (float(up.min()) if up.size else 1.0) - t0,
        t0 - (float(down.max()) if down.size else 0.0) + SAME_POINT + 1e-9,
    )
    width = (reach + 1e-12) * float(np.ptp(b)) + 1e-12 * (
        float(np.abs(a).max() + np.abs(b).max()) + 1.0
    )
    stop = np.searchsorted(ss, ss + width, side="right")  # partners of position p: p+1..stop-1
    counts = np.maximum(stop - np.arange(m) - 1, 0)
    if counts.sum() * 4 > m * m:  # scores too close together to prune: scan every pair
        yield from _every_crossing(a, b)
        return
    first = np.repeat(np.arange(m), counts)
    second = first + 1 + np.arange(first.size) - np.repeat(np.cumsum(counts) - counts, counts)
    i, j = order[first], order[second]
    with np.errstate(divide="ignore", invalid="ignore"):
        yield (a[j] - a[i]) / (b[i] - b[j])


def _every_crossing(a: np.ndarray, b: np.ndarray) -> Iterator[np.ndarray]:
    """Every pairwise crossing (a_j - a_i) / (b_i - b_j), in blocks of CHUNK_ROWS rows."""
    for i in range(0, len(a), CHUNK_ROWS):
        with np.errstate(divide="ignore", invalid="ignore"):
            yield (a[None, :] - a[i : i + CHUNK_ROWS, None]) / (
                b[i : i + CHUNK_ROWS, None] - b[None, :]
            )


def _envelope_breaks(a: np.ndarray, b: np.ndarray) -> list[float]:
    """Where the highest of the lines a_i + b_i t changes hands on (0, 1)."""
    breaks: list[float] = []
    t = 0.0
    leader = int(np.lexsort((b, a))[-1])  # the highest at 0; among equals, the steeper leads
    while t < 1.0:
        steeper = b > b[leader] + 1e-15
        if not steeper.any():
            break
        with np.errstate(divide="ignore", invalid="ignore"):
            meet = (a[leader] - a) / (b - b[leader])
        # Every meeting after t counts, however close: two lines tied at t up to rounding (the
        # flatter one a hair above) part at once, and the steeper one leads from there on.
        meet = np.where(steeper & (meet > t), meet, np.inf)
        nxt = float(meet.min())
        if not nxt < 1.0:
            break
        breaks.append(nxt)
        t = nxt
        tied = np.flatnonzero(meet <= nxt + SAME_POINT)
        leader = int(tied[np.argmax(b[tied])])
    return breaks


def _bisected_changes(s: Setup, path: WeightPath) -> tuple[Change, ...]:
    """Grid search, then all brackets bisected together (one batched call per step).

    A bracket may hold several changes: after each bisection the rest of the bracket is
    searched again until its far end is reached.
    """
    grid = np.union1d(np.linspace(0.0, 1.0, GRID_POINTS), [path.current])
    states = ranks_at(s, path, grid)
    differs = np.any(states[1:] != states[:-1], axis=1)
    lo, hi = grid[:-1][differs], grid[1:][differs]
    goal = states[1:][differs]
    found: list[Change] = []
    for _ in range(len(s.resolved.vendor_ids) ** 2 + 1):  # at most one change per pair swap
        if lo.size == 0:
            break
        left = ranks_at(s, path, lo)
        a, b = lo.copy(), hi.copy()
        while np.max(b - a) > BISECT_WIDTH:
            mid = (a + b) / 2
            same = np.all(ranks_at(s, path, mid) == left, axis=1)
            a = np.where(same, mid, a)
            b = np.where(same, b, mid)
        right = ranks_at(s, path, b)
        found += [
            Change(
                bracket_point(a[i], b[i], path.current),
                tuple(map(int, left[i])),
                tuple(map(int, right[i])),
            )
            for i in range(lo.size)
        ]
        rest = np.any(right != goal, axis=1)
        lo, hi, goal = b[rest], hi[rest], goal[rest]
    return tuple(sorted(found, key=lambda c: c.t))


def bracket_point(a: float, b: float, t0: float) -> float:
    """Where a bisected change is placed: the middle of its final bracket, or t0 itself when the
    bracket ends there (a tie at the current share is a change there, as on the exact path; the
    middle would put it half a bisection width off, on one side or the other)."""
    return float(t0) if t0 in (a, b) else float((a + b) / 2)


def leaders(ranks: tuple[int, ...] | np.ndarray) -> frozenset[int]:
    return frozenset(int(i) for i in np.flatnonzero(np.asarray(ranks) == 1))


@dataclass(frozen=True)
class Crossover:
    """The leader changes at local share `weight` (0..1 of the parent) from one vendor to another."""

    criterion: str
    weight: float
    from_: str
    to: str

    def to_dict(self) -> dict:
        return {"weight": self.weight, "from": self.from_, "to": self.to}


def leader_id(s: Setup, ranks: tuple[int, ...]) -> str:
    """The first of the rank-1 vendors in name order (as the ranking table shows them)."""
    top = leaders(ranks)
    first = next(int(i) for i in s.name_order if int(i) in top)
    return s.resolved.vendor_ids[first]


def leader_changes(
    s: Setup, path: WeightPath, changes: tuple[Change, ...]
) -> tuple[Crossover, ...]:
    return tuple(
        Crossover(path.criterion, c.t, leader_id(s, c.left), leader_id(s, c.right))
        for c in changes
        if leaders(c.left) != leaders(c.right)
    )


def crossovers(case: Case, scenario: Scenario, criterion_id: str) -> tuple[Crossover, ...]:
    """Where the leader changes as `criterion_id`'s local share (0..1) sweeps its range."""
    s = setup(case, scenario)
    path = weight_path(s, criterion_id)
    return leader_changes(s, path, ranking_changes(s, path))


@dataclass(frozen=True)
class Sweep:
    """Scores along one criterion's sweep, ready to plot.

    t: (p,) local shares 0..1 (a grid plus every leader change and the current share);
    scores: (p, m) each vendor's score at each t; current: the scenario's local share.
    """

    criterion: str
    criterion_name: str
    current: float
    t: np.ndarray
    scores: np.ndarray
    vendor_ids: tuple[str, ...]
    vendor_names: tuple[str, ...]
    leader_changes: tuple[Crossover, ...]
    current_scores: np.ndarray
    higher_is_better: bool = True  # False: the lowest score leads (VIKOR's Q)


def sweep(case: Case, scenario: Scenario, criterion_id: str, points: int = 201) -> Sweep:
    """Each vendor's score as `criterion_id`'s local share of its parent goes from 0 to 1."""
    s = setup(case, scenario)
    path = weight_path(s, criterion_id)
    changes = leader_changes(s, path, ranking_changes(s, path))
    t = np.union1d(
        np.linspace(0.0, 1.0, max(int(points), 2)), [path.current, *(c.weight for c in changes)]
    )
    r = s.resolved
    return Sweep(
        criterion_id,
        case.by_id[criterion_id].name,
        path.current,
        t,
        scores_at(s, path, t),
        r.vendor_ids,
        r.vendor_names,
        changes,
        scores_at(s, path, np.array([path.current]))[0],
        HIGHER_IS_BETTER[s.method],
    )
