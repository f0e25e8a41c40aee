"""What the writers share beyond the tables of `scoring.present`: the report's facts as
label/value pairs, the timestamp, and evidence values as written.

Everything here is a pure function of ReportData, so every format shows the same words.
"""

from __future__ import annotations

import datetime as dt

from scoring.methods import LABELS, NORMALIZATION_LABELS
from scoring.present import figures
from scoring.present.figures import Figure
from scoring.present.focus import report_top, top_note
from scoring.present.freshness import (
    STALE_AFTER_MONTHS,
    freshness_from_evidence,
    freshness_table,
)
from scoring.present.table import Table
from scoring.present.tables import (
    contributions_table,
    evidence_table,
    head_to_head_table,
    range_text,
    ranking_table,
    sensitivity_section,
    smaa_text,
    value_text,
    weights_table,
)
from scoring.present.words import DASH, count, num, pct
from scoring.report.data import ReportData


def when(t: dt.datetime) -> str:
    """The timestamp as ISO 8601 (UTC when the time carries a zone)."""
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC)
        return t.strftime("%Y-%m-%d %H:%M:%S UTC")
    return t.strftime("%Y-%m-%d %H:%M:%S")


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
        (
            "Sensitivity",
            smaa_text(data.sensitivity) if data.sensitivity else data.sensitivity_note,
        ),
        ("Data fingerprint", data.fingerprint),
        ("Software version", f"Shortlist {data.version}"),
        ("Share link", data.share_url),
    ]


def unknown_names(data: ReportData, ids: tuple[str, ...]) -> str:
    return ", ".join(data.criterion_name(c) for c in ids)


def brief_sentences(data: ReportData) -> tuple[str, ...]:
    """The decision brief in words: every report opens with these."""
    return data.brief.sentences


def ranking(data: ReportData) -> Table:
    return ranking_table(data.ranking, data.criterion_names, data.brief.higher_is_better)


def weights(data: ReportData) -> Table:
    return weights_table(data.weights)


def focus(data: ReportData) -> int | None:
    """How many vendors the readable formats' per-vendor tables show (None: all of them)."""
    return report_top(len(data.ranking))


def focus_note(data: ReportData, top: int | None) -> str:
    """'Showing the top 25 of 2,000 vendors; ...' under a section cut to the top, else ''."""
    return "" if top is None else top_note(top, len(data.ranking) + len(data.excluded))


def contributions(data: ReportData, top: int | None = None) -> Table:
    return contributions_table(data.scores[:top], data.leaves, data.vendor_names, data.method)


def head_to_head(data: ReportData) -> Table | None:
    return head_to_head_table(data.head_to_head) if data.head_to_head else None


def sensitivity_tables(
    data: ReportData, top: int | None = None, ranks: int | None = None
) -> list[Table]:
    """The sensitivity section (scoring.present.tables.sensitivity_section)."""
    if data.sensitivity is None:
        return []
    order = [r.vendor for r in data.ranking]
    return sensitivity_section(
        data.weights, order, data.vendor_names, data.sensitivity, data.brief_tables, top, ranks
    )


def shown_evidence(data: ReportData, top: int | None) -> tuple:
    if top is None:
        return data.evidence
    shown = {r.vendor for r in data.ranking[:top]}
    return tuple(e for e in data.evidence if e.vendor in shown)


def evidence(data: ReportData, top: int | None = None) -> list[Table]:
    """One evidence table per vendor: ranked vendors first, then those set aside (with `top`,
    the top ranked vendors only)."""
    by_vendor: dict[str, list] = {}  # one pass: a scan per vendor was O(m^2) at 2,000 vendors
    for e in shown_evidence(data, top):
        by_vendor.setdefault(e.vendor, []).append(e)
    return [evidence_table(items, data.name_of(v)) for v, items in by_vendor.items()]


def freshness(data: ReportData, top: int | None = None) -> Table:
    """The scores whose evidence is old, undated or missing, as of the report's date."""
    when_ = data.generated_at.date()
    rows = freshness_from_evidence(shown_evidence(data, top), when_, STALE_AFTER_MONTHS)
    return freshness_table(rows, STALE_AFTER_MONTHS)


def not_swept_notes(data: ReportData) -> list[str]:
    """Why some criteria have no stability interval of their own (only children)."""
    return list(data.sensitivity.not_swept.values()) if data.sensitivity else []


def charts(data: ReportData, top: int | None = None) -> dict[str, Figure]:
    """The report's charts: contributions, rank acceptability (when analysed), head to head;
    with `top`, of the top vendors only."""
    out = {
        "contributions": figures.contributions(
            data.scores[:top],
            data.leaves,
            data.vendor_names,
            {r.vendor: r.unknowns for r in data.ranking},
            data.colours,
            data.method,
            data.unknowns_policy,
        )
    }
    if data.sensitivity is not None:
        order = [r.vendor for r in data.ranking]
        out["acceptability"] = figures.acceptability(
            order, data.sensitivity, data.vendor_names, top
        )
    if data.head_to_head is not None:
        out["head_to_head"] = figures.head_to_head(data.head_to_head, data.colours)
    return out


__all__ = ["DASH", "count", "num", "pct", "range_text", "value_text"]
