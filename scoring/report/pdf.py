"""The report as a paginated PDF (A4 or US Letter), rendered offline by WeasyPrint from the HTML.

Charts are static SVG drawn in Python (scoring.present.svg) from the same descriptions as the
app's and the HTML report's charts, in the same colours; the URL fetcher refuses every
request, so a hostile URL in the data can never make the renderer touch the network or disk.
"""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from scoring.present.svg import to_svg
from scoring.report.data import ReportData
from scoring.report.document import document
from scoring.report.view import charts, focus

PAPERS = {"a4": "A4", "letter": "letter"}  # --paper value -> CSS page size

PRINT_CSS = """
@page { size: A4; margin: 16mm 13mm 18mm 13mm;
  @bottom-left { content: string(doctitle); font-size: 7.5pt; color: #6e7781;
    font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 7.5pt;
    color: #6e7781; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; } }
body { font-size: 9pt; max-width: none; padding: 0; }
h1 { string-set: doctitle content(); font-size: 17pt; }
h2 { font-size: 12.5pt; break-after: avoid; } h3 { font-size: 10.5pt; break-after: avoid; }
table { font-size: 8pt; } thead { display: table-header-group; }
tr, .chart, li { break-inside: avoid; }
table.contributions, table.evidence { font-size: 7.5pt; }
table.evidence td.num { white-space: normal; }
a { color: #0b5cad; text-decoration: none; }
table.facts td { font-size: 7.5pt; }
.chart svg { width: 100%; height: auto; }
section#evidence h3 { break-before: auto; }
"""


class OfflineFetcher(URLFetcher):
    """Refuses every URL: the PDF is built from the inline HTML and SVG only."""

    def fetch(self, url, headers=None):  # type: ignore[override]
        raise ValueError(f"external resources are not loaded in reports: {url[:80]}")


def html_for_pdf(data: ReportData, paper: str = "a4") -> str:
    try:
        size = PAPERS[paper.lower()]
    except KeyError:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}") from None
    css = PRINT_CSS.replace("size: A4;", f"size: {size};", 1)
    return document(
        data, {name: to_svg(fig) for name, fig in charts(data, focus(data)).items()}, css
    )


def write_pdf(data: ReportData, paper: str = "a4") -> bytes:
    """The PDF on A4 (default) or US Letter paper."""
    html = HTML(string=html_for_pdf(data, paper), base_url=None, url_fetcher=OfflineFetcher())
    return html.write_pdf()
