"""Real browser: open a share link, check the ranking against the CLI, move a slider, reopen.

Runs `streamlit run app.py` on a free port and drives Debian's /usr/bin/chromium with Playwright.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 60
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen) -> None:
    """Poll the health endpoint until it answers ok, the server dies, or the deadline passes."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # polling interval of a condition wait, not a fixed delay
    raise TimeoutError(f"{url} did not answer within {START_TIMEOUT_S} s")


@pytest.fixture(scope="module")
def server():
    """The app on a free port; yields its base URL and stops it afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "SHORTLIST_CRITERIA": str(ROOT / "criteria"),
        "SHORTLIST_VENDORS": str(ROOT / "vendors"),
    }
    env.pop("SHORTLIST_BASE_URL", None)
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "streamlit.log", "w") as out:
        proc = subprocess.Popen(
            [
                str(BIN / "streamlit"),
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],  # fmt: skip
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def shortlist(*args: str) -> str:
    exe = shutil.which("shortlist", path=str(BIN)) or "shortlist"
    done = subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout


def cli_ranking(link: str) -> list[tuple[str, int, str]]:
    """(vendor, rank, score to 3 dp) from `shortlist rank --link LINK --format json`."""
    data = json.loads(shortlist("rank", "--link", link, "--format", "json"))
    return [(r["vendor"], r["rank"], f"{r['score']:.3f}") for r in data["ranking"]]


def page_ranking(page) -> list[tuple[str, int, str]]:
    """The ranking table as the page shows it, read from the DOM."""
    rows = page.locator("table.shortlist-ranking tbody tr")
    return [
        (
            row.get_attribute("data-vendor"),
            int(row.locator("td.rank").inner_text()),
            row.locator("td.score").inner_text(),
        )
        for row in rows.all()
    ]


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
    assert not fresh.get_by_text("Link:").count()  # its own link decodes without warnings
    fresh.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=UI_TIMEOUT_MS
    )
    fresh.screenshot(path=str(ARTIFACTS / "app.png"))
    if os.environ.get("SHORTLIST_UPDATE_SCREENSHOT"):  # refresh the README's picture on request
        shutil.copyfile(ARTIFACTS / "app.png", ROOT / "docs" / "screenshot.png")
    context.close()
    page.close()


def test_hostile_link_shows_a_warning_in_the_browser(server, browser):
    page = open_app(browser, server + "?m=electre&w.user_data=lots&zz=1")
    warnings = page.locator('[data-testid="stAlertContentWarning"]')
    warnings.first.wait_for(timeout=UI_TIMEOUT_MS)
    text = " ".join(warnings.all_inner_texts())
    assert "m='electre' is not one of wsm, wpm, topsis; used wsm" in text
    assert "weight of user_data = 'lots'" in text
    assert "ignored unknown parameter(s): 'zz'" in text
    page.wait_for_url(lambda url: "zz=" not in url and "m=wsm" in url, timeout=UI_TIMEOUT_MS)
    assert page_ranking(page) == cli_ranking(page.url)
    page.close()
