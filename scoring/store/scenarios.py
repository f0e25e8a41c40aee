"""Saved views <-> scenarios: what a view ranks, and views to and from scenario files.

A view holds a share link's query, so the one link codec (`scoring.scenario.link`) reads it; a
scenario file (`scenarios/*.yaml`) is written from the same canonical scenario and read back by
`scoring.scenario.saved`, so an exported view ranks exactly as the view did.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

from scoring.load import Case
from scoring.model import Scenario
from scoring.scenario.link import Decoded, canonical, decode, encode
from scoring.scenario.saved import SavedScenario, find_scenario
from scoring.store import views
from scoring.store.core import Store
from scoring.store.views import SavedView

SLUG_CHARS = 64


def view_query(scenario: Scenario, case: Case, saved_id: str | None = None) -> str:
    """What a view keeps: the canonical long link's query (every weight, the fingerprint)."""
    return encode(canonical(scenario, case), case, saved_id)


def open_view(view: SavedView, case: Case, saved: Sequence[SavedScenario] = ()) -> Decoded:
    """The scenario a view ranks, with the link codec's warnings (e.g. data changed since)."""
    return decode(view.query, case, saved)


def slug(name: str) -> str:
    """A scenario id from a view's name: 'Board view, final' -> 'board-view-final'."""
    text = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:SLUG_CHARS].strip("-")
    return text or "view"


def scenario_yaml(view: SavedView, case: Case, scenario_id: str | None = None) -> str:
    """A scenario file holding exactly what the view ranks (its note as the description)."""
    scenario = canonical(open_view(view, case).scenario, case)
    doc = {
        "id": scenario_id or slug(view.name),
        "name": view.name,
        "description": view.note,
        "scenario": scenario.model_dump(mode="json", exclude_none=True),
    }
    head = (
        f"# Exported from the saved view {view.name!r} (id {view.id}) by `shortlist view export`\n"
    )
    return head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def write_text_atomic(path: Path, text: str) -> None:
    """Write all of `text` or nothing: a temporary file beside `path`, then one rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def import_scenario(
    store: Store, path: str | Path, case: Case, author: str, name: str | None = None
) -> SavedView:
    """Save a scenario file (checked like every saved scenario) as a view, under its own name
    unless `name` is given. Raises ScenarioFileError, InvalidInput, NameTaken."""
    saved = find_scenario(str(path), "scenarios", case, required=True)
    query = view_query(saved.scenario, case)
    return views.save(store, name or saved.name, author, query, note=saved.description)
