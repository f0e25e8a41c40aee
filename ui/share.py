"""The share link of the current scenario, and the control that shows it ready to copy."""

from __future__ import annotations

import os

import streamlit as st

import scoring
from scoring.scenario.link import BASE_ENV, VIEW_PARAMS, configured_base, share_url
from scoring.textsafe import markdown_text
from ui import state
from ui.context import AppContext

TAB_PARAM = "tab"
WITH_TAB_KEY = "share_with_tab"  # "Link to the open tab": off, so a link opens on the main view


def base_url() -> str:
    """The app's address: $SHORTLIST_BASE_URL, else what the browser reports, else the
    configured port on localhost."""
    return os.environ.get(BASE_ENV) or st.context.url or configured_base()


def view_params() -> dict[str, str]:
    """The bound view parameters now in the URL (Streamlit leaves out those at their default);
    the open tab only when the sender chose to link to it."""
    keys = VIEW_PARAMS if st.session_state.get(WITH_TAB_KEY) else VIEW_PARAMS - {TAB_PARAM}
    return {key: st.query_params[key] for key in sorted(keys) if key in st.query_params}


def link(case: scoring.Case, scenario: scoring.Scenario) -> str:
    """The share link: the scenario, the saved scenario it started from, the view choices."""
    return share_url(base_url(), scenario, case, view_params(), saved=state.applied_id())


def render(ctx: AppContext) -> None:
    # Stateful (key + rerun): its open state lives in the session, so the panel stays open
    # across reruns although app.py re-creates it in a placeholder on every run.
    with st.expander("Share this scenario", icon=":material/link:", key="share", on_change="rerun"):
        st.caption(
            "This link spells out every weight, the method, the normalisation, the vendors and a "
            "fingerprint of the data, so a colleague sees exactly this ranking and these charts. "
            "The address bar holds the same link and follows every change."
        )
        st.checkbox(
            "Link to the open tab",
            key=WITH_TAB_KEY,
            help="Off: the link opens on the main view. On: it opens on the tab you are looking "
            "at now.",
        )
        st.code(ctx.share_url, language=None, wrap_lines=True)
        origin = ctx.case.origin
        if origin is not None and origin.overrides is None:
            st.warning(
                "This link names your edited data, which is more than a link can carry (vendors "
                "added or removed, or too many changes): a colleague opening it is warned and "
                "sees other scores. Share the edited files from the **Edit scores** tab.",
                icon=":material/link_off:",
            )
        st.caption(
            "From the command line: `shortlist rank --link '<link>'` ranks the same scenario."
        )


def warning_text(warnings: list[str]) -> str:
    """One warning for everything wrong with a link: a line, or a count and a list."""
    if len(warnings) == 1:
        return f"Link: {markdown_text(warnings[0])}"
    items = "\n".join(f"- {markdown_text(w)}" for w in warnings)
    return f"Link: {len(warnings)} problems; the rest of the link was used.\n\n{items}"
