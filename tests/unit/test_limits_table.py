"""Limits in one place (issue 12): the README's table is the table in scoring/limits.py, the
modules that enforce a limit read it from there, and the vendor and criteria limits are named in
their messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring import CaseError, limits, load_case, messages, uploads, yamlpos
from scoring.scenario import link, overrides
from scoring.scenario.settings import BY_FIELD
from scoring.tabular import grid

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_table_is_generated_from_the_limits_table():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- limits:start -->\n(.*?)\n<!-- limits:end -->", text, re.S)
    assert block is not None, "README.md has no limits section"
    assert block.group(1) == limits.readme_table()


def test_every_limit_is_named_once_and_positive():
    names = [x.name for x in limits.LIMITS]
    assert len(names) == len(set(names))
    assert all(x.value > 0 and x.what for x in limits.LIMITS)


@pytest.mark.parametrize(
    ("used", "name"),
    [
        (grid.MAX_SHEET_BYTES, "MAX_SHEET_BYTES"),
        (grid.MAX_ROWS, "MAX_ROWS"),
        (grid.MAX_COLUMNS, "MAX_COLUMNS"),
        (grid.MAX_CELLS, "MAX_CELLS"),
        (grid.MAX_CELL_CHARS, "MAX_TEXT_CHARS"),
        (grid.MAX_UNPACKED_BYTES, "MAX_UNPACKED_BYTES"),
        (yamlpos.MAX_FILE_BYTES, "MAX_YAML_BYTES"),
        (yamlpos.MAX_NODES, "MAX_YAML_NODES"),
        (link.MAX_PARAMS, "MAX_PARAMS"),
        (link.MAX_QUERY_CHARS, "MAX_QUERY_CHARS"),
        (uploads.MAX_FILE_BYTES, "MAX_UPLOAD_BYTES"),
        (uploads.MAX_TOTAL_BYTES, "MAX_UPLOAD_TOTAL_BYTES"),
        (messages.MAX_PER_KIND, "MAX_PER_KIND"),
        (overrides.MAX_CHANGES, "MAX_SCORE_OVERRIDES"),
        (BY_FIELD["samples"].low, "MIN_SAMPLES"),
        (BY_FIELD["samples"].high, "MAX_SAMPLES"),
    ],
)
def test_the_enforcing_modules_read_the_table(used, name):
    assert used == limits.BY_NAME[name].value


def _matrix(folder: Path, vendors: int, leaves: int) -> tuple[Path, Path]:
    crit = "\n".join(
        f"  - {{id: c{j}, name: C{j}, weight: 1, scale: {{min: 0, max: 10}}}}"
        for j in range(leaves)
    )
    (folder / "case.yaml").write_text(f"case: {{id: t, name: T}}\ncriteria:\n{crit}\n")
    head = ",".join(["id", "name", *(f"c{j}" for j in range(leaves))])
    rows = [",".join([f"v{i}", f"V {i}", *("5" * leaves)]) for i in range(vendors)]
    (folder / "v.csv").write_text("\n".join([head, *rows]) + "\n")
    return folder / "case.yaml", folder / "v.csv"


def test_a_case_past_the_vendor_limit_is_refused_naming_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_VENDORS", 3)
    load_case(*_matrix(tmp_path, 3, 2))  # at the limit: loads
    with pytest.raises(CaseError) as err:
        load_case(*_matrix(tmp_path, 4, 2))
    (problem,) = err.value.problems
    assert "4 vendors, more than" in str(problem) and "MAX_VENDORS" in str(problem)


def test_a_case_past_the_criteria_limit_is_refused_naming_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CRITERIA", 2)
    load_case(*_matrix(tmp_path, 2, 2))
    with pytest.raises(CaseError) as err:
        load_case(*_matrix(tmp_path, 2, 3))
    assert any("MAX_CRITERIA" in str(p) for p in err.value.problems)
