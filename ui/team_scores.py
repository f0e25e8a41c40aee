"""The team round's scores: each evaluator scores a vendor on the leaf criteria (value, rationale,
a source), blind to the others until they have scored; everyone who may see them gets every
evaluator's score per cell, the means before and after discussion, the flags (loud only where the
spread could change the leader) and the ranking with the agreed scores; the facilitator records a
consensus score with a required reason. The maths is scoring.evaluators, the words and tables
scoring.present.evaluations; this module only draws them."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from scoring.agreed import agreed_record
from scoring.edits import sheet_bytes, yaml_zip
from scoring.errors import ScenarioError
from scoring.evaluators import Cell, cells, settled
from scoring.load import Case
from scoring.model import Criterion, Vendor
from scoring.present import evaluations as present
from scoring.present.history import history_table
from scoring.present.table import Table
from scoring.store import Store, StoreError, rounds
from scoring.store import evaluations as ev
from scoring.store.schema import NOTE_CHARS
from scoring.textsafe import is_http_url, markdown_text
from ui import agreed as agreed_ui
from ui import tables, views
from ui.context import AppContext

KEY = "_eval"
WHO_KEY = f"{KEY}.who"
PHASE_KEY = f"{KEY}.phase"
VENDOR_KEY = f"{KEY}.vendor"
MESSAGE_KEY = "_round_message"  # shared with the weights part of the round (ui/tabs/team.py)
PHASES = {"independent": "Independent (before discussion)", "discussed": "After discussion"}
SIMULATIONS = 2000


def render(ctx: AppContext, opened: Store, r: rounds.Round, token: str | None) -> None:
    # While the app ranks this round's agreed scores, the round reads against the case files.
    ranked = ctx.case
    ctx = replace(ctx, case=agreed_ui.scored_case(ranked))
    if r.is_open():
        _score_form(ctx, opened, r)
    who = views.signed_in_name() or st.session_state.get(WHO_KEY)
    independent = ev.scores(opened, r.id, who, token, "independent")
    if independent is None:
        st.info("You will see the others' scores once you have submitted yours.")
        return
    discussed = ev.scores(opened, r.id, who, token, "discussed") or []
    if not independent and not discussed:
        st.info("No one has scored yet.")
        return
    agreed = ev.consensus(opened, r.id)
    latest = settled(independent, discussed)
    try:
        before = cells(ctx.case, independent, agreed, ctx.scenario)
        now = cells(ctx.case, latest, agreed, ctx.scenario)
    except ScenarioError as exc:
        st.warning(markdown_text(exc))
        return
    _cells_view(ctx, before, now)
    agreed_ui.offer(ranked, r.id, r.title, now, latest)
    _downloads(agreed_record(ctx.case, now, latest))
    _cell_history(ctx, opened, r, now, [*independent, *discussed])
    if rounds.is_facilitator(opened, r.id, token):
        _consensus_form(ctx, opened, r, token or "", now)
        _delete_form(opened, r, token or "", sorted({e.evaluator for e in latest}))


def _score_form(ctx: AppContext, opened: Store, r: rounds.Round) -> None:
    st.markdown("**Score the vendors.** Your scores stay hidden from the others until you submit.")
    views.name_input("Evaluator name", WHO_KEY)
    phase = st.radio(
        "Scores given", list(PHASES), format_func=PHASES.get, key=PHASE_KEY, horizontal=True
    )
    names = {v.id: v.name for v in ctx.case.vendors}
    vid = st.selectbox("Vendor", list(names), format_func=names.get, key=VENDOR_KEY)
    vendor = ctx.case.vendor_by_id[vid]
    who = views.signed_in_name() or st.session_state.get(WHO_KEY, "")
    mine = {s.criterion: s for s in ev.own_scores(opened, r.id, who, phase) if s.vendor == vid}
    for c in ctx.case.leaves:
        with st.container(border=True):
            _cell_inputs(c, vendor, mine.get(c.id), f"{KEY}.{phase}.{vid}.{c.id}")
    st.button(
        f"Submit my scores of {vendor.name}",
        key="eval_submit",
        on_click=_submit,
        args=(ctx, opened, r, vid, phase),
        type="primary",
    )
    st.caption(views.names_note("each score"))


def _cell_inputs(c: Criterion, vendor: Vendor, mine: ev.Scored | None, key: str) -> None:
    low, high = c.bounds
    now = mine.value if mine else _case_value(c, vendor)
    if c.levels:
        labels = list(c.levels)
        st.selectbox(c.name, labels, index=labels.index(now) if now in labels else 0, key=key)
    else:
        start = float(now) if isinstance(now, int | float) else low
        st.number_input(
            f"{c.name} ({low:g} to {high:g})",
            min_value=low,
            max_value=high,
            value=min(max(start, low), high),
            key=key,
        )
    st.text_input(
        "Why (rationale)", value=mine.rationale if mine else "", key=f"{key}.why",
        max_chars=NOTE_CHARS,
    )  # fmt: skip
    first = mine.sources[0] if mine and mine.sources else {}
    st.text_input(
        "Source link (https://...)", value=first.get("url") or "", key=f"{key}.url",
        max_chars=2000,
    )  # fmt: skip


def _case_value(c: Criterion, vendor: Vendor) -> float | str | None:
    score = vendor.scores.get(c.id)
    return score.value if score is not None else None


def _submit(ctx: AppContext, opened: Store, r: rounds.Round, vid: str, phase: str) -> None:
    s = st.session_state
    who = views.signed_in_name() or s.get(WHO_KEY, "")
    entered, bad = [], []
    for c in ctx.case.leaves:
        key = f"{KEY}.{phase}.{vid}.{c.id}"
        url = (s.get(f"{key}.url") or "").strip()
        if url and not is_http_url(url):
            bad.append(f"{c.name}: {url[:60]!r} is not a web address; start it with https://")
        value = s.get(key)
        entered.append(
            {
                "vendor": vid,
                "criterion": c.id,
                "value": value if isinstance(value, str) else float(value),
                "rationale": s.get(f"{key}.why") or "",
                "sources": [{"title": url[:200], "url": url}] if url else [],
            }
        )
    if bad:  # every cell's link named at once, by its criterion (the store names a position)
        items = "\n".join(f"- {markdown_text(line)}" for line in bad)
        s[MESSAGE_KEY] = ("error", f"Not submitted: a source link is not a web address.\n\n{items}")
        return
    try:
        n = ev.submit_scores(opened, r.id, who, entered, phase)
    except StoreError as exc:
        s[MESSAGE_KEY] = ("error", f"Not submitted: {markdown_text(exc)}")
        return
    s[MESSAGE_KEY] = ("success", f"Submitted {n} scores. Everyone's scores are below.")


def _cells_view(ctx: AppContext, before: list[Cell], now: list[Cell]) -> None:
    names = {v.id: v.name for v in ctx.case.vendors}
    for line in present.cells_sentences(ctx.case, now, names):
        if line.startswith(present.LOUD_START):
            st.warning(markdown_text(line), icon=":material/warning:")
        else:
            st.markdown(markdown_text(line))
    tables.show(present.cells_table(ctx.case, before, now, names), key="eval_cells")
    for line in present.agreed_sentences(ctx.case, now, ctx.scenario, SIMULATIONS):
        st.markdown(markdown_text(line))


def _downloads(record: Case) -> None:
    """The agreed scores with their evidence, to keep in the case files."""
    st.caption("Keep the agreed scores in the case files: each download has the evidence too.")
    left, right = st.columns(2)
    left.download_button(
        "Download the agreed scores (YAML files, zip)",
        data=yaml_zip(record),
        file_name="agreed-vendors.zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/download:",
        key="eval_zip",
    )
    right.download_button(
        "Download the agreed scores (sheet, XLSX)",
        data=sheet_bytes(record, ".xlsx"),
        file_name="agreed-scores.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        key="eval_sheet",
    )


def _cell_choices(ctx: AppContext, now: list[Cell]) -> dict[str, str]:
    names = {v.id: v.name for v in ctx.case.vendors}
    return {
        f"{c.vendor}/{c.criterion}": f"{names[c.vendor]}: {ctx.case.by_id[c.criterion].name}"
        + (f" ({present.flag(c)})" if present.flag(c) else "")
        for c in present.ordered(now)
    }


def _cell_history(
    ctx: AppContext, opened: Store, r: rounds.Round, now: list[Cell], said: list[ev.Scored]
) -> None:
    with st.expander(
        "A cell: what each evaluator said, and its history", icon=":material/history:"
    ):
        choices = _cell_choices(ctx, now)
        cell = st.selectbox("Cell", list(choices), format_func=choices.get, key=f"{KEY}.history")
        vid, cid = cell.split("/", 1)
        _said(present.said_table(ctx.case, said, vid, cid))
        changes = ev.cell_history(opened, r.id, vid, cid)
        tables.show(history_table(changes, f"History of {choices[cell]}"), key="eval_history")


def _said(table: Table) -> None:
    """Each evaluator's score of the cell with its rationale and source; the source a link a
    reader can open (http(s) only: present.said_table keeps no other), shown as data."""
    st.markdown(f"**{markdown_text(table.title)}**")
    if not table.rows:
        st.caption(markdown_text(table.empty))
        return
    source = table.columns[-1].label
    shown = tables.frame(table)
    shown[source] = [row[-1] for row in table.rows]  # the link itself, or empty (not a dash)
    st.dataframe(
        shown,
        hide_index=True,
        key="eval_said",
        column_config={source: st.column_config.LinkColumn(source, validate=r"^https?://")},
    )


def _delete_form(opened: Store, r: rounds.Round, token: str, evaluators: list[str]) -> None:
    if not evaluators:
        return
    st.selectbox("Evaluator", evaluators, key=f"{KEY}.delete_who")
    st.button(
        "Delete this evaluator's scores",
        key="eval_delete",
        on_click=_delete,
        args=(opened, r, token),
    )


def _delete(opened: Store, r: rounds.Round, token: str) -> None:
    s = st.session_state
    who = views.signed_in_name() or s.get("_round_facilitator") or "facilitator"
    try:
        n = ev.delete_scores(opened, r.id, token, s.get(f"{KEY}.delete_who", ""), who)
    except StoreError as exc:
        s[MESSAGE_KEY] = ("error", f"Not deleted: {markdown_text(exc)}")
        return
    s[MESSAGE_KEY] = ("success", f"Deleted {n} scores. The history keeps them.")


def _consensus_form(
    ctx: AppContext, opened: Store, r: rounds.Round, token: str, now: list[Cell]
) -> None:
    st.markdown("**Record an agreed score** (facilitator): the ranking then uses it.")
    choices = _cell_choices(ctx, now)
    cell = st.selectbox("Cell", list(choices), format_func=choices.get, key=f"{KEY}.cell")
    vid, cid = cell.split("/", 1)
    c = ctx.case.by_id[cid]
    if c.levels:
        st.selectbox("Agreed score", list(c.levels), key=f"{KEY}.agreed")
    else:
        low, high = c.bounds
        st.number_input(
            f"Agreed score ({low:g} to {high:g})", min_value=low, max_value=high,
            key=f"{KEY}.agreed",
        )  # fmt: skip
    st.text_area("Reason (required)", key=f"{KEY}.reason", max_chars=NOTE_CHARS)
    st.button(
        "Record the agreed score",
        key="eval_agree",
        on_click=_agree,
        args=(opened, r, token, vid, cid),
    )


def _agree(opened: Store, r: rounds.Round, token: str, vid: str, cid: str) -> None:
    s = st.session_state
    value = s.get(f"{KEY}.agreed")
    who = views.signed_in_name() or s.get("_round_facilitator") or "facilitator"
    try:
        ev.record_consensus(
            opened, r.id, token, who, vid, cid,
            value if isinstance(value, str) else float(value or 0), s.get(f"{KEY}.reason", ""),
        )  # fmt: skip
    except StoreError as exc:
        s[MESSAGE_KEY] = ("error", f"Not recorded: {markdown_text(exc)}")
        return
    s[MESSAGE_KEY] = ("success", "Recorded the agreed score.")
