"""Real browser: upload a small case in the sidebar, see it ranked; add a broken file, see why.

Uses the `server` and `browser` fixtures of conftest.py (`streamlit run app.py`, Debian chromium).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import Scenario, load_case, rank
from tests.e2e.pages import page_ranking

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "tests" / "fixtures" / "demo"
ARTIFACTS = ROOT / "test-artifacts"
UI_TIMEOUT_MS = 30_000
# `value: 99` is on line 4, column 13 (hand-counted); the demo's quality scale ends at 10.
BROKEN = b"id: bad\nname: Bad\nscores:\n  quality: {value: 99}\n  price: 10\n  licence: open\n"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path("/usr/bin/chromium").exists(),
        reason="needs Debian's chromium at /usr/bin/chromium",
    ),
]


def wait_vendors(page, vendors: list[str]) -> None:
    page.wait_for_function(
        """vendors => [...document.querySelectorAll('table.shortlist-ranking tbody tr')]
            .map(r => r.dataset.vendor).join() === vendors""",
        arg=",".join(vendors),
        timeout=UI_TIMEOUT_MS,
    )


def test_upload_a_case_then_a_broken_vendor_file(server, browser):
    from playwright.sync_api import expect

    demo = load_case(DEMO / "criteria", DEMO / "vendors")
    expected = [
        (r["vendor"], r["rank"], f"{r['score']:.3f}") for r in rank(demo, Scenario()).rows()
    ]
    shipped = load_case(ROOT / "criteria", ROOT / "vendors")
    shipped_vendors = [r["vendor"] for r in rank(shipped, Scenario()).rows()]

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(server)
    page.locator("table.shortlist-ranking").wait_for(timeout=UI_TIMEOUT_MS)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Use your own data").click()
    chooser = sidebar.locator('input[type="file"]')
    chooser.set_input_files(
        [
            DEMO / "criteria" / "case.yaml",
            DEMO / "vendors" / "acme.yaml",
            DEMO / "vendors" / "beta.yaml",
        ]
    )

    wait_vendors(page, [v for v, _, _ in expected])
    assert page_ranking(page) == expected
    banner = page.locator(".st-key-upload_banner")
    expect(banner).to_contain_text("Showing your uploaded case: Demo case (2 vendors)")
    expect(banner.get_by_role("button", name="Back to the shipped case")).to_be_visible()
    page.wait_for_url(lambda url: f"fp={demo.fingerprint[:8]}" in url, timeout=UI_TIMEOUT_MS)
    assert "w.quality=2" in page.url and "w.user_data" not in page.url
    # The panel stays open with the files listed, although the sidebar above it changed.
    expect(sidebar.get_by_text("beta.yaml", exact=True)).to_be_visible()
    expect(sidebar.get_by_text("In use: case.yaml, acme.yaml, beta.yaml.")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "upload-case.png"))

    # Add a broken vendor file: the uploader now holds four files, one of them wrong.
    chooser.set_input_files(
        [{"name": "bad.yaml", "mimeType": "application/yaml", "buffer": BROKEN}]
    )
    error = page.locator('[data-testid="stAlert"]').filter(has_text="Your upload could not")
    error.wait_for(timeout=UI_TIMEOUT_MS)
    text = error.inner_text()
    assert "Your upload could not be loaded: 1 problem." in text
    assert "bad.yaml:4:13: scores.quality.value: 99 is above the scale maximum 10" in text
    assert "/tmp" not in text
    wait_vendors(page, shipped_vendors)  # the shipped case meanwhile, never a half-loaded one
    assert not page.locator(".st-key-upload_banner").count()
    # The uploader is empty again, so the corrected set replaces these; the panel names them.
    tried = "Your last upload (case.yaml, acme.yaml, beta.yaml, bad.yaml) could not be loaded"
    expect(sidebar.get_by_text(tried)).to_be_visible()
    expect(sidebar.get_by_text("bad.yaml", exact=True)).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "upload-error.png"))
    context.close()
