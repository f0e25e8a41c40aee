"""The Charts tab: contributions, heat map, radar and a 2x2 quadrant of one ranking.

The figures come from the chart kit (ui/figures.py), which draws the scoring.present
descriptions; this module only lays them out with their explanations.
"""

from __future__ import annotations

import streamlit as st

import scoring
from ui import figures
from ui.context import AppContext

LABEL = "Charts"


def render(ctx: AppContext) -> None:
    result = ctx.result
    exact = result.method == "wsm"
    st.subheader("What makes up each score")
    st.caption(
        "Each bar is a vendor's score split by criterion: share of the total × normalised value "
        "(the contribution). Hatched segments are unknown values. "
        + (
            "For WSM the segments add up exactly to the score."
            if exact
            else f"For {result.method.upper()} the score is not a sum, so the segments show the "
            "weighted values that drive it, not the score itself."
        )
    )
    figures.show(figures.contributions(result), key="chart_contrib")
    st.subheader("Heat map")
    st.caption(
        "Normalised value of every vendor on every criterion, 0 (worst) to 1 (best); cost "
        "criteria are flipped so that darker is always better. Hover for the raw value."
    )
    figures.show(figures.heatmap(result), key="chart_heat")
    st.subheader("Profile")
    st.caption("The same normalised values as a radar: the larger the shape, the stronger.")
    figures.show(figures.radar(result), key="chart_radar")
    render_quadrant(ctx)


def quadrant_options(case: scoring.Case) -> dict[str, str]:
    """Top-level criterion id -> the name shown (and written in the link as qx / qy)."""
    return {c.id: c.name for c in case.criteria}


def render_quadrant(ctx: AppContext) -> None:
    st.subheader("Quadrant")
    options = quadrant_options(ctx.case)
    ids = list(options)
    if len(ids) < 2:
        st.info("The quadrant needs at least two top-level criteria.")
        return
    cols = st.columns(2)
    x_id = cols[0].selectbox(
        "Horizontal axis", ids, index=0, format_func=options.__getitem__, key="qx",
        bind="query-params",
    )  # fmt: skip
    y_id = cols[1].selectbox(
        "Vertical axis", ids, index=1, format_func=options.__getitem__, key="qy",
        bind="query-params",
    )  # fmt: skip
    st.caption(
        "Axes: what the chosen top-level criterion adds to each vendor's score (share of the "
        "total × normalised value, summed over the group), from 0 to the most it can add (its "
        "share of the total); dashed lines at half of it split the plane into four named "
        "quadrants. Bubble size is the overall score."
    )
    figures.show(figures.quadrant(ctx.result, x_id, y_id), key="chart_quad")
