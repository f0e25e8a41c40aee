"""Real browser: the first screen (headline, brief, ranking, tabs) at laptop and phone widths.

The brief's first sentence must be the one `shortlist brief` prints for the same link; at
390 x 844 nothing may scroll sideways and every tab must stay in reach. Screenshots at 390 and
1440 px go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import json

import pytest

from tests.e2e.server import ARTIFACTS, CHROMIUM
from tests.e2e.test_browser import UI_TIMEOUT_MS, shortlist

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]
LEADER = ".st-key-card-leader [data-testid='stMarkdownContainer'] strong"
BRIEF = ".st-key-brief [data-testid='stMarkdownContainer']"
TABS = (
    "Charts", "Vendor detail", "Head-to-head", "Robustness", "Set weights", "Report", "Edit scores",
    "Team round",
)  # fmt: skip


def cli_brief(link: str) -> dict:
    return json.loads(shortlist("brief", "--link", link, "--format", "json"))


def open_first_screen(browser, url: str, width: int, height: int, mobile: bool = False):
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=mobile
    )
    page = context.new_page()
    page.goto(url)
    page.locator(LEADER).wait_for(timeout=UI_TIMEOUT_MS)
    page.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    page.get_by_role("tab", name="Report").wait_for(timeout=UI_TIMEOUT_MS)
    return page


def test_the_brief_in_the_page_is_the_clis(server, browser):
    from playwright.sync_api import expect

    page = open_first_screen(browser, server, 1440, 900)
    brief = cli_brief(page.url)
    names = {"alibaba": "Alibaba (Qwen)"}
    expect(page.locator(LEADER)).to_have_text(names[brief["leader"]])
    expect(page.locator(BRIEF).get_by_text(brief["sentences"][0], exact=True)).to_be_visible()
    expect(page.locator(BRIEF).get_by_text(brief["sentences"][1], exact=True)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "first-screen-1440.png"))
    page.context.close()


def test_phone_width_fits_without_sideways_scroll(server, browser):
    from playwright.sync_api import expect

    page = open_first_screen(browser, server, 390, 844, mobile=True)
    first = cli_brief(page.url)["sentences"][0]
    expect(page.locator(LEADER)).to_be_in_viewport()
    expect(page.locator(BRIEF).get_by_text(first, exact=True)).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / "first-screen-390.png"))
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    table = page.locator("table.shortlist-ranking")
    assert table.evaluate("el => el.scrollWidth <= el.parentElement.clientWidth + 1")
    for name in TABS:  # the tab bar wraps: every tab lies inside the page, none scrolled away
        tab = page.get_by_role("tab", name=name)
        tab.scroll_into_view_if_needed()
        expect(tab).to_be_visible()
        box = tab.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width[1], (name, box)
        strip = tab.evaluate(
            "el => { const l = el.parentElement; return [l.scrollWidth, l.clientWidth]; }"
        )
        assert strip[0] <= strip[1] + 1, (name, strip)  # the strip has nothing hidden to scroll
    page.get_by_role("tab", name="Report").click()
    page.wait_for_url(lambda url: "tab=Report" in url, timeout=UI_TIMEOUT_MS)
    page.context.close()
