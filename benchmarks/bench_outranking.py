"""SMAA-2 with VIKOR and PROMETHEE II: our batched run against pymcdm called once per sample,
and how PROMETHEE's cost grows with the number of vendors.

Problem: 100,000 weight samples x 20 vendors x 12 criteria, scores fixed (as bench_smaa). The
reference loops over the same sampled weights calling pymcdm's VIKOR / PROMETHEE_II once per
sample on the same normalised values (pymcdm's PROMETHEE object spends its thresholds in one
call, so one object per sample is part of its per-sample cost), timed on REFERENCE_SAMPLES
samples and extrapolated.

PROMETHEE's pairwise preferences are m x m per criterion. With scores fixed the net flow is
linear in the weights (phi = W F^T), so F costs O(m^2 n) once and each sample O(m n): the run
grows like k m n + m^2 n. With scores sampled every sample needs its own F: O(k m^2 n), four
times the work when the vendors double. Measured at m = 50 and 200.

Each ratio is by this process's CPU time: both sides run on one thread, so that is their time on
an idle machine; on a shared machine the wall clock mostly measures other people's load,
unevenly for the two sides (it is printed alongside). Each is measured in ROUNDS rounds and the
median reported.
"""

from __future__ import annotations

import numpy as np

from benchmarks import timing
from benchmarks.bench_smaa import REFERENCE_SAMPLES, SAMPLES, synthetic_case
from scoring.case import resolve
from scoring.model import Scenario
from scoring.rank import method_options, normalized_values
from scoring.sensitivity import sample_weights, smaa, streams

REPEATS = 5
ROUNDS = 3  # each ratio measured this many times, the median reported
TARGET_RATIO = 100  # issue 10: at least 100x pymcdm called once per sample
GROWTH_VENDORS = (50, 200)
GROWTH_SAMPLED = 200  # samples with scores sampled too (each one a full m x m x n pass)


def pymcdm_per_sample(case, scenario: Scenario, k: int) -> timing.Times:
    """Seconds per sample (both clocks) of a loop calling pymcdm's method once per weight
    vector."""
    from pymcdm.methods import PROMETHEE_II, VIKOR

    r = resolve(case, scenario)
    V = normalized_values(r, scenario.effective_normalization)
    W = sample_weights(streams(scenario.seed)[0], r.weights, scenario.weights_model, k)
    types = np.ones(r.n)
    if scenario.method == "vikor":
        vikor = VIKOR(v=scenario.vikor_v)

        def call(w: np.ndarray) -> np.ndarray:
            return vikor(V, w, types, validation=False)
    else:
        p = [pref.p for pref in method_options("promethee2", scenario, r)["preference"]]

        def call(w: np.ndarray) -> np.ndarray:
            return PROMETHEE_II("vshape", p=p)(V, w, types, validation=False)

    counts, positions = np.zeros((r.m, r.m)), np.arange(r.m)

    def loop() -> None:
        for w in W:
            # Each sample ranked and counted, the rank counts SMAA reports, as ours computes.
            counts[np.argsort(call(w)), positions] += 1

    t = timing.best_times(loop, 3)
    return timing.Times(t.wall / k, t.cpu / k)


def main() -> None:
    case = synthetic_case()
    print(
        f"{SAMPLES:,} samples x 20 vendors x 12 criteria, scores fixed. CPU time of this process "
        f"(single-threaded: its wall time on an idle machine); ours best of {REPEATS}, pymcdm's "
        f"loop best of 3 on {REFERENCE_SAMPLES:,} samples, extrapolated; {ROUNDS} rounds, "
        "medians reported."
    )
    for method in ("vikor", "promethee2"):
        sc = Scenario(method=method, samples=SAMPLES, score_sampling="none")
        ours, per = [], []
        for _ in range(ROUNDS):
            ours.append(timing.best_times(lambda sc=sc: smaa(case, sc), REPEATS))
            per.append(pymcdm_per_sample(case, sc, REFERENCE_SAMPLES))
        print(
            f"  {method:<10} ours {timing.median([o.cpu for o in ours]):.3f} s; pymcdm "
            f"{timing.median([p.cpu for p in per]) * 1e6:.0f} us/sample, extrapolated "
            f"{timing.median([p.cpu for p in per]) * SAMPLES:.1f} s; "
            + timing.ratio_report(per, ours, SAMPLES, TARGET_RATIO)
        )
    print("PROMETHEE II cost as the vendors grow (12 criteria)")
    times = []
    for m in GROWTH_VENDORS:
        fixed = Scenario(method="promethee2", samples=SAMPLES, score_sampling="none")
        big = synthetic_case(m=m)
        t_fixed = timing.best_time(lambda sc=fixed, c=big: smaa(c, sc), 3)
        sampled = Scenario(method="promethee2", samples=GROWTH_SAMPLED, score_sampling="uniform")
        uncertain = synthetic_case(m=m, ranges=True)
        t_sampled = timing.best_time(lambda sc=sampled, c=uncertain: smaa(c, sc), 1)
        print(
            f"  m = {m:>3}: {SAMPLES:,} samples, scores fixed {t_fixed:.3f} s; "
            f"{GROWTH_SAMPLED:,} samples with scores sampled {t_sampled:.2f} s "
            f"({t_sampled / GROWTH_SAMPLED * 1e3:.2f} ms/sample)"
        )
        times.append((t_fixed, t_sampled))
    (f50, s50), (f200, s200) = times
    grow = GROWTH_VENDORS[1] / GROWTH_VENDORS[0]
    print(
        f"  {grow:.0f}x the vendors: scores fixed {f200 / f50:.1f}x the time (k m n per sample "
        f"plus m^2 n once, and each sample's ranking); scores sampled {s200 / s50:.1f}x "
        f"(m^2 n pairwise preferences per sample: {grow**2:.0f}x expected)"
    )


if __name__ == "__main__":
    main()
