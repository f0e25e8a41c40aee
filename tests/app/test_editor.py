"""Edit scores in the app: an invalid edit shows its message and leaves the ranking as it was; a
valid edit, applied, re-ranks and changes the link; vendors can be added and removed; the edited
case downloads as a sheet and as YAML files (issue 11)."""

from __future__ import annotations

import io
import zipfile

from scoring import Scenario, rank
from scoring.edits import score_grid
from tests.app.conftest import shown_ranking

EDITOR = "_score_editor.0"


def edit(run_app, edits: dict):
    at = run_app({"tab": "Edit scores"})
    at.session_state[EDITOR] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **edits}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def row_of(shipped, vendor: str) -> int:
    _, rows = score_grid(shipped)
    return [r[0] for r in rows].index(vendor)


def test_an_invalid_edit_is_named_and_never_reaches_the_ranking(shipped, run_app):
    before = shown_ranking(run_app())
    at = edit(run_app, {"edited_rows": {row_of(shipped, "baidu"): {"model_quality": "12"}}})
    [error] = at.error
    assert "1 problem in your edits" in error.value
    assert "Baidu (ERNIE): Model quality: 12 is above the scale maximum 10" in error.value
    assert shown_ranking(at) == before
    assert not [b for b in at.button if b.key == "editor_apply"]


def test_a_valid_edit_applied_reranks_and_changes_the_link(shipped, run_app):
    # Tencent's every score at the top of its scale: hand-checked, it then leads.
    _, rows = score_grid(shipped)
    columns = [c.id for c in shipped.leaves]
    best = {c.id: (list(c.levels)[-1] if c.levels else f"{c.bounds[1]:g}") for c in shipped.leaves}
    at = edit(run_app, {"edited_rows": {row_of(shipped, "tencent"): best}})
    assert not at.error
    fp = at.query_params["fp"]
    assert "o" not in at.query_params
    at.button(key="editor_apply").click().run()
    assert not at.exception
    edited = shown_ranking(at)
    assert edited[0][0] == "tencent"
    # The link names the data the edit started from, and carries the changed scores.
    assert at.query_params["fp"] == fp
    changed = at.query_params["o"].split(",")
    assert changed and all(c.startswith("tencent.") for c in changed)
    assert "Showing your edited case" in " ".join(m.value for m in at.markdown)
    assert len(columns) == 8 and rows
    # Opening that link in a new session reproduces the edited ranking exactly.
    opened = run_app({k: at.query_params[k] for k in at.query_params})
    assert shown_ranking(opened) == edited
    assert not [w for w in opened.warning if w.value.startswith("Link")]
    assert "Showing your edited case" in " ".join(m.value for m in opened.markdown)


def test_a_vendor_can_be_added_and_one_removed(shipped, run_app):
    new = {"id": "newco", "name": "NewCo"}
    new |= {c.id: (list(c.levels)[0] if c.levels else "5") for c in shipped.leaves}
    at = edit(run_app, {"added_rows": [new], "deleted_rows": [row_of(shipped, "deepseek")]})
    assert not at.error
    at.button(key="editor_apply").click().run()
    ranked = [vid for vid, _, _ in shown_ranking(at)]
    assert "newco" in ranked and "deepseek" not in ranked and len(ranked) == 5


def test_a_new_vendor_missing_a_score_is_told_which(shipped, run_app):
    at = edit(run_app, {"added_rows": [{"id": "newco", "name": "NewCo"}]})
    [error] = at.error
    assert "NewCo: Regulatory readiness: vendor 'newco' has no score for criterion" in error.value


