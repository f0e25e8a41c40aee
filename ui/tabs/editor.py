"""Edit scores: the score matrix, the ranges and the evidence in data editors, every edit
validated as a sheet would be.

An invalid cell is listed with its message and never reaches the ranking; "Rank with these
scores" switches this session to the edited case (like an upload: the server's files stay as
they are), keeping the weights and settings. The edited case downloads as a matrix sheet or as
YAML files. The logic lives in `scoring.edits`; this module only draws it.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

import scoring
from scoring.edit_criteria import criteria_grid, edited_criteria
from scoring.edits import (
    apply_edit_state,
    edited_case,
    evidence_edits,
    evidence_grid,
    range_edits,
    range_grid,
    score_grid,
    sheet_bytes,
    yaml_zip,
)
from scoring.present.facts import rubric_text
from scoring.scenario import overrides
from scoring.textsafe import markdown_text
from ui import data, state, upload
from ui.context import AppContext

LABEL = "Edit scores"
NONCE_KEY = "_editor_nonce"  # bumped after applying, so the next edits start from the new case
EDITED_KEY = upload.EDITED_KEY  # True while the session ranks an edited case
MAX_SHOWN_PROBLEMS = 20


def editor_key(table: str = "score") -> str:
    """The session key of one of the editor's tables: score, range or evidence."""
    return f"_{table}_editor.{st.session_state.get(NONCE_KEY, 0)}"


def render(ctx: AppContext) -> None:
    case = ctx.case
    st.caption(
        "Each edit is checked as a sheet would be; an invalid one is listed below and never "
        "reaches the ranking. A changed value whose range you leave alone drops its old range "
        "of uncertainty."
    )
    tables = st.tabs(["Scores", "Ranges", "Rationale and sources", "Criteria"])
    for tab, draw in zip(
        tables, (_score_table, _range_table, _evidence_table, _criteria_table), strict=True
    ):
        with tab:
            draw(case)
    edited = _edited(case)
    if isinstance(edited, scoring.CaseError):
        problems = edited.problems
        shown = "\n".join(f"- {markdown_text(p)}" for p in problems[:MAX_SHOWN_PROBLEMS])
        more = len(problems) - MAX_SHOWN_PROBLEMS
        tail = f"\n- ... and {more} more" if more > 0 else ""
        st.error(
            f"**{len(problems)} problem{'s' if len(problems) != 1 else ''} in your edits**; the "
            f"ranking above still uses the scores before them:\n\n{shown}{tail}",
            icon=":material/error:",
        )
        return
    changed = edited.vendors != case.vendors or edited.criteria != case.criteria
    if changed:
        st.button(
            "Rank with these scores",
            key="editor_apply",
            type="primary",
            on_click=apply,
            icon=":material/check:",
        )
    st.caption(link_note(data.edit_base(case), edited))
    _downloads(edited)


def _downloads(edited: scoring.Case) -> None:
    # Built when clicked, not on every rerun: at 2,000 vendors the zip alone costs half a minute.
    files = (
        (
            "Download as a sheet (CSV)",
            lambda: sheet_bytes(edited),
            "vendors.csv",
            "text/csv",
            "sheet",
        ),
        (
            "Download as YAML files (zip)",
            lambda: yaml_zip(edited),
            "vendors.zip",
            "application/zip",
            "zip",
        ),
        (
            "Download the criteria (CSV)",
            lambda: sheet_bytes(edited, criteria=True),
            "criteria.csv",
            "text/csv",
            "criteria_sheet",
        ),
    )
    for column, (label, payload, name, mime, key) in zip(st.columns(3), files, strict=True):
        column.download_button(
            label,
            data=payload,
            file_name=name,
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"editor_{key}",
        )


def _table(
    table: str, caption: str, grid: tuple[list[str], list[list[str]]], config: dict, **kw
) -> None:
    """One of the editor's tables: its caption, then its data editor (text cells)."""
    columns, rows = grid
    st.caption(caption)
    st.data_editor(
        pd.DataFrame(rows, columns=columns, dtype=object),
        key=editor_key(table),
        hide_index=True,
        column_config=config,
        width="stretch",
        **kw,
    )


def _score_table(case: scoring.Case) -> None:
    caption = (
        "Change a value, add a vendor (a new row at the bottom) or delete one (select its row). "
        "Numbers in each criterion's own units, or a level's name; an empty cell is an unknown "
        "only where the rationale says why."
    )
    _table("score", caption, score_grid(case), _column_config(case), num_rows="dynamic")


def _range_table(case: scoring.Case) -> None:
    config: dict = {
        "id": st.column_config.TextColumn("Vendor id", disabled=True),
        "name": st.column_config.TextColumn("Name", disabled=True),
    }
    for c in case.leaves:
        config[c.id + "_low"] = st.column_config.TextColumn(f"{c.name}: low")
        config[c.id + "_high"] = st.column_config.TextColumn(f"{c.name}: high")
    caption = (
        "The range each score could really lie in (used by the robustness check's "
        "simulations): give both ends, or neither. A new vendor's range: rank with it first."
    )
    _table("range", caption, range_grid(case), config)


def _evidence_table(case: scoring.Case) -> None:
    config = {
        "vendor": st.column_config.TextColumn("Vendor", disabled=True),
        "criterion": st.column_config.TextColumn("Criterion", disabled=True),
        "rationale": st.column_config.TextColumn("Rationale", width="large"),
        "sources": st.column_config.TextColumn("Sources", width="large"),
    }
    caption = (
        "Why each score is what it is, and its sources, one per line as `title | url | date` "
        "(a date as 2025, 2025-02 or 2025-02-13; the url with http:// or https://)."
    )
    _table("evidence", caption, evidence_grid(case), config)


