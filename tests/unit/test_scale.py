"""The fast paths for many vendors give exactly what the direct computations give (issue 12:
a 2,000-vendor report ran for minutes in O(m^2)-per-point loops)."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from benchmarks.synthetic import write_case
from scoring import Scenario, load_case
from scoring.rank import PAIRWISE_RANKS_MAX, TIE_TOLERANCE, competition_ranks
from scoring.sensitivity.smaa import first_shares, rank_shares
from scoring.sensitivity.stability import stability_of

sweep = importlib.import_module("scoring.sensitivity.sweep")  # the package exports a `sweep()`

# Scores on a coarse grid, so ties (the hard case) are common.
scores = st.integers(1, 8).flatmap(
    lambda c: st.integers(PAIRWISE_RANKS_MAX + 1, PAIRWISE_RANKS_MAX + 40).flatmap(
        lambda m: arrays(float, (c, m), elements=st.integers(0, 6).map(lambda x: x / 6))
    )
)


def pairwise(S: np.ndarray) -> np.ndarray:
    return 1 + (S[..., None, :] > S[..., :, None] + TIE_TOLERANCE).sum(axis=-1)


@settings(max_examples=60, deadline=None)
@given(scores)
def test_sorted_competition_ranks_equal_the_pairwise_definition(S):
    assert np.array_equal(competition_ranks(S), pairwise(S))


@settings(max_examples=60, deadline=None)
@given(scores)
def test_first_place_shares_without_the_full_sort_equal_rank_shares(S):
    assert np.allclose(first_shares(S), rank_shares(S)[1])


@pytest.fixture(scope="module")
def sixty(tmp_path_factory):
    criteria, sheet = write_case(60, tmp_path_factory.mktemp("case"), seed=3)
    return load_case(criteria, sheet)


@pytest.mark.parametrize(
    "scenario",
    [Scenario(), Scenario(weights={"user_data": 70}), Scenario(weights={"open_source": 1})],
)
def test_focused_wsm_sweeps_find_the_same_leader_changes_and_intervals(
    sixty, scenario, monkeypatch
):
    s = sweep.setup(sixty, scenario)

    def analysed() -> list:
        out = []
        for cid in sweep.sweepable(sixty):
            path = sweep.weight_path(s, cid)
            changes = sweep.ranking_changes(s, path)
            out.append(
                (sweep.leader_changes(s, path, changes), stability_of(s, cid, path, changes))
            )
        return out

    every = analysed()  # 60 vendors: every pairwise crossing
    monkeypatch.setattr(sweep, "EVERY_CHANGE_MAX", 10)
    assert analysed() == every
    assert sum(len(leader) for leader, _ in every) > 3  # the leader does change on some sweeps
