"""Stability intervals: how far each criterion's weight can move before the result changes.

For every criterion with siblings, the interval of its LOCAL share of its parent (0..1, siblings
keeping their proportions) that contains the current share and within which (a) the leader stays
the leader and (b) the whole ranking stays the same. The edges are the ranking changes found by
`sweep.ranking_changes`: exact for WSM, bisected to well below 1e-6 for the other methods.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np

from scoring.load import Case
from scoring.model import Scenario
from scoring.sensitivity.sweep import (
    SAME_POINT,
    Change,
    Setup,
    WeightPath,
    leaders,
    ranking_changes,
    ranks_at,
    setup,
    sweepable,
    weight_path,
)


@dataclass(frozen=True)
class StabilityInterval:
    """Local-share intervals (0..1 of the parent) around the current share `weight`.

    The leader stays the leader for shares in [leader_low, leader_high]; the whole ranking stays
    the same in [ranking_low, ranking_high]. An edge at 0 or 1 means "no change in that direction".
    """

    criterion: str
    name: str
    weight: float
    leader_low: float
    leader_high: float
    ranking_low: float
    ranking_high: float

    @property
    def leader_margin(self) -> float:
        """Distance from the current share to the nearer edge where the leader changes (inf: none)."""
        return _margin(self.weight, self.leader_low, self.leader_high)

    @property
    def ranking_margin(self) -> float:
        """Distance from the current share to the nearer edge where the ranking changes."""
        return _margin(self.weight, self.ranking_low, self.ranking_high)

    def to_dict(self) -> dict:
        return {
            "weight": self.weight,
            "leader_low": self.leader_low,
            "leader_high": self.leader_high,
            "ranking_low": self.ranking_low,
            "ranking_high": self.ranking_high,
        }


def _margin(weight: float, low: float, high: float) -> float:
    """The nearer edge that is a real change (0 and 1 are the ends of the range, not changes)."""
    gaps = [weight - low if low > 0 else np.inf, high - weight if high < 1 else np.inf]
    return float(min(gaps))


def interval(
    changes: tuple[Change, ...], t0: float, s0: tuple[int, ...], key: Callable[..., Hashable]
) -> tuple[float, float]:
    """The widest interval around t0 on which key(state) stays key(s0), state at t0 being s0."""
    want = key(s0)
    low, high = 0.0, 1.0
    for c in changes:  # increasing t
        if c.t >= t0 - SAME_POINT and key(c.right) != want:
            high = max(c.t, t0) if abs(c.t - t0) <= SAME_POINT else c.t
            break
    for c in reversed(changes):
        if c.t <= t0 + SAME_POINT and key(c.left) != want:
            low = min(c.t, t0) if abs(c.t - t0) <= SAME_POINT else c.t
            break
    return low, high


def stability_of(
    s: Setup,
    criterion_id: str,
    path: WeightPath | None = None,
    changes: tuple[Change, ...] | None = None,
) -> StabilityInterval:
    """The stability interval of one criterion (path and changes reused when given)."""
    path = path or weight_path(s, criterion_id)
    changes = ranking_changes(s, path) if changes is None else changes
    s0 = tuple(map(int, ranks_at(s, path, np.array([path.current]))[0]))
    leader = interval(changes, path.current, s0, leaders)
    ranking = interval(changes, path.current, s0, tuple)
    return StabilityInterval(
        criterion_id, s.case.by_id[criterion_id].name, path.current, *leader, *ranking
    )


def by_risk(intervals: tuple[StabilityInterval, ...]) -> tuple[StabilityInterval, ...]:
    """Riskiest first: the smallest move that changes the leader, then the ranking."""
    return tuple(sorted(intervals, key=lambda x: (x.leader_margin, x.ranking_margin, x.criterion)))


def stability_intervals(
    case: Case, scenario: Scenario, sort: bool = True
) -> tuple[StabilityInterval, ...]:
    """One interval per criterion that has siblings; riskiest first unless sort=False (tree order).

    Weights are each criterion's LOCAL share of its parent, 0..1.
    """
    s = setup(case, scenario)
    out = tuple(stability_of(s, cid) for cid in sweepable(case))
    return by_risk(out) if sort else out
