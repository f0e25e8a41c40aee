"""Time and peak memory at scale: the full report (HTML, sensitivity included), `rank` and
`sensitivity --samples 100` on synthetic cases of 50, 500 and 2,000 vendors (issue 12's
targets: the 2,000-vendor report within 30 s and 1 GB), then the report and the Robustness tab
under each other method (SCALE_METHODS=topsis,vikor limits them; SCALE_METHODS=none skips).

Each command runs in a fresh subprocess (benchmarks/measure.py), so its peak resident memory
is its own. SCALE_SIZES=50,500 limits the sizes (the 2,000-vendor report takes minutes on a
busy 2-core machine).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.synthetic import write_case
from scoring.methods import METHOD_REGISTRY

ROOT = Path(__file__).resolve().parents[1]
SIZES = (50, 500, 2000)


def measure(argv: list[str], cwd: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", *argv],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        nan = float("nan")
        return {"code": done.returncode, "seconds": nan, "cpu": nan, "peak_mib": nan}
    return json.loads(lines[-1])


def commands(data: list[str], out: Path, methods: list[str]) -> list[tuple[str, list[str]]]:
    """What each size runs: the default method's commands, then each other method's report
    and Robustness tab."""
    report = ["report", "-o", str(out), *data]
    tab = ["robustness-tab", *data]
    return [
        ("rank", ["rank", *data]),
        ("sensitivity --samples 100", ["sensitivity", "--samples", "100", *data]),
        ("report -o r.html (full)", report),
        ("Robustness tab (analysis + tables)", tab),
        *(
            item
            for m in methods
            for item in (
                (f"report --method {m}", [*report, "--method", m]),
                (f"Robustness tab --method {m}", [*tab, "--method", m]),
            )
        ),
    ]


def main() -> None:
    sizes = [int(x) for x in os.environ.get("SCALE_SIZES", "").split(",") if x] or SIZES
    wanted = os.environ.get("SCALE_METHODS", "")
    others = [m for m in METHOD_REGISTRY if m != "wsm"]
    methods = [m for m in wanted.split(",") if m in others] if wanted else others
    print(f"{'vendors':>8} {'command':<38} {'seconds':>9} {'CPU s':>7} {'peak MiB':>9} {'exit':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for m in sizes:
            criteria, sheet = write_case(m, Path(tmp) / str(m))
            data = ["--criteria", str(criteria), "--vendors", str(sheet)]
            for name, argv in commands(data, Path(tmp) / "r.html", methods):
                r = measure(argv, ROOT)
                print(
                    f"{m:>8} {name:<38} {r['seconds']:9.1f} {r['cpu']:7.1f} "
                    f"{r['peak_mib']:9.0f} {r['code']:>5}"
                )


if __name__ == "__main__":
    main()
