"""The registry of ranking methods and normalisations: each declared once, here.

Every method takes V (m, n) or (k, m, n) and W (k, n) and returns scores (k, m); every
normalisation maps raw values (..., m, n) to [0, 1], higher is better. An entry holds what the
rest of Shortlist needs to know about one of them: the function, the label and the one-sentence
help people read (sidebar, CLI, reports), the paper it follows. The scenario model's choices
(`scoring.model`), the CLI's `--method` and `--normalization`, the sidebar and the README tables
are derived from these entries, and tests/unit/test_registry.py fails when one is undocumented.

This module imports only numpy and the method and normalisation functions, so that the model
can read the keys and defaults without importing anything above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scoring import normalize as _nz
from scoring.methods.promethee import (
    edit_values,
    net_contributions,
    promethee2,
    promethee_edited,
)
from scoring.methods.topsis import topsis, topsis_edited, topsis_fixed
from scoring.methods.vikor import vikor, vikor_edited, vikor_fixed
from scoring.methods.wpm import wpm, wpm_edited, wpm_fixed
from scoring.methods.wsm import wsm, wsm_edited


@dataclass(frozen=True)
class MethodEntry:
    """One ranking method.

    `label` is what people read ("Weighted sum (WSM)"), `short` its abbreviation for tight
    places, `help` one plain sentence on what the score means. `additive`: the score is linear
    in the weights, so a one-way sweep's crossovers have a closed form. `higher_is_better`
    False: the lowest score ranks first (VIKOR's Q). `options`: the keyword options the function
    takes beyond (V, W), filled by `scoring.rank.method_options` from the scenario and the case.
    """

    key: str
    fn: Callable[[np.ndarray, np.ndarray], np.ndarray]
    label: str
    short: str
    help: str
    default_normalization: str
    reference: str
    higher_is_better: bool = True
    additive: bool = False
    options: tuple[str, ...] = ()
    ratio_scores: bool = True  # 0 means "nothing": a lead reads as a share of the leader's score
    score_range: tuple[float, float] = (0.0, 1.0)
    # F(V, **options) (..., m, n) with score = sum_j F_ij w_j: a score linear in the weights for
    # given values, so many weight vectors on one matrix cost one product (SMAA's confidence).
    linear_part: Callable[..., np.ndarray] | None = None
    # fixed(V, **options) -> a function of W: the method prepared once for one value matrix
    # V (m, n), giving fn(V, W) for any W. A sweep scores hundreds of weight vectors on one V.
    fixed: Callable[..., Callable[[np.ndarray], np.ndarray]] | None = None
    # edited(V, w, **options) -> a function of (jv (p,), C (p, m)) giving fn's scores (p, m) of V
    # with column jv[p] replaced by values C[p], under the one weight vector w: "what it would
    # take" moves one score, so one column, per candidate (O(m) each, not O(m n)).
    edited: Callable[..., Callable[[np.ndarray, np.ndarray], np.ndarray]] | None = None
    # edit_values(m, n, **options) -> the values `edited` computes per candidate at most (what
    # "what it would take" budgets); None: one column, m.
    edit_values: Callable[..., int] | None = None
    # CPU time per value (one vendor on one criterion) under one weight vector when many vectors
    # share one matrix (the `linear_part` or `fixed` path), relative to WSM's: what SMAA's
    # confidence budget counts. Measured in the confidence pass at 2,000 vendors x 40 criteria: WSM 0.63 ns a
    # value, TOPSIS 1.42, WPM 1.74, VIKOR 2.36 (rounded up below).
    cost: float = 1.0

    def reads(self) -> str:
        """How its scores read, for a caption: 'Scores run from 0 to 1, higher is better'."""
        low, high = self.score_range
        way = "higher" if self.higher_is_better else "lower"
        return f"Scores run from {low:g} to {high:g}, {way} is better"

    def goodness(self, score: float) -> float:
        """A score placed on 0 (worst possible) .. 1 (best possible), for sizes and colours."""
        low, high = self.score_range
        g = min(max((score - low) / (high - low), 0.0), 1.0)
        return g if self.higher_is_better else 1.0 - g


@dataclass(frozen=True)
class NormalizationEntry:
    """One normalisation: how a criterion's raw values become 0..1 values (1 = best)."""

    key: str
    fn: Callable[..., np.ndarray]
    label: str
    help: str
    reference: str


def _values(V: np.ndarray) -> np.ndarray:
    """WSM's linear part: the score is the values times the weights, F = V."""
    return V


METHOD_REGISTRY: dict[str, MethodEntry] = {
    e.key: e
    for e in (
        MethodEntry(
            key="wsm",
            fn=wsm,
            edited=wsm_edited,
            label="Weighted sum (WSM)",
            short="WSM",
            help="Each score is the weighted average of the vendor's values, so a strength on "
            "one criterion can make up for a weakness on another.",
            default_normalization="scale",
            reference="Fishburn (1967), Additive utilities with incomplete product sets",
            additive=True,
            linear_part=_values,
        ),
        MethodEntry(
            key="wpm",
            fn=wpm,
            edited=wpm_edited,
            fixed=wpm_fixed,
            cost=3.0,
            label="Weighted product (WPM)",
            short="WPM",
            help="Each score multiplies the vendor's values, each raised to its weight, so a "
            "very weak value drags the whole score down and a zero rules the vendor out.",
            default_normalization="max",
            reference="Bridgman (1922), Dimensional Analysis; Miller & Starr (1969), "
            "Executive Decisions and Operations Research",
        ),
        MethodEntry(
            key="topsis",
            fn=topsis,
            edited=topsis_edited,
            fixed=topsis_fixed,
            cost=2.5,
            label="Closeness to the ideal (TOPSIS)",
            short="TOPSIS",
            help="Each score says how close the vendor comes to an imaginary vendor with the "
            "best value on every criterion, and how far from one with the worst (1 = the ideal).",
            default_normalization="vector",
            reference="Hwang & Yoon (1981), Multiple Attribute Decision Making",
        ),
        MethodEntry(
            key="vikor",
            fn=vikor,
            fixed=vikor_fixed,
            edited=vikor_edited,
            cost=4.0,
            label="Compromise ranking (VIKOR)",
            short="VIKOR",
            help="Each score blends the vendor's total shortfall from the best vendors with its "
            "single worst shortfall, so 0 is best and 1 is worst; lower ranks first.",
            default_normalization="scale",
            reference="Opricovic & Tzeng (2007), Extended VIKOR method in comparison with "
            "outranking methods, European Journal of Operational Research 178(2) 514-529",
            higher_is_better=False,
            options=("v",),
            ratio_scores=False,
        ),
        MethodEntry(
            key="promethee2",
            fn=promethee2,
            edited=promethee_edited,
            edit_values=edit_values,
            label="Head-to-head preferences (PROMETHEE II)",
            short="PROMETHEE II",
            help="Each vendor is compared with every other on every criterion; the score is how "
            "much it is preferred minus how much others are preferred to it (-1 to 1).",
            default_normalization="scale",
            reference="Brans & Vincke (1985), A preference ranking organisation method, "
            "Management Science 31(6) 647-656",
            options=("preference",),
            linear_part=net_contributions,
            ratio_scores=False,
            score_range=(-1.0, 1.0),
        ),
    )
}

NORMALIZATION_REGISTRY: dict[str, NormalizationEntry] = {
    e.key: e
    for e in (
        NormalizationEntry(
            key="scale",
            fn=_nz.scale,
            label="Against the criterion's own scale",
            help="Each value is placed on the criterion's own scale (0-10 means 0-10), so "
            "adding or removing a vendor never moves another's value.",
            reference="Keeney & Raiffa (1976), Decisions with Multiple Objectives: a linear "
            "value function over a fixed range",
        ),
        NormalizationEntry(
            key="minmax",
            fn=_nz.minmax,
            label="From the worst vendor to the best",
            help="The worst vendor on a criterion gets 0 and the best gets 1, so small "
            "differences between vendors look large.",
            reference="Hwang & Yoon (1981), Multiple Attribute Decision Making",
        ),
        NormalizationEntry(
            key="vector",
            fn=_nz.vector,
            label="As a share of the vendors' combined size (vector)",
            help="Each value is divided by the square root of the sum of all vendors' squared "
            "values on that criterion, the usual choice for TOPSIS.",
            reference="Hwang & Yoon (1981), Multiple Attribute Decision Making",
        ),
        NormalizationEntry(
            key="max",
            fn=_nz.max_,
            label="As a share of the best value",
            help="Each value is a fraction of the best vendor's value (for a cost, the lowest "
            "cost divided by the vendor's), so twice as good reads as twice as much.",
            reference="Hwang & Yoon (1981), Multiple Attribute Decision Making: linear scale "
            "transformation",
        ),
        NormalizationEntry(
            key="sum",
            fn=_nz.sum_,
            label="As a share of the total",
            help="Each value is the vendor's share of all vendors' values added up (for a "
            "cost, of the inverses), so the shares on a criterion add up to 1.",
            reference="Saaty (1980), The Analytic Hierarchy Process: each column divided by "
            "its sum",
        ),
    )
}

# Views of the registry, for the callers that need one fact about every entry.
METHODS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    k: e.fn for k, e in METHOD_REGISTRY.items()
}
LABELS: dict[str, str] = {k: e.label for k, e in METHOD_REGISTRY.items()}
NORMALIZATION_LABELS: dict[str, str] = {k: e.label for k, e in NORMALIZATION_REGISTRY.items()}
DEFAULT_NORMALIZATION: dict[str, str] = {
    k: e.default_normalization for k, e in METHOD_REGISTRY.items()
}
ADDITIVE = frozenset(k for k, e in METHOD_REGISTRY.items() if e.additive)
HIGHER_IS_BETTER: dict[str, bool] = {k: e.higher_is_better for k, e in METHOD_REGISTRY.items()}

__all__ = [
    "ADDITIVE",
    "DEFAULT_NORMALIZATION",
    "HIGHER_IS_BETTER",
    "LABELS",
    "METHODS",
    "METHOD_REGISTRY",
    "NORMALIZATION_LABELS",
    "NORMALIZATION_REGISTRY",
    "MethodEntry",
    "NormalizationEntry",
    "promethee2",
    "topsis",
    "vikor",
    "wpm",
    "wsm",
]
