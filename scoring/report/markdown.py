"""The report as Markdown, readable in a pull request or a wiki. User text is escaped."""

from __future__ import annotations

from urllib.parse import quote

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
    unknown_names,
    value_text,
    when,
)
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
        _excluded(data),
        _weights(data),
        _contributions(data),
        _head_to_head(data),
        _sensitivity(data),
        _evidence(data),
    ]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def table(head: list[str], rows: list[list[str]], align: str = "") -> str:
    """A GitHub table; cells must already be escaped. `align`: one of l/r per column."""
    align = align or "l" * len(head)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [_row(head), _row(rule)] + [_row(r) for r in rows]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


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
        f"Ranking report generated {when(data.generated_at)}.",
        "",
        f"**{md(headline(data))}**",
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
    rows = [
        [
            str(r.rank),
            md(r.name),
            num(r.score),
            num(r.gap),
            md(unknown_names(data, r.unknowns)) or "none",
        ]
        for r in data.ranking
    ]
    notes = "".join(f"\n\n*Note:* {md(n)}" for n in data.score_notes)
    return (
        "## Ranking\n\n"
        + table(["Rank", "Vendor", "Score", "Gap to leader", "Unknown values"], rows, "rlrrl")
        + notes
    )


def _excluded(data: ReportData) -> str:
    if not data.excluded:
        return "## Set aside\n\nNo vendor failed a must-have."
    items = [f"- **{md(e.name)}**: {md('; '.join(e.reasons))}" for e in data.excluded]
    return "## Set aside\n\n" + "\n".join(items)


def _weights(data: ReportData) -> str:
    rows = [
        [
            ("\u00a0\u00a0" * w.depth) + md(w.name),
            f"{w.raw:g}",
            pct(w.local),
            pct(w.global_),
            "cost" if w.direction == "cost" else "benefit",
        ]
        for w in data.weights
    ]
    return "## Weights\n\n" + table(
        ["Criterion", "Raw weight", "Share of parent", "Share of total", "Direction"], rows, "lrrrl"
    )


def _contributions(data: ReportData) -> str:
    head = ["Criterion", *(md(data.name_of(s.vendor)) for s in data.scores)]
    rows = [
        [md(name), *(num(s.contributions[j]) for s in data.scores)]
        for j, (_, name) in enumerate(data.leaves)
    ]
    rows.append(["**Total**", *(num(sum(s.contributions)) for s in data.scores)])
    note = (
        "Each cell is weight x normalised value; for the weighted sum a column adds up to the score."
        if data.method == "wsm"
        else f"Each cell is weight x normalised value: an approximation of what drives a "
        f"{data.method.upper()} score; the total is their sum, not the method's score."
    )
    return "## Contributions\n\n" + note + "\n\n" + table(head, rows, "l" + "r" * (len(head) - 1))


def _head_to_head(data: ReportData) -> str:
    h = data.head_to_head
    if h is None:
        return ""
    rows = [
        [md(r.name), pct(r.weight), num(r.value_a), num(r.value_b), f"{r.weighted_diff:+.3f}"]
        for r in h.rows
    ]
    return (
        f"## Head to head: {md(h.a_name)} vs {md(h.b_name)}\n\n"
        f"Weighted difference in favour of {md(h.a_name)}: {h.total:+.3f} "
        "(largest effect first).\n\n"
        + table(
            ["Criterion", "Weight", md(h.a_name), md(h.b_name), "Weighted difference"],
            rows,
            "lrrrr",
        )
    )


def _sensitivity(data: ReportData) -> str:
    if data.sensitivity is None:
        return f"## Sensitivity\n\nSensitivity analysis: {md(data.sensitivity_note)}."
    parts = ["## Sensitivity"]
    stab = stability_rows(data)
    if stab:
        parts.append(
            "Stability intervals: the range of each criterion's share of its parent within which "
            "the leader (or the whole ranking) stays the same; riskiest first.\n\n"
            + table(
                ["Criterion", "Current", "Leader stays", "Ranking stays"],
                [
                    [
                        md(s.name),
                        pct(s.weight),
                        _interval(s.leader_low, s.leader_high),
                        _interval(s.ranking_low, s.ranking_high),
                    ]
                    for s in stab
                ],
                "lrrr",
            )
            + "".join(f"\n\nNot swept: {md(why)}." for why in not_swept_notes(data))
        )
    cross = crossover_rows(data)
    if cross:
        parts.append(
            "Leader changes along the one-way sweeps:\n\n"
            + "\n".join(
                f"- {md(data.criterion_name(c))} at {pct(w)}: {md(data.name_of(a))} -> "
                f"{md(data.name_of(b))}"
                for c, w, a, b in cross
            )
        )
    acc = acceptability_rows(data)
    if acc:
        m = max(len(a.ranks) for a in acc)
        parts.append(
            "Rank acceptability: the probability of each vendor at each rank when weights and "
            f"scores vary within their uncertainty ({md(smaa_text(data))}).\n\n"
            + table(
                ["Vendor", *(f"Rank {k + 1}" for k in range(m)), "Confidence"],
                [[md(a.name), *(pct(p) for p in a.ranks), pct(a.confidence)] for a in acc],
                "l" + "r" * (m + 1),
            )
        )
    methods = method_rows(data)
    if methods:
        parts.append(
            "Ranking under every method:\n\n"
            + table(
                ["Method", "Ranking", "Kendall tau", "Spearman rho", "Ranked differently"],
                [
                    [
                        x.method.upper(),
                        ranking_text(data, x, lambda v: md(data.name_of(v))),
                        num(x.kendall_tau, 2),
                        num(x.spearman_rho, 2),
                        md(differs_text(data, x)),
                    ]
                    for x in methods
                ],
                "llrrl",
            )
        )
    return "\n\n".join(parts)


def _interval(lo: float | None, hi: float | None) -> str:
    if lo is None and hi is None:
        return DASH
    return f"{pct(lo)} to {pct(hi)}"


def _evidence(data: ReportData) -> str:
    parts = ["## Evidence"]
    current = None
    for e in data.evidence:
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
    return "\n\n".join(parts)
