"""A score sheet's rows grouped into one YAML-shaped document per vendor, located by cell.

Each `SheetDoc` is a `Located` whose problems point at cells, so `scoring.load` validates it and
`scoring.checks` cross-checks it exactly as a vendor's YAML file; messages worded for YAML are
reworded for a spreadsheet on the way out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from scoring.errors import Problem
from scoring.tabular.grid import UNREADABLE, Grid
from scoring.yamlpos import Located

# One way to match each number: `\d+\.?\d*` let the two digit runs split a long run of digits in
# every way, O(n^2) on a 20,000-digit cell that is not a number (seconds each).
NUMBER = re.compile(r"[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER_START = frozenset("0123456789+-.")
# Where each score column is located in the vendor's data.
SCORE_PATHS = {
    "value": ("value",),
    "low": ("range", 0),
    "high": ("range", 1),
    "rationale": ("rationale",),
}
# checks.py and the models speak YAML; the same rules in a spreadsheet's words.
_SHEET_WORDS = (
    (
        "give a value, or `value: null` with a rationale if it is unknown",
        "add a row for it with a value, or with an empty value and a rationale if it is unknown",
    ),
    ("an unknown value (null) must carry", "an empty value (unknown) must carry"),
    ("an unknown value (null) cannot have a range", "an empty value (unknown) has no low or high"),
    ("a level label or null, got", "a level label or empty, got"),
    ("; write [low, high]", "; swap them"),
    (" (unquoted)", ""),
)


@dataclass
class SheetDoc(Located):
    """One vendor's rows, shaped like its YAML file, with every field's path mapped to a cell."""

    grid: Grid | None = None
    cells: dict[tuple, tuple[int, str]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # criteria with a cell already reported

    def problem(self, path: tuple, message: str) -> Problem:
        path = tuple(path)
        while path and path not in self.cells:
            path = path[:-1]
        row, column = self.cells.get(path, self.cells[()])
        for yaml_words, sheet_words in _SHEET_WORDS:
            message = message.replace(yaml_words, sheet_words)
        assert self.grid is not None
        return self.grid.problem(row, column, message)


def documents(grid: Grid, problems: list[Problem]) -> list[SheetDoc]:
    """Group the rows by vendor and score; every field's first cell is where it is located."""
    docs: dict[str, SheetDoc] = {}
    given: dict[tuple, tuple[Any, int]] = {}  # (vendor, criterion, column) -> (value, row)
    for row, cells in grid.rows:
        if UNREADABLE in (cells.get("vendor_id"), cells.get("criterion")):
            continue  # reported already; whose row it is cannot be told
        vid = _id_text(cells.get("vendor_id"))
        if vid is None:
            problems.append(grid.problem(row, "vendor_id", "empty; every row names its vendor"))
            continue
        doc = docs.get(vid)
        if doc is None:
            first = (row, "vendor_id")
            doc = SheetDoc({"id": vid, "scores": {}}, grid.file, grid=grid)
            doc.cells.update({(): first, ("id",): first, ("scores",): first})
            docs[vid] = doc
        if cells.get("vendor_name") is UNREADABLE:
            doc.data.setdefault("name", "?")  # a stand-in, so no "name is missing" follows
        for column, key in (("vendor_name", "name"), ("summary", "summary")):
            if cells.get(column) is UNREADABLE:
                continue
            if _agrees(given, (vid, None, column), cells, row, grid, problems):
                doc.data[key] = _text(cells[column])
                doc.cells[(key,)] = (row, column)
        cid = _id_text(cells.get("criterion"))
        if cid is None:
            _vendor_row(doc, cells, row, problems)
        else:
            _score_row(doc, cid, cells, row, given, problems)
    for doc in docs.values():
        _name(doc, grid, problems)
        for cid, score in doc.data["scores"].items():
            _finish_score(doc, cid, score, given, problems)
    return list(docs.values())


def _name(doc: SheetDoc, grid: Grid, problems: list[Problem]) -> None:
    """A vendor without a name: named by its id when the sheet has no vendor_name column (only
    vendor_id, criterion and value are required); reported as what it is when the column is
    there but empty on every one of the vendor's rows."""
    if "name" in doc.data:
        return
    if "vendor_name" not in grid.columns:
        doc.data["name"] = doc.data["id"]
        return
    row, _ = doc.cells[()]
    message = f"empty on every row of vendor {doc.data['id']!r}; give its name on one of them"
    problems.append(grid.problem(row, "vendor_name", message))
    doc.data["name"] = doc.data["id"]  # a stand-in, so no "name is missing" follows


