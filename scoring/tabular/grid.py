"""A score sheet's cells, read safely: CSV (UTF-8, with or without BOM) or XLSX (values only).

Reading is bounded (file size, unpacked size, rows, columns, cell length) and never runs
anything: an XLSX formula gives its saved result, and one without a result is reported. A cell's
location reads as a spreadsheet user sees it: `scores.csv:14` (the 14th row, the header being
row 1, whatever line breaks sit inside quoted cells) or `scores.xlsx:Scores!D14`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.errors import Problem
from scoring.textsafe import spreadsheet_safe

COLUMNS = (
    "vendor_id",
    "vendor_name",
    "criterion",
    "value",
    "low",
    "high",
    "rationale",
    "source_title",
    "source_url",
    "source_date",
    "summary",
)
REQUIRED = ("vendor_id", "criterion", "value")
SHEET_SUFFIXES = (".csv", ".xlsx")
SHEET_NAME = "Scores"  # read this sheet if the workbook has one, else the first
MAX_SHEET_BYTES = 30_000_000  # checked before reading
MAX_UNPACKED_BYTES = 300_000_000  # an XLSX is a zip: bound what it expands to
MAX_ROWS = 100_000
MAX_CELL_CHARS = 20_000  # the longest text a model field takes
MAX_COLUMNS = 100
NO_RESULT = object()  # an XLSX formula cell without a saved result
# A cell already reported (no formula result, too long): what depends on it is not checked again.
UNREADABLE = object()
NO_RESULT_MESSAGE = (
    "a formula with no saved result (the file was written by a program that does not "
    "calculate); open and save it in Excel, or type the value"
)


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem at an XLSX cell: `scores.xlsx:Scores!D14: value: ...` (`column` is 1-based)."""

    sheet: str = ""

    def __str__(self) -> str:
        field_ = f" {self.field}:" if self.field else ""
        return f"{self.file}:{sheet_ref(self.sheet)}!{letter(self.column or 1)}{self.line}:{field_} {self.message}"


def letter(column: int) -> str:
    """1 -> A, 27 -> AA: the column as a spreadsheet names it."""
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def sheet_ref(name: str) -> str:
    """A sheet name as a formula would write it: quoted when it has spaces or punctuation."""
    return name if re.fullmatch(r"\w+", name) else "'" + name.replace("'", "''") + "'"


def sheet_text(text: str) -> str:
    """Text for a cell, safe from formula injection, that `cell_text` turns back into `text`."""
    return "'" + text if text.startswith("'") else str(spreadsheet_safe(text))


def cell_text(text: str) -> str:
    """Undo `sheet_text`: drop a leading apostrophe only before a formula start or another one."""
    rest = text[1:]
    if text.startswith("'") and rest and (rest.startswith("'") or spreadsheet_safe(rest) != rest):
        return rest
    return text


@dataclass
class Grid:
    """A sheet's cells by column name: (row number as the spreadsheet shows it, {column: value}),
    blank cells left out."""

    file: str
    sheet: str | None  # None for CSV
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def problem(self, row: int, column: str | int | None, message: str) -> Problem:
        """Located at a named column, or (an int) at a column index, or at the row."""
        name = column if isinstance(column, str) else ""
        if self.sheet is None:
            return Problem(self.file, row, None, name, message)
        index = column if isinstance(column, int) else self.columns.get(name, 1)
        return CellProblem(self.file, row, index, name, message, self.sheet)


def read_grid(path: Path, file: str, problems: list[Problem]) -> Grid | None:
    """The sheet's named, non-blank cells, or None (with the reasons added to `problems`)."""
    if not path.is_file():
        problems.append(Problem(file, None, None, "", "no such score sheet"))
        return None
    if path.stat().st_size > MAX_SHEET_BYTES:  # checked before reading it into memory
        message = f"file is larger than {MAX_SHEET_BYTES} bytes; split the sheet"
        problems.append(Problem(file, None, None, "", message))
        return None
    reader = _csv_grid if path.suffix.lower() == ".csv" else _xlsx_grid
    return reader(path, file, problems)


def _csv_grid(path: Path, file: str, problems: list[Problem]) -> Grid | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text ({exc.reason}); in Excel, save as 'CSV UTF-8'"
        problems.append(Problem(file, None, None, "", message))
        return None
    except OSError as exc:
        problems.append(Problem(file, None, None, "", f"cannot read: {exc.strerror}"))
        return None
    grid = Grid(file, None)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records: list[list[str]] = []
    row = 0
    try:
        for row, record in enumerate(reader, start=1):  # noqa: B007 - row is read after the loop
            if row > MAX_ROWS + 1:
                problems.append(grid.problem(row, None, f"more than {MAX_ROWS} rows; split it"))
                return None
            records.append(record)
    except csv.Error as exc:
        problems.append(grid.problem(row + 1, None, f"not valid CSV ({exc})"))
        return None
    return _fill(grid, records, problems)


