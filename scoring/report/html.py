"""The report as one self-contained HTML file with interactive charts, readable offline.

plotly.js is inlined once (include_plotlyjs=True); there is no CDN, font or other external
reference, so the file opens on an air-gapped laptop and prints cleanly.
"""

from __future__ import annotations

from scoring.report.charts import plotly_charts
from scoring.report.data import ReportData
from scoring.report.document import document


def write_html(data: ReportData) -> str:
    return document(data, plotly_charts(data))
