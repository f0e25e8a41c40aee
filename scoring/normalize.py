"""Value functions: map raw values to [0, 1], higher is better, cost criteria reversed.

Every function takes X with shape (..., m, n): vendors on axis -2, criteria on axis -1, so a
stack of sampled matrices (k, m, n) normalises in one call. `benefit` is (n,) bool.

- `scale` (default for WSM): linear over the declared scale. Depends on no other vendor, so
  adding or removing one never changes another's value (no rank reversal from normalisation).
- `minmax`: linear between the observed min and max (Hwang & Yoon 1981).
- `vector`: x / ||x||, cost as 1 - x / ||x|| (Hwang & Yoon 1981; the TOPSIS default). Distances
  to the ideal are the same as with the classic "ideal = min for cost" rule.
- `max`: x / max for benefit, min / x for cost (linear ratio scale; the WPM default, so that
  products of ratios mean what Bridgman's and Miller & Starr's WPM says they mean).
- `sum`: x / sum for benefit, (1/x) / sum(1/x) for cost.

Zeros: with `max` and `sum` a cost value of 0 is the best possible (value 1) and, being infinitely
better on a ratio scale, leaves every positive cost in that column with value 0; a benefit value
of 0 gives value 0. A product (WPM) turns any weighted 0 into a score of 0 — the method's veto
property — so under WPM prefer declared scales whose 0 really means "worthless".
`Ranking.notes()` names the criterion behind each such 0.
"""

from __future__ import annotations

import numpy as np

from scoring.errors import ScenarioError

Bounds = np.ndarray | None  # the declared scale; only `scale` uses it, the others take the data's


def scale(X: np.ndarray, benefit: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Linear value function over the declared scale [lo, hi]."""
    V = X - lo  # float: `normalize` hands every function float X and bool benefit
    V /= hi - lo
    # In place where a cost: the same numbers as np.where(benefit, V, 1 - V), one array not three
    # (SMAA's sampled scores at 2,000 vendors are 80 MB a chunk).
    return np.subtract(1.0, V, out=V, where=~benefit)


def minmax(X: np.ndarray, benefit: np.ndarray, lo: Bounds = None, hi: Bounds = None) -> np.ndarray:
    """(x - min) / (max - min); cost: (max - x) / (max - min). A constant column maps to 1."""
    xmin = X.min(axis=-2, keepdims=True)
    xmax = X.max(axis=-2, keepdims=True)
    span = xmax - xmin
    safe = np.where(span > 0, span, 1.0)
    V = np.where(benefit, X - xmin, xmax - X) / safe
    return np.where(span > 0, V, 1.0)


def vector(X: np.ndarray, benefit: np.ndarray, lo: Bounds = None, hi: Bounds = None) -> np.ndarray:
    """x / sqrt(sum x^2); cost: 1 - x / sqrt(sum x^2). An all-zero column gives no contrast."""
    norm = np.sqrt((X * X).sum(axis=-2, keepdims=True))
    R = X / np.where(norm > 0, norm, 1.0)
    return np.where(benefit, R, 1.0 - R)


def max_(X: np.ndarray, benefit: np.ndarray, lo: Bounds = None, hi: Bounds = None) -> np.ndarray:
    """x / max for benefit; min / x for cost. Needs non-negative values (a ratio scale)."""
    _require_non_negative(X, "max")
    xmax = X.max(axis=-2, keepdims=True)
    xmin = X.min(axis=-2, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        ben = np.where(xmax > 0, X / np.where(xmax > 0, xmax, 1.0), 1.0)
        cost = np.where(X > 0, xmin / np.where(X > 0, X, 1.0), 1.0)
    return np.where(benefit, ben, cost)


def sum_(X: np.ndarray, benefit: np.ndarray, lo: Bounds = None, hi: Bounds = None) -> np.ndarray:
    """x / sum for benefit; (1/x) / sum(1/x) for cost. Needs non-negative values."""
    _require_non_negative(X, "sum")
    total = X.sum(axis=-2, keepdims=True)
    ben = np.where(total > 0, X / np.where(total > 0, total, 1.0), 1.0)
    with np.errstate(divide="ignore"):
        inv = np.where(X > 0, 1.0 / np.where(X > 0, X, 1.0), np.inf)
    inv_total = inv.sum(axis=-2, keepdims=True)
    has_zero = np.isinf(inv_total)
    # A zero cost is infinitely better than any positive one: it takes the whole share.
    zeros = (X == 0).sum(axis=-2, keepdims=True)
    cost = np.where(
        has_zero, (X == 0) / np.maximum(zeros, 1), inv / np.where(has_zero, 1, inv_total)
    )
    return np.where(benefit, ben, cost)


def _require_non_negative(X: np.ndarray, name: str) -> None:
    if (X < 0).any():
        raise ScenarioError(
            f"'{name}' normalisation needs values >= 0 (a ratio scale); this case has negative "
            "values: choose 'scale' or 'minmax'"
        )


def normalize(
    X: np.ndarray, benefit: np.ndarray, lo: np.ndarray, hi: np.ndarray, method: str
) -> np.ndarray:
    """Apply the named normalisation (a key of the registry in `scoring.methods`) to X."""
    # Imported here: the registry imports this module's functions.
    from scoring.methods import NORMALIZATION_REGISTRY

    try:
        fn = NORMALIZATION_REGISTRY[method].fn
    except KeyError:
        raise ScenarioError(
            f"unknown normalisation {method!r}; use one of {', '.join(NORMALIZATION_REGISTRY)}"
        ) from None
    return fn(np.asarray(X, dtype=float), np.asarray(benefit, dtype=bool), lo, hi)
