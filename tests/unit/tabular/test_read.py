"""Score sheets (CSV, XLSX) read like the YAML files: the same vendors and ranking, every problem
located at the row (CSV) or cell (XLSX) a spreadsheet user sees, hostile input bounded."""

from __future__ import annotations

import csv
import re
import zipfile

import openpyxl
import pytest

from scoring import Scenario, load_case, rank
from scoring.model import Score
from scoring.tabular import grid
from scoring.tabular.write import write_sheet
from tests.unit.tabular.support import COL, CRITERIA, LETTER, problems, score_rows

# --- happy paths -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_sheet_loads_the_same_vendors_and_ranking_as_the_yaml_files(case, rows, here, suffix):
    write_sheet(rows, here / f"scores{suffix}")
    from_sheet = load_case(CRITERIA, f"scores{suffix}")
    assert from_sheet.vendors == case.vendors
    assert [v.id for v in from_sheet.vendors] == [
        "alibaba",
        "baidu",
        "bytedance",
        "deepseek",
        "tencent",
    ]
    for scenario in (Scenario(), Scenario(method="topsis", weights={"regulatory_readiness": 40})):
        assert rank(from_sheet, scenario).rows() == rank(case, scenario).rows()
    assert from_sheet.files[1:] == (f"scores{suffix}",)


def test_the_fingerprint_covers_the_sheet(rows, here):
    write_sheet(rows, here / "scores.csv")
    before = load_case(CRITERIA, "scores.csv").fingerprint
    rows[0][COL["vendor_name"]] = "Alibaba Group"  # one cell of the vendor row
    for r in rows:
        if r[COL["vendor_id"]] == "alibaba":
            r[COL["vendor_name"]] = "Alibaba Group"
    write_sheet(rows, here / "scores.csv")
    after = load_case(CRITERIA, "scores.csv")
    assert after.vendor_by_id["alibaba"].name == "Alibaba Group"
    assert after.fingerprint != before


