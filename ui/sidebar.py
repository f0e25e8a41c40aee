"""The sidebar: weights grouped by the criteria tree (with live shares), method, vendors, options."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import scoring
from scoring.case import global_weights, local_shares
from scoring.errors import ScenarioError
from scoring.methods import DEFAULT_NORMALIZATION, METHOD_REGISTRY, NORMALIZATION_REGISTRY
from scoring.model import Criterion
from scoring.scenario.link import SAVED_KEY
from scoring.scenario.settings import BY_FIELD, BY_KEY, SCALAR, SETTINGS, Setting
from scoring.textsafe import markdown_text
from ui import data, preference, state, upload

APPLY_KEY = "saved_apply"  # the "Back to <saved scenario>" button


def choices_help(setting: Setting, helps: dict[str, str]) -> str:
    """A widget's help: the setting's sentence, then one plain sentence per choice."""
    lines = "\n".join(f"- **{setting.choices[k]}**: {text}" for k, text in helps.items())
    return f"{setting.help}\n\n{lines}"


def render(case: scoring.Case) -> None:
    """Draw every scenario widget; their values live in session_state under the link's names."""
    with st.sidebar:
        st.header("Scenario")
        _saved_controls(case)
        _method_controls(case)
        st.subheader("Weights")
        st.caption(
            "Each weight counts as its share of its group's weights (*share of group*), and "
            "through the groups above it as a share of the whole score (*share of total*)."
        )
        shares = _shares(case)
        for criterion in case.criteria:
            _weight_slider(criterion, shares)
            if criterion.children:
                with st.expander(f"Inside {criterion.name}", expanded=False):
                    for child in criterion.children:
                        _weight_slider(child, shares)
        st.subheader("Vendors")
        vendors = BY_FIELD["vendors"]
        st.multiselect(
            vendors.label,
            options=[v.id for v in case.vendors],
            format_func=lambda vid: case.vendor_by_id[vid].name,
            key=vendors.key,
            help=vendors.help,
            wrap=True,  # chips on several rows (ui/style.py lets the box grow to fit them)
        )
        _choice_widget(st.radio, BY_FIELD["unknowns"])
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
    """Pick a saved scenario (scenarios/*.yaml): choosing one writes it into the widgets, as
    reset does, and its id travels in the link; "Custom" until one is applied."""
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
    if st.session_state.get(SAVED_KEY) not in by_id:
        st.session_state[SAVED_KEY] = state.CUSTOM  # e.g. its file was removed meanwhile
    setting = BY_KEY[SAVED_KEY]
    st.selectbox(
        setting.label,
        options=[state.CUSTOM, *by_id],
        format_func=lambda sid: by_id[sid].name if sid else "Custom",
        key=SAVED_KEY,
        on_change=state.apply_saved,
        args=(case,),
        help="A named point of view from the scenarios folder: choosing one sets every weight "
        "and setting to it, and the share link names it. Adjust freely afterwards.",
    )
    applied = state.applied_scenario(case)
    if applied is None:
        return
    name, moved = applied
    chosen = by_id[st.session_state[SAVED_KEY]]
    if chosen.description:
        st.caption(markdown_text(chosen.description))
    if moved:
        what = "Weights" if state.weights_moved(case) else "Settings"
        st.caption(f"{what} moved away from {markdown_text(name)}")
        st.button(
            f"Back to {markdown_text(name)}",
            on_click=state.apply_saved,
            args=(case, chosen.id),
            key=APPLY_KEY,
            icon=":material/undo:",
            width="stretch",
        )


def _method_controls(case: scoring.Case) -> None:
    method = BY_FIELD["method"]
    st.selectbox(
        method.label,
        options=list(method.choices),
        format_func=method.choices.__getitem__,
        key=method.key,
        on_change=state.follow_method,
        help=choices_help(method, {k: e.help for k, e in METHOD_REGISTRY.items()})
        + "\n\nChanging the method selects its usual way of comparing values.",
    )
    chosen = st.session_state[method.key]
    st.caption(METHOD_REGISTRY[chosen].help)
    _method_settings(chosen)
    if chosen == BY_FIELD["preference"].method:
        preference.render(case)
    else:
        preference.keep_state(case)
    norm = BY_FIELD["normalization"]
    st.selectbox(
        norm.label,
        options=list(norm.choices),
        format_func=lambda n: (
            norm.choices[n] + (" (usual)" if n == DEFAULT_NORMALIZATION[chosen] else "")
        ),
        key=norm.key,
        help=choices_help(norm, {k: e.help for k, e in NORMALIZATION_REGISTRY.items()}),
    )


def _method_settings(chosen: str) -> None:
    """A method's own settings (VIKOR's v), shown only while that method is chosen."""
    for setting in SETTINGS:
        if setting.method is None or setting.key not in SCALAR:
            continue  # not a method's own number (preference functions: ui/preference.py)
        if setting.method == chosen:
            st.slider(
                setting.label,
                min_value=setting.kind(setting.low),
                max_value=setting.kind(setting.high),
                step=setting.kind(setting.step),
                key=setting.key,
                help=setting.help,
            )
        else:  # Streamlit drops a hidden widget's value; keep it for when the method returns
            st.session_state[setting.key] = st.session_state.get(setting.key, setting.default)


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
    text = f"share of group {local[cid]:.1%}"
    if glob is not None:
        text += f" · share of total **{glob[cid]:.1%}**"
    st.caption(text)


def _uncertainty_controls() -> None:
    """The robustness analysis's settings, each widget from its row of the settings table."""
    for setting in SETTINGS:
        if not setting.simulation:
            continue
        if setting.choices:
            _choice_widget(st.selectbox, setting)
        else:
            st.number_input(
                setting.label,
                min_value=setting.kind(setting.low),
                max_value=setting.kind(setting.high),
                step=setting.kind(setting.step),
                key=setting.key,
                help=setting.help,
            )


def _choice_widget(widget: Callable[..., object], setting: Setting) -> None:
    """`widget` (st.radio or st.selectbox) over a setting's choices, by their plain labels."""
    widget(
        setting.label,
        options=list(setting.choices),
        format_func=setting.choices.__getitem__,
        key=setting.key,
        help=setting.help,
    )
