"""Report speed on the shipped case: building ReportData and writing each format.

Reference, measured in the same run: one plain `rank()` call. Each figure is the best of a few
repeats (the least disturbed run); ratios compare across machines, absolute times do not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from benchmarks.timing import best_time
from scoring import Scenario, load_case, rank
from scoring.report import FORMATS, build_report_data

ROOT = Path(__file__).resolve().parents[1]
WHEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def best_of(fn: Callable[[], object], repeats: int) -> float:
    return best_time(fn, repeats, warmup=False)


def main() -> None:
    case = load_case(ROOT / "criteria", ROOT / "vendors")
    scenario = Scenario()
    rank(case, scenario)  # warm imports and caches before timing anything
    reference = best_of(lambda: rank(case, scenario), 50)
    data = build_report_data(case, scenario, generated_at=WHEN)
    for fmt in FORMATS:  # warm each writer's imports (openpyxl, plotly, WeasyPrint)
        FORMATS[fmt][0](data)
    rows = [
        ("ReportData, no sensitivity", best_of(
            lambda: build_report_data(case, scenario, sensitivity=False, generated_at=WHEN), 10)),
        (f"ReportData + sensitivity ({scenario.samples} samples)", best_of(
            lambda: build_report_data(case, scenario, generated_at=WHEN), 5)),
    ]  # fmt: skip
    for fmt, (writer, _, _) in FORMATS.items():
        rows.append((f"write {fmt}", best_of(lambda w=writer: w(data), 3 if fmt == "pdf" else 10)))
    csv_time = dict(rows)["write csv"]
    print(f"reference: rank() on the shipped case = {reference * 1e3:.2f} ms")
    print(f"{'step':<44} {'ms':>9} {'x rank()':>10} {'x csv':>9}")
    for name, seconds in rows:
        print(f"{name:<44} {seconds * 1e3:9.1f} {seconds / reference:10.1f} "
              f"{seconds / csv_time:9.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
