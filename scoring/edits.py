"""Score edits made in the app's editor -> a validated `Case`, or every problem in plain words.

The editor shows the score matrix (one row per vendor, one column per leaf criterion, values as
text). Its rows go back through the matrix sheet's reader (`scoring.tabular.matrix`) and the
same validation and cross-checks as any file, so an edit is held to exactly the rules a sheet
is; ranges, rationales and sources of the vendors already there are kept as they were. Nothing
partial is returned: an invalid edit never reaches a ranking.
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from scoring.checks import check_vendors
from scoring.errors import CaseError, Problem
from scoring.load import Case, _validate_vendor, fingerprint
from scoring.tabular.grid import Grid
from scoring.tabular.matrix import matrix_documents
from scoring.tabular.write import matrix_rows, vendor_yaml, write_sheet

EDITOR = "your edits"  # where a problem is located, before it is worded for the editor


def score_grid(case: Case) -> tuple[list[str], list[list[str]]]:
    """The editor's table: columns id, name and each leaf criterion; values as text ("" for
    unknown), as a person types them."""
    columns = ["id", "name", *(c.id for c in case.leaves)]
    rows = []
    for v in case.vendors:
        cells = [v.id, v.name]
        for c in case.leaves:
            score = v.scores.get(c.id)
            value = None if score is None else score.value
            cells.append("" if value is None else _shown(value))
        rows.append(cells)
    return columns, rows


def _shown(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:g}" if abs(value) < 1e15 else repr(value)


def apply_edit_state(rows: list[list[str]], columns: Sequence[str], edits: Mapping) -> list[list]:
    """The table after a data editor's edit state (`edited_rows`, `added_rows`, `deleted_rows`,
    as Streamlit keeps it in session state)."""
    out = [list(r) for r in rows]
    index = {name: i for i, name in enumerate(columns)}
    for r, changed in (edits.get("edited_rows") or {}).items():
        r = int(r)
        if 0 <= r < len(out):
            for name, value in changed.items():
                if name in index:
                    out[r][index[name]] = value
    deleted = {int(r) for r in edits.get("deleted_rows") or ()}
    out = [row for r, row in enumerate(out) if r not in deleted]
    for added in edits.get("added_rows") or ():
        out.append([added.get(name) for name in columns])
    return out


def edited_case(case: Case, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Case:
    """The case with the editor's rows as its vendors, or CaseError with every problem worded
    for the editor (`Baidu (ERNIE), Model quality: 12 is above the scale maximum 10`)."""
    header, full = matrix_rows(case.vendors, [c.id for c in case.leaves])
    by_id = {row[0]: row for row in full}
    shown_columns, shown = score_grid(case)
    before = {row[0]: dict(zip(shown_columns, row, strict=True)) for row in shown}
    records: list[list[Any]] = [header]
    position = {name: i for i, name in enumerate(header)}
    for row in rows:
        cells = dict(zip(columns, row, strict=False))
        vid = _text(cells.get("id"))
        base = list(by_id.get(vid, [None] * len(header)))
        for name, value in cells.items():
            if name not in position:
                continue
            base[position[name]] = _text(value) or None
            if vid in before and _text(value) != before[vid].get(name, ""):
                # A new value is a new judgement: its old range need not contain it.
                for end in ("_low", "_high"):
                    if name + end in position:
                        base[position[name + end]] = None
        records.append(base)
    grid = Grid(EDITOR, None, records=records)
    problems: list[Problem] = []
    leaves = [c.id for c in case.leaves]
    docs = matrix_documents(grid, problems, leaves)
    models = []
    for doc in docs:
        model = _validate_vendor(doc, problems)
        if model is not None:
            models.append((model, doc))
    problems += check_vendors(list(case.criteria), models)
    if not docs and not problems:
        problems.append(Problem(EDITOR, None, None, "", "no vendors left; add at least one"))
    if problems:
        raise CaseError([_worded(p, records, case) for p in problems])
    vendors = tuple(m for m, _ in models)
    return dataclasses.replace(
        case,
        vendors=vendors,
        files=(*case.files[:1], EDITOR),
        fingerprint=fingerprint(case.info, case.criteria, vendors),
    )


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):  # pandas' NaN
        return ""
    return str(value).strip()


def _worded(p: Problem, records: list[list[Any]], case: Case) -> Problem:
    """`your edits:3: model_quality: ...` -> `Baidu (ERNIE), Model quality: ...`."""
    if p.line is None or p.line < 2 or p.line > len(records):
        where = "The table" if p.line == 1 else EDITOR
    else:
        row = records[p.line - 1]
        where = _text(row[1]) or _text(row[0]) or f"New row {p.line - 1}"
    name = case.by_id[p.field].name if p.field in case.by_id else p.field
    message = p.message.replace(", or leave it empty and say why in its _rationale column", "")
    return Problem(where, None, None, name, message)


def sheet_bytes(case: Case, suffix: str = ".csv") -> bytes:
    """The case's vendors as a matrix sheet (.csv or .xlsx), through the project's writer."""
    header, rows = matrix_rows(case.vendors, [c.id for c in case.leaves])
    with tempfile.TemporaryDirectory(prefix="shortlist-edit-") as folder:
        path = Path(folder) / f"vendors{suffix}"
        write_sheet(rows, path, header)
        return path.read_bytes()


def yaml_zip(case: Case) -> bytes:
    """The case's vendors as YAML files in a zip (`vendors/<id>.yaml`), one per vendor."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for vendor in case.vendors:
            line = "# yaml-language-server: $schema=../schema/vendor.schema.json\n"
            archive.writestr(f"vendors/{vendor.id}.yaml", line + vendor_yaml(vendor))
    return buffer.getvalue()
