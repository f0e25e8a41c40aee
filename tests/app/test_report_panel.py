"""The report panel: nothing is built until asked; then one download button per format."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def panel_script(root: str, method: str = "wsm") -> None:
    import sys

    sys.path.insert(0, root)
    import streamlit as st

    import scoring
    from ui.context import AppContext
    from ui.tabs import report as report_panel

    case = scoring.load_case(f"{root}/criteria", f"{root}/vendors")
    method = st.session_state.get("test_method", method)
    scenario = scoring.Scenario(method=method, samples=200)
    link = scoring.share_url("http://example.test/app", scenario, case)
    report_panel.render(AppContext(case, scenario, scoring.rank(case, scenario), link))


def app() -> AppTest:
    return AppTest.from_function(panel_script, args=(str(ROOT),), default_timeout=60)


def download_buttons(at: AppTest) -> list:
    return at.get("download_button")


def test_nothing_is_built_until_asked():
    at = app().run()
    assert not at.exception
    assert at.button(key="report_build").label == "Build report"
    assert download_buttons(at) == []
    assert "report_built" not in at.session_state


def test_building_shows_a_download_button_per_format():
    at = app().run()
    at.button(key="report_build").click().run()
    assert not at.exception
    buttons = download_buttons(at)
    labels = [b.proto.label for b in buttons]
    assert labels == [f"Download {x}" for x in ("PDF", "HTML", "Excel", "Markdown", "CSV")]
    (key, files) = at.session_state["report_built"]
    assert key[0].startswith("http://example.test/app?m=wsm")
    names = {fmt: name for fmt, (_, name) in files.items()}
    assert names["pdf"].startswith("shortlist-china-ai-partner-") and names["pdf"].endswith(".pdf")
    md = files["md"][0].decode()
    assert "http://example.test/app?m=wsm" in md  # the app's own share link
    assert "200 simulations" in md
    assert files["pdf"][0].startswith(b"%PDF") and files["xlsx"][0].startswith(b"PK")


def test_only_the_chosen_formats_are_built():
    at = app().run()
    at.multiselect(key="report_formats").set_value(["csv", "md"]).run()
    at.button(key="report_build").click().run()
    assert [b.proto.label for b in download_buttons(at)] == ["Download Markdown", "Download CSV"]


def test_a_changed_scenario_asks_for_a_new_build():
    at = app().run()
    at.multiselect(key="report_formats").set_value(["csv"]).run()
    at.button(key="report_build").click().run()
    assert len(download_buttons(at)) == 1
    at.session_state["test_method"] = "topsis"
    at.run()
    assert download_buttons(at) == []
    assert "build the report again" in at.info[0].value


def _page_size(pdf: bytes) -> tuple[int, int]:
    import io

    import pypdf

    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_the_pdf_paper_size_can_be_chosen():
    at = app().run()
    at.multiselect(key="report_formats").set_value(["pdf"]).run()
    assert at.radio(key="report_paper").value == "a4"
    at.radio(key="report_paper").set_value("letter").run()
    at.button(key="report_build").click().run()
    (_, files) = at.session_state["report_built"]
    assert _page_size(files["pdf"][0]) == (612, 792)  # US Letter in points (A4: 595 x 842)


def test_no_paper_choice_without_a_pdf():
    at = app().run()
    at.multiselect(key="report_formats").set_value(["csv"]).run()
    assert not at.radio
