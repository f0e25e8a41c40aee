"""A link Streamlit drops whole (over 1,000 parameters) is named on the page (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.linkguard import ELEMENT_ID

CHROMIUM = Path("/usr/bin/chromium")
UI_TIMEOUT_MS = 90_000  # the first page of a cold server on a busy machine

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@pytest.mark.parametrize(("fields", "shown"), [(1200, True), (10, False)])
def test_a_link_with_more_than_1000_parameters_gets_a_warning(server, browser, fields, shown):
    from playwright.sync_api import expect

    query = "&".join(f"w.x{i}=1" for i in range(fields))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server.rstrip('/')}/?{query}")
    banner = page.locator(f"#{ELEMENT_ID}")
    banner.wait_for(state="attached", timeout=UI_TIMEOUT_MS)
    if shown:
        expect(banner).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(banner).to_contain_text("more than 1,000 parameters")
    else:
        expect(banner).to_be_hidden()
        # a link Streamlit does pass on: our own grouped warning names the unknown weights
        expect(page.get_by_text("ignored the weights of unknown criteria")).to_be_visible(
            timeout=UI_TIMEOUT_MS
        )
    page.close()
