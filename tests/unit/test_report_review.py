"""Report details found in review: risk order, method flags, only children, ranges, formats."""

from __future__ import annotations

import dataclasses
import io
import re

import openpyxl
import pypdf
import pytest

from scoring import Scenario
from scoring.cli import main
from scoring.present.tables import stability_table
from scoring.report import build_report_data, write_html, write_markdown, write_xlsx
from tests.unit.report_fixtures import WHEN, parse_html, shipped_case, shipped_data


@pytest.fixture(scope="module")
def real():
    """The shipped case's report with the real sensitivity engine (a small SMAA run)."""
    return build_report_data(shipped_case(), Scenario(), samples=500, seed=3, generated_at=WHEN)


def test_stability_rows_are_riskiest_first(real):
    # Hand-checked on the shipped case (WSM), as `by_risk` orders them: first the smallest move
    # that changes the leader (regulatory readiness 25% -> 67.8%, consumer data 15% -> 67.4%),
    # then the smallest that changes the ranking (open source 15% -> 17.8%, partner conflict
    # 30% -> 50%, model capability 25% -> 47.4%, cloud 35% -> 7.7%, execution 35% -> 77.3%),
    # then the rest in tree order.
    by_name = {x.name: x.criterion for x in real.sensitivity.stability}
    ids = [by_name[r[0]] for r in stability_table(real.weights, real.sensitivity).rows]
    assert ids == [
        "regulatory_readiness",
        "user_data",
        "open_source",
        "partner_conflict",
        "model_capability",
        "cloud_delivery",
        "execution_track_record",
        "model_quality",
        "multimodal_on_device",
        "ecosystem_fit",
    ]
    text = write_markdown(real)
    table = text.split("How far each weight can move", 1)[1].split("\n\n", 2)[1]
    names = [line.split("|")[1].strip() for line in table.splitlines()[2:]]
    assert names[:3] == ["Regulatory readiness", "Consumer behavioural data", "Open-source stance"]
    assert "riskiest first" in text


def test_method_table_flags_vendors_ranked_differently(real):
    text = write_markdown(real)
    topsis = next(line for line in text.splitlines() if line.startswith("| TOPSIS |"))
    assert topsis.endswith("| DeepSeek 4 (5 under WSM), ByteDance (Doubao) 5 (4 under WSM) |")
    wsm = next(line for line in text.splitlines() if line.startswith("| WSM |"))
    assert wsm.endswith("| \u2014 |")
    html = parse_html(write_html(real))
    assert "DeepSeek 4 (5 under WSM), ByteDance (Doubao) 5 (4 under WSM)" in "".join(html.text)


def test_only_children_are_named_as_not_swept():
    data = shipped_data()
    sens = dataclasses.replace(
        data.sensitivity,
        not_swept={"x": "Beta is the only criterion under Group: its weight moves with it"},
    )
    data = dataclasses.replace(data, sensitivity=sens)
    assert "Not swept: Beta is the only criterion under Group" in write_markdown(data)
    assert "Not swept: Beta is the only criterion under Group" in "".join(
        parse_html(write_html(data)).text
    )


def test_a_single_value_range_is_not_shown_as_an_empty_range():
    # DeepSeek's open_source range is [permissive_open_weights, permissive_open_weights].
    text = write_markdown(shipped_data())
    assert "(range )" not in text
    assert re.search(r"\*\*Open-source stance\*\*: permissive\\_open\\_weights\\\n", text)
    assert (
        "permissive\\_open\\_weights (range open\\_weights to permissive\\_open\\_weights)" in text
    )


def test_xlsx_values_as_written_use_the_general_format():
    # "0.###" showed a whole number such as 8 as "8." in Excel.
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(shipped_data())))
    assert book["Scores"]["E2"].value == 8 and book["Scores"]["E2"].number_format == "General"
    assert book["Weights"]["H2"].value == 25 and book["Weights"]["H2"].number_format == "General"


def test_xlsx_sensitivity_sheet_lists_leader_changes_and_method_flags(real):
    ws = openpyxl.load_workbook(io.BytesIO(write_xlsx(real)))["Sensitivity"]
    rows = [r[:5] for r in ws.iter_rows(values_only=True)]
    head = rows.index(
        ("Criterion", "At weight", "At share of the total", "Leader before", "Leader after")
    )
    # Regulatory readiness (raw 25 of 100 at the top level) takes over at a local share of
    # 0.678: a slider value of 0.678 * 75 / (1 - 0.678) = 158 and 67.8% of the total.
    t = 0.6781115879828
    assert rows[head + 1] == (
        "Regulatory readiness",
        pytest.approx(t * 75 / (1 - t)),
        pytest.approx(t),
        "Alibaba (Qwen)",
        "Baidu (ERNIE)",
    )
    topsis = next(r for r in rows if r[0] == "TOPSIS")
    assert topsis[4] == "DeepSeek 4 (5 under WSM), ByteDance (Doubao) 5 (4 under WSM)"


def test_headline_counts_samples_with_separators(real):
    assert "of 500 simulations" in write_markdown(real)
    data = shipped_data()
    assert "of 1,000 simulations" in write_markdown(data)


