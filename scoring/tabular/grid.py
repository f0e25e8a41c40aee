"""A score sheet's cells, read safely: CSV (UTF-8, with or without BOM) or XLSX (values only).

Reading is bounded (file size, unpacked size, rows, columns, cell length) and never runs
anything: an XLSX formula gives its saved result, and one without a result is reported. A cell's
location reads as a spreadsheet user sees it: `scores.csv:14` (the 14th row, the header being
row 1, whatever line breaks sit inside quoted cells) or `scores.xlsx:Scores!D14`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import limits
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
# Limits (scoring/limits.py, the one table), each named in the message when hit. They let
# through a 2,000-vendor x 40-criterion matrix with every companion column (400k cells) or long
# sheet (880k cells), and bound the heaviest sheet they admit in time and memory (see
# tests/unit/tabular/test_limits.py).
MAX_SHEET_BYTES = limits.MAX_SHEET_BYTES  # checked before reading
MAX_UNPACKED_BYTES = limits.MAX_UNPACKED_BYTES  # an XLSX is a zip: bound what it expands to...
MAX_MEMBER_BYTES = limits.MAX_MEMBER_BYTES  # ...and each part: openpyxl holds its strings at once
MAX_ROWS = limits.MAX_ROWS
MAX_COLUMNS = limits.MAX_COLUMNS
MAX_CELLS = limits.MAX_CELLS  # rows x columns, counted while reading (openpyxl: ~50-200 µs a cell)
MAX_LINE_CHARS = limits.MAX_LINE_CHARS  # one CSV line (its cells' line breaks split it)
MAX_CELL_CHARS = limits.MAX_TEXT_CHARS  # the longest text a model field takes
MAX_PER_KIND = limits.MAX_PER_KIND  # problems of one kind shown; the rest are counted
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
    """A sheet as read: its records (the header first) and then, once `fill` has named the
    columns, its non-blank cells by column name: (row number as the spreadsheet shows it,
    {column: value})."""

    file: str
    sheet: str | None  # None for CSV
    records: list[list[Any]] = field(default_factory=list)
    cells: int = 0  # counted while reading, against MAX_CELLS
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        """The first row's names as `fill` reads them (lower case, `_` for spaces), "" if blank."""
        return [_column_name(v) for v in self.records[0]] if self.records else []

    def problem(self, row: int, column: str | int | None, message: str) -> Problem:
        """Located at a named column, or (an int) at a column index, or at the row."""
        name = column if isinstance(column, str) else ""
        if self.sheet is None:
            return Problem(self.file, row, None, name, message)
        index = column if isinstance(column, int) else self.columns.get(name, 1)
        return CellProblem(self.file, row, index, name, message, self.sheet)


class Capped:
    """Problems added to a list, at most `MAX_PER_KIND` of each kind; the rest are counted in
    one closing problem ("and 2,499,990 more like this"), so a hostile sheet with millions of
    bad cells costs millions of counts, not millions of messages."""

    def __init__(self, problems: list[Problem], limit: int | None = None):
        self.problems = problems
        self.limit = MAX_PER_KIND if limit is None else limit
        self.counts: Counter[str] = Counter()
        self.first_left_out: dict[str, Problem] = {}

    def append(self, problem: Problem) -> None:
        self.problems.append(problem)

    def add(self, kind: str, make: Callable[[], Problem], count: int = 1) -> None:
        """`count` problems of `kind`, all alike but the first (`make` builds it, only when it
        is shown or is the first one left out)."""
        shown = self.counts[kind]
        self.counts[kind] += count
        if shown < self.limit:
            self.problems.append(make())
        elif kind not in self.first_left_out:
            self.first_left_out[kind] = make()

    def close(self) -> None:
        """Add the closing line of each kind that went past the limit, where the first one left
        out was, so it sorts after the ones shown."""
        for kind, first in self.first_left_out.items():
            more = self.counts[kind] - self.limit
            message = f"... and {more:,} more like this ({kind})"
            self.problems.append(dataclasses.replace(first, message=message))
        self.first_left_out.clear()


def read_grid(path: Path, file: str, problems: list[Problem]) -> Grid | None:
    """The sheet's header and rows as read, or None (with the reasons added to `problems`).

    Columns are named by `fill` once the layout is known."""
    if not path.is_file():
        problems.append(Problem(file, None, None, "", "no such score sheet"))
        return None
    if path.stat().st_size > MAX_SHEET_BYTES:  # checked before reading it into memory
        message = f"file is larger than {MAX_SHEET_BYTES:,} bytes; split the sheet"
        problems.append(Problem(file, None, None, "", message))
        return None
    reader = _csv_grid if path.suffix.lower() == ".csv" else _xlsx_grid
    capped = Capped(problems)
    grid = reader(path, file, capped)
    capped.close()
    if grid is not None and (not grid.records or all(_blank(v) for v in grid.records[0])):
        problems.append(grid.problem(1, None, "the first row is empty; it names the columns"))
        return None
    return grid


