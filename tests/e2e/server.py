"""Launching the app under `streamlit run` and Debian's chromium: shared by the browser tests
(conftest.py fixtures) and the browser benchmark (benchmarks/bench_browser.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
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


def run_streamlit(path: str = "", script: Path = APP):
    """`streamlit run` of `script` (the app by default) on a free port (under `path`, as behind
    a proxy); yields its URL."""
    port = free_port()
    env = {
        **os.environ,
        "SHORTLIST_CRITERIA": str(ROOT / "criteria"),
        "SHORTLIST_VENDORS": str(ROOT / "vendors"),
    }
    env.pop("SHORTLIST_BASE_URL", None)
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = f"/{path}" if path else ""
    name = "streamlit" if script == APP else script.stem
    with open(ARTIFACTS / f"{name}{'-' + path.replace('/', '-') if path else ''}.log", "w") as out:
        proc = subprocess.Popen(
            [
                str(BIN / "streamlit"),
                "run",
                str(script),
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


def launch_chromium(playwright):
    """Debian's chromium through Playwright (Playwright's own browser download does not work here)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
