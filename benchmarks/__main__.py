"""`python -m benchmarks` (or `make bench`): run every benchmarks/bench_*.py module's main().

Each benchmark prints ratios against a reference measured in the same run, so the figures
compare across machines; nothing here asserts a time.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    wanted = set(argv)
    names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    for name in names:
        if wanted and name not in wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"== {name}")
        importlib.import_module(f"benchmarks.{name}").main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
