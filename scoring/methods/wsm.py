"""Weighted sum model (Fishburn 1967): S_i = sum_j w_j v_ij."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scoring.methods.columns import others_sum


def wsm(V: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Weighted sum of normalised values.

    V: (m, n), or (k, m, n) for one matrix per weight vector; W: (k, n) -> (k, m) scores.
    """
    if V.ndim == 3:
        return np.einsum("kmn,kn->km", V, W)
    return (V @ W.T).T  # laid out vendors x samples, as SMAA's ranking reads it


def wsm_edited(V: np.ndarray, w: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Scores (p, m) of V (m, n) under w (n,) with column jv[p] replaced by C[p] (p, m): each
    vendor's sum over the other columns once, then one term per candidate (methods/columns.py)."""
    rest = others_sum(V * w)

    def score(jv: np.ndarray, C: np.ndarray) -> np.ndarray:
        return rest[:, jv].T + w[jv, None] * C

    return score
