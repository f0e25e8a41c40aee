"""Each row's vendors best first, for SMAA's rank counts: a plain sort instead of an argsort
(many vendors), or a pairwise count of the vendors ahead of each (`better_counts`, a few dozen).

NumPy sorts rows of numbers with SIMD code several times faster than it argsorts them. So the
vendor index is packed into the lowest bits of an order-preserving integer form of each score,
the integers are sorted, and the indices read back from those bits.

Why it is exact where it matters: two scores only swap when they share every bit but the packed
ones, so they differ by less than `tol` (checked on the scores' size below, else argsort). The
caller reads the scores in the returned order and treats a row as tied when two neighbours are
within `tol`; a row not tied is strictly decreasing, so its order is the only descending order
of its scores, the same as a stable argsort's. Tied rows are ranked from the scores themselves.
"""

from __future__ import annotations

import numpy as np

_EPS = np.finfo(float).eps
_LOW_63 = np.int64(0x7FFF_FFFF_FFFF_FFFF)


def descending_order(S: np.ndarray, tol: float) -> np.ndarray:
    """(c, m) vendor indices per row of S (c, m), highest score first.

    A row whose scores all differ by more than `tol` gets exactly `np.argsort(-S, kind="stable")`;
    a row with scores within `tol` of each other may order those few differently (see above).
    """
    m = S.shape[1]
    bits = max(1, int(m - 1).bit_length())
    size = float(np.abs(S).max(initial=0.0))
    if not np.isfinite(size) or size * _EPS * 2.0**bits >= tol:
        return np.argsort(-S, axis=1, kind="stable")
    key = np.negative(S).view(np.int64)  # a fresh array: safe to change in place
    # Negative floats order backwards as integers: flip their magnitude bits.
    np.bitwise_xor(key, _LOW_63, out=key, where=key < 0)
    key &= ~np.int64(2**bits - 1)
    key |= np.arange(m, dtype=np.int64)
    key.sort(axis=1)
    key &= np.int64(2**bits - 1)
    return key


def better_counts(X: np.ndarray, tol: float) -> np.ndarray:
    """(m, b) uint8: for each vendor (row of X, (m, b), one column per sample) the number of
    vendors whose score is higher by more than `tol` in that sample, for m <= 255.

    The pairwise count behind SMAA's ranks for a few dozen vendors: m passes of one comparison
    over a contiguous block, no sort and no (b, m, m) array. The rule is that of
    `rank.competition_ranks` and of the tied rows' shares, so the two never disagree.
    """
    ahead = X + tol
    better = np.zeros(X.shape, dtype=np.uint8)
    beats = np.empty(X.shape, dtype=bool)
    for row in X:
        np.greater(row, ahead, out=beats)  # this vendor beats each one by more than tol
        better += beats.view(np.uint8)
    return better
