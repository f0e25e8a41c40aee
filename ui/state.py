"""The scenario's two homes, kept in step: widget state (session_state) and the URL query string.

Design: the *scenario* (weights, method, normalisation, vendors, unknowns, uncertainty settings)
is written to the URL with `st.query_params`, spelled out completely (every weight, even at its
default, plus the data fingerprint) on every rerun, so the browser's address bar is always a
complete share link. Streamlit's `bind="query-params"` is used for the *view* widgets (open tab,
quadrant axes, head-to-head pair, vendor in detail): there a missing parameter meaning "the
default" is exactly right.
It does not fit the scenario widgets, because a bound parameter is dropped from the URL when it
equals the widget default (a link must survive a later change of the files' defaults) and bound
values that are invalid are dropped silently (a link's problems must be named in a warning).

A link is decoded into widget state once per session (first run), or again when the data files
change under a running session; after that the widgets own the state and the URL follows them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from urllib.parse import parse_qsl

import streamlit as st

import scoring
from scoring.methods import DEFAULT_NORMALIZATION
from scoring.model import Scenario
from scoring.scenario.link import SAVED_KEY, VIEW_PARAMS, WEIGHT_PREFIX, canonical, decode, encode
from scoring.scenario.saved import SavedScenario, moved_from
from scoring.scenario.settings import PREFERENCE_PREFIX, SCALAR
from ui import data, preference

SLIDER_MAX = 100.0
FINGERPRINT_KEY = "_case_fingerprint"
WARNINGS_KEY = "_link_warnings"
LINK_QUERY_KEY = "_link_query"  # the scenario the opened link gave, as its query string
# widget key -> Scenario field: the widget keys are the link's parameter names (settings table)
SCALAR_KEYS = {key: setting.field for key, setting in SCALAR.items()}
CUSTOM = ""  # the saved-scenario picker's value when no saved scenario is applied
KEPT_PARAMS = ("round", "ft")  # a team round's id and facilitator token (ui/tabs/team.py)


def weight_key(criterion_id: str) -> str:
    return WEIGHT_PREFIX + criterion_id


def max_key(criterion_id: str) -> str:
    return "_max." + criterion_id


def link_query() -> dict[str, list[str]]:
    """The current URL's parameters, repeated keys kept (decode treats them as hostile)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def init_state(case: scoring.Case, view_check: Mapping[str, tuple[str, ...]]) -> scoring.Case:
    """On a session's first run (or after the data files changed), widget state from the link;
    the case to rank: `case`, or `case` with the link's score overrides (edits made in the app).

    `view_check` maps each bound view parameter to its valid values, so a bad one is named in a
    warning (Streamlit itself drops invalid bound values without a word).
    """
    previous = st.session_state.get(FINGERPRINT_KEY)
    if previous == case.fingerprint:
        return case
    query, short_warnings = _expand_short_link(link_query())
    for key in KEPT_PARAMS:  # the team round's, not the scenario's: not for the link decoder
        query.pop(key, None)
    if previous is not None:
        # The files changed under a running session: keep the user's scenario, and do not
        # warn that the URL (which this session wrote) was made for other data.
        query.pop("fp", None)
    decoded = decode(query, case, data.saved_scenarios(case).scenarios)
    warnings = short_warnings + decoded.warnings
    for key, valid in view_check.items():
        value = query.get(key, [None])[-1]
        if value is not None and value not in valid:
            warnings.append(
                f"ignored {key}={value[:40]!r} (not one of the choices); used the default"
            )
    if decoded.case is not None and previous is None:  # edits travel with a link, once
        data.show_edited(decoded.case, case)
        case = decoded.case
    linked = canonical(decoded.scenario, case)
    _write_widgets(linked, case, decoded.saved.id if decoded.saved else CUSTOM)
    st.session_state[WARNINGS_KEY] = warnings
    st.session_state[LINK_QUERY_KEY] = encode(linked, case)
    st.session_state[FINGERPRINT_KEY] = case.fingerprint
    return case


