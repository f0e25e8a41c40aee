"""The one timer every benchmark uses: best of several runs, after a warm-up run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


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


@dataclass(frozen=True)
class Times:
    """One measurement by both clocks, in seconds. For single-threaded code `cpu` is what the
    wall clock would show on an idle machine; `wall` adds the time other processes took."""

    wall: float
    cpu: float


def best_times(fn: Callable[[], object], repeats: int = 5, warmup: bool = True) -> Times:
    """`best_time` by the wall clock and by CPU time, both taken on every run."""
    if warmup:
        fn()
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Times(min(walls), min(cpus))


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(met: bool) -> str:
    return "MET" if met else "NOT MET on this run"


def ratio_report(per_sample: list[Times], ours: list[Times], samples: int, target: float) -> str:
    """The reference's time for `samples` over ours, round by round (matched), by CPU time, with
    the median, the wall-clock median and the verdict against `target`."""
    ratios = [p.cpu * samples / o.cpu for p, o in zip(per_sample, ours, strict=True)]
    walls = [p.wall * samples / o.wall for p, o in zip(per_sample, ours, strict=True)]
    ratio = median(ratios)
    rounds = " ".join(f"{x:.0f}x" for x in ratios)
    return (
        f"ratio {ratio:.0f}x (rounds {rounds}; by the wall clock {median(walls):.0f}x) -- "
        f"issue target >= {target:g}x: {verdict(ratio >= target)}"
    )
