"""Real browser: open a share link, check the ranking against the CLI, move a slider, reopen.

Runs `streamlit run app.py` on a free port and drives Debian's /usr/bin/chromium with Playwright
(the `server`, `serve` and `browser` fixtures are in conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.pages import page_ranking, visible_text

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent
ARTIFACTS = ROOT / "test-artifacts"
UI_TIMEOUT_MS = 30_000
# The link starts from `--weights user_data=60`; moving "Open-source stance" to its maximum
# reorders the field (hand-checked with `shortlist rank`), so the new page must show a new order.
LINK_WEIGHTS = "user_data=60"
SLIDER = "Open-source stance"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


def shortlist(*args: str) -> str:
    exe = shutil.which("shortlist", path=str(BIN)) or "shortlist"
    done = subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout


def cli_ranking(link: str) -> list[tuple[str, int, str]]:
    """(vendor, rank, score to 3 dp) from `shortlist rank --link LINK --format json`."""
    data = json.loads(shortlist("rank", "--link", link, "--format", "json"))
    return [(r["vendor"], r["rank"], f"{r['score']:.3f}") for r in data["ranking"]]


def open_app(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    return page


def test_share_link_slider_and_new_link_round_trip(server, browser):
    from playwright.sync_api import expect

    link = shortlist("link", "--weights", LINK_WEIGHTS, "--base", server).strip()
    assert link.startswith(server + "?") and "w.user_data=60" in link
    expected = cli_ranking(link)

    page = open_app(browser, link)
    assert page_ranking(page) == expected
    expect(page.get_by_role("slider", name=SLIDER)).to_have_value("15")

    # Move the slider with the keyboard; the URL must follow each change.
    thumb = page.get_by_role("slider", name=SLIDER)
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_url(lambda url: "w.open_source=16" in url, timeout=UI_TIMEOUT_MS)
    thumb.press("End")
    page.wait_for_url(lambda url: "w.open_source=100" in url, timeout=UI_TIMEOUT_MS)
    new_url = page.url
    new_expected = cli_ranking(new_url)
    assert new_expected != expected  # the move changed the order
    page.wait_for_function(
        """vendors => {
            const rows = [...document.querySelectorAll('table.shortlist-ranking tbody tr')];
            return rows.map(r => r.dataset.vendor).join() === vendors;
        }""",
        arg=",".join(v for v, _, _ in new_expected),
        timeout=UI_TIMEOUT_MS,
    )
    assert page_ranking(page) == new_expected
    page.screenshot(path=str(ARTIFACTS / "after-slider.png"))

    # A fresh page (new browser context: nothing shared) opened on the new URL shows the same.
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = context.new_page()
    fresh.goto(new_url)
    fresh.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    assert page_ranking(fresh) == new_expected
    expect(fresh.get_by_role("slider", name=SLIDER)).to_have_value("100")
    assert not visible_text(fresh, "Link:")  # its own link decodes without warnings
    fresh.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=UI_TIMEOUT_MS
    )
    fresh.screenshot(path=str(ARTIFACTS / "fresh-link.png"))
    context.close()
    page.close()


def test_hostile_link_shows_a_warning_in_the_browser(server, browser):
    page = open_app(browser, server + "?m=electre&w.user_data=lots&zz=1")
    warnings = page.locator('[data-testid="stAlertContentWarning"]')
    warnings.first.wait_for(timeout=UI_TIMEOUT_MS)
    text = " ".join(warnings.all_inner_texts())
    assert "m='electre' is not one of wsm, wpm, topsis, vikor, promethee2; used wsm" in text
    assert "weight of user_data = 'lots'" in text
    assert "ignored unknown parameter(s): 'zz'" in text
    page.wait_for_url(lambda url: "zz=" not in url and "m=wsm" in url, timeout=UI_TIMEOUT_MS)
    assert page_ranking(page) == cli_ranking(page.url)
    page.close()


CHART_DATA = """() => [...document.querySelectorAll('.js-plotly-plot')].map(
    el => JSON.stringify({data: el.data, layout: {x: el.layout.xaxis, y: el.layout.yaxis}}))"""


def open_laptop(browser, url: str, **context_options):
    """A fresh browser context (nothing shared) at a 1280 x 800 laptop size, on `url`."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **context_options)
    page = context.new_page()
    page.goto(url)
    page.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    return page


def wait_charts(page, n: int = 4) -> list[str]:
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot').length >= {n}", timeout=UI_TIMEOUT_MS
    )
    return page.evaluate(CHART_DATA)


def test_copied_share_link_reproduces_ranking_and_charts_in_a_fresh_browser(server, browser):
    from playwright.sync_api import expect

    origin = server.rstrip("/")
    page = open_laptop(
        browser,
        server + "?w.user_data=60&m=topsis&v=alibaba,tencent,deepseek&qx=Ecosystem+fit",
        permissions=["clipboard-read", "clipboard-write"],
    )
    charts = wait_charts(page)
    ranking = page_ranking(page)
    # The share control shows the complete link, and its copy button copies exactly that.
    page.get_by_text("Share this scenario").click()
    code = page.locator('[data-testid="stCode"]')
    code.wait_for(timeout=UI_TIMEOUT_MS)
    copy = code.get_by_role("button", name="Copy to clipboard")
    code.hover()  # the copy button shows on hover
    copy.click(timeout=UI_TIMEOUT_MS)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == code.inner_text().replace("\n", "")
    assert copied.startswith(origin + "?") and "qx=Ecosystem+fit" in copied
    assert cli_ranking(copied) == ranking
    page.context.close()

    fresh = open_laptop(browser, copied)
    assert page_ranking(fresh) == ranking
    expect(fresh.get_by_role("slider", name="Consumer behavioural data")).to_have_value("60")
    assert wait_charts(fresh) == charts  # every trace and axis of the four charts
    assert not visible_text(fresh, "Link:")
    fresh.context.close()