def _agrees(given: dict, key: tuple, cells: dict, row: int, grid: Grid, problems: list) -> bool:
    """Whether this row gives the field for the first time; a different second entry is an error."""
    column = key[-1]
    if column not in cells:
        return False
    value = _score_value(cells[column]) if column in ("value", "low", "high") else cells[column]
    if key not in given:
        given[key] = (value, row)
        return True
    first, first_row = given[key]
    if first != value:
        whose = f"score {key[0]}/{key[1]}" if key[1] else f"vendor {key[0]!r}"
        problems.append(
            grid.problem(
                row,
                column,
                f"{_show(value)} differs from {_show(first)} in row {first_row}; every row of "
                f"{whose} must repeat the same {column} or leave it empty",
            )
        )
    return False


def _score_row(doc: SheetDoc, cid: str, cells: dict, row: int, given: dict, problems: list) -> None:
    assert doc.grid is not None
    score = doc.data["scores"].setdefault(cid, {"value": None, "sources": []})
    if UNREADABLE in cells.values():
        doc.unreadable.add(cid)
        cells = {k: v for k, v in cells.items() if v is not UNREADABLE}
    path = ("scores", cid)
    doc.cells.setdefault(path, (row, "criterion"))
    doc.cells.setdefault((*path, "value"), (row, "value"))
    for column in SCORE_PATHS:
        if _agrees(given, (doc.data["id"], cid, column), cells, row, doc.grid, problems):
            doc.cells[(*path, *SCORE_PATHS[column])] = (row, column)
            if column in ("low", "high"):
                doc.cells.setdefault((*path, "range"), (row, column))
    source = _source(cells, row, doc, problems)
    if source:
        i = len(score["sources"])
        score["sources"].append(source)
        doc.cells[(*path, "sources", i)] = (row, "source_title")
        for key in source:
            doc.cells[(*path, "sources", i, key)] = (row, f"source_{key}")


def _finish_score(doc: SheetDoc, cid: str, score: dict, given: dict, problems: list) -> None:
    """The score's fields from its rows: value, range (both ends or neither), rationale."""
    if cid in doc.unreadable:  # a stand-in that passes, so nothing reported follows from it
        score.clear()
        score.update({"value": None, "rationale": "unreadable cell, reported"})
        return
    vid = doc.data["id"]
    found = {c: given[(vid, cid, c)][0] for c in SCORE_PATHS if (vid, cid, c) in given}
    score["value"] = found.get("value")
    if "rationale" in found:
        score["rationale"] = _text(found["rationale"])
    if "low" in found and "high" in found:
        score["range"] = [found["low"], found["high"]]
    elif "low" in found or "high" in found:
        there, absent = ("low", "high") if "low" in found else ("high", "low")
        message = f"{there} is given but {absent} is empty; give both, or neither"
        problems.append(doc.problem(("scores", cid, "range", int(there == "high")), message))
    if not score["sources"]:
        del score["sources"]


def _vendor_row(doc: SheetDoc, cells: dict, row: int, problems: list) -> None:
    """A row without a criterion: the vendor's name, summary and one link (title and url)."""
    assert doc.grid is not None
    if UNREADABLE in cells.values():
        return
    for column in ("value", "low", "high", "rationale"):
        if column in cells:
            message = (
                f"this row has a {column} but no criterion; name the criterion it scores "
                "(a row without one describes the vendor: name, summary, a link)"
            )
            problems.append(doc.grid.problem(row, "criterion", message))
            return
    if "source_date" in cells:
        message = "a vendor link (a row without a criterion) has no date; leave it empty"
        problems.append(doc.grid.problem(row, "source_date", message))
    link = {k: v for k, v in _source(cells, row, doc, problems).items() if k != "date"}
    if link:
        links = doc.data.setdefault("links", [])
        doc.cells[("links", len(links))] = (row, "source_title")
        for key in link:
            doc.cells[("links", len(links), key)] = (row, f"source_{key}")
        links.append(link)


def _source(cells: dict, row: int, doc: SheetDoc, problems: list) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("title", "url", "date"):
        value = cells.get(f"source_{key}")
        if value is not None:
            out[key] = _text(value) if key == "title" else value
    if isinstance(out.get("url"), str):
        out["url"] = out["url"].strip()
    date = out.get("date")
    if isinstance(date, str) and ISO_DATE.fullmatch(date.strip()):
        try:
            out["date"] = dt.date.fromisoformat(date.strip())
        except ValueError:
            assert doc.grid is not None
            message = f"{date.strip()} is not a valid date"
            problems.append(doc.grid.problem(row, "source_date", message))
    return out


def _score_value(value: Any) -> Any:
    """A cell as a score value: a number (written as digits in a CSV) or a level label."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in _NUMBER_START and NUMBER.fullmatch(text):  # a label starts with a letter
            number = float(text)
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        return text
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _id_text(value: Any) -> str | None:
    """An id cell as text (a number typed in Excel is still an id); None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _text(value: Any) -> Any:
    """Free text as written; a number or date typed into a text column becomes its text."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _show(value: Any) -> str:
    """A cell's value in a message: numbers as typed, text quoted and cut short."""
    if isinstance(value, int | float):
        return f"{value:g}"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "...")
