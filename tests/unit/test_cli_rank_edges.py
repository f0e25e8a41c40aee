"""The command line on edge cases of a ranking: every vendor set aside, unknowns, WPM zeros,
ties, and text that must not reach the terminal raw (split from test_cli.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.unit.test_cli import ACME, BETA, CRITERIA, run


def test_rank_when_every_vendor_is_set_aside(write_case, capsys):
    write_case(vendors={"acme.yaml": ACME.replace("quality: 8", "quality: 1")})
    code, out, err = run(capsys, "rank")
    assert code == 0, err
    assert out.splitlines()[-3:] == [
        "No vendor passes the must-haves; nothing to rank.",
        "Set aside by a must-have:",
        "  Acme: Quality: 1 is below the must-have minimum 4",
    ]


def test_unknowns_flag_scores_unknowns_at_the_midpoint(write_case, capsys):
    unknown = ACME.replace("price: 40", "price: {value: null, rationale: not published}")
    write_case(vendors={"acme.yaml": unknown})
    _, worst, _ = run(capsys, "rank", "--format", "json")
    _, mid, _ = run(capsys, "rank", "--format", "json", "--unknowns", "midpoint")
    # .5 * .8 + .25 * value + .25 * 1, the unknown price's value 0 (worst) or .5 (midpoint)
    assert json.loads(worst)["ranking"][0]["score"] == pytest.approx(0.65)
    assert json.loads(mid)["ranking"][0]["score"] == pytest.approx(0.775)
    assert json.loads(mid)["ranking"][0]["unknowns"] == ["price"]


def test_rank_csv_lists_vendors_set_aside_with_the_reasons(write_case, capsys):
    gamma = ACME.replace("id: acme", "id: gamma").replace("name: Acme", "name: Gamma")
    gamma = gamma.replace("quality: 8", "quality: {value: null, rationale: not disclosed}")
    beta = BETA.replace("quality: 6", "quality: 2")
    write_case(vendors={"acme.yaml": ACME, "beta.yaml": beta, "gamma.yaml": gamma})
    code, out, _ = run(capsys, "rank", "--format", "csv")
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [
        ["rank", "vendor", "name", "score", "gap", "unknowns", "set_aside"],
        ["1", "acme", "Acme", "0.8", "0.0", "", ""],
        ["", "beta", "Beta", "", "", "", "Quality: 2 is below the must-have minimum 4"],
        [
            "",
            "gamma",
            "Gamma",
            "",
            "",
            "quality",
            "Quality: value unknown, cannot confirm the must-have minimum 4",
        ],
    ]
    _, out, _ = run(capsys, "rank", "--format", "json")
    assert json.loads(out)["excluded"][1]["unknowns"] == ["quality"]
    aside = "Gamma: Quality: value unknown, cannot confirm the must-have minimum 4 (unknown values: quality)"
    _, out, _ = run(capsys, "rank")
    assert f"  {aside}" in out.splitlines()
    _, out, _ = run(capsys, "rank", "--format", "markdown")
    assert out.splitlines()[-1] == f"- {aside}"


def test_every_format_flags_unknowns_and_says_how_they_were_scored(write_case, capsys):
    unknown = ACME.replace("price: 40", "price: {value: null, rationale: not published}")
    write_case(vendors={"acme.yaml": unknown, "beta.yaml": BETA})
    note = "Unknown values are scored at the worst end of their scale (conservative)"
    _, table, _ = run(capsys, "rank")
    assert table.splitlines()[2].split()[-1] == "Price" and note in table
    _, markdown, _ = run(capsys, "rank", "--format", "markdown")
    assert "| Price |" in markdown and note in markdown  # names for people; ids in JSON/CSV
    _, text, _ = run(capsys, "rank", "--format", "json")
    data = json.loads(text)
    assert data["ranking"][0]["unknowns"] == ["price"]
    assert data["unknowns_scored_at"] == "worst" and data["notes"][0].startswith(note)
    _, text, _ = run(capsys, "rank", "--format", "csv")
    assert list(csv.DictReader(io.StringIO(text)))[0]["unknowns"] == "price"


def test_a_wpm_zero_score_is_explained_in_every_format(write_case, capsys):
    # Beta's licence is `closed` (0): under WPM one weighted zero makes the product 0.
    write_case(vendors={"acme.yaml": ACME, "beta.yaml": BETA})
    note = (
        "Beta scores 0: its value on Licence (closed) normalises to 0, and a weighted product is "
        "0 when any weighted value is 0 (WPM's veto)."
    )
    _, table, _ = run(capsys, "rank", "--method", "wpm")
    assert table.splitlines()[3].split()[:3] == ["2", "Beta", "0.000"]
    lines = table.splitlines()
    assert note in lines and lines[lines.index(note) + 2] == "In brief:"  # then the brief
    _, markdown, _ = run(capsys, "rank", "--method", "wpm", "--format", "markdown")
    assert markdown.splitlines()[-1] == note
    _, text, _ = run(capsys, "rank", "--method", "wpm", "--format", "json")
    data = json.loads(text)
    assert [r["vetoed_by"] for r in data["ranking"]] == [[], ["licence"]]
    assert data["notes"] == [note]
    _, text, _ = run(capsys, "rank", "--format", "json")  # WSM: a zero is only a low value
    assert json.loads(text)["notes"] == []


def test_control_characters_in_the_case_name_do_not_reach_the_terminal(write_case, capsys):
    """A name is one line of plain text: an escape sequence is refused where it is written, and
    the message shows it escaped, so the terminal does not clear the screen."""
    write_case(CRITERIA.replace("name: Demo case", 'name: "Demo\\e[2J case"'))
    code, out, err = run(capsys, "rank")
    assert code == 2 and out == "" and "\x1b" not in err
    assert err.splitlines()[0] == (
        "criteria/case.yaml:1:18: case.name: holds a control character ('Demo\\x1b[2J case'); "
        "text may not contain control characters (only line breaks and tabs in descriptions, "
        "rationales and summaries)"
    )


def test_tied_vendors_share_a_rank_and_are_listed_by_name(write_case, capsys):
    twin = BETA.replace("id: beta", "id: zed").replace("name: Beta", "name: zed")
    low = BETA.replace("id: beta", "id: low").replace("quality: 6", "quality: 5")
    write_case(vendors={"zed.yaml": twin, "beta.yaml": BETA, "low.yaml": low, "acme.yaml": ACME})
    for _ in range(2):  # the same order every time
        _, out, _ = run(capsys, "rank", "--format", "json")
        ranking = json.loads(out)["ranking"]
        assert [(r["rank"], r["vendor"]) for r in ranking] == [
            (1, "acme"),
            (2, "beta"),
            (2, "zed"),
            (4, "low"),
        ]
