"""Resolve a loaded `Case` and a `Scenario` into the arrays every method works on.

`resolve` applies the scenario's weights and vendor subset, maps level labels to numbers, fills
unknown values conservatively, and sets aside vendors that fail a must-have (with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scoring.checks import numeric
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.methods.promethee import DEFAULT_P, Preference
from scoring.model import Criterion, PreferenceSpec, Scenario


@dataclass(frozen=True)
class Excluded:
    """A vendor set aside by a must-have: why, and which of its values are unknown."""

    vendor: str
    name: str
    reasons: tuple[str, ...]
    unknowns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolved:
    """The decision matrix of the eligible vendors, with everything needed to rank it.

    X, low, high: (m, n) values in each criterion's own numbers; unknown: (m, n) bool;
    scale_min, scale_max: (n,); benefit: (n,) bool; weights: (n,) global leaf weights, sum 1.
    """

    vendor_ids: tuple[str, ...]
    vendor_names: tuple[str, ...]
    leaf_ids: tuple[str, ...]
    leaf_names: tuple[str, ...]
    X: np.ndarray
    low: np.ndarray
    high: np.ndarray
    unknown: np.ndarray
    scale_min: np.ndarray
    scale_max: np.ndarray
    benefit: np.ndarray
    weights: np.ndarray
    excluded: tuple[Excluded, ...] = field(default=())
    preference: tuple[Preference, ...] = field(default=())

    @property
    def m(self) -> int:
        return len(self.vendor_ids)

    @property
    def n(self) -> int:
        return len(self.leaf_ids)

    def unknowns_of(self, i: int) -> list[str]:
        return [self.leaf_ids[j] for j in np.flatnonzero(self.unknown[i])]


def raw_weights(case: Case, scenario: Scenario) -> dict[str, float]:
    """Every criterion's raw weight: the scenario's where it sets one, else the file's."""
    unknown = sorted(set(scenario.weights) - set(case.by_id))
    if unknown:
        raise ScenarioError(f"unknown criterion id(s) in weights: {', '.join(unknown)}")
    return {c.id: float(scenario.weights.get(c.id, c.weight)) for c in case.all_criteria}


def local_shares(case: Case, raw: dict[str, float]) -> dict[str, float]:
    """Each criterion's share of its parent (siblings' raw weights normalised to sum 1)."""
    out: dict[str, float] = {}
    groups = [case.criteria] + [c.children for c in case.all_criteria if c.children]
    for siblings in groups:
        total = sum(raw[c.id] for c in siblings)
        for c in siblings:
            out[c.id] = raw[c.id] / total if total > 0 else 0.0
    return out


def global_weights(case: Case, raw: dict[str, float]) -> dict[str, float]:
    """Every criterion's global weight: the product of local shares down the tree.

    A group's global weight is the sum of its leaves'. Raises ScenarioError when every leaf
    ends up with zero weight (nothing left to rank on).
    """
    local = local_shares(case, raw)
    out: dict[str, float] = {}

    def visit(c: Criterion, above: float) -> None:
        out[c.id] = above * local[c.id]
        for child in c.children:
            visit(child, out[c.id])

    for root in case.criteria:
        visit(root, 1.0)
    if sum(out[c.id] for c in case.leaves) <= 0:
        raise ScenarioError("all weights are zero: give at least one criterion a weight")
    return out


def leaf_weight_vector(case: Case, scenario: Scenario) -> np.ndarray:
    g = global_weights(case, raw_weights(case, scenario))
    w = np.array([g[c.id] for c in case.leaves], dtype=float)
    return w / w.sum()


