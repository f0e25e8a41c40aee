"""First screen in a real browser: navigation to the leader's name being visible, warm server.

Serves the app and a trivial one-line `st.title` page with `streamlit run` (the browser tests'
launcher, tests/e2e/server.py), drives Debian's chromium with Playwright, and times a fresh page
(new browser context, so no cached scripts) from `goto` until the leader's name is visible in
the headline (the app) or the title is (the trivial page). Both servers are warmed first (the
app's imports, case and analysis caches), and runs alternate between the two so that load from
other processes falls on both alike. Prints the medians of RUNS runs and their ratio; asserts
nothing. Run it alone: `python -m benchmarks browser`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from tests.e2e.server import ARTIFACTS, launch_chromium, run_streamlit

RUNS = 9
TIMEOUT_MS = 60_000
TRIVIAL = "import streamlit as st\n\nst.title('Trivial page')\n"
LEADER = ".st-key-card-leader [data-testid='stMarkdownContainer'] strong"


def first_paint(browser, url: str, selector: str) -> float:
    """Seconds from navigation until `selector` is visible, in a fresh context (cold browser
    cache, like a first visit)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(selector).first.wait_for(state="visible", timeout=TIMEOUT_MS)
        return time.perf_counter() - start
    finally:
        context.close()


def measure(runs: int = RUNS) -> tuple[list[float], list[float], str]:
    """(app seconds, trivial seconds, the leader's name) over `runs` alternating runs each."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "trivial.py"
        script.write_text(TRIVIAL)
        app_server, trivial_server = run_streamlit(), run_streamlit(script=script)
        try:
            app_url, trivial_url = next(app_server), next(trivial_server)
            with sync_playwright() as p:
                browser = launch_chromium(p)
                pages = ((app_url, LEADER), (trivial_url, "h1"))
                for url, selector in pages:  # warm: imports, the case, the analysis cache
                    first_paint(browser, url, selector)
                app_times, trivial_times = [], []
                for _ in range(runs):
                    app_times.append(first_paint(browser, *pages[0]))
                    trivial_times.append(first_paint(browser, *pages[1]))
                leader = leader_name(browser, app_url)
                browser.close()
        finally:
            app_server.close()
            trivial_server.close()
    return app_times, trivial_times, leader


def leader_name(browser, url: str) -> str:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    name = page.locator(LEADER).first.inner_text(timeout=TIMEOUT_MS)
    context.close()
    return name


def main() -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    app, trivial, leader = measure()
    a, t = statistics.median(app), statistics.median(trivial)
    print(f"median of {len(app)} fresh page loads on a warm server, navigation to first sight")
    print(f"reference: trivial st.title page      {t * 1000:7.0f} ms   (h1 visible)")
    print(f"app: leader's name in the headline    {a * 1000:7.0f} ms   ({leader})")
    print(f"ratio app / trivial                   {a / t:7.2f}x   (target: at most 2x)")
    print(f"app runs (ms):     {' '.join(f'{x * 1000:.0f}' for x in app)}")
    print(f"trivial runs (ms): {' '.join(f'{x * 1000:.0f}' for x in trivial)}")


if __name__ == "__main__":
    main()
