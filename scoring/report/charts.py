"""The report's three charts, as interactive plotly figures (HTML) and static SVG (PDF).

Both renditions draw the same series from ReportData: contributions per vendor, rank
acceptability, and the head-to-head of the top two. Labels are HTML-escaped because plotly.js
renders a subset of HTML in text (and decodes entities back to the characters for display).
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from scoring.present.tables import acceptability_table
from scoring.report import svg
from scoring.report.data import ReportData
from scoring.textsafe import html_text

PLOT_CONFIG = {"displaylogo": False, "responsive": True}


class _Acc:
    def __init__(self, name: str, ranks: list[float]) -> None:
        self.name, self.ranks = name, ranks


def acceptability_rows(data: ReportData) -> list[_Acc]:
    if data.sensitivity is None:
        return []
    t = acceptability_table([r.vendor for r in data.ranking], data.sensitivity, data.vendor_names)
    m = len(data.sensitivity.smaa.vendor_ids)
    return [_Acc(r[0], list(r[1 : m + 1])) for r in t.rows]


def contribution_series(data: ReportData) -> tuple[list[str], list[str], list[list[float]]]:
    """(vendor names, leaf names, contributions[vendor][leaf]) in rank order."""
    return (
        [data.name_of(s.vendor) for s in data.scores],
        [name for _, name in data.leaves],
        [list(s.contributions) for s in data.scores],
    )


def template_text(text: str) -> str:
    """User text inside a plotly hovertemplate: escaped, and "{" as an entity.

    plotly.js fills "%{...}" in a template before it decodes entities, so "&#123;" shows as "{"
    and a name such as "%{x}" stays text. There is no "%%" escape: "50%" must stay as written.
    """
    return html_text(text).replace("{", "&#123;")


def contribution_figure(data: ReportData) -> go.Figure:
    vendors, leaves, values = contribution_series(data)
    fig = go.Figure()
    for j, leaf in enumerate(leaves):
        fig.add_bar(
            name=html_text(leaf),
            y=[html_text(v) for v in vendors],
            x=[row[j] for row in values],
            orientation="h",
            marker_color=svg.color(j),
            hovertemplate="%{y}<br>" + template_text(leaf) + ": %{x:.3f}<extra></extra>",
        )
    return _layout(fig, "Contribution of each criterion to the score", len(vendors), stack=True)


def acceptability_figure(data: ReportData) -> go.Figure | None:
    rows = acceptability_rows(data)
    if not rows:
        return None
    fig = go.Figure()
    for k in range(max(len(r.ranks) for r in rows)):
        fig.add_bar(
            name=f"Rank {k + 1}",
            y=[html_text(r.name) for r in rows],
            x=[r.ranks[k] if k < len(r.ranks) else 0.0 for r in rows],
            orientation="h",
            marker_color=svg.color(k),
            hovertemplate="%{y}<br>" + f"rank {k + 1}: " + "%{x:.1%}<extra></extra>",
        )
    fig = _layout(fig, "Rank acceptability (probability of each rank)", len(rows), stack=True)
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return fig


def head_to_head_figure(data: ReportData) -> go.Figure | None:
    h = data.head_to_head
    if h is None:
        return None
    rows = h.rows
    fig = go.Figure(
        go.Bar(
            y=[html_text(r.name) for r in rows],
            x=[r.weighted_diff for r in rows],
            orientation="h",
            marker_color=[svg.PALETTE[2] if r.weighted_diff >= 0 else svg.PALETTE[3] for r in rows],
            hovertemplate="%{y}: %{x:+.3f}<extra></extra>",
        )
    )
    title = (
        f"Head to head: {html_text(h.a_name)} vs {html_text(h.b_name)} (right favours the first)"
    )
    fig = _layout(fig, title, len(rows), stack=False)
    fig.update_layout(showlegend=False)
    return fig


def _layout(fig: go.Figure, title: str, n_rows: int, *, stack: bool) -> go.Figure:
    fig.update_layout(
        title=title,
        barmode="stack" if stack else "relative",
        height=140 + 34 * n_rows,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        legend={"orientation": "h", "y": -0.15, "traceorder": "normal"},
        template="plotly_white",
        font={"family": "Helvetica, Arial, sans-serif", "size": 12},
    )
    # Plotly draws the first category at the bottom; reversed keeps the table's order.
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def plotly_div(fig: go.Figure, div_id: str, *, include_js: bool) -> str:
    """A chart's div with a fixed id (deterministic output); plotly.js inlined when asked."""
    return pio.to_html(
        fig,
        include_plotlyjs=include_js,
        full_html=False,
        div_id=div_id,
        config=PLOT_CONFIG,
        include_mathjax=False,
        validate=False,
    )


def plotly_charts(data: ReportData) -> dict[str, str]:
    """Chart name -> HTML fragment; plotly.js is inlined once, with the first chart."""
    figures = {
        "contributions": contribution_figure(data),
        "acceptability": acceptability_figure(data),
        "head_to_head": head_to_head_figure(data),
    }
    out: dict[str, str] = {}
    for name, fig in figures.items():
        if fig is not None:
            out[name] = plotly_div(fig, f"chart-{name}", include_js=not out)
    return out


def svg_charts(data: ReportData) -> dict[str, str]:
    """Chart name -> inline SVG for the PDF."""
    vendors, leaves, values = contribution_series(data)
    out = {
        "contributions": svg.stacked_bars(
            vendors, leaves, values, title="Contribution of each criterion to the score"
        )
    }
    rows = acceptability_rows(data)
    if rows:
        m = max(len(r.ranks) for r in rows)
        out["acceptability"] = svg.stacked_bars(
            [r.name for r in rows],
            [f"Rank {k + 1}" for k in range(m)],
            [list(r.ranks) for r in rows],
            title="Rank acceptability (probability of each rank)",
            scale_max=1.0,
            percent=True,
        )
    h = data.head_to_head
    if h is not None:
        out["head_to_head"] = svg.diverging_bars(
            [r.name for r in h.rows],
            [r.weighted_diff for r in h.rows],
            title=f"Head to head: {h.a_name} vs {h.b_name}",
            left=h.b_name,
            right=h.a_name,
        )
    return out