def read_header(path: Path) -> list[str]:
    """The names in a sheet's first row (as `Grid.header` gives them), read alone and within
    the limits; [] when the file cannot be read."""
    if not path.is_file() or path.stat().st_size > MAX_SHEET_BYTES:
        return []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            line = f.readline(MAX_LINE_CHARS)
        record = next(csv.reader([line], delimiter=_delimiter(line)), [])
        return [_column_name(v) for v in record[:MAX_COLUMNS]]
    if _unpacked_problem(path, "") is not None:
        return []
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # a damaged workbook: the full read says why
        return []
    try:
        name = SHEET_NAME if SHEET_NAME in book.sheetnames else book.sheetnames[0]
        sheet = book[name]
        sheet.reset_dimensions()
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        return [_column_name(v) for v in first[:MAX_COLUMNS]]
    finally:
        book.close()


class _TooLong(Exception):
    """A physical line of a CSV past MAX_LINE_CHARS: reading stops there."""


def _csv_grid(path: Path, file: str, problems: Capped) -> Grid | None:
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
    reader = csv.reader(_bounded_lines(text), delimiter=_delimiter(text))
    row = 0
    try:
        for row, record in enumerate(reader, start=1):  # noqa: B007 - row is read after the loop
            if row > MAX_ROWS + 1:
                problems.append(grid.problem(row, None, f"more than {MAX_ROWS:,} rows; split it"))
                return None
            if not _within(grid, row, record, problems):
                return None
            grid.records.append(record[:MAX_COLUMNS])
    except csv.Error as exc:
        problems.append(grid.problem(row + 1, None, f"not valid CSV ({exc})"))
        return None
    except _TooLong:
        message = (
            f"a line longer than {MAX_LINE_CHARS:,} characters (the limit); reading stopped "
            "here. Is this a CSV file with one row per line?"
        )
        problems.append(grid.problem(row + 1, None, message))
        return None
    return grid


def _bounded_lines(text: str) -> Iterator[str]:
    """The text's lines for csv.reader, stopping at one so long that parsing it could take
    memory out of proportion (millions of cells in one row)."""
    for line in io.StringIO(text, newline=""):
        if len(line) > MAX_LINE_CHARS:
            raise _TooLong
        yield line


def _within(grid: Grid, row: int, record: list[Any], problems: Capped) -> bool:
    """Whether the row fits the column and cell limits; data past the last column read is
    reported (once per row, capped), the header's width past the limit stops reading."""
    if len(record) > MAX_COLUMNS and any(not _blank(v) for v in record[MAX_COLUMNS:]):
        if row == 1:
            message = f"more than {MAX_COLUMNS:,} columns (the limit); split the sheet"
            problems.append(grid.problem(1, None, message))
            return False
        message = (
            f"data past column {letter(MAX_COLUMNS)}, the last one read (at most "
            f"{MAX_COLUMNS:,} columns); remove it or split the sheet"
        )
        problems.add("data past the last column read", lambda: grid.problem(row, None, message))
    width = min(max(len(grid.records[0]) if grid.records else 0, len(record)), MAX_COLUMNS)
    grid.cells += width
    if grid.cells > MAX_CELLS:
        message = f"more than {MAX_CELLS:,} cells (the limit) by this row; split the sheet"
        problems.append(grid.problem(row, None, message))
        return False
    return True


