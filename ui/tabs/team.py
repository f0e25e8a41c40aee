"""The team round: a facilitator opens a round, each participant submits the sidebar's weights,
and the group view shows everyone's weights, the spread, the consensus and the disagreements
that matter (scoring.group, described by scoring.present.group)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import streamlit as st

from scoring.case import local_shares, raw_weights
from scoring.errors import ScenarioError
from scoring.group import AGGREGATES, from_submissions, group
from scoring.group_ahp import comparison_sets, judged_sets, judged_weights
from scoring.present import group as present_group
from scoring.present.history import history_table
from scoring.present.judgements import judgements_sentences, judgements_table
from scoring.store import StoreError, rounds
from scoring.store.schema import AUTHOR_CHARS, NAME_CHARS
from scoring.textsafe import markdown_text
from ui import figures, share, state, tables, team_report, team_scores, views
from ui.context import AppContext
from ui.tabs.weights import ahp_judgements

LABEL = "Team round"
# The round's id and the facilitator's secret token in the link: kept there by ui/state.py.
ROUND_PARAM, FACILITATOR_PARAM = state.KEPT_PARAMS
WHO_KEY = "_round_participant"
ROLE_KEY = "_round_role"
MESSAGE_KEY = "_round_message"
HOW_KEY = "_round_how"
PART_KEY = "_round_part"
PARTS = {"weights": "Everyone's weights", "scores": "Evaluators' scores"}
AHP_KEY = "_round_ahp"
HOW = {"sliders": "With the sidebar's sliders", "pairs": "Compare the criteria in pairs (AHP)"}


def render(ctx: AppContext) -> None:
    opened, reason = views.store()
    if opened is None:
        st.warning(f"Team rounds are unavailable: {markdown_text(reason)}.")
        return
    _message()
    rid = st.query_params.get(ROUND_PARAM)
    if not rid:
        _start(opened)
        return
    try:
        r = rounds.get_round(opened, rid)
    except StoreError as exc:
        st.warning(markdown_text(exc))
        _start(opened)
        return
    token = st.query_params.get(FACILITATOR_PARAM)
    facilitator = rounds.is_facilitator(opened, r.id, token)
    status = "open" if r.is_open() else "closed"
    if r.closes_at and r.is_open():
        status += f", closes {r.closes_at[:16].replace('T', ' ')} UTC"
    st.subheader(markdown_text(r.title))
    st.caption(f"Team round ({status}): weigh {rounds.LEVELS[r.level]}.")
    if facilitator:
        _facilitator(opened, r, token)
    part = st.radio(
        "Part of the round", list(PARTS), format_func=PARTS.get, key=PART_KEY, horizontal=True
    )
    if part == "scores":
        team_scores.render(ctx, opened, r, token)
    else:
        _weights_part(ctx, opened, r, token)
    team_report.render(ctx, opened, r, token)
    if facilitator:
        _history_and_delete(opened, r, token)


def _history_and_delete(opened: rounds.Store, r: rounds.Round, token: str) -> None:
    """The facilitator's: the round's whole history, and deleting a participant's weights."""
    with st.expander("The round's history, and deleting an input", icon=":material/history:"):
        subs = rounds.all_submissions(opened, r.id)
        if subs:
            st.selectbox("Participant", [s.participant for s in subs], key="_round_delete_who")
            st.button(
                "Delete this participant's weights",
                key="round_delete",
                on_click=_delete,
                args=(opened, r, token),
            )
        tables.show(history_table(opened.history(r.id, limit=500)), key="round_history")


def _weights_part(
    ctx: AppContext, opened: rounds.Store, r: rounds.Round, token: str | None
) -> None:
    if r.is_open():
        _submit_form(opened, r, ctx)
    seen = rounds.visible_submissions(opened, r.id, st.session_state.get(WHO_KEY), token)
    if seen is None:
        st.info("You will see the others' weights once you have submitted yours.")
    elif not seen:
        st.info("No one has submitted yet.")
    else:
        _group_view(ctx, seen)


def _message() -> None:
    kind, text = st.session_state.pop(MESSAGE_KEY, (None, ""))
    if kind:
        (st.error if kind == "error" else st.success)(text)


def links(round_id: str, token: str | None = None) -> tuple[str, str | None]:
    base = share.base_url().split("?", 1)[0]
    participant = f"{base}?{ROUND_PARAM}={round_id}&tab=Team+round"
    return participant, (f"{participant}&{FACILITATOR_PARAM}={token}" if token else None)


def _start(opened: rounds.Store) -> None:
    st.markdown(
        "Collect everyone's weights: open a round, send the participant link, and see where "
        "people disagree and whether it changes the winner."
    )
    st.text_input("Round title", key="_round_title", max_chars=NAME_CHARS)
    st.text_input("Your name (facilitator)", key="_round_facilitator", max_chars=AUTHOR_CHARS)
    st.radio(
        "Weigh",
        list(rounds.LEVELS),
        format_func=lambda k: rounds.LEVELS[k].capitalize(),
        key="_round_level",
        horizontal=True,
    )
    st.checkbox("Participants see each other's weights before submitting", key="_round_show")
    st.date_input("Closes at the end of (optional)", value=None, key="_round_closes")
    st.button("Open a round", key="round_open", on_click=_open, args=(opened,), type="primary")


