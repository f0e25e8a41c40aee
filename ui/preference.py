"""PROMETHEE II's preference functions in the sidebar: one function and its thresholds per leaf
criterion, the case's own shown beside it. Widget state lives under `pf.<criterion id>.<part>`;
`state.scenario_from_state` reads it through `specs_from_state`, which keeps only the criteria
that differ from the case (what the link writes)."""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

import scoring
from scoring.methods.promethee import DEFAULT_P, FUNCTIONS
from scoring.model import Criterion, PreferenceSpec
from scoring.scenario.preference import USED, case_spec, format_spec, overrides
from scoring.scenario.settings import BY_FIELD, PREFERENCE_PREFIX, format_number
from scoring.textsafe import markdown_text

PARTS = ("function", "q", "p", "s")
THRESHOLD_LABELS = {
    "q": "q: differences up to this are no preference",
    "p": "p: differences from this are a full preference",
    "s": "s: spread of the Gaussian curve",
}


def key(cid: str, part: str) -> str:
    return f"{PREFERENCE_PREFIX}{cid}.{part}"


def write_state(scenario: scoring.Scenario, case: scoring.Case) -> None:
    """Every leaf's widgets from the scenario's override, else the case's own function."""
    for c in case.leaves:
        spec = scenario.preference.get(c.id) or case_spec(c)
        width = _width(c)
        defaults = {"q": 0.0, "p": DEFAULT_P * width, "s": DEFAULT_P / 2 * width}
        st.session_state[key(c.id, "function")] = spec.function
        for t, default in defaults.items():
            value = getattr(spec, t)
            st.session_state[key(c.id, t)] = float(default if value is None else value)


def keep_state(case: scoring.Case) -> None:
    """Streamlit drops a hidden widget's value; keep them for when PROMETHEE II returns."""
    for c in case.leaves:
        for part in PARTS:
            k = key(c.id, part)
            if k in st.session_state:
                st.session_state[k] = st.session_state[k]


def specs_from_state(case: scoring.Case) -> tuple[dict[str, PreferenceSpec], dict[str, str]]:
    """(the leaves' functions that differ from the case's, problems by criterion id): a
    function whose thresholds do not fit (q not below p, p at 0) keeps the case's own."""
    specs: dict[str, PreferenceSpec] = {}
    problems: dict[str, str] = {}
    for c in case.leaves:
        function = st.session_state.get(key(c.id, "function"))
        if function not in FUNCTIONS:
            continue
        values = {t: st.session_state.get(key(c.id, t)) for t in USED[function]}
        try:
            specs[c.id] = PreferenceSpec(function=function, **values)
        except ValidationError as exc:
            message = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
            problems[c.id] = f"{message}; the case's own ({format_spec(case_spec(c))}) is used"
    return overrides(specs, case), problems


def render(case: scoring.Case) -> None:
    """The expander: a function and its thresholds per leaf, with the case's own as a caption."""
    setting = BY_FIELD["preference"]
    changed, problems = specs_from_state(case)
    title = "Preference functions" + (f" ({len(changed)} changed)" if changed else "")
    with st.expander(title, expanded=bool(problems)):
        st.caption(setting.help)
        for c in case.leaves:
            _criterion(c, problems.get(c.id))


def _criterion(c: Criterion, problem: str | None) -> None:
    unit = f" {c.unit}" if c.unit else ""
    st.markdown(f"**{markdown_text(c.name)}**")
    function = st.selectbox(
        "Function",
        options=list(FUNCTIONS),
        key=key(c.id, "function"),
        help=f"The case's own: {format_spec(case_spec(c))} (thresholds in{unit or ' its units'}, "
        f"scale {format_number(c.bounds[0])} to {format_number(c.bounds[1])}).",
    )
    st.caption(f"The case's own: `{format_spec(case_spec(c))}`")
    for t in USED[function]:
        st.number_input(
            THRESHOLD_LABELS[t],
            min_value=0.0,
            step=max(_width(c) / 20, 1e-6),
            format="%g",
            key=key(c.id, t),
        )
    if problem:
        st.warning(markdown_text(problem), icon=":material/warning:")


def _width(c: Criterion) -> float:
    low, high = c.bounds
    return float(high - low)
