"""The team's agreed scores as the scores the whole app ranks with.

In the round's evaluator view, "Rank with the agreed scores" applies each evaluated cell's agreed
value (the facilitator's consensus, else the evaluators' mean) and, where the evaluators differ,
their lowest to highest as the cell's range, as score edits (scoring.agreed.agreed_scores). The
Ranking, Robustness, Compare and every other tab, the brief and the reports then use them; the
share link carries them as `o=` (scoring.scenario.overrides), so it reproduces the ranking with
no store. Above the ranking a notice says so, with the way back to the case files' scores. The
switch happens in callbacks, like an upload or the editor's "Rank with these scores".
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import scoring
from scoring.agreed import agreed_scores
from scoring.evaluators import Cell, Evaluation
from scoring.messages import capped
from scoring.scenario import overrides
from scoring.textsafe import markdown_text
from ui import data, state

IN_USE_KEY = "_agreed_in_use"  # the Adopted record while the app ranks a round's agreed scores
MESSAGE_KEY = "_round_message"  # shown at the top of the Team round tab (ui/tabs/team.py)
USE_KEY = "agreed_use"  # the button's key (test hook)
BACK_KEY = "agreed_back"
BANNER_KEY = "agreed_banner"  # st-key-agreed_banner: the notice above the ranking


@dataclass(frozen=True)
class Adopted:
    """Which round's agreed scores the app ranks with, and the case they were applied to."""

    round_id: str
    title: str
    cells: int
    fingerprint: str  # of the agreed case: the notice shows while the app ranks exactly it


def in_use(case: scoring.Case) -> Adopted | None:
    """The round whose agreed scores `case` is, or None (the case files, an upload, an edit)."""
    adopted = st.session_state.get(IN_USE_KEY)
    return adopted if adopted is not None and adopted.fingerprint == case.fingerprint else None


def scored_case(case: scoring.Case) -> scoring.Case:
    """The case a round's scores are read against: the case files' (or the upload's) while the
    app ranks agreed scores, else `case` itself."""
    return data.edit_base(case) if in_use(case) is not None else case


def offer(
    case: scoring.Case, round_id: str, title: str, found: list[Cell], said: list[Evaluation]
) -> None:
    """Under the evaluators' cells: the button that makes the agreed scores the app's, or, when
    they already are, that they are and the way back; what a share link carries of them.
    `said`: the evaluations behind the cells, whose rationales and sources go with them."""
    base = data.edit_base(case)
    try:
        agreed = agreed_scores(base, found, said)
    except scoring.CaseError as exc:
        items = "\n".join(f"- {markdown_text(p)}" for p in capped(exc.problems))
        st.warning(
            f"The agreed scores cannot be ranked until these are fixed:\n\n{items}",
            icon=":material/warning:",
        )
        return
    if agreed is base:
        st.caption("The agreed scores are the case files' scores: nothing to change.")
        return
    adopted = in_use(case)
    if (
        adopted is not None
        and adopted.round_id == round_id
        and case.fingerprint == agreed.fingerprint
    ):
        st.success(
            "The whole app ranks with these agreed scores (the Ranking, Robustness and every "
            "other tab, and the reports).",
            icon=":material/groups:",
        )
        st.button("Back to the case files' scores", key=BACK_KEY, on_click=back)
    else:
        label = "Rank with the latest agreed scores" if adopted else "Rank with the agreed scores"
        st.button(
            label,
            key=USE_KEY,
            type="primary",
            icon=":material/groups:",
            on_click=use,
            args=(round_id, title, found, said),
            help="Every tab then ranks with the agreed value of each cell the evaluators scored, "
            "and varies it over their lowest to highest in the robustness simulations.",
        )
    st.caption(link_note(agreed))


def link_note(agreed: scoring.Case) -> str:
    """What the share link carries of the agreed scores, and what to do when it cannot."""
    carried = agreed.origin.overrides if agreed.origin is not None else None
    if carried is None:
        return (
            "The agreed scores are more than a share link can carry: a colleague needs the "
            "agreed scores' files (the downloads below) to see this ranking."
        )
    n = len(overrides.parse(carried, []))
    note = (
        f"The share link carries the {n} agreed score{'s' if n != 1 else ''} that differ from "
        "the case files, so it reproduces the ranking for anyone with the same files, no store "
        "needed (the evaluators' rationales and sources are in the downloads below)."
    )
    if len(carried) > overrides.SHORT_LINK_CHARS:
        note += (
            " It is long for mail or chat: save this view (beside the share link) for a short "
            "link, or share the downloads below."
        )
    return note


def use(round_id: str, title: str, found: list[Cell], said: list[Evaluation]) -> None:
    """Callback: rank the agreed scores everywhere, keeping the weights and settings."""
    case = data.load().case
    if case is None:
        return
    base = data.edit_base(case)
    try:
        agreed = agreed_scores(base, found, said)
    except scoring.CaseError:
        return  # the button is only shown when they rank; a race leaves the ranking as it is
    scenario = state.scenario_from_state(case)
    data.show_edited(agreed, base)
    state.switch_case(agreed, scenario)
    st.session_state[IN_USE_KEY] = Adopted(round_id, title, len(found), agreed.fingerprint)
    st.session_state[MESSAGE_KEY] = (
        "success",
        "The whole app now ranks with the agreed scores; the notice above the ranking says so.",
    )


def back() -> None:
    """Callback: rank the case files' scores (or the uploaded case's) again, keeping the
    weights and settings."""
    case = data.load().case
    st.session_state.pop(IN_USE_KEY, None)
    if case is None:
        return
    base = data.edit_base(case)
    scenario = state.scenario_from_state(case)
    shipped = data.shipped().case
    is_shipped = shipped is not None and base.fingerprint == shipped.fingerprint
    st.session_state[data.UPLOADED_KEY] = None if is_shipped else base
    st.session_state[data.EDITED_KEY] = False
    state.switch_case(base, scenario)


def render_notice(adopted: Adopted) -> None:
    """Above the ranking, on every tab: the scores in use are the team's, and the way back."""
    n = adopted.cells
    with st.container(border=True, key=BANNER_KEY):
        text, button = st.columns([4, 1], vertical_alignment="center")
        text.markdown(
            f":material/groups: **Ranking with the team's agreed scores** from the round "
            f"**{markdown_text(adopted.title)}**: {n} score{'s' if n != 1 else ''} the "
            "evaluators gave (the facilitator's agreed score where recorded, else their mean). "
            "Where they differ, the robustness simulations vary the score over their lowest to "
            "highest. Every other score is the case files'."
        )
        button.button("Back to the case files' scores", on_click=back, key=f"{BACK_KEY}_top")
