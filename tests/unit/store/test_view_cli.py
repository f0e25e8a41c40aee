"""`shortlist view ...` and `--view NAME`: saved views from the command line, on a temp store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring import Scenario, load_case, rank
from scoring.cli import main
from scoring.scenario.saved import load_scenarios

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def temp_store(monkeypatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(ROOT)  # the shipped criteria/ and vendors/
    db = tmp_path / "views.db"
    monkeypatch.setenv("SHORTLIST_DB", str(db))
    monkeypatch.setenv("SHORTLIST_AUTHOR", "Ann")
    return db


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_save_then_rank_the_view_gives_the_ranking_it_was_saved_with(capsys):
    code, out, _ = run(
        capsys, "view", "save", "Legal first", "--weights", "regulatory_readiness=90",
        "--method", "topsis", "--format", "json",
    )  # fmt: skip
    assert code == 0
    saved = json.loads(out)
    assert saved["author"] == "Ann" and saved["short_link"].endswith(f"?s={saved['id']}")
    code, out, _ = run(capsys, "rank", "--view", "legal first", "--format", "json")
    direct = run(
        capsys, "rank", "--weights", "regulatory_readiness=90", "--method", "topsis",
        "--format", "json",
    )[1]  # fmt: skip
    assert code == 0
    assert json.loads(out)["ranking"] == json.loads(direct)["ranking"]
    # --view by id too, and flags still override it (weights criterion by criterion)
    code, out, _ = run(capsys, "link", "--view", saved["id"], "--method", "wsm", "--query-only")
    assert "m=wsm" in out and "w.regulatory_readiness=90" in out


def test_list_show_rename_delete_and_history(capsys):
    run(capsys, "view", "save", "Board view", "--note", "for the board")
    code, out, _ = run(capsys, "view", "list", "--format", "json")
    [item] = json.loads(out)["views"]
    assert (item["name"], item["author"], item["note"]) == ("Board view", "Ann", "for the board")
    code, out, _ = run(capsys, "view", "show", "Board view", "--format", "json")
    shown = json.loads(out)
    assert shown["leader"] == "alibaba" and shown["warnings"] == []
    assert run(capsys, "view", "rename", "Board view", "Final", "--author", "Bob")[0] == 0
    assert run(capsys, "view", "delete", "final")[0] == 0
    code, out, _ = run(capsys, "view", "history", item["id"], "--format", "json")
    assert [(c["who"], c["action"]) for c in json.loads(out)] == [
        ("Ann", "deleted"),
        ("Bob", "renamed"),
        ("Ann", "saved"),
    ]
    code, out, _ = run(capsys, "view", "list")
    assert "No saved views" in out


def test_a_taken_name_exits_2_and_keeps_the_first(capsys):
    run(capsys, "view", "save", "Board view", "--weights", "user_data=30")
    code, _, err = run(capsys, "view", "save", "board VIEW", "--weights", "user_data=1")
    assert code == 2
    assert "already named 'board VIEW'; nothing was saved" in err
    assert "Traceback" not in err
    out = run(capsys, "view", "show", "Board view", "--format", "json")[1]
    assert "w.user_data=30" in json.loads(out)["query"]


def test_bad_input_and_unknown_views_exit_2_with_every_problem(capsys):
    code, _, err = run(capsys, "view", "save", " ", "--note", "x" * 2001)
    assert code == 2
    assert "name: give at least one character; note: give at most 2000 characters" in err
    code, _, err = run(capsys, "rank", "--view", "nope")
    assert code == 2 and "no saved view 'nope'" in err


def test_an_unreachable_store_exits_2_saying_so(capsys, tmp_path: Path):
    (tmp_path / "file").write_text("")
    code, _, err = run(capsys, "view", "list", "--db", str(tmp_path / "file" / "x.db"))
    assert code == 2 and "cannot be used" in err


def test_export_then_import_round_trips_the_ranking(capsys, tmp_path: Path):
    run(capsys, "view", "save", "Open first", "--weights", "open_source=80", "--note", "oss")
    out_file = tmp_path / "open-first.yaml"
    code, _, err = run(capsys, "view", "export", "Open first", "-o", str(out_file))
    assert code == 0, err
    case = load_case(ROOT / "criteria", ROOT / "vendors")
    [exported] = load_scenarios(out_file, case, required=True)
    assert (exported.id, exported.name, exported.description) == ("open-first", "Open first", "oss")
    expected = rank(case, Scenario(weights={"open_source": 80}))
    assert rank(case, exported.scenario).rows() == expected.rows()
    assert run(capsys, "view", "export", "Open first", "-o", str(out_file))[0] == 2  # no --force
    code, _, err = run(capsys, "view", "import", str(out_file), "--name", "Back again")
    assert code == 0, err
    out = run(capsys, "rank", "--view", "Back again", "--format", "json")[1]
    assert [r["vendor"] for r in json.loads(out)["ranking"]] == [
        r["vendor"] for r in expected.rows()
    ]


def test_user_text_reaches_the_terminal_without_control_characters(capsys):
    code, _, err = run(capsys, "view", "save", "Bad\x1b[31m")
    assert code == 2 and "must be one line" in err
    run(capsys, "view", "save", "Fine", "--author", "Eve")
    code, _, _ = run(capsys, "view", "rename", "Fine", "Fine again", "--author", "Eve\x07")
    assert code == 2