def test_utf8_with_and_without_bom_read_the_same(case, rows, here):
    write_sheet(rows, here / "bom.csv")
    raw = (here / "bom.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # written with a BOM, so Excel reads it as UTF-8
    (here / "plain.csv").write_bytes(raw[3:])
    assert (
        load_case(CRITERIA, "bom.csv").vendors
        == load_case(CRITERIA, "plain.csv").vendors
        == case.vendors
    )


def test_a_semicolon_separated_csv_with_commas_and_semicolons_in_text_reads_the_same(
    case, rows, here
):
    i = score_rows(rows, "baidu", "model_quality")
    for j in i:
        rows[j][COL["rationale"]] = 'Strong, but; uneven "in places", and\non two lines'
    write_sheet(rows, here / "comma.csv")
    expected = load_case(CRITERIA, "comma.csv")
    assert expected.vendor_by_id["baidu"].scores["model_quality"].rationale == (
        'Strong, but; uneven "in places", and\non two lines'
    )
    with open(here / "comma.csv", encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))
    with open(here / "semi.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(records)
    assert load_case(CRITERIA, "semi.csv").vendors == expected.vendors


def test_several_sources_take_several_rows_and_repeated_fields_may_be_left_empty(case, rows, here):
    i = score_rows(rows, "deepseek", "model_quality")
    assert len(i) == 2  # two sources, two rows
    for column in ("value", "low", "high", "rationale"):
        rows[i[1]][COL[column]] = None  # the second row only adds its source
    write_sheet(rows, here / "scores.csv")
    score = load_case(CRITERIA, "scores.csv").vendor_by_id["deepseek"].scores["model_quality"]
    assert score == case.vendor_by_id["deepseek"].scores["model_quality"]
    assert [s.title for s in score.sources] == [
        "DeepSeek-V3 release",
        "DeepSeek-R1 release, MIT licence",
    ]


def test_header_names_ignore_case_and_spaces_and_optional_columns_may_be_left_out(here):
    (here / "scores.csv").write_text(
        "Vendor ID,Vendor Name,Criterion,Value,Rationale\n"
        + "".join(
            f"acme,Acme,{c},5,\n"
            for c in (
                "regulatory_readiness",
                "model_quality",
                "multimodal_on_device",
                "cloud_delivery",
                "execution_track_record",
                "partner_conflict",
            )
        )
        + "acme,Acme,user_data,,Not public.\n"
        + "acme,Acme,open_source,permissive_open_weights,\n",
        encoding="utf-8",
    )
    acme = load_case(CRITERIA, "scores.csv").vendor_by_id["acme"]
    assert acme.scores["model_quality"] == Score(value=5)
    assert acme.scores["user_data"] == Score(value=None, rationale="Not public.")
    assert acme.scores["open_source"].value == "permissive_open_weights"


# --- located problems --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_value_above_the_scale_is_located_at_its_row_or_cell(rows, here, suffix):
    i = score_rows(rows, "baidu", "model_quality")
    for j in i:
        rows[j][COL["value"]] = 12
    write_sheet(rows, here / f"scores{suffix}")
    where = f"scores.csv:{i[0] + 2}" if suffix == ".csv" else f"scores.xlsx:Scores!D{i[0] + 2}"
    assert problems(f"scores{suffix}") == [f"{where}: value: 12 is above the scale maximum 10"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_problem_is_reported_at_once_each_at_its_cell(rows, here, suffix):
    quality = score_rows(rows, "baidu", "model_quality")
    for j in quality:
        rows[j][COL["criterion"]] = "model_qualty"
    for j in score_rows(rows, "tencent", "open_source"):
        rows[j][COL["value"]] = "open"
    cloud = score_rows(rows, "alibaba", "cloud_delivery")
    for j in cloud:
        rows[j][COL["low"]], rows[j][COL["high"]] = 9, 7
    data = score_rows(rows, "deepseek", "user_data")
    for j in data:
        rows[j][COL["rationale"]] = None
    conflict = score_rows(rows, "deepseek", "regulatory_readiness")
    assert len(conflict) == 2 and rows[conflict[0]][COL["value"]] == 6
    rows[conflict[-1]][COL["value"]] = 1  # a later row of the same score disagrees
    baidu_first = next(i for i, r in enumerate(rows) if r[COL["vendor_id"]] == "baidu")
    write_sheet(rows, here / f"scores{suffix}")

    def at(i: int, column: str) -> str:
        if suffix == ".csv":
            return f"scores.csv:{i + 2}: {column}:"
        return f"scores.xlsx:Scores!{LETTER[column]}{i + 2}: {column}:"

    found = problems(f"scores{suffix}")
    expected = [
        f"{at(quality[0], 'criterion')} unknown criterion 'model_qualty'; did you mean 'model_quality'?",
        f"{at(baidu_first, 'vendor_id')} vendor 'baidu' has no score for criterion 'model_quality'; "
        "add a row for it with a value, or with an empty value and a rationale if it is unknown",
        f"{at(cloud[0], 'low')} low 9 is above high 7; swap them",
        f"{at(data[0], 'criterion')} an empty value (unknown) must carry a rationale saying why",
        f"{at(conflict[-1], 'value')} 1 differs from 6 in row {conflict[0] + 2}; every "
        "row of score deepseek/regulatory_readiness must repeat the same value or leave it empty",
    ]
    for line in expected:
        assert line in found
    (level,) = [p for p in found if "'open'" in p]
    assert level.startswith(at(score_rows(rows, "tencent", "open_source")[0], "value"))
    assert "is not a level of 'open_source'; use one of: " in level
    assert len(found) == 6


def test_a_missing_required_column_is_named(rows, here):
    write_sheet(rows, here / "scores.csv")
    with open(here / "scores.csv", encoding="utf-8-sig", newline="") as f:
        records = [r[:3] + r[4:] for r in csv.reader(f)]  # drop `value`
    with open(here / "scores.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(records)
    (message,) = problems("scores.csv")
    assert message.startswith("scores.csv:1: missing required column 'value'; the first row names")


def test_an_unknown_column_gets_a_did_you_mean(here):
    (here / "scores.csv").write_text("vendor_id,criterion,value,rationle\n", encoding="utf-8")
    assert problems("scores.csv") == [
        "scores.csv:1: unknown column 'rationle'; did you mean 'rationale'?"
    ]


def test_rows_without_a_vendor_half_a_range_or_a_bad_date_are_located(rows, here):
    i = score_rows(rows, "alibaba", "model_quality")[0]
    rows[i][COL["vendor_id"]] = None
    j = score_rows(rows, "baidu", "cloud_delivery")
    for k in j:
        rows[k][COL["high"]] = None
    d = score_rows(rows, "tencent", "model_quality")[0]
    rows[d][COL["source_date"]] = "2025-02-30"
    write_sheet(rows, here / "scores.csv")
    found = problems("scores.csv")
    assert f"scores.csv:{i + 2}: vendor_id: empty; every row names its vendor" in found
    assert (
        f"scores.csv:{j[0] + 2}: low: low is given but high is empty; give both, or neither"
        in found
    )
    assert f"scores.csv:{d + 2}: source_date: 2025-02-30 is not a valid date" in found


def test_a_score_on_a_row_without_criterion_is_reported(rows, here):
    rows[0][COL["value"]] = 5  # alibaba's vendor row (summary, first link)
    write_sheet(rows, here / "scores.csv")
    assert problems("scores.csv") == [
        "scores.csv:2: criterion: this row has a value but no criterion; name the criterion it "
        "scores (a row without one describes the vendor: name, summary, a link)"
    ]


def test_an_xlsx_formula_gives_its_saved_value_and_one_without_is_reported(rows, here):
    i = score_rows(rows, "baidu", "model_quality")
    write_sheet(rows, here / "scores.xlsx")
    wb = openpyxl.load_workbook(here / "scores.xlsx")
    for j in i:
        wb["Scores"][f"D{j + 2}"] = "=3+4"  # openpyxl saves formulas without a result
    wb.save(here / "scores.xlsx")
    assert problems("scores.xlsx") == [
        f"scores.xlsx:Scores!D{j + 2}: value: a formula with no saved result (the file was written "
        "by a program that does not calculate); open and save it in Excel, or type the value"
        for j in i
    ]
    # As Excel saves it: the formula with its result; the result is read, the formula never run.
    with zipfile.ZipFile(here / "scores.xlsx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, n = re.subn(r"<f>3\+4</f><v\s*/?>(</v>)?", "<f>3+4</f><v>7</v>", sheet)
    assert n == len(i)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(here / "scores.xlsx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    score = load_case(CRITERIA, "scores.xlsx").vendor_by_id["baidu"].scores["model_quality"]
    assert score.value == 7


def test_the_sheet_named_scores_is_read_and_other_sheet_names_are_quoted(rows, here):
    write_sheet(rows, here / "scores.xlsx")
    wb = openpyxl.load_workbook(here / "scores.xlsx")
    wb.create_sheet("Notes", 0)["A1"] = "read me"
    wb.save(here / "scores.xlsx")
    assert len(load_case(CRITERIA, "scores.xlsx").vendors) == 5
    wb["Scores"].title = "Team scores"
    wb.move_sheet("Team scores", offset=-1)  # now the first sheet, and none is named Scores
    wb["Team scores"]["D5"] = 11
    wb.save(here / "scores.xlsx")
    found = problems("scores.xlsx")
    assert found[0].startswith("scores.xlsx:'Team scores'!D5: value: 11 is above the scale maximum")


# --- hostile input -----------------------------------------------------------------------------


def test_an_oversized_file_is_refused_before_it_is_read(rows, here, monkeypatch):
    write_sheet(rows, here / "scores.csv")
    monkeypatch.setattr(grid, "MAX_SHEET_BYTES", 1000)
    assert problems("scores.csv") == [
        "scores.csv: file is larger than 1,000 bytes; split the sheet"
    ]


def test_too_many_rows_are_refused(here):
    line = "acme,model_quality,5\n"
    (here / "scores.csv").write_text(
        "vendor_id,criterion,value\n" + line * 100_001, encoding="utf-8"
    )
    assert problems("scores.csv") == ["scores.csv:100002: more than 100,000 rows; split it"]


def test_an_overlong_cell_is_located_and_the_other_problems_still_reported(rows, here):
    i = score_rows(rows, "baidu", "model_quality")[0]
    rows[i][COL["rationale"]] = "x" * 20_001
    j = score_rows(rows, "tencent", "cloud_delivery")
    for k in j:
        rows[k][COL["value"]] = -1
    write_sheet(rows, here / "scores.csv")
    # Nothing follows from the unreadable cell (no "differs", no "needs a rationale").
    assert problems("scores.csv") == [
        f"scores.csv:{i + 2}: rationale: is longer than 20,000 characters",
        f"scores.csv:{j[0] + 2}: value: -1 is below the scale minimum 0",
    ]


def test_a_file_that_is_not_a_workbook_or_not_utf8_is_named(here):
    (here / "scores.xlsx").write_bytes(b"vendor_id,criterion,value\n")
    (here / "scores.csv").write_bytes("vendor_id,criterion,value\nacmé,x,1\n".encode("latin-1"))
    assert problems("scores.xlsx") == [
        "scores.xlsx: not an XLSX workbook (in Excel, save as 'Excel Workbook (.xlsx)')"
    ]
    (message,) = problems("scores.csv")
    assert message.startswith("scores.csv: not UTF-8 text") and "CSV UTF-8" in message


def test_an_empty_sheet_says_so(here):
    (here / "scores.csv").write_text("vendor_id,criterion,value\n", encoding="utf-8")
    assert problems("scores.csv") == [
        "scores.csv:1: the sheet has no rows of scores below its header"
    ]
