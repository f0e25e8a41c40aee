"""SMAA's rank counts (scoring/sensitivity/smaa.py `rank_shares`): the pairwise count used for up
to PAIRWISE_VENDORS vendors and the sort used beyond give exactly the same counts and first
places, ties included, in any block size and either memory layout; checked by hand on a tiny
case and against each other on many random ones. Lahdelma & Salminen (2001) define b_i^r as the
share of samples giving vendor i rank r; how exact ties split their ranks is Shortlist's rule
(each tied vendor gets an equal share of every rank the group spans)."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_array_equal

from scoring.rank import TIE_TOLERANCE
from scoring.sensitivity import ties
from scoring.sensitivity.order import better_counts

smaa_module = importlib.import_module("scoring.sensitivity.smaa")  # the package exports smaa()
rank_shares = smaa_module.rank_shares

# Row 1: vendors 0 and 1 tie for ranks 1-2. Row 2: vendor 1 first, 0 and 2 tie for ranks 2-3.
# Row 3: 0, 1, 2 in order. Row 4: 2, 1, 0. Row 5: all three within the tolerance.
TINY = np.array(
    [
        [0.7, 0.7, 0.1],
        [0.2, 0.9, 0.2],
        [0.3, 0.2, 0.1],
        [0.1, 0.5, 0.9],
        [0.4, 0.4 + 1e-13, 0.4 - 1e-13],
    ]
)
THIRD = 1 / 3
TINY_COUNTS = [
    [0.5 + 1 + THIRD, 0.5 + 0.5 + THIRD, 0.5 + 1 + THIRD],
    [0.5 + 1 + THIRD, 0.5 + 1 + 1 + THIRD, THIRD],
    [1 + THIRD, 0.5 + THIRD, 1 + 0.5 + 1 + THIRD],
]
TINY_FIRST = [[0.5, 0.5, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1], [THIRD, THIRD, THIRD]]


@pytest.fixture(params=["pairwise", "sorted", "sorted ties"])
def path(request, monkeypatch):
    """Run the test through each path: a vendor limit of 0 sends every case to the sort, and
    with "sorted ties" the tied samples to the sorted split too."""
    if request.param != "pairwise":
        monkeypatch.setattr(smaa_module, "PAIRWISE_VENDORS", 0)
    if request.param == "sorted ties":
        monkeypatch.setattr(ties, "SORTED_TIES", 0)
    return request.param


def test_hand_counted_ranks_with_ties(path):
    counts, first = rank_shares(TINY)
    np.testing.assert_allclose(counts, TINY_COUNTS, atol=1e-15)
    np.testing.assert_allclose(first, TINY_FIRST, atol=1e-15)


@pytest.mark.parametrize("cells", [1, 3, 6, 7, 2**17])
def test_block_size_changes_nothing(monkeypatch, cells):
    # RANK_BLOCK_CELLS // 3 samples per block: 1, 1, 2, 2 and all five rows at once.
    monkeypatch.setattr(smaa_module, "RANK_BLOCK_CELLS", cells)
    counts, first = rank_shares(TINY)
    np.testing.assert_allclose(counts, TINY_COUNTS, atol=1e-15)
    np.testing.assert_allclose(first, TINY_FIRST, atol=1e-15)


def test_either_memory_layout_gives_the_same_counts(path):
    # VIKOR's fixed-values path returns the transpose of a vendors x samples array.
    c, f = rank_shares(TINY)
    c2, f2 = rank_shares(np.asfortranarray(TINY))
    assert_array_equal(c, c2)
    assert_array_equal(f, f2)


def test_one_vendor_is_always_first(path):
    counts, first = rank_shares(np.array([[0.3], [0.1], [0.9]]))
    assert_array_equal(counts, [[3.0]])
    assert_array_equal(first, [[1.0], [1.0], [1.0]])


def test_scores_just_beyond_the_tolerance_are_ranked_and_within_it_tie(path):
    # "Better" is higher by MORE than the tolerance, as in rank.competition_ranks.
    counts, first = rank_shares(np.array([[0.0, TIE_TOLERANCE], [0.0, 3 * TIE_TOLERANCE]]))
    assert_array_equal(counts, [[0.5, 1.5], [1.5, 0.5]])
    assert_array_equal(first, [[0.5, 0.5], [0.0, 1.0]])


def test_better_counts_by_hand():
    # Vendors down, samples across. Sample 0: scores 1, 3, 2; sample 1: three within 1e-12.
    X = np.array([[1.0, 2.0], [3.0, 2.0], [2.0, 2.0 + 1e-13]])
    better = better_counts(X, TIE_TOLERANCE)
    assert better.dtype == np.uint8
    assert_array_equal(better, [[2, 0], [0, 0], [1, 0]])


# Coarse grids make exact ties common; a fine one gives rows without any.
coarse = st.integers(1, 12).flatmap(
    lambda m: arrays(
        float,
        st.tuples(st.integers(1, 40), st.just(m)),
        elements=st.integers(0, 4).map(lambda x: x / 4)
        | st.floats(-1, 1, allow_nan=False, allow_infinity=False),
    )
)


@given(coarse, st.integers(1, 64))
@settings(max_examples=150, deadline=None)
def test_pairwise_and_sorted_paths_agree_exactly(S, cells):
    original = (smaa_module.PAIRWISE_VENDORS, smaa_module.RANK_BLOCK_CELLS)
    try:
        smaa_module.RANK_BLOCK_CELLS = cells
        pairwise = rank_shares(S)
        smaa_module.PAIRWISE_VENDORS = 0
        by_sort = rank_shares(S)
    finally:
        smaa_module.PAIRWISE_VENDORS, smaa_module.RANK_BLOCK_CELLS = original
    # Identical, also where the tolerance is not transitive (a chain of scores each within
    # 1e-12 of the next but spanning more): there the tie shares need not add up to 1,
    # in either path alike.
    assert_array_equal(pairwise[0], by_sort[0])
    assert_array_equal(pairwise[1], by_sort[1])


def test_more_vendors_than_the_pairwise_limit_are_sorted(monkeypatch):
    calls = []
    sorted_path = smaa_module._sorted
    monkeypatch.setattr(
        smaa_module, "_sorted", lambda S, *rest: calls.append(S.shape) or sorted_path(S, *rest)
    )
    m = smaa_module.PAIRWISE_VENDORS
    rank_shares(np.random.default_rng(0).random((3, m)))
    assert calls == []
    counts, _ = rank_shares(np.tile(np.arange(m + 1.0), (2, 1)))
    assert calls == [(2, m + 1)]
    assert_array_equal(counts, 2 * np.fliplr(np.eye(m + 1)))  # vendor i at rank m + 1 - i


def test_fixed_score_chunks_fit_the_rank_block_and_sampled_ones_the_memory_budget(monkeypatch):
    cells = smaa_module.RANK_BLOCK_CELLS
    assert smaa_module.chunk_size(20, 12, scores_sampled=False) == cells // 20
    limit = smaa_module.PAIRWISE_VENDORS
    per_sample = 8 * (6 * 12 + 10 * (limit + 1))  # beyond the pairwise count: memory only
    assert smaa_module.chunk_size(limit + 1, 12, False) == smaa_module.CHUNK_BYTES // per_sample
    sampled = 8 * (6 * 12 + 10 * 20 + 8 * 20 * 12)
    assert smaa_module.chunk_size(20, 12, True) == smaa_module.CHUNK_BYTES // sampled
    # exactly the pairwise limit still counts pair by pair: its chunks fit the rank block
    assert smaa_module.chunk_size(limit, 12, False) == cells // limit
    assert smaa_module.chunk_size(10**6, 10**3, scores_sampled=True) == 1  # 64 GB a sample
    monkeypatch.setattr(smaa_module, "RANK_BLOCK_CELLS", 10)
    assert smaa_module.chunk_size(20, 12, scores_sampled=False) == 1  # never below one


@pytest.mark.parametrize("layout", ["C", "F"])
def test_the_pairwise_count_streams_contiguous_rows_copying_only_row_major_scores(
    monkeypatch, layout
):
    # Column-major scores (what the methods' fixed-values paths return) are read in place;
    # row-major ones are copied to vendors x samples first, so every comparison runs along
    # contiguous memory either way.
    S = np.asarray(TINY, order=layout)
    seen = []
    real = smaa_module.better_counts

    def spy(X, tol):
        seen.append((X.strides[1] == X.itemsize, np.shares_memory(X, S)))
        return real(X, tol)

    monkeypatch.setattr(smaa_module, "better_counts", spy)
    rank_shares(S)
    assert seen == [(True, layout == "F")]


@pytest.mark.parametrize("m", [3, smaa_module.PAIRWISE_VENDORS + 3])
def test_counts_add_up_over_chunks_in_place(m):
    """A run adds each chunk into one running total: two chunks (one with a tie, one without)
    counted into the same array give the counts of both at once, on both paths."""
    rng = np.random.default_rng(1)
    first_chunk = rng.random((4, m))
    first_chunk[1, :2] = 0.5  # a tie: the tie path adds into the running total too
    second_chunk = rng.random((3, m))
    total = np.zeros((m, m))
    _, f1 = rank_shares(first_chunk, counts=total)
    returned, f2 = rank_shares(second_chunk, counts=total)
    assert returned is total
    both, f = rank_shares(np.vstack((first_chunk, second_chunk)))
    assert_array_equal(total, both)
    assert_array_equal(np.vstack((f1, f2)), f)
    assert total.sum() == 7 * m
    assert np.any(total[:2] % 1 == 0.5)  # the tied pair split its two places


# Scores on multiples of 1/8 with a tolerance of 1/4: every difference is exact in binary, so
# "better by more than tol", "within tol" and "within 2 tol" are decided without rounding, and
# ties, near-ties and chains of near-ties (a within tol of b, b of c, a not of c) abound.
EIGHTHS = st.integers(0, 12).map(lambda k: k / 8)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda c: st.sampled_from([3, smaa_module.PAIRWISE_VENDORS + 2]).flatmap(
            lambda m: arrays(float, (c, m), elements=EIGHTHS)
        )
    )
)
def test_first_places_and_counts_near_ties_are_exact(S):
    """first_shares equals rank_shares' first column exactly, on both paths, and each row's
    shares agree with the definition: vendors within tol of the top split first place as
    `ties.positions` splits it (a row of its own, counted directly)."""
    tol = 0.25
    counts, first = rank_shares(S, tol)
    assert_array_equal(smaa_module.first_shares(S, tol), first)
    for row in range(S.shape[0]):
        P = ties.positions(S[row : row + 1], tol)[0]
        assert_array_equal(first[row], P[:, 0])
    # every vendor takes one place in every sample (shares of 1/3 add up with rounding); the
    # places' columns need not: a chain of near-ties (0, 1/8, 3/8 with tol 1/4) splits unevenly
    np.testing.assert_allclose(counts.sum(axis=1), S.shape[0], rtol=1e-12)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda c: st.sampled_from([2, 5, 40]).flatmap(
            lambda m: arrays(float, (c, m), elements=EIGHTHS)
        )
    ),
    st.sampled_from([0, 64]),
)
def test_sorted_tie_split_is_the_definition(S, entries):
    """Tied samples split from sorted scores (many vendors) against the pairwise definition:
    the same first places bit for bit, the same counts to rounding (1/3 added in another
    order), near-tie chains included; with entries 0 every tied sample marks its runs' ends."""
    tol = 0.25
    want_counts, want_first = rank_shares(S, tol)
    saved = (ties.SORTED_TIES, ties.RUN_ENTRIES)
    try:
        ties.SORTED_TIES, ties.RUN_ENTRIES = 0, entries
        counts, first = rank_shares(S, tol)
        assert_array_equal(smaa_module.first_shares(S, tol), first)
    finally:
        ties.SORTED_TIES, ties.RUN_ENTRIES = saved
    assert_array_equal(first, want_first)
    np.testing.assert_allclose(counts, want_counts, rtol=0, atol=1e-12)


