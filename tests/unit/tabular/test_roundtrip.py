"""Score sheets written and read back: formula-looking text stays text, export -> convert ->
load gives back the same vendors, and the command line says what it does."""

from __future__ import annotations

import re

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import load_case
from scoring.model import Score, Source, Vendor
from scoring.tabular import cell_text, read_sheet, sheet_text
from scoring.tabular.write import sheet_rows, write_sheet
from scoring.textsafe import has_controls
from tests.unit.tabular.support import COL, CRITERIA, ROOT, problems, run, score_rows

# --- formula-looking text and the leading apostrophe ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x","y")',
        "+1 more",
        "-5% margin",
        "@SUM(A1)",
        "'quoted'",
        "''",
        "'",
        "plain",
    ],
)
def test_sheet_text_is_never_a_formula_and_cell_text_undoes_it(text):
    written = sheet_text(text)
    assert not written.startswith(("=", "+", "-", "@"))
    assert cell_text(written) == text


def test_a_leading_apostrophe_typed_before_ordinary_text_is_kept():
    assert cell_text("'90s style") == "'90s style"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formula_looking_text_round_trips_and_is_written_as_text(case, here, suffix):
    tricky = '=HYPERLINK("http://evil.example","click")'
    deepseek = case.vendor_by_id["deepseek"]
    scores = dict(deepseek.scores)
    scores["model_quality"] = scores["model_quality"].model_copy(
        update={
            "rationale": tricky,
            "sources": [Source(title="-5% margin; 'quoted', too", url="https://example.com/a;b")],
        }
    )
    vendor = deepseek.model_copy(update={"scores": scores, "summary": "'twas so"})
    vendors = [v if v.id != "deepseek" else vendor for v in case.vendors]
    write_sheet(sheet_rows(vendors, [c.id for c in case.leaves]), here / f"scores{suffix}")
    if suffix == ".csv":
        text = (here / "scores.csv").read_text(encoding="utf-8-sig")
        assert f"'{tricky}".replace('"', '""') in text
        assert not re.search(r'(^|,)"?=', text, re.M)
    else:
        ws = openpyxl.load_workbook(here / "scores.xlsx")["Scores"]
        cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
        assert all(c.data_type != "f" for c in cells)
        assert f"'{tricky}" in [c.value for c in cells]
    assert list(load_case(CRITERIA, f"scores{suffix}").vendors) == vendors


# --- round trip and the command line ----------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_convert_then_load_gives_the_original_vendors(case, here, capsys, suffix):
    args = ("--criteria", str(ROOT / "criteria"), "--vendors", str(ROOT / "vendors"))
    code, out, err = run(capsys, "export-scores", *args, "-o", f"scores{suffix}")
    assert (code, err) == (0, "")
    assert out == f"wrote 67 rows for 5 vendors to scores{suffix}\n"
    code, out, err = run(
        capsys, "convert", f"scores{suffix}", "-o", "out", "--criteria", str(CRITERIA)
    )
    assert (code, err) == (0, "")
    assert out.startswith("wrote 5 vendor files to out (sheet fingerprint ")
    assert sorted(p.name for p in (here / "out").iterdir()) == [
        f"{v.id}.yaml" for v in case.vendors
    ]
    assert load_case(CRITERIA, "out").vendors == case.vendors
    text = (here / "out" / "deepseek.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        f"# Converted from scores{suffix} by `shortlist convert`.\nid: deepseek\n"
    )
    assert "    range: [8, 10]\n" in text and "    value: null\n" in text


def test_convert_never_overwrites_without_force(rows, here, capsys):
    write_sheet(rows, here / "scores.csv")
    (here / "out").mkdir()
    (here / "out" / "baidu.yaml").write_text("kept: true\n", encoding="utf-8")
    (here / "out" / "old.yaml").write_text("kept: true\n", encoding="utf-8")
    code, out, err = run(capsys, "convert", "scores.csv", "-o", "out", "--criteria", str(CRITERIA))
    assert code == 2 and out == ""
    assert (
        err
        == "shortlist: would overwrite out/baidu.yaml; pass --force, or choose another -o folder\n"
    )
    assert sorted(p.name for p in (here / "out").iterdir()) == ["baidu.yaml", "old.yaml"]
    code, out, err = run(
        capsys, "convert", "scores.csv", "-o", "out", "--criteria", str(CRITERIA), "--force"
    )
    assert code == 0 and err == ""
    assert out.endswith("note: not in the sheet, left as is: old.yaml\n")
    assert (here / "out" / "baidu.yaml").read_text(encoding="utf-8").startswith("# Converted")


def test_convert_of_an_invalid_sheet_exits_2_with_located_problems_and_writes_nothing(
    rows, here, capsys
):
    i = score_rows(rows, "baidu", "model_quality")
    for j in i:
        rows[j][COL["value"]] = 12
    write_sheet(rows, here / "scores.xlsx")
    code, out, err = run(capsys, "convert", "scores.xlsx", "-o", "out", "--criteria", str(CRITERIA))
    assert (code, out) == (2, "")
    assert err == (
        f"scores.xlsx:Scores!D{i[0] + 2}: value: 12 is above the scale maximum 10\n"
        "1 problem in the case data; fix it and run again.\n"
    )
    assert not (here / "out").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("convert", "scores.txt", "-o", "out"), "convert reads a score sheet (.csv or .xlsx)"),
        (("export-scores", "-o", "scores.json"), "-o must end in .csv or .xlsx"),
        (("export-scores", "-o", "exists.csv"), "exists.csv exists; pass --force to overwrite it"),
        (("convert", "missing.csv", "-o", "out"), "missing.csv: no such score sheet"),
    ],
)
def test_cli_mistakes_exit_2_with_a_message_and_no_traceback(here, capsys, argv, message):
    (here / "exists.csv").write_text("x\n", encoding="utf-8")
    code, out, err = run(
        capsys,
        *argv,
        "--criteria",
        str(ROOT / "criteria"),
        *(("--vendors", str(ROOT / "vendors")) if argv[0] == "export-scores" else ()),
    )
    assert code == 2 and out == ""
    assert message in err
    assert "Traceback" not in err
    assert (here / "exists.csv").read_text(encoding="utf-8") == "x\n"


