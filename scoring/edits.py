"""Score edits made in the app's editor -> a validated `Case`, or every problem in plain words.

The editor shows three tables over the same vendors: the score matrix (one row per vendor, one
column per leaf criterion, values as text), the ranges (`<criterion>_low`, `_high` per vendor)
and the evidence (one row per vendor and criterion: rationale, and sources one per line as
`title | url | date`). Together they go back through the matrix sheet's reader
(`scoring.tabular.matrix`) and the same validation and cross-checks as any file, so an edit is
held to exactly the rules a sheet is. Nothing partial is returned: an invalid edit never reaches
a ranking.
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
from scoring.edit_criteria import NOT_SCORED
from scoring.errors import CaseError, Problem
from scoring.load import Case, _validate_vendor, fingerprint
from scoring.model import Criterion, Vendor
from scoring.tabular.grid import Grid
from scoring.tabular.matrix import SUFFIXES, VENDOR_COLUMNS, matrix_documents, source_text
from scoring.tabular.write import criteria_rows, matrix_rows, vendor_yaml, write_sheet

EDITOR = "your edits"  # where a problem is located, before it is worded for the editor
RANGE_ENDS = ("_low", "_high")
EVIDENCE_FIELDS = ("rationale", "sources")
EVIDENCE_SUFFIX = {"rationale": "_rationale", "sources": "_source"}
VENDOR_FIELDS = frozenset(("id", "name"))
_SUFFIX_WORDS = {
    "_low": "low end of its range",
    "_high": "high end of its range",
    "_rationale": "rationale",
    "_source": "sources",
}


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


def range_grid(case: Case) -> tuple[list[str], list[list[str]]]:
    """The ranges table: id and name (read only), then `<criterion>_low` and `_high` for each
    leaf criterion, as text ("" where a score has no range)."""
    columns = ["id", "name", *(c.id + end for c in case.leaves for end in RANGE_ENDS)]
    rows = []
    for v in case.vendors:
        cells = [v.id, v.name]
        for c in case.leaves:
            score = v.scores.get(c.id)
            low, high = score.range if score is not None and score.range else ("", "")
            cells += [_shown(low) if low != "" else "", _shown(high) if high != "" else ""]
        rows.append(cells)
    return columns, rows


def evidence_grid(case: Case) -> tuple[list[str], list[list[str]]]:
    """The evidence table: one row per vendor and scored leaf criterion (vendor, criterion, both
    read only), its rationale and its sources, one per line as `title | url | date`."""
    columns = ["vendor", "criterion", *EVIDENCE_FIELDS]
    rows = []
    for v, c in evidence_keys(case):
        score = v.scores[c.id]
        sources = "\n".join(source_text(s.title, s.url, s.date) for s in score.sources)
        rows.append([v.name, c.name, score.rationale or "", sources])
    return columns, rows


def evidence_keys(case: Case) -> list[tuple[Vendor, Criterion]]:
    """(vendor, criterion) of each row of `evidence_grid`, in its order."""
    return [(v, c) for v in case.vendors for c in case.leaves if c.id in v.scores]


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


def edited_case(
    case: Case,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    ranges: Mapping[str, Mapping[str, Any]] | None = None,
    evidence: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
) -> Case:
    """The case with the editor's rows as its vendors, or CaseError with every problem worded
    for the editor (`Baidu (ERNIE), Model quality: 12 is above the scale maximum 10`).

    `ranges` holds the edited cells of the ranges table by vendor id (`{"baidu":
    {"model_quality_low": "6"}}`), `evidence` those of the evidence table by (vendor id,
    criterion id) (`{"rationale": ..., "sources": ...}`); a vendor the rows no longer hold
    takes its edits with it. A changed value whose range was not edited drops its old range:
    a new value is a new judgement, which the old range need not contain."""
    header = _full_header(case)
    position = {name: i for i, name in enumerate(header)}
    by_id = _full_rows(case, header)
    shown_columns, shown = score_grid(case)
    before = {row[0]: dict(zip(shown_columns, row, strict=True)) for row in shown}
    records: list[list[Any]] = [header]
    for row in rows:
        cells = dict(zip(columns, row, strict=False))
        vid = _text(cells.get("id"))
        base = list(by_id.get(vid, [None] * len(header)))
        new_range = (ranges or {}).get(vid, {})
        for name, value in cells.items():
            if name not in position:
                continue
            changed = vid in before and _text(value) != before[vid].get(name, "")
            if changed or vid not in before:  # else the exact value, not its shown text
                base[position[name]] = _text(value) or None
            note = position.get(name + "_rationale")
            if changed and note is not None and base[note] == NOT_SCORED:
                base[note] = None  # a new criterion's placeholder, now that it has a score
            if changed and not any(name + end in new_range for end in RANGE_ENDS):
                for end in RANGE_ENDS:
                    if name + end in position:
                        base[position[name + end]] = None
        for name, value in new_range.items():
            if name in position and name not in VENDOR_FIELDS:
                base[position[name]] = _text(value) or None
        for (owner, cid), fields in (evidence or {}).items():
            for name, value in fields.items() if owner == vid else ():
                column = cid + EVIDENCE_SUFFIX.get(name, "?")
                if column in position:
                    base[position[column]] = _text(value) or None
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
        origin=None,  # where an edit came from is for the caller to say (scenario.overrides)
    )


def _full_header(case: Case) -> list[str]:
    """The matrix header with every companion column of every leaf, used or not."""
    return [*VENDOR_COLUMNS, *(c.id + end for c in case.leaves for end in ("", *SUFFIXES))]


def _full_rows(case: Case, header: list[str]) -> dict[str, list[Any]]:
    """Each vendor's matrix row under `header`, by vendor id."""
    written, rows = matrix_rows(case.vendors, [c.id for c in case.leaves])
    out = {}
    for row in rows:
        cells = dict(zip(written, row, strict=True))
        out[row[0]] = [cells.get(name) for name in header]
    return out


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
    name = _field_name(p.field, case)
    message = p.message.replace(", or leave it empty and say why in its _rationale column", "")
    return Problem(where, None, None, name, message)


