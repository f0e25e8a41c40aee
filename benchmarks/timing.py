"""The one timer every benchmark uses: best of several runs, after a warm-up run."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(
    fn: Callable[[], object],
    repeats: int = 5,
    warmup: bool = True,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """The fastest of `repeats` runs of `fn`, in seconds (the least disturbed by other load).

    `clock=time.process_time` counts this process's CPU time instead of the wall clock: on a
    shared machine, what the code itself costs, not the time other people's work takes."""
    if warmup:
        fn()  # imports, caches
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)
