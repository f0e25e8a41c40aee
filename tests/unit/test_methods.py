"""WSM, WPM and TOPSIS: hand-computed cases, published reference examples, pymcdm cross-checks."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from pymcdm import methods as pm
from pymcdm import normalizations as pn

from scoring.methods import METHODS, topsis, wpm, wsm
from scoring.normalize import normalize
from scoring.rank import score_matrix


def norm(X, benefit, name):
    X = np.asarray(X, dtype=float)
    return normalize(X, np.asarray(benefit), X.min(axis=0), X.max(axis=0), name)


# --- hand-computed -----------------------------------------------------------------------------

V_HAND = np.array([[0.2, 0.75], [0.4, 0.25], [0.8, 0.5]])


def test_wsm_by_hand():
    # .5*.2 + .5*.75 = .475; .5*.4 + .5*.25 = .325; .5*.8 + .5*.5 = .65
    assert_allclose(wsm(V_HAND, np.array([[0.5, 0.5]])), [[0.475, 0.325, 0.65]])


def test_wsm_unit_weights_pick_out_columns():
    assert_allclose(wsm(V_HAND, np.eye(2)), V_HAND.T)


def test_wpm_by_hand():
    # V = max-normalised [[.25, 1], [.5, 1/3], [1, .5]], w = (.5, .5): sqrt of row products
    #   sqrt(.25) = .5, sqrt(1/6) = .408248, sqrt(.5) = .707107
    V = np.array([[0.25, 1.0], [0.5, 1 / 3], [1.0, 0.5]])
    assert_allclose(wpm(V, np.array([[0.5, 0.5]])), [[0.5, 0.408248, 0.707107]], atol=1e-6)


def test_topsis_by_hand():
    # w = (.6, .4) on V = [[1, 0], [0, 1], [.5, .5]]: u = [[.6, 0], [0, .4], [.3, .2]]
    # ideal (.6, .4), anti-ideal (0, 0)
    # A1: S+ = .4, S- = .6 -> .6; A2: S+ = .6, S- = .4 -> .4; A3: S+ = S- = sqrt(.13) -> .5
    V = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    assert_allclose(topsis(V, np.array([[0.6, 0.4]])), [[0.6, 0.4, 0.5]])


def test_topsis_identical_vendors_are_equally_close():
    assert_allclose(topsis(np.ones((3, 2)), np.array([[0.5, 0.5]])), [[0.5, 0.5, 0.5]])


def test_unknown_method_is_a_scenario_error():
    from scoring import ScenarioError

    with pytest.raises(ScenarioError, match="unknown method 'ahp'"):
        score_matrix(V_HAND, np.array([0.5, 0.5]), "ahp")


# --- TOPSIS: Tzeng & Huang (2011), Multiple Attribute Decision Making, the worked example -------


def test_topsis_tzeng_huang_2011_reference_example():
    X = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    V = norm(X, [True, True, True], "vector")
    closeness = topsis(V, np.array([[0.3, 0.4, 0.3]]))[0]
    assert_allclose(closeness.round(4), [0.5037, 0.6581, 0.7482, 0.3340])


# --- WPM: Triantaphyllou (2000), Multi-criteria decision making methods, the WPM example -------

TRIANTAPHYLLOU = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]], dtype=float)
W_TRIANTAPHYLLOU = np.array([0.20, 0.15, 0.40, 0.25])


def ratio(a, b, w):
    """R(A_K / A_L) = prod_j (a_Kj / a_Lj) ** w_j, the book's pairwise comparison."""
    return float(np.prod((a / b) ** w))


def test_wpm_triantaphyllou_ratios_from_the_book():
    a1, a2, a3 = TRIANTAPHYLLOU
    w = W_TRIANTAPHYLLOU
    # (25/10)^.2 (20/30)^.15 (15/20)^.4 (30/30)^.25 = 1.2011 * .9410 * .8913 * 1 = 1.007
    assert round(ratio(a1, a2, w), 3) == 1.007
    assert round(ratio(a1, a3, w), 3) == 1.067
    assert round(ratio(a2, a3, w), 3) == 1.059