def _delimiter(text: str) -> str:
    """`,` unless the header row is separated by `;` or tabs (as Excel writes in some locales)."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _xlsx_grid(path: Path, file: str, problems: list[Problem]) -> Grid | None:
    import openpyxl  # here, so that reading YAML cases does not pay for it

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        message = "not an XLSX workbook (in Excel, save as 'Excel Workbook (.xlsx)')"
        problems.append(Problem(file, None, None, "", message))
        return None
    if unpacked > MAX_UNPACKED_BYTES:
        message = f"the workbook unpacks to more than {MAX_UNPACKED_BYTES} bytes; split it"
        problems.append(Problem(file, None, None, "", message))
        return None
    books: list[Any] = []
    try:
        # Cells as stored: a formula cell is marked, never run. Only when there are formulas,
        # a second read with data_only gives their results as last saved.
        books.append(openpyxl.load_workbook(path, read_only=True, data_only=False))
        name = SHEET_NAME if SHEET_NAME in books[0].sheetnames else books[0].sheetnames[0]
        grid = Grid(file, name)
        sheet = books[0][name]
        header = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
        named = max((i + 1 for i, v in enumerate(header) if v is not None), default=0)
        # Past the header's last name too, so data in an unnamed column is reported, not lost.
        width = min(max(named, sheet.max_column or 0), MAX_COLUMNS) or 1
        records: list[list[Any]] = []
        formulas: list[tuple[int, int]] = []
        for number, cells in enumerate(sheet.iter_rows(max_col=width), start=1):
            if number > MAX_ROWS + 1:
                problems.append(grid.problem(number, None, f"more than {MAX_ROWS} rows; split it"))
                return None
            for i, cell in enumerate(cells):
                if cell.data_type == "f":
                    formulas.append((number - 1, i))
            records.append([_xlsx_value(c.value) for c in cells])
        if formulas:
            books.append(openpyxl.load_workbook(path, read_only=True, data_only=True))
            saved = list(
                books[1][name].iter_rows(max_row=len(records), max_col=width, values_only=True)
            )
            for r, i in formulas:
                value = saved[r][i] if r < len(saved) and i < len(saved[r]) else None
                records[r][i] = NO_RESULT if value is None else _xlsx_value(value)
    except Exception as exc:  # openpyxl raises many types on a damaged workbook
        message = f"cannot be read as an XLSX workbook ({type(exc).__name__}: {exc})"
        problems.append(Problem(file, None, None, "", message[:300]))
        return None
    finally:
        for book in books:
            book.close()
    return _fill(grid, records, problems)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, bool):
        return str(value).upper()  # TRUE / FALSE: text, reported where a number was expected
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


def _column_name(text: Any) -> str:
    if text is None or text is NO_RESULT:
        return ""
    return re.sub(r"[\s\-]+", "_", str(text).strip().lower())


def _fill(grid: Grid, records: list[list[Any]], problems: list[Problem]) -> Grid | None:
    """Name the columns from the header row, then keep every non-blank cell by column name."""
    if not records or all(_blank(v) for v in records[0]):
        problems.append(grid.problem(1, None, _header_hint("the first row is empty")))
        return None
    unnamed: set[int] = set()
    for index, raw in enumerate(records[0][:MAX_COLUMNS], start=1):
        name = _column_name(raw)
        if not name:
            unnamed.add(index)
        elif name in grid.columns:
            problems.append(grid.problem(1, index, f"column {name!r} appears twice; keep one"))
        elif name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(COLUMNS)}"
            problems.append(grid.problem(1, index, f"unknown column {name!r}; {hint}"))
        else:
            grid.columns[name] = index
    missing = [c for c in REQUIRED if c not in grid.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        problems.append(grid.problem(1, None, _header_hint(f"missing required column {names}")))
    if missing or len(grid.columns) + len(unnamed) < len(records[0][:MAX_COLUMNS]):
        return None
    names = {i: n for n, i in grid.columns.items()}
    for number, record in enumerate(records[1:], start=2):
        cells = {}
        for index, value in enumerate(record, start=1):
            if _blank(value):
                continue
            name = names.get(index)
            if name is None:
                message = f"column {letter(index)} has data but no name in the first row"
                problems.append(grid.problem(number, index, message))
                continue
            if value is NO_RESULT:
                problems.append(grid.problem(number, name, NO_RESULT_MESSAGE))
                value = UNREADABLE
            elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                message = f"is longer than {MAX_CELL_CHARS} characters"
                problems.append(grid.problem(number, name, message))
                value = UNREADABLE
            cells[name] = cell_text(value) if isinstance(value, str) else value
        if cells:
            grid.rows.append((number, cells))
    return grid


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_hint(what: str) -> str:
    return f"{what}; the first row names the columns: {', '.join(COLUMNS)}"
