"""Criteria from a sheet (CSV or XLSX): one row per criterion, a tree by its `parent` column.

    id, name, parent, weight, direction, min, max, levels, must_have, description, unit

Only `id` and `name` are required. A row with a `parent` is a sub-criterion of that row's
criterion (rows may come in any order); a leaf has `min` and `max` (its scale) or `levels`
(`none: 0; filed: 6; approved: 10`, pairs separated by `;` or line breaks). `must_have` is a
knock-out: `min 4`, `max 3`, `min 4; max 8`, or a bare value meaning `min`. The case takes its
id and name from the file's name (`supplier-criteria.csv` -> `supplier-criteria`).

The result is a `SheetDoc` shaped like a criteria YAML file, so `scoring.load` validates and
cross-checks it exactly as one, every problem at its cell (`criteria.xlsx:Sheet1!D4: ...`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scoring.errors import Problem
from scoring.tabular.docs import SheetDoc, _id_text, _score_value, _text
from scoring.tabular.grid import UNREADABLE, Grid, fill, read_grid

COLUMNS = (
    "id",
    "name",
    "parent",
    "weight",
    "direction",
    "min",
    "max",
    "levels",
    "must_have",
    "description",
    "unit",
)
REQUIRED = ("id", "name")
_FIELDS = {
    "weight": "weight",
    "direction": "direction",
    "description": "description",
    "unit": "unit",
}
_BOUND = re.compile(r"^\s*(min|max|>=|<=)?\s*(.+?)\s*$", re.I)


_MARKS = {"parent", "weight", "direction", "min", "max", "levels", "must_have"}


def is_criteria_header(names: list[str]) -> bool:
    """A criteria sheet's header: `id` and a criterion's field, and no long layout's vendor_id
    (a vendor matrix has `id` but its other columns are criterion ids)."""
    header = set(names)
    return "id" in header and "vendor_id" not in header and bool(_MARKS & header)


def read_criteria_sheet(path: Path, file: str, problems: list[Problem]) -> SheetDoc | None:
    """The criteria of a sheet as a criteria file's document, or None (problems added)."""
    grid = read_grid(path, file, problems)
    if grid is None:
        return None
    stem = path.stem.lower()
    case_id = re.sub(r"[^a-z0-9_\-]+", "-", stem).strip("-_")[:64] or "case"
    return criteria_document(grid, {"id": case_id, "name": path.stem[:200]}, problems)


def criteria_document(grid: Grid, case: dict[str, Any], problems: list[Problem]) -> SheetDoc | None:
    """A criteria sheet's grid (as read, header first) as a criteria file's document with the
    given `case` block, or None (problems added). The app's criteria editor uses it too."""
    if fill(grid, COLUMNS, REQUIRED, problems) is None:
        return None
    if not grid.rows:
        problems.append(grid.problem(1, None, "the sheet has no criteria below its header"))
        return None
    doc = SheetDoc({"case": case}, grid.file, grid=grid)
    doc.cells[()] = (1, "id")
    rows: dict[str, tuple[int, dict[str, Any], str | None]] = {}
    for row, cells in grid.rows:
        if UNREADABLE in cells.values():
            continue
        cid = _id_text(cells.get("id"))
        if cid is None:
            problems.append(grid.problem(row, "id", "empty; every criterion has an id"))
            continue
        if cid in rows:
            first = rows[cid][0]
            message = f"duplicate criterion id {cid!r} (first in row {first})"
            problems.append(grid.problem(row, "id", message))
            continue
        rows[cid] = (
            row,
            _criterion(cid, cells, row, grid, problems),
            _id_text(cells.get("parent")),
        )
    doc.data["criteria"] = _tree(rows, doc, grid, problems)
    return doc


def _criterion(cid: str, cells: dict, row: int, grid: Grid, problems: list) -> dict[str, Any]:
    item: dict[str, Any] = {"id": cid}
    if "name" in cells:
        item["name"] = _text(cells["name"])
    for column, key in _FIELDS.items():
        if column in cells:
            value = cells[column]
            item[key] = _score_value(value) if column == "weight" else _text(value).strip()
    if "min" in cells or "max" in cells:
        item["scale"] = {k: _score_value(cells[k]) for k in ("min", "max") if k in cells}
    if "levels" in cells:
        item["levels"] = _levels(cells["levels"], row, grid, problems)
    if "must_have" in cells:
        item["must_have"] = _must_have(cells["must_have"], row, grid, problems)
    return item


def _levels(value: Any, row: int, grid: Grid, problems: list) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in re.split(r"[;\n]", _text(value)):
        if not part.strip():
            continue
        label, sep, number = part.rpartition(":")
        number_value = _score_value(number)
        if not sep or not label.strip() or isinstance(number_value, str):
            message = (
                f"{part.strip()[:40]!r} is not `label: number`; write the levels as "
                "none: 0; filed: 6; approved: 10"
            )
            problems.append(grid.problem(row, "levels", message))
            continue
        out[label.strip()] = number_value
    return out


def _must_have(value: Any, row: int, grid: Grid, problems: list) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in re.split(r"[;,\n]", _text(value)):
        if not part.strip():
            continue
        found = _BOUND.match(part)
        assert found is not None  # the pattern matches any non-blank text
        side = {"min": "min", ">=": "min", "max": "max", "<=": "max"}.get(
            (found.group(1) or "min").lower()
        )
        out[side] = _score_value(found.group(2))
    return out


def _tree(
    rows: dict[str, tuple[int, dict[str, Any], str | None]],
    doc: SheetDoc,
    grid: Grid,
    problems: list[Problem],
) -> list[dict[str, Any]]:
    """Nest the rows by `parent`, mapping each field's path to its cell."""
    children: dict[str | None, list[str]] = {}
    for cid, (row, _, parent) in rows.items():
        if parent is not None and parent not in rows:
            message = f"no criterion with id {parent!r} in this sheet"
            problems.append(grid.problem(row, "parent", message))
            parent = None
        children.setdefault(parent, []).append(cid)
    placed: set[str] = set()

    def build(cid: str, path: tuple) -> dict[str, Any]:
        placed.add(cid)
        row, item, _ = rows[cid]
        doc.cells[path] = (row, "id")
        for key in item:
            column = key if key in COLUMNS else {"scale": "min"}.get(key, "id")
            doc.cells[(*path, key)] = (row, column)
        if "scale" in item:
            doc.cells[(*path, "scale", "max")] = (row, "max")
        kids = [build(k, (*path, "children", i)) for i, k in enumerate(children.get(cid, []))]
        if kids:
            item["children"] = kids
        return item

    top = [build(cid, ("criteria", i)) for i, cid in enumerate(children.get(None, []))]
    for cid in rows:
        if cid not in placed:  # parents in a loop: none of them reaches the top
            message = f"criterion {cid!r} is its own ancestor through the parent column"
            problems.append(grid.problem(rows[cid][0], "parent", message))
    doc.cells.setdefault(("criteria",), (1, "id"))
    return top
