"""The round's report from the app: the same ReportData as `shortlist round report` (the ranking
under the group's weights and the agreed scores, then the group view and the scores), built on
request and offered as Markdown and HTML downloads."""

from __future__ import annotations

import streamlit as st

from scoring.errors import ScenarioError
from scoring.report import FORMATS
from scoring.report import render as render_format
from scoring.report.round import round_report_data
from scoring.store import Store, rounds
from scoring.store.seen import seen_by
from scoring.textsafe import markdown_text
from ui import agreed, views
from ui.context import AppContext

STATE_KEY = "_round_report"
KINDS = {"md": "Markdown", "html": "HTML", "xlsx": "Excel"}  # format -> its name on the button


def render(ctx: AppContext, opened: Store, r: rounds.Round, token: str | None) -> None:
    s = st.session_state
    who = views.signed_in_name() or s.get("_round_participant") or s.get("_eval.who")
    seen = seen_by(opened, r.id, who, token)
    if seen is None or seen.empty:
        return
    st.markdown("**The round's report**: the ranking under the consensus weights and the agreed "
                "scores, then everyone's weights and scores.")  # fmt: skip
    if st.button("Build the round's report", key="round_report_build"):
        try:
            # The round's own agreed scores over the case files' (not over themselves).
            case = agreed.scored_case(ctx.case)
            data = round_report_data(case, ctx.scenario, seen, sensitivity=True)
        except ScenarioError as exc:
            st.error(f"The report could not be built: {markdown_text(exc)}")
            return
        st.session_state[STATE_KEY] = (r.id, {k: render_format(data, k) for k in KINDS})
    built = st.session_state.get(STATE_KEY)
    if not built or built[0] != r.id:
        return
    for column, kind in zip(st.columns(len(KINDS)), KINDS, strict=True):
        column.download_button(
            f"Download the round's report ({KINDS[kind]})",
            data=built[1][kind],
            file_name=f"round-{r.id}.{FORMATS[kind][1]}",
            mime=FORMATS[kind][2],
            on_click="ignore",
            key=f"round_report_{kind}",
        )
