"""Warm rerun of the app after a weight change, timed with AppTest on the shipped case.

Two figures per open tab: the AppTest rerun as the test harness sees it (wall time, including its
polling), and the server-side script run alone (timed around Streamlit's ScriptRunner, the
part a real server spends before sending the page). References measured in the same run: the
same two figures for a trivial one-slider script, and a bare `scoring.rank` call. Prints
medians and ratios; asserts nothing.
"""

from __future__ import annotations

import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

import scoring

ROOT = Path(__file__).resolve().parents[1]
RERUNS = 30
LARGE_RERUNS = 3  # a large case's rerun takes seconds
TRIVIAL = "import streamlit as st\nst.slider('w', 0.0, 100.0, 15.0, key='w')\nst.write('ok')\n"


SCRIPT_RUNS: list[float] = []


def time_script_runs() -> None:
    """Record the duration of every script run (server side) in SCRIPT_RUNS."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def timed(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            SCRIPT_RUNS.append(time.perf_counter() - start)

    script_runner.ScriptRunner._run_script = timed


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def rerun_times(at: AppTest, key: str, n: int) -> list[float]:
    """Seconds per rerun after moving the slider `key` to a new value each time."""
    at.run()
    SCRIPT_RUNS.clear()
    times = []
    for i in range(n):
        # A new value every time, so nothing is served from st.cache_data (Robustness caches
        # its analyses per scenario).
        at.slider(key=key).set_value(10.0 + i)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times


def app_times(tab: str | None, n: int, slider: str = "w.user_data") -> list[float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if tab:
        at.query_params["tab"] = tab
    return rerun_times(at, slider, n)


def large_case(shipped: dict[str, float]) -> None:
    """The same reruns on the 2,000-vendor x 40-criteria case of bench_matrix (every score a
    range, so the simulations vary every cell: the heaviest case the limits allow), against the
    shipped case's figure for the same tab."""
    from benchmarks.bench_matrix import generate

    saved = {k: os.environ.get(k) for k in ("SHORTLIST_CRITERIA", "SHORTLIST_VENDORS")}
    with tempfile.TemporaryDirectory() as folder:
        sheet = generate(Path(folder), 2000, 40)
        os.environ["SHORTLIST_CRITERIA"] = str(Path(folder) / "criteria")
        os.environ["SHORTLIST_VENDORS"] = str(sheet)
        try:
            for tab in ("Charts", "Robustness"):
                app = median_ms(app_times(tab, LARGE_RERUNS, slider="w.g0"))
                print(
                    f"app, {tab + ' tab':18}  2,000 vendors x 40 criteria: AppTest {app / 1000:5.2f} s"
                    f"   = {app / shipped[tab]:4.0f}x the shipped case's {shipped[tab]:.0f} ms"
                    f" for 400x the vendors (median of {LARGE_RERUNS})"
                )
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def trivial_times(n: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "trivial.py"
        script.write_text(TRIVIAL)
        return rerun_times(AppTest.from_file(str(script), default_timeout=60), "w", n)


def rank_times(n: int) -> list[float]:
    case = scoring.load_case(ROOT / "criteria", ROOT / "vendors")
    times = []
    for i in range(n):
        scenario = scoring.Scenario(weights={"user_data": 15.0 + (i % 2)})
        start = time.perf_counter()
        scoring.rank(case, scenario)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    # AppTest outside a server logs 'missing ScriptRunContext' per run: noise in a benchmark.
    logging.disable(logging.WARNING)
    os.environ.setdefault("SHORTLIST_CRITERIA", str(ROOT / "criteria"))
    os.environ.setdefault("SHORTLIST_VENDORS", str(ROOT / "vendors"))
    time_script_runs()
    trivial = median_ms(trivial_times(RERUNS))
    trivial_script = median_ms(SCRIPT_RUNS)
    bare = median_ms(rank_times(RERUNS * 10))
    print(f"medians of {RERUNS} reruns, each after a slider change")
    print(
        f"reference: trivial script       AppTest {trivial:6.1f} ms   script {trivial_script:5.1f} ms"
    )
    print(f"reference: scoring.rank alone                       {bare:6.2f} ms")
    # Robustness and Report show what an open tab costs; with another tab open they cost
    # nothing (only the open tab's body runs), which the Charts line includes.
    shipped = {}
    for tab in ("Charts", "Vendor detail", "Head-to-head", "Robustness", "Report"):
        app = shipped[tab] = median_ms(app_times(tab, RERUNS))
        script = median_ms(SCRIPT_RUNS)
        print(
            f"app, {tab + ' tab':18}  AppTest {app:6.1f} ms   script {script:5.1f} ms"
            f"   = {script / trivial_script:5.1f}x the trivial script,"
            f" {script / bare:6.0f}x scoring.rank"
        )
    large_case(shipped)


if __name__ == "__main__":
    main()
