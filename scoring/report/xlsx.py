"""The report as an Excel workbook: Summary, Ranking, Head to head, Scores, Weights,
Sensitivity, Evidence (the issue's six sheets, plus the head-to-head of the top two), and the
evidence to refresh (stale, unsourced or undated scores).

Data cells hold exact numbers (formatted for reading by number formats, not rounded). Every
text cell is neutralised against formula injection and stored as a string, never a formula.
The workbook's dates and the zip entries' times are set to `generated_at`, so the same report
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from scoring.present.focus import report_top
from scoring.present.section import Section
from scoring.present.table import RANGES, Table
from scoring.report import view
from scoring.report.data import ReportData
from scoring.report.view import range_text, summary_pairs, value_text
from scoring.sheetsafe import put_xlsx, xlsx_text
from scoring.textsafe import is_http_url

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="4C72B0")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
SCORE = "0.000"
PERCENT = "0.0%"
# Values and raw weights as written in the files: "General" shows 8 as 8 and 7.5 as 7.5 (a
# pattern such as "0.###" would show 8 as "8.", with a dangling point).
AS_WRITTEN = "General"
MAX_WIDTH = 60


def write_xlsx(data: ReportData) -> bytes:
    wb = Workbook()
    _summary(wb.active, data)
    _ranking(wb.create_sheet("Ranking"), data)
    _head_to_head(wb.create_sheet("Head to head"), data)
    _scores(wb.create_sheet("Scores"), data)
    _weights(wb.create_sheet("Weights"), data)
    _sensitivity(wb.create_sheet("Sensitivity"), data)
    _evidence(wb.create_sheet("Evidence"), data)
    _freshness(wb.create_sheet("Evidence to refresh"), data)
    for section in data.sections:  # e.g. a team round's group view and evaluators' scores
        _section(wb.create_sheet(_sheet_title(section.title)), section)
    return _save(wb, data)


def put(ws: Worksheet, row: int, col: int, value: object, fmt: str | None = None) -> Cell:
    """One cell: text neutralised and forced to string type (openpyxl reads '=...' as a formula)."""
    return put_xlsx(ws.cell(row=row, column=col), value, fmt)


def table(
    ws: Worksheet,
    head: Sequence[str],
    rows: Iterable[Sequence[object]],
    formats: Sequence[str | None] = (),
    start: int = 1,
    wrap: Sequence[int] = (),
) -> int:
    """A header row (styled, frozen when at the top) and data rows; returns the next free row."""
    for j, h in enumerate(head, 1):
        cell = put(ws, start, j, h)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    r = start
    for r, row in enumerate(rows, start + 1):
        for j, value in enumerate(row, 1):
            fmt = formats[j - 1] if j - 1 < len(formats) else None
            cell = put(ws, r, j, value, fmt)
            if j in wrap:
                cell.alignment = WRAP
    if start == 1:
        ws.freeze_panes = "A2"
    return r + 2


def fit_columns(ws: Worksheet, fixed: dict[int, int] | None = None) -> None:
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                text = str(cell.value)
                if isinstance(cell.value, float):
                    text = f"{cell.value:.3f}"
                widths[cell.column] = max(widths.get(cell.column, 0), len(text))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, width + 2)
    for col, width in (fixed or {}).items():
        ws.column_dimensions[get_column_letter(col)].width = width


def _summary(ws: Worksheet, data: ReportData) -> None:
    ws.title = "Summary"
    put(ws, 1, 1, data.title).font = TITLE_FONT
    put(ws, 3, 1, "The decision in brief").font = Font(bold=True)
    for k, sentence in enumerate(data.brief.sentences):
        put(ws, 4 + k, 1, sentence)
    start = 5 + len(data.brief.sentences)
    pairs = summary_pairs(data) + [("Note", note) for note in data.score_notes]
    table(ws, ["Item", "Value"], pairs, start=start)
    for row, (label, value) in enumerate(pairs, start + 1):
        if label == "Share link" and is_http_url(value):  # clickable, and only for http(s)
            ws.cell(row=row, column=2).hyperlink = value
            ws.cell(row=row, column=2).style = "Hyperlink"
    fit_columns(ws, {1: 26, 2: 80})


def _ranking(ws: Worksheet, data: ReportData) -> None:
    rows = [
        [r.rank, r.vendor, r.name, r.score, r.gap, "no", ", ".join(r.unknowns), ""]
        for r in data.ranking
    ]
    rows += [
        [None, e.vendor, e.name, None, None, "yes", ", ".join(e.unknowns), "; ".join(e.reasons)]
        for e in data.excluded
    ]
    table(
        ws,
        [
            "Rank",
            "Vendor",
            "Name",
            "Score",
            "Gap to leader",
            "Excluded",
            "Unknown values",
            "Why set aside",
        ],
        rows,
        [None, None, None, SCORE, SCORE],
        wrap=(8,),
    )
    fit_columns(ws, {8: 50})


def _head_to_head(ws: Worksheet, data: ReportData) -> None:
    """Why the leader beats the runner-up: weighted differences, largest effect first."""
    t = view.head_to_head(data)
    if t is None:
        table(ws, ["Head to head"], [["fewer than two vendors ranked"]])
        fit_columns(ws)
        return
    write_table(ws, t, 1)
    ws.freeze_panes = "A3"
    fit_columns(ws, {1: 30})


def _scores(ws: Worksheet, data: ReportData) -> None:
    weight = {w.criterion: w.global_ for w in data.weights}
    unknown = {r.vendor: set(r.unknowns) for r in data.ranking}
    rows = [
        [
            s.vendor,
            data.name_of(s.vendor),
            cid,
            name,
            s.raw[j],
            "yes" if cid in unknown.get(s.vendor, ()) else "no",
            s.normalized[j],
            weight[cid],
            s.contributions[j],
        ]
        for s in data.scores
        for j, (cid, name) in enumerate(data.leaves)
    ]
    table(
        ws,
        [
            "Vendor",
            "Name",
            "Criterion",
            "Criterion name",
            "Value used",
            "Unknown",
            "Normalised value",
            "Weight",
            "Contribution",
        ],
        rows,
        [None, None, None, None, AS_WRITTEN, None, "0.0000", PERCENT, "0.0000"],
    )
    ws.auto_filter.ref = f"A1:I{len(rows) + 1}"
    fit_columns(ws)


def _weights(ws: Worksheet, data: ReportData) -> None:
    rows = [
        [
            w.criterion,
            ("    " * w.depth) + w.name,
            w.depth,
            w.parent or "",
            "leaf" if w.is_leaf else "group",
            w.direction,
            w.global_,
            w.raw,
            w.local,
        ]
        for w in data.weights
    ]
    table(
        ws,
        [
            "Criterion",
            "Name",
            "Level",
            "Parent",
            "Kind",
            "Direction",
            "Share of the total",
            "Weight (slider value)",
            "Share of its group",
        ],
        rows,
        [None, None, None, None, None, None, PERCENT, AS_WRITTEN, PERCENT],
    )
    fit_columns(ws)


def _sensitivity(ws: Worksheet, data: ReportData) -> None:
    if data.sensitivity is None:
        table(ws, ["Sensitivity"], [[data.sensitivity_note]])
        fit_columns(ws)
        return
    row = 1
    # Every vendor keeps its row, but past REPORT_TOP vendors the lower ranks share one column:
    # 2,000 x 2,000 rank cells cost minutes and over a gigabyte to write, and nobody reads them.
    ranks = report_top(len(data.sensitivity.smaa.vendor_ids))
    for t in view.sensitivity_tables(data, ranks=ranks):
        row = write_table(ws, t, row)
        if t.key == "stability":
            for why in view.not_swept_notes(data):
                put(ws, row - 1, 1, "Not swept")
                put(ws, row - 1, 2, why)
                row += 1
    fit_columns(ws, {1: 30})


# Number formats by column kind: cells keep the exact number, the format rounds it for reading.
FORMATS: dict[str, str | None] = {
    "score": SCORE,
    "share": PERCENT,
    "number": AS_WRITTEN,
    "count": "#,##0",
    "signed": "+0.000;-0.000;0.000",
    "ratio": "0.00",
}


def write_table(ws: Worksheet, t: Table, start: int) -> int:
    """A `Table` from `scoring.present`: its title (bold), a header, exact values with number
    formats from each column's kind (a range column becomes two: from, to), its note; returns
    the next free row."""
    put(ws, start, 1, t.title).font = Font(bold=True)
    head: list[str] = []
    formats: list[str | None] = []
    for c in t.columns:
        if c.kind in RANGES:
            head += [f"{c.label}: from", f"{c.label}: to"]
            formats += [FORMATS.get(RANGES[c.kind])] * 2
        else:
            head.append(c.label)
            formats.append(FORMATS.get(c.kind))
    rows = [
        [
            x
            for c, v in zip(t.columns, r, strict=True)
            for x in (v if c.kind in RANGES and isinstance(v, tuple) else (v,))
        ]
        for r in t.rows
    ]
    if not rows:
        put(ws, start + 1, 1, t.empty)
        return start + 3
    nxt = table(ws, head, rows, formats, start=start + 1)
    if t.note:
        put(ws, nxt - 1, 1, t.note)
        nxt += 1
    return nxt


def _evidence(ws: Worksheet, data: ReportData) -> None:
    rows = [
        [
            e.vendor,
            e.vendor_name,
            e.criterion,
            e.criterion_name,
            e.value if isinstance(e.value, int | float) else value_text(e),
            range_text(e),
            e.rationale,
            "\n".join(
                " \u2014 ".join(p for p in (s.title, s.date, s.url or "") if p) for s in e.sources
            ),
        ]
        for e in data.evidence
    ]
    table(
        ws,
        ["Vendor", "Name", "Criterion", "Criterion name", "Value", "Range", "Rationale", "Sources"],
        rows,
        wrap=(7, 8),
    )
    ws.auto_filter.ref = f"A1:H{len(rows) + 1}"
    fit_columns(ws, {7: 70, 8: 60})


def _freshness(ws: Worksheet, data: ReportData) -> None:
    """The scores whose evidence is stale, missing or undated (as of the report's date)."""
    write_table(ws, view.freshness(data), 1)
    ws.freeze_panes = "A3"  # under its title and header
    fit_columns(ws, {1: 28, 2: 36, 3: 16, 4: 36})


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:31] or "Section"


def _section(ws: Worksheet, section: Section) -> None:
    """A report section: its title, its sentences one per row, then its tables."""
    put(ws, 1, 1, section.title).font = Font(bold=True)
    row = 2
    for sentence in section.sentences:
        put(ws, row, 1, sentence)
        row += 1
    for t in section.tables:
        row = write_table(ws, t, row + 1)
    fit_columns(ws, {1: 60})


def _save(wb: Workbook, data: ReportData) -> bytes:
    when = data.generated_at
    if when.tzinfo is not None:  # workbook dates are naive UTC
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    wb.properties.creator = f"Shortlist {data.version}"
    wb.properties.title = xlsx_text(data.title[:200])
    wb.properties.created = when
    wb.properties.modified = when
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # openpyxl's save_workbook would stamp "now"
    return _fixed_zip_times(raw.getvalue(), when.timetuple()[:6])


def _fixed_zip_times(payload: bytes, stamp: tuple) -> bytes:
    """The same archive with every entry dated `stamp`, so identical content gives identical bytes."""
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(payload)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