def test_wpm_with_max_normalisation_keeps_the_books_ratios():
    # x / max_j divides both vendors by the same column maximum, so the ratio of two WPM scores
    # is the ratio of raw products: the unit of each criterion drops out.
    V = norm(TRIANTAPHYLLOU, [True] * 4, "max")
    s = wpm(V, W_TRIANTAPHYLLOU[None, :])[0]
    a1, a2, a3 = TRIANTAPHYLLOU
    assert s[0] / s[1] == pytest.approx(ratio(a1, a2, W_TRIANTAPHYLLOU))
    assert s[0] / s[2] == pytest.approx(ratio(a1, a3, W_TRIANTAPHYLLOU))
    assert s[1] / s[2] == pytest.approx(ratio(a2, a3, W_TRIANTAPHYLLOU))
    assert list(np.argsort(-s)) == [0, 1, 2]  # A1 best, then A2, then A3


def test_wpm_ratio_does_not_depend_on_units():
    V = norm(TRIANTAPHYLLOU, [True] * 4, "max")
    rescaled = TRIANTAPHYLLOU * np.array([1000.0, 0.01, 3.0, 1.0])
    V2 = norm(rescaled, [True] * 4, "max")
    w = W_TRIANTAPHYLLOU[None, :]
    assert_allclose(wpm(V, w), wpm(V2, w))


def test_wpm_zero_is_a_veto_on_a_weighted_criterion():
    V = np.array([[0.0, 1.0], [0.5, 0.5]])
    assert_allclose(wpm(V, np.array([[0.5, 0.5]])), [[0.0, 0.5]])


def test_wpm_zero_on_a_zero_weight_criterion_is_ignored():
    # 0 ** 0 = 1: a criterion that does not count cannot veto
    V = np.array([[0.0, 1.0], [0.5, 0.5]])
    assert_allclose(wpm(V, np.array([[0.0, 1.0]])), [[1.0, 0.5]])


def test_wpm_zero_veto_after_max_normalisation_of_a_zero_benefit_value():
    V = norm([[0.0, 3.0], [2.0, 3.0]], [True, True], "max")
    s = wpm(V, np.array([[0.5, 0.5]]))[0]
    assert s[0] == 0.0
    assert s[1] == pytest.approx(1.0)


def test_wpm_veto_holds_for_unnormalised_weights_without_overflow_warnings():
    # 1e10 * log(0) would overflow: the stand-in log 0 = -1e300 gives -1e310 -> -inf, silenced,
    # and the score is exactly 0; the other vendor, all ones, scores 1 ** w = 1.
    V = np.array([[0.0, 1.0], [1.0, 1.0]])
    assert_allclose(wpm(V, np.array([[1e10, 1e10]])), [[0.0, 1.0]])
    assert_allclose(wpm(V[None], np.array([[1e10, 1e10]])), [[0.0, 1.0]])  # the (k, m, n) path


@pytest.mark.parametrize(("w", "expected"), [(744.0, np.exp(-744.0)), (745.0, 0.0), (745.5, 0.0)])
def test_wpm_scores_below_the_smallest_float_are_exactly_zero(w, expected):
    # v = e^-1, so the score is e^-w: exp(-744) = 1e-323 is still a float; at -745 and below
    # the product is flushed to exactly 0 (a veto), never left as the subnormal 5e-324.
    V = np.array([[np.exp(-1.0)]])
    assert wpm(V, np.array([[w]]))[0, 0] == expected
    assert wpm(V[None], np.array([[w]]))[0, 0] == expected  # the (k, m, n) path too


# --- pymcdm cross-checks (one call per weight vector there; one batched call here) ------------