def test_the_shipped_example_sheet_is_the_export_of_the_shipped_case(case, here):
    write_sheet(sheet_rows(case.vendors, [c.id for c in case.leaves]), here / "scores.csv")
    shipped = ROOT / "examples" / "scores.csv"
    assert shipped.read_bytes() == (here / "scores.csv").read_bytes(), (
        "examples/scores.csv is stale: run `shortlist export-scores -o examples/scores.csv --force`"
    )


def test_a_vendor_without_summary_or_links_has_no_vendor_row(here):
    vendor = Vendor(id="acme", name="Acme", scores={"x": Score(value=1)})
    rows = sheet_rows([vendor])
    assert len(rows) == 1 and rows[0][COL["criterion"]] == "x"


def test_data_under_no_column_name_is_reported_not_lost(rows, here):
    (here / "scores.csv").write_text(
        "vendor_id,criterion,value\nacme,model_quality,5,extra\n", encoding="utf-8"
    )
    assert "scores.csv:2: column D has data but no name in the first row" in problems("scores.csv")
    write_sheet(rows, here / "scores.xlsx")
    wb = openpyxl.load_workbook(here / "scores.xlsx")
    wb["Scores"]["M3"] = "stray note"
    wb.save(here / "scores.xlsx")
    assert problems("scores.xlsx") == [
        "scores.xlsx:Scores!M3: column M has data but no name in the first row"
    ]


def test_header_problems_point_at_their_cell(here):
    wb = openpyxl.Workbook()
    wb.active.title = "Scores"
    wb.active.append(["vendor_id", "criterion", "value", "value"])
    wb.save(here / "scores.xlsx")
    assert problems("scores.xlsx") == [
        "scores.xlsx:Scores!D1: column 'value' appears twice; keep one"
    ]


@given(st.text(min_size=1, max_size=60))
def test_any_text_survives_sheet_text_then_cell_text(text):
    assert cell_text(sheet_text(text)) == text


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=80).filter(lambda t: t.strip() and _plain(t)))
def test_any_rationale_round_trips_through_a_csv(case, tmp_path, text):
    """Any rationale a vendor file may hold (no control character but line breaks and tabs)."""
    deepseek = case.vendor_by_id["deepseek"]
    score = deepseek.scores["model_quality"].model_copy(update={"rationale": text})
    vendor = deepseek.model_copy(update={"scores": {**deepseek.scores, "model_quality": score}})
    write_sheet(sheet_rows([vendor]), tmp_path / "one.csv")
    (doc,) = read_sheet(tmp_path / "one.csv", "one.csv", found := [])
    assert found == []
    assert doc.data["scores"]["model_quality"]["rationale"] == text


def _plain(text: str) -> bool:
    return not has_controls(text, keep="\n\r\t")


@pytest.mark.parametrize(
    ("text", "in_csv", "in_xlsx"),
    [
        ("a\x0bb", "a\\x0bb", "a\\x0bb"),
        ("\rx\r\ny", "\rx\r\ny", "\nx\ny"),
        ("-\x00", "-\\x00", "-\\x00"),
        ("\x1b[2J\x07", "\\x1b[2J\\x07", "\\x1b[2J\\x07"),
    ],
)
def test_control_characters_are_shown_escaped_never_raw(case, here, text, in_csv, in_xlsx):
    """No raw NUL, ESC or BEL reaches a sheet (XLSX cannot hold them, a terminal would run
    them): they are written as `\\x1b`; line breaks stay (as "\\n" in an XLSX)."""
    deepseek = case.vendor_by_id["deepseek"]
    score = deepseek.scores["model_quality"].model_copy(update={"rationale": text})
    vendor = deepseek.model_copy(update={"scores": {**deepseek.scores, "model_quality": score}})
    for suffix, kept in ((".csv", in_csv), (".xlsx", in_xlsx)):
        write_sheet(sheet_rows([vendor]), here / f"one{suffix}")
        (doc,) = read_sheet(here / f"one{suffix}", f"one{suffix}", found := [])
        assert found == [] and doc.data["scores"]["model_quality"]["rationale"] == kept


def test_csv_rows_are_counted_as_a_spreadsheet_shows_them_not_as_text_lines(rows, here):
    for j in score_rows(rows, "alibaba", "model_quality"):
        rows[j][COL["rationale"]] = "one\ntwo\nthree"  # each such row spans three text lines
    i = score_rows(rows, "tencent", "user_data")[0]
    rows[i][COL["value"]] = 11
    write_sheet(rows, here / "scores.csv")
    assert problems("scores.csv") == [
        f"scores.csv:{i + 2}: value: 11 is above the scale maximum 10"
    ]
