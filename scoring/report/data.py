"""ReportData: everything a ranking report says, computed once and read by every writer.

Writers never rank, normalise or analyse on their own: they lay out this object, so the CSV, the
spreadsheet, the PDF and the app can never disagree. The only value that changes from one build
to the next for the same scenario and data is `generated_at`, and it can be injected.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

import scoring
from scoring.errors import ScenarioError
from scoring.explain import contributions, head_to_head
from scoring.load import Case
from scoring.model import Scenario
from scoring.rank import Ranking, rank
from scoring.scenario.link import share_url

DEFAULT_BASE_URL = "http://localhost:8501/"


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

    @property
    def unknown(self) -> bool:
        return self.value == "unknown"


@dataclass(frozen=True)
class ReportData:
    """The content of a ranking report. Frozen; every writer reads only this."""

    title: str
    case_id: str
    case_description: str
    generated_at: dt.datetime
    share_url: str
    fingerprint: str
    version: str
    method: str
    normalization: str
    unknowns_policy: str
    weights: tuple[WeightRow, ...]
    leaves: tuple[tuple[str, str], ...]  # (id, name) in column order
    vendor_names: Mapping[str, str]
    ranking: tuple[RankRow, ...]
    excluded: tuple[ExcludedRow, ...]
    scores: tuple[ScoreRow, ...]  # ranked vendors, rank order
    head_to_head: HeadToHead | None
    sensitivity: Mapping | None  # scoring.sensitivity's to_dict(), or None
    sensitivity_note: str  # why sensitivity is missing ("" when present)
    evidence: tuple[EvidenceRow, ...]
    criterion_names: Mapping[str, str] = field(default_factory=dict)
    score_notes: tuple[str, ...] = ()  # why a score is what it is (e.g. a WPM veto)

    @property
    def leader(self) -> RankRow | None:
        return self.ranking[0] if self.ranking else None

    def name_of(self, vendor: str) -> str:
        return self.vendor_names.get(vendor, vendor)

    def criterion_name(self, criterion: str) -> str:
        return self.criterion_names.get(criterion, criterion)


def build_report_data(
    case: Case,
    scenario: Scenario,
    *,
    sensitivity: bool = True,
    samples: int | None = None,
    seed: int | None = None,
    generated_at: dt.datetime | None = None,
    base_url: str = DEFAULT_BASE_URL,
    result: Ranking | None = None,
) -> ReportData:
    """Rank (or reuse `result`), explain and analyse a scenario into one ReportData."""
    result = result if result is not None else rank(case, scenario)
    when = generated_at or dt.datetime.now(dt.UTC)
    sens, note = _sensitivity(case, scenario, sensitivity, samples, seed)
    return ReportData(
        title=case.info.name,
        case_id=case.info.id,
        case_description=case.info.description,
        generated_at=when.replace(microsecond=0),
        share_url=share_url(base_url, scenario, case),
        fingerprint=case.fingerprint,
        version=scoring.__version__,
        method=result.method,
        normalization=result.normalization,
        unknowns_policy=scenario.unknowns,
        weights=weight_rows(case, scenario),
        leaves=tuple((c.id, c.name) for c in case.leaves),
        vendor_names={v.id: v.name for v in case.vendors},
        ranking=rank_rows(result),
        excluded=excluded_rows(case, result),
        scores=score_rows(result),
        head_to_head=top_two(result),
        sensitivity=sens,
        sensitivity_note=note,
        evidence=evidence_rows(case, result),
        criterion_names={c.id: c.name for c in case.all_criteria},
        score_notes=tuple(result.veto_notes()),
    )


def weight_rows(case: Case, scenario: Scenario) -> tuple[WeightRow, ...]:
    from scoring.case import global_weights, local_shares, raw_weights

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


def score_rows(result: Ranking) -> tuple[ScoreRow, ...]:
    r = result.resolved
    contrib = contributions(result)
    return tuple(
        ScoreRow(
            vendor=r.vendor_ids[i],
            raw=_floats(r.X[i]),
            normalized=_floats(result.V[i]),
            contributions=_floats(contrib.loc[r.vendor_ids[i]].to_numpy()),
        )
        for i in result.order
    )


def top_two(result: Ranking) -> HeadToHead | None:
    if len(result.order) < 2:
        return None
    r = result.resolved
    ia, ib = result.order[0], result.order[1]
    frame = head_to_head(result, r.vendor_ids[ia], r.vendor_ids[ib])
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
    return HeadToHead(
        r.vendor_ids[ia], r.vendor_ids[ib], r.vendor_names[ia], r.vendor_names[ib], rows
    )


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
                )
            )
    return tuple(out)


def _sensitivity(
    case: Case, scenario: Scenario, wanted: bool, samples: int | None, seed: int | None
) -> tuple[dict | None, str]:
    if not wanted:
        return None, "not computed (switched off for this report)"
    try:
        from scoring.sensitivity import analyse
    except ImportError:  # the sensitivity engine is optional for a report
        return None, "not computed (the sensitivity engine is not available)"
    try:
        res = analyse(case, scenario, samples=samples, seed=seed)
    except ScenarioError as exc:  # e.g. every vendor set aside: the ranking still reports
        return None, f"not computed ({exc})"
    return plain(res.to_dict()), ""


def plain(value: object) -> object:
    """JSON-like plain Python (numpy scalars and arrays made floats/lists; tuples made lists)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [plain(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _floats(a: np.ndarray) -> tuple[float, ...]:
    return tuple(float(x) for x in a)
