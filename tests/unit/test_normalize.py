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


# --- fractional data: every value in [0, 1], so a guard that compares with 1 instead of 0 shows

FRACTIONAL = np.array([[0.2, 0.1], [0.4, 0.5], [0.6, 0.25]])  # benefit, cost; every sum < 1


def test_minmax_on_fractional_data():
    # benefit: span .6 - .2 = .4 -> (x - .2) / .4 = 0, .5, 1
    # cost:    span .5 - .1 = .4 -> (.5 - x) / .4 = 1, 0, .625
    assert_allclose(norm("minmax", FRACTIONAL), [[0, 1], [0.5, 0], [1, 0.625]])


def test_sum_on_fractional_data():
    # benefit: total .2 + .4 + .6 = 1.2 -> x / 1.2 = 1/6, 1/3, 1/2
    # cost: 1/x = 10, 2, 4; sum 16 -> 10/16 = .625, 2/16 = .125, 4/16 = .25
    assert_allclose(norm("sum", FRACTIONAL), [[1 / 6, 0.625], [1 / 3, 0.125], [0.5, 0.25]])


def test_sum_on_a_benefit_column_whose_total_is_below_one():
    # total .1 + .2 + .5 = .8 -> x / .8 = .125, .25, .625
    V = norm("sum", np.array([[0.1], [0.2], [0.5]]), np.array([True]))
    assert_allclose(V, [[0.125], [0.25], [0.625]])


def test_max_on_fractional_data():
    # benefit: x / .6 = 1/3, 2/3, 1; cost: min / x = .1 / x = 1, .2, .4
    assert_allclose(norm("max", FRACTIONAL), [[1 / 3, 1], [2 / 3, 0.2], [1, 0.4]])


def test_vector_on_fractional_data():
    # benefit: ||(.2, .4, .6)|| = sqrt(.56) = .748331 -> .267261 .534522 .801784
    # cost: ||(.1, .5, .25)|| = sqrt(.3225) = .567891 -> r = .176090 .880451 .440225; 1 - r
    assert_allclose(
        norm("vector", FRACTIONAL),
        [[0.267261, 0.823910], [0.534522, 0.119549], [0.801784, 0.559775]],
        atol=1e-6,
    )


def test_scale_with_a_declared_minimum_above_zero():
    # scale [1, 5]: benefit (x - 1) / 4 -> 2 -> .25, 5 -> 1; cost 1 - (x - 1) / 4 -> 2 -> .75
    V = normalize(
        np.array([[2.0, 2.0], [5.0, 5.0]]),
        BENEFIT,
        np.array([1.0, 1.0]),
        np.array([5.0, 5.0]),
        "scale",
    )
    assert_allclose(V, [[0.25, 0.75], [1.0, 0.0]])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("max", 1.0),  # x / max is undefined: no contrast, everyone is as good as the best
        ("sum", 1.0),  # x / sum is undefined: likewise
        ("vector", 0.0),  # x / ||x|| with ||x|| = 0 taken as 0: the norm guard divides by 1
    ],
)
def test_all_zero_benefit_column_exact_values(name, expected):
    V = norm(name, np.zeros((3, 1)), np.array([True]))
    assert_allclose(V, np.full((3, 1), expected))


def test_ratio_normalisation_message_names_the_alternatives():
    with pytest.raises(ScenarioError) as err:
        norm("max", np.array([[-1.0, 2.0], [3.0, 4.0]]))
    assert str(err.value) == (
        "'max' normalisation needs values >= 0 (a ratio scale); this case has negative values: "
        "choose 'scale' or 'minmax'"
    )


def test_unknown_normalisation_lists_the_known_ones():
    with pytest.raises(ScenarioError) as err:
        norm("zscore")
    assert str(err.value) == (
        "unknown normalisation 'zscore'; use one of scale, minmax, vector, max, sum"
    )


