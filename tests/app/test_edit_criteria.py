"""Add or remove a criterion in the editor (issue 11): an invalid criterion is named and never
reaches the ranking; a valid change, applied, ranks the case under the new criteria."""

from __future__ import annotations

from scoring import Scenario, rank
from scoring.edit_criteria import NOT_SCORED, criteria_grid, edited_criteria
from scoring.edits import apply_edit_state
from tests.app.conftest import expected_ranking, shown_ranking
from tests.app.test_editor import edit_tables

PRICE = {"id": "price", "name": "Price", "weight": "10", "direction": "cost"}


def criteria_row(shipped, cid: str) -> int:
    _, rows = criteria_grid(shipped)
    return [r[0] for r in rows].index(cid)


def test_an_invalid_criterion_is_named_and_never_reaches_the_ranking(shipped, run_app):
    before = shown_ranking(run_app())
    at = edit_tables(run_app, {"criteria": {"added_rows": [PRICE]}})
    [error] = at.error
    assert "1 problem in your edits" in error.value
    assert "Criterion 'Price'" in error.value
    assert "needs a scale" in error.value
    assert shown_ranking(at) == before
    assert not [b for b in at.button if b.key == "editor_apply"]


def test_a_criterion_added_and_one_removed_rank_under_the_new_criteria(shipped, run_app):
    added = {**PRICE, "min": "0", "max": "100"}
    edits = {"added_rows": [added], "deleted_rows": [criteria_row(shipped, "user_data")]}
    at = edit_tables(run_app, {"criteria": edits})
    assert not at.error
    at.button(key="editor_apply").click().run()
    assert not at.exception
    columns, rows = criteria_grid(shipped)
    state = {"edited_rows": {}, **edits}
    expected_case = edited_criteria(shipped, columns, apply_edit_state(rows, columns, state))
    assert [c.id for c in expected_case.leaves][-1] == "price"
    assert "user_data" not in expected_case.by_id
    # Every vendor's price is unknown, said so in its rationale, so it separates no one.
    assert {v.scores["price"].rationale for v in expected_case.vendors} == {NOT_SCORED}
    assert shown_ranking(at) == expected_ranking(rank(expected_case, Scenario()))
    assert at.session_state["w.price"] == 10.0
    assert "w.user_data" not in at.session_state
    assert "o" not in at.query_params  # more than a link can carry: the edited data's own fp
    assert at.query_params["fp"] == expected_case.fingerprint[:8]


def test_a_weight_changed_in_the_criteria_table_moves_its_slider(shipped, run_app):
    row = criteria_row(shipped, "regulatory_readiness")
    at = edit_tables(run_app, {"criteria": {"edited_rows": {row: {"weight": "50"}}}})
    at.button(key="editor_apply").click().run()
    assert at.session_state["w.regulatory_readiness"] == 50.0
    assert at.session_state["w.model_capability"] == 25.0  # the others keep theirs
