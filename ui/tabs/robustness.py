"""The Robustness tab: the decision brief, then what flips it, weight sweeps, how far each weight
can move, the simulations and the method comparison.

Everything shown comes from the scenario's SensitivityResult and Brief, computed once per
scenario by ui.data.analysed (ctx.sensitivity, ctx.brief), and is laid out from the same
scoring.present tables and figures the reports use; only the sweep of the criterion picked here
is computed on demand (cached). The SMAA settings (samples, seed, weights model, concentration,
score sampling) are scenario fields: the sidebar holds their widgets under the link's parameter
names (ui.state.SCALAR_KEYS), so the buttons here write those same session_state keys in a
callback and the share link follows.
"""

from __future__ import annotations

import streamlit as st

import scoring
from scoring.present.brief_words import challengers_table, flips_table
from scoring.present.facts import weight_rows
from scoring.present.focus import report_top, samples_note
from scoring.present.table import Table
from scoring.present.tables import (
    acceptability_table,
    central_weights_table,
    crossovers_table,
    methods_table,
    riskiest_first,
    smaa_text,
    stability_table,
)
from scoring.sensitivity import SensitivityResult, Sweep, sweep
from scoring.textsafe import markdown_text
from ui import figures, state, tables
from ui.context import AppContext

LABEL = "Robustness"
NEEDS_ANALYSIS = True  # ui.data.analysed runs the analysis when this tab is open

MORE_SAMPLES = 100_000
CRITERION_KEY = "_robustness.criterion"
FIELD_KEYS = {field: key for key, field in state.SCALAR_KEYS.items()}  # "samples" -> "k", ...


@st.cache_data(show_spinner=False, max_entries=64)
def _sweep(fingerprint: str, scenario_json: str, criterion: str, _case: scoring.Case) -> Sweep:
    return sweep(_case, scoring.Scenario.model_validate_json(scenario_json), criterion)


def _set_field(field: str, value: object) -> None:
    """Callback: write a scenario field into its sidebar widget's state (the link follows)."""
    st.session_state[FIELD_KEYS[field]] = value


def _names(ctx: AppContext) -> dict[str, str]:
    return {v.id: v.name for v in ctx.case.vendors}


def _crossover_text(cross: Table, name: str) -> str:
    """The leader changes of one criterion's sweep, in the crossovers table's words."""
    rows = [r for r, exact in zip(cross.shown_rows(), cross.rows, strict=True) if exact[0] == name]
    if not rows:
        return "No weight of this criterion changes the leader."
    return "Leader changes: " + "; ".join(
        markdown_text(f"at weight {r[1]} ({r[2]} of the total), {r[3]} → {r[4]}") for r in rows
    )


def _brief_section(ctx: AppContext) -> None:
    st.subheader("In brief")
    if ctx.brief is not None:
        st.markdown("\n".join(f"- {markdown_text(s)}" for s in ctx.brief.sentences))


def _what_flips_it(ctx: AppContext) -> None:
    tables.show(flips_table(ctx.brief), "robustness-flips")
    tables.show(challengers_table(ctx.brief, ctx.case), "robustness-challengers")


def _sweep_section(ctx: AppContext, sens: SensitivityResult) -> None:
    st.subheader("Weight sweeps")
    st.caption(
        "Move one criterion's weight while the other criteria of its group keep their "
        "proportions (a one-way sweep); the axis is its share of the total. Lines cross where "
        "vendors swap places; ✕ marks a change of leader."
    )
    risky = riskiest_first(sens)
    labels = {x.criterion: x.name for x in risky}
    options = [x.criterion for x in risky]
    if st.session_state.get(CRITERION_KEY) not in options:
        st.session_state[CRITERION_KEY] = options[0]  # the riskiest criterion first
    cid = st.selectbox("Criterion", options, format_func=labels.__getitem__, key=CRITERION_KEY)
    sw = _sweep(ctx.case.fingerprint, ctx.scenario.model_dump_json(), cid, ctx.case)
    top = report_top(len(sw.vendor_ids))
    if top is not None:
        st.caption(
            f"The lines of the top {top} vendors at the current weight and of every vendor "
            "that leads somewhere along the sweep."
        )
    figures.show(figures.sweep(ctx.case, ctx.scenario, sw, top), key="robustness-sweep")
    cross = crossovers_table(weight_rows(ctx.case, ctx.scenario), sens, _names(ctx))
    st.caption(_crossover_text(cross, labels[cid]))


def _stability_section(ctx: AppContext, sens: SensitivityResult) -> None:
    st.subheader("How far each weight can move")
    weights = weight_rows(ctx.case, ctx.scenario)
    tables.show(stability_table(weights, sens), "robustness-stability", title=False)
    for why in sens.not_swept.values():
        st.caption(f"Not swept: {markdown_text(why)}.")
    figures.show(
        figures.stability(ctx.case, ctx.scenario, riskiest_first(sens)), "robustness-tornado"
    )
    tables.show(crossovers_table(weights, sens, _names(ctx)), "robustness-crossovers")


def _smaa_section(ctx: AppContext, sens: SensitivityResult) -> None:
    sc = ctx.scenario
    st.subheader("Simulations: how often each vendor takes each rank")
    st.caption(
        f"{markdown_text(smaa_text(sens))}. Change these under *Uncertainty settings* in the "
        "sidebar; they are part of the link."
    )
    m = len(sens.smaa.vendor_ids)
    fewer = samples_note(sc, sens.smaa)
    if fewer:
        st.caption(markdown_text(fewer))
    top = report_top(m)  # a large case: the top vendors and ranks (the rest in the XLSX report)
    left, right, _ = st.columns([1, 1, 2])
    left.button(
        f"Run {MORE_SAMPLES:,} simulations",
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
    order = [ctx.result.resolved.vendor_ids[i] for i in ctx.result.order]
    figures.show(figures.acceptability(ctx.result, sens, top), key="robustness-acceptability")
    table = acceptability_table(order, sens, _names(ctx), top)
    tables.show(table, "robustness-smaa", title=False)
    st.caption(
        "First at its typical weights (confidence factor): how often the vendor is still first "
        "at its central weights when only the scores vary. Overall (holistic acceptability): "
        "rank shares weighted 1 for first down to 0 for last."
    )
    names = {c.id: c.name for c in ctx.case.leaves}
    tables.show(central_weights_table(order, sens, _names(ctx), names, top), "robustness-central")


def _methods_section(sens: SensitivityResult) -> None:
    st.subheader("Every ranking method")
    tables.show(methods_table(sens, dict(zip(sens.methods.vendor_ids,
                                             sens.methods.vendor_names, strict=True))),
                "robustness-methods", title=False)  # fmt: skip


def render(ctx: AppContext) -> None:
    """The Robustness tab."""
    _brief_section(ctx)
    sens = ctx.sensitivity
    if sens is None or ctx.brief is None:
        note = ctx.brief.sensitivity_note if ctx.brief else "no analysis"
        st.info(f"Nothing to analyse: {markdown_text(note)}")
        return
    _what_flips_it(ctx)
    if sens.stability:
        _sweep_section(ctx, sens)
        _stability_section(ctx, sens)
    else:
        st.info("No criterion has siblings, so there is no weight to sweep.")
    _smaa_section(ctx, sens)
    _methods_section(sens)
