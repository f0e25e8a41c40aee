"""Presentation helpers shared by the writers: rounding for reading, and derived table rows.

Everything here is a pure function of ReportData, so every format shows the same numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from scoring.methods import LABELS, NORMALIZATION_LABELS
from scoring.report.data import EvidenceRow, ReportData

DASH = "\u2014"


def num(x: float | None, places: int = 3) -> str:
    """A number rounded for reading; a dash when missing."""
    return DASH if x is None else f"{x:.{places}f}"


def count(x: object) -> str:
    """A whole number with thousands separators (10,000), as the app and the CLI show counts."""
    return f"{x:,}" if isinstance(x, int) else str(x)


def pct(x: float | None, places: int = 1) -> str:
    return DASH if x is None else f"{100 * x:.{places}f}%"


def when(t: dt.datetime) -> str:
    """The timestamp as ISO 8601 (UTC when the time carries a zone)."""
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC)
        return t.strftime("%Y-%m-%d %H:%M:%S UTC")
    return t.strftime("%Y-%m-%d %H:%M:%S")


def value_text(row: EvidenceRow) -> str:
    v = row.value
    return v if isinstance(v, str) else f"{v:g}"


def range_text(row: EvidenceRow) -> str:
    if row.range is None or row.range[0] == row.range[1]:
        return ""
    lo, hi = (x if isinstance(x, str) else f"{x:g}" for x in row.range)
    return f"{lo} to {hi}"


def method_text(data: ReportData) -> str:
    method = LABELS.get(data.method, data.method)
    norm = NORMALIZATION_LABELS.get(data.normalization, data.normalization)
    return f"{method}, values {norm[:1].lower()}{norm[1:]}"


def summary_pairs(data: ReportData) -> list[tuple[str, str]]:
    """The report's facts as label/value pairs (the Summary sheet, the HTML header)."""
    leader = data.leader
    return [
        ("Case", data.title),
        ("Generated", when(data.generated_at)),
        ("Leader", f"{leader.name} ({num(leader.score)})" if leader else DASH),
        ("Method", method_text(data)),
        (
            "Unknown values scored at",
            "worst end of the scale" if data.unknowns_policy == "worst" else "scale midpoint",
        ),
        ("Vendors ranked", str(len(data.ranking))),
        ("Vendors set aside", str(len(data.excluded))),
        ("Sensitivity", smaa_text(data) if data.sensitivity else data.sensitivity_note),
        ("Data fingerprint", data.fingerprint),
        ("Software version", f"Shortlist {data.version}"),
        ("Share link", data.share_url),
    ]


def headline(data: ReportData) -> str:
    """The finding in one or two sentences: who leads, by how much, and how robustly."""
    if not data.ranking:
        return "No vendor passed the must-haves; nothing was ranked."
    lead = data.ranking[0]
    text = f"{lead.name} leads with a score of {num(lead.score)}"
    if len(data.ranking) > 1:
        second = data.ranking[1]
        text += f", {num(second.gap)} ahead of {second.name}"
    text += "."
    acc = {a.vendor: a for a in acceptability_rows(data)}
    if lead.vendor in acc and acc[lead.vendor].ranks:
        samples = ((data.sensitivity or {}).get("smaa") or {}).get("samples")
        text += (
            f" It ranks first in {pct(acc[lead.vendor].ranks[0])} of {count(samples)} simulations"
        )
        first: dict[str, float] = {}
        for c, w, *_ in crossover_rows(data):
            first.setdefault(c, w)
        if first:
            moves = ", ".join(f"{data.criterion_name(c)} at {pct(w)}" for c, w in first.items())
            text += f"; the leader changes when one weight moves to: {moves} (share of parent)."
        else:
            text += "; no single weight change alters the leader."
    return text


@dataclass(frozen=True)
class StabilityRow:
    criterion: str
    name: str
    weight: float | None
    leader_low: float | None
    leader_high: float | None
    ranking_low: float | None
    ranking_high: float | None

    @property
    def risk(self) -> tuple[float, float]:
        """The smallest move of this share that changes the leader, then the ranking (inf: none).

        The same order as `scoring.sensitivity.by_risk`: edges at 0 and 1 are the ends of the
        range, not changes.
        """
        return (
            _margin(self.weight, self.leader_low, self.leader_high),
            _margin(self.weight, self.ranking_low, self.ranking_high),
        )


def _margin(weight: float | None, low: float | None, high: float | None) -> float:
    if weight is None:
        return math.inf
    gaps = [
        weight - low if low is not None and low > 0 else math.inf,
        high - weight if high is not None and high < 1 else math.inf,
    ]
    return min(gaps)


def stability_rows(data: ReportData) -> list[StabilityRow]:
    """Stability intervals, riskiest first (the smallest move that changes the leader, then the
    ranking; ties in the order of the weights tree). Criteria the engine skipped are omitted."""
    stab = (data.sensitivity or {}).get("stability") or {}
    rows = [
        StabilityRow(
            w.criterion,
            w.name,
            *(stab[w.criterion].get(k) for k in ("weight", "leader_low", "leader_high")),
            *(stab[w.criterion].get(k) for k in ("ranking_low", "ranking_high")),
        )
        for w in data.weights
        if w.criterion in stab
    ]
    return sorted(rows, key=lambda r: r.risk)  # stable: tree order among equals


