"""Criteria edits made in the app's editor -> the edited criteria, or every problem in words.

The editor shows the criteria sheet's table (`scoring.tabular.criteria`: id, name, parent,
weight, direction, min, max, levels, must_have, description, unit), one row per criterion. Its
rows go back through the same reader, pydantic model and cross-checks as a criteria file, so a
criterion added, removed or changed there is held to exactly the rules of the files. What the
sheet has no column for (a rubric, PROMETHEE's preference) stays with the criterion's id.

`with_criteria` then fits the vendors to the new criteria: the scores of a removed criterion go,
and a new leaf criterion starts as an unknown for every vendor, saying so in its rationale, until
someone gives the scores (the same rules as a file: an unknown carries its reason).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from scoring.checks import check_criteria
from scoring.errors import CaseError, Problem
from scoring.load import Case, _validate, fingerprint
from scoring.model import CriteriaFile, Criterion, Score
from scoring.tabular.criteria import COLUMNS, criteria_document
from scoring.tabular.grid import Grid
from scoring.tabular.write import criteria_rows

CRITERIA = "your criteria"  # where a problem is located, before it is worded for the editor
NOT_SCORED = "Not scored yet: the criterion was added in the editor."
KEPT_FIELDS = ("rubric", "preference")  # no sheet column: kept with the criterion's id


def criteria_grid(case: Case) -> tuple[list[str], list[list[str]]]:
    """The criteria editor's table: the criteria sheet's columns, values as text."""
    header, rows = criteria_rows(case.criteria)
    return list(header), [["" if v is None else _shown(v) for v in row] for row in rows]


def edited_criteria(case: Case, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Case:
    """`case` with the editor's criteria (vendors fitted by `with_criteria`), or CaseError with
    every problem worded for the editor (`Criterion 'Model quality', max: ...`)."""
    records: list[list[Any]] = [list(COLUMNS)]
    index = {name: i for i, name in enumerate(columns)}
    for row in rows:
        records.append([_cell(row[index[c]]) if c in index else None for c in COLUMNS])
    grid = Grid(CRITERIA, None, records=records)
    problems: list[Problem] = []
    info = case.info.model_dump(mode="json", exclude_defaults=True)
    doc = criteria_document(grid, {**info, "id": case.info.id, "name": case.info.name}, problems)
    model = None
    if doc is not None:
        _keep_unsheeted(doc.data.get("criteria", []), case)
        model = _validate(CriteriaFile, doc, problems)
        if model is not None:
            problems += check_criteria(model, doc)
    if problems or model is None:
        raise CaseError([_worded(p, records) for p in problems])
    return with_criteria(case, tuple(model.criteria))


def with_criteria(case: Case, criteria: tuple[Criterion, ...]) -> Case:
    """`case` under new criteria: scores of removed leaves dropped, new leaves unknown."""
    if criteria == case.criteria:
        return case
    leaves = [c.id for root in criteria for c in root.walk() if c.is_leaf]
    unknown = Score(value=None, rationale=NOT_SCORED)
    vendors = tuple(
        v.model_copy(update={"scores": {cid: v.scores.get(cid, unknown) for cid in leaves}})
        for v in case.vendors
    )
    return dataclasses.replace(
        case,
        criteria=criteria,
        vendors=vendors,
        fingerprint=fingerprint(case.info, criteria, vendors),
        origin=None,
    )


def _keep_unsheeted(items: list[dict[str, Any]], case: Case) -> None:
    """Put back, by id, what a criterion has that the sheet has no column for."""
    for item in items:
        old = case.by_id.get(item.get("id"))
        for name in KEPT_FIELDS if old is not None else ():
            value = getattr(old, name)
            if value is not None and name not in item:
                item[name] = value.model_dump() if hasattr(value, "model_dump") else value
        _keep_unsheeted(item.get("children", []), case)


def _worded(p: Problem, records: list[list[Any]]) -> Problem:
    """`your criteria:3: weight: ...` -> `Criterion 'Model quality': weight: ...`."""
    if p.line is None or p.line < 2 or p.line > len(records):
        where = "The criteria"
    else:
        row = records[p.line - 1]
        name = _text(row[1]) or _text(row[0])
        where = f"Criterion {name!r}" if name else f"New criterion row {p.line - 1}"
    return Problem(where, None, None, p.field, p.message)


def _cell(value: Any) -> Any:
    text = _text(value)
    return text or None


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):  # pandas' NaN
        return ""
    return str(value).strip()


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
