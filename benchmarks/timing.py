"""The one timer every benchmark uses: best of several runs, after a warm-up run."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(fn: Callable[[], object], repeats: int = 5, warmup: bool = True) -> float:
    """The fastest of `repeats` runs of `fn`, in seconds (the least disturbed by other load)."""
    if warmup:
        fn()  # imports, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
