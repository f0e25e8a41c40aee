"""The facts a report or a view lays out, taken once from a ranking: rows of weights, ranks,
scores, the head-to-head of the top two and the evidence, as frozen typed rows.

No output format computes these on its own; `scoring.present.tables` turns them into tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.case import global_weights, local_shares, raw_weights
from scoring.explain import contributions, head_to_head
from scoring.load import Case
from scoring.model import Criterion, Scenario
from scoring.rank import Ranking


@dataclass(frozen=True)
class WeightRow:
    """One criterion of the weights tree: raw weight, share of its parent, share of the whole."""

    criterion: str
    name: str
    depth: int  # 0 for a top-level criterion
    parent: str | None
    is_leaf: bool
    direction: str
    raw: float
    local: float
    global_: float


@dataclass(frozen=True)
class RankRow:
    rank: int
    vendor: str
    name: str
    score: float
    gap: float
    unknowns: tuple[str, ...]


@dataclass(frozen=True)
class ExcludedRow:
    vendor: str
    name: str
    reasons: tuple[str, ...]
    unknowns: tuple[str, ...]


@dataclass(frozen=True)
class ScoreRow:
    """One ranked vendor's values on every leaf: as used (numbers), normalised, contribution."""

    vendor: str
    raw: tuple[float, ...]
    normalized: tuple[float, ...]
    contributions: tuple[float, ...]


@dataclass(frozen=True)
class HeadToHeadRow:
    criterion: str
    name: str
    weight: float
    value_a: float
    value_b: float
    weighted_diff: float


@dataclass(frozen=True)
class HeadToHead:
    a: str
    b: str
    a_name: str
    b_name: str
    rows: tuple[HeadToHeadRow, ...]

    @property
    def total(self) -> float:
        return float(sum(r.weighted_diff for r in self.rows))


@dataclass(frozen=True)
class SourceRow:
    title: str
    url: str | None
    date: str


@dataclass(frozen=True)
class EvidenceRow:
    """A score as written in the vendor file, with the evidence behind it."""

    vendor: str
    vendor_name: str
    criterion: str
    criterion_name: str
    value: float | str  # a number, a level label, or "unknown"
    range: tuple[float | str, float | str] | None
    rationale: str
    sources: tuple[SourceRow, ...]
    rubric: str = ""  # what earns each score on this criterion, when the criteria file says

    @property
    def unknown(self) -> bool:
        return self.value == "unknown"


def rubric_text(c: Criterion) -> str:
    """What earns each score, as the criteria file's rubric says, lowest first:
    "0: connects to none of our tools; 5: email and calendar; 10: every tool we use"."""
    if not c.rubric:
        return ""

    def order(key: float | str) -> float:
        if isinstance(key, str):
            return float((c.levels or {}).get(key, 0))
        return float(key)

    def shown(key: float | str) -> str:
        return key if isinstance(key, str) else f"{key:g}"

    return "; ".join(
        f"{shown(k)}: {v.strip()}" for k, v in sorted(c.rubric.items(), key=lambda kv: order(kv[0]))
    )


def weight_rows(case: Case, scenario: Scenario) -> tuple[WeightRow, ...]:
    raw = raw_weights(case, scenario)
    local = local_shares(case, raw)
    glob = global_weights(case, raw)
    leaf_total = sum(glob[c.id] for c in case.leaves)
    return tuple(
        WeightRow(
            criterion=c.id,
            name=c.name,
            depth=len(case.ancestors(c.id)),
            parent=case.parent[c.id],
            is_leaf=c.is_leaf,
            direction=c.direction,
            raw=raw[c.id],
            local=local[c.id],
            global_=glob[c.id] / leaf_total,
        )
        for c in case.all_criteria
    )


def rank_rows(result: Ranking) -> tuple[RankRow, ...]:
    return tuple(
        RankRow(
            rank=row["rank"],
            vendor=row["vendor"],
            name=row["name"],
            score=row["score"],
            gap=row["gap"],
            unknowns=tuple(row["unknowns"]),
        )
        for row in result.rows()
    )


def excluded_rows(case: Case, result: Ranking) -> tuple[ExcludedRow, ...]:
    return tuple(
        ExcludedRow(
            vendor=e.vendor,
            name=e.name,
            reasons=tuple(e.reasons),
            unknowns=tuple(
                c.id for c in case.leaves if case.vendor_by_id[e.vendor].scores[c.id].unknown
            ),
        )
        for e in result.excluded
    )


def score_rows(result: Ranking, top: int | None = None) -> tuple[ScoreRow, ...]:
    """Each ranked vendor's values, 0-1 ratings and contributions, in rank order (the first
    `top` only, when given: a chart of 10 need not build 2,000 rows)."""
    r = result.resolved
    contrib = contributions(result).to_numpy()  # rows in rank order, as result.order
    return tuple(
        ScoreRow(
            vendor=r.vendor_ids[i],
            raw=_floats(r.X[i]),
            normalized=_floats(result.V[i]),
            contributions=_floats(contrib[k]),
        )
        for k, i in enumerate(result.order[:top])
    )


def top_two(result: Ranking) -> HeadToHead | None:
    """The leader against the runner-up; None with fewer than two ranked vendors."""
    if len(result.order) < 2:
        return None
    ids = result.resolved.vendor_ids
    return pair(result, ids[result.order[0]], ids[result.order[1]])


def pair(result: Ranking, a: str, b: str) -> HeadToHead:
    """Why `a` scores above (or below) `b`: weighted differences, largest effect first."""
    frame = head_to_head(result, a, b)
    rows = tuple(
        HeadToHeadRow(
            criterion=str(t.criterion),
            name=str(t.name),
            weight=float(t.weight),
            value_a=float(t.value_a),
            value_b=float(t.value_b),
            weighted_diff=float(t.weighted_diff),
        )
        for t in frame.itertuples(index=False)
    )
    names = result.case.vendor_by_id
    return HeadToHead(a, b, names[a].name, names[b].name, rows)


def evidence_rows(case: Case, result: Ranking) -> tuple[EvidenceRow, ...]:
    """Every score of every vendor in the scenario (ranked first, then set aside)."""
    vendors = [result.resolved.vendor_ids[i] for i in result.order]
    vendors += [e.vendor for e in result.excluded]
    out = []
    for vid in vendors:
        vendor = case.vendor_by_id[vid]
        for c in case.leaves:
            s = vendor.scores[c.id]
            out.append(
                EvidenceRow(
                    vendor=vid,
                    vendor_name=vendor.name,
                    criterion=c.id,
                    criterion_name=c.name,
                    value="unknown" if s.value is None else s.value,
                    range=tuple(s.range) if s.range is not None else None,
                    rationale=s.rationale.strip(),
                    sources=tuple(
                        SourceRow(src.title, src.url, "" if src.date is None else str(src.date))
                        for src in s.sources
                    ),
                    rubric=rubric_text(c),
                )
            )
    return tuple(out)


def _floats(a: np.ndarray) -> tuple[float, ...]:
    return tuple(float(x) for x in a)
