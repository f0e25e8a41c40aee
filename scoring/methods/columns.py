"""Scores with one column of values replaced: what "what it would take" asks of a method.

Moving one vendor's score on criterion j changes column j of the values (all of it when the
normalisation reads the column, as vector, max, sum and minmax do) and nothing else. Every
method here adds or maximises per-criterion terms, so each vendor's terms from the other columns
are computed once, and a candidate costs O(m), not the O(m n) of re-scoring the whole matrix:
at 2,000 vendors x 40 criteria that is what keeps the search and the unknowns check in seconds
and in megabytes (a batch of 700 re-scored matrices took 2 GB).

The terms left out of a sum are added from both sides (prefix and suffix sums), never
subtracted from the total: terms of one sign then keep their relative precision, and a vendor
whose distance from the ideal comes from the changed column alone keeps an exact 0 elsewhere.
"""

from __future__ import annotations

import numpy as np


def others_sum(T: np.ndarray) -> np.ndarray:
    """(m, n): each row's sum of its terms T (m, n) on every column but j, at [:, j]."""
    out = np.zeros_like(T)
    np.cumsum(T[:, :-1], axis=1, out=out[:, 1:])  # columns before j
    after = np.cumsum(T[:, :0:-1], axis=1)[:, ::-1]  # columns after j, for j < n - 1
    out[:, :-1] += after
    return out


def others_max(T: np.ndarray) -> np.ndarray:
    """(m, n): each row's largest term of T (m, n), all >= 0, on every column but j (0 if none)."""
    out = np.zeros_like(T)
    np.maximum.accumulate(T[:, :-1], axis=1, out=out[:, 1:])
    after = np.maximum.accumulate(T[:, :0:-1], axis=1)[:, ::-1]
    np.maximum(out[:, :-1], after, out=out[:, :-1])
    return out