def test_the_edited_case_downloads_as_a_sheet_and_as_yaml_files(shipped, run_app):
    at = edit(run_app, {"edited_rows": {row_of(shipped, "baidu"): {"model_quality": "8"}}})
    keys = {b.key for b in at.get("download_button")}
    assert {"editor_sheet", "editor_zip"} <= keys
    from scoring.edits import edited_case, yaml_zip

    columns, rows = score_grid(shipped)
    rows[row_of(shipped, "baidu")][columns.index("model_quality")] = "8"
    case = edited_case(shipped, columns, rows)
    names = zipfile.ZipFile(io.BytesIO(yaml_zip(case))).namelist()
    assert sorted(names) == sorted(f"vendors/{v.id}.yaml" for v in shipped.vendors)
    assert case.vendor_by_id["baidu"].scores["model_quality"].value == 8
    # Everything else as it was: ranges, rationales, sources.
    assert case.vendor_by_id["alibaba"] == shipped.vendor_by_id["alibaba"]
    assert rank(case, Scenario()).rows() != rank(shipped, Scenario()).rows()


def edit_tables(run_app, tables: dict[str, dict]):
    """Edit several of the editor's tables at once: {"score"|"range"|"evidence": edit state}."""
    at = run_app({"tab": "Edit scores"})
    for table, edits in tables.items():
        state = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **edits}
        at.session_state[f"_{table}_editor.0"] = state
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def evidence_row(shipped, vendor: str, criterion: str) -> int:
    from scoring.edits import evidence_keys

    keys = [(v.id, c.id) for v, c in evidence_keys(shipped)]
    return keys.index((vendor, criterion))


def test_an_invalid_range_or_source_is_named_and_never_reaches_the_ranking(shipped, run_app):
    before = shown_ranking(run_app())
    bad_range = {row_of(shipped, "baidu"): {"model_quality_low": "9", "model_quality_high": "3"}}
    bad_source = {evidence_row(shipped, "alibaba", "model_quality"): {"sources": "X | ftp://x"}}
    at = edit_tables(
        run_app, {"range": {"edited_rows": bad_range}, "evidence": {"edited_rows": bad_source}}
    )
    [error] = at.error
    assert "2 problems in your edits" in error.value
    assert (
        "Baidu (ERNIE): Model quality (low end of its range): low 9 is above high 3" in error.value
    )
    assert "Alibaba (Qwen): Model quality (sources): 'ftp://x' is not a web address" in error.value
    assert shown_ranking(at) == before
    assert not [b for b in at.button if b.key == "editor_apply"]


def test_ranges_rationale_and_sources_edited_are_the_ranked_case(shipped, run_app):
    ranges = {row_of(shipped, "baidu"): {"model_quality_low": "5", "model_quality_high": "9"}}
    text = {
        evidence_row(shipped, "baidu", "model_quality"): {
            "rationale": "Checked again.",
            "sources": "Benchmark | https://example.org/b | 2026-11",
        }
    }
    at = edit_tables(run_app, {"range": {"edited_rows": ranges}, "evidence": {"edited_rows": text}})
    assert not at.error
    at.button(key="editor_apply").click().run()
    assert not at.exception
    from ui import data

    case = at.session_state[data.UPLOADED_KEY]
    score = case.vendor_by_id["baidu"].scores["model_quality"]
    assert (score.range, score.rationale) == ((5, 9), "Checked again.")
    assert [(s.title, str(s.url), s.date) for s in score.sources] == [
        ("Benchmark", "https://example.org/b", "2026-11")
    ]
    # The ranges table now starts from the edited case.
    from scoring.edits import range_grid

    columns, rows = range_grid(case)
    assert rows[row_of(shipped, "baidu")][columns.index("model_quality_low")] == "5"


def test_an_untouched_editor_neither_revalidates_nor_builds_its_downloads(run_app, monkeypatch):
    # At 2,000 vendors re-validating the case costs 5 s and the YAML zip 28 s of CPU: neither
    # may run on a rerun where nothing was edited, nor before a download is clicked.
    import ui.tabs.editor as editor

    def boom(*args, **kwargs):
        raise AssertionError("called on a rerun that needs it not")

    for name in ("edited_case", "yaml_zip", "sheet_bytes"):
        monkeypatch.setattr(editor, name, boom)
    at = run_app({"tab": "Edit scores"})
    assert not at.exception, [e.value for e in at.exception]
    assert {"editor_sheet", "editor_zip", "editor_criteria_sheet"} <= {
        b.key for b in at.get("download_button")
    }
