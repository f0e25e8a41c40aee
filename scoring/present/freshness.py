"""Evidence freshness: which scores rest on old evidence, and which on none.

A score is *stale* when its newest source is dated more than `months` before `as_of` (default
18 months before today), and *unsourced* when it has no source at all. A source dated by year
or month counts as of the end of that period, and a span of years as of its last year, so a
score is never called stale on a technicality. Unknown values are left out: there is nothing
to refresh until someone finds a value.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from scoring.load import Case
from scoring.model import Source
from scoring.present.facts import EvidenceRow
from scoring.present.table import Column, Table

STALE_AFTER_MONTHS = 18  # the default: evidence older than this is flagged


class FreshnessRow(NamedTuple):
    """One known score whose evidence needs a look (a named tuple: a 2,000-vendor case without
    sources has 80,000 of them, and a frozen dataclass costs several times more to make)."""

    vendor: str
    vendor_name: str
    criterion: str
    criterion_name: str
    newest: dt.date | None  # None: no dated source
    status: str  # "stale", "unsourced" or "undated"


def source_date(source: Source) -> dt.date | None:
    """The latest day a source's date can mean (2024 -> 2024-12-31); None when undated."""
    return date_end(source.date)


def date_end(d: dt.date | str | None) -> dt.date | None:
    """The latest day a date as written can mean: a date itself, the end of a year, a month or
    a span of years (2023-2025 -> 2025-12-31); None when there is none."""
    if d is None or d == "":
        return None
    if isinstance(d, dt.date):
        return d
    if len(d) == 9:  # a span of years: 2023-2025
        return dt.date(int(d[5:]), 12, 31)
    if len(d) == 4:
        return dt.date(int(d), 12, 31)
    year, month = int(d[:4]), int(d[5:7])
    if len(d) == 7:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date.fromisoformat(d)


def cutoff(as_of: dt.date, months: int) -> dt.date:
    """`months` calendar months before `as_of` (the day clamped to the month's length)."""
    total = as_of.year * 12 + as_of.month - 1 - months
    year, month = divmod(total, 12)
    day = min(as_of.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def freshness_rows(
    case: Case, as_of: dt.date | None = None, months: int = STALE_AFTER_MONTHS
) -> tuple[FreshnessRow, ...]:
    """Every known score whose evidence needs a look: stale, unsourced, or sourced without a
    date; vendors and criteria in the case's order."""
    limit = cutoff(as_of or dt.date.today(), months)
    leaves = [(c.id, c.name) for c in case.leaves]
    out = []
    for v in case.vendors:
        scores = v.scores
        for cid, cname in leaves:
            score = scores.get(cid)
            if score is None or score.value is None:  # unknown values are not listed
                continue
            sources = score.sources
            if not sources:  # the common case of a large sheet: no lookup of dates
                out.append(FreshnessRow(v.id, v.name, cid, cname, None, "unsourced"))
                continue
            newest = max(filter(None, map(source_date, sources)), default=None)
            status = _status(True, newest, limit)
            if status:
                out.append(FreshnessRow(v.id, v.name, cid, cname, newest, status))
    return tuple(out)


def freshness_from_evidence(
    rows: Sequence[EvidenceRow], as_of: dt.date, months: int = STALE_AFTER_MONTHS
) -> tuple[FreshnessRow, ...]:
    """As `freshness_rows`, from a report's evidence rows (as of the report's date)."""
    limit = cutoff(as_of, months)
    out = []
    for e in rows:
        if e.unknown:
            continue
        newest = max(filter(None, (date_end(s.date) for s in e.sources)), default=None)
        status = _status(bool(e.sources), newest, limit)
        if status:
            row = FreshnessRow(
                e.vendor, e.vendor_name, e.criterion, e.criterion_name, newest, status
            )
            out.append(row)
    return tuple(out)


_WORDS = {
    "stale": "newest source older than the limit",
    "unsourced": "no source",
    "undated": "sources without a date",
}


def freshness_table(rows: Sequence[FreshnessRow], months: int = STALE_AFTER_MONTHS) -> Table:
    """The scores to refresh, one row each, with why."""
    return Table(
        "freshness",
        f"Evidence to refresh (older than {months} months, or missing)",
        (
            Column("vendor", "Vendor"),
            Column("criterion", "Criterion"),
            Column("newest", "Newest source"),
            Column("why", "Why"),
        ),
        tuple(
            (
                r.vendor_name,
                r.criterion_name,
                r.newest.isoformat() if r.newest else "",
                _WORDS[r.status],
            )
            for r in rows
        ),
        empty="Every known score has a source dated within the limit.",
    )


def freshness_sentence(rows: Sequence[FreshnessRow], months: int = STALE_AFTER_MONTHS) -> str:
    """One sentence for the brief or a report: how many scores need fresh evidence."""
    counts = {s: sum(1 for r in rows if r.status == s) for s in _WORDS}
    parts = []
    n = counts["stale"]
    if n:
        parts.append(f"{n} rest{'s' if n == 1 else ''} on evidence older than {months} months")
    n = counts["unsourced"]
    if n:
        parts.append(f"{n} {'has' if n == 1 else 'have'} no source")
    n = counts["undated"]
    if n:
        parts.append(f"{n} {'has' if n == 1 else 'have'} only undated sources")
    if not parts:
        return ""
    return "Evidence to refresh: of the known scores, " + "; ".join(parts) + "."


def _status(sourced: bool, newest: dt.date | None, limit: dt.date) -> str | None:
    """Why a known score needs its evidence refreshed, or None when it is fresh."""
    if not sourced:
        return "unsourced"
    if newest is None:
        return "undated"
    return "stale" if newest < limit else None


NAMED_VENDORS = 5  # vendors named in the brief's freshness sentences; the rest are counted
NAMED_CRITERIA = 3  # criteria named per vendor there
_SENTENCES = {
    "stale": (
        "rests on evidence older than {months} months",
        "rest on evidence older than {months} months",
    ),
    "unsourced": ("has no source", "have no source"),
    "undated": ("has only undated sources", "have only undated sources"),
}


def freshness_words(rows: Sequence[FreshnessRow], months: int = STALE_AFTER_MONTHS) -> list[str]:
    """The brief's sentences on evidence to refresh, one per reason, naming vendors and their
    criteria in plain words ("3 known scores have no source: DeepSeek on User data; ..."); none
    when every known score is fresh."""
    out = []
    for status, (one, many) in _SENTENCES.items():
        picked = [r for r in rows if r.status == status]
        if not picked:
            continue
        by_vendor: dict[str, list[str]] = {}
        for r in picked:
            by_vendor.setdefault(r.vendor_name, []).append(r.criterion_name)
        parts = [
            f"{vendor} on {_names(criteria, NAMED_CRITERIA)}"
            for vendor, criteria in list(by_vendor.items())[:NAMED_VENDORS]
        ]
        rest = len(by_vendor) - NAMED_VENDORS
        tail = f"; and {rest} more vendor{'s' if rest != 1 else ''}" if rest > 0 else ""
        n = len(picked)
        verb = (one if n == 1 else many).format(months=months)
        head = f"{n} known score{'s' if n != 1 else ''} {verb}"
        out.append(f"Evidence to refresh: {head}: " + "; ".join(parts) + tail + ".")
    return out


def _names(names: list[str], limit: int) -> str:
    """'A', 'A and B', 'A, B, C and 4 more'."""
    shown = names[:limit]
    rest = len(names) - limit
    if rest > 0:
        return ", ".join(shown) + f" and {rest} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
