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
