"""Scores from a spreadsheet: a CSV or XLSX score sheet -> vendor documents for `scoring.load`.

The sheet is in long format, one row per vendor x criterion (x source), under a header row:

    vendor_id, vendor_name, criterion, value, low, high, rationale,
    source_title, source_url, source_date, summary

Only vendor_id, criterion and value are required columns; header names ignore case, spaces and
hyphens. A CSV is UTF-8 (with or without BOM), separated by `,` (or `;` or tabs, as the header row
shows); an XLSX is read from its sheet named "Scores", else its first sheet.

- Several sources for one score: several rows with the same vendor_id and criterion, one source
  per row (not `;` in one cell: titles and URLs contain semicolons). Each of value, low, high and
  rationale may be repeated on every row of the score or given on one; two different non-empty
  entries are an error, located at the second.
- An empty value means unknown and needs a rationale. low and high (the range) go together.
- A row with an empty criterion describes the vendor: vendor_name, summary, and one link in
  source_title/source_url (one row per link).

Cells are read as values, never run: an XLSX formula gives its saved result, and one without a
result is reported. A leading apostrophe is dropped only where `sheet_text` puts one: before text
a spreadsheet would run as a formula (`'=...`, `'+...`, `'-...`, `'@...`) or before another
apostrophe. So export -> read gives back exactly the text written, and an apostrophe typed
before ordinary text (`'90s`) is kept. Each sheet becomes one `SheetDoc` per vendor, a `Located`
whose problems point at cells (`scores.xlsx:Scores!D14: value: ...`, `scores.csv:14: value: ...`,
rows numbered as a spreadsheet shows them, the header being row 1); `scoring.load` validates them
and runs `scoring.checks` exactly as for YAML files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from pathlib import Path

from scoring.errors import Problem
from scoring.model import Criterion, Vendor
from scoring.tabular.bulk import bulk_vendors
from scoring.tabular.docs import SheetDoc, documents
from scoring.tabular.grid import (
    COLUMNS,
    REQUIRED,
    SHEET_SUFFIXES,
    CellProblem,
    Grid,
    cell_text,
    fill,
    read_grid,
    sheet_text,
)
from scoring.tabular.matrix import is_matrix, matrix_documents

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "SHEET_SUFFIXES",
    "CellProblem",
    "SheetDoc",
    "cell_text",
    "is_sheet",
    "read_sheet",
    "read_vendor_sheet",
    "sheet_text",
]


def is_sheet(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SHEET_SUFFIXES


def read_sheet(
    path: Path, file: str, problems: list[Problem], leaves: Collection[str] | None = None
) -> list[SheetDoc]:
    """The vendors of a score sheet (long or matrix layout, told apart by the header), one
    document each; problems found reading it are added. `leaves`, the criteria's leaf ids when
    they are known, lets a matrix's header be checked once rather than row by row."""
    grid = read_grid(path, file, problems)
    if grid is None:  # an unreadable file or header: nothing more to say
        return []
    if is_matrix(grid):
        return matrix_documents(grid, problems, leaves)
    return _long_documents(grid, problems)


def read_vendor_sheet(
    path: Path, file: str, problems: list[Problem], criteria: Sequence[Criterion] | None
) -> tuple[list[SheetDoc], tuple[Vendor, ...] | None]:
    """(documents, None) as `read_sheet` gives them, or ([], vendors) for a matrix sheet that
    passes every rule checked a column at a time (`scoring.tabular.bulk`), with the criteria
    known and valid. The sheet is read once either way."""
    found: list[Problem] = []
    grid = read_grid(path, file, found)
    if grid is not None and not found and criteria is not None and is_matrix(grid):
        clean = bulk_vendors(grid, criteria)
        if clean is not None:
            return [], clean
    problems += found
    if grid is None:
        return [], None
    if is_matrix(grid):
        leaves = (
            None if criteria is None else [c.id for r in criteria for c in r.walk() if c.is_leaf]
        )
        return matrix_documents(grid, problems, leaves), None
    return _long_documents(grid, problems), None


def _long_documents(grid: Grid, problems: list[Problem]) -> list[SheetDoc]:
    before = len(problems)
    if fill(grid, COLUMNS, REQUIRED, problems) is None:
        for i in range(before, len(problems)):  # say what the header of a score sheet holds
            if problems[i].line == 1 and "missing required column" in problems[i].message:
                hint = f"; the first row names the columns: {', '.join(COLUMNS)}"
                problems[i] = dataclasses.replace(problems[i], message=problems[i].message + hint)
        return []
    if not grid.rows:
        problems.append(grid.problem(1, None, "the sheet has no rows of scores below its header"))
    return documents(grid, problems)