def _delimiter(text: str) -> str:
    """`,` unless the header row is separated by `;` or tabs (as Excel writes in some locales)."""
    header = text[: min(len(text), MAX_LINE_CHARS)].split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _unpacked_problem(path: Path, file: str) -> Problem | None:
    """An XLSX is a zip: refuse one that unpacks past the limits before any XML is parsed (a
    287 KB file can hold a 280 MB shared string)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        message = "not an XLSX workbook (in Excel, save as 'Excel Workbook (.xlsx)')"
        return Problem(file, None, None, "", message)
    total = sum(info.file_size for info in members)
    largest = max(members, key=lambda info: info.file_size, default=None)
    if total > MAX_UNPACKED_BYTES:
        message = f"the workbook unpacks to {total:,} bytes, more than the limit of {MAX_UNPACKED_BYTES:,}; split it"
        return Problem(file, None, None, "", message)
    if largest is not None and largest.file_size > MAX_MEMBER_BYTES:
        message = (
            f"the workbook's part {largest.filename!r} unpacks to {largest.file_size:,} bytes, "
            f"more than the limit of {MAX_MEMBER_BYTES:,}; split the sheet or shorten its text"
        )
        return Problem(file, None, None, "", message)
    return None


def _xlsx_grid(path: Path, file: str, problems: Capped) -> Grid | None:
    import openpyxl  # here, so that reading YAML cases does not pay for it

    refused = _unpacked_problem(path, file)
    if refused is not None:
        problems.append(refused)
        return None
    books: list[Any] = []
    try:
        # Cells as stored: a formula cell is marked, never run. Only when there are formulas,
        # a second read with data_only gives their results as last saved.
        books.append(openpyxl.load_workbook(path, read_only=True, data_only=False))
        name = SHEET_NAME if SHEET_NAME in books[0].sheetnames else books[0].sheetnames[0]
        grid = Grid(file, name)
        sheet = books[0][name]
        records, formulas = _xlsx_records(grid, sheet, problems)
        if records is None:
            return None
        if formulas:
            books.append(openpyxl.load_workbook(path, read_only=True, data_only=True))
            results = books[1][name]
            results.reset_dimensions()  # rows as stored, as in the first read
            last = max(r for r, _ in formulas) + 1
            saved = list(results.iter_rows(max_row=last, values_only=True))
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
    return grid


def _xlsx_records(
    grid: Grid, sheet: Any, problems: Capped
) -> tuple[list[list[Any]] | None, list[tuple[int, int]]]:
    """The rows (read-only, stopping at the limits) and where the formula cells are."""
    # Rows as stored, not padded to the width the file claims (its dimension may say XFD, 16,384
    # columns): a cell past the column limit is reported, not lost, and costs nothing to skip.
    sheet.reset_dimensions()
    formulas: list[tuple[int, int]] = []
    plain = (str, int, float)
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_ROWS + 1:
            problems.append(grid.problem(number, None, f"more than {MAX_ROWS:,} rows; split it"))
            return None, []
        record = [
            v if v is None or v.__class__ in plain else _xlsx_value(v)
            for v in (c.value for c in cells)
        ]
        while record and _blank(record[-1]):
            record.pop()
        if not _within(grid, number, record, problems):
            return None, []
        for i, cell in enumerate(cells[: min(len(record), MAX_COLUMNS)]):
            if cell.data_type == "f":
                formulas.append((number - 1, i))
        grid.records.append(record[:MAX_COLUMNS])
    return grid.records, formulas


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


def fill(
    grid: Grid,
    known: Sequence[str],
    required: Sequence[str],
    problems: list[Problem],
    accepts: Callable[[str], bool] | None = None,
) -> Grid | None:
    """Name the columns from the header row (the layout takes the `known` names, or those
    `accepts` says yes to), then keep every non-blank cell by column name; None when the header
    is wrong."""
    accepts = accepts or known.__contains__
    unnamed: set[int] = set()
    for index, name in enumerate(grid.header, start=1):
        if not name:
            unnamed.add(index)
        elif name in grid.columns:
            problems.append(grid.problem(1, index, f"column {name!r} appears twice; keep one"))
        elif not accepts(name):
            problems.append(grid.problem(1, index, _unknown_column(name, known)))
        else:
            grid.columns[name] = index
    missing = [c for c in required if c not in grid.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        problems.append(grid.problem(1, None, f"missing required column {names}"))
    if missing or len(grid.columns) + len(unnamed) < len(grid.header):
        return None
    capped = Capped(problems)
    width = len(grid.header)
    named = list(grid.columns.items())
    for number, record in enumerate(grid.records[1:], start=2):
        cells = {}
        width_here = len(record)
        for name, index in named:
            if index > width_here:
                continue
            value = record[index - 1]
            if value.__class__ is str:  # the common case, inline: a CSV has only text
                if not value or value.isspace():
                    continue
                if len(value) <= MAX_CELL_CHARS:
                    cells[name] = cell_text(value) if value[0] == "'" else value
                    continue
            elif value is None:
                continue
            cells[name] = _cell(grid, number, name, value, capped)
        stray = [i for i in unnamed if i <= len(record) and not _blank(record[i - 1])]
        if len(record) > width:  # past the header: counted at C speed, however many there are
            stray += [
                i
                for i, v in enumerate(record[width:], width + 1)
                if v is not None and (v.__class__ is not str or v.strip())  # not _blank(v)
            ]
        for k, index in enumerate(stray):
            message = f"column {letter(index)} has data but no name in the first row"
            make = lambda i=index, m=message, n=number: grid.problem(n, i, m)  # noqa: E731
            if capped.counts[_STRAY] >= capped.limit:
                capped.add(_STRAY, make, len(stray) - k)  # the rest of the row, counted at once
                break
            capped.add(_STRAY, make)
        if cells:
            grid.rows.append((number, cells))
    capped.close()
    grid.records = []  # read once; the cells are in rows now
    return grid


_STRAY = "data in a column without a name"


def _cell(grid: Grid, number: int, name: str, value: Any, capped: Capped) -> Any:
    """A named cell's value; UNREADABLE (reported) for a formula without a result or overlong
    text."""
    if value is NO_RESULT:
        kind = "formula without a saved result"
        capped.add(kind, lambda: grid.problem(number, name, NO_RESULT_MESSAGE))
        return UNREADABLE
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        message = f"is longer than {MAX_CELL_CHARS:,} characters"
        capped.add("text too long", lambda: grid.problem(number, name, message))
        return UNREADABLE
    return cell_text(value) if isinstance(value, str) else value


def _unknown_column(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
    return f"unknown column {name!r}; {hint}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