def not_swept_notes(data: ReportData) -> list[str]:
    """Why some criteria have no stability interval of their own (only children)."""
    return list(((data.sensitivity or {}).get("not_swept") or {}).values())


@dataclass(frozen=True)
class AcceptabilityRow:
    vendor: str
    name: str
    ranks: tuple[float, ...]  # p(rank 1), p(rank 2), ...
    confidence: float | None


def acceptability_rows(data: ReportData) -> list[AcceptabilityRow]:
    """Rank acceptability per vendor, in the order of the ranking."""
    smaa = (data.sensitivity or {}).get("smaa") or {}
    acc = smaa.get("rank_acceptability") or {}
    conf = smaa.get("confidence") or {}
    order = [r.vendor for r in data.ranking] + sorted(set(acc) - {r.vendor for r in data.ranking})
    return [
        AcceptabilityRow(v, data.name_of(v), tuple(acc[v]), conf.get(v)) for v in order if v in acc
    ]


# SMAA samples the global weights of the leaf criteria (see scoring.sensitivity.smaa).
WEIGHT_MODELS = {
    "uniform": "leaf weights sampled uniformly over all possible weights (no preference "
    "information)",
    "dirichlet": "leaf weights sampled around the current weights",
    "order": "leaf weights sampled in any proportions that keep their current order",
}


def smaa_text(data: ReportData) -> str:
    """One sentence naming how the rank acceptability was computed (samples, seed, models)."""
    smaa = (data.sensitivity or {}).get("smaa") or {}
    parts = [f"SMAA-2 with {count(smaa.get('samples'))} samples, seed {smaa.get('seed')}"]
    model = smaa.get("weights_model")
    if model in WEIGHT_MODELS:
        extra = (
            f" (concentration {smaa['concentration']:g})"
            if model == "dirichlet" and isinstance(smaa.get("concentration"), int | float)
            else ""
        )
        parts.append(WEIGHT_MODELS[model] + extra)
    sampling = smaa.get("score_sampling")
    if sampling == "none":
        parts.append("scores fixed")
    elif sampling:
        parts.append(f"scores sampled {sampling} within their ranges (unknowns over the scale)")
    return "; ".join(parts)


@dataclass(frozen=True)
class MethodRow:
    method: str
    ranking: tuple[str, ...]
    kendall_tau: float | None
    spearman_rho: float | None
    differs: tuple[str, ...] = ()  # vendors ranked differently than under the report's method


def method_rows(data: ReportData) -> list[MethodRow]:
    """The ranking under each method: the report's own method first, then by name."""
    methods = (data.sensitivity or {}).get("methods") or {}
    rankings = methods.get("rankings") or {}
    tau = methods.get("kendall_tau") or {}
    rho = methods.get("spearman_rho") or {}
    ranks = methods.get("ranks") or {}
    base = ranks.get(data.method) or {}
    ordered = sorted(rankings.items(), key=lambda kv: (kv[0] != data.method, kv[0]))
    return [
        MethodRow(
            m,
            tuple(ids),
            tau.get(m),
            rho.get(m),
            tuple(v for v in ids if v in base and (ranks.get(m) or {}).get(v, base[v]) != base[v]),
        )
        for m, ids in ordered
    ]


def ranking_text(data: ReportData, row: MethodRow, name: Callable[[str], str] | None = None) -> str:
    """'A > B > C = D': vendors best first, '=' between vendors that tie under that method.

    `name` maps a vendor id to the text shown (default: its name, unescaped).
    """
    ranks = (((data.sensitivity or {}).get("methods") or {}).get("ranks") or {}).get(row.method)
    ranks = ranks or {}
    name = name or data.name_of
    out = []
    for k, v in enumerate(row.ranking):
        if k:
            here, before = ranks.get(v), ranks.get(row.ranking[k - 1])
            out.append(" = " if here is not None and here == before else " > ")
        out.append(name(v))
    return "".join(out)


def differs_text(data: ReportData, row: MethodRow) -> str:
    """'DeepSeek 4 (5 under WSM), ...' for the vendors this method ranks differently from the
    report's method; 'same ranks' when none; a dash on the report's own method."""
    ranks = ((data.sensitivity or {}).get("methods") or {}).get("ranks") or {}
    if row.method == data.method or row.method not in ranks or data.method not in ranks:
        return DASH  # the report's own method, or a result without ranks to compare
    if not row.differs:
        return "same ranks"
    return ", ".join(
        f"{data.name_of(v)} {ranks[row.method][v]} "
        f"({ranks[data.method][v]} under {data.method.upper()})"
        for v in row.differs
    )


def crossover_rows(data: ReportData) -> list[tuple[str, float, str, str]]:
    """(criterion, weight, from leader, to leader) for every leader change, tree order."""
    cross = (data.sensitivity or {}).get("crossovers") or {}
    return [
        (w.criterion, c.get("weight"), c.get("from"), c.get("to"))
        for w in data.weights
        for c in cross.get(w.criterion) or []
    ]


def unknown_names(data: ReportData, ids: tuple[str, ...]) -> str:
    return ", ".join(data.criterion_name(c) for c in ids)
