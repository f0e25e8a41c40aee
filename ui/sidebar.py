"""The sidebar: weights grouped by the criteria tree (with live shares), method, vendors, options."""

from __future__ import annotations

import streamlit as st

import scoring
from scoring.case import global_weights, local_shares
from scoring.errors import ScenarioError
from scoring.model import DEFAULT_NORMALIZATION, METHODS, NORMALIZATIONS, Criterion
from scoring.textsafe import markdown_text
from ui import data, state, upload

METHOD_LABELS = {
    "wsm": "WSM: weighted sum",
    "wpm": "WPM: weighted product",
    "topsis": "TOPSIS: closeness to the ideal",
}
NORMALIZATION_LABELS = {
    "scale": "declared scale",
    "minmax": "min-max over vendors",
    "vector": "vector (Euclidean)",
    "max": "divide by the maximum",
    "sum": "divide by the sum",
}
UNKNOWN_LABELS = {"worst": "worst end of the scale", "midpoint": "scale midpoint"}
SAVED_KEY = "_saved"  # the saved scenario picked (not part of the link: applying it is)


def render(case: scoring.Case) -> None:
    """Draw every scenario widget; their values live in session_state under the link's names."""
    with st.sidebar:
        st.header("Scenario")
        _saved_controls(case)
        _method_controls()
        st.subheader("Weights")
        st.caption(
            "Raw weights are normalised among siblings: *local* is the share within the group, "
            "*global* the share of the whole score."
        )
        shares = _shares(case)
        for criterion in case.criteria:
            _weight_slider(criterion, shares)
            if criterion.children:
                with st.expander(f"Inside {criterion.name}", expanded=False):
                    for child in criterion.children:
                        _weight_slider(child, shares)
        st.subheader("Vendors")
        st.multiselect(
            "Vendors to rank",
            options=[v.id for v in case.vendors],
            format_func=lambda vid: case.vendor_by_id[vid].name,
            key="v",
            wrap=True,  # chips on several rows (ui/style.py lets the box grow to fit them)
        )
        st.radio(
            "Score unknown values at",
            options=list(UNKNOWN_LABELS),
            format_func=UNKNOWN_LABELS.__getitem__,
            key="u",
            help="An unknown value (null in the data) counts as this point of its scale.",
        )
        with st.expander("Uncertainty settings (Robustness tab)"):
            _uncertainty_controls()
        st.button(
            "Reset to defaults",
            on_click=state.reset,
            args=(case,),
            icon=":material/restart_alt:",
            width="stretch",
        )
        upload.render_controls()


def _saved_controls(case: scoring.Case) -> None:
    """Pick a saved scenario (scenarios/*.yaml) and write it into the widgets, as reset does."""
    saved = data.saved_scenarios(case)
    if saved.problems:
        n = len(saved.problems)
        items = "\n".join(f"- {markdown_text(p)}" for p in saved.problems)
        st.warning(
            f"Saved scenarios: {n} problem{'s' if n != 1 else ''}, so none are offered. Fix "
            f"the files and the page reloads them:\n\n{items}",
            icon=":material/warning:",
        )
    if not saved.scenarios:
        return
    by_id = {s.id: s for s in saved.scenarios}
    picked = st.selectbox(
        "Saved scenario",
        options=list(by_id),
        format_func=lambda sid: by_id[sid].name,
        key=SAVED_KEY,
        help="A named point of view from the scenarios folder; apply it, then adjust freely.",
    )
    chosen = by_id.get(picked) or saved.scenarios[0]
    if chosen.description:
        st.caption(markdown_text(chosen.description))
    st.button(
        "Apply saved scenario",
        on_click=state.apply_saved,
        args=(case, chosen.scenario),
        key="saved_apply",
        icon=":material/bookmark:",
        width="stretch",
    )


def _method_controls() -> None:
    st.selectbox(
        "Method",
        options=list(METHODS),
        format_func=METHOD_LABELS.__getitem__,
        key="m",
        on_change=state.follow_method,
        help="Changing the method selects its usual normalisation.",
    )
    method = st.session_state["m"]
    st.selectbox(
        "Normalisation",
        options=list(NORMALIZATIONS),
        format_func=lambda n: (
            NORMALIZATION_LABELS[n] + (" (default)" if n == DEFAULT_NORMALIZATION[method] else "")
        ),
        key="n",
        help="How each criterion's values are mapped to 0..1 (higher is better).",
    )


def _shares(case: scoring.Case) -> tuple[dict[str, float], dict[str, float] | None]:
    """(local, global) shares of every criterion from the sliders' current values."""
    raw = state.raw_weights(case)
    local = local_shares(case, raw)
    try:
        return local, global_weights(case, raw)
    except ScenarioError:  # every leaf at 0: the main view says so
        return local, None


def _weight_slider(
    criterion: Criterion, shares: tuple[dict[str, float], dict[str, float] | None]
) -> None:
    local, glob = shares
    cid = criterion.id
    st.slider(
        criterion.name,
        min_value=0.0,
        max_value=st.session_state[state.max_key(cid)],
        step=1.0,
        format="%g",
        key=state.weight_key(cid),
        help=criterion.description or None,
    )
    text = f"local {local[cid]:.1%}"
    if glob is not None:
        text += f" · global **{glob[cid]:.1%}**"
    st.caption(text)


def _uncertainty_controls() -> None:
    st.number_input("Samples", min_value=100, max_value=1_000_000, step=1000, key="k")
    st.number_input("Random seed", min_value=0, max_value=2**32 - 1, step=1, key="seed")
    st.selectbox(
        "Weight sampling",
        options=["dirichlet", "uniform", "order"],
        key="wm",
        help="dirichlet: around the chosen weights; uniform: any weights; order: keep their order.",
    )
    st.number_input(
        "Dirichlet concentration",
        min_value=0.01,
        max_value=10_000.0,
        step=5.0,
        key="c",
        help="Higher keeps sampled weights closer to the chosen ones.",
    )
    st.selectbox(
        "Score sampling",
        options=["none", "uniform", "triangular"],
        key="ss",
        help="How values are drawn within each score's range.",
    )
