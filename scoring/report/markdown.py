"""The report as Markdown, readable in a pull request or a wiki. User text is escaped."""

from __future__ import annotations

from urllib.parse import quote

from scoring.present.section import Section
from scoring.present.table import markdown as render_md
from scoring.report import view
from scoring.report.data import ReportData
from scoring.report.view import method_text, num, range_text, value_text, when
from scoring.textsafe import is_http_url, markdown_text


def md(value: object) -> str:
    """User text for Markdown; a leading '=' is escaped too (a '===' line would make a heading)."""
    text = markdown_text(value)
    return "\\" + text if text.startswith("=") else text


# Characters kept as they are in a link target; everything else (<, >, |, spaces) is %-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def write_markdown(data: ReportData) -> str:
    parts = [
        _header(data),
        _ranking(data),
        *(_section(x) for x in data.sections),
        _excluded(data),
        _weights(data),
        _contributions(data),
        _head_to_head(data),
        _sensitivity(data),
        _evidence(data),
    ]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _section(section: Section) -> str:
    out = [f"## {md(section.title)}", "", *(f"- {md(s)}" for s in section.sentences)]
    for t in section.tables:
        out += ["", f"### {md(t.title)}", "", render_md(t, md).rstrip()]
    return "\n".join(out)


def link(title: str, url: str | None) -> str:
    """A Markdown link for http(s) URLs; anything else is shown as plain text."""
    if url and is_http_url(url):
        return f"[{md(title)}](<{quote(url, safe=_URL_SAFE)}>)"
    return md(title) + (f" ({md(url)})" if url else "")


def _header(data: ReportData) -> str:
    leader = data.leader
    lines = [
        f"# {md(data.title)}",
        "",
        "## The decision in brief",
        "",
        *(f"- {md(s)}" for s in data.brief.sentences),
        "",
        f"Ranking report generated {when(data.generated_at)}.",
        "",
        f"- **Method:** {method_text(data)}",
        f"- **Leader:** {md(leader.name)} ({num(leader.score)})"
        if leader
        else "- **Leader:** none",
        f"- **Scenario link:** {link('open this scenario in Shortlist', data.share_url)}",
        f"- **Data fingerprint:** `{md(data.fingerprint)}`",
        f"- **Software:** Shortlist {md(data.version)}",
        f"- **Unknown values scored at:** {data.unknowns_policy}",
    ]
    return "\n".join(lines)


def _ranking(data: ReportData) -> str:
    notes = "".join(f"\n\n*Note:* {md(n)}" for n in data.score_notes)
    return "## Ranking\n\n" + render_md(view.ranking(data), md).rstrip() + notes


def _excluded(data: ReportData) -> str:
    if not data.excluded:
        return "## Set aside\n\nNo vendor failed a must-have."
    items = [f"- **{md(e.name)}**: {md('; '.join(e.reasons))}" for e in data.excluded]
    return "## Set aside\n\n" + "\n".join(items)


def _weights(data: ReportData) -> str:
    return "## Weights\n\n" + render_md(view.weights(data), md).rstrip()


def _contributions(data: ReportData) -> str:
    top = view.focus(data)
    note = f"*{md(view.focus_note(data, top))}*\n\n" if top is not None else ""
    return "## Contributions\n\n" + note + render_md(view.contributions(data, top), md).rstrip()


def _head_to_head(data: ReportData) -> str:
    t = view.head_to_head(data)
    if t is None:
        return ""
    return f"## {md(t.title)}\n\n" + render_md(t, md).rstrip()


def _sensitivity(data: ReportData) -> str:
    if data.sensitivity is None:
        return f"## Sensitivity\n\nSensitivity analysis: {md(data.sensitivity_note)}."
    parts = ["## Sensitivity", *([md(data.scale_note)] if data.scale_note else [])]
    for t in view.sensitivity_tables(data, view.focus(data)):
        parts.append(f"### {md(t.title)}\n\n" + render_md(t, md).rstrip())
        if t.key == "stability":
            parts += [f"Not swept: {md(why)}." for why in view.not_swept_notes(data)]
    return "\n\n".join(parts)


def _evidence(data: ReportData) -> str:
    parts = ["## Evidence"]
    top = view.focus(data)
    if top is not None:
        parts.append(f"*{md(view.focus_note(data, top))}*")
    current = None
    for e in view.shown_evidence(data, top):
        if e.vendor != current:
            current = e.vendor
            parts.append(f"### {md(e.vendor_name)}")
        value = "**unknown**" if e.unknown else md(value_text(e))
        shown = range_text(e)  # "" when there is no range or it is a single value
        rng = f" (range {md(shown)})" if shown else ""
        sources = "; ".join(
            link(s.title, s.url) + (f", {md(s.date)}" if s.date else "") for s in e.sources
        )
        lines = [f"- **{md(e.criterion_name)}**: {value}{rng}"]
        if e.rationale:
            lines.append(f"  {md(e.rationale)}")
        if sources:
            lines.append(f"  Sources: {sources}")
        parts.append("\\\n".join(lines))  # a trailing backslash is a hard line break
    fresh = view.freshness(data, top)
    body = render_md(fresh, md).rstrip() if fresh.rows else md(fresh.empty)
    parts.append(f"### {md(fresh.title)}\n\n{body}")
    return "\n\n".join(parts)
