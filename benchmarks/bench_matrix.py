"""A large RFP from a spreadsheet: 2,000 vendors x 40 criteria as a matrix CSV, loaded,
validated and ranked, against the shipped 5-vendor case measured in the same run.

    python -m benchmarks matrix           # or: make bench
    python -m benchmarks.bench_matrix --write big.csv --vendors 2000 --criteria 40

`generate` writes the case (a criteria YAML file and the matrix sheet, every score with a range
and a rationale, a few unknowns and level-scored criteria) so the same files can be opened in
the app (`SHORTLIST_CRITERIA`, or uploaded).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from functools import partial
from pathlib import Path

import yaml

from benchmarks.timing import best_time
from scoring import Scenario, load_case, rank

ROOT = Path(__file__).resolve().parents[1]
LEVELS = {"none": 0, "partial": 5, "full": 10}


def generate(
    folder: Path, vendors: int = 2000, criteria: int = 40, seed: int = 0, own_words: bool = False
) -> Path:
    """Write `criteria/case.yaml` and `vendors.csv` (matrix) into `folder`; returns the sheet.
    With `own_words`, every cell's rationale is its own text (the worst case: no two scores
    alike), else the same few words throughout."""
    rng = random.Random(seed)
    leaves = []
    for j in range(criteria):
        leaf = {"id": f"c{j:02d}", "name": f"Criterion {j}", "weight": rng.randint(1, 10)}
        if j % 10 == 9:
            leaf["levels"] = dict(LEVELS)
        else:
            leaf["scale"] = {"min": 0, "max": 10}
            leaf["direction"] = "cost" if j % 7 == 3 else "benefit"
        leaves.append(leaf)
    groups = [
        {"id": f"g{g}", "name": f"Group {g}", "weight": 1 + g, "children": leaves[g::4]}
        for g in range(4)
    ]
    (folder / "criteria").mkdir(parents=True, exist_ok=True)
    case = {"case": {"id": "big-rfp", "name": "A large RFP"}, "criteria": groups}
    (folder / "criteria" / "case.yaml").write_text(yaml.safe_dump(case), encoding="utf-8")
    header = ["id", "name"]
    for leaf in leaves:
        cid = leaf["id"]
        header += [cid, f"{cid}_low", f"{cid}_high", f"{cid}_rationale"]
    lines = [",".join(header)]
    for i in range(vendors):
        cells = [f"v{i:04d}", f"Vendor {i}"]
        for leaf in leaves:
            why = f"analyst judgement {i}.{leaf['id']}" if own_words else "analyst judgement"
            if "levels" in leaf:
                cells += [rng.choice(list(LEVELS)), "", "", why]
            elif rng.random() < 0.01:
                cells += ["", "", "", "not disclosed"]
            else:
                v = rng.randint(1, 9)
                cells += [str(v), str(v - 1), str(v + 1), why]
        lines.append(",".join(cells))
    sheet = folder / "vendors.csv"
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sheet


def _load_and_rank(criteria: Path, vendors: Path) -> None:
    rank(load_case(criteria, vendors), Scenario())


def _cpu_seconds(fn) -> float:
    """CPU time of one run: on a shared machine the wall time also counts others' work."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def _peak_mb(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_matrix")
    parser.add_argument("--vendors", type=int, default=2000)
    parser.add_argument("--criteria", type=int, default=40)
    parser.add_argument("--write", metavar="DIR", help="only write the case to DIR")
    args = parser.parse_args(argv or [])
    if args.write:
        sheet = generate(Path(args.write), args.vendors, args.criteria)
        print(f"wrote {sheet} and {Path(args.write) / 'criteria' / 'case.yaml'}")
        return
    size = f"{args.vendors:,} vendors x {args.criteria} criteria"
    small = best_time(lambda: _load_and_rank(ROOT / "criteria", ROOT / "vendors"))
    for own_words, words in ((False, "one rationale text"), (True, "every cell its own rationale")):
        with tempfile.TemporaryDirectory() as folder:
            sheet = generate(Path(folder), args.vendors, args.criteria, own_words=own_words)
            run = partial(_load_and_rank, Path(folder) / "criteria", sheet)
            big = best_time(run, repeats=3)
            cpu = min(_cpu_seconds(run) for _ in range(3))
            peak = _peak_mb(run)
        print(
            f"load + validate + rank, matrix CSV, {size}, {words}: {big:.2f} s wall, "
            f"{cpu:.2f} s CPU (best of 3; peak {peak:.0f} MB traced); "
            f"{big / small:.0f}x the 5-vendor case for {args.vendors / 5:.0f}x the vendors"
        )
    print(f"load + validate + rank, shipped 5-vendor YAML case: {small * 1000:.1f} ms")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
