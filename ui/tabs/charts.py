"""Plotly charts of one ranking: contributions, radar, heat map and a 2x2 quadrant.

Figure builders are pure (ranking in, figure out) so tests can check them without Streamlit;
every number plotted comes from `scoring` (contributions, group contributions, normalised
values, global weights).
"""

from __future__ import annotations

import html
import math

import plotly.graph_objects as go
import streamlit as st

import scoring
from scoring.case import global_weights, raw_weights
from scoring.explain import contributions, group_contributions
from ui.context import AppContext

LABEL = "Charts"

# One colour per vendor, fixed by the vendor's place in the case (not by its rank), so a vendor
# keeps its colour in every chart and after every weight change.
PALETTE = (
    "#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#9333ea",
    "#0891b2", "#db2777", "#65a30d", "#ea580c", "#4f46e5",
)  # fmt: skip
# Criteria get softer colours (ColorBrewer Set2, then Pastel1) so they are never mistaken for
# vendors.
CRITERION_PALETTE = (
    "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3",
    "#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec",
)  # fmt: skip
# No plotly template: Streamlit's theme styles the charts, and resolving a template costs more
# than building the rest of the figure.
LAYOUT = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10}}


def chart_text(text: str) -> str:
    """A name from the data as plotly text: plotly reads a little HTML (<b>, <a href>, <br>), so
    `<`, `>` and `&` are escaped and the name shows as the characters it is."""
    return html.escape(text, quote=False)


def leaf_names(case: scoring.Case) -> dict[str, str]:
    """Leaf id -> its name, escaped for plotly."""
    return {c.id: chart_text(c.name) for c in case.leaves}


def vendor_names(case: scoring.Case) -> dict[str, str]:
    """Vendor id -> its name, escaped for plotly."""
    return {v.id: chart_text(v.name) for v in case.vendors}


def vendor_colours(case: scoring.Case) -> dict[str, str]:
    """Vendor id -> its colour in every chart (by its place in the case)."""
    return {v.id: PALETTE[k % len(PALETTE)] for k, v in enumerate(case.vendors)}


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
    vendors = [vendor_names(result.case)[v] for v in frame.index]
    data = [
        {
            "type": "bar",
            "name": names[cid],
            "y": vendors,
            "x": frame[cid].tolist(),
            "orientation": "h",
            "marker": {"color": CRITERION_PALETTE[j % len(CRITERION_PALETTE)]},
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
            "legend": {"orientation": "h", "y": -0.25, "traceorder": "normal"},
        },
    )


def radar_figure(result: scoring.Ranking) -> go.Figure:
    """Each vendor's normalised value (0..1, higher is better) on every leaf criterion."""
    r = result.resolved
    names = [leaf_names(result.case)[cid] for cid in r.leaf_ids]
    colours = vendor_colours(result.case)
    data = []
    for i in result.order:
        values = result.V[i].tolist()
        data.append(
            {
                "type": "scatterpolar",
                "r": [*values, values[0]],
                "theta": [*names, names[0]],
                "name": chart_text(r.vendor_names[i]),
                "line": {"color": colours[r.vendor_ids[i]]},
                "hovertemplate": "%{theta}: %{r:.3f}<extra>%{fullData.name}</extra>",
            }
        )
    return figure(
        data,
        {
            # The circle keeps clear of both sides, so the criterion names at 3 and 9 o'clock
            # are not cut off; the legend goes underneath.
            "polar": {"radialaxis": {"range": [0, 1]}, "domain": {"x": [0.2, 0.8]}},
            "height": 560,
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
            "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.05},
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
        "y": [chart_text(r.vendor_names[i]) for i in order],
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
    dashed lines at half that split the plane into four quadrants. One trace per vendor (in
    rank order, so smaller bubbles are drawn over larger ones) gives a legend in the vendors'
    colours; labels of bubbles close together go to different sides.
    """
    case = result.case
    groups = group_contributions(result)
    weights = global_weights(case, raw_weights(case, result.scenario))
    wx, wy = weights[x_id], weights[y_id]
    colours = vendor_colours(case)
    ids = [result.resolved.vendor_ids[i] for i in result.order]
    scores = {result.resolved.vendor_ids[i]: float(result.scores[i]) for i in result.order}
    points = {v: (float(groups.at[v, x_id]), float(groups.at[v, y_id])) for v in ids}
    names = vendor_names(case)
    labels = point_labels(points, names, (wx, wy))
    data = [
        {
            "type": "scatter",
            "name": names[v],
            "x": [points[v][0]],
            "y": [points[v][1]],
            "mode": "markers+text",
            "text": [labels[v][0]],
            "textposition": labels[v][1],
            "marker": {
                "size": [bubble_size(scores[v])],
                "color": colours[v],
                "opacity": 0.75,
                "line": {"width": 1, "color": "#1f2937"},
            },
            "cliponaxis": False,  # a label near the edge may run past the axis range
            "customdata": [scores[v]],
            "hovertemplate": "%{fullData.name}<br>x %{x:.3f} · y %{y:.3f}<br>"
            "score %{customdata:.3f}<extra></extra>",
        }
        for v in ids
    ]
    return figure(
        data,
        {
            "shapes": [midline("x", wx / 2), midline("y", wy / 2)],
            "height": 480,
            "legend": {"orientation": "h", "y": -0.22},
            "xaxis": {
                "title": {"text": f"{chart_text(case.by_id[x_id].name)} contribution"},
                "range": [0, wx * 1.12],
            },
            "yaxis": {
                "title": {"text": f"{chart_text(case.by_id[y_id].name)} contribution"},
                "range": [0, wy * 1.15],
            },
        },
    )


def bubble_size(score: float) -> float:
    """Marker diameter in px: 12 for a score of 0 up to 60 for a score of 1."""
    return 12 + 48 * max(score, 0.0)


SIDES = {"top center": (0, 1), "middle left": (-1, 0), "bottom center": (0, -1),
         "middle right": (1, 0)}  # fmt: skip
NEAR = 0.2  # closer than this (as a share of both axes' ranges), two labels could collide


def point_labels(
    points: dict[str, tuple[float, float]], names: dict[str, str], spans: tuple[float, float]
) -> dict[str, tuple[str, str]]:
    """Vendor -> (label, text position) for the quadrant's bubbles.

    Vendors at the very same point share one label ("A & B") on the first of them. A label goes
    on the side facing away from the bubbles close by, the closest counting most.
    """
    at: dict[tuple[float, float], list[str]] = {}
    for v, (x, y) in points.items():
        at.setdefault((round(x / (spans[0] or 1), 9), round(y / (spans[1] or 1), 9)), []).append(v)
    labels = {}
    for xy, group in at.items():
        near = [
            (ox - xy[0], oy - xy[1])
            for ox, oy in at
            if (ox, oy) != xy and math.hypot(ox - xy[0], oy - xy[1]) < NEAR
        ]
        side = min(SIDES, key=lambda name, near=near: crowding(SIDES[name], near))  # ties: first
        for k, v in enumerate(group):
            labels[v] = (" & ".join(names[u] for u in group) if k == 0 else "", side)
    return labels


def crowding(side: tuple[int, int], near: list[tuple[float, float]]) -> float:
    """How much the neighbours at offsets `near` lie on `side`: cosine / distance, summed."""
    sx, sy = side
    return sum((sx * dx + sy * dy) / (dx * dx + dy * dy) for dx, dy in near)


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
