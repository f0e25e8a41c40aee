"""Plotly charts of one ranking: contributions, radar, heat map and a 2x2 quadrant.

Figure builders are pure (ranking in, figure out) so tests can check them without Streamlit;
every number plotted comes from `scoring` (contributions, group contributions, normalised
values, global weights).
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import scoring
from scoring.case import global_weights, raw_weights
from scoring.explain import contributions, group_contributions
from ui.context import AppContext

PALETTE = (
    "#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#9333ea",
    "#0891b2", "#db2777", "#65a30d", "#ea580c", "#4f46e5",
)  # fmt: skip
# No plotly template: Streamlit's theme styles the charts, and resolving a template costs more
# than building the rest of the figure.
LAYOUT = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10}}


def leaf_names(case: scoring.Case) -> dict[str, str]:
    return {c.id: c.name for c in case.leaves}


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain specs, skipping plotly's per-property validation.

    Validation costs ~10 ms per chart on every rerun; the specs here are fixed code, checked
    once by the tests (tests/app/test_charts.py rebuilds each figure with validation on).
    """
    return go.Figure({"data": data, "layout": {**LAYOUT, **layout}}, _validate=False)


def contribution_figure(result: scoring.Ranking) -> go.Figure:
    """Stacked horizontal bars: each vendor's score split into w_j * v_ij per leaf criterion."""
    frame = contributions(result)
    names = leaf_names(result.case)
    vendors = [result.case.vendor_by_id[v].name for v in frame.index]
    data = [
        {
            "type": "bar",
            "name": names[cid],
            "y": vendors,
            "x": frame[cid].tolist(),
            "orientation": "h",
            "marker": {"color": PALETTE[j % len(PALETTE)]},
            "hovertemplate": f"{names[cid]}: %{{x:.3f}}<extra>%{{y}}</extra>",
        }
        for j, cid in enumerate(frame.columns)
    ]
    return figure(
        data,
        {
            "barmode": "stack",
            "height": 120 + 45 * len(vendors),
            "yaxis": {"autorange": "reversed"},
            "xaxis": {"title": {"text": "global weight × normalised value (sum = WSM score)"}},
            "legend": {"orientation": "h", "y": -0.25},
        },
    )


def radar_figure(result: scoring.Ranking) -> go.Figure:
    """Each vendor's normalised value (0..1, higher is better) on every leaf criterion."""
    r = result.resolved
    names = [leaf_names(result.case)[cid] for cid in r.leaf_ids]
    data = []
    for rank_pos, i in enumerate(result.order):
        values = result.V[i].tolist()
        data.append(
            {
                "type": "scatterpolar",
                "r": [*values, values[0]],
                "theta": [*names, names[0]],
                "name": r.vendor_names[i],
                "line": {"color": PALETTE[rank_pos % len(PALETTE)]},
                "hovertemplate": "%{theta}: %{r:.3f}<extra>%{fullData.name}</extra>",
            }
        )
    return figure(
        data,
        {
            "polar": {"radialaxis": {"range": [0, 1]}},
            "height": 500,
            "legend": {"orientation": "v", "x": 1.02, "y": 0.5},
        },
    )


def heatmap_figure(result: scoring.Ranking) -> go.Figure:
    """Vendors (rank order) x leaf criteria, coloured by normalised value, raw value on hover."""
    r = result.resolved
    names = [leaf_names(result.case)[cid] for cid in r.leaf_ids]
    order = result.order
    raw = [["unknown" if r.unknown[i, j] else f"{r.X[i, j]:g}" for j in range(r.n)] for i in order]
    heat = {
        "type": "heatmap",
        "z": result.V[order].tolist(),
        "x": names,
        "y": [r.vendor_names[i] for i in order],
        "zmin": 0,
        "zmax": 1,
        "colorscale": "Blues",
        "reversescale": True,  # plotly's Blues runs dark to light; darker must mean better
        "text": [[f"{v:.2f}" for v in result.V[i]] for i in order],
        "texttemplate": "%{text}",
        "customdata": raw,
        "hovertemplate": "%{y} · %{x}<br>normalised %{z:.3f}, value %{customdata}<extra></extra>",
        "colorbar": {"title": {"text": "normalised"}},
    }
    return figure([heat], {"height": 140 + 45 * len(order), "yaxis": {"autorange": "reversed"}})


