"""The app's chart kit: the scoring.present figures of one scenario, drawn by the one plotly
renderer the HTML report uses, so a vendor or criterion has the same colour everywhere.

Pure functions (results in, plotly figure out) so tests can check them without Streamlit; `show`
is the one place a chart meets Streamlit. No tab owns these: Charts, Head-to-head and Robustness
all draw from here.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import scoring
from scoring.present import figures, palette
from scoring.present.facts import pair, rank_rows, score_rows, weight_rows
from scoring.present.plotly import text, to_plotly
from scoring.present.tables import sliders
from scoring.sensitivity import SensitivityResult, StabilityInterval, Sweep

chart_text = text  # a name from the data as plotly text (escaped)


def vendor_colours(case: scoring.Case) -> dict[str, str]:
    return palette.vendor_colours(case)


def colours(case: scoring.Case) -> dict[str, str]:
    """Vendor and criterion id -> colour (the ids never clash: the case checks them apart)."""
    return {**palette.vendor_colours(case), **palette.criterion_colours(case)}


def _parts(result: scoring.Ranking, top: int | None = None) -> tuple:
    """Score rows (the top `top` in rank order, or all), leaves and vendor names."""
    case = result.case
    return (
        score_rows(result, top),
        [(c.id, c.name) for c in case.leaves],
        {v.id: v.name for v in case.vendors},
    )


def contributions(result: scoring.Ranking, top: int | None = None) -> go.Figure:
    scores, leaves, names = _parts(result, top)
    unknowns = {r.vendor: r.unknowns for r in rank_rows(result)}
    fig = figures.contributions(
        scores, leaves, names, unknowns, colours(result.case), result.method,
        result.scenario.unknowns,
    )  # fmt: skip
    return to_plotly(fig)


def radar(result: scoring.Ranking, top: int | None = None) -> go.Figure:
    scores, leaves, names = _parts(result, top)
    return to_plotly(figures.radar(scores, leaves, names, vendor_colours(result.case)))


def heatmap(result: scoring.Ranking, top: int | None = None) -> go.Figure:
    scores, leaves, names = _parts(result, top)
    unknowns = {r.vendor: set(r.unknowns) for r in rank_rows(result)}
    shown = {
        s.vendor: [
            "unknown" if cid in unknowns[s.vendor] else f"{s.raw[j]:g}"
            for j, (cid, _) in enumerate(leaves)
        ]
        for s in scores
    }
    return to_plotly(figures.heatmap(scores, leaves, names, shown))


def quadrant(result: scoring.Ranking, x_id: str, y_id: str, top: int | None = None) -> go.Figure:
    return to_plotly(figures.quadrant(result, x_id, y_id, vendor_colours(result.case), top))


def head_to_head(result: scoring.Ranking, a: str, b: str) -> go.Figure:
    return to_plotly(figures.head_to_head(pair(result, a, b), vendor_colours(result.case)))


def acceptability(
    result: scoring.Ranking, sens: SensitivityResult, top: int | None = None
) -> go.Figure:
    order = [result.resolved.vendor_ids[i] for i in result.order]
    names = {v.id: v.name for v in result.case.vendors}
    return to_plotly(figures.acceptability(order, sens, names, top))


def sweep(
    case: scoring.Case, scenario: scoring.Scenario, sw: Sweep, top: int | None = None
) -> go.Figure:
    slider = sliders(weight_rows(case, scenario))[sw.criterion]
    return to_plotly(figures.sweep(sw, slider, vendor_colours(case), top))


def stability(
    case: scoring.Case, scenario: scoring.Scenario, intervals: tuple[StabilityInterval, ...]
) -> go.Figure:
    return to_plotly(figures.stability(intervals, sliders(weight_rows(case, scenario))))


def show(fig: go.Figure, key: str) -> None:
    """A chart at the page's width (it reflows from a 390 px phone to a 1440 px screen)."""
    st.plotly_chart(fig, width="stretch", key=key)
