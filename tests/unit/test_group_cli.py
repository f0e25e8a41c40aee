"""`shortlist group LINK ...`: the group view from share links, equal to scoring.group's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scoring import Scenario, load_case
from scoring.cli import main
from scoring.group import Participant, group

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
DATA = ["--criteria", str(DEMO / "criteria"), "--vendors", str(DEMO / "vendors")]
LINKS = [
    "w.quality=4&w.price=1&w.licence=1",
    "http://localhost:8501/?w.quality=2&w.price=1&w.licence=1",
    "?w.quality=1&w.price=3&w.licence=0",
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_issue_keys_and_equals_the_library(capsys):
    code, out, err = run(capsys, "group", *DATA, *LINKS, "--names", "A,B,C", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert {"participants", "consensus", "spread", "leader_share", "disagreements_that_matter"} <= (
        data.keys()
    )
    assert [(p["name"], p["leader"]) for p in data["participants"]] == [
        ("A", "acme"),
        ("B", "acme"),
        ("C", "beta"),
    ]
    assert set(data["participants"][0]) == {"name", "weights", "leader"}
    assert data["consensus"]["weights"] == pytest.approx(
        {"quality": 17 / 36, "price": 14 / 36, "licence": 5 / 36}
    )
    assert data["consensus"]["ranking"] == ["acme", "beta"]
    assert set(data["spread"]["price"]) >= {"min", "max", "sd"}
    assert data["leader_share"] == pytest.approx({"acme": 2 / 3, "beta": 1 / 3})
    assert data["disagreements_that_matter"] == ["price"]
    case = load_case(DEMO / "criteria", DEMO / "vendors")
    team = [
        Participant(n, Scenario(weights={"quality": q, "price": p, "licence": li}))
        for n, (q, p, li) in zip("ABC", [(4, 1, 1), (2, 1, 1), (1, 3, 0)], strict=True)
    ]
    assert data == json.loads(json.dumps(group(case, team).to_dict()))


def test_table_says_who_leads_and_which_disagreement_matters(capsys):
    code, out, _ = run(capsys, "group", *DATA, *LINKS, "--names", "Legal,Strategy,Eng")
    assert code == 0
    assert "Acme leads for 2 of 3 participants; Beta leads for 1 of 3 participants." in out
    assert (
        "Disagreements that matter (people's range changes the leader): Price (Acme or Beta; "
        "the leader changes as its share passes 65.6%)." in out
    )
    assert "without changing the leader: Quality, Licence." in out
    assert re.search(r"Price +16\.7% +25\.0% +75\.0% +38\.9% +16\.7% – 75\.0% +25\.8%", out)


def test_geomean_aggregate(capsys):
    out = run(capsys, "group", *DATA, *LINKS, "--aggregate", "geomean", "--format", "json")[1]
    q, p = (1 / 12) ** (1 / 3), (1 / 32) ** (1 / 3)
    assert json.loads(out)["consensus"]["weights"] == pytest.approx(
        {"quality": q / (q + p), "price": p / (q + p), "licence": 0.0}
    )


def test_bad_input_exits_2_with_the_reason(capsys):
    code, _, err = run(capsys, "group", *DATA, *LINKS, "--names", "A,B")
    assert code == 2 and "--names gives 2 names for 3 links" in err
    code, _, err = run(capsys, "group", *DATA, LINKS[0], "m=topsis&w.quality=1", "--names", "A,B")
    assert code == 0 and "B use other settings than the first link" in err
    code, _, err = run(capsys, "group", *DATA, "w.zzz=1&w.quality=1", "--names", "A\x1b[2J")
    assert code == 0 and "\x1b" not in err and "unknown criteria: 'zzz'" in err


def test_markdown_report_has_the_group_view_with_names_escaped(capsys):
    code, out, _ = run(
        capsys, "group", *DATA, *LINKS, "--names", "A|x,<b>B</b>,C", "--format", "md"
    )
    assert code == 0
    assert (
        "- Disagreements that matter (people's range changes the leader): Price (Acme or Beta; "
        "the leader changes as its share passes 65.6%)." in out
    )
    assert "| Criterion | A\\|x | &lt;b&gt;B&lt;/b&gt; | C | Group |" in out
    assert "| Price | 16.7% | 25.0% | 75.0% | 38.9% | 16.7% – 75.0% | 25.8% |" in out
