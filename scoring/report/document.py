"""The report as one HTML document; the HTML writer and the PDF writer differ only in charts/CSS.

Every user string goes through `html_text`; links are emitted only for http(s) URLs.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.present.section import Section
from scoring.present.table import Column
from scoring.present.table import html as render_html
from scoring.report import view
from scoring.report.data import ReportData
from scoring.report.view import method_text, summary_pairs, when
from scoring.textsafe import html_text as esc
from scoring.textsafe import is_http_url

BASE_CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1f2328; font-size: 10.5pt;
  line-height: 1.4; max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 20pt; margin: 0 0 4px; } h2 { font-size: 14pt; margin: 22px 0 8px;
  border-bottom: 2px solid #4C72B0; padding-bottom: 2px; } h3 { font-size: 11.5pt; margin: 14px 0 4px; }
p.meta { color: #57606a; margin: 0 0 10px; }
ul.brief { font-size: 11pt; margin: 6px 0 10px; padding-left: 18px; } ul.brief li { margin: 2px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef2f8; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table.facts th { width: 28%; } table.facts td a { word-break: break-all; }
tr.leader td { font-weight: 600; background: #f3f8ee; }
.note { color: #57606a; font-size: 9.5pt; } .unknown { color: #b35900; font-weight: 600; }
.chart { margin: 8px 0 12px; } a { color: #0b5cad; }
ul.sources { margin: 0; padding-left: 16px; }
table.evidence { table-layout: fixed; } table.evidence td { overflow-wrap: break-word; }
table.evidence th:nth-child(1) { width: 16%; } table.evidence th:nth-child(2) { width: 10%; }
table.evidence th:nth-child(3) { width: 9%; } table.evidence th:nth-child(4) { width: 34%; }
table.contributions { table-layout: fixed; } table.contributions th { overflow-wrap: break-word; }
table.contributions th:first-child { width: 24%; }
table.methods th { white-space: nowrap; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; }
  tr, .chart { break-inside: avoid; page-break-inside: avoid; } h2, h3 { break-after: avoid; } }
"""


def document(data: ReportData, charts: Mapping[str, str], extra_css: str = "") -> str:
    """The whole report as HTML; `charts` maps chart names to ready-made (trusted) fragments."""
    body = "".join(
        [
            _header(data),
            _ranking(data),
            *(_section(x) for x in data.sections),
            _excluded(data),
            _weights(data),
            _contributions(data, charts.get("contributions", "")),
            _head_to_head(data, charts.get("head_to_head", "")),
            _sensitivity(data, charts.get("acceptability", "")),
            _evidence(data),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(data.title)} \u2014 ranking report</title>"
        f'<meta name="generator" content="Shortlist {esc(data.version)}">'
        f'<meta name="dcterms.created" content="{esc(data.generated_at.isoformat())}">'
        f'<meta name="dcterms.modified" content="{esc(data.generated_at.isoformat())}">'
        f"<style>{BASE_CSS}{extra_css}</style></head>\n<body>\n{body}</body></html>\n"
    )


def link(text: str, url: str | None) -> str:
    if url and is_http_url(url):
        return f'<a href="{esc(url)}">{esc(text)}</a>'
    return esc(text) + (f" ({esc(url)})" if url else "")


