"""Saved, named scenarios (`scenarios/*.yaml`): points of view a team can re-apply and compare.

Loading follows the case loader exactly: YAML with positions (`scoring.yamlpos`), pydantic's
errors in an analyst's words (`scoring.messages`, via `scoring.load`), every problem at once in
one `ScenarioFileError` (a `CaseError`), located like `scenarios/x.yaml:7:5: scenario.weights.
user_data: ...`. Nothing partial is returned: one bad file keeps every saved scenario out.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from scoring.case import global_weights
from scoring.errors import CaseError, Problem, ScenarioError
from scoring.load import YAML_SUFFIXES, Case, _display, _explain, _read, _yaml_files
from scoring.model import Scenario, ScenarioFile
from scoring.scenario.link import canonical
from scoring.scenario.preference import criterion_problem
from scoring.yamlpos import Located

DEFAULT_FOLDER = "scenarios"


class ScenarioFileError(CaseError):
    """The saved scenarios could not be loaded; `problems` lists every reason at once."""

    subject = "the saved scenarios"


@dataclass(frozen=True)
class SavedScenario:
    """One validated scenario file: its id, name, description, the Scenario, and where it is."""

    id: str
    name: str
    description: str
    scenario: Scenario
    file: str


def load_scenarios(folder: str | Path, case: Case, required: bool = False) -> list[SavedScenario]:
    """Every saved scenario in `folder` (a folder of *.yaml / *.yml, or one file), sorted by id.

    A missing folder means no saved scenarios, unless `required` (the user named it). Raises
    ScenarioFileError with every problem, checked against `case`.
    """
    problems: list[Problem] = []
    files = _scenario_files(Path(folder), required, problems)
    saved: list[SavedScenario] = []
    first_file: dict[str, str] = {}
    for path in files:
        doc = _read(path, problems, "scenarios")
        if doc is None:
            continue
        # Validate and cross-check separately, so one file's problems are all reported at once.
        found: list[Problem] = []
        model = _validate(doc, found)
        found += _check_id(doc, first_file)
        found += _check_references(doc, case)
        if model is not None and not found:
            found += _check_rankable(model.scenario, case, doc)
        problems += found
        if model is not None and not found:
            saved.append(
                SavedScenario(model.id, model.name, model.description, model.scenario, doc.file)
            )
    if problems:
        raise ScenarioFileError(problems)
    return sorted(saved, key=lambda s: s.id)


def find_scenario(
    id_or_path: str, folder: str | Path, case: Case, required: bool = False
) -> SavedScenario:
    """The saved scenario named by id (in `folder`) or by a path to its file.

    Raises ScenarioFileError for a bad file, ScenarioError when no scenario has that id.
    """
    path = Path(id_or_path)
    if path.suffix.lower() in YAML_SUFFIXES or path.is_file():
        return load_scenarios(path, case, required=True)[0]
    saved = load_scenarios(folder, case, required)
    for item in saved:
        if item.id == id_or_path:
            return item
    known = [s.id for s in saved]
    close = difflib.get_close_matches(id_or_path, known, n=1)
    if close:
        hint = f"; did you mean {close[0]!r}?"
    elif known:
        hint = f"; saved scenarios: {', '.join(known)}"
    else:
        hint = f"; there are no saved scenarios in {_display(Path(folder))}"
    raise ScenarioError(f"no saved scenario {id_or_path[:60]!r}{hint}")


def _check_id(doc: Located, first_file: dict[str, str]) -> list[Problem]:
    sid = doc.data.get("id")
    if not isinstance(sid, str):
        return []
    if sid in first_file:
        message = (
            f"duplicate scenario id {sid!r} (also in {first_file[sid]}); "
            "give each saved scenario its own id"
        )
        return [doc.problem(("id",), message)]
    first_file[sid] = doc.file
    return []


def _check_references(doc: Located, case: Case) -> list[Problem]:
    """Unknown criteria in weights or preference functions (or a group given one), unknown or
    repeated vendors: read from the raw data, so they are reported even when another field of
    the file is invalid."""
    raw = doc.data.get("scenario")
    if not isinstance(raw, dict):
        return []
    problems: list[Problem] = []
    weights = raw.get("weights")
    for cid in weights if isinstance(weights, dict) else []:
        if str(cid) not in case.by_id:
            close = difflib.get_close_matches(str(cid), list(case.by_id), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            path = ("scenario", "weights", cid)
            problems.append(doc.problem(path, f"unknown criterion {str(cid)[:60]!r}{hint}"))
    preference = raw.get("preference")
    for cid in preference if isinstance(preference, dict) else []:
        problem = criterion_problem(str(cid), case)
        if problem is not None:
            problems.append(doc.problem(("scenario", "preference", cid), problem))
    vendors = raw.get("vendors")
    if isinstance(vendors, list):
        problems += _check_vendors(vendors, case, doc)
    return problems


def _check_rankable(scenario: Scenario, case: Case, doc: Located) -> list[Problem]:
    """A valid scenario whose weights leave every leaf at zero cannot rank anything."""
    raw = {c.id: float(scenario.weights.get(c.id, c.weight)) for c in case.all_criteria}
    try:
        global_weights(case, raw)
    except ScenarioError:
        message = "every criterion ends up at weight 0; give at least one a positive weight"
        return [doc.problem(("scenario", "weights"), message)]
    return []


def _check_vendors(vendors: list, case: Case, doc: Located) -> list[Problem]:
    here = ("scenario", "vendors")
    if not vendors:
        return [doc.problem(here, "selects no vendor; list at least one, or leave vendors out")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, vid in enumerate(vendors):
        if not isinstance(vid, str):
            continue  # pydantic names it
        if vid not in case.vendor_by_id:
            close = difflib.get_close_matches(vid, list(case.vendor_by_id), n=1)
            known = (
                f"did you mean {close[0]!r}?" if close else f"known: {', '.join(case.vendor_by_id)}"
            )
            problems.append(doc.problem((*here, i), f"unknown vendor {vid[:60]!r} ({known})"))
        elif vid in seen:
            problems.append(doc.problem((*here, i), f"vendor {vid!r} is listed twice; keep one"))
        seen.add(vid)
    return problems


def _validate(doc: Located, problems: list[Problem]) -> ScenarioFile | None:
    # Strict, like the data files: a quoted "50" is text, and reading it as 50 would hide a
    # quoting mistake.
    try:
        return ScenarioFile.model_validate(doc.data, strict=True)
    except ValidationError as exc:
        problems += _explain(exc, doc)
        return None


def _scenario_files(path: Path, required: bool, problems: list[Problem]) -> list[Path]:
    if not required and not path.exists() and not path.is_symlink():
        return []  # no saved scenarios is fine, unless the user named the folder
    return _yaml_files(path, "scenario", problems, allow_empty=True)


def moved_from(scenario: Scenario, saved: SavedScenario, case: Case) -> bool:
    """Whether `scenario` ranks differently from `saved` on `case`: some weight or setting moved."""
    return canonical(scenario, case) != canonical(saved.scenario, case)
