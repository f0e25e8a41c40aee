"""The matrix (wide) layout: one row per vendor, one column per leaf criterion.

    id, name, summary, links, <criterion>, <criterion>_low, <criterion>_high,
    <criterion>_rationale, <criterion>_source, ...

Only `id` and `name` are required; every other column is optional. A sheet is read as a matrix
when its header has `id` and no `vendor_id` (the long layout's). A criterion's cell holds its
value (a number or a level label); an empty cell with a rationale is an unknown value, an empty
cell with nothing else is a missing score. `<criterion>_low` and `_high` are the range.

Sources and links, several to a cell, one per line:

    <title> | <url> | <date>        (a source; url and date may be left empty or out)
    <title> | <url>                 (a link, in the `links` column)

A part that is a date (2025, 2025-02, 2025-02-13, 2023-2025) is the date, so `Title | 2025` is a
source without a url. A title holding " | " is written with all three parts, so it reads back.

Each row becomes one `SheetDoc` whose problems point at cells, validated and cross-checked by
`scoring.load` exactly as a YAML vendor file (`suppliers.xlsx:Sheet1!C7: value: ...`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Any

from scoring.errors import Problem
from scoring.model import DATE_TEXT
from scoring.tabular.docs import ISO_DATE, SheetDoc, _id_text, _score_value, _text
from scoring.tabular.grid import UNREADABLE, Grid, fill

VENDOR_COLUMNS = ("id", "name", "summary", "links")
REQUIRED = ("id", "name")
SUFFIXES = ("_low", "_high", "_rationale", "_source")
SEPARATOR = " | "  # between the parts of a source or link
_DATE = re.compile(DATE_TEXT)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,63}$")
# checks.py and the models speak YAML; the same rules in a matrix's words.
_MATRIX_WORDS = (
    (
        "give a value, or `value: null` with a rationale if it is unknown",
        "fill in its cell, or leave it empty and say why in its _rationale column",
    ),
    ("an unknown value (null) must carry", "an empty cell (unknown) must carry"),
    ("an unknown value (null) cannot have a range", "an empty cell (unknown) has no low or high"),
    ("a level label or null, got", "a level label or empty, got"),
    ("; write [low, high]", "; swap them"),
    (" (unquoted)", ""),
)
_NO_SCORE = re.compile(r"has no score for criterion '([^']+)'")


def is_matrix(grid: Grid) -> bool:
    """A vendor sheet in the matrix layout: its header names `id` and not `vendor_id`."""
    header = set(grid.header)
    return "id" in header and "vendor_id" not in header


class MatrixDoc(SheetDoc):
    """One vendor's row; a missing score is located at the criterion's (empty) cell, an unknown
    criterion at its column's name."""

    def problem(self, path: tuple, message: str) -> Problem:
        found = _NO_SCORE.search(message)
        if tuple(path) == ("scores",) and found:
            row = self.cells[()][0]
            column = found.group(1) if found.group(1) in self.grid_columns() else "id"
            return self._located(row, column, message)
        if len(path) == 2 and message.startswith("unknown criterion"):
            return self._located(1, path[1], message)  # the column's, once for every row
        if len(path) >= 2 and path[0] == "scores":
            column = _score_column(tuple(path))
            if column not in self.grid_columns():
                column = path[1] if path[1] in self.grid_columns() else "id"
            return self._located(self.cells[()][0], column, message)
        path = tuple(path)
        while path and path not in self.cells:
            path = path[:-1]
        row, column = self.cells.get(path, self.cells[()])
        return self._located(row, column, message)

    def grid_columns(self) -> dict[str, int]:
        assert self.grid is not None
        return self.grid.columns

    def _located(self, row: int, column: str, message: str) -> Problem:
        for yaml_words, sheet_words in _MATRIX_WORDS:
            message = message.replace(yaml_words, sheet_words)
        assert self.grid is not None
        return self.grid.problem(row, column, message)


def _score_column(path: tuple) -> str:
    """The column of a score's field: ("scores", c, "range", 1) -> c_high, and so on."""
    cid, rest = path[1], path[2:]
    if not rest or rest[0] == "value":
        return cid
    if rest[0] == "range":
        return f"{cid}_high" if rest[1:2] == (1,) else f"{cid}_low"
    return f"{cid}_rationale" if rest[0] == "rationale" else f"{cid}_source"


def criterion_columns(columns: Any) -> list[str]:
    """The columns that are criteria: not a vendor column, not `<criterion>_low` etc. beside
    its criterion's column (`open_source` is a criterion when there is no `open` column)."""
    names = set(columns)
    return [
        n
        for n in columns
        if n not in VENDOR_COLUMNS and not any(n[: -len(s)] in names for s in _ends(n))
    ]


def _ends(name: str) -> list[str]:
    return [s for s in SUFFIXES if name.endswith(s) and len(name) > len(s)]