def table(
    head: list[str],
    rows: list[list[str]],
    numeric: str = "",
    cls: str = "",
    row_classes: list[str] | None = None,
) -> str:
    """A table of already-escaped cells; `numeric` marks right-aligned columns with 'r'."""
    numeric = numeric.ljust(len(head), "l")

    def cell(tag: str, j: int, text: str) -> str:
        return (
            f'<{tag} class="num">{text}</{tag}>' if numeric[j] == "r" else f"<{tag}>{text}</{tag}>"
        )

    out = [f'<table class="{cls}">' if cls else "<table>", "<thead><tr>"]
    out += [cell("th", j, h) for j, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for i, row in enumerate(rows):
        rc = (row_classes or [])[i] if row_classes else ""
        out.append(f'<tr class="{rc}">' if rc else "<tr>")
        out += [cell("td", j, c) for j, c in enumerate(row)]
        out.append("</tr>")
    out.append("</tbody></table>\n")
    return "".join(out)


def breakable(text: str) -> str:
    """Escaped text that may wrap after underscores (long level labels in narrow cells)."""
    return esc(text).replace("_", "_<wbr>")


def _header(data: ReportData) -> str:
    facts = [
        [esc(label), link(value, value) if label == "Share link" else esc(value)]
        for label, value in summary_pairs(data)
    ]
    desc = f"<p>{esc(data.case_description)}</p>" if data.case_description else ""
    brief = "".join(f"<li>{esc(s)}</li>" for s in data.brief.sentences)
    return (
        f'<header><h1>{esc(data.title)}</h1><p class="meta">Ranking report \u00b7 generated '
        f'<time datetime="{esc(data.generated_at.isoformat())}">{esc(when(data.generated_at))}'
        f"</time> \u00b7 Shortlist {esc(data.version)}</p>"
        f'<section id="brief"><h2>The decision in brief</h2><ul class="brief">{brief}</ul>'
        f"</section>{desc}" + table(["Item", "Value"], facts, cls="facts") + "</header>\n"
    )


def _ranking(data: ReportData) -> str:
    return (
        '<section id="ranking"><h2>Ranking</h2>'
        + render_html(
            view.ranking(data), esc, lambda i: "rank-row leader" if i == 0 else "rank-row"
        )
        + f'<p class="note">{esc(method_text(data))}. Unknown values are scored at the '
        f"{'worst end of the scale' if data.unknowns_policy == 'worst' else 'scale midpoint'}."
        "</p>" + "".join(f'<p class="note">{esc(n)}</p>' for n in data.score_notes) + "</section>\n"
    )


def _excluded(data: ReportData) -> str:
    if not data.excluded:
        return '<section id="excluded"><h2>Set aside</h2><p>No vendor failed a must-have.</p></section>\n'
    rows = [[esc(e.name), "<br>".join(esc(r) for r in e.reasons)] for e in data.excluded]
    return (
        '<section id="excluded"><h2>Set aside</h2>'
        + table(["Vendor", "Why"], rows, cls="excluded")
        + "</section>\n"
    )


def _weights(data: ReportData) -> str:
    return (
        '<section id="weights"><h2>Weights</h2>'
        + render_html(view.weights(data), esc)
        + "</section>\n"
    )


def _contributions(data: ReportData, chart: str) -> str:
    top = view.focus(data)
    note = view.focus_note(data, top)
    return (
        f'<section id="contributions"><h2>Contributions</h2><div class="chart">{chart}</div>'
        + (f'<p class="note">{esc(note)}</p>' if note else "")
        + render_html(view.contributions(data, top), esc)
        + "</section>\n"
    )


def _head_to_head(data: ReportData, chart: str) -> str:
    t = view.head_to_head(data)
    if t is None:
        return ""
    return (
        f'<section id="head-to-head"><h2>{esc(t.title)}</h2>'
        f'<div class="chart">{chart}</div>' + render_html(t, esc) + "</section>\n"
    )


def _sensitivity(data: ReportData, chart: str) -> str:
    if data.sensitivity is None:
        return (
            '<section id="sensitivity"><h2>Sensitivity</h2><p>Sensitivity analysis: '
            f"{esc(data.sensitivity_note)}.</p></section>\n"
        )
    out = ['<section id="sensitivity"><h2>Sensitivity</h2>']
    if data.scale_note:
        out.append(f'<p class="note">{esc(data.scale_note)}</p>')
    for t in view.sensitivity_tables(data, view.focus(data)):
        out.append(f"<h3>{esc(t.title)}</h3>")
        if t.key == "acceptability":
            out.append(f'<div class="chart">{chart}</div>')
        out.append(render_html(t, esc))
        if t.key == "stability":
            out += [
                f'<p class="note">Not swept: {esc(why)}.</p>' for why in view.not_swept_notes(data)
            ]
    out.append("</section>\n")
    return "".join(out)


def _evidence(data: ReportData) -> str:
    out = ['<section id="evidence"><h2>Evidence</h2>']
    top = view.focus(data)
    if top is not None:
        out.append(f'<p class="note">{esc(view.focus_note(data, top))}</p>')
    for t in view.evidence(data, top):
        out.append(f"<h3>{esc(t.title)}</h3>" + render_html(t, esc, cell_html=_evidence_cell))
    fresh = view.freshness(data, top)
    out.append(f'<h3 id="freshness">{esc(fresh.title)}</h3>')
    out.append(render_html(fresh, esc) if fresh.rows else f"<p>{esc(fresh.empty)}</p>")
    out.append("</section>\n")
    return "".join(out)


def _section(section: Section) -> str:
    out = [f'<section class="{esc(section.key)}"><h2>{esc(section.title)}</h2>']
    if section.sentences:
        out.append('<ul class="brief">' + "".join(f"<li>{esc(s)}</li>" for s in section.sentences))
        out.append("</ul>")
    for t in section.tables:
        out.append(f"<h3>{esc(t.title)}</h3>" + render_html(t, esc))
    return "".join(out) + "</section>\n"


def _evidence_cell(column: Column, value: object) -> str | None:
    """Sources as links (http(s) only), unknown values marked, level labels breakable."""
    if column.kind == "sources" and isinstance(value, tuple):
        items = "".join(
            f"<li>{link(title, url)}{(', ' + esc(date)) if date else ''}</li>"
            for title, url, date in value
        )
        return f'<ul class="sources">{items}</ul>' if items else ""
    if column.key == "value" and value == "unknown":
        return '<span class="unknown">unknown</span>'
    if column.key in {"value", "range"} and isinstance(value, str):
        return breakable(value)
    return None
