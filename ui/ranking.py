"""The first screen: headline cards, the decision brief in sentences, and the ranking table.

The cards and the brief use only Streamlit's columns, containers, headings and Markdown, which
are in the page's first script bundle, so they paint with the title. Anything else waits for a
lazily loaded chunk: st.metric showed grey placeholders for seconds on first load, and HTML
(st.html, or st.markdown's HTML parser) is sometimes held back behind the 4.7 MB chart library.
The table is HTML (st.html) for its test hooks and layout. Every number comes from the brief or
the ranking; nothing is recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from scoring import limits
from scoring.methods import LABELS, METHOD_REGISTRY
from scoring.present.brief import Brief
from scoring.textsafe import html_text, markdown_text
from ui import data
from ui.context import AppContext

TABLE_CLASS = "shortlist-ranking"  # test hook: e2e tests read rows of table.shortlist-ranking
HEADLINE_KEY = "headline"  # st-key-headline; each card st-key-card-<kind> (CSS and test hooks)
BRIEF_KEY = "brief"  # st-key-brief: the brief's sentences
UNCLEAR = ":orange-background[**No clear winner**]"


def render(ctx: AppContext) -> None:
    result = ctx.result
    if result.resolved.m == 0:
        st.error(
            "Every selected vendor fails a must-have, so nobody is ranked. See the reasons below, "
            "or select other vendors."
        )
        render_excluded(ctx)
        return
    if ctx.brief is not None:
        render_headline(headline_cards(ctx, ctx.brief))
        with st.container(key=BRIEF_KEY):
            st.markdown(brief_markdown(ctx.brief))
    if ctx.sensitivity is None and result.resolved.m > limits.ANALYSE_EVERY_RERUN_MAX:
        st.button(
            "Analyse robustness now",
            key=data.ANALYSE_NOW_KEY,
            icon=":material/query_stats:",
            help="Runs the sensitivity analysis and the simulations for this view (for a case "
            "this large, they run on their own only on the Robustness and Report tabs).",
        )
    shown = shown_count(result.resolved.m)
    st.html(ranking_html(ctx, shown))
    st.caption(score_caption(result.method, result.normalization))
    render_vetoes(ctx)
    render_unknowns(ctx, shown)
    render_excluded(ctx)


PAGE_SIZES = (25, 100, 500)  # a large RFP's ranking is shown top first, in pages of these
SHOWN_KEY = "_ranking_shown"


def shown_count(ranked: int) -> int:
    """How many ranked vendors the table shows: all of a short list; of a long one, the top N
    the user picks (a 2,000-row HTML table and a warning per vendor would stall the page)."""
    if ranked <= PAGE_SIZES[0]:
        return ranked
    return top_n("Vendors shown", ranked, PAGE_SIZES, SHOWN_KEY)


def top_n(label: str, ranked: int, sizes: tuple[int, ...], key: str) -> int:
    """A picker of how many of the top vendors to show: each size below `ranked`, then all."""
    options = [n for n in sizes if n < ranked] + [ranked]
    n = st.selectbox(
        f"{label} (of {ranked:,} ranked)",
        options,
        format_func=lambda n: f"All {n:,}" if n == ranked else f"Top {n:,}",
        key=key,
    )
    return int(n or ranked)


def score_caption(method: str, normalization: str) -> str:
    """How to read the scores: plain words first, the technical names (LABELS) second."""
    footing = (
        "on the criterion's own scale, so adding or removing a vendor changes no one else's value"
        if normalization == "scale"
        else "relative to the other vendors' values on that criterion"
    )
    return (
        f"{METHOD_REGISTRY[method].reads()}: each combines the vendor's values on every "
        f"criterion, weighted as in the sidebar, after putting each value on a 0-to-1 footing "
        f"{footing}. Gap to leader: how far the vendor's score is behind the top one. Rounded "
        f"to 3 decimals. Technically: {LABELS.get(method, method)} on {normalization} "
        "normalisation."
    )


@dataclass(frozen=True)
class Card:
    """One headline card: `name` is a vendor's (anyone's text), the rest the app's own words."""

    kind: str  # leader, runner-up, margin (the container's key: st-key-card-<kind>)
    label: str
    name: str
    value: str
    note: str = ""
    unclear: bool = False  # show "No clear winner"


