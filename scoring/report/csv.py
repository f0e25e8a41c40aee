"""The ranking as CSV: exact numbers, UTF-8 with a BOM so Excel reads the accents right."""

from __future__ import annotations

from scoring.report.data import ReportData
from scoring.sheetsafe import BOM as BOM
from scoring.sheetsafe import csv_text

COLUMNS = ("rank", "vendor", "name", "score", "gap", "excluded", "unknowns", "reasons")


def write_csv(data: ReportData) -> bytes:
    """Ranked vendors in rank order, then those set aside (excluded=yes, no score)."""
    rows: list[list] = [list(COLUMNS)]
    rows += [
        [r.rank, r.vendor, r.name, r.score, r.gap, "no", ";".join(r.unknowns), ""]
        for r in data.ranking
    ]
    rows += [
        ["", e.vendor, e.name, "", "", "yes", ";".join(e.unknowns), "; ".join(e.reasons)]
        for e in data.excluded
    ]
    return csv_text(rows, bom=True).encode("utf-8")
