"""Vendor detail: every score with its range, rationale and sources; unknowns marked."""

from __future__ import annotations

import streamlit as st

import scoring
from scoring.model import Criterion, Score, Vendor
from scoring.present.facts import rubric_text
from scoring.present.freshness import (
    STALE_AFTER_MONTHS,
    freshness_rows,
    freshness_sentence,
    freshness_table,
)
from scoring.textsafe import html_text, is_http_url, markdown_text
from ui import tables
from ui.context import AppContext

LABEL = "Vendor detail"
STALE_KEY = "_stale_months"

TABLE_CLASS = "shortlist-detail"
COLUMNS = "".join(f'<col style="width:{w}%">' for w in (18, 11, 11, 38, 22))
UNKNOWN_BADGE = '<span class="unknown" title="no value in the data">⚠ unknown</span>'


def render(ctx: AppContext) -> None:
    case = ctx.case
    ranked = [ctx.result.resolved.vendor_ids[i] for i in ctx.result.order]
    others = [v.id for v in case.vendors if v.id not in ranked]
    options = ranked + others
    vendor_id = st.selectbox(
        "Vendor",
        options,
        format_func=lambda vid: case.vendor_by_id[vid].name,
        key="d",  # in the link as d=<vendor name>, so a colleague sees the same vendor
        bind="query-params",
    )
    vendor = case.vendor_by_id[vendor_id]
    st.subheader(vendor.name)
    if vendor.summary:
        st.markdown(markdown_text(vendor.summary))
    links = [link for link in vendor.links if is_http_url(link.url)]
    if links:
        st.markdown(
            " · ".join(
                f'<a href="{html_text(link.url)}" target="_blank" rel="noopener noreferrer">'
                f"{html_text(link.title)}</a>"
                for link in links
            ),
            unsafe_allow_html=True,
        )
    st.caption(
        "Values in each criterion's own units; the range is the analyst's uncertainty, used by "
        "the Robustness tab. Unknown values are scored as the sidebar says."
    )
    st.markdown(detail_html(case, vendor), unsafe_allow_html=True)
    render_freshness(case)


def render_freshness(case: scoring.Case) -> None:
    """Scores whose evidence is old, undated or missing, for every vendor (described once in
    scoring.present.freshness)."""
    with st.expander("Evidence to refresh", icon=":material/history:"):
        months = st.number_input(
            "Flag evidence older than (months)",
            min_value=1,
            max_value=600,
            value=STALE_AFTER_MONTHS,
            step=1,
            key=STALE_KEY,
            help="A score whose newest source is older than this is listed; so is one with no "
            "source, or with sources without a date. Unknown values are not listed.",
        )
        rows = freshness_rows(case, months=int(months))
        sentence = freshness_sentence(rows, int(months))
        if sentence:
            st.markdown(markdown_text(sentence))
        tables.show(freshness_table(rows, int(months)), key="freshness_table", title=False)


def detail_html(case: scoring.Case, vendor: Vendor) -> str:
    """One row per leaf criterion: value, range, rationale, sources (http(s) links only)."""
    rows = []
    for c in case.leaves:
        score = vendor.scores.get(c.id)
        rows.append(
            f'<tr data-criterion="{html_text(c.id)}">'
            f"<td>{html_text(c.name)}<br><small>{_scale_text(c)}</small>{_rubric_html(c)}</td>"
            f"<td>{_value_html(score, c)}</td>"
            f"<td>{_range_html(score)}</td>"
            f"<td>{html_text(score.rationale) if score else ''}</td>"
            f"<td>{_sources_html(score)}</td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("Criterion", "Value", "Range", "Rationale", "Sources"))
    return (
        f'<table class="{TABLE_CLASS}">{COLUMNS}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _scale_text(c: Criterion) -> str:
    direction = "lower is better" if c.direction == "cost" else "higher is better"
    if c.levels:
        levels = ", ".join(f"{k} = {v:g}" for k, v in c.levels.items())
        return html_text(f"levels: {levels}; {direction}")
    lo, hi = c.bounds
    unit = f" {c.unit}" if c.unit else ""
    return html_text(f"{lo:g}–{hi:g}{unit}; {direction}")


def _rubric_html(c: Criterion) -> str:
    """What earns each score (the criterion's rubric), under its scale; described once in
    scoring.present.facts."""
    text = rubric_text(c)
    return (
        f'<br><small class="rubric">What earns a score: {html_text(text)}</small>' if text else ""
    )


def _value_html(score: Score | None, c: Criterion) -> str:
    if score is None or score.unknown:
        return UNKNOWN_BADGE
    value = score.value
    if isinstance(value, str) and c.levels:
        return f"<b>{html_text(value)}</b> ({c.levels[value]:g})"
    return f"<b>{html_text(_plain(value))}</b>"


def _range_html(score: Score | None) -> str:
    if score is None or score.range is None:
        return "–"
    return html_text(" – ".join(_plain(x) for x in score.range))


def _plain(x: float | str) -> str:
    return x if isinstance(x, str) else f"{x:g}"


def _sources_html(score: Score | None) -> str:
    if score is None or not score.sources:
        return "–"
    items = []
    for src in score.sources:
        title = html_text(src.title)
        date = f" <small>({html_text(src.date)})</small>" if src.date else ""
        if is_http_url(src.url):
            items.append(
                f'<a href="{html_text(src.url)}" target="_blank" rel="noopener noreferrer">'
                f"{title}</a>{date}"
            )
        else:
            items.append(f"{title}{date}")
    return "<br>".join(items)
