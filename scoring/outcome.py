"""What a method says beyond its scores: VIKOR's acceptance conditions and compromise set
(Opricovic & Tzeng 2007), PROMETHEE I's partial order (Brans & Vincke 1985).

Typed results, built once from a `Ranking`; the brief, the CLI and the reports render them
(`scoring.present`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.methods.promethee import flows, incomparable
from scoring.methods.vikor import compromise
from scoring.rank import Ranking


@dataclass(frozen=True)
class VikorOutcome:
    """S (total shortfall), R (worst single shortfall) and Q per vendor id; the two conditions
    for the vendor best by Q; the compromise set (ids, best Q first)."""

    v: float
    S: dict[str, float]
    R: dict[str, float]
    Q: dict[str, float]
    best: str
    advantage: bool
    stability: bool
    compromise: tuple[str, ...]
    dq: float

    def to_dict(self) -> dict:
        return {
            "method": "vikor",
            "v": self.v,
            "S": dict(self.S),
            "R": dict(self.R),
            "Q": dict(self.Q),
            "acceptable_advantage": self.advantage,
            "acceptable_stability": self.stability,
            "compromise_set": list(self.compromise),
            "dq": self.dq,
        }


@dataclass(frozen=True)
class PrometheeOutcome:
    """PROMETHEE I: the positive and negative flows per vendor id, and the pairs (ids, in rank
    order) it leaves incomparable; PROMETHEE II's net flow is their difference."""

    plus: dict[str, float]
    minus: dict[str, float]
    incomparable: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict:
        return {
            "method": "promethee2",
            "positive_flow": dict(self.plus),
            "negative_flow": dict(self.minus),
            "incomparable": [list(p) for p in self.incomparable],
        }


Outcome = VikorOutcome | PrometheeOutcome


def method_outcome(result: Ranking) -> Outcome | None:
    """The method's extra results for the ranked vendors, None for methods that have none (or
    when fewer than two vendors are ranked)."""
    r = result.resolved
    if r.m < 2:
        return None
    ids = r.vendor_ids
    if result.method == "vikor":
        v = float(result.scenario.vikor_v)
        c = compromise(result.V, r.weights, v)

        def by_id(x) -> dict[str, float]:
            return {vid: float(x[i]) for i, vid in enumerate(ids)}

        # The ranking table's first vendor (ties by name), so the brief names one leader.
        best = result.order[0]
        chosen = sorted(c.compromise, key=lambda i: (i != best, result.order.index(i)))
        return VikorOutcome(
            v, by_id(c.S), by_id(c.R), by_id(c.Q), ids[best], c.advantage, c.stability,
            tuple(ids[i] for i in chosen), c.dq,
        )  # fmt: skip
    if result.method == "promethee2":
        plus, minus = flows(result.V, r.weights, r.preference)
        # Each pair in rank order, the pairs by their first vendor's place then the second's
        # (at 2,000 vendors there can be 200,000 of them: sorted as arrays).
        place = np.full(r.m, r.m, dtype=np.int64)
        place[list(result.order)] = np.arange(len(result.order))
        pairs = np.array(incomparable(plus, minus), dtype=np.int64).reshape(-1, 2)
        first = np.where(place[pairs[:, 0]] <= place[pairs[:, 1]], pairs[:, 0], pairs[:, 1])
        second = pairs.sum(axis=1) - first
        by_place = np.lexsort((place[second], place[first]))
        return PrometheeOutcome(
            {vid: float(plus[i]) for i, vid in enumerate(ids)},
            {vid: float(minus[i]) for i, vid in enumerate(ids)},
            tuple((ids[a], ids[b]) for a, b in zip(first[by_place], second[by_place], strict=True)),
        )
    return None
