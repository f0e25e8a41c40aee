"""The Charts tab: contributions, heat map, radar and a 2x2 quadrant of one ranking.

The figures come from the chart kit (ui/figures.py), which draws the scoring.present
descriptions; this module only lays them out with their explanations.
"""

from __future__ import annotations

import streamlit as st

import scoring
from scoring.methods import METHOD_REGISTRY
from ui import figures
from ui.context import AppContext
from ui.ranking import top_n

LABEL = "Charts"


CHART_SIZES = (
    10,
    25,
    50,
)  # a long list is charted top first: 2,000 bars or radar lines say nothing
CHART_TOP_KEY = "_charts_top"


def chart_top(ranked: int) -> int | None:
    """How many vendors (the top ones) the charts draw: all of a short list; of a long one,
    the top N the user picks, 10 by default."""
    if ranked <= CHART_SIZES[0]:
        return None
    n = top_n("Vendors in the charts", ranked, CHART_SIZES, CHART_TOP_KEY)
    return None if n == ranked else n


def render(ctx: AppContext) -> None:
    result = ctx.result
    top = chart_top(result.resolved.m)
    exact = result.method == "wsm"
    st.subheader("What makes up each score")
    st.caption(
        "Each bar is a vendor's score split by criterion: each segment is the criterion's share "
        "of the total × the vendor's 0–1 rating on it (its value placed between 0, worst, and "
        "1, best). Hatched segments are unknown values. "
        + (
            "With the weighted sum the segments add up exactly to the score."
            if exact
            else f"For {METHOD_REGISTRY[result.method].short} the score is not a sum, so the segments show the "
            "weighted values that drive it, not the score itself."
        )
    )
    figures.show(figures.contributions(result, top), key="chart_contrib")
    st.subheader("Heat map")
    st.caption(
        "Every vendor's 0–1 rating on every criterion, 0 (worst) to 1 (best); where less is "
        "better (costs, risks) the scale is turned round, so darker is always better. Hover "
        "for the value as written."
    )
    figures.show(figures.heatmap(result, top), key="chart_heat")
    st.subheader("Profile")
    st.caption("The same 0–1 ratings as a radar: the larger the shape, the stronger.")
    figures.show(figures.radar(result, top), key="chart_radar")
    render_quadrant(ctx, top)


def quadrant_options(case: scoring.Case) -> dict[str, str]:
    """Top-level criterion id -> the name shown (and written in the link as qx / qy)."""
    return {c.id: c.name for c in case.criteria}


def render_quadrant(ctx: AppContext, top: int | None = None) -> None:
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
        "total × 0–1 rating, summed over the group), from 0 to the most it can add (its "
        "share of the total); dashed lines at half of it split the plane into four named "
        "quadrants. Bubble size is the overall score."
        + (f" The top {top} vendors, as in the charts above." if top else "")
    )
    figures.show(figures.quadrant(ctx.result, x_id, y_id, top), key="chart_quad")
