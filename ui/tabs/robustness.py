"""The Robustness view: weight sweeps, stability intervals, SMAA-2 and the method comparison.

Everything shown is computed by `scoring.sensitivity`; this module only lays it out. Results are
cached (st.cache_data) on the case fingerprint plus the scenario's JSON, so they are computed
when this view is open and its inputs change, not on every rerun. The SMAA settings (samples,
seed, weights model, concentration, score sampling) are scenario fields: the sidebar holds their
widgets under the link's parameter names (ui.state.SCALAR_KEYS), so the buttons here write those
same session_state keys in a callback and the share link follows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.colors import sample_colorscale

import scoring
from scoring.errors import ScenarioError
from scoring.methods import LABELS
from scoring.sensitivity import (
    Crossover,
    MethodComparison,
    SmaaResult,
    StabilityInterval,
    Sweep,
    by_risk,
    compare_methods,
    crossovers,
    only_children,
    smaa,
    stability_intervals,
    sweep,
)
from scoring.textsafe import html_text, markdown_text
from ui import state
from ui.context import AppContext
from ui.tabs.charts import LAYOUT, PALETTE, vendor_colours

LABEL = "Robustness"

SPINNER_FROM = 20_000  # SMAA runs with more samples than this show a spinner
MORE_SAMPLES = 100_000
CRITERION_KEY = "_robustness.criterion"
FIELD_KEYS = {field: key for key, field in state.SCALAR_KEYS.items()}  # "samples" -> "k", ...


# --- cached computations (keyed on the fingerprint and the scenario JSON) ---------------------


@st.cache_data(show_spinner=False, max_entries=32)
def _stability(fingerprint: str, scenario_json: str, _case: scoring.Case) -> tuple:
    scenario = scoring.Scenario.model_validate_json(scenario_json)
    intervals = stability_intervals(_case, scenario, sort=False)
    changes = {x.criterion: crossovers(_case, scenario, x.criterion) for x in intervals}
    return intervals, changes


@st.cache_data(show_spinner=False, max_entries=64)
def _sweep(fingerprint: str, scenario_json: str, criterion: str, _case: scoring.Case) -> Sweep:
    return sweep(_case, scoring.Scenario.model_validate_json(scenario_json), criterion)


@st.cache_data(show_spinner=False, max_entries=16)
def _smaa(fingerprint: str, scenario_json: str, _case: scoring.Case) -> SmaaResult:
    return smaa(_case, scoring.Scenario.model_validate_json(scenario_json))


@st.cache_data(show_spinner=False, max_entries=32)
def _methods(fingerprint: str, scenario_json: str, _case: scoring.Case) -> MethodComparison:
    return compare_methods(_case, scoring.Scenario.model_validate_json(scenario_json))


# --- figures (pure: results in, figure out) ---------------------------------------------------


def sweep_figure(sw: Sweep, colours: dict[str, str] | None = None) -> go.Figure:
    """Each vendor's score against the criterion's local share; markers at the current share
    and at every leader change. `colours` (vendor id -> colour) keeps the app's vendor colours."""
    fig = go.Figure()
    for i, name in enumerate(sw.vendor_names):
        color = (colours or {}).get(sw.vendor_ids[i], PALETTE[i % len(PALETTE)])
        fig.add_trace(
            go.Scatter(
                x=sw.t,
                y=sw.scores[:, i],
                mode="lines",
                name=html_text(name),
                line={"color": color},
                hovertemplate="share %{x:.3f}: score %{y:.3f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=np.full(len(sw.vendor_ids), sw.current),
            y=sw.current_scores,
            mode="markers",
            name="current weight",
            marker={"symbol": "diamond", "size": 10, "color": "#111827"},
            hovertemplate="current share %{x:.3f}: score %{y:.3f}<extra></extra>",
        )
    )
    fig.add_vline(x=sw.current, line_dash="dot", line_color="#6b7280")
    if sw.leader_changes:
        index = {v: i for i, v in enumerate(sw.vendor_ids)}
        names = dict(zip(sw.vendor_ids, sw.vendor_names, strict=True))
        xs = [c.weight for c in sw.leader_changes]
        ys = [
            float(np.interp(c.weight, sw.t, sw.scores[:, index[c.to]])) for c in sw.leader_changes
        ]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name="leader changes",
                marker={"symbol": "x", "size": 12, "color": "#dc2626"},
                text=[html_text(f"{names[c.from_]} → {names[c.to]}") for c in sw.leader_changes],
                hovertemplate="share %{x:.4f}: %{text}<extra></extra>",
            )
        )
    fig.update_layout(
        height=380,
        xaxis={
            "title": f"local share of {html_text(sw.criterion_name)} in its group",
            "range": [0, 1],
        },
        yaxis_title="score",
        legend={"orientation": "h", "y": -0.25},
        **LAYOUT,
    )
    return fig


