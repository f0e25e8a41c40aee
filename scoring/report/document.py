"""The report as one HTML document; the HTML writer and the PDF writer differ only in charts/CSS.

Every user string goes through `html_text`; links are emitted only for http(s) URLs.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.report.data import ReportData
from scoring.report.view import (
    DASH,
    acceptability_rows,
    crossover_rows,
    differs_text,
    headline,
    method_rows,
    method_text,
    not_swept_notes,
    num,
    pct,
    range_text,
    ranking_text,
    smaa_text,
    stability_rows,
    summary_pairs,
    unknown_names,
    value_text,
    when,
)
from scoring.textsafe import html_text as esc
from scoring.textsafe import is_http_url

BASE_CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1f2328; font-size: 10.5pt;
  line-height: 1.4; max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 20pt; margin: 0 0 4px; } h2 { font-size: 14pt; margin: 22px 0 8px;
  border-bottom: 2px solid #4C72B0; padding-bottom: 2px; } h3 { font-size: 11.5pt; margin: 14px 0 4px; }
p.meta { color: #57606a; margin: 0 0 10px; }
p.headline { font-size: 11.5pt; font-weight: 600; margin: 6px 0 10px; }
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
    return (
        f'<header><h1>{esc(data.title)}</h1><p class="meta">Ranking report \u00b7 generated '
        f'<time datetime="{esc(data.generated_at.isoformat())}">{esc(when(data.generated_at))}'
        f"</time> \u00b7 Shortlist {esc(data.version)}</p>"
        f'<p class="headline">{esc(headline(data))}</p>{desc}'
        + table(["Item", "Value"], facts, cls="facts")
        + "</header>\n"
    )


def _ranking(data: ReportData) -> str:
    rows = [
        [
            str(r.rank),
            esc(r.name),
            num(r.score),
            num(r.gap),
            f'<span class="unknown">{esc(unknown_names(data, r.unknowns))}</span>'
            if r.unknowns
            else "none",
        ]
        for r in data.ranking
    ]
    classes = ["rank-row leader" if i == 0 else "rank-row" for i in range(len(rows))]
    return (
        '<section id="ranking"><h2>Ranking</h2>'
        + table(
            ["Rank", "Vendor", "Score", "Gap to leader", "Unknown values"],
            rows,
            "rlrr",
            cls="ranking",
            row_classes=classes,
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
    rows = [
        [
            f'<span style="padding-left:{14 * w.depth}px">{esc(w.name)}</span>',
            f"{w.raw:g}",
            pct(w.local),
            pct(w.global_),
            esc(w.direction),
        ]
        for w in data.weights
    ]
    return (
        '<section id="weights"><h2>Weights</h2>'
        + table(
            ["Criterion", "Raw weight", "Share of parent", "Share of total", "Direction"],
            rows,
            "lrrr",
            cls="weights",
        )
        + "</section>\n"
    )


def _contributions(data: ReportData, chart: str) -> str:
    """Criteria as rows and vendors as columns, so the table fits a page for a typical shortlist."""
    head = ["Criterion", *(esc(data.name_of(s.vendor)) for s in data.scores)]
    rows = [
        [esc(name), *(num(s.contributions[j]) for s in data.scores)]
        for j, (_, name) in enumerate(data.leaves)
    ]
    rows.append(["<strong>Total</strong>", *(num(sum(s.contributions)) for s in data.scores)])
    note = (
        "Each cell is weight \u00d7 normalised value; for the weighted sum a column adds up to "
        "the score."
        if data.method == "wsm"
        else "Each cell is weight \u00d7 normalised value, an approximation of what drives a "
        f"{esc(data.method.upper())} score; the total is their sum, not the method's score."
    )
    return (
        f'<section id="contributions"><h2>Contributions</h2><div class="chart">{chart}</div>'
        f'<p class="note">{note}</p>'
        + table(head, rows, "l" + "r" * (len(head) - 1), cls="contributions")
        + "</section>\n"
    )


def _head_to_head(data: ReportData, chart: str) -> str:
    h = data.head_to_head
    if h is None:
        return ""
    rows = [
        [esc(r.name), pct(r.weight), num(r.value_a), num(r.value_b), f"{r.weighted_diff:+.3f}"]
        for r in h.rows
    ]
    return (
        f'<section id="head-to-head"><h2>Head to head: {esc(h.a_name)} vs {esc(h.b_name)}</h2>'
        f'<div class="chart">{chart}</div><p class="note">Weighted difference in favour of '
        f"{esc(h.a_name)}: {h.total:+.3f}; normalised values, largest effect first.</p>"
        + table(
            ["Criterion", "Weight", esc(h.a_name), esc(h.b_name), "Weighted difference"],
            rows,
            "lrrrr",
            cls="h2h",
        )
        + "</section>\n"
    )


def _sensitivity(data: ReportData, chart: str) -> str:
    if data.sensitivity is None:
        return (
            '<section id="sensitivity"><h2>Sensitivity</h2><p>Sensitivity analysis: '
            f"{esc(data.sensitivity_note)}.</p></section>\n"
        )
    out = ['<section id="sensitivity"><h2>Sensitivity</h2>']
    stab = stability_rows(data)
    if stab:
        out.append(
            '<h3>Stability intervals</h3><p class="note">Each criterion\'s share of its '
            "parent within which the leader, or the whole ranking, stays the same; riskiest "
            "first.</p>"
        )
        out.append(
            table(
                ["Criterion", "Current share", "Leader stays", "Ranking stays"],
                [
                    [
                        esc(s.name),
                        pct(s.weight),
                        _interval(s.leader_low, s.leader_high),
                        _interval(s.ranking_low, s.ranking_high),
                    ]
                    for s in stab
                ],
                "lrrr",
                cls="stability",
            )
        )
        out += [f'<p class="note">Not swept: {esc(why)}.</p>' for why in not_swept_notes(data)]
    cross = crossover_rows(data)
    if cross:
        items = "".join(
            f"<li>{esc(data.criterion_name(c))} at {pct(w)}: {esc(data.name_of(a))} \u2192 "
            f"{esc(data.name_of(b))}</li>"
            for c, w, a, b in cross
        )
        out.append(f"<h3>Where the leader changes</h3><ul>{items}</ul>")
    acc = acceptability_rows(data)
    if acc:
        m = max(len(a.ranks) for a in acc)
        out.append(
            '<h3>Rank acceptability</h3><p class="note">The probability of each vendor at each '
            f"rank when weights and scores vary within their uncertainty. {esc(smaa_text(data))}."
            "</p>"
        )
        out.append(f'<div class="chart">{chart}</div>')
        out.append(
            table(
                ["Vendor", *(f"Rank {k + 1}" for k in range(m)), "Confidence"],
                [[esc(a.name), *(pct(p) for p in a.ranks), pct(a.confidence)] for a in acc],
                "l" + "r" * (m + 1),
                cls="acceptability",
            )
        )
    methods = method_rows(data)
    if methods:
        out.append("<h3>Ranking under every method</h3>")
        out.append(
            table(
                ["Method", "Ranking", "Kendall \u03c4", "Spearman \u03c1", "Ranked differently"],
                [
                    [
                        esc(x.method.upper()),
                        esc(ranking_text(data, x)),
                        num(x.kendall_tau, 2),
                        num(x.spearman_rho, 2),
                        esc(differs_text(data, x)),
                    ]
                    for x in methods
                ],
                "llrrl",
                cls="methods",
            )
        )
    out.append("</section>\n")
    return "".join(out)


def _interval(lo: float | None, hi: float | None) -> str:
    return DASH if lo is None and hi is None else f"{pct(lo)} \u2013 {pct(hi)}"


def _evidence(data: ReportData) -> str:
    out = ['<section id="evidence"><h2>Evidence</h2>']
    vendors = list(dict.fromkeys(e.vendor for e in data.evidence))
    for vendor in vendors:
        rows = []
        for e in (e for e in data.evidence if e.vendor == vendor):
            value = (
                '<span class="unknown">unknown</span>' if e.unknown else breakable(value_text(e))
            )
            sources = "".join(
                f"<li>{link(s.title, s.url)}{(', ' + esc(s.date)) if s.date else ''}</li>"
                for s in e.sources
            )
            rows.append(
                [
                    esc(e.criterion_name),
                    value,
                    breakable(range_text(e)),
                    esc(e.rationale),
                    f'<ul class="sources">{sources}</ul>' if sources else "",
                ]
            )
        out.append(f"<h3>{esc(data.name_of(vendor))}</h3>")
        out.append(
            table(["Criterion", "Value", "Range", "Rationale", "Sources"], rows, cls="evidence")
        )
    out.append("</section>\n")
    return "".join(out)
