"""Shortlist in the browser: `streamlit run app.py` (or `make run`).

Thin on purpose: page setup, load the case, build the scenario from the widgets, rank it with
`scoring`, and hand one AppContext to each view in `ui/`.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import scoring
from scoring.textsafe import markdown_text
from ui import data, linkguard, ranking, share, sidebar, state, style, upload, views
from ui.context import AppContext
from ui.tabs import TABS, charts


def show_problems(problems: tuple[str, ...]) -> None:
    n = len(problems)
    items = "\n".join(f"- {markdown_text(p)}" for p in problems)
    st.error(
        f"**The case could not be loaded: {n} problem{'s' if n != 1 else ''}.** "
        f"Fix these in the data files and the page reloads them:\n\n{items}",
        icon=":material/error:",
    )


def view_choices(case: scoring.Case) -> dict[str, tuple[str, ...]]:
    """Valid values of the bound view parameters, as Streamlit writes them (the labels)."""
    groups = tuple(charts.quadrant_options(case).values())
    vendors = tuple(v.name for v in case.vendors)
    return {
        "tab": tuple(TABS),
        "qx": groups,
        "qy": groups,
        "a": vendors,
        "b": vendors,
        "d": vendors,
    }


def render_tabs(ctx: AppContext) -> None:
    tabs = st.tabs(list(TABS), key="tab", bind="query-params")
    for tab, view in zip(tabs, TABS.values(), strict=True):
        if tab.open:  # bound tabs run lazily: only the open one is computed
            with tab:
                view.render(ctx)


def analysis_wanted() -> bool:
    """Whether this run needs the robustness analysis of a large case: a tab that shows it is
    open (the tab strip is drawn later, so its state or the link says which), or the user
    asked for it."""
    open_tab = st.session_state.get("tab") or st.query_params.get("tab")
    view = TABS.get(open_tab) if isinstance(open_tab, str) else None
    return getattr(view, "NEEDS_ANALYSIS", False) or bool(
        st.session_state.get(data.ANALYSE_NOW_KEY)
    )


def render_point_of_view(case: scoring.Case) -> None:
    """The applied saved scenario's name in the headline, and whether the user has moved off it."""
    applied = state.applied_scenario(case)
    if applied is None:
        return
    name, moved = applied
    text = f"Point of view: **{markdown_text(name)}**"
    if moved:
        text += " · *the weights or settings have moved away from it*"
    st.markdown(text)


def main() -> None:
    st.set_page_config(page_title="Shortlist", page_icon=":material/leaderboard:", layout="wide")
    style.inject()
    loaded = data.load()
    if loaded.case is None:
        st.title("Shortlist")
        upload.render_notice()
        show_problems(loaded.problems)
        with st.sidebar:  # someone's own data may still load
            upload.render_controls()
        st.stop()
    case = loaded.case
    case = state.init_state(case, view_choices(case))  # a link's score edits applied
    sidebar.render(case)
    scenario = state.scenario_from_state(case)
    state.sync_url(scenario, case)

    st.caption("Shortlist · evidence-backed vendor selection")
    st.title(markdown_text(case.info.name))  # an uploaded case's name is anyone's text
    render_point_of_view(case)
    upload.render_notice()
    linkguard.render()  # a link Streamlit dropped whole (over 1,000 parameters) is named
    warnings = state.link_warnings(scenario, case)
    if warnings:
        st.warning(share.warning_text(warnings), icon=":material/warning:")
    try:
        result = scoring.rank(case, scenario)
    except scoring.ScenarioError as exc:
        st.error(f"Nothing to rank: {markdown_text(exc)}", icon=":material/block:")
        st.stop()
    sens, brief = data.analysed(case, result, analysis_wanted())
    ctx = AppContext(case, scenario, result, share.link(case, scenario), sens, brief)
    about, link = st.columns(2)
    with about.expander("About this case", icon=":material/info:"):
        st.markdown(markdown_text(case.info.description or case.info.name))
    share_slot = link.empty()
    ranking.render(ctx)
    if result.resolved.m:
        render_tabs(ctx)
    # Filled last, so the link includes view choices (axes, pair) the tabs made this run.
    with share_slot.container():
        share.render(replace(ctx, share_url=share.link(case, scenario)))
        views.render(case, share.link(case, scenario))


main()