def tornado_figure(intervals: tuple[StabilityInterval, ...]) -> go.Figure:
    """Riskiest at the top: the span where the leader holds (wide bar) and where the whole
    ranking holds (narrow bar), with the current share marked."""
    rows = list(reversed(intervals))  # plotly draws the first category at the bottom
    names = [html_text(x.name) for x in rows]
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=[x.leader_high - x.leader_low for x in rows],
                base=[x.leader_low for x in rows],
                orientation="h",
                name="leader stays",
                marker_color="#bfdbfe",
                customdata=[[x.leader_low, x.leader_high] for x in rows],
                hovertemplate="leader stays from %{customdata[0]:.3f} to %{customdata[1]:.3f}"
                "<extra></extra>",
            ),
            go.Bar(
                y=names,
                x=[x.ranking_high - x.ranking_low for x in rows],
                base=[x.ranking_low for x in rows],
                orientation="h",
                name="ranking stays",
                marker_color="#2563eb",
                width=0.35,
                customdata=[[x.ranking_low, x.ranking_high] for x in rows],
                hovertemplate="ranking stays from %{customdata[0]:.3f} to %{customdata[1]:.3f}"
                "<extra></extra>",
            ),
            go.Scatter(
                y=names,
                x=[x.weight for x in rows],
                mode="markers",
                name="current share",
                marker={"symbol": "line-ns-open", "size": 18, "color": "#111827"},
                hovertemplate="current share %{x:.3f}<extra></extra>",
            ),
        ]
    )
    fig.update_layout(
        barmode="overlay",
        height=120 + 34 * len(rows),
        xaxis={"title": "local share of the criterion in its group", "range": [0, 1]},
        legend={"orientation": "h", "y": -0.2},
        **LAYOUT,
    )
    return fig


def acceptability_figure(res: SmaaResult) -> go.Figure:
    """Stacked bars: each vendor's probability of every rank (rank 1 first)."""
    order = np.argsort(-res.holistic, kind="stable")
    vendors = [html_text(res.vendor_names[i]) for i in order]
    m = len(res.vendor_ids)
    # Ranks are ordered, so an ordered colour scale (dark = first), not the vendors' colours.
    rank_colours = sample_colorscale("Viridis", [r / max(m - 1, 1) for r in range(m)])
    fig = go.Figure(
        [
            go.Bar(
                name=f"rank {r + 1}",
                y=vendors,
                x=res.acceptability[order, r],
                orientation="h",
                marker_color=rank_colours[r],
                hovertemplate=f"rank {r + 1}: %{{x:.1%}}<extra>%{{y}}</extra>",
            )
            for r in range(m)
        ]
    )
    fig.update_layout(
        barmode="stack",
        height=120 + 45 * m,
        yaxis={"autorange": "reversed"},
        xaxis={"title": "rank acceptability (share of samples)", "tickformat": ".0%"},
        legend={"orientation": "h", "y": -0.25, "traceorder": "normal"},
        **LAYOUT,
    )
    return fig


# --- tables (rounded for reading) ------------------------------------------------------------


