"""Weighted sum model (Fishburn 1967): S_i = sum_j w_j v_ij."""

from __future__ import annotations

import numpy as np


def wsm(V: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Weighted sum of normalised values.

    V: (m, n), or (k, m, n) for one matrix per weight vector; W: (k, n) -> (k, m) scores.
    """
    if V.ndim == 3:
        return np.einsum("kmn,kn->km", V, W)
    return (V @ W.T).T  # laid out vendors x samples, as SMAA's ranking reads it
