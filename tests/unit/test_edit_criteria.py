"""The editor's criteria table: the same rules as a criteria file, what the sheet has no column
for kept by id, and the vendors fitted to the new criteria (issue 11)."""

from __future__ import annotations

import pytest

from scoring import CaseError, load_case
from scoring.edit_criteria import NOT_SCORED, criteria_grid, edited_criteria
from tests.unit.tabular.support import ROOT

CASE = load_case(ROOT / "criteria", ROOT / "vendors")


def table():
    columns, rows = criteria_grid(CASE)
    return columns, [list(r) for r in rows]


def test_the_unedited_table_gives_back_the_same_case():
    columns, rows = table()
    edited = edited_criteria(CASE, columns, rows)
    assert edited.criteria == CASE.criteria  # rubrics and preferences kept by id
    assert edited.fingerprint == CASE.fingerprint


def test_a_removed_criterion_takes_its_scores_and_a_new_one_starts_unknown():
    columns, rows = table()
    rows = [r for r in rows if r[0] != "partner_conflict"]
    rows.append(["speed", "Speed", "", "5", "benefit", "0", "10", "", "", "", ""])
    edited = edited_criteria(CASE, columns, rows)
    for v in edited.vendors:
        assert "partner_conflict" not in v.scores
        assert v.scores["speed"].value is None and v.scores["speed"].rationale == NOT_SCORED
        assert v.scores["model_quality"] == CASE.vendor_by_id[v.id].scores["model_quality"]
    assert edited.fingerprint != CASE.fingerprint


def test_removing_a_group_names_each_child_left_without_its_parent():
    columns, rows = table()
    rows = [r for r in rows if r[0] != "model_capability"]
    with pytest.raises(CaseError) as exc:
        edited_criteria(CASE, columns, rows)
    assert [str(p) for p in exc.value.problems] == [
        "Criterion 'Model quality': parent: no criterion with id 'model_capability' in this sheet",
        "Criterion 'Multimodal and on-device models': parent: no criterion with id "
        "'model_capability' in this sheet",
    ]


def test_a_new_criterions_placeholder_goes_once_a_score_is_given():
    from scoring.edits import edited_case, score_grid

    columns, rows = table()
    rows.append(["speed", "Speed", "", "5", "benefit", "0", "10", "", "", "", ""])
    added = edited_criteria(CASE, columns, rows)
    columns, rows = score_grid(added)
    rows[0][columns.index("speed")] = "7"
    scored = edited_case(added, columns, rows)
    first, second = scored.vendors[0], scored.vendors[1]
    assert (first.scores["speed"].value, first.scores["speed"].rationale) == (7, "")
    assert second.scores["speed"].rationale == NOT_SCORED  # still unknown, still said so
