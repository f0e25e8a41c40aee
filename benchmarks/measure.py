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

from scoring.cli import main

if __name__ == "__main__":
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(sys.argv[1:])
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"code": code, "seconds": seconds, "peak_mib": peak_kib / 1024}))