def stability_table(intervals: tuple[StabilityInterval, ...]) -> pd.DataFrame:
    def span(low: float, high: float) -> str:
        return f"{low:.3f} – {high:.3f}"

    def margin(x: float) -> str:
        return "no change" if np.isinf(x) else f"{x:.3f}"

    return pd.DataFrame(
        {
            "Criterion": [x.name for x in intervals],
            # Short headers: all six columns fit a 1280 px laptop screen without scrolling.
            "Share": [round(x.weight, 3) for x in intervals],
            "Leader holds": [span(x.leader_low, x.leader_high) for x in intervals],
            "Move to change leader": [margin(x.leader_margin) for x in intervals],
            "Ranking holds": [span(x.ranking_low, x.ranking_high) for x in intervals],
            "Move to reorder": [margin(x.ranking_margin) for x in intervals],
        }
    )


def smaa_table(res: SmaaResult) -> pd.DataFrame:
    order = np.argsort(-res.holistic, kind="stable")
    return pd.DataFrame(
        {
            "Vendor": [res.vendor_names[i] for i in order],
            "Rank-1 acceptability": [f"{res.acceptability[i, 0]:.1%}" for i in order],
            "Confidence factor": [
                f"{res.confidence[i]:.1%}" if res.acceptability[i, 0] > 0 else "never first"
                for i in order
            ],
            "Holistic acceptability": [round(float(res.holistic[i]), 3) for i in order],
        }
    )


def central_weights_table(res: SmaaResult, case: scoring.Case) -> pd.DataFrame:
    names = {c.id: c.name for c in case.leaves}
    rows = {
        res.vendor_names[i]: {
            names[cid]: ("–" if np.isnan(w) else f"{w:.1%}")
            for cid, w in zip(res.leaf_ids, res.central_weights[i], strict=True)
        }
        for i in np.argsort(-res.holistic, kind="stable")
    }
    return pd.DataFrame(rows)  # criteria down, vendors across: fits the page's width


def methods_table(mc: MethodComparison) -> pd.DataFrame:
    table = mc.table()
    table["differs"] = table["differs"].map({True: "⚠ rank differs", False: ""})
    return table.drop(columns=["vendor"]).rename(columns={"name": "Vendor", "differs": "Flag"})


