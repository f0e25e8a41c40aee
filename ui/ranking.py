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
    render_unknowns(ctx)
    render_excluded(ctx)


def render_headline(ctx: AppContext) -> None:
    rows = ctx.result.rows()
    leader = rows[0]
    metric = {"delta_color": "off", "delta_arrow": "off", "border": True, "height": "stretch"}
    cols = st.columns(3)
    cols[0].metric(f"Leader · {markdown_text(leader['name'])}", f"{leader['score']:.3f}", **metric)
    if len(rows) == 1:
        st.markdown(f"**{markdown_text(leader['name'])}** is the only vendor left to rank.")
        return
    second = rows[1]
    margin = second["gap"]
    cols[1].metric(
        f"Runner-up · {markdown_text(second['name'])}", f"{second['score']:.3f}", **metric
    )
    share = f"{margin / leader['score']:.1%} of the leader's score" if leader["score"] > 0 else None
    cols[2].metric("Margin", f"{margin:.3f}", share, **metric)
    if second["rank"] == leader["rank"]:
        text = (
            f"**{markdown_text(leader['name'])}** and **{markdown_text(second['name'])}** "
            f"are tied at {leader['score']:.3f}."
        )
    else:
        text = (
            f"**{markdown_text(leader['name'])}** leads with {leader['score']:.3f}, ahead of "
            f"**{markdown_text(second['name'])}** ({second['score']:.3f}) by **{margin:.3f}**."
        )
    st.markdown(text)


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
