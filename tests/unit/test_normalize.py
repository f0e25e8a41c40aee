"""Every normalisation by hand, benefit and cost, zeros and constant columns.

The running example: column 0 is a benefit, column 1 a cost, declared scales [0, 10] and [0, 40].
    X = [[2, 10],
         [4, 30],
         [8, 20]]
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scoring import ScenarioError
from scoring.methods import NORMALIZATION_REGISTRY as NORMALIZERS
from scoring.normalize import normalize

X = np.array([[2.0, 10.0], [4.0, 30.0], [8.0, 20.0]])
BENEFIT = np.array([True, False])
LO = np.array([0.0, 0.0])
HI = np.array([10.0, 40.0])


def norm(name: str, X=X, benefit=BENEFIT) -> np.ndarray:
    return normalize(X, benefit, LO[: X.shape[-1]], HI[: X.shape[-1]], name)


def test_scale_is_linear_over_the_declared_scale_with_cost_reversed():
    # benefit: x / 10 -> .2 .4 .8; cost: 1 - x / 40 -> .75 .25 .5
    assert_allclose(norm("scale"), [[0.2, 0.75], [0.4, 0.25], [0.8, 0.5]])


def test_scale_does_not_depend_on_the_other_vendors():
    alone = norm("scale", X[:1])
    assert_allclose(alone, norm("scale")[:1])


def test_minmax_spans_the_observed_values():
    # benefit: (x - 2) / 6 -> 0 1/3 1; cost: (30 - x) / 20 -> 1 0 .5
    assert_allclose(norm("minmax"), [[0, 1], [1 / 3, 0], [1, 0.5]])


def test_vector_divides_by_the_euclidean_norm_and_reverses_cost():
    # benefit: ||(2,4,8)|| = sqrt(84) = 9.16515 -> .218218 .436436 .872872
    # cost: ||(10,30,20)|| = sqrt(1400) = 37.4166 -> r = .267261 .801784 .534522; 1 - r
    assert_allclose(
        norm("vector"),
        [[0.218218, 0.732739], [0.436436, 0.198216], [0.872872, 0.465478]],
        atol=1e-6,
    )


def test_max_is_a_ratio_to_the_best():
    # benefit: x / 8 -> .25 .5 1; cost: min / x = 10 / x -> 1 1/3 .5
    assert_allclose(norm("max"), [[0.25, 1], [0.5, 1 / 3], [1, 0.5]])


def test_sum_shares_the_column_total():
    # benefit: x / 14 -> 1/7 2/7 4/7; cost: (1/x) / sum(1/x), sum = .1 + 1/30 + .05 = 11/60
    #   -> (6/60)/(11/60) = 6/11, 2/11, 3/11
    assert_allclose(norm("sum"), [[1 / 7, 6 / 11], [2 / 7, 2 / 11], [4 / 7, 3 / 11]])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("minmax", 1.0),  # no contrast: everyone is as good as the best
        ("vector", 1 / np.sqrt(3)),  # 5 / (5 * sqrt 3)
        ("max", 1.0),  # 5 / 5
        ("sum", 1 / 3),  # 5 / 15
        ("scale", 0.5),  # 5 on [0, 10]
    ],
)
def test_constant_benefit_column(name, expected):
    V = norm(name, np.full((3, 1), 5.0), np.array([True]))
    assert_allclose(V, np.full((3, 1), expected))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("minmax", 1.0),
        ("vector", 1 - 1 / np.sqrt(3)),  # 1 - 5 / (5 sqrt 3)
        ("max", 1.0),  # min / x = 5 / 5
        ("sum", 1 / 3),  # (1/5) / (3/5)
        ("scale", 0.5),  # 1 - 5/10
    ],
)
def test_constant_cost_column(name, expected):
    V = norm(name, np.full((3, 1), 5.0), np.array([False]))
    assert_allclose(V, np.full((3, 1), expected))


ZEROS = np.array([[0.0, 0.0], [0.0, 5.0], [5.0, 10.0]])  # benefit with zeros, cost with one zero


def test_max_with_zeros_benefit_zero_is_worthless_cost_zero_is_best():
    # benefit: x / 5 -> 0 0 1; cost: min = 0, so 0 / x = 0 for x > 0 and a zero cost is best (1)
    assert_allclose(norm("max", ZEROS), [[0, 1], [0, 0], [1, 0]])


def test_sum_with_zeros_a_zero_cost_takes_the_whole_share():
    # benefit: x / 5 -> 0 0 1; cost: 1/0 is infinitely better than any positive cost
    assert_allclose(norm("sum", ZEROS), [[0, 1], [0, 0], [1, 0]])


def test_sum_with_two_zero_costs_shares_equally():
    V = norm("sum", np.array([[0.0], [0.0], [4.0]]), np.array([False]))
    assert_allclose(V, [[0.5], [0.5], [0.0]])


@pytest.mark.parametrize("name", ["vector", "max", "sum"])
def test_all_zero_columns_stay_finite(name):
    V = norm(name, np.zeros((3, 2)))
    assert np.isfinite(V).all()
    # no contrast either way: every vendor gets the same value in each column
    assert_allclose(V, np.broadcast_to(V[:1], V.shape))


def test_vector_all_zero_benefit_column_gives_zero_and_cost_one():
    assert_allclose(norm("vector", np.zeros((2, 2))), [[0, 1], [0, 1]])


@pytest.mark.parametrize("name", ["max", "sum"])
def test_ratio_normalisations_refuse_negative_values(name):
    with pytest.raises(ScenarioError, match=f"'{name}' normalisation needs values >= 0"):
        norm(name, np.array([[-1.0, 2.0], [3.0, 4.0]]))


def test_unknown_normalisation_is_a_scenario_error():
    with pytest.raises(ScenarioError, match="unknown normalisation 'zscore'"):
        norm("zscore")


@pytest.mark.parametrize("name", sorted(NORMALIZERS))
def test_a_stack_of_matrices_normalises_slice_by_slice(name):
    rng = np.random.default_rng(7)
    stack = rng.uniform(0.5, 10.0, size=(4, 3, 2))
    together = norm(name, stack)
    for k in range(4):
        assert_allclose(together[k], norm(name, stack[k]))


@pytest.mark.parametrize("name", sorted(NORMALIZERS))
def test_values_land_in_zero_one_and_cost_is_reversed(name):
    V = norm(name)
    assert ((V >= 0) & (V <= 1)).all()
    # cost column: the cheapest vendor (row 0, cost 10) gets the highest value
    assert V[:, 1].argmax() == 0
    assert V[:, 0].argmax() == 2