def _expand_short_link(query: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    from ui import views  # the store is imported only when a link is a short one

    if views.SHORT_KEY not in query:
        return query, []
    return views.expand_short_link(query)


def apply_query(case: scoring.Case, query: dict[str, list[str]]) -> None:
    """Callback part of opening a saved view: its link's scenario in every widget, as opening
    the link would, with the link's warnings."""
    base = data.edit_base(case)  # a view's score overrides apply to the data edits started from
    decoded = decode(query, base, data.saved_scenarios(case).scenarios)
    if decoded.case is not None:
        data.show_edited(decoded.case, base)
        switch_case(decoded.case, decoded.scenario)
        case = decoded.case
    linked = canonical(decoded.scenario, case)
    _write_widgets(linked, case, decoded.saved.id if decoded.saved else CUSTOM)
    st.session_state[WARNINGS_KEY] = list(decoded.warnings)
    st.session_state[LINK_QUERY_KEY] = encode(linked, case)


def _write_widgets(scenario: Scenario, case: scoring.Case, saved_id: str = CUSTOM) -> None:
    state = st.session_state
    state[SAVED_KEY] = saved_id
    for key, name in SCALAR_KEYS.items():
        state[key] = getattr(scenario, name)
    state["n"] = scenario.effective_normalization
    state["v"] = list(scenario.vendors or [])
    for c in case.all_criteria:
        value = float(scenario.weights.get(c.id, c.weight))
        state[weight_key(c.id)] = value
        # A slider's range is part of its identity: fix it once per session, wide enough for
        # the link's value (decode allows up to 1000).
        state[max_key(c.id)] = max(SLIDER_MAX, float(math.ceil(value)))
    preference.write_state(scenario, case)


def reset(case: scoring.Case) -> None:
    """Callback of "Reset to defaults": the files' weights and every default setting."""
    _write_widgets(canonical(Scenario(), case), case)
    st.session_state[WARNINGS_KEY] = []


def switch_case(case: scoring.Case, scenario: Scenario | None = None) -> None:
    """Callback part of changing the case under a running session (an upload, or back to the
    shipped case): `scenario` (default: the case's defaults) in every widget, as `reset` does,
    and nothing left of the old case (its criteria's sliders, view choices naming its vendors or
    groups, link warnings). The fingerprint is recorded, so `init_state` does not decode the
    URL the old case wrote against the new one."""
    state = st.session_state
    for key in list(state):
        old_criterion = str(key).startswith((WEIGHT_PREFIX, max_key(""), PREFERENCE_PREFIX))
        if old_criterion or key in VIEW_PARAMS - {"tab"}:
            del state[key]  # a bound view widget then drops a URL value that no longer fits
    scenario = canonical(scenario or Scenario(), case)
    _write_widgets(scenario, case)
    state[WARNINGS_KEY] = []
    state[LINK_QUERY_KEY] = encode(scenario, case)
    state[FINGERPRINT_KEY] = case.fingerprint


def apply_saved(case: scoring.Case, saved_id: str | None = None) -> None:
    """Callback of the saved-scenario picker (and of "Back to ..."): like reset, with the saved
    scenario's settings; its id then travels in the link. "Custom" changes no widget."""
    sid = st.session_state.get(SAVED_KEY, CUSTOM) if saved_id is None else saved_id
    saved = _saved_by_id(case, sid)
    if saved is None:
        st.session_state[SAVED_KEY] = CUSTOM
        return
    _write_widgets(canonical(saved.scenario, case), case, saved.id)
    st.session_state[WARNINGS_KEY] = []


def applied_id() -> str | None:
    """The id of the saved scenario last applied (or named by the opened link), else None."""
    return st.session_state.get(SAVED_KEY) or None


def applied_scenario(case: scoring.Case) -> tuple[str, bool] | None:
    """(name, moved) of the saved scenario the user applied (or the opened link named), or None
    while the scenario is "Custom". `moved` says whether any weight or setting has since moved
    away from it, so a headline can read "Regulator first" or "Weights moved away from
    Regulator first". Reads the widgets' current values, so call it after `init_state`."""
    saved = _saved_by_id(case, applied_id())
    if saved is None:
        return None
    current = scenario_from_state(case)
    return saved.name, moved_from(current, saved, case)


def weights_moved(case: scoring.Case) -> bool:
    """Whether the weights (not only other settings) differ from the applied saved scenario's."""
    saved = _saved_by_id(case, applied_id())
    if saved is None:
        return False
    return canonical(saved.scenario, case).weights != raw_weights(case)


def _saved_by_id(case: scoring.Case, sid: str | None) -> SavedScenario | None:
    if not sid:
        return None
    return next((s for s in data.saved_scenarios(case).scenarios if s.id == sid), None)


def follow_method() -> None:
    """Callback of the method selector: the normalisation follows the method's default."""
    st.session_state["n"] = DEFAULT_NORMALIZATION[st.session_state["m"]]


def raw_weights(case: scoring.Case) -> dict[str, float]:
    """Every criterion's raw weight as the sliders hold it now (read before they render)."""
    return {c.id: float(st.session_state[weight_key(c.id)]) for c in case.all_criteria}


def scenario_from_state(case: scoring.Case) -> Scenario:
    """The scenario the widgets describe. Raises pydantic's ValueError only on a bug."""
    state = st.session_state
    fields = {name: state[key] for key, name in SCALAR_KEYS.items()}
    return Scenario(
        **fields,
        weights=raw_weights(case),
        vendors=[v for v in state["v"] if v in case.vendor_by_id],
        preference=preference.specs_from_state(case)[0],
    )


def sync_url(scenario: Scenario, case: scoring.Case) -> None:
    """Make the address bar the complete link of `scenario`, touching only what changed.

    Bound view parameters are Streamlit's to manage; anything else not in the scenario (for
    example the unknown parameters of a hostile link, already warned about) is removed.
    """
    wanted = dict(parse_qsl(encode(scenario, case, applied_id()), keep_blank_values=True))
    current = st.query_params.to_dict()
    for key in current:
        if key not in wanted and key not in VIEW_PARAMS and key not in KEPT_PARAMS:
            del st.query_params[key]
    changed = {key: value for key, value in wanted.items() if current.get(key) != value}
    if changed:
        st.query_params.update(changed)


def link_warnings(scenario: Scenario, case: scoring.Case) -> list[str]:
    """What was wrong with the opened link, while the scenario is still the one it gave.

    Once the user changes the scenario, the link's problems no longer explain what is shown.
    """
    if encode(scenario, case) != st.session_state.get(LINK_QUERY_KEY):
        return []
    return list(st.session_state.get(WARNINGS_KEY, []))
