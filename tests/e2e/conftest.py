"""Real-browser fixtures: the app served by `streamlit run` on a free port, and Debian's chromium.

Shared by every test module in tests/e2e (each module gets its own server: module scope).
"""

from __future__ import annotations

import os
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


def run_streamlit(path: str = ""):
    """`streamlit run app.py` on a free port (under `path`, as behind a proxy); yields its URL."""
    port = free_port()
    env = {
        **os.environ,
        "SHORTLIST_CRITERIA": str(ROOT / "criteria"),
        "SHORTLIST_VENDORS": str(ROOT / "vendors"),
    }
    env.pop("SHORTLIST_BASE_URL", None)
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = f"/{path}" if path else ""
    with open(
        ARTIFACTS / f"streamlit{'-' + path.replace('/', '-') if path else ''}.log", "w"
    ) as out:
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
                "--server.baseUrlPath",
                path,
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
            wait_healthy(f"http://127.0.0.1:{port}{prefix}/_stcore/health", proc)
            yield f"http://127.0.0.1:{port}{prefix}/"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def server():
    """The app on a free port; yields its base URL and stops it afterwards."""
    yield from run_streamlit()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def serve():
    """serve(path) -> a generator that runs the app under `path` and yields its URL once."""
    return run_streamlit
