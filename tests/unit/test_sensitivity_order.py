"""SMAA's row ordering by packed-key sort (scoring/sensitivity/order.py) against NumPy's stable
argsort, and the rank counts built on it against a direct count."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_array_equal

from scoring.rank import TIE_TOLERANCE
from scoring.sensitivity.order import descending_order
from scoring.sensitivity.smaa import rank_shares

scores = st.integers(1, 8).flatmap(
    lambda m: arrays(
        float,
        st.tuples(st.integers(1, 12), st.just(m)),
        elements=st.floats(-2, 2, allow_nan=False) | st.sampled_from([0.0, -0.0, 0.5, 1e-13]),
    )
)


@given(scores)
@settings(max_examples=200, deadline=None)
def test_rows_without_near_ties_sort_exactly_as_a_stable_argsort(S: np.ndarray) -> None:
    order = descending_order(S, TIE_TOLERANCE)
    reference = np.argsort(-S, axis=1, kind="stable")
    top = np.sort(S, axis=1)
    apart = (np.diff(top, axis=1) > TIE_TOLERANCE).all(axis=1)
    assert_array_equal(order[apart], reference[apart])
    # Every row is a permutation of its vendors.
    assert_array_equal(np.sort(order, axis=1), np.broadcast_to(np.arange(S.shape[1]), S.shape))


@given(scores)
@settings(max_examples=200, deadline=None)
def test_rank_counts_match_a_direct_count_with_ties_split(S: np.ndarray) -> None:
    counts, first = rank_shares(S)
    c, m = S.shape
    expected = np.zeros((m, m))
    for row in S:
        better = (row[None, :] > row[:, None] + TIE_TOLERANCE).sum(axis=1)
        equal = (np.abs(row[None, :] - row[:, None]) <= TIE_TOLERANCE).sum(axis=1)
        for i in range(m):
            expected[i, better[i] : better[i] + equal[i]] += 1.0 / equal[i]
    np.testing.assert_allclose(counts, expected, atol=1e-12)
    np.testing.assert_allclose(first.sum(axis=1), np.ones(c))


def test_exact_ties_keep_index_order_and_large_scores_fall_back() -> None:
    S = np.array([[1.0, 3.0, 3.0, 1.0], [0.0, -0.0, 2.0, 2.0]])
    assert_array_equal(descending_order(S, TIE_TOLERANCE), [[1, 2, 0, 3], [2, 3, 0, 1]])
    big = np.array([[1e6, 1e6 + 1e-9, 3.0]])  # beyond the packed sort's precision: argsort
    assert_array_equal(descending_order(big, TIE_TOLERANCE), [[1, 0, 2]])
