"""Load the case once per change of the data files (st.cache_data keyed on their stamp)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

import scoring
from scoring.load import YAML_SUFFIXES
from scoring.messages import capped
from scoring.scenario.saved import DEFAULT_FOLDER, SavedScenario, ScenarioFileError, load_scenarios

CRITERIA_ENV = "SHORTLIST_CRITERIA"
VENDORS_ENV = "SHORTLIST_VENDORS"
SCENARIOS_ENV = "SHORTLIST_SCENARIOS"
if TYPE_CHECKING:
    from scoring.present.brief import Brief
    from scoring.sensitivity import SensitivityResult

Analysed = tuple["SensitivityResult | None", "Brief"]

UPLOADED_KEY = "_uploaded_case"  # a Case the user uploaded this session; None: the shipped one
EDITED_KEY = "_editor_edited"  # the case shown is the editor's (ui/tabs/editor.py), not an upload
EDIT_BASE_KEY = "_edit_base"  # the case an edit started from, for the link's score overrides


def edit_base(case: scoring.Case) -> scoring.Case:
    """The case `case`'s edits started from (itself when it is not edited): a share link names
    that one and carries the score changes."""
    base = st.session_state.get(EDIT_BASE_KEY)
    origin = case.origin
    if origin is not None and base is not None and base.fingerprint == origin.fingerprint:
        return base
    return case


def show_edited(edited: scoring.Case, base: scoring.Case) -> None:
    """Rank `edited` (made from `base` in the editor, or by a link's overrides) this session."""
    st.session_state[UPLOADED_KEY] = edited
    st.session_state[EDITED_KEY] = True
    st.session_state[EDIT_BASE_KEY] = base


@dataclass(frozen=True)
class Loaded:
    """A whole case, or the list of every problem that stopped it loading (never both)."""

    case: scoring.Case | None
    problems: tuple[str, ...] = ()


def data_paths() -> tuple[str, str]:
    """Where the case lives: $SHORTLIST_CRITERIA / $SHORTLIST_VENDORS, else criteria/, vendors/."""
    return os.environ.get(CRITERIA_ENV, "criteria"), os.environ.get(VENDORS_ENV, "vendors")


def files_stamp(*paths: str) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of every YAML file under the paths: changes whenever a file is edited."""
    stamp: list[tuple[str, int, int]] = []
    for root in map(Path, paths):
        files = [root] if root.is_file() else sorted(root.glob("*")) if root.is_dir() else []
        for path in files:
            if path.suffix.lower() in YAML_SUFFIXES and path.is_file():
                info = path.stat()
                stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


@st.cache_data(show_spinner="Loading the case…", max_entries=8)
def _load(criteria: str, vendors: str, stamp: tuple) -> Loaded:
    del stamp  # only part of the cache key: a new stamp means the files changed
    try:
        return Loaded(scoring.load_case(criteria, vendors))
    except scoring.CaseError as exc:
        return Loaded(None, tuple(capped(exc.problems)))


def load() -> Loaded:
    """The case the user uploaded this session (ui/upload.py), else the shipped case."""
    uploaded = st.session_state.get(UPLOADED_KEY)
    return Loaded(uploaded) if uploaded is not None else shipped()


def shipped() -> Loaded:
    """The case at the configured paths, reloaded only when a file's mtime or size changes."""
    criteria, vendors = data_paths()
    return _load(criteria, vendors, files_stamp(criteria, vendors))


@dataclass(frozen=True)
class Saved:
    """The saved scenarios, or every problem that kept them out (the app then runs without)."""

    scenarios: tuple[SavedScenario, ...] = ()
    problems: tuple[str, ...] = ()


def scenarios_path() -> str:
    """Where saved scenarios live: $SHORTLIST_SCENARIOS, else scenarios/ (missing: none saved)."""
    return os.environ.get(SCENARIOS_ENV, DEFAULT_FOLDER)


@st.cache_data(show_spinner=False, max_entries=8)
def _load_saved(folder: str, stamp: tuple, fingerprint: str, _case: scoring.Case) -> Saved:
    # Keyed on the files' stamp and the case's fingerprint (the checks depend on the case);
    # the case itself is not hashed.
    del stamp, fingerprint
    try:
        return Saved(tuple(load_scenarios(folder, _case)))
    except ScenarioFileError as exc:
        return Saved((), tuple(capped(exc.problems)))


def saved_scenarios(case: scoring.Case) -> Saved:
    """The saved scenarios checked against `case`, reloaded only when a file changes.

    None for an uploaded case: they were written for the shipped one."""
    if st.session_state.get(UPLOADED_KEY) is not None:
        return Saved()
    folder = scenarios_path()
    return _load_saved(folder, files_stamp(folder), case.fingerprint, case)


@st.cache_resource(show_spinner=False, max_entries=64)
def _analysed(
    fingerprint: str, scenario_json: str, _case: scoring.Case, _result: scoring.Ranking
) -> Analysed:
    # Keyed on the data's fingerprint and the scenario (the case and ranking are not hashed). A
    # resource cache hands back the same frozen objects, so nothing is pickled per rerun.
    from scoring.present.brief import decision_brief
    from scoring.present.focus import budgeted_analysis

    del fingerprint, scenario_json
    if not _result.order:
        return None, decision_brief(_result, None, "no vendor is ranked")
    try:
        # Fewer simulations for a large case, said on the Robustness tab (present.focus).
        sens = budgeted_analysis(_case, _result.scenario, _result)
    except scoring.ScenarioError as exc:
        return None, decision_brief(_result, None, f"not computed ({exc})")
    return sens, decision_brief(_result, sens)


ANALYSED_KEY = "_analysed_scenarios"  # (fingerprint, scenario) pairs analysed this session
ANALYSE_NOW_KEY = "_analyse_now"  # the "Analyse robustness now" button of a large case
ANALYSED_KEPT = 64  # scenarios remembered as analysed, as many as _analysed's cache keeps


def analysed(case: scoring.Case, result: scoring.Ranking, wanted: bool = True) -> Analysed:
    """The scenario's sensitivity results and decision brief, computed once per scenario.

    Past ANALYSE_EVERY_RERUN_MAX vendors the analysis takes many seconds, so it runs only when
    `wanted` (a tab that shows it is open, or the user asked) or when this session already has
    it; otherwise the brief says where to get it and every other view stays quick."""
    from scoring import limits

    key = (case.fingerprint, result.scenario.model_dump_json())
    done: dict = st.session_state.setdefault(ANALYSED_KEY, {})  # insertion-ordered set
    if wanted or key in done or result.resolved.m <= limits.ANALYSE_EVERY_RERUN_MAX:
        done.pop(key, None)
        done[key] = None
        while len(done) > ANALYSED_KEPT:  # the oldest first: a session's memory stays bounded
            del done[next(iter(done))]
        return _analysed(*key, case, result)
    return _deferred(*key, result)


@st.cache_resource(show_spinner=False, max_entries=64)
def _deferred(fingerprint: str, scenario_json: str, _result: scoring.Ranking) -> Analysed:
    # The brief without the analysis, built once per scenario as `_analysed` is (its evidence
    # check alone reads every cell of a large case).
    from scoring.present.brief import decision_brief

    del fingerprint, scenario_json
    return None, decision_brief(_result, None, deferred_note(len(_result.resolved.vendor_ids)))


def deferred_note(vendors: int) -> str:
    """Why the brief has no robustness yet, and how to get it (plain words)."""
    return (
        f"not run yet. With {vendors:,} vendors they take a while, so they run when you open "
        'the Robustness or Report tab, or press "Analyse robustness now"'
    )