def headline_cards(ctx: AppContext, brief: Brief) -> list[Card]:
    """Leader, runner-up and margin from the brief's numbers; a tie at the top gets one card
    naming every tied vendor (a margin of 0 would read as a lead)."""
    rows = ctx.result.rows()
    score = f"{brief.leader_score:.3f}" if brief.leader_score is not None else ""
    first = [r for r in rows if r["rank"] == rows[0]["rank"]]
    if len(first) > 1:
        names = ", ".join(r["name"] for r in first)
        return [Card("leader", f"Leaders · {len(first)} tied", names, score, unclear=True)]
    lead = brief.vendor_names[brief.leader]
    cards = [Card("leader", "Leader", lead, score, unclear=not brief.clear_winner)]
    if brief.runner_up is not None:
        second = [r for r in rows if r["rank"] == rows[1]["rank"]]
        label = "Runner-up" + (f" + {len(second) - 1} tied" if len(second) > 1 else "")
        name = brief.vendor_names[brief.runner_up]
        cards.append(Card("runner-up", label, name, f"{second[0]['score']:.3f}"))
        cards.append(margin_card(brief))
    return cards


def margin_card(brief: Brief) -> Card:
    if brief.margin_pct is None:  # a leader's score of 0: no share to give
        return Card("margin", "Margin", "", f"{brief.margin:.3f}", "points ahead")
    note = f"of the leader's score ({brief.margin:.3f} points)"
    return Card("margin", "Margin", "", f"{brief.margin_pct:.1f}%", note)


def render_headline(cards: list[Card]) -> None:
    # Streamlit's own layout, headings and Markdown only: they are in the page's first script
    # bundle, so nothing here waits for a lazily loaded chunk.
    with st.container(key=HEADLINE_KEY):
        for col, card in zip(st.columns(3), cards, strict=False):
            with col.container(border=True, key=f"card-{card.kind}", height="stretch"):
                st.caption(card.label)
                if card.name:
                    st.markdown(f"**{markdown_text(card.name)}**")
                st.header(card.value, anchor=False)
                if card.note:
                    st.caption(card.note)
                if card.unclear:
                    st.markdown(UNCLEAR)


def brief_markdown(brief: Brief) -> str:
    """The brief's sentences as a compact list (Markdown, escaped); the first one in bold, on
    amber when there is no clear winner."""
    if not brief.sentences:
        return ""
    first, *rest = (markdown_text(s) for s in brief.sentences)
    lead = f"**{first}**" if brief.clear_winner else f":orange-background[**{first}**]"
    return "\n".join([lead, "", *(f"- {s}" for s in rest)])


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
        "0–1 rating (its value placed between 0, worst, and 1, best) is 0, whatever the "
        "other values"
        + (
            " (min-max normalisation gives the worst vendor on each criterion a 0)"
            if ctx.result.normalization == "minmax"
            else ""
        )
        + ". Choose another normalisation or method to compare these vendors:\n\n"
        + items,
        icon=":material/block:",
    )


def ranking_html(ctx: AppContext, shown: int | None = None) -> str:
    """The ranking as an HTML table; every user string escaped, one row per ranked vendor (the
    top `shown` of them)."""
    names = {c.id: c.name for c in ctx.case.leaves}
    body = []
    for row in ctx.result.rows()[:shown]:
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


def render_unknowns(ctx: AppContext, shown: int | None = None) -> None:
    names = {c.id: c.name for c in ctx.case.leaves}
    where = "the worst end of its scale" if ctx.scenario.unknowns == "worst" else "its midpoint"
    rows = ctx.result.rows()
    hidden = sum(1 for row in rows[shown:] if row["unknowns"]) if shown is not None else 0
    for row in rows[:shown]:
        if row["unknowns"]:
            missing = ", ".join(names[cid] for cid in row["unknowns"])
            st.warning(
                f"**{markdown_text(row['name'])}**: unknown value for {markdown_text(missing)}, "
                f"scored at {where}.",
                icon=":material/help:",
            )
    if hidden:
        st.caption(
            f"{hidden:,} more vendor{'s' if hidden != 1 else ''} below the top {shown:,} "
            f"{'have' if hidden != 1 else 'has'} unknown values, scored at {where}."
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
