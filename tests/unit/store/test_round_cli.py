"""`shortlist round ...`: a team round from the command line, on a temp store; its group view is
`shortlist group`'s for the same weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.cli import main

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def temp_store(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SHORTLIST_DB", str(tmp_path / "rounds.db"))
    monkeypatch.setenv("SHORTLIST_AUTHOR", "Fay")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def opened(capsys) -> tuple[str, str]:
    code, out, _ = run(capsys, "round", "open", "Partner weights")
    assert code == 0
    lines = out.splitlines()
    round_id = lines[0].rsplit(" ", 1)[1]
    token = lines[-1].rsplit(" ", 1)[1]
    assert f"?round={round_id}&tab=Team+round&ft={token}" in out
    return round_id, token


def test_a_round_s_group_view_equals_shortlist_group_on_the_same_links(capsys):
    round_id, token = opened(capsys)
    legal, eng = "w.regulatory_readiness=90", "w.open_source=90&w.regulatory_readiness=1"
    assert run(capsys, "round", "submit", round_id, "--name", "Lee", "--role", "Legal",
               "--link", legal)[0] == 0  # fmt: skip
    code, _, err = run(capsys, "round", "show", round_id, "--name", "Eve")
    assert code == 2 and "once you have submitted yours" in err  # blind until submitted
    run(capsys, "round", "submit", round_id, "--name", "Eve", "--role", "Eng", "--link", eng)
    code, out, _ = run(capsys, "round", "show", round_id, "--token", token, "--format", "json")
    from_round = json.loads(out)
    code, out, _ = run(
        capsys, "group", eng, legal, "--names", "Eve (Eng),Lee (Legal)", "--format", "json"
    )
    assert from_round == json.loads(out)


def test_evaluators_score_the_facilitator_agrees_with_a_reason(capsys):
    round_id, token = opened(capsys)
    run(capsys, "round", "score", round_id, "--evaluator", "Ann", "--cell",
        "alibaba.model_quality=9", "--rationale", "benchmarks")  # fmt: skip
    code, _, err = run(capsys, "round", "cells", round_id, "--evaluator", "Bob")
    assert code == 2 and "once you have scored" in err
    run(capsys, "round", "score", round_id, "--evaluator", "Bob", "--cell",
        "alibaba.model_quality=3")  # fmt: skip
    code, out, _ = run(capsys, "round", "cells", round_id, "--token", token, "--format", "json")
    [cell] = json.loads(out)
    assert (cell["mean"], cell["spread"], cell["wide"]) == (6, 6, True)  # 6 >= 30% of 0..10
    code, _, err = run(capsys, "round", "agree", round_id, "--token", "guess", "--cell",
                       "alibaba.model_quality=8", "--reason", "x")  # fmt: skip
    assert code == 2 and "only the facilitator link" in err
    run(capsys, "round", "agree", round_id, "--token", token, "--cell",
        "alibaba.model_quality=8", "--reason", "Bob scored an old model")  # fmt: skip
    code, out, _ = run(capsys, "round", "cells", round_id, "--evaluator", "Ann")
    assert "agreed 8.0 (Bob scored an old model)" in out and "Ann 9, Bob 3" in out


def test_a_closed_round_refuses_and_bad_cells_exit_2(capsys):
    round_id, token = opened(capsys)
    code, _, err = run(capsys, "round", "score", round_id, "--evaluator", "A", "--cell", "x=1")
    assert code == 2 and "VENDOR.CRITERION=VALUE" in err
    code, _, err = run(capsys, "round", "close", round_id, "--token", token)
    assert code == 0
    code, _, err = run(capsys, "round", "submit", round_id, "--name", "Z", "--role", "R")
    assert code == 2 and "is closed" in err
    code, _, err = run(capsys, "round", "open", "Late", "--closes", "tomorrow")
    assert code == 2 and "YYYY-MM-DD" in err
