"""Properties every ranking must have, checked on generated matrices (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from scoring.methods import METHODS
from scoring.model import DEFAULT_NORMALIZATION, NORMALIZATIONS
from scoring.normalize import normalize
from scoring.rank import competition_ranks, merit

FAST = settings(max_examples=40, deadline=None)
LO, HI = 0.0, 10.0  # every generated value lies on this declared scale


@st.composite
def problems(draw, min_m: int = 2, max_m: int = 6):
    """A decision problem: X (m, n) on [0, 10] (some exact ties), directions, weights (n,)."""
    m = draw(st.integers(min_m, max_m))
    n = draw(st.integers(1, 5))
    # Values from a small grid plus floats: ties and repeated values are where bugs hide.
    value = st.one_of(st.sampled_from([0.5, 1.0, 5.0, 10.0]), st.floats(0.5, 10.0))
    X = draw(arrays(float, (m, n), elements=value))
    benefit = draw(arrays(bool, (n,)))
    w = draw(arrays(float, (n,), elements=st.floats(0.0, 1.0)))
    if w.sum() == 0:
        w[0] = 1.0
    return X, benefit, w / w.sum()


def scores(X, benefit, w, method, normalization):
    n = X.shape[1]
    V = normalize(X, benefit, np.full(n, LO), np.full(n, HI), normalization)
    return METHODS[method](V, np.atleast_2d(w))[0]


COMBOS = [(m, nz) for m in sorted(METHODS) for nz in NORMALIZATIONS]


@FAST
@given(problems(), st.randoms(use_true_random=False), st.sampled_from(COMBOS))
def test_permuting_vendors_permutes_scores(problem, rnd, combo):
    X, benefit, w = problem
    perm = list(range(len(X)))
    rnd.shuffle(perm)
    base = scores(X, benefit, w, *combo)
    assert_allclose(scores(X[perm], benefit, w, *combo), base[perm], rtol=1e-9, atol=1e-12)


@FAST
@given(problems(), st.floats(1e-3, 1e3), st.sampled_from(sorted(METHODS)))
def test_scaling_all_weights_changes_nothing(problem, c, method):
    """WSM and PROMETHEE II scale by c, WPM raises to the power c, TOPSIS and VIKOR (whose Q
    rescales S and R to 0..1) are unchanged: the order never moves.

    Weights are normalised to sum 1 before a method sees them (case.leaf_weight_vector), so the
    scores themselves are unchanged end to end; the methods alone keep the order.
    """
    X, benefit, w = problem
    nz = DEFAULT_NORMALIZATION[method]
    base = scores(X, benefit, w, method, nz)
    scaled = scores(X, benefit, w * c, method, nz)
    if method in ("topsis", "vikor"):
        assert_allclose(scaled, base, rtol=1e-9, atol=1e-12)
    elif method in ("wsm", "promethee2"):
        assert_allclose(scaled, base * c, rtol=1e-9, atol=1e-12)
    else:
        assert_allclose(scaled, base**c, rtol=1e-6, atol=1e-300)


def test_weights_are_normalised_before_ranking(shipped):
    from scoring import Scenario, rank

    raw = {c.id: c.weight for c in shipped.all_criteria}
    base = rank(shipped, Scenario(weights=raw))
    for c in (0.01, 7.0):
        scaled = rank(shipped, Scenario(weights={k: v * c for k, v in raw.items()}))
        assert_allclose(scaled.scores, base.scores, rtol=1e-12)


@st.composite
def dominated_pairs(draw):
    """A problem where vendor 0 dominates vendor 1: as good on all criteria, better on one."""
    X, benefit, w = draw(problems())
    j = draw(st.integers(0, X.shape[1] - 1))
    better = np.where(benefit, np.maximum(X[0], X[1]), np.minimum(X[0], X[1]))
    worse = np.where(benefit, np.minimum(X[0], X[1]), np.maximum(X[0], X[1]))
    if better[j] == worse[j]:  # make the one strict difference
        worse[j] = better[j] - 0.25 if benefit[j] else better[j] + 0.25
        worse[j] = min(max(worse[j], 0.25), 10.0)
        if worse[j] == better[j]:
            better[j] = worse[j] + 0.25 if benefit[j] else worse[j] - 0.25
    X = X.copy()
    X[0], X[1] = better, worse
    return X, benefit, w


# Every value function here is non-decreasing in "goodness" column by column, so a dominating
# row stays (weakly) dominating after normalisation; WSM and WPM are non-decreasing in each value
# (weights >= 0); TOPSIS's ideal is the column maximum of V, so a dominating row is no farther from
# it and no nearer the anti-ideal; VIKOR's S and R of a dominating row are no larger, so neither is
# its Q; PROMETHEE's preference functions are non-decreasing in the difference, so a dominating
# row's flows are no worse. Hence dominance holds for every method with every normalisation
# here. (It would fail for a value function that is not monotone, e.g. a target-value criterion.)
@settings(max_examples=60, deadline=None)
@given(dominated_pairs(), st.sampled_from(COMBOS))
def test_a_dominating_vendor_never_ranks_below_the_dominated(problem, combo):
    X, benefit, w = problem
    ranks = competition_ranks(merit(scores(X, benefit, w, *combo), combo[0]))
    assert ranks[0] <= ranks[1]


@FAST
@given(dominated_pairs(), st.sampled_from(sorted(METHODS)))
def test_dominance_with_each_methods_default_normalisation(problem, method):
    X, benefit, w = problem
    S = scores(X, benefit, w, method, DEFAULT_NORMALIZATION[method])
    ranks = competition_ranks(merit(S, method))
    assert ranks[0] <= ranks[1]


@FAST
@given(problems(max_m=5), arrays(float, (5,), elements=st.floats(0.0, 10.0)))
def test_scale_normalisation_adding_a_vendor_keeps_the_others_order(problem, extra):
    X, benefit, w = problem
    before = scores(X, benefit, w, "wsm", "scale")
    after = scores(np.vstack([X, extra[: X.shape[1]]]), benefit, w, "wsm", "scale")[:-1]
    assert_allclose(after, before)  # the same numbers, hence the same order
    assert (competition_ranks(after) == competition_ranks(before)).all()


@FAST
@given(problems(), st.integers(1, 6), st.sampled_from(COMBOS), st.data())
def test_batched_weights_equal_row_by_row(problem, k, combo, data):
    X, benefit, _ = problem
    n = X.shape[1]
    W = data.draw(arrays(float, (k, n), elements=st.floats(0.0, 1.0)))
    method, nz = combo
    V = normalize(X, benefit, np.full(n, LO), np.full(n, HI), nz)
    batched = METHODS[method](V, W)
    assert batched.shape == (k, len(X))
    for i in range(k):
        assert_allclose(batched[i], METHODS[method](V, W[i : i + 1])[0], rtol=1e-9, atol=1e-12)


@FAST
@given(st.integers(1, 5), problems(), st.sampled_from(COMBOS), st.data())
def test_a_stack_of_matrices_equals_one_call_per_matrix(k, problem, combo, data):
    X, benefit, w = problem
    m, n = X.shape
    noise = data.draw(arrays(float, (k, m, n), elements=st.floats(0.5, 10.0)))
    W = np.repeat(w[None, :], k, axis=0)
    method, nz = combo
    V = normalize(noise, benefit, np.full(n, LO), np.full(n, HI), nz)
    batched = METHODS[method](V, W)
    assert batched.shape == (k, m)
    for i in range(k):
        assert_allclose(batched[i], METHODS[method](V[i], W[i : i + 1])[0], rtol=1e-9, atol=1e-12)


# --- competition ranks -------------------------------------------------------------------------


def test_competition_ranks_1_2_2_4():
    assert competition_ranks(np.array([0.9, 0.5, 0.5, 0.1])).tolist() == [1, 2, 2, 4]


def test_competition_ranks_in_any_order_and_batched():
    S = np.array([[0.1, 0.5, 0.9, 0.5], [1.0, 1.0, 1.0, 0.0]])
    assert competition_ranks(S).tolist() == [[4, 2, 1, 2], [1, 1, 1, 4]]


def test_float_noise_does_not_break_a_tie():
    assert competition_ranks(np.array([0.3, 0.1 + 0.2])).tolist() == [1, 1]


@FAST
@given(arrays(float, st.integers(1, 8), elements=st.sampled_from([0.0, 0.25, 0.5, 1.0])))
def test_competition_rank_is_one_plus_the_number_strictly_better(S):
    ranks = competition_ranks(S)
    for i, s in enumerate(S):
        assert ranks[i] == 1 + int((s < S).sum())
