"""The registries are complete and documented: every method, normalisation, scenario setting and
CLI command has its words, and README.md mentions it (the Datasette rule: a feature nobody can
read about does not exist)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.cli import COMMANDS
from scoring.methods import METHOD_REGISTRY, NORMALIZATION_REGISTRY
from scoring.model import Scenario
from scoring.scenario.settings import BY_FIELD, SETTINGS, readme_table

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README's text under a `## title` heading, up to the next one."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def words(text: str) -> bool:
    return bool(text.strip()) and text.strip() == text


@pytest.mark.parametrize("key", list(METHOD_REGISTRY))
def test_each_method_has_its_words_and_is_in_the_readme(key):
    entry = METHOD_REGISTRY[key]
    assert entry.key == key and callable(entry.fn)
    assert words(entry.label) and words(entry.short) and words(entry.reference)
    assert entry.help.endswith(".") and len(entry.help) > 30
    assert re.search(r"\(\d{4}\)", entry.reference), "a reference names its year"
    assert entry.default_normalization in NORMALIZATION_REGISTRY
    row = next((line for line in section("Methods").splitlines() if f"| `{key}`" in line), None)
    assert row, f"method {key!r} is missing from the README's Methods table"
    assert f"`{entry.default_normalization}`" in row, "the README names another default"
    assert entry.cost >= 1.0  # relative to WSM's, the cheapest
    assert entry.edit_values is None or entry.edited is not None  # the cost of an edit it has


@pytest.mark.parametrize("key", list(NORMALIZATION_REGISTRY))
def test_each_normalisation_has_its_words_and_is_in_the_readme(key):
    entry = NORMALIZATION_REGISTRY[key]
    assert entry.key == key and callable(entry.fn)
    assert words(entry.label) and words(entry.reference)
    assert entry.help.endswith(".") and len(entry.help) > 30
    assert f"`{key}`" in section("Methods"), f"normalisation {key!r} is not in the README"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.key)
def test_each_setting_has_its_words_and_is_in_the_readme(setting):
    assert words(setting.label) and setting.help.endswith(".")
    assert setting.example.startswith(setting.key.split("<")[0])
    row = f"| `{setting.key}` |"
    assert row in section("Share links"), f"setting {setting.key!r} is not in the README"
    if setting.field:
        assert setting.field in Scenario.model_fields
    if setting.choices:
        assert all(words(label) for label in setting.choices.values())


def test_the_readme_settings_table_is_the_generated_one():
    assert readme_table() in README, (
        "README.md's share-link table differs from scoring/scenario/settings.py; "
        "run `python -m scoring.scenario.settings`"
    )


def test_every_scenario_field_is_a_setting():
    assert set(Scenario.model_fields) == set(BY_FIELD)


@pytest.mark.parametrize("field", [f for f, s in BY_FIELD.items() if s.choices or s.is_number])
def test_the_model_takes_its_limits_and_choices_from_the_table(field):
    """Derived, not copied: the model accepts exactly the table's choices and limits."""
    setting = BY_FIELD[field]
    if field == "weights":
        return  # a mapping of criterion -> weight: the decoder and CLI tests cover its bound
    info = Scenario.model_fields[field]
    inside = list(setting.choices) or [setting.low, setting.high]
    step = 1 if setting.kind is int else 1e-3
    outside = ["not-a-choice"] if setting.choices else [setting.low - step, setting.high + step]
    for value in inside:
        Scenario(**{field: value})
    for value in outside:
        with pytest.raises(ValueError):
            Scenario(**{field: value})
    if setting.default is not None:
        assert info.default == setting.default


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_cli_command_is_in_the_readme(command):
    assert re.search(rf"^shortlist {re.escape(command)}\b", README, re.M), (
        f"`shortlist {command}` has no example in README.md"
    )


def test_every_simulation_choice_has_its_phrase_for_sentences():
    from scoring.scenario.settings import (
        BY_FIELD,
        SCORE_SAMPLING_PHRASES,
        WEIGHTS_MODEL_PHRASES,
    )

    assert set(WEIGHTS_MODEL_PHRASES) == set(BY_FIELD["weights_model"].choices)
    assert set(SCORE_SAMPLING_PHRASES) == set(BY_FIELD["score_sampling"].choices)