def resolve(case: Case, scenario: Scenario) -> Resolved:
    """Arrays for the scenario's vendors; those failing a must-have are set aside with reasons."""
    leaves = case.leaves
    weights = leaf_weight_vector(case, scenario)
    vendor_ids = list(scenario.vendors) if scenario.vendors is not None else None
    if vendor_ids is None:
        vendors = list(case.vendors)
    else:
        missing = [v for v in vendor_ids if v not in case.vendor_by_id]
        if missing:
            raise ScenarioError(f"unknown vendor id(s): {', '.join(missing)}")
        vendors = [case.vendor_by_id[v] for v in dict.fromkeys(vendor_ids)]
    if not vendors:
        raise ScenarioError("no vendors selected: choose at least one")
    lo = np.array([c.bounds[0] for c in leaves], dtype=float)
    hi = np.array([c.bounds[1] for c in leaves], dtype=float)
    benefit = np.array([c.direction == "benefit" for c in leaves], dtype=bool)
    m, n = len(vendors), len(leaves)
    X, low, high = np.empty((m, n)), np.empty((m, n)), np.empty((m, n))
    unknown = np.zeros((m, n), dtype=bool)
    # A column at a time: at 2,000 vendors x 40 criteria a per-cell loop was a third of the load.
    for j, c in enumerate(leaves):
        cells = [v.scores[c.id] for v in vendors]
        values = [s.value for s in cells]
        unknown[:, j] = missing = [value is None for value in values]
        fill = _unknown_fill(scenario.unknowns, lo[j], hi[j], benefit[j])
        values = [fill if u else x for x, u in zip(values, missing, strict=True)]
        X[:, j] = _numbers(values, c)
        ranges = [s.range for s in cells]
        if any(r is not None for r in ranges):
            pairs = list(zip(values, ranges, strict=True))
            low[:, j] = _numbers([r[0] if r else x for x, r in pairs], c)
            high[:, j] = _numbers([r[1] if r else x for x, r in pairs], c)
        else:
            low[:, j] = high[:, j] = X[:, j]
        # An unknown spans the whole scale: SMAA samples it like any uncertain cell.
        low[unknown[:, j], j], high[unknown[:, j], j] = lo[j], hi[j]
    keep = np.ones(m, dtype=bool)
    excluded = []
    for i in np.flatnonzero(_may_fail_must_haves(leaves, X, unknown)):
        v = vendors[i]
        reasons = _must_have_failures(leaves, X[i].tolist(), unknown[i].tolist())
        if reasons:
            unknown_ids = tuple(c.id for c, u in zip(leaves, unknown[i], strict=True) if u)
            excluded.append(Excluded(v.id, v.name, tuple(reasons), unknown_ids))
            keep[i] = False
    kept = [v for v, k in zip(vendors, keep, strict=True) if k]
    rows, lows, highs, unknown = X[keep], low[keep], high[keep], unknown[keep]
    return Resolved(
        vendor_ids=tuple(v.id for v in kept),
        vendor_names=tuple(v.name for v in kept),
        leaf_ids=tuple(c.id for c in leaves),
        leaf_names=tuple(c.name for c in leaves),
        X=rows,
        low=lows,
        high=highs,
        unknown=unknown,
        scale_min=lo,
        scale_max=hi,
        benefit=benefit,
        weights=weights,
        excluded=tuple(excluded),
        preference=tuple(preference_of(c, scenario.preference.get(c.id)) for c in leaves),
    )


def preference_of(c: Criterion, override: PreferenceSpec | None = None) -> Preference:
    """A leaf's PROMETHEE preference function (the scenario's `override`, else the criteria
    files') with its thresholds divided by its scale's width, so that they apply to values
    placed on that scale (0..1); the default when neither gives one."""
    spec = override or c.preference
    if spec is None:
        return Preference()
    low, high = c.bounds
    width = high - low

    def share(x: float | None, default: float) -> float:
        return default if x is None else x / width

    return Preference(
        spec.function, share(spec.q, 0.0), share(spec.p, DEFAULT_P), share(spec.s, DEFAULT_P / 2)
    )


def _numbers(values: list, c: Criterion) -> list[float]:
    """`numeric` over a column: level labels mapped through `levels`, numbers as floats."""
    if c.levels is None:
        return values
    levels = c.levels
    return [levels[x] if isinstance(x, str) else x for x in values]


def _may_fail_must_haves(
    leaves: tuple[Criterion, ...], X: np.ndarray, unknown: np.ndarray
) -> np.ndarray:
    """Which vendors break at least one must-have (unknowns included): only those need the
    sentences of `_must_have_failures`."""
    fails = np.zeros(X.shape[0], dtype=bool)
    for j, c in enumerate(leaves):
        if c.must_have is None:
            continue
        if c.must_have.min is not None:
            fails |= unknown[:, j] | (X[:, j] < numeric(c.must_have.min, c))
        if c.must_have.max is not None:
            fails |= unknown[:, j] | (X[:, j] > numeric(c.must_have.max, c))
    return fails


def _unknown_fill(policy: str, lo: float, hi: float, benefit: bool) -> float:
    """Unknown values are scored at the worst end of the scale unless the scenario says midpoint."""
    if policy == "midpoint":
        return (lo + hi) / 2
    return lo if benefit else hi


def _must_have_failures(leaves: tuple[Criterion, ...], x: list[float], unk: list[bool]) -> list:
    """Why a vendor fails its must-haves, one sentence per broken threshold (none: it passes).

    An unknown value fails: a knock-out must be confirmed, not assumed.
    """
    reasons = []
    for j, c in enumerate(leaves):
        if c.must_have is None:
            continue
        for side, word in (("min", "minimum"), ("max", "maximum")):
            bound = getattr(c.must_have, side)
            if bound is None:
                continue
            threshold = f"the must-have {word} {shown_value(bound, c)}"
            if unk[j]:
                reasons.append(f"{c.name}: value unknown, cannot confirm {threshold}")
                continue
            limit = numeric(bound, c)
            if (side == "min" and x[j] < limit) or (side == "max" and x[j] > limit):
                where = "below" if side == "min" else "above"
                reasons.append(f"{c.name}: {shown_value(x[j], c)} is {where} {threshold}")
    return reasons


def shown_value(value: float | str, c: Criterion) -> str:
    """A value as the files write it: a level's label where the criterion has levels, else the
    number with its unit."""
    if isinstance(value, str):
        return value
    if c.levels is not None:
        labels = [label for label, number in c.levels.items() if number == value]
        if labels:
            return labels[0]
    return f"{value:g} {c.unit}" if c.unit else f"{value:g}"
