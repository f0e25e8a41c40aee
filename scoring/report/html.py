"""The report as one self-contained HTML file with interactive charts, readable offline.

plotly.js is inlined once (include_plotlyjs=True); there is no CDN, font or other external
reference, so the file opens on an air-gapped laptop and prints cleanly. The charts are the
app's: the same descriptions (scoring.present.figures) drawn by the same plotly renderer.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from scoring.present.plotly import plotly_dict
from scoring.report.data import ReportData
from scoring.report.document import document
from scoring.report.view import charts, focus

PLOT_CONFIG = {"displaylogo": False, "responsive": True}


def plotly_div(fig: go.Figure | dict, div_id: str, *, include_js: bool) -> str:
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
    out: dict[str, str] = {}
    for name, fig in charts(data, focus(data)).items():
        drawn = plotly_dict(fig, title=True, template="plotly_white")
        out[name] = plotly_div(drawn, f"chart-{name}", include_js=not out)
    return out


def write_html(data: ReportData) -> str:
    return document(data, plotly_charts(data))
