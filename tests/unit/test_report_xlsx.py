"""The Excel report: sheets, cells, formats, frozen headers, and no formula ever."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from scoring.report import write_xlsx
from tests.unit.report_fixtures import FORMULA, HOSTILE_NAME, hostile_data, shipped_data

SHEETS = [
    "Summary",
    "Ranking",
    "Head to head",
    "Scores",
    "Weights",
    "Sensitivity",
    "Evidence",
    "Evidence to refresh",
]


@pytest.fixture(scope="module")
def data():
    return shipped_data()


@pytest.fixture(scope="module")
def book(data):
    return openpyxl.load_workbook(io.BytesIO(write_xlsx(data)))


def column(ws, header: str) -> list:
    heads = [c.value for c in ws[1]]
    j = heads.index(header) + 1
    return [ws.cell(row=r, column=j).value for r in range(2, ws.max_row + 1)]


def test_sheet_names(book):
    assert book.sheetnames == SHEETS


def test_ranking_sheet_holds_exact_scores(book, data):
    ws = book["Ranking"]
    assert [c.value for c in ws[1]][:6] == ["Rank", "Vendor", "Name", "Score", "Gap to leader",
                                            "Excluded"]  # fmt: skip
    assert column(ws, "Vendor") == ["alibaba", "baidu", "tencent", "bytedance", "deepseek"]
    assert column(ws, "Score") == [r.score for r in data.ranking]  # exact, not rounded
    assert ws["D2"].number_format == "0.000"
    assert ws["A2"].font.bold is False and ws["A1"].font.bold is True
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["C"].width > 10


def test_every_data_sheet_freezes_its_header(book):
    # Summary opens with the brief, Sensitivity holds several tables: nothing to freeze there.
    assert book["Head to head"].freeze_panes == "A3"  # under its title and header
    assert book["Evidence to refresh"].freeze_panes == "A3"
    for name in SHEETS[1:]:
        if name not in {"Head to head", "Sensitivity", "Evidence to refresh"}:
            assert book[name].freeze_panes == "A2", name


def test_summary_names_link_fingerprint_and_version(book, data):
    pairs = {r[0].value: r[1].value for r in book["Summary"].iter_rows(min_row=4)}
    assert pairs["Share link"] == data.share_url
    assert pairs["Data fingerprint"] == data.fingerprint
    assert pairs["Software version"] == f"Shortlist {data.version}"
    assert pairs["Generated"] == "2026-03-01 09:30:00 UTC"


def test_scores_sheet_has_raw_and_normalised_values(book):
    ws = book["Scores"]
    rows = {(r[0], r[2]): r for r in ws.iter_rows(min_row=2, values_only=True)}
    # DeepSeek open_source is the level permissive_open_weights = 10 on a 0..10 scale.
    assert rows["deepseek", "open_source"][4] == 10
    assert rows["deepseek", "open_source"][6] == pytest.approx(1.0)
    assert rows["deepseek", "user_data"][5] == "yes"  # unknown, scored at the worst end
    assert rows["deepseek", "user_data"][6] == 0
    assert len(rows) == 5 * 8


def test_weights_sheet_shares_are_percent_formatted(book):
    ws = book["Weights"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["model_quality"][2] == 1 and rows["model_quality"][3] == "model_capability"
    # Share of the total first (what people compare), then the slider value, then the group's.
    assert rows["model_quality"][6] == pytest.approx(0.15)
    assert ws["G1"].value == "Share of the total" and ws["G2"].number_format == "0.0%"


def test_sensitivity_sheet_has_intervals_and_acceptability(book):
    ws = book["Sensitivity"]
    rows = list(ws.iter_rows(values_only=True))
    top = rows.index(
        next(r for r in rows if r[0] == "How far each weight can move: riskiest first")
    )
    assert rows[top + 1][:5] == ("Criterion", "Weight now", "Share now",
                                 "Leader holds: weight: from", "Leader holds: weight: to")  # fmt: skip
    # Leader stays for local shares 0.1..0.6 of regulatory readiness (raw 25, siblings 75):
    # slider values 0.1 * 75 / 0.9 .. 0.6 * 75 / 0.4, the same shares of the total (top level).
    assert rows[top + 2][:7] == ("Regulatory readiness", 25, 0.25, pytest.approx(75 / 9),
                                 pytest.approx(112.5), 0.1, 0.6)  # fmt: skip
    assert ws.cell(row=top + 3, column=6).number_format == "0.0%"
    values = [c for row in rows for c in row if c is not None]
    assert "How often each vendor takes each rank" in values
    assert any(isinstance(v, str) and "1,000 simulations" in v for v in values)
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Vendor")
    assert ws.cell(row=start + 1, column=1).value == "Alibaba (Qwen)"  # the ranking's order
    assert ws.cell(row=start + 1, column=2).value == 0.75


def test_evidence_sheet_wraps_rationales(book):
    ws = book["Evidence"]
    first = next(ws.iter_rows(min_row=2, max_row=2))
    assert first[0].value == "alibaba" and first[2].value == "regulatory_readiness"
    assert first[4].value == 8 and first[5].value == "7 to 9"
    assert first[6].alignment.wrap_text is True
    assert "https://" in first[7].value


def test_hostile_text_is_stored_as_inert_strings(tmp_path):
    payload = write_xlsx(hostile_data(tmp_path))
    book = openpyxl.load_workbook(io.BytesIO(payload))
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'" + FORMULA in texts
    assert "'=1+2" in texts
    assert HOSTILE_NAME in texts
    # And in the raw XML no cell is a formula element.
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) for n in sheets)


def test_workbook_dates_are_the_report_time(book):
    assert book.properties.created.isoformat() == "2026-03-01T09:30:00"
    assert book.properties.modified.isoformat() == "2026-03-01T09:30:00"


def test_same_data_gives_the_same_bytes(data):
    assert write_xlsx(data) == write_xlsx(shipped_data())


def test_evidence_to_refresh_lists_stale_and_unsourced_scores_as_of_the_report(book, data):
    # As of the report's date (2026-03-01) with the 18-month limit, only Baidu's Regulatory
    # readiness rests on evidence older than 2024-09-01: its newest source is of August 2023.
    ws = book["Evidence to refresh"]
    assert ws["A1"].value == "Evidence to refresh (older than 18 months, or missing)"
    assert [c.value for c in ws[2]] == ["Vendor", "Criterion", "Newest source", "Why"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert rows == [
        [
            "Baidu (ERNIE)",
            "Regulatory readiness",
            "2023-08-31",
            "newest source older than the limit",
        ]
    ]
    # And the brief on the Summary sheet says so in words.
    summary = [c.value for c in book["Summary"]["A"]]
    assert (
        "Evidence to refresh: 1 known score rests on evidence older than 18 months: "
        "Baidu (ERNIE) on Regulatory readiness." in summary
    )


def test_evidence_to_refresh_text_goes_through_the_cell_writer(tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(hostile_data(tmp_path))))
    values = [c.value for r in book["Evidence to refresh"].iter_rows() for c in r if c.value]
    assert "'=1+2" in values  # the vendor named =1+2, neutralised
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in values)


def test_section_sheet_titles_are_ones_excel_accepts():
    from scoring.report.xlsx import _sheet_title

    title = _sheet_title("Round: [draft] a/b\\c*d?" + "x" * 40)
    assert len(title) == 31 and not set("[]:*?/\\") & set(title)
    assert _sheet_title("") == "Section"