def test_sorted_tie_split_by_hand():
    """Three vendors at 1 share ranks 1-3; 0.5 and 0.5 + 1e-13 (within the 1e-12 tolerance)
    share ranks 4-5; 0 is sixth."""
    row = np.array([1.0, 0.0, 1.0, 0.5, 1.0, 0.5 + 1e-13])
    better, equal = ties.split(row, TIE_TOLERANCE)
    assert_array_equal(better, [0, 5, 0, 3, 0, 3])
    assert_array_equal(equal, [3, 1, 3, 2, 3, 2])
    assert_array_equal(ties.first_of(better, equal), [1 / 3, 0, 1 / 3, 0, 1 / 3, 0])
    counts = np.zeros((6, 6))
    ties.add_runs(counts, better, equal)
    third = [1 / 3, 1 / 3, 1 / 3, 0, 0, 0]
    assert_array_equal(counts, [third, [0, 0, 0, 0, 0, 1], third, [0, 0, 0, 0.5, 0.5, 0],
                                third, [0, 0, 0, 0.5, 0.5, 0]])  # fmt: skip


def test_a_near_tie_chain_splits_as_the_definition():
    """0, 1/8, 3/8 with tolerance 1/4: 1/8 is within tol of both others (three equals, ranks
    1-3); 3/8 of itself and 1/8 (ranks 1-2); 0 has 3/8 ahead by more than tol (ranks 2-3)."""
    row = np.array([0.0, 0.125, 0.375])
    better, equal = ties.split(row, 0.25)
    assert_array_equal(better, [1, 0, 0])
    assert_array_equal(equal, [2, 3, 2])
    counts = np.zeros((3, 3))
    ties.add_runs(counts, better, equal)
    assert_array_equal(counts, ties.positions(row[None, :], 0.25)[0])