def quadrant_figure(result: scoring.Ranking, x_id: str, y_id: str) -> go.Figure:
    """Vendors placed by their contribution from two top-level criteria; bubble size = score.

    Each axis runs from 0 to the group's global weight (the most it can add to a score); the
    dashed lines at half that split the plane into four quadrants.
    """
    case = result.case
    groups = group_contributions(result)
    weights = global_weights(case, raw_weights(case, result.scenario))
    ids = list(groups.index)
    scores = {result.resolved.vendor_ids[i]: float(result.scores[i]) for i in result.order}
    bubbles = {
        "type": "scatter",
        "x": groups[x_id].tolist(),
        "y": groups[y_id].tolist(),
        "mode": "markers+text",
        "text": [case.vendor_by_id[v].name for v in ids],
        # Alternate label sides so that vendors close together stay legible.
        "textposition": ["top center" if k % 2 == 0 else "bottom center" for k in range(len(ids))],
        "marker": {
            "size": [12 + 48 * max(scores[v], 0.0) for v in ids],
            "color": [PALETTE[k % len(PALETTE)] for k in range(len(ids))],
            "opacity": 0.75,
            "line": {"width": 1, "color": "#1f2937"},
        },
        "customdata": [scores[v] for v in ids],
        "hovertemplate": "%{text}<br>x %{x:.3f} · y %{y:.3f}<br>score %{customdata:.3f}"
        "<extra></extra>",
    }
    wx, wy = weights[x_id], weights[y_id]
    return figure(
        [bubbles],
        {
            "shapes": [midline("x", wx / 2), midline("y", wy / 2)],
            "height": 480,
            "xaxis": {
                "title": {"text": f"{case.by_id[x_id].name} contribution"},
                "range": [0, wx * 1.05],
            },
            "yaxis": {
                "title": {"text": f"{case.by_id[y_id].name} contribution"},
                "range": [0, wy * 1.12],
            },
        },
    )


def midline(axis: str, at: float) -> dict:
    """A dashed line across the plot at `at` on `axis` (a layout shape: cheaper than add_vline)."""
    span = (
        {"x0": at, "x1": at, "y0": 0, "y1": 1}
        if axis == "x"
        else {"y0": at, "y1": at, "x0": 0, "x1": 1}
    )
    return {
        "type": "line",
        "xref": "x" if axis == "x" else "paper",
        "yref": "paper" if axis == "x" else "y",
        "line": {"dash": "dash", "color": "#9ca3af"},
        **span,
    }


def render(ctx: AppContext) -> None:
    result = ctx.result
    exact = result.method == "wsm"
    st.subheader("What makes up each score")
    st.caption(
        "Each bar is a vendor's score split by criterion: global weight × normalised value. "
        + (
            "For WSM the segments add up exactly to the score."
            if exact
            else f"For {result.method.upper()} the score is not a sum, so the segments show the "
            "weighted values that drive it, not the score itself."
        )
    )
    st.plotly_chart(contribution_figure(result), width="stretch", key="chart_contrib")
    st.subheader("Heat map")
    st.caption(
        "Normalised value of every vendor on every criterion, 0 (worst) to 1 (best); cost "
        "criteria are flipped so that darker is always better. Hover for the raw value."
    )
    st.plotly_chart(heatmap_figure(result), width="stretch", key="chart_heat")
    st.subheader("Profile")
    st.caption("The same normalised values as a radar: the larger the shape, the stronger.")
    st.plotly_chart(radar_figure(result), width="stretch", key="chart_radar")
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
        "Axes: each vendor's contribution to its score from the chosen top-level criterion "
        "(global weight × normalised value, summed over the group), from 0 to the group's "
        "global weight; dashed lines mark half of it. Bubble size is the overall score."
    )
    st.plotly_chart(quadrant_figure(ctx.result, x_id, y_id), width="stretch", key="chart_quad")
