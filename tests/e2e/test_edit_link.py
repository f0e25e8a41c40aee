"""Real browser: a share link carrying score overrides (`o=`, issue 11) opens the edited case,
ranked as `shortlist rank --link` ranks it; the edits stay in the link as the user moves on."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.e2e.pages import page_ranking, visible_text
from tests.e2e.test_browser import cli_ranking, open_app, shortlist

CHROMIUM = Path("/usr/bin/chromium")
UI_TIMEOUT_MS = 90_000  # the first page of a cold server on a busy machine
EDITS = "o=deepseek.model_quality:10,deepseek.regulatory_readiness:10"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


def test_a_link_with_score_overrides_opens_the_edited_ranking(server, browser):
    from playwright.sync_api import expect

    link = shortlist("link", "--link", EDITS, "--base", server).strip()
    assert "o=deepseek.regulatory_readiness:10,deepseek.model_quality:10" in link
    expected = cli_ranking(link)
    assert expected != cli_ranking("m=wsm")  # the edit changes the ranking

    page = open_app(browser, link)
    assert page_ranking(page) == expected
    expect(page.get_by_text("Showing your edited case")).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert not visible_text(page, "Link:")  # its overrides decode without a warning

    # The editor says what the link carries; its tables include the ranges and the criteria.
    page.get_by_role("tab", name="Edit scores").click()
    expect(page.get_by_text("The share link carries your 2 changed scores")).to_be_visible(
        timeout=UI_TIMEOUT_MS
    )
    for name in ("Scores", "Ranges", "Rationale and sources", "Criteria"):
        expect(page.get_by_role("tab", name=name, exact=True)).to_be_visible()

    # Moving a slider keeps the edits in the address bar, and a fresh page reproduces it.
    thumb = page.get_by_role("slider", name="Open-source stance")
    thumb.focus()
    thumb.press("End")
    page.wait_for_url(lambda url: "w.open_source=100" in url, timeout=UI_TIMEOUT_MS)
    assert "o=deepseek.regulatory_readiness" in page.url.replace("%3A", ":")
    moved = cli_ranking(page.url)
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    fresh.goto(page.url)
    fresh.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    assert page_ranking(fresh) == moved


def test_the_editor_builds_its_download_when_clicked(server, browser):
    # The sheet is built on the click (a callable, not bytes made on every rerun): the browser
    # still receives the edited case.
    from playwright.sync_api import expect

    link = shortlist("link", "--link", EDITS, "--base", server).strip()
    page = open_app(browser, link)
    page.get_by_role("tab", name="Edit scores").click()
    button = page.get_by_role("button", name="Download as a sheet (CSV)")
    expect(button).to_be_visible(timeout=UI_TIMEOUT_MS)
    with page.expect_download(timeout=UI_TIMEOUT_MS) as download:
        button.click()
    with open(download.value.path(), encoding="utf-8-sig", newline="") as f:  # BOM: Excel
        rows = {row["id"]: row for row in csv.DictReader(f)}
    assert rows["deepseek"]["model_quality"] == "10"
    assert rows["deepseek"]["regulatory_readiness"] == "10"