def _criteria_table(case: scoring.Case) -> None:
    config = {
        "id": st.column_config.TextColumn("Criterion id", required=True),
        "name": st.column_config.TextColumn("Name", required=True),
        "direction": st.column_config.SelectboxColumn("Direction", options=["benefit", "cost"]),
        "levels": st.column_config.TextColumn("Levels", help="e.g. none: 0; filed: 6"),
        "must_have": st.column_config.TextColumn("Must have", help="e.g. min 4"),
    }
    caption = (
        "Add a criterion (a new row: id, name, weight, direction, and min and max or levels), "
        "change one, or delete one (select its row). A new criterion starts unknown for every "
        "vendor, saying so in its rationale: rank with it, then give its scores. A group is a "
        "row that other rows name as their parent."
    )
    _table("criteria", caption, criteria_grid(case), config, num_rows="dynamic")


TABLES = ("score", "range", "evidence", "criteria")


def _untouched() -> bool:
    """No table holds an edit (the state of a data editor nobody changed is empty)."""
    return not any(
        (st.session_state.get(editor_key(t)) or {}).get(k)
        for t in TABLES
        for k in ("edited_rows", "added_rows", "deleted_rows")
    )


def _edited(case: scoring.Case):
    """The case after every table's edits, or the CaseError naming each problem (`case` itself
    when nothing is edited: re-validating 2,000 vendors on every rerun costs seconds)."""
    if _untouched():
        return case
    columns, rows = score_grid(case)
    state = st.session_state
    try:
        target = _with_edited_criteria(case)
        return edited_case(
            target,
            columns,
            apply_edit_state(rows, columns, state.get(editor_key()) or {}),
            range_edits(case, state.get(editor_key("range")) or {}),
            evidence_edits(case, state.get(editor_key("evidence")) or {}),
        )
    except scoring.CaseError as exc:
        return exc


def _with_edited_criteria(case: scoring.Case) -> scoring.Case:
    """`case` under the criteria table's edits (itself when there are none)."""
    edits = st.session_state.get(editor_key("criteria")) or {}
    if not any(edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        return case
    columns, rows = criteria_grid(case)
    return edited_criteria(case, columns, apply_edit_state(rows, columns, edits))


def apply() -> None:
    """Callback: rank the edited case in this session, keeping the weights and settings."""
    case = data.load().case
    if case is None:
        return
    edited = _edited(case)
    if isinstance(edited, scoring.CaseError):
        return  # the button is only shown for valid edits; a race leaves the ranking as it is
    scenario = state.scenario_from_state(case)
    # A weight changed in the criteria table wins over its slider; the others keep theirs.
    weights = {
        c.id: scenario.weights[c.id]
        if c.id in case.by_id and case.by_id[c.id].weight == c.weight
        else c.weight
        for c in edited.all_criteria
    }
    scenario = scenario.model_copy(update={"vendors": None, "weights": weights})
    base = data.edit_base(case)
    edited = dataclasses.replace(edited, origin=overrides.origin(base, edited))
    data.show_edited(edited, base)
    st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1
    state.switch_case(edited, scenario)


def link_note(base: scoring.Case, edited: scoring.Case) -> str:
    """What the share link carries of these edits, and what to do when it cannot."""
    changes = overrides.overrides_between(base, edited)
    if changes is None:
        return (
            "Adding or removing a vendor or a criterion, or changing a criterion, is more than "
            "a share link can carry: the link names the edited data, and a colleague needs the "
            "files below to see this ranking."
        )
    n = len(changes)
    if overrides.origin(base, edited).overrides is None:
        return (
            f"Your {n} changed scores are more than a share link can carry: the link names the "
            "edited data, and a colleague needs the files below to see this ranking."
        )
    note = (
        f"The share link carries your {n} changed score{'s' if n != 1 else ''}, so it "
        "reproduces this ranking for anyone with the same data."
    )
    if len(overrides.text_of(changes)) > overrides.SHORT_LINK_CHARS:
        note += (
            " It is long for mail or chat: save this view (beside the share link) for a short "
            "link, or share the files below."
        )
    if _text_changed(base, edited):
        note += " Changed rationales and sources are not in the link: share the files for them."
    return note


def _text_changed(base: scoring.Case, edited: scoring.Case) -> bool:
    """Whether anything but values and ranges changed (rationale, sources, names)."""
    for before, after in zip(base.vendors, edited.vendors, strict=True):
        for cid, score in after.scores.items():
            old = before.scores[cid]
            if score.model_copy(update={"value": old.value, "range": old.range}) != old:
                return True
        if before.model_copy(update={"scores": after.scores}) != after:
            return True
    return False


def _column_config(case: scoring.Case) -> dict:
    config: dict = {
        "id": st.column_config.TextColumn("Vendor id", required=True),
        "name": st.column_config.TextColumn("Name", required=True),
    }
    for c in case.leaves:
        if c.levels:
            rule = "one of: " + ", ".join(c.levels)
        else:
            lo, hi = c.bounds
            rule = f"a number from {lo:g} to {hi:g}" + (f" {c.unit}" if c.unit else "")
        rubric = rubric_text(c)
        config[c.id] = st.column_config.TextColumn(
            c.name, help=f"{rule}." + (f" What earns a score: {rubric}" if rubric else "")
        )
    return config
