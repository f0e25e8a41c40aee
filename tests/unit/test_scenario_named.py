"""A scenario that started from a saved one carries its id (`sc`) in links and its name in the
CLI's output; `shortlist link` prints a whole link on the app's address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring import Scenario, load_case
from scoring.cli import main
from scoring.scenario.link import canonical, configured_base, decode, encode
from scoring.scenario.saved import load_scenarios, moved_from

ROOT = Path(__file__).resolve().parents[2]
DATA = ["--criteria", str(ROOT / "criteria"), "--vendors", str(ROOT / "vendors")]
SAVED = ["--scenarios", str(ROOT / "scenarios")]


@pytest.fixture(scope="module")
def case():
    return load_case(ROOT / "criteria", ROOT / "vendors")


@pytest.fixture(scope="module")
def saved(case):
    return load_scenarios(ROOT / "scenarios", case)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_link_names_its_saved_scenario_and_decodes_it(case, saved):
    regulator = next(s for s in saved if s.id == "regulator-first")
    query = encode(regulator.scenario, case, saved=regulator.id)
    assert query.startswith("sc=regulator-first&")
    decoded = decode(query, case, saved)
    assert decoded.saved == regulator and decoded.warnings == []
    assert decoded.scenario == canonical(regulator.scenario, case)


def test_a_partial_link_starts_from_the_saved_scenario_it_names(case, saved):
    decoded = decode("sc=regulator-first&m=topsis", case, saved)
    assert decoded.scenario.weights["regulatory_readiness"] == 50  # the saved scenario's
    assert decoded.scenario.method == "topsis"
    assert decoded.scenario.effective_normalization == "vector"  # the link's method's own


@pytest.mark.parametrize("given", [(), "saved"])
def test_an_unknown_saved_scenario_is_ignored_with_a_warning(case, saved, given):
    decoded = decode("sc=nope&m=wpm", case, saved if given else ())
    assert decoded.saved is None and decoded.scenario.method == "wpm"
    [warning] = decoded.warnings
    assert warning.startswith("sc='nope' is not a saved scenario here")
    assert ("'regulator-first'" in warning) == bool(given)


def test_moved_from_says_whether_anything_changed(case, saved):
    regulator = next(s for s in saved if s.id == "regulator-first")
    assert not moved_from(canonical(regulator.scenario, case), regulator, case)
    changed = regulator.scenario.model_copy(update={"unknowns": "midpoint"})
    assert moved_from(changed, regulator, case)
    assert moved_from(Scenario(), regulator, case)


def test_rank_names_the_saved_scenario_of_a_link(capsys):
    code, out, err = run(capsys, "rank", *DATA, *SAVED, "--link", "sc=regulator-first")
    assert code == 0 and err == ""
    assert out.splitlines()[0].endswith("- Regulator first: WSM on scale values")
    code, out, _ = run(
        capsys, "rank", *DATA, *SAVED, "--link", "sc=regulator-first&u=midpoint", "--format", "json"
    )
    data = json.loads(out)
    assert data["scenario"] == {
        "id": "regulator-first",
        "name": "Regulator first",
        "adjusted": True,
    }
    assert data["link"].startswith("sc=regulator-first&")


def test_rank_with_scenario_says_when_flags_moved_away_from_it(capsys):
    _, out, _ = run(capsys, "rank", *DATA, *SAVED, "--scenario", "regulator-first")
    assert "- Regulator first: WSM" in out.splitlines()[0]
    _, out, _ = run(
        capsys, "rank", *DATA, *SAVED, "--scenario", "regulator-first", "--method", "wpm"
    )
    assert "- Regulator first (adjusted): WPM on max values" in out.splitlines()[0]
    _, out, _ = run(capsys, "rank", *DATA, "--format", "markdown")
    assert "Regulator" not in out.splitlines()[0]


@pytest.mark.parametrize("link", ["", "  "])
def test_an_empty_link_is_an_error_naming_link(capsys, link):
    code, out, err = run(capsys, "rank", *DATA, "--link", link)
    assert code == 2 and out == ""
    assert "--link is empty" in err and "Traceback" not in err


def test_link_prints_a_whole_link_on_the_configured_address(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("SHORTLIST_BASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text("[server]\nport = 8612\n")
    _, out, _ = run(capsys, "link", *DATA, "--weights", "user_data=30")
    assert out.startswith("http://localhost:8612/?m=wsm&") and "w.user_data=30" in out
    monkeypatch.setenv("SHORTLIST_BASE_URL", "https://shortlist.example.com/app")
    _, out, _ = run(capsys, "link", *DATA)
    assert out.startswith("https://shortlist.example.com/app?m=wsm&")
    _, out, _ = run(
        capsys, "link", *DATA, "--base", "http://h:1/", *SAVED, "--scenario", "open-ecosystem"
    )
    assert out.startswith("http://h:1/?sc=open-ecosystem&m=wsm&")
    _, out, _ = run(capsys, "link", *DATA, "--query-only")
    assert out.startswith("m=wsm&")


def test_the_address_falls_back_to_streamlits_port(monkeypatch, tmp_path):
    monkeypatch.delenv("SHORTLIST_BASE_URL", raising=False)
    assert configured_base(tmp_path / "missing.toml") == "http://localhost:8501/"
    bad = tmp_path / "bad.toml"
    bad.write_text("[server\nport = ")
    assert configured_base(bad) == "http://localhost:8501/"
    assert configured_base(ROOT / ".streamlit" / "config.toml") == "http://localhost:8501/"