def test_method_rankings_show_ties(real):
    # WPM ties ByteDance and DeepSeek at rank 4 on the shipped case.
    text = write_markdown(real)
    wpm = next(line for line in text.splitlines() if line.startswith("| WPM |"))
    assert "Tencent (Hunyuan) &gt; ByteDance (Doubao) = DeepSeek |" in wpm  # '>' as an entity
    assert "Tencent (Hunyuan) > ByteDance (Doubao) = DeepSeek" in "".join(
        parse_html(write_html(real)).text
    )


def test_xlsx_has_the_head_to_head_of_the_top_two():
    ws = openpyxl.load_workbook(io.BytesIO(write_xlsx(shipped_data())))["Head to head"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Head to head: Alibaba (Qwen) vs Baidu (ERNIE)"
    assert rows[1] == (
        "Criterion",
        "Share of the total",
        "Alibaba (Qwen) (0\u20131 rating)",
        "Baidu (ERNIE) (0\u20131 rating)",
        "In favour of Alibaba (Qwen)",
    )
    first = rows[2]  # largest effect first: open source, 15% x (1.0 - 0.7)
    assert first[:4] == ("Open-source stance", 0.15, 1.0, 0.7)
    assert first[4] == pytest.approx(0.045)
    assert "+0.133 in total" in rows[-1][0]
    assert ws["E3"].number_format == "+0.000;-0.000;0.000"


def test_the_chosen_method_has_no_flag():
    text = write_markdown(shipped_data())
    wsm = next(line for line in text.splitlines() if line.startswith("| WSM |"))
    assert wsm.endswith("| \u2014 |")


@pytest.mark.parametrize("paper,size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_pdf_on_a4_or_letter(tmp_path, paper, size):
    # Issue 5: "paginated for A4/Letter". Page size in points, as the PDF's media box says.
    from tests.unit.report_fixtures import ROOT

    out = tmp_path / "r.pdf"
    args = ["report", "-o", str(out), "--criteria", str(ROOT / "criteria"), "--vendors",
            str(ROOT / "vendors"), "--no-sensitivity", "--paper", paper]  # fmt: skip
    assert main(args) == 0
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    assert "Page 1 of" in reader.pages[0].extract_text()


def test_unknown_paper_is_refused(capsys):
    assert main(["report", "-o", "/tmp/x.pdf", "--paper", "a5"]) == 2
    assert "invalid choice: 'a5'" in capsys.readouterr().err


def test_hover_text_keeps_percent_signs_and_cannot_inject_template_fields():
    # Checked in Chromium: plotly.js shows "%%" as "%%" (it has no such escape), fills "%{y}"
    # before decoding entities, and shows "%&#123;y}" as the text "%{y}".
    from scoring.present.plotly import to_plotly
    from scoring.report.view import charts

    data = shipped_data()
    leaves = (("regulatory_readiness", "Share 50% {x} %{y}"), *data.leaves[1:])
    fig = to_plotly(charts(dataclasses.replace(data, leaves=leaves))["contributions"])
    template = fig.data[0].hovertemplate
    assert template.startswith("Share 50% &#123;x} %&#123;y}: %{x:.3f}")


def test_xlsx_share_link_is_clickable_only_for_http():
    data = shipped_data()
    ws = openpyxl.load_workbook(io.BytesIO(write_xlsx(data)))["Summary"]
    cell = next(r[1] for r in ws.iter_rows(min_row=4) if r[0].value == "Share link")
    assert cell.value == data.share_url and cell.hyperlink.target == data.share_url
    bad = dataclasses.replace(data, share_url="javascript:alert(1)")
    ws = openpyxl.load_workbook(io.BytesIO(write_xlsx(bad)))["Summary"]
    cell = next(r[1] for r in ws.iter_rows(min_row=4) if r[0].value == "Share link")
    assert cell.value == "javascript:alert(1)" and cell.hyperlink is None


def test_a_wpm_veto_is_explained_in_every_rich_format():
    # Under WPM (max normalisation) ByteDance's 'closed' open-source stance normalises to 0 and
    # DeepSeek's unknown consumer data is scored 0: both products are 0, and the report says why.
    data = build_report_data(shipped_case(), Scenario(method="wpm"), sensitivity=False,
                             generated_at=WHEN)  # fmt: skip
    assert [n.split(" scores 0")[0] for n in data.score_notes] == [
        "ByteDance (Doubao)",
        "DeepSeek",
    ]
    assert "Open-source stance" in data.score_notes[0] and "veto" in data.score_notes[0]
    md = write_markdown(data)
    assert "*Note:* ByteDance (Doubao) scores 0" in md
    assert md.count("WPM's veto") == 2
    assert write_html(data).count("WPM&#x27;s veto") == 2
    sheet = openpyxl.load_workbook(io.BytesIO(write_xlsx(data)))["Summary"]
    notes = [r[1] for r in sheet.iter_rows(values_only=True) if r[0] == "Note"]
    assert len(notes) == 2 and notes[1].startswith("DeepSeek scores 0")


def test_no_veto_note_for_an_additive_method():
    data = build_report_data(shipped_case(), Scenario(), sensitivity=False, generated_at=WHEN)
    assert data.score_notes == ()
    assert "*Note:*" not in write_markdown(data)
