"""Run one `shortlist` command in this process and print its wall time and peak memory as JSON:
`python -m benchmarks.measure rank --vendors ...`. bench_scale runs it in a fresh subprocess
per measurement, so each peak is that command's own."""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import time
from pathlib import Path

from scoring.cli import main


def run(argv: list[str]) -> int:
    """A `shortlist` command, or `robustness-tab --criteria C --vendors V [--method M]` (the app
    tab's work)."""
    if argv[:1] == ["robustness-tab"]:
        from benchmarks.robustness_path import robustness_tab

        def value(flag: str, default: str | None = None) -> str:
            return argv[argv.index(flag) + 1] if flag in argv else str(default)

        return robustness_tab(
            Path(value("--criteria")), Path(value("--vendors")), value("--method", "wsm")
        )
    return main(argv)


if __name__ == "__main__":
    if sys.argv[1:2] == ["robustness-tab"]:
        # The app has its modules loaded before any tab opens: the tab's time is its work
        # (reading the case, the analysis, the tables and charts), not Python's imports.
        import benchmarks.robustness_path  # noqa: F401
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = run(sys.argv[1:])
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_kib = usage.ru_maxrss  # KiB on Linux
    # On a shared machine the wall time counts others' work; the CPU time is this command's.
    cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, "peak_mib": peak_kib / 1024}))
