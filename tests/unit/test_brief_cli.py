"""`shortlist brief`: the JSON keys, the text and Markdown forms, and each flip checked end to end
by the command a user would type next (`shortlist rank --weights ID=VALUE`)."""

from __future__ import annotations

import json

import pytest

from tests.unit.test_cli import in_repo, run  # noqa: F401 - fixtures

KEYS = [
    "leader", "runner_up", "margin", "margin_pct", "clear_winner", "confidence", "flips",
    "challengers", "unknowns_that_matter", "idle_criteria", "methods_disagree", "excluded",
    "higher_is_better", "method_results", "evidence_to_refresh", "sentences",
]  # fmt: skip


def brief_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, "brief", "--format", "json", "--samples", "1000", *argv)
    assert (code, err) == (0, "")
    return json.loads(out)


def leader_of(capsys, *argv: str) -> str:
    code, out, _ = run(capsys, "rank", "--format", "json", *argv)
    assert code == 0
    ranking = json.loads(out)["ranking"]
    assert ranking[0]["rank"] == 1 and ranking[1]["rank"] == 2, "no tie at the top"
    return ranking[0]["vendor"]


@pytest.mark.usefixtures("in_repo")
@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee2"])
def test_each_flip_is_what_rank_then_shows(capsys, method):
    # VIKOR's lower-is-better Q goes through the same flips as the others.
    d = brief_json(capsys, "--method", method)
    assert list(d) == KEYS
    assert d["flips"], "the shipped case has weight changes that alter the leader"
    for f in d["flips"]:
        up = f["weight_flip"] > f["weight_now"]
        beyond = f["weight_flip"] * (1 + 1e-6 if up else 1 - 1e-6)
        short = f["weight_flip"] * (1 - 1e-6 if up else 1 + 1e-6)
        w = f"--weights={f['criterion']}={beyond!r}"
        assert leader_of(capsys, "--method", method, w) == f["new_leader"]
        w = f"--weights={f['criterion']}={short!r}"
        assert leader_of(capsys, "--method", method, w) == d["leader"]


@pytest.mark.usefixtures("in_repo")
def test_confidence_names_samples_seed_and_weights_model(capsys):
    d = brief_json(capsys, "--seed", "7", "--link", "wm=order")
    assert d["confidence"]["samples"] == 1000
    assert d["confidence"]["seed"] == 7
    assert d["confidence"]["weights_model"] == "order"
    assert "of 1,000 simulations" in d["sentences"][1]
    assert "keeping their current order of importance" in d["sentences"][1]


@pytest.mark.usefixtures("in_repo")
def test_text_and_markdown_carry_the_same_sentences(capsys):
    d = brief_json(capsys)
    code, text, _ = run(capsys, "brief", "--samples", "1000")
    assert code == 0 and text.startswith("Decision brief\n")
    flat = " ".join(text.split())
    assert all(" ".join(s.split()) in flat for s in d["sentences"])
    assert "What flips it" in text and "What it would take" in text
    code, md, _ = run(capsys, "brief", "--samples", "1000", "--format", "markdown")
    assert code == 0 and md.startswith("## Decision brief\n")
    assert md.count("\n- ") == len(d["sentences"])
    assert "| Criterion | Weight now | Leader changes at |" in md


@pytest.mark.usefixtures("in_repo")
def test_bad_flags_exit_2_and_name_the_flag(capsys):
    code, out, err = run(capsys, "brief", "--samples", "5")
    assert code == 2 and out == ""
    assert "--samples must be from 100 to 1,000,000, got 5" in err
    code, _, err = run(capsys, "brief", "--weights", "nope=3")
    assert code == 2 and "unknown criterion 'nope'" in err


def test_a_vendor_named_with_escapes_is_printed_safely(capsys, write_case):
    from tests.conftest import ACME, BETA

    write_case(vendors={"acme.yaml": ACME.replace("name: Acme", "name: \"Ac\\e[2Jme\""),
                        "beta.yaml": BETA})  # fmt: skip
    code, out, err = run(capsys, "brief", "--samples", "100")
    # A name is one line of plain text: refused where it is written, shown escaped.
    assert code == 2 and out == "" and "\x1b" not in err and "Ac\\x1b[2Jme" in err
