"""TOPSIS (Hwang & Yoon 1981): relative closeness to the ideal solution.

With weighted values u_ij = w_j v_ij, ideal A+_j = max_i u_ij, anti-ideal A-_j = min_i u_ij,
S+_i = ||u_i - A+||, S-_i = ||u_i - A-||, and C_i = S-_i / (S+_i + S-_i).

V is already "higher is better" (cost criteria reversed by the normalisation), so the ideal is
the column maximum for every criterion. Because w_j >= 0, max_i(w_j v_ij) = w_j max_i v_ij, and
S+_i^2 = sum_j w_j^2 (v_ij - max_i v_ij)^2: a (k, n) x (n, m) product, no (k, m, n) tensor.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scoring.methods.columns import others_sum


def topsis(V: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Relative closeness to the ideal. V: (m, n) or (k, m, n); W: (k, n) -> (k, m) in [0, 1]."""
    if V.ndim == 2:
        return topsis_fixed(V)(W)
    W2 = W * W
    best = V.max(axis=1, keepdims=True)
    worst = V.min(axis=1, keepdims=True)
    s_plus = np.sqrt(np.einsum("kmn,kn->km", (V - best) ** 2, W2))
    s_minus = np.sqrt(np.einsum("kmn,kn->km", (V - worst) ** 2, W2))
    return _closeness(s_plus, s_minus)


def topsis_fixed(V: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """TOPSIS for one V (m, n) prepared once: a function of W (k, n) -> (k, m), the same numbers
    as `topsis(V, W)`. The squared distances to the ideal and the anti-ideal depend on V alone;
    a sweep scores hundreds of weight vectors on one V, one product each."""
    m = V.shape[0]
    # Both distances in one product, laid out vendors x samples (as SMAA's ranking reads
    # them): rows 0..m-1 to the ideal, m..2m-1 to the anti-ideal.
    apart = np.vstack(((V - V.max(axis=0)) ** 2, (V - V.min(axis=0)) ** 2))

    def score(W: np.ndarray) -> np.ndarray:
        both = np.sqrt(apart @ (W * W).T)
        return _closeness(both[:m].T, both[m:].T)

    return score


def topsis_edited(V: np.ndarray, w: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Scores (p, m) of V (m, n) under w (n,) with column jv[p] replaced by C[p] (p, m): the
    squared distances from the other columns once, the replaced column's (its ideal and
    anti-ideal read from C) per candidate."""
    w2 = w * w
    plus = others_sum((V - V.max(axis=0)) ** 2 * w2)
    minus = others_sum((V - V.min(axis=0)) ** 2 * w2)

    def score(jv: np.ndarray, C: np.ndarray) -> np.ndarray:
        wj = w2[jv, None]
        s_plus = plus[:, jv].T + wj * (C - C.max(axis=1, keepdims=True)) ** 2
        s_minus = minus[:, jv].T + wj * (C - C.min(axis=1, keepdims=True)) ** 2
        return _closeness(np.sqrt(s_plus), np.sqrt(s_minus))

    return score


def _closeness(s_plus: np.ndarray, s_minus: np.ndarray) -> np.ndarray:
    total = s_plus + s_minus
    # Every vendor identical on every weighted criterion: all equally close, 0.5 by convention.
    return np.divide(s_minus, total, out=np.full_like(total, 0.5), where=total > 0)
