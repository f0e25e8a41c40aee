"""Counting over sorted values with the pairwise expression's own rounding.

Comparisons between every pair of m values (is v_a - v_b above a threshold?) cost O(m^2). Sorted,
the values for which such a test holds are a run, and one search per value finds where it ends:
O(m log m). A search for the threshold alone (v_b < v_a - q) can put a value on the other side
than the rounded pairwise test (v_a - v_b > q) when the difference is the threshold to the last
unit in the last place, as scores on a grid often are. `leading` therefore searches a window a
few units wide around the threshold and bisects inside it with the test itself: its counts are
the pairwise test's, exactly. PROMETHEE's flows and SMAA's tie splits use it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

WINDOW = 1e-13  # relative half-width of the search window: many times any rounding of v_a - v_b


def leading(
    s: np.ndarray,
    x: np.ndarray,
    t: np.ndarray,
    test: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> np.ndarray:
    """For each query x[a]: how many of the ascending values s pass test(x[a], s[b]) before the
    first that fails.

    `test` must hold on a prefix of s for each query (monotone in s[b]) and change near
    s[b] = t[a]: outside t[a] +- WINDOW * (1 + |x[a]| + |t[a]|) it must already be decided, which
    a test built from one subtraction and one comparison (and a product by a positive number)
    always is.
    """
    width = WINDOW * (1.0 + np.abs(x) + np.abs(t))
    lo = np.searchsorted(s, t - width, "left")  # every value before lo passes
    hi = np.searchsorted(s, t + width, "right")  # every value from hi on fails
    last = s.size - 1
    while True:
        undecided = lo < hi
        if not undecided.any():
            return lo
        mid = (lo + hi) // 2
        passes = test(x, s[np.minimum(mid, last)])
        lo = np.where(undecided & passes, mid + 1, lo)
        hi = np.where(undecided & ~passes, mid, hi)