def agreement_table(mc: MethodComparison) -> pd.DataFrame:
    def shown(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    return pd.DataFrame(
        {
            "Method": [LABELS[m] for m in mc.rankings],
            f"Kendall's τ with {mc.chosen.upper()}": [
                shown(mc.kendall_tau[m]) for m in mc.rankings
            ],
            f"Spearman's ρ with {mc.chosen.upper()}": [
                shown(mc.spearman_rho[m]) for m in mc.rankings
            ],
        }
    )


# --- the view ---------------------------------------------------------------------------------


def _set_field(field: str, value: object) -> None:
    """Callback: write a scenario field into its sidebar widget's state (the link follows)."""
    st.session_state[FIELD_KEYS[field]] = value


def _crossover_text(changes: tuple[Crossover, ...], names: dict[str, str]) -> str:
    if not changes:
        return "No share of this criterion changes the leader."
    return "Leader changes: " + "; ".join(
        f"at {c.weight:.3f}, {markdown_text(names[c.from_])} → {markdown_text(names[c.to])}"
        for c in changes
    )


def _sweep_section(
    ctx: AppContext, key: tuple, intervals: tuple[StabilityInterval, ...], changes: dict
):
    st.subheader("Weight sweeps")
    st.caption(
        "Move one criterion's share of its group from 0 to 100% while its siblings keep their "
        "proportions. Lines cross where vendors swap places; ✕ marks a change of leader."
    )
    labels = {x.criterion: x.name for x in intervals}
    options = [x.criterion for x in intervals]
    if st.session_state.get(CRITERION_KEY) not in options:
        st.session_state[CRITERION_KEY] = options[0]  # the riskiest criterion first
    cid = st.selectbox("Criterion", options, format_func=labels.__getitem__, key=CRITERION_KEY)
    sw = _sweep(*key, cid, ctx.case)
    st.plotly_chart(sweep_figure(sw, vendor_colours(ctx.case)), key="robustness-sweep")
    names = dict(zip(sw.vendor_ids, sw.vendor_names, strict=True))
    st.caption(_crossover_text(changes[cid], names))


def _stability_section(ctx: AppContext, intervals: tuple[StabilityInterval, ...]) -> None:
    st.subheader("Stability intervals")
    st.caption(
        "How far each criterion's share of its group can move before the leader (or the whole "
        "ranking) changes; riskiest first. *Holds*: the range of the share over which it stays "
        "the same; *move*: the smallest change of the share that changes it."
    )
    st.dataframe(stability_table(intervals), hide_index=True, key="robustness-stability")
    for why in only_children(ctx.case).values():
        st.caption(f"Not swept: {markdown_text(why)}.")
    st.plotly_chart(tornado_figure(intervals), key="robustness-tornado")


def _smaa_section(ctx: AppContext, key: tuple) -> None:
    sc = ctx.scenario
    st.subheader("Monte Carlo (SMAA-2)")
    model = {
        "uniform": "uniform over all weights (no preference information)",
        "dirichlet": f"Dirichlet around the current weights (concentration {sc.concentration:g})",
        "order": "any weights keeping the current order of importance",
    }[sc.weights_model]
    st.caption(
        f"{sc.samples:,} samples, seed {sc.seed}; weights: {model}; scores: "
        f"{'fixed' if sc.score_sampling == 'none' else sc.score_sampling + ' within their ranges'}."
        " Change these under *Uncertainty settings* in the sidebar; they are part of the link."
    )
    left, right, _ = st.columns([1, 1, 2])
    left.button(
        f"Run {MORE_SAMPLES:,} samples",
        on_click=_set_field,
        args=("samples", MORE_SAMPLES),
        disabled=sc.samples >= MORE_SAMPLES,
        key="robustness-more",
    )
    right.button(
        "New random seed",
        on_click=_set_field,
        args=("seed", (sc.seed + 1) % 2**32),
        key="robustness-reseed",
    )
    if sc.samples > SPINNER_FROM:
        with st.spinner(f"Running {sc.samples:,} samples…", show_time=True):
            res = _smaa(*key, ctx.case)
    else:
        res = _smaa(*key, ctx.case)
    st.plotly_chart(acceptability_figure(res), key="robustness-acceptability")
    st.dataframe(smaa_table(res), hide_index=True, key="robustness-smaa")
    st.caption(
        "Confidence factor: how often the vendor is still first at its central weights when only "
        "the scores vary. Holistic acceptability: rank shares weighted 1 for first down to 0 for "
        "last. Dirichlet sampling uses alpha = concentration × weight."
    )
    st.markdown("**Central weights**: the typical weights that make each vendor first")
    st.dataframe(central_weights_table(res, ctx.case), key="robustness-central")


def _methods_section(ctx: AppContext, key: tuple) -> None:
    mc = _methods(*key, ctx.case)
    st.subheader("Method comparison")
    st.caption(
        f"Ranks under every method (each with its usual normalisation), compared with "
        f"{LABELS[mc.chosen]}: Kendall's tau and Spearman's rho (1 = the same order)."
    )
    st.dataframe(methods_table(mc), hide_index=True, key="robustness-methods")
    st.dataframe(agreement_table(mc), hide_index=True, key="robustness-agreement")
    for m, why in mc.skipped.items():
        st.info(f"{LABELS[m]} does not apply here: {markdown_text(why)}")


def render(ctx: AppContext) -> None:
    """The Robustness tab."""
    key = (ctx.case.fingerprint, ctx.scenario.model_dump_json())
    try:
        intervals, changes = _stability(*key, ctx.case)
    except ScenarioError as exc:
        st.info(f"Nothing to analyse: {markdown_text(exc)}")
        return
    risky = by_risk(intervals)
    if risky:
        _sweep_section(ctx, key, risky, changes)
        _stability_section(ctx, risky)
    else:
        st.info("No criterion has siblings, so there is no weight to sweep.")
    _smaa_section(ctx, key)
    _methods_section(ctx, key)
