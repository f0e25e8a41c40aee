"""Weighted product model (Bridgman 1922; Miller & Starr 1969): S_i = prod_j v_ij ** w_j.

Meaningful on a ratio scale (the `max` normalisation by default): the ratio of two vendors'
scores is prod_j (a_j / b_j) ** w_j, independent of the unit of each criterion. A value of 0 on a
criterion with positive weight gives a score of 0 (a veto); on a zero-weight criterion it is
ignored (0 ** 0 = 1).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scoring.methods.columns import others_sum

# log(0) stands in as a huge finite negative, so that 0 * log(0) = 0 (zero weight ignores it)
# while w * log(0) for w > 0 drives the score to exactly 0 after exp.
_LOG_ZERO = -1e300


def wpm(V: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Weighted product of normalised values, computed as exp(sum_j w_j log v_ij).

    V: (m, n) or (k, m, n) with values >= 0; W: (k, n) -> (k, m) scores.
    """
    if V.ndim == 2:
        return wpm_fixed(V)(W)
    # einsum raises no floating-point flags (measured): -inf from w * log 0 passes silently
    return _product(np.einsum("kmn,kn->km", _logs(V), W))


def wpm_fixed(V: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """WPM for one V (m, n) prepared once (its logarithms): a function of W (k, n) -> (k, m),
    the same numbers as `wpm(V, W)`."""
    logV = _logs(V)

    def score(W: np.ndarray) -> np.ndarray:
        # Weights far above 1 (a caller's unnormalised ones) take w * log 0 = w * -1e300 past
        # the largest float: -inf, and exp(-inf) = 0 is the veto wanted. Every normalisation
        # keeps v <= 1, so log v <= 0 and no +inf can meet it (nothing invalid to silence).
        with np.errstate(over="ignore"):
            return _product(W @ logV.T)

    return score


def wpm_edited(V: np.ndarray, w: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Scores (p, m) of V (m, n) under w (n,) with column jv[p] replaced by C[p] (p, m). The
    weighted logarithms of the positive values and the count of vetoes (weighted zeros) are
    kept apart, so removing a column's veto never has to take -1e300 back out of a sum."""
    vetoed = ((V <= 0) & (w > 0)).astype(float)
    rest = others_sum(_positive_logs(V) * w)  # every term <= 0
    vetoes = others_sum(vetoed)

    def score(jv: np.ndarray, C: np.ndarray) -> np.ndarray:
        wj = w[jv, None]
        out = _product(rest[:, jv].T + wj * _positive_logs(C))
        out[(vetoes[:, jv].T > 0) | ((C <= 0) & (wj > 0))] = 0.0
        return out

    return score


def _positive_logs(V: np.ndarray) -> np.ndarray:
    """log V where V > 0, else 0 (a zero's veto is counted apart)."""
    return np.log(np.where(V > 0, V, 1.0))


def _logs(V: np.ndarray) -> np.ndarray:
    """log V, with _LOG_ZERO where V is 0 (the logarithm is taken of positive values only)."""
    out = np.full(V.shape, _LOG_ZERO)
    return np.log(V, out=out, where=V > 0)


def _product(s: np.ndarray) -> np.ndarray:
    return np.exp(np.maximum(s, -745.0)) * (s > -745.0)