def test_every_vendor_tied_in_every_sample_at_2000_vendors():
    """Two thousand identical vendors: each takes 1/2,000 of every rank in every sample, from
    the runs' ends (the definition's (m, m) arrays are 32 MB a sample here)."""
    m = 2000
    counts, first = rank_shares(np.full((3, m), 0.5))
    np.testing.assert_allclose(counts, 3 / m, rtol=1e-12)
    assert_array_equal(first, np.full((3, m), 1 / m))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda c: st.integers(1, 6).flatmap(
            lambda m: st.tuples(
                arrays(float, (c, m), elements=EIGHTHS),
                arrays(np.intp, c, elements=st.integers(0, m - 1)),
            )
        )
    )
)
def test_own_first_is_first_shares_of_each_rows_own_vendor(case):
    """The confidence pass asks, per row, for one vendor's share of first place: exactly
    first_shares' entry, near ties within 2 tol of the top included (scores in eighths)."""
    S, own = case
    want = smaa_module.first_shares(S, 0.25)[np.arange(S.shape[0]), own]
    assert_array_equal(smaa_module.own_first(S, own, 0.25), want)


def test_counts_that_are_not_c_ordered_are_refused_not_added_into_a_copy():
    S = np.random.default_rng(0).random((3, 4))
    with pytest.raises(
        ValueError, match=r"^counts must be a C-ordered \(m, m\) array: it is added to in place$"
    ):
        rank_shares(S, counts=np.zeros((4, 4), order="F"))
    with pytest.raises(ValueError, match="C-ordered"):
        rank_shares(S, counts=np.zeros((4, 8))[:, ::2])


def test_confidence_chunks_fit_the_memory_budget():
    """2,000 vendors, 40 criteria, 93 winners: (2 x 80,000 + 3 x 186,000) floats a sample, 8 of
    them within 48 MB; never more than the main pass's chunk, never fewer than one."""
    per_sample = 8 * (2 * 2000 * 40 + 3 * 93 * 2000)
    assert smaa_module.CHUNK_BYTES == 48 * 2**20
    assert (
        smaa_module.confidence_chunk(2000, 40, 93, 9) == smaa_module.CHUNK_BYTES // per_sample == 8
    )
    assert smaa_module.confidence_chunk(5, 12, 3, 100) == 100  # the main pass's chunk bounds it
    assert smaa_module.confidence_chunk(10**6, 100, 10**3, 9) == 1
