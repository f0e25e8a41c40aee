"""The headline and the ranking table (plain HTML, so the order is readable text in the page)."""

from __future__ import annotations

import streamlit as st

from scoring.textsafe import html_text, markdown_text
from ui.context import AppContext

TABLE_CLASS = "shortlist-ranking"  # test hook: e2e tests read rows of table.shortlist-ranking
METHOD_NAMES = {"wsm": "WSM", "wpm": "WPM", "topsis": "TOPSIS"}


def render(ctx: AppContext) -> None:
    result = ctx.result
    if result.resolved.m == 0:
        st.error(
            "Every selected vendor fails a must-have, so nobody is ranked. See the reasons below, "
            "or select other vendors."
        )
        render_excluded(ctx)
        return
    render_headline(ctx)
    st.markdown(ranking_html(ctx), unsafe_allow_html=True)
    st.caption(
        f"{METHOD_NAMES[result.method]} scores on {result.normalization} normalisation, "
        "0 to 1, higher is better; gap = leader's score minus the vendor's. "
        "Scores are rounded to 3 decimals."
    )
    render_vetoes(ctx)
    render_unknowns(ctx)
    render_excluded(ctx)


def render_headline(ctx: AppContext) -> None:
    rows = ctx.result.rows()
    leader = rows[0]
    metric = {"delta_color": "off", "delta_arrow": "off", "border": True, "height": "stretch"}
    cols = st.columns(3)
    first = [r for r in rows if r["rank"] == leader["rank"]]
    if len(rows) == 1:
        cols[0].metric(
            f"Leader · {markdown_text(leader['name'])}", f"{leader['score']:.3f}", **metric
        )
        st.markdown(f"**{markdown_text(leader['name'])}** is the only vendor left to rank.")
        return
    if len(first) > 1:  # a tie at the top: no runner-up, no margin
        cols[0].metric(f"Leaders · {len(first)} tied", f"{leader['score']:.3f}", **metric)
        st.markdown(f"{names_text(first)} are tied for first at {leader['score']:.3f}.")
        return
    cols[0].metric(f"Leader · {markdown_text(leader['name'])}", f"{leader['score']:.3f}", **metric)
    second = [r for r in rows if r["rank"] == rows[1]["rank"]]
    margin = second[0]["gap"]
    label = markdown_text(second[0]["name"])
    if len(second) > 1:
        label += f" + {len(second) - 1} tied"
    cols[1].metric(f"Runner-up · {label}", f"{second[0]['score']:.3f}", **metric)
    share = f"{margin / leader['score']:.1%} of the leader's score" if leader["score"] > 0 else None
    cols[2].metric("Margin", f"{margin:.3f}", share, **metric)
    tied = "tied at " if len(second) > 1 else ""
    st.markdown(
        f"**{markdown_text(leader['name'])}** leads with {leader['score']:.3f}, ahead of "
        f"{names_text(second)} ({tied}{second[0]['score']:.3f}) by **{margin:.3f}**."
    )


def names_text(rows: list[dict]) -> str:
    """'**A**', '**A** and **B**', '**A**, **B** and **C**' (Markdown, names escaped)."""
    names = [f"**{markdown_text(r['name'])}**" for r in rows]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def render_vetoes(ctx: AppContext) -> None:
    """WPM: name the criteria whose normalised 0 zeroes a vendor's whole product."""
    vetoes = ctx.result.vetoes()
    if not vetoes:
        return
    names = {c.id: c.name for c in ctx.case.leaves}
    vendors = ctx.case.vendor_by_id
    items = "\n".join(
        f"- **{markdown_text(vendors[v].name)}**: "
        f"{markdown_text(', '.join(names[cid] for cid in cids))}"
        for v, cids in vetoes.items()
    )
    st.info(
        "**Scored 0 by a veto.** A weighted product is 0 as soon as one weighted criterion's "
        "normalised value is 0, whatever the other values"
        + (
            " (min-max normalisation gives the worst vendor on each criterion a 0)"
            if ctx.result.normalization == "minmax"
            else ""
        )
        + ". Choose another normalisation or method to compare these vendors:\n\n"
        + items,
        icon=":material/block:",
    )


def ranking_html(ctx: AppContext) -> str:
    """The ranking as an HTML table; every user string escaped, one row per ranked vendor."""
    names = {c.id: c.name for c in ctx.case.leaves}
    body = []
    for row in ctx.result.rows():
        unknown = ", ".join(names[cid] for cid in row["unknowns"])
        flag = f'<span title="unknown values">⚠ {html_text(unknown)}</span>' if unknown else "–"
        body.append(
            f'<tr data-vendor="{html_text(row["vendor"])}" data-rank="{row["rank"]}">'
            f'<td class="rank">{row["rank"]}</td>'
            f'<td class="vendor">{html_text(row["name"])}</td>'
            f'<td class="score">{row["score"]:.3f}</td>'
            f'<td class="gap">{row["gap"]:.3f}</td>'
            f'<td class="unknowns">{flag}</td></tr>'
        )
    head = "".join(
        f"<th>{h}</th>" for h in ("Rank", "Vendor", "Score", "Gap to leader", "Unknown values")
    )
    return (
        f'<table class="{TABLE_CLASS}" aria-label="Ranking">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def render_unknowns(ctx: AppContext) -> None:
    names = {c.id: c.name for c in ctx.case.leaves}
    where = "the worst end of its scale" if ctx.scenario.unknowns == "worst" else "its midpoint"
    for row in ctx.result.rows():
        if row["unknowns"]:
            missing = ", ".join(names[cid] for cid in row["unknowns"])
            st.warning(
                f"**{markdown_text(row['name'])}**: unknown value for {markdown_text(missing)}, "
                f"scored at {where}.",
                icon=":material/help:",
            )


def render_excluded(ctx: AppContext) -> None:
    excluded = ctx.result.excluded
    if not excluded:
        return
    with st.container(border=True):
        st.markdown("**Set aside by a must-have**")
        for item in excluded:
            reasons = "; ".join(markdown_text(r) for r in item.reasons)
            st.markdown(f"- **{markdown_text(item.name)}**: {reasons}")
