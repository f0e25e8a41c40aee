"""Head-to-head: which criteria push one vendor above another, and by how much."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import scoring
from scoring.explain import head_to_head
from ui.context import AppContext
from ui.tabs.charts import chart_text, figure, vendor_colours

LABEL = "Head-to-head"


def head_to_head_figure(result: scoring.Ranking, a: str, b: str) -> go.Figure:
    """A bar per leaf criterion: w_j (v_aj - v_bj); right favours `a`, left favours `b`."""
    frame = head_to_head(result, a, b)
    name = result.case.vendor_by_id
    colours = vendor_colours(result.case)  # each bar in the colour of the vendor it favours
    diffs = frame["weighted_diff"].to_numpy()
    bars = {
        "type": "bar",
        "x": diffs.tolist(),
        "y": [chart_text(n) for n in frame["name"]],
        "orientation": "h",
        "marker": {"color": [colours[a] if d >= 0 else colours[b] for d in diffs]},
        "text": [f"{d:+.3f}" for d in diffs],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": frame[["weight", "value_a", "value_b"]].to_numpy().tolist(),
        "hovertemplate": "%{y}: %{x:+.3f}<br>weight %{customdata[0]:.1%} · "
        "values %{customdata[1]:.3f} vs %{customdata[2]:.3f}<extra></extra>",
    }
    layout = {
        "height": 120 + 40 * len(diffs),
        "yaxis": {"autorange": "reversed"},
        "xaxis": {
            "title": {
                "text": f"← favours {chart_text(name[b].name)} · favours {chart_text(name[a].name)} →"
            },
            "zeroline": True,
            "zerolinecolor": "#374151",
        },
        "margin": {"l": 10, "r": 50, "t": 20, "b": 10},
    }
    return figure([bars], layout)


def render(ctx: AppContext) -> None:
    result = ctx.result
    ranked = [result.resolved.vendor_ids[i] for i in result.order]
    if len(ranked) < 2:
        st.info("Head-to-head needs at least two ranked vendors.")
        return
    name = ctx.case.vendor_by_id
    st.subheader("Head-to-head")
    st.caption(
        "Pick two vendors: each bar is a criterion's global weight × (A's normalised value − "
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
    st.plotly_chart(head_to_head_figure(result, a, b), width="stretch", key="chart_h2h")
    if result.method == "wsm":
        st.markdown(
            f"The bars add up to **{total:+.3f}**, exactly the score gap: "
            f"{rows[a]['score']:.3f} − {rows[b]['score']:.3f}."
        )
    else:
        st.markdown(
            f"The bars add up to **{total:+.3f}**; the actual {result.method.upper()} score gap "
            f"is **{gap:+.3f}** ({rows[a]['score']:.3f} − {rows[b]['score']:.3f}). "
            f"{result.method.upper()} does not add weighted values, so the bars are an "
            "approximation of what drives the gap."
        )