def matrix_documents(
    grid: Grid, problems: list[Problem], leaves: Collection[str] | None = None
) -> list[SheetDoc]:
    """One document per vendor row, or none when the header is wrong. With the criteria's leaf
    ids, a column that is none of theirs is named at the header, once."""
    if leaves is None:
        known: tuple[str, ...] = (*VENDOR_COLUMNS, "<criterion id>")
        known += tuple(f"<criterion id>{s}" for s in SUFFIXES)
        accepts = lambda name: name in VENDOR_COLUMNS or bool(_SLUG.match(name))  # noqa: E731
    else:
        known = (*VENDOR_COLUMNS, *leaves, *(c + s for c in leaves for s in SUFFIXES))
        accepts = set(known).__contains__
    filled = fill(grid, known, REQUIRED, problems, accepts=accepts)
    missing = [c for c in leaves or () if c not in grid.columns]
    if filled is None or missing:
        for cid in missing:
            message = (
                f"no column for criterion {cid!r}; add one, with a value for every vendor (an "
                f"empty cell with a reason in {cid}_rationale means unknown)"
            )
            problems.append(grid.problem(1, None, message))
        return []
    if not grid.rows:
        problems.append(grid.problem(1, None, "the sheet has no vendor rows below its header"))
        return []
    criteria = [(c, *(c + s for s in SUFFIXES)) for c in criterion_columns(grid.columns)]
    docs: list[SheetDoc] = []
    for row, cells in grid.rows:
        doc = _vendor(grid, row, cells, criteria, problems)
        if doc is not None:
            docs.append(doc)
    return docs


def _vendor(
    grid: Grid,
    row: int,
    cells: dict[str, Any],
    criteria: list[tuple[str, ...]],
    problems: list[Problem],
) -> SheetDoc | None:
    if cells.get("id") is UNREADABLE:
        return None  # reported already; whose row it is cannot be told
    vid = _id_text(cells.get("id"))
    if vid is None:
        problems.append(grid.problem(row, "id", "empty; every row names its vendor"))
        return None
    doc = MatrixDoc({"id": vid, "scores": {}}, grid.file, grid=grid)
    doc.cells.update({(): (row, "id"), ("id",): (row, "id"), ("scores",): (row, "id")})
    name = cells.get("name")
    if name is None:
        message = f"empty; give vendor {vid!r} a name"
        problems.append(grid.problem(row, "name", message))
    doc.data["name"] = "?" if name in (None, UNREADABLE) else _text(name)
    doc.cells[("name",)] = (row, "name")
    if cells.get("summary") not in (None, UNREADABLE):
        doc.data["summary"] = _text(cells["summary"])
        doc.cells[("summary",)] = (row, "summary")
    if cells.get("links") not in (None, UNREADABLE):
        links = [_parts(line) for line in _lines(cells["links"])]
        doc.data["links"] = [
            {"title": title, "url": url or date or ""} for title, url, date in links
        ]
        for i in range(len(links)):
            doc.cells[("links", i)] = (row, "links")
    for names in criteria:
        score = _score(doc, row, names, cells, problems)
        if score is not None:
            doc.data["scores"][names[0]] = score
    return doc


def _score(
    doc: SheetDoc, row: int, names: tuple[str, ...], cells: dict[str, Any], problems: list[Problem]
) -> dict[str, Any] | None:
    """The score of one cell and its companions (`names`: the criterion's column, then its
    _low, _high, _rationale and _source columns), or None when all of them are empty. Where
    each field sits needs no bookkeeping: `MatrixDoc.problem` reads it off the path."""
    cid = names[0]
    value, low, high, rationale, source = map(cells.get, names)
    if value is None and low is None and high is None and rationale is None and source is None:
        return None
    if UNREADABLE in (value, low, high, rationale, source):
        return {"value": None, "rationale": "unreadable cell, reported"}  # passes: no echo
    score: dict[str, Any] = {"value": None if value is None else _score_value(value)}
    if rationale is not None:
        score["rationale"] = _text(rationale)
    if low is not None and high is not None:
        score["range"] = [_score_value(low), _score_value(high)]
    elif low is not None or high is not None:
        there, absent = ("low", "high") if low is not None else ("high", "low")
        message = f"{cid}_{there} is given but {cid}_{absent} is empty; give both, or neither"
        problems.append(doc.grid.problem(row, f"{cid}_{there}", message))  # type: ignore[union-attr]
    if source is not None:
        score["sources"] = []
        for line in _lines(source):
            title, url, date = _parts(line)
            item: dict[str, Any] = {"title": title}
            if url:
                item["url"] = url
            if date:
                item["date"] = _date(date)
            score["sources"].append(item)
    return score


def _lines(value: Any) -> list[str]:
    return [line.strip() for line in _text(value).splitlines() if line.strip()]


def _parts(line: str) -> tuple[str, str, str]:
    """(title, url, date) of `title | url | date`; parts left out are empty. Split from the
    right, so a title may hold `|` (the writer then gives all three parts)."""
    parts = [p.strip() for p in line.rsplit("|", 2)]
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2:
        title, other = parts
        return (title, "", other) if _DATE.match(other) else (title, other, "")
    return parts[0], "", ""


def source_text(title: str, url: str | None = None, date: Any = None) -> str:
    """One line of a `_source` or `links` cell, the shortest that `_parts` reads back."""
    date_text = date.isoformat() if isinstance(date, dt.date) else (date or "")
    if "|" in title or (url and date_text):
        return SEPARATOR.join((title, url or "", date_text))
    if url:
        return f"{title}{SEPARATOR}{url}"
    if date_text:
        return f"{title}{SEPARATOR}{date_text}"
    return title


def _date(text: str) -> Any:
    if ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the model says it is not a date, located at the cell
    return text
