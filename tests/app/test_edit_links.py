"""Edits in the share link (issue 11): a link's score overrides rebuild the edited ranking, a
hostile one is named in the link's warning and changes nothing, and an edit too large for a link
says so and offers the files."""

from __future__ import annotations

from scoring import Scenario, rank
from scoring.scenario.link import decode
from tests.app.conftest import expected_ranking, plain, shown_ranking
from tests.app.test_editor import edit, row_of


def test_a_link_with_score_overrides_ranks_the_edited_case(shipped, run_app):
    query = f"m=topsis&o=deepseek.model_quality:10,deepseek.regulatory_readiness:9&fp={shipped.fingerprint[:8]}"
    decoded = decode(query, shipped)
    assert decoded.warnings == [] and decoded.case is not None
    at = run_app(query)
    assert shown_ranking(at) == expected_ranking(rank(decoded.case, Scenario(method="topsis")))
    assert shown_ranking(at) != expected_ranking(rank(shipped, Scenario(method="topsis")))
    assert "Showing your edited case" in " ".join(m.value for m in at.markdown)
    assert at.query_params["o"] == "deepseek.regulatory_readiness:9,deepseek.model_quality:10"
    assert at.query_params["fp"] == shipped.fingerprint[:8]


def test_a_hostile_override_is_named_in_the_links_warning_and_changes_nothing(shipped, run_app):
    at = run_app({"o": "baidu.model_quality:12,<script>:x,z<b>.model_quality:1"})
    [warning] = [plain(w.value) for w in at.warning if w.value.startswith("Link")]
    assert "o: 'baidu.model_quality:12': Model quality: 12 is above the scale maximum 10" in warning
    assert "o: '<script>:x' is not vendor.criterion:value" in warning
    assert "o: 'z<b>.model_quality:1' names an unknown vendor" in warning
    assert shown_ranking(at) == expected_ranking(rank(shipped, Scenario()))
    assert "Showing your edited case" not in " ".join(m.value for m in at.markdown)
    assert "o" not in at.query_params  # the address bar holds the scenario actually shown


def test_an_edit_adding_a_vendor_is_too_large_for_a_link_and_says_so(shipped, run_app):
    new = {"id": "newco", "name": "NewCo"}
    new |= {c.id: (list(c.levels)[0] if c.levels else "5") for c in shipped.leaves}
    at = edit(run_app, {"added_rows": [new]})
    captions = " ".join(c.value for c in at.caption)
    assert "more than a share link can carry" in captions
    assert {"editor_sheet", "editor_zip"} <= {b.key for b in at.get("download_button")}
    at.button(key="editor_apply").click().run()
    assert "o" not in at.query_params
    assert at.query_params["fp"] != shipped.fingerprint[:8]  # the edited data's own


def test_a_changed_score_says_the_link_carries_it(shipped, run_app):
    at = edit(run_app, {"edited_rows": {row_of(shipped, "baidu"): {"model_quality": "9"}}})
    captions = " ".join(c.value for c in at.caption)
    assert "The share link carries your 1 changed score, so it reproduces this ranking" in captions
