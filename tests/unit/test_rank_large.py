"""Competition ranks past PAIRWISE_RANKS_MAX vendors when some scores are not finite: the sort
path cannot order NaN, so such rows keep the pairwise definition (found by mutation testing)."""

from __future__ import annotations

import numpy as np

from scoring.rank import PAIRWISE_RANKS_MAX, TIE_TOLERANCE, competition_ranks


def test_non_finite_scores_past_the_pairwise_limit_keep_the_definition():
    S = np.linspace(0.0, 1.0, PAIRWISE_RANKS_MAX + 6)
    S[3], S[10], S[20] = np.nan, np.inf, -np.inf
    # 1 + the number of scores above one's own by more than the tolerance (NaN is above none
    # and below none, so it ranks first, as the pairwise comparison says).
    expected = 1 + (S[None, :] > S[:, None] + TIE_TOLERANCE).sum(axis=1)
    assert competition_ranks(S).tolist() == expected.tolist()
    assert competition_ranks(S)[3] == 1 and competition_ranks(S)[10] == 1


def test_sorted_ranks_of_one_row_and_of_a_stack_of_rows_by_hand():
    # m = PAIRWISE_RANKS_MAX + 2 scores 0, 1, ..., m - 1 reversed and one tie at the top: ranks
    # 1, 1, 3, 4, ..., m. One row (1-D), and a (2, 3, m) stack whose rows are shifted copies.
    m = PAIRWISE_RANKS_MAX + 2
    row = np.arange(m, 0, -1, dtype=float)
    row[1] = row[0]
    want = [1, 1, *range(3, m + 1)]
    assert competition_ranks(row).tolist() == want
    stack = np.stack([[row + k + 10 * j for k in range(3)] for j in range(2)])
    ranks = competition_ranks(stack)
    assert ranks.shape == (2, 3, m)
    assert all(r.tolist() == want for r in ranks.reshape(-1, m))
    # Whole numbers, as the pairwise path gives them (a report writes rank 1, never 1.0).
    assert ranks.dtype == competition_ranks(row[:3]).dtype == np.intp


def test_scores_exactly_the_tolerance_apart_tie_on_the_sort_path_too():
    # "Better" is "above by MORE than the tolerance": .5 and .5 + tol (the very float that the
    # comparison computes) tie, on the pairwise path and past PAIRWISE_RANKS_MAX alike.
    for m in (3, PAIRWISE_RANKS_MAX + 2):
        S = np.linspace(0.0, 0.25, m)
        S[0], S[1] = 0.5, 0.5 + TIE_TOLERANCE
        assert competition_ranks(S)[:2].tolist() == [1, 1]
