"""One description, every output: the brief's sentences open every report, the tables show the
same rounded values in the CLI, Markdown and HTML, and rank acceptability reads in the ranking's
order in the app's tables and figures and in every report."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import openpyxl
import pypdf
import pytest

from scoring import Scenario, rank
from scoring.present.table import markdown, text
from scoring.report import build_report_data, write_html, write_markdown, write_pdf, write_xlsx
from scoring.report.view import charts, sensitivity_tables
from scoring.textsafe import markdown_text, terminal_text
from tests.unit.report_fixtures import WHEN, shipped_case


def flat(s: str) -> str:
    """Whitespace-normalised (PDF text wraps sentences across lines)."""
    return " ".join(s.split())


@pytest.fixture(scope="module")
def data():
    return build_report_data(shipped_case(), Scenario(), samples=300, seed=1, generated_at=WHEN)


class Brief(HTMLParser):
    """The items of <ul class="brief">, as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self._in = self._li = False

    def handle_starttag(self, tag, attrs):
        if tag == "ul" and ("class", "brief") in attrs:
            self._in = True
        elif tag == "li" and self._in:
            self._li = True
            self.items.append("")

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in = False
        elif tag == "li":
            self._li = False

    def handle_data(self, d):
        if self._li:
            self.items[-1] += d


def test_the_brief_opens_every_report(data):
    sentences = list(data.brief.sentences)
    assert len(sentences) >= 4 and sentences[0].startswith("Alibaba (Qwen) leads")
    # HTML: the first section of the page, before the ranking.
    html = write_html(data)
    page = Brief()
    page.feed(html)
    assert page.items == sentences
    assert html.index('id="brief"') < html.index('id="ranking"')
    # Markdown: at the top, under the title.
    md = write_markdown(data)
    bullets = [line[2:] for line in md.split("## Ranking")[0].splitlines() if line.startswith("- ")]
    assert bullets[: len(sentences)] == [markdown_text(s) for s in sentences]
    # PDF: on the first page (the text may wrap).
    first = flat(pypdf.PdfReader(io.BytesIO(write_pdf(data))).pages[0].extract_text())
    for s in sentences:
        assert flat(s) in first, s
    # XLSX: the Summary sheet, one sentence per row under its heading.
    ws = openpyxl.load_workbook(io.BytesIO(write_xlsx(data)))["Summary"]
    column = [r[0] for r in ws.iter_rows(values_only=True)]
    at = column.index("The decision in brief")
    assert column[at + 1 : at + 1 + len(sentences)] == sentences


def test_tables_show_the_same_rounded_values_in_cli_markdown_and_html(data):
    for table in sensitivity_tables(data):
        shown = table.shown_rows()
        assert shown, table.key
        md = markdown(table, markdown_text)
        cli = text(table, terminal_text)
        html = write_html(data)
        for row in shown:
            md_row = "| " + " | ".join(markdown_text(x) for x in row) + " |"
            assert md_row in md, table.key
            assert md_row in write_markdown(data), table.key
            for cell in row:
                assert cell in cli, (table.key, cell)
                assert cell.replace("&", "&amp;").replace(">", "&gt;") in html, (table.key, cell)


def test_acceptability_reads_in_the_ranking_order_everywhere(data):
    ranked = [r.name for r in data.ranking]
    acc = next(t for t in sensitivity_tables(data) if t.key == "acceptability")
    assert [row[0] for row in acc.rows] == ranked
    assert list(charts(data)["acceptability"].categories) == ranked
    md = write_markdown(data).split("### How often each vendor takes each rank")[1]
    names = [line.split("|")[1].strip() for line in md.splitlines()[4:9]]
    assert names == ranked
    ws = openpyxl.load_workbook(io.BytesIO(write_xlsx(data)))["Sensitivity"]
    column = [r[0] for r in ws.iter_rows(values_only=True)]
    start = column.index("How often each vendor takes each rank") + 2  # title, header
    assert column[start : start + len(ranked)] == ranked


def test_acceptability_reads_in_the_ranking_order_in_the_app(data):
    from scoring.sensitivity import analyse
    from ui import figures

    case = shipped_case()
    result = rank(case, Scenario())
    sens = analyse(case, Scenario(), samples=300, seed=1)
    fig = figures.acceptability(result, sens)
    assert list(fig.data[0].y) == [r.name for r in data.ranking]


def test_pinned_time_gives_identical_bytes(data):
    again = build_report_data(shipped_case(), Scenario(), samples=300, seed=1, generated_at=WHEN)
    assert write_html(again) == write_html(data)
    assert write_markdown(again) == write_markdown(data)
    assert write_xlsx(again) == write_xlsx(data)
    assert re.search(r"generated 2026-03-01 09:30:00 UTC", write_markdown(data))
