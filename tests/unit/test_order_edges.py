"""The packed-integer sort of SMAA's rows at its edges: scores so large that packing the vendor
index into the low bits would merge scores further apart than the tolerance (the guard must fall
back to argsort), no rows at all, and infinite scores (found by mutation testing)."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.rank import TIE_TOLERANCE
from scoring.sensitivity.order import descending_order


@pytest.mark.parametrize("m", [8, 1024])
def test_large_scores_a_few_ulps_apart_keep_their_exact_order(m):
    # Near 1e4 one ulp is 1.8e-12, above the tolerance: scores 2 ulps apart are distinct, but
    # packing m vendor indices into the low bits would merge them. Ascending scores: the
    # descending order is the indices reversed.
    S = np.array([[1e4] * m])
    for i in range(1, m):
        S[0, i] = np.nextafter(np.nextafter(S[0, i - 1], np.inf), np.inf)
    assert np.all(np.diff(S[0]) > TIE_TOLERANCE)
    assert descending_order(S, TIE_TOLERANCE).tolist() == [list(range(m - 1, -1, -1))]


def test_no_rows_give_no_orders():
    assert descending_order(np.empty((0, 3)), TIE_TOLERANCE).shape == (0, 3)


def test_infinite_scores_fall_back_to_argsort():
    S = np.array([[1.0, np.inf, -np.inf, 0.5]])
    assert descending_order(S, TIE_TOLERANCE).tolist() == [[1, 0, 3, 2]]
