"""One CSV writer and one XLSX cell writer for every sheet Shortlist writes (issue 12, case 0):
no live formula, no field a reader splits in two, no raw control character."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.sheetsafe import csv_cell, csv_text, put_xlsx, xlsx_text
from scoring.textsafe import escape_controls, spreadsheet_safe, terminal_text

ROOT = Path(__file__).resolve().parents[2]
FORMULA = ("=", "+", "-", "@")
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_a_lone_carriage_return_cannot_start_a_row_holding_a_formula():
    """The issue's case: `rank --format csv` wrote `"\\r=1+2"` unquoted with "\\n" line ends,
    so Excel started a new row at the "\\r" with the live formula `=1+2`."""
    out = csv_text([["rank", "name"], [1, "\r=1+2"]])
    assert out == 'rank,name\r\n1,"\'\r=1+2"\r\n'
    assert list(csv.reader(io.StringIO(out, newline=""))) == [["rank", "name"], ["1", "'\r=1+2"]]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("  =1+2", "'  =1+2"),  # a formula start after spaces still counts
        ("\t@SUM(A1)", "'\t@SUM(A1)"),
        ("-5% margin", "'-5% margin"),
        ("'quoted'", "''quoted'"),  # the apostrophe a reader drops is always ours
        ("plain", "plain"),
        ("a=b", "a=b"),
    ],
)
def test_formula_starts_are_neutralised(text, written):
    assert spreadsheet_safe(text) == written
    assert csv_cell(text) == written


def test_cells_are_exact_and_control_characters_escaped():
    assert csv_cell(0.1 + 0.2) == "0.30000000000000004"  # exact, not rounded
    assert csv_cell(None) == "" and csv_cell(3) == "3"
    assert csv_cell("bell\x07 esc\x1b[31m nul\x00") == "bell\\x07 esc\\x1b[31m nul\\x00"
    assert csv_cell("=\x1b") == "'=\\x1b"


def test_the_bom_is_there_only_when_asked():
    assert csv_text([["a"]], bom=True) == "\ufeffa\r\n"
    assert csv_text([["a"]]) == "a\r\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=4))
def test_any_row_reads_back_as_one_row_and_no_field_is_a_formula(fields):
    out = csv_text([fields, ["end"]])
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 2 and rows[1] == ["end"] and len(rows[0]) == len(fields)
    assert RAW_CONTROL.search(out.replace("\r\n", "")) is None
    for field in rows[0]:
        assert field.startswith("'") or not field.lstrip().startswith(FORMULA + ("\t", "\r"))
    # and what a naive reader sees at the start of each physical line is never a formula
    for line in re.split(r"\r\n|\r|\n", out):
        assert not line.startswith(FORMULA)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_text_goes_into_an_xlsx_cell_as_text(text):
    """openpyxl refuses C0 controls (IllegalCharacterError); they are shown as `\\x1b`."""
    ws = openpyxl.Workbook().active
    cell = put_xlsx(ws.cell(row=1, column=1), text)
    assert cell.data_type == "s" and cell.value == xlsx_text(text)
    assert RAW_CONTROL.search(cell.value) is None and "\r" not in cell.value
    assert cell.value.startswith("'") or not cell.value.lstrip().startswith(FORMULA)


def test_terminal_text_shows_escapes_instead_of_running_them():
    assert terminal_text("a\x1b[2Jb\rc\x9bd\x07") == "a\\x1b[2Jb\\x0dc\\x9bd\\x07"
    assert terminal_text("two\nlines\tok") == "two\nlines\tok"
    assert escape_controls("x\ny", keep="") == "x\\x0ay"


def test_every_csv_goes_through_the_one_writer():
    """`csv.writer` appears in scoring/ only in scoring/sheetsafe.py, and nothing calls pandas'
    `to_csv`: a second writer would be a second place to get quoting wrong."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "scoring").rglob("*.py")
        if path.name != "sheetsafe.py"
        and re.search(r"csv\.(writer|DictWriter)\(|\.to_csv\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
