"""VIKOR's acceptance conditions (Opricovic & Tzeng 2007, step 5) at their edges, on cases
small enough to check by hand: one and two vendors, a lead exactly at DQ, a compromise set cut
exactly at DQ, a best vendor whose Q is above 0, ties among more vendors than an insertion sort
handles, and columns whose span is below 1. Found by mutation testing (mutation/RESULTS.md)."""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scoring.methods.vikor import compromise, regrets, vikor

# The package exports the function `vikor`; the module holding BLOCK is reached by name.
vikor_module = importlib.import_module("scoring.methods.vikor")


def test_v_weighs_group_utility_against_individual_regret():
    # test_methods_outranking.test_vikor_by_hand's case: rescaled S = [0, 0.85, 1] and rescaled
    # R = [0, 1, 1]; at v = 0.2, Q = 0.2 S' + 0.8 R' = [0, 0.97, 1].
    V = np.array([[1.0, 1.0, 0.0], [0.0, 0.6, 0.6], [0.0, 0.0, 1.0]])
    c = compromise(V, np.array([0.4, 0.3, 0.3]), 0.2)
    assert_allclose(c.Q, [0.0, 0.97, 1.0])
    assert c.best == 0


def test_one_vendor_is_its_own_compromise():
    c = compromise(np.array([[0.3, 0.7]]), np.array([0.5, 0.5]))
    assert_allclose(c.Q, [0.0])
    assert (c.best, c.advantage, c.stability, c.compromise, c.dq) == (0, True, True, (0,), 0.0)


def test_two_vendors_need_a_full_lead():
    # DQ = 1 / (2 - 1) = 1: with two different vendors Q is [0, 1], a lead of exactly DQ.
    c = compromise(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.6, 0.4]))
    assert_allclose(c.S, [0.4, 0.6])
    assert_allclose(c.Q, [0.0, 1.0])
    assert (c.best, c.advantage, c.stability, c.compromise, c.dq) == (0, True, True, (0,), 1.0)


def test_two_identical_vendors_are_proposed_together_without_a_warning():
    # S and R are constant, so their rescaling divides by a zero span: Q is 0 for both (not NaN,
    # and no division warning, which the test configuration turns into an error).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = compromise(np.array([[0.5, 0.5], [0.5, 0.5]]), np.array([0.5, 0.5]))
        Q = vikor(np.array([[0.5, 0.5], [0.5, 0.5]]), np.array([[0.5, 0.5]]))
    assert_allclose(Q, [[0.0, 0.0]])
    assert (c.best, c.advantage, c.stability, c.compromise) == (0, False, True, (0, 1))


def test_a_lead_of_exactly_dq_is_an_acceptable_advantage():
    # One criterion of weight 1: Q = d = [0, 0.5, 1], exactly; DQ = 1 / 2.
    c = compromise(np.array([[1.0], [0.5], [0.0]]), np.array([1.0]))
    assert list(c.Q) == [0.0, 0.5, 1.0]
    assert (c.best, c.advantage, c.compromise, c.dq) == (0, True, (0,), 0.5)


def test_the_compromise_set_stops_before_a_gap_of_exactly_dq():
    # Q = [0, 0.125, 0.25, 0.5, 1] (exact binary fractions); DQ = 1 / 4. The runner-up is
    # 0.125 behind (< DQ), so the set is every vendor within less than DQ: the first two, not
    # the third, which is exactly DQ behind; the third vendor alone would make the lead DQ.
    V = np.array([[1.0], [0.875], [0.75], [0.5], [0.0]])
    c = compromise(V, np.array([1.0]))
    assert list(c.Q) == [0.0, 0.125, 0.25, 0.5, 1.0]
    assert (c.best, c.advantage, c.compromise, c.dq) == (0, False, (0, 1), 0.25)


def test_the_advantage_is_the_gap_to_the_runner_up_when_the_best_q_is_above_zero():
    # Columns: d1 = [1, 0.75, 0] (span 1), d2 = [0, 1, 0] (span 0.25), d3 = [0, 0.5, 1]
    # (span 0.5); w = [1/3, 1/6, 1/2]: S = [1/3, 2/3, 1/2], R = [1/3, 1/4, 1/2]; rescaled
    # S' = [0, 1, 0.5], R' = [1/3, 0, 1]; Q = [1/6, 1/2, 3/4]. The lead 1/2 - 1/6 = 1/3 is below
    # DQ = 1/2 (their sum, 2/3, is not the lead); the set is the vendors within 1/2 of 1/6.
    V = np.array([[0.0, 1.0, 0.75], [0.25, 0.75, 0.5], [1.0, 1.0, 0.25]])
    c = compromise(V, np.array([2.0, 1.0, 3.0]) / 6)
    assert_allclose(c.S, [1 / 3, 2 / 3, 1 / 2])
    assert_allclose(c.R, [1 / 3, 1 / 4, 1 / 2])
    assert_allclose(c.Q, [1 / 6, 1 / 2, 3 / 4])
    assert (c.best, c.advantage, c.stability, c.compromise) == (0, False, True, (0, 1))


