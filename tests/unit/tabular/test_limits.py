"""Hostile and oversized sheets end in a few located messages that name the limit, read in
bounded work: a row of millions of cells, a zip bomb of a shared string, a sheet past the cell
limit, and a vendor row without a name (issue 12)."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from scoring import load_case
from scoring.tabular import grid
from tests.unit.tabular.support import CRITERIA, problems

HEADER = "vendor_id,vendor_name,criterion,value\n"
ROW = "acme,Acme,regulatory_readiness,5"


def test_a_row_of_a_million_unnamed_cells_is_one_message_naming_the_column_limit(here):
    # Within the line limit, far past the column limit: one message for the row, not one per cell.
    (here / "wide.csv").write_text(HEADER + ROW + ",x" * 900_000 + "\n", encoding="utf-8")
    found = problems("wide.csv")
    assert (
        "wide.csv:2: data past column ALL, the last one read (at most 1,000 columns); "
        "remove it or split the sheet"
    ) in found
    # The 996 unnamed cells within the limit: 20 shown, the rest counted in one line.
    assert "wide.csv:2: ... and 976 more like this (data in a column without a name)" in found
    assert len([p for p in found if "has no score" not in p]) == 1 + grid.MAX_PER_KIND + 1


def test_a_line_of_millions_of_cells_stops_reading_at_the_line_limit(here):
    (here / "wide.csv").write_text(HEADER + ROW + ",x" * 2_000_000 + "\n", encoding="utf-8")
    assert problems("wide.csv") == [
        "wide.csv:2: a line longer than 2,000,000 characters (the limit); reading stopped here. "
        "Is this a CSV file with one row per line?"
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_data_in_unnamed_columns_is_capped_with_a_count_of_the_rest(here, suffix):
    extra = 500  # within the column limit: each is its own cell, reported 20 times, then counted
    if suffix == ".csv":
        (here / "s.csv").write_text(HEADER + ROW + ",x" * extra + "\n", encoding="utf-8")
    else:
        book = openpyxl.Workbook()
        book.active.append(HEADER.strip().split(","))
        book.active.append([*ROW.split(","), *["x"] * extra])
        book.save(here / "s.xlsx")
    found = problems(f"s{suffix}")
    shown = [p for p in found if "has data but no name" in p]
    assert len(shown) == grid.MAX_PER_KIND
    where = "s.csv:2" if suffix == ".csv" else "s.xlsx:Sheet!Y2"  # column 5 + 20 = 25th, Y
    more = extra - grid.MAX_PER_KIND
    assert f"{where}: ... and {more} more like this (data in a column without a name)" in found


def _workbook_with_shared_string(path, text: str) -> None:
    """A minimal XLSX whose cell D2 is a shared string (openpyxl writes inline strings)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    cells = "".join(
        f'<c r="{c}1" t="inlineStr"><is><t>{n}</t></is></c>'
        for c, n in zip("ABCD", ("vendor_id", "vendor_name", "criterion", "value"), strict=True)
    )
    row2 = (
        '<c r="A2" t="inlineStr"><is><t>acme</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Acme</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>regulatory_readiness</t></is></c><c r="D2" t="s"><v>0</v></c>'
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ctype}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ctype}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ctype}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook {ns} xmlns:r="{rel}"><sheets>'
            '<sheet name="Scores" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet {ns}><sheetData><row r="1">{cells}</row><row r="2">{row2}</row>'
            "</sheetData></worksheet>"
        ),
        "xl/sharedStrings.xml": f'<sst {ns} count="1" uniqueCount="1"><si><t>{text}</t></si></sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)


def test_a_huge_shared_string_is_refused_before_any_xml_is_parsed(here, monkeypatch):
    # The hand-made workbook reads: its one score (D2, a shared string) passes, and only the
    # scores it leaves out are reported.
    _workbook_with_shared_string(here / "fine.xlsx", "7")
    assert all("has no score for criterion" in p for p in problems("fine.xlsx"))

    # The bomb, scaled down: a 287 KB file whose one string unpacks to 280 MB. The
    # limit is lowered so the test stays cheap; the check reads only the zip's directory.
    monkeypatch.setattr(grid, "MAX_MEMBER_BYTES", 1_000_000)
    _workbook_with_shared_string(here / "bomb.xlsx", "A" * 2_000_000)
    assert (here / "bomb.xlsx").stat().st_size < 10_000

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not parse a workbook past the limits")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    assert problems("bomb.xlsx") == [
        "bomb.xlsx: the workbook's part 'xl/sharedStrings.xml' unpacks to 2,000,119 bytes, "
        "more than the limit of 1,000,000; split the sheet or shorten its text"
    ]


def test_a_workbook_unpacking_past_the_total_limit_is_refused(here, monkeypatch):
    monkeypatch.setattr(grid, "MAX_UNPACKED_BYTES", 5_000)
    _workbook_with_shared_string(here / "big.xlsx", "A" * 10_000)
    (message,) = problems("big.xlsx")
    assert message.startswith("big.xlsx: the workbook unpacks to ")
    assert message.endswith("bytes, more than the limit of 5,000; split it")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_reading_stops_at_the_cell_limit_and_says_where(here, monkeypatch, suffix):
    monkeypatch.setattr(grid, "MAX_CELLS", 4 * 50)  # 50 rows of the 4-column header's width
    lines = [ROW.split(",")] * 100
    if suffix == ".csv":
        (here / "s.csv").write_text(HEADER + "\n".join(map(",".join, lines)), encoding="utf-8")
        where = "s.csv:51"
    else:
        book = openpyxl.Workbook()
        book.active.append(HEADER.strip().split(","))
        for line in lines:
            book.active.append(line)
        book.save(here / "s.xlsx")
        where = "s.xlsx:Sheet!A51"
    assert problems(f"s{suffix}") == [
        f"{where}: more than 200 cells (the limit) by this row; split the sheet"
    ]


def test_an_xlsx_with_data_past_the_column_limit_says_so(here, monkeypatch):
    monkeypatch.setattr(grid, "MAX_COLUMNS", 6)
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append([*ROW.split(","), None, None, "stray", "more"])
    book.save(here / "s.xlsx")
    assert problems("s.xlsx")[0] == (
        "s.xlsx:Sheet!A2: data past column F, the last one read (at most 6 columns); "
        "remove it or split the sheet"
    )


def test_a_vendor_whose_name_is_empty_on_every_row_is_told_so(rows_of_acme, here):
    (here / "s.csv").write_text(
        "vendor_id,vendor_name,criterion,value\n" + rows_of_acme(name=""), encoding="utf-8"
    )
    assert problems("s.csv") == [
        "s.csv:2: vendor_name: empty on every row of vendor 'acme'; give its name on one of them"
    ]


def test_a_sheet_with_only_the_three_required_columns_loads_named_by_id(rows_of_acme, here):
    (here / "s.csv").write_text(
        "vendor_id,criterion,value\n" + rows_of_acme(name=None), encoding="utf-8"
    )
    assert load_case(CRITERIA, "s.csv").vendor_by_id["acme"].name == "acme"


@pytest.fixture
def rows_of_acme(case):
    def rows(name: str | None) -> str:
        cells = []
        for leaf in case.leaves:
            value = "5" if leaf.scale else next(iter(leaf.levels))
            cells.append(",".join(["acme", *([name] if name is not None else []), leaf.id, value]))
        return "\n".join(cells) + "\n"

    return rows