# --- Hwang & Yoon (1981), Multiple Attribute Decision Making, the fighter-aircraft example -------
# The expected's running example (used for SAW, TOPSIS ...): alternatives A1..A4 on maximum speed
# (Mach), ferry range (NM), maximum payload (lb), acquisition cost ($10^6, a cost), reliability
# and manoeuvrability (benefit). Expected values are each formula applied by hand, to four
# decimals, with a worked entry in the comment.

HWANG_YOON = np.array(
    [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
)
HY_BENEFIT = np.array([True, True, True, False, True, True])


def hy(name: str) -> np.ndarray:
    return normalize(HWANG_YOON, HY_BENEFIT, HWANG_YOON.min(0), HWANG_YOON.max(0), name)


def test_vector_hwang_yoon_1981_fighter_aircraft():
    # TOPSIS step 1, r_ij = x_ij / sqrt(sum_i x_ij^2): speed sqrt(4 + 6.25 + 3.24 + 4.84) =
    # 4.2814 -> 2 / 4.2814 = .4671; cost sqrt(30.25 + 42.25 + 20.25 + 25) = 10.8512 ->
    # 5.5 / 10.8512 = .5069. The cost column is stored as 1 - r here (see normalize.vector).
    expected = np.array(
        [
            [0.4671, 0.3662, 0.5056, 0.5069, 0.4811, 0.6708],
            [0.5839, 0.6591, 0.4550, 0.5990, 0.2887, 0.3727],
            [0.4204, 0.4882, 0.5308, 0.4147, 0.6736, 0.5217],
            [0.5139, 0.4394, 0.5056, 0.4608, 0.4811, 0.3727],
        ]
    )
    V = hy("vector")
    V[:, 3] = 1 - V[:, 3]
    assert_allclose(V, expected, atol=5e-5)


def test_max_hwang_yoon_1981_fighter_aircraft():
    # Linear scale transformation (the expected's SAW example): benefit x / max, cost min / x.
    # speed 2/2.5 = .8; range 1500/2700 = .5556; payload 20000/21000 = .9524; cost 4.5/5.5 = .8182
    expected = np.array(
        [
            [0.8000, 0.5556, 0.9524, 0.8182, 0.7143, 1.0000],
            [1.0000, 1.0000, 0.8571, 0.6923, 0.4286, 0.5556],
            [0.7200, 0.7407, 1.0000, 1.0000, 1.0000, 0.7778],
            [0.8800, 0.6667, 0.9524, 0.9000, 0.7143, 0.5556],
        ]
    )
    assert_allclose(hy("max"), expected, atol=5e-5)


def test_minmax_hwang_yoon_1981_fighter_aircraft():
    # (x - min) / (max - min); cost (max - x) / (max - min). Speed: (2 - 1.8) / .7 = .2857;
    # range (1500 - 1500) / 1200 = 0; cost (6.5 - 5.5) / 2 = .5; reliability (5 - 3) / 4 = .5
    expected = np.array(
        [
            [0.2857, 0.0000, 0.6667, 0.5000, 0.5000, 1.0000],
            [1.0000, 1.0000, 0.0000, 0.0000, 0.0000, 0.0000],
            [0.0000, 0.4167, 1.0000, 1.0000, 1.0000, 0.5000],
            [0.5714, 0.2500, 0.6667, 0.7500, 0.5000, 0.0000],
        ]
    )
    assert_allclose(hy("minmax"), expected, atol=5e-5)


def test_sum_hwang_yoon_1981_fighter_aircraft_columns_are_shares():
    # x / sum: speed sum 8.5 -> 2 / 8.5 = .2353; cost (1/x) / sum(1/x):
    # 1/5.5 + 1/6.5 + 1/4.5 + 1/5 = .181818 + .153846 + .222222 + .2 = .757887 -> .2399 ...
    V = hy("sum")
    assert_allclose(V.sum(axis=0), np.ones(6))  # closed form: every column is a distribution
    assert_allclose(V[:, 0], [0.2353, 0.2941, 0.2118, 0.2588], atol=5e-5)
    assert_allclose(V[:, 3], [0.2399, 0.2030, 0.2932, 0.2639], atol=5e-5)
