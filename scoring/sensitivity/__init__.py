"""Sensitivity analysis: how robust is the ranking, and what would it take to change it.

>>> from scoring import load_case, Scenario
>>> from scoring.sensitivity import analyse
>>> res = analyse(load_case("criteria", "vendors"), Scenario(), samples=2_000)  # doctest: +SKIP
>>> res.to_dict()["stability"]["regulatory_readiness"]  # doctest: +SKIP

- `sweep`, `crossovers`: one-way sweeps of a criterion's local share (exact for WSM);
- `stability_intervals`: how far each share can move before the leader / ranking changes;
- `smaa`: SMAA-2 rank acceptability, central weights, confidence, holistic acceptability;
- `compare_methods`: the ranking under every method, Kendall's tau and Spearman's rho;
- `analyse`: all of it at once, `SensitivityResult.to_dict()` being the CLI's JSON.

Weights in sweeps, crossovers and stability intervals are LOCAL shares of the parent, 0..1.
"""

from __future__ import annotations

from scoring.sensitivity.analysis import SensitivityResult, analyse, only_children
from scoring.sensitivity.compare import MethodComparison, compare_methods
from scoring.sensitivity.sampling import sample_scores, sample_weights, streams
from scoring.sensitivity.smaa import SmaaResult, meta_weights, smaa
from scoring.sensitivity.stability import StabilityInterval, by_risk, stability_intervals
from scoring.sensitivity.sweep import Crossover, Sweep, crossovers, sweep, sweepable

__all__ = [
    "Crossover",
    "MethodComparison",
    "SensitivityResult",
    "SmaaResult",
    "StabilityInterval",
    "Sweep",
    "analyse",
    "by_risk",
    "only_children",
    "compare_methods",
    "crossovers",
    "meta_weights",
    "sample_scores",
    "sample_weights",
    "smaa",
    "stability_intervals",
    "streams",
    "sweep",
    "sweepable",
]
