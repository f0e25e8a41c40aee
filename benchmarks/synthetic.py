"""Synthetic cases of any size: the shipped criteria and N vendors with random scores and
ranges, written as a long-format score sheet (a folder of YAML files stops at 500 files).

    python -m benchmarks.synthetic 2000 /tmp/case-2000   # criteria/ and scores.csv
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

from scoring import load_case
from scoring.sheetsafe import csv_text
from scoring.tabular.grid import COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def write_case(vendors: int, folder: Path, seed: int = 1) -> tuple[Path, Path]:
    """(criteria folder, score sheet) of a case with `vendors` vendors under `folder`."""
    shipped = load_case(ROOT / "criteria", ROOT / "vendors")
    rnd = random.Random(seed)
    criteria = folder / "criteria"
    criteria.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "criteria" / "ai_partner.yaml", criteria / "ai_partner.yaml")
    rows: list[list[object]] = [list(COLUMNS)]
    col = {name: i for i, name in enumerate(COLUMNS)}
    for i in range(vendors):
        for leaf in shipped.leaves:
            row: list[object] = [None] * len(COLUMNS)
            row[col["vendor_id"]] = f"v{i:05d}"
            row[col["vendor_name"]] = f"Vendor {i:05d}"
            row[col["criterion"]] = leaf.id
            if leaf.levels:
                labels = list(leaf.levels)
                row[col["value"]] = rnd.choice(labels)
            else:
                low, high = leaf.bounds
                value = round(rnd.uniform(low, high), 1)
                spread = round(rnd.uniform(0, (high - low) / 10), 1)
                row[col["value"]] = value
                row[col["low"]] = max(low, round(value - spread, 1))
                row[col["high"]] = min(high, round(value + spread, 1))
            row[col["rationale"]] = "Synthetic score for a benchmark."
            rows.append(row)
    sheet = folder / "scores.csv"
    sheet.write_text(csv_text(rows, bom=True), encoding="utf-8", newline="")
    return criteria, sheet


if __name__ == "__main__":
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    print(*write_case(n, out))