def test_regrets_divide_by_each_columns_own_span():
    # Spans 0.4 and 0.4: d1 = [1, 0, 0.5], d2 = [0, 1, 0.5]; w = [0.6, 0.4].
    V = np.array([[0.2, 0.9], [0.6, 0.5], [0.4, 0.7]])
    S, R = regrets(V, np.array([[0.6, 0.4]]))
    assert_allclose(S, [[0.6, 0.4, 0.5]])
    assert_allclose(R, [[0.6, 0.4, 0.3]])


@pytest.mark.parametrize("batched", [False, True])
def test_ties_at_the_top_keep_the_vendors_order_beyond_an_insertion_sort(batched):
    # 17 vendors (numpy's quicksort sorts 16 or fewer by insertion, which is stable anyway); six
    # share Q = 0. The best is the first of them and the set lists them in their order, as the
    # ranking table lists ties by name.
    Q = np.array([1, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 1, 0.5, 1, 0.5, 0.5, 1, 1, 0.5])
    V = (1 - Q)[:, None]
    if batched:
        assert_allclose(vikor(V[None], np.array([[1.0]]))[0], Q)
    c = compromise(V, np.array([1.0]))
    assert (c.best, c.advantage, c.compromise) == (3, False, (3, 4, 5, 6, 7, 8))


def test_sampled_values_of_identical_vendors_give_q_zero_without_a_warning():
    # The (k, m, n) path rescales S and R per sample: a constant row divides by a zero span.
    V = np.full((3, 2, 2), 0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Q = vikor(V, np.array([[0.5, 0.5], [0.2, 0.8], [1.0, 0.0]]))
    assert_allclose(Q, np.zeros((3, 2)))


def test_more_weight_vectors_than_one_block_are_all_scored():
    # The fixed-values path scores BLOCK weight vectors at a time; past one block every row must
    # still equal the one-at-a-time (sampled-values) path.
    rng = np.random.default_rng(4)
    V = rng.random((4, 3))
    W = rng.dirichlet(np.ones(3), size=vikor_module.BLOCK + 300)
    one_by_one = vikor(np.broadcast_to(V, (len(W), 4, 3)), W, 0.3)
    # A freed block of NaN the size of the answer: rows a block never wrote, if any, show as NaN
    # rather than as whatever an earlier identical computation left in reused memory.
    poison = np.full((len(W), 4), np.nan)
    del poison
    fixed = vikor(V, W, 0.3)
    assert_allclose(fixed, one_by_one, atol=1e-12)


@pytest.mark.parametrize("b", [1, 7, vikor_module.FEW_VECTORS, vikor_module.FEW_VECTORS + 1, 600])
def test_largest_terms_are_the_largest_weighted_shortfalls_both_ways(b):
    """R = max_j w_j d_ij, vector by vector up to FEW_VECTORS weight vectors and criterion by
    criterion beyond: both exactly the definition (a maximum of the same products)."""
    rng = np.random.default_rng(b)
    D = vikor_module.shortfalls(rng.uniform(0, 1, (9, 5)))
    Wt = rng.dirichlet(np.ones(5), b).T
    R = vikor_module._largest_terms(D, np.ascontiguousarray(D.T), Wt)
    assert R.shape == (9, b)
    np.testing.assert_array_equal(R, (D[:, :, None] * Wt[None]).max(axis=1))
    # and through the method: Q of the 3-D path (regrets), which never takes that branch
    V = rng.uniform(0, 1, (9, 5))
    W = rng.dirichlet(np.ones(5), b)
    assert_allclose(vikor(V, W), vikor(np.broadcast_to(V, (b, 9, 5)), W), rtol=0, atol=1e-12)


def test_a_spread_of_rounding_is_no_spread_a_small_real_one_is():
    rescaled = vikor_module._rescaled
    assert rescaled(np.array([[0.49999999999999994, 0.5, 0.5]])).tolist() == [[0.0, 0.0, 0.0]]
    assert_allclose(rescaled(np.array([[0.5, 0.5 + 1e-9, 0.5]])), [[0, 1, 0]], rtol=1e-6)
    assert rescaled(np.array([[0.0, 0.0]])).tolist() == [[0.0, 0.0]]
    X = np.array([[0.3, 0.3], [0.3 + 5e-17, 0.9]])  # down the columns: the first is rounding
    assert_allclose(vikor_module._rescaled_columns(X.copy(), 0.5), [[0, 0], [0, 0.5]])
