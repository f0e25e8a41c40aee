"""Head-to-head: which criteria push one vendor above another, and by how much."""

from __future__ import annotations

import streamlit as st

from scoring.explain import head_to_head
from scoring.methods import METHOD_REGISTRY
from ui import figures
from ui.context import AppContext

LABEL = "Head-to-head"


def render(ctx: AppContext) -> None:
    result = ctx.result
    ranked = [result.resolved.vendor_ids[i] for i in result.order]
    if len(ranked) < 2:
        st.info("Head-to-head needs at least two ranked vendors.")
        return
    name = ctx.case.vendor_by_id
    st.subheader("Head-to-head")
    st.caption(
        "Pick two vendors: each bar is a criterion's share of the total × (A's 0–1 rating − "
        "B's), in the colour of the vendor it favours, largest effect first."
    )
    cols = st.columns(2)
    a = cols[0].selectbox(
        "Vendor A", ranked, index=0, format_func=lambda v: name[v].name, key="a",
        bind="query-params",
    )  # fmt: skip
    b = cols[1].selectbox(
        "Vendor B", ranked, index=1, format_func=lambda v: name[v].name, key="b",
        bind="query-params",
    )  # fmt: skip
    if a == b:
        st.info("Pick two different vendors.")
        return
    frame = head_to_head(result, a, b)
    rows = {row["vendor"]: row for row in result.rows()}
    gap = rows[a]["score"] - rows[b]["score"]
    total = float(frame["weighted_diff"].sum())
    figures.show(figures.head_to_head(result, a, b), key="chart_h2h")
    if result.method == "wsm":
        st.markdown(
            f"The bars add up to **{total:+.3f}**, exactly the score gap: "
            f"{rows[a]['score']:.3f} − {rows[b]['score']:.3f}."
        )
    else:
        st.markdown(
            f"The bars add up to **{total:+.3f}**; the actual {METHOD_REGISTRY[result.method].short} score gap "
            f"is **{gap:+.3f}** ({rows[a]['score']:.3f} − {rows[b]['score']:.3f}). "
            f"{METHOD_REGISTRY[result.method].short} does not add weighted values, so the bars are an "
            "approximation of what drives the gap."
        )
