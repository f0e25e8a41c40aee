"""The report panel: choose formats, build on request, download.

Building a report (sensitivity analysis, PDF layout) costs a second or two, so nothing is built
until the user presses "Build report"; the files are kept in the session for that scenario only.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from scoring.errors import ScenarioError
from scoring.report import FORMATS, build_report_data, file_name
from scoring.report import render as render_format
from scoring.textsafe import markdown_text
from ui.context import AppContext

LABEL = "Report"
NEEDS_ANALYSIS = True  # ui.data.analysed runs the analysis when this tab is open

LABELS = {"pdf": "PDF", "html": "HTML", "xlsx": "Excel", "md": "Markdown", "csv": "CSV"}
PAPERS = {"a4": "A4", "letter": "US Letter"}
STATE_KEY = "report_built"


def render(ctx: AppContext) -> None:
    st.subheader("Report")
    st.caption(
        "A document for the steering committee: ranking, weights, contributions, head-to-head, "
        "sensitivity and the evidence behind every score, with this scenario's share link."
    )
    chosen = st.multiselect(
        "Formats", list(LABELS), default=list(LABELS), format_func=LABELS.get, key="report_formats"
    )
    formats = [fmt for fmt in LABELS if fmt in chosen]  # buttons in a fixed order
    sensitivity = st.checkbox(
        "Include the sensitivity analysis", value=True, key="report_sensitivity"
    )
    paper = "a4"
    if "pdf" in formats:
        paper = st.radio(
            "PDF paper size",
            list(PAPERS),
            format_func=PAPERS.get,
            horizontal=True,
            key="report_paper",
        )
    wanted = (ctx.share_url, tuple(formats), sensitivity, paper)
    if st.button("Build report", type="primary", disabled=not formats, key="report_build"):
        with st.spinner("Building the report..."):
            try:
                files = build_files(ctx, formats, sensitivity, paper)
                st.session_state[STATE_KEY] = (wanted, files)
            except ScenarioError as exc:
                st.error(f"The report could not be built: {markdown_text(exc)}")
                return
    built = st.session_state.get(STATE_KEY)
    if built is None:
        return
    key, files = built
    if key != wanted:
        st.info("The scenario or the choices changed since the last build: build the report again.")
        return
    columns = st.columns(len(files))
    for column, (fmt, (payload, name)) in zip(columns, files.items(), strict=True):
        column.download_button(
            f"Download {LABELS[fmt]}",
            data=payload,
            file_name=name,
            mime=FORMATS[fmt][2],
            key=f"report_download_{fmt}",
            on_click="ignore",
        )


def build_files(ctx: AppContext, formats: list[str], sensitivity: bool, paper: str = "a4") -> dict:
    """Format -> (bytes, file name) for the context's scenario, reusing its ranking and its
    sensitivity results (computed once per scenario by ui.data.analysed)."""
    data = build_report_data(
        ctx.case,
        ctx.scenario,
        sensitivity=sensitivity,
        result=ctx.result,
        analysis=ctx.sensitivity,
    )
    data = dataclasses.replace(data, share_url=ctx.share_url)
    return {fmt: (render_format(data, fmt, paper), file_name(data, fmt)) for fmt in formats}