def _open(opened: rounds.Store) -> None:
    s = st.session_state
    day = s.get("_round_closes")
    closes = datetime.combine(day, time(23, 59, 59), tzinfo=UTC) if day else None
    try:
        r, token = rounds.open_round(
            opened,
            s.get("_round_title", ""),
            s.get("_round_facilitator", ""),
            level=s.get("_round_level", "top"),
            show_others=bool(s.get("_round_show")),
            closes_at=closes,
        )
    except StoreError as exc:
        s[MESSAGE_KEY] = ("error", f"Not opened: {markdown_text(exc)}")
        return
    st.query_params[ROUND_PARAM] = r.id
    st.query_params[FACILITATOR_PARAM] = token
    s[MESSAGE_KEY] = ("success", f"Opened **{markdown_text(r.title)}**.")


def _facilitator(opened: rounds.Store, r: rounds.Round, token: str) -> None:
    participant, private = links(r.id, token)
    st.markdown("**Participant link** (send this to everyone):")
    st.code(participant, language=None, wrap_lines=True)
    st.markdown("**Your facilitator link** (keep it private: it closes the round):")
    st.code(private, language=None, wrap_lines=True)
    if r.is_open():
        st.button("Close the round", key="round_close", on_click=_close, args=(opened, r, token))


def _delete(opened: rounds.Store, r: rounds.Round, token: str) -> None:
    s = st.session_state
    who = views.signed_in_name() or s.get("_round_facilitator") or "facilitator"
    try:
        rounds.delete_submission(opened, r.id, token, s.get("_round_delete_who", ""), who)
    except StoreError as exc:
        s[MESSAGE_KEY] = ("error", f"Not deleted: {markdown_text(exc)}")
        return
    s[MESSAGE_KEY] = ("success", "Deleted. The history keeps what it was.")


def _close(opened: rounds.Store, r: rounds.Round, token: str) -> None:
    try:
        rounds.close_round(opened, r.id, token, st.session_state.get("_round_facilitator", ""))
    except StoreError as exc:
        st.session_state[MESSAGE_KEY] = ("error", markdown_text(exc))


def level_ids(ctx: AppContext, level: str) -> list[str]:
    case = ctx.case
    return [c.id for c in (case.criteria if level == "top" else case.all_criteria)]


def _submit_form(opened: rounds.Store, r: rounds.Round, ctx: AppContext) -> None:
    st.markdown(
        "Set the weights in the sidebar to what you think is right, or compare the criteria in "
        "pairs, then submit. You can resubmit until the round closes."
    )
    views.name_input("Participant name", WHO_KEY)
    st.text_input("Your role", key=ROLE_KEY, max_chars=AUTHOR_CHARS)
    how = st.radio(
        "How do you give your weights?",
        list(HOW),
        format_func=HOW.get,
        key=HOW_KEY,
        horizontal=True,
    )
    sets = _judgements(ctx, r.level) if how == "pairs" else None
    scenario = ctx.scenario
    if sets:
        scenario = scenario.model_copy(update={"weights": judged_weights(ctx.case, scenario, sets)})
    raw = raw_weights(ctx.case, scenario)
    weights = {cid: raw[cid] for cid in level_ids(ctx, r.level)}
    st.button(
        "Submit my judgements" if sets else "Submit my weights",
        key="round_submit",
        on_click=_submit,
        args=(opened, r, weights, sets),
        type="primary",
    )
    st.caption(views.names_note("each submission"))


def _judgements(ctx: AppContext, level: str) -> list[dict]:
    """The Set weights tab's pairwise sliders, once per group of criteria the round weighs."""
    now = local_shares(ctx.case, raw_weights(ctx.case, ctx.scenario))
    names = {c.id: c.name for c in ctx.case.all_criteria}
    sets = []
    for k, items in enumerate(comparison_sets(ctx.case, level)):
        if k:
            parent = ctx.case.parent[items[0].id]
            st.markdown(f"**Inside {markdown_text(ctx.case.by_id[parent].name)}**")
        current = {c.id: now[c.id] for c in items}
        pairs, _ = ahp_judgements(items, current, names, key=f"{AHP_KEY}.{k}")
        sets.append({"items": [c.id for c in items], "pairs": [list(p) for p in pairs]})
    return sets


def _submit(
    opened: rounds.Store,
    r: rounds.Round,
    weights: dict[str, float],
    sets: list[dict] | None = None,
) -> None:
    s = st.session_state
    name = views.signed_in_name() or s.get(WHO_KEY, "")
    try:
        rounds.submit(opened, r.id, name, s.get(ROLE_KEY, ""), weights, sets)
    except StoreError as exc:
        s[MESSAGE_KEY] = ("error", f"Not submitted: {markdown_text(exc)}")
        return
    s[MESSAGE_KEY] = ("success", "Submitted. Thank you: the group view is below.")


def _group_view(ctx: AppContext, seen: list[rounds.Submission]) -> None:
    aggregate = st.radio(
        "Group weights by",
        list(AGGREGATES),
        format_func=AGGREGATES.get,
        key="_round_aggregate",
        horizontal=True,
    )
    try:
        result = group(ctx.case, from_submissions(ctx.case, ctx.scenario, seen), aggregate)
    except ScenarioError as exc:
        st.warning(markdown_text(exc))
        return
    names = {v.id: v.name for v in ctx.case.vendors}
    st.markdown(
        "\n".join(
            f"- {markdown_text(line)}" for line in present_group.sentences(ctx.case, result, names)
        )
    )
    figures.show(
        figures.to_plotly(present_group.spread_figure(ctx.case, result)), key="group_spread"
    )
    tables.show(present_group.weights_table(ctx.case, result), key="group_weights")
    criteria = {c.id: c.name for c in ctx.case.all_criteria}
    judged = judged_sets(seen, list(criteria))  # the tree's order
    for k, (line, js) in enumerate(
        zip(judgements_sentences(judged, criteria), judged, strict=True)
    ):
        st.markdown(markdown_text(line))
        tables.show(judgements_table(js, criteria, k), key=f"group_judgements.{k}")
