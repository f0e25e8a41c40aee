"""Scoring rubrics: a criterion may say what earns each score; the evidence table and the vendor
detail show it, lowest score first (issue 11)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from scoring import load_case, rank
from scoring.cli import main
from scoring.model import Criterion
from scoring.present.facts import evidence_rows, rubric_text
from scoring.present.tables import evidence_table


def test_a_rubric_reads_lowest_score_first_numbers_or_levels():
    c = Criterion(id="x", name="X", scale={"min": 0, "max": 10},
                  rubric={10: "all", 0: "none", 5: "some"})  # fmt: skip
    assert rubric_text(c) == "0: none; 5: some; 10: all"
    lv = Criterion(id="s", name="S", levels={"email": 0, "round_the_clock": 10, "office": 6},
                   rubric={"round_the_clock": "24/7 phone", "email": "tickets only"})  # fmt: skip
    assert rubric_text(lv) == "email: tickets only; round_the_clock: 24/7 phone"
    assert rubric_text(Criterion(id="y", name="Y", scale={"min": 0, "max": 1})) == ""


def test_a_rubric_entry_must_be_text():
    with pytest.raises(ValidationError):
        Criterion(id="x", name="X", scale={"min": 0, "max": 10}, rubric={0: ["a list"]})


def test_the_evidence_table_gains_a_rubric_column_only_when_a_criterion_has_one(tmp_path):
    assert main(["init", str(tmp_path / "c")]) == 0
    case = load_case(tmp_path / "c" / "criteria", tmp_path / "c" / "vendors")
    rows = [r for r in evidence_rows(case, rank(case)) if r.vendor == "alpha-crm"]
    table = evidence_table(rows, "Alpha CRM")
    assert [c.key for c in table.columns][-1] == "rubric"
    by_criterion = {row[0]: row[-1] for row in table.rows}
    assert by_criterion["Integrations"] == (
        "0: connects to none of our tools; 5: connects to email and calendar; "
        "10: connects to every tool we use"
    )
    assert by_criterion["Ease of use"] == ""