def random_problem(seed: int, m: int = 6, n: int = 4, k: int = 5):
    rng = np.random.default_rng(seed)
    X = rng.uniform(1.0, 10.0, size=(m, n))
    benefit = rng.random(n) < 0.5
    benefit[0] = True
    benefit[-1] = False  # always at least one cost criterion
    W = rng.dirichlet(np.ones(n), size=k)
    types = np.where(benefit, 1, -1)
    return X, benefit, W, types


def pymcdm_scores(method, X, W, types) -> np.ndarray:
    return np.array([method(X, w, types) for w in W])


@pytest.mark.parametrize("seed", range(5))
def test_topsis_matches_pymcdm_with_vector_normalisation_including_cost(seed):
    X, benefit, W, types = random_problem(seed)
    ours = topsis(norm(X, benefit, "vector"), W)
    theirs = pymcdm_scores(pm.TOPSIS(pn.vector_normalization), X, W, types)
    assert_allclose(ours, theirs, rtol=1e-10)


@pytest.mark.parametrize("seed", range(5))
def test_topsis_cost_as_one_minus_r_equals_the_classic_min_ideal(seed):
    # Hwang & Yoon: r = x / ||x|| for every criterion, ideal = max for benefit, min for cost.
    X, benefit, W, _ = random_problem(seed)
    R = X / np.sqrt((X**2).sum(axis=0))
    classic = []
    for w in W:
        U = R * w
        best = np.where(benefit, U.max(axis=0), U.min(axis=0))
        worst = np.where(benefit, U.min(axis=0), U.max(axis=0))
        sp = np.sqrt(((U - best) ** 2).sum(axis=1))
        sm = np.sqrt(((U - worst) ** 2).sum(axis=1))
        classic.append(sm / (sp + sm))
    assert_allclose(topsis(norm(X, benefit, "vector"), W), classic, rtol=1e-10)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("sum", pn.sum_normalization),
        ("minmax", pn.minmax_normalization),
        ("vector", pn.vector_normalization),
    ],
)
@pytest.mark.parametrize("seed", range(3))
def test_wsm_matches_pymcdm(seed, ours, theirs):
    X, benefit, W, types = random_problem(seed)
    assert_allclose(
        wsm(norm(X, benefit, ours), W),
        pymcdm_scores(pm.WSM(theirs), X, W, types),
        rtol=1e-10,
    )


@pytest.mark.parametrize("seed", range(3))
def test_wpm_matches_pymcdm_with_sum_normalisation(seed):
    X, benefit, W, types = random_problem(seed)
    assert_allclose(
        wpm(norm(X, benefit, "sum"), W),
        pymcdm_scores(pm.WPM(pn.sum_normalization), X, W, types),
        rtol=1e-10,
    )


# --- batching ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", sorted(METHODS))
def test_batched_weights_equal_row_by_row(method):
    X, benefit, W, _ = random_problem(11, k=7)
    V = norm(X, benefit, "minmax")
    fn = METHODS[method]
    batched = fn(V, W)
    assert batched.shape == (7, 6)
    for i, w in enumerate(W):
        assert_allclose(batched[i], fn(V, w[None, :])[0], rtol=1e-12)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_one_matrix_per_weight_vector_equals_slice_by_slice(method):
    rng = np.random.default_rng(3)
    V = rng.uniform(0.05, 1.0, size=(5, 4, 3))  # k = 5 sampled matrices of 4 vendors x 3
    W = rng.dirichlet(np.ones(3), size=5)
    fn = METHODS[method]
    batched = fn(V, W)
    assert batched.shape == (5, 4)
    for i in range(5):
        assert_allclose(batched[i], fn(V[i], W[i : i + 1])[0], rtol=1e-12)


def test_score_matrix_accepts_a_single_weight_vector():
    assert score_matrix(V_HAND, np.array([0.5, 0.5]), "wsm").shape == (1, 3)