def _field_name(column: str, case: Case) -> str:
    """A matrix column in words: `model_quality_low` -> `Model quality (low end of its range)`."""
    if column in case.by_id:
        return case.by_id[column].name
    for end, words in _SUFFIX_WORDS.items():
        cid = column.removesuffix(end)
        if column.endswith(end) and cid in case.by_id:
            return f"{case.by_id[cid].name} ({words})"
    return column


def sheet_bytes(case: Case, suffix: str = ".csv", criteria: bool = False) -> bytes:
    """The case's vendors as a matrix sheet (.csv or .xlsx), or its criteria as a criteria
    sheet, through the project's writer."""
    if criteria:
        header, rows = criteria_rows(case.criteria)
    else:
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


def edited_cells(rows: Sequence[Sequence[Any]], edits: Mapping) -> dict[int, dict[str, Any]]:
    """A fixed-rows data editor's `edited_rows` ({row: {column: value}}), rows in range only."""
    out: dict[int, dict[str, Any]] = {}
    for r, changed in (edits.get("edited_rows") or {}).items():
        r = int(r)
        if 0 <= r < len(rows) and isinstance(changed, Mapping):
            out[r] = dict(changed)
    return out


def range_edits(case: Case, edits: Mapping) -> dict[str, dict[str, Any]]:
    """The ranges table's edit state -> `edited_case`'s `ranges` (by vendor id)."""
    _, rows = range_grid(case)
    return {rows[r][0]: cells for r, cells in edited_cells(rows, edits).items()}


def evidence_edits(case: Case, edits: Mapping) -> dict[tuple[str, str], dict[str, Any]]:
    """The evidence table's edit state -> `edited_case`'s `evidence` (by vendor, criterion)."""
    keys = evidence_keys(case)
    cells = edited_cells(keys, edits)
    return {(keys[r][0].id, keys[r][1].id): fields for r, fields in cells.items()}
