"""Matrix sheets (one row per vendor, one column per criterion) read like the YAML files and the
long sheet: the same vendors, one fingerprint for the three formats, lossless round trips on
the shipped case, every problem at its cell (issue 11)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from scoring import Scenario, load_case, rank
from scoring.tabular.matrix import _parts, source_text
from scoring.tabular.write import matrix_rows, sheet_rows, vendor_yaml, write_sheet
from tests.unit.tabular.support import CRITERIA, problems, run


@pytest.fixture
def matrix(case):
    """The shipped case as a matrix: (header, rows), fresh for each test to edit."""
    return matrix_rows(case.vendors, [c.id for c in case.leaves])


def cell(header: list[str], rows: list, vendor: str, column: str) -> tuple[int, int]:
    """(index into rows, index into the row) of one cell; its sheet row is index + 2."""
    r = next(i for i, row in enumerate(rows) if row[0] == vendor)
    return r, header.index(column)


def letter(index: int) -> str:
    from scoring.tabular.grid import letter as to_letter

    return to_letter(index + 1)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_matrix_loads_the_same_vendors_ranking_and_fingerprint(case, matrix, here, suffix):
    header, rows = matrix
    write_sheet(rows, here / f"suppliers{suffix}", header)
    loaded = load_case(CRITERIA, f"suppliers{suffix}")
    assert loaded.vendors == case.vendors
    assert (
        rank(loaded, Scenario(method="topsis")).rows()
        == rank(case, Scenario(method="topsis")).rows()
    )
    write_sheet(sheet_rows(case.vendors, [c.id for c in case.leaves]), here / f"long{suffix}")
    # The three formats give one fingerprint: a share link made on one fits the others.
    assert (
        loaded.fingerprint == case.fingerprint == load_case(CRITERIA, f"long{suffix}").fingerprint
    )


def test_yaml_to_matrix_xlsx_to_yaml_is_lossless_on_the_shipped_case(case, matrix, here):
    header, rows = matrix
    write_sheet(rows, here / "m.xlsx", header)
    (here / "back").mkdir()
    for vendor in load_case(CRITERIA, "m.xlsx").vendors:
        (here / "back" / f"{vendor.id}.yaml").write_text(vendor_yaml(vendor), encoding="utf-8")
    again = load_case(CRITERIA, "back")
    assert again.vendors == case.vendors
    assert [vendor_yaml(v) for v in again.vendors] == [vendor_yaml(v) for v in case.vendors]


def test_matrix_csv_to_yaml_to_matrix_csv_is_lossless_on_the_shipped_case(matrix, here):
    header, rows = matrix
    write_sheet(rows, here / "m.csv", header)
    (here / "yaml").mkdir()
    for vendor in load_case(CRITERIA, "m.csv").vendors:
        (here / "yaml" / f"{vendor.id}.yaml").write_text(vendor_yaml(vendor), encoding="utf-8")
    from_yaml = load_case(CRITERIA, "yaml")
    header2, rows2 = matrix_rows(from_yaml.vendors, [c.id for c in from_yaml.leaves])
    write_sheet(rows2, here / "again.csv", header2)
    assert (here / "again.csv").read_bytes() == (here / "m.csv").read_bytes()


def test_the_cli_ranks_a_matrix_and_exports_one(capsys, case, here):
    code, out, _ = run(capsys, "export-scores", "--criteria", str(CRITERIA), "--vendors",
                       str(CRITERIA.parents[1] / "vendors"), "--layout", "matrix",
                       "-o", "suppliers.xlsx")  # fmt: skip
    assert code == 0 and "5 vendors" in out
    assert openpyxl.load_workbook(here / "suppliers.xlsx").active["A1"].value == "id"
    code, out, _ = run(capsys, "rank", "--criteria", str(CRITERIA), "--vendors", "suppliers.xlsx")
    assert code == 0 and out.index("Alibaba") < out.index("Tencent")


# --- located problems --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_problem_in_a_matrix_is_at_its_cell(matrix, here, suffix):
    header, rows = matrix
    edits = {
        ("baidu", "model_quality"): 12,  # above the scale
        ("baidu", "model_quality_low"): None,  # so the range has only a high end
        ("baidu", "model_quality_high"): None,
        ("tencent", "user_data"): None,  # unknown, but no rationale
        ("tencent", "user_data_rationale"): None,
        ("tencent", "user_data_source"): None,
        ("tencent", "user_data_low"): None,
        ("tencent", "user_data_high"): None,
        ("alibaba", "open_source"): "closed_as_a_vault",  # not a level
        ("deepseek", "name"): None,
        ("bytedance", "cloud_delivery_source"): "Some report | ftp://x.org | 2024",
    }
    for (vendor, column), value in edits.items():
        r, c = cell(header, rows, vendor, column)
        rows[r][c] = value
    r, c = cell(header, rows, "baidu", "model_quality_high")
    rows[r][c] = 9  # a high without a low
    write_sheet(rows, here / f"m{suffix}", header)

    def at(vendor: str, column: str) -> str:
        r, c = cell(header, rows, vendor, column)
        return f"m.csv:{r + 2}" if suffix == ".csv" else f"m.xlsx:Scores!{letter(c)}{r + 2}"

    found = problems(f"m{suffix}")
    expected = {
        f"{at('alibaba', 'open_source')}: open_source: 'closed_as_a_vault' is not a level of "
        "'open_source'; use one of: closed, restricted_open_weights, open_weights, "
        "permissive_open_weights",
        f"{at('baidu', 'model_quality')}: model_quality: 12 is above the scale maximum 10",
        f"{at('baidu', 'model_quality_high')}: model_quality_high: model_quality_high is given "
        "but model_quality_low is empty; give both, or neither",
        f"{at('bytedance', 'cloud_delivery_source')}: cloud_delivery_source: 'ftp://x.org' is "
        "not a web address: write it with http:// or https://",
        f"{at('deepseek', 'name')}: name: empty; give vendor 'deepseek' a name",
        f"{at('tencent', 'user_data')}: user_data: vendor 'tencent' has no score for criterion "
        "'user_data'; fill in its cell, or leave it empty and say why in its _rationale column",
    }
    assert set(found) == expected


def test_a_matrix_header_is_checked_once_against_the_criteria(matrix, here):
    header, rows = matrix
    header = [("model_qualty" if h == "model_quality" else h) for h in header]
    write_sheet(rows, here / "m.csv", header)
    # Once, at the header, not once per vendor; `open_source` is a criterion, not a companion.
    assert problems("m.csv") == [
        "m.csv:1: no column for criterion 'model_quality'; add one, with a value for every "
        "vendor (an empty cell with a reason in model_quality_rationale means unknown)",
        "m.csv:1: unknown column 'model_qualty'; did you mean 'model_quality'?",
    ]


def test_an_unknown_value_with_its_rationale_is_read_as_unknown(matrix, here):
    header, rows = matrix
    r, c = cell(header, rows, "deepseek", "user_data")
    assert rows[r][c] is None  # the shipped case has an unknown here: empty cell, rationale beside
    write_sheet(rows, here / "m.csv", header)
    score = load_case(CRITERIA, "m.csv").vendor_by_id["deepseek"].scores["user_data"]
    assert score.value is None and score.rationale


@pytest.mark.parametrize(
    ("title", "url", "date"),
    [
        ("A report", None, None),
        ("A report", "https://x.org", None),
        ("A report", None, "2025-02"),
        ("A report", "https://x.org", dt.date(2024, 9, 19)),
        ("A | B report", None, None),
        ("A | B report", "https://x.org", "2024"),
    ],
)
def test_a_source_line_reads_back_as_written(title, url, date):
    line = source_text(title, url, date)
    expected_date = date.isoformat() if isinstance(date, dt.date) else (date or "")
    assert _parts(line) == (title, url or "", expected_date)


# --- criteria from a sheet ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_criteria_from_a_sheet_give_the_same_tree_and_ranking(case, here, suffix):
    from scoring.tabular.write import criteria_rows

    header, rows = criteria_rows(case.criteria)
    write_sheet(rows, here / f"ai-partner{suffix}", header)
    vendors = CRITERIA.parents[1] / "vendors"
    loaded = load_case(f"ai-partner{suffix}", vendors)
    assert loaded.criteria == case.criteria  # groups, weights, scales, levels, must-haves
    assert loaded.info.id == "ai-partner"  # the case is named after the file
    assert rank(loaded).rows() == rank(case).rows()


def test_criteria_sheet_problems_are_at_their_cells(case, here):
    from scoring.tabular.write import criteria_rows

    header, rows = criteria_rows(case.criteria)
    col = {h: i for i, h in enumerate(header)}
    rows[0][col["max"]] = None  # regulatory_readiness: a scale with only a min
    rows[1][col["parent"]] = "nowhere"  # model_capability's parent does not exist
    rows[2][col["weight"]] = -3  # model_quality
    levels_row = next(i for i, r in enumerate(rows) if r[col["levels"]])
    rows[levels_row][col["levels"]] = "closed: 0; open weights"
    write_sheet(rows, here / "c.xlsx", header)
    found = problems_with(here / "c.xlsx")
    assert "c.xlsx:Scores!C3: parent: no criterion with id 'nowhere' in this sheet" in found
    assert any(p.startswith("c.xlsx:Scores!D4: weight: -3 is not allowed") for p in found)
    assert any(
        p.startswith(f"c.xlsx:Scores!H{levels_row + 2}: levels: 'open weights' is not")
        for p in found
    )
    assert "c.xlsx:Scores!G2: max: is required but missing" in found


def problems_with(criteria) -> list[str]:
    from scoring import CaseError

    with pytest.raises(CaseError) as err:
        load_case(criteria, CRITERIA.parents[1] / "vendors")
    return [str(p) for p in err.value.problems]


def test_the_shipped_example_sheets_hold_the_shipped_vendors(case):
    # The upload panel offers both as templates; they must not drift from the YAML files.
    examples = CRITERIA.parents[1] / "examples"
    for name in ("scores.csv", "suppliers.csv"):
        loaded = load_case(CRITERIA, examples / name)
        assert loaded.vendors == case.vendors and loaded.fingerprint == case.fingerprint, name
