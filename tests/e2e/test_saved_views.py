"""Real browser: save a view in the panel, open its short link in a fresh browser context, and
see the same ranking (the store is the session's temporary one: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.pages import page_ranking, visible_text

CHROMIUM = Path("/usr/bin/chromium")
UI_TIMEOUT_MS = 60_000  # a shared 2-core machine: the first run of a new session is slow

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


def open_page(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    return page


def test_a_saved_view_opens_from_its_short_link_in_a_fresh_browser(server, browser):
    from playwright.sync_api import expect

    page = open_page(browser, server + "?m=topsis&w.user_data=60&w.open_source=0")
    ranking = page_ranking(page)
    page.get_by_text("Save this view").first.click()
    # The panel's content arrives with the rerun the click starts: wait for all of it.
    page.get_by_role("button", name="Save this view").wait_for(timeout=UI_TIMEOUT_MS)
    for label, value in (("Name", "Browser view"), ("Your name", "Ann")):
        field = page.get_by_label(label, exact=True)
        for _ in range(3):  # a rerun still in flight can replace the field under a fast typist
            field.fill(value)
            field.press("Enter")  # Streamlit takes a text input's value on Enter
            try:
                expect(field).to_have_value(value)
                break
            except AssertionError:
                continue
        expect(field).to_have_value(value)
    page.get_by_role("button", name="Save this view").click()
    expect(page.get_by_text("Saved Browser view.")).to_be_visible(timeout=UI_TIMEOUT_MS)
    short = page.locator('[data-testid="stCode"]').filter(has_text="?s=")
    short.wait_for(timeout=UI_TIMEOUT_MS)
    link = short.inner_text().replace("\n", "").strip()
    assert link.startswith(server.rstrip("/")) and "?s=" in link
    page.context.close()

    fresh = open_page(browser, link)  # a new context: no cookies, no session, only the link
    assert page_ranking(fresh) == ranking
    fresh.wait_for_url(
        lambda url: "m=topsis" in url and "?s=" not in url and "&s=" not in url,
        timeout=UI_TIMEOUT_MS,
    )
    assert not visible_text(fresh, "Link:")
    fresh.context.close()
