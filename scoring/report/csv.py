"""The ranking as CSV: exact numbers, UTF-8 with a BOM so Excel reads the accents right."""

from __future__ import annotations

import csv
import io

from scoring.report.data import ReportData
from scoring.textsafe import spreadsheet_safe

BOM = "\ufeff"
COLUMNS = ("rank", "vendor", "name", "score", "gap", "excluded", "unknowns", "reasons")


def write_csv(data: ReportData) -> bytes:
    """Ranked vendors in rank order, then those set aside (excluded=yes, no score)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in data.ranking:
        writer.writerow(
            _safe([r.rank, r.vendor, r.name, r.score, r.gap, "no", ";".join(r.unknowns), ""])
        )
    for e in data.excluded:
        writer.writerow(
            _safe(["", e.vendor, e.name, "", "", "yes", ";".join(e.unknowns), "; ".join(e.reasons)])
        )
    return (BOM + buf.getvalue()).encode("utf-8")


def _safe(cells: list) -> list:
    # Floats are written by str(), which is exact (shortest round-trip form).
    return [spreadsheet_safe(c) for c in cells]