def test_hostile_markup_in_a_link_is_shown_as_text(server, browser):
    page = open_laptop(
        browser, server + "?m=%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D1%3E&zz%3Cb%3E=1"
    )
    warning = page.locator('[data-testid="stAlertContentWarning"]').first
    warning.wait_for(timeout=UI_TIMEOUT_MS)
    assert "m='<img src=x onerror=window.pwned=1>' is not one of" in warning.inner_text()
    assert "'zz<b>'" in warning.inner_text()
    assert warning.locator("img, b").count() == 0  # text, not markup
    assert page.evaluate("window.pwned") is None
    page.context.close()


def test_laptop_layout_shows_every_chosen_vendor(server, browser):
    page = open_laptop(browser, server)
    tags = page.locator('.st-key-v [data-testid="stMultiSelectTagsContainer"]')
    tags.wait_for(timeout=UI_TIMEOUT_MS)
    # Streamlit caps the box's height and scrolls it; the last vendor was cut off.
    assert tags.evaluate("el => el.scrollHeight <= el.clientHeight + 1")
    box = tags.bounding_box()
    for chip in tags.get_by_role("button").all():
        label = chip.get_attribute("aria-label") or ""
        if not label.startswith("Remove"):
            continue
        chip_box = chip.bounding_box()
        assert chip_box["y"] + chip_box["height"] <= box["y"] + box["height"] + 1, label
    table = page.locator("table.shortlist-ranking")
    assert table.evaluate("el => el.scrollWidth <= el.parentElement.clientWidth + 1")
    page.context.close()


def test_screenshot_of_the_default_scenario(server, browser):
    """The README's picture: the shipped case as it opens, ranking and first chart in view."""
    context = browser.new_context(viewport={"width": 1400, "height": 1330})
    page = context.new_page()
    page.goto(server)
    page.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    wait_charts(page)
    page.wait_for_function(  # plotly has drawn the bars, not just created the element
        "() => document.querySelectorAll('.js-plotly-plot .barlayer .point').length > 0",
        timeout=UI_TIMEOUT_MS,
    )
    assert [v for v, _, _ in page_ranking(page)] == [v for v, _, _ in cli_ranking(page.url)]
    page.screenshot(path=str(ARTIFACTS / "app.png"))
    if os.environ.get("SHORTLIST_UPDATE_SCREENSHOT"):  # refresh the README's picture on request
        shutil.copyfile(ARTIFACTS / "app.png", ROOT / "docs" / "screenshot.png")
    context.close()


def test_share_panel_stays_open_and_follows_every_change(server, browser):
    page = open_laptop(browser, server)
    page.get_by_text("Share this scenario").click()
    code = page.locator('[data-testid="stCode"]')
    code.wait_for(timeout=UI_TIMEOUT_MS)
    assert "w.user_data=15&" in code.inner_text().replace("\n", "")
    thumb = page.get_by_role("slider", name="Consumer behavioural data")
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_url(lambda url: "w.user_data=16" in url, timeout=UI_TIMEOUT_MS)
    # The panel used to snap shut on every rerun, so the link in it could not be watched.
    page.wait_for_function(
        """() => { const c = document.querySelector('[data-testid="stCode"]');
                   return c && c.offsetParent !== null && c.innerText.includes('w.user_data=16'); }""",
        timeout=UI_TIMEOUT_MS,
    )
    page.context.close()


def test_share_link_keeps_the_path_the_app_is_served_under(browser, serve):
    """Behind a proxy the app lives under a path; the link must keep it (not point at /)."""
    for base in serve("tools/shortlist"):
        page = open_laptop(browser, base + "?w.user_data=33")
        page.get_by_text("Share this scenario").click()
        code = page.locator('[data-testid="stCode"]')
        code.wait_for(timeout=UI_TIMEOUT_MS)
        link = code.inner_text().replace("\n", "")
        assert link.startswith(base.rstrip("/") + "?"), link
        assert "w.user_data=33" in link
        page.context.close()


def test_reload_and_back_keep_the_address_bar_true_to_the_page(server, browser):
    from playwright.sync_api import expect

    page = open_laptop(browser, server + "?w.user_data=40")
    thumb = page.get_by_role("slider", name=SLIDER)
    thumb.focus()
    thumb.press("End")
    page.wait_for_url(lambda url: "w.open_source=100" in url, timeout=UI_TIMEOUT_MS)
    expected = cli_ranking(page.url)
    page.reload()
    page.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    expect(page.get_by_role("slider", name=SLIDER)).to_have_value("100")
    assert page_ranking(page) == expected and "w.open_source=100" in page.url
    page.get_by_role("tab", name="Head-to-head").click()
    page.wait_for_url(lambda url: "tab=Head-to-head" in url, timeout=UI_TIMEOUT_MS)
    # Back returns to the address before the slider moved; the app keeps the scenario the user
    # left (the widgets own it after the first run) and writes it back into the address bar.
    # (Which tab shows after Back is Streamlit's business and races with its history handling.)
    page.go_back()
    page.wait_for_url(lambda url: "tab=" not in url, timeout=UI_TIMEOUT_MS)
    page.wait_for_url(lambda url: "w.open_source=100" in url, timeout=UI_TIMEOUT_MS)
    expect(page.get_by_role("slider", name=SLIDER)).to_have_value("100")
    assert page_ranking(page) == cli_ranking(page.url) == expected
    page.context.close()
