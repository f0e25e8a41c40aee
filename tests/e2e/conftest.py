"""Real-browser fixtures: the app served by `streamlit run` on a free port, and Debian's chromium.

Shared by every test module in tests/e2e (each module gets its own server: module scope).
"""

from __future__ import annotations

import pytest

from tests.e2e.server import launch_chromium, run_streamlit

# Playwright's `expect` waits 5 s by default; on a shared 2-core machine under load a widget's
# lazily loaded front-end code can take longer to appear (CI saw a slider missing after 5 s
# while the page around it had rendered). Still a wait for the condition, never a sleep.
EXPECT_TIMEOUT_MS = 30_000


@pytest.fixture(autouse=True, scope="session")
def _patient_expect() -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture(scope="module")
def server():
    """The app on a free port; yields its base URL and stops it afterwards."""
    yield from run_streamlit()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def serve():
    """serve(path) -> a generator that runs the app under `path` and yields its URL once."""
    return run_streamlit
