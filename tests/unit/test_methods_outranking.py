"""VIKOR and PROMETHEE II/I: the papers' published numbers, pymcdm cross-checks, batching, and
the outcome objects the brief and the CLI read."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from numpy.testing import assert_allclose
from pymcdm import methods as pm
from pymcdm.methods.partial import PROMETHEE_I

from scoring import Scenario, rank
from scoring.methods.promethee import Preference, flows, incomparable, promethee2
from scoring.methods.vikor import BLOCK, compromise, vikor
from scoring.model import PreferenceSpec
from scoring.outcome import PrometheeOutcome, VikorOutcome, method_outcome
from tests.unit.sensitivity_cases import flat_case

# --- VIKOR: Opricovic & Tzeng (2007), EJOR 178(2) 514-529, Section 5 --------------------------
# Six hydropower alternatives on the Drina river, eight criteria (profit, cost, energy, peak
# energy, homes relocated, reservoir area, villages displaced, environmental protection grade).
OT_X = np.array(
    [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
)
OT_BENEFIT = np.array([True, False, True, True, False, False, False, True])
# VIKOR reads V as "higher is better" and rescales each column between its best and worst, so a
# cost column can simply be negated.
OT_V = np.where(OT_BENEFIT, OT_X, -OT_X)

# The paper's weightings (its Table 3 and the sensitivity runs), with S, R, Q, the two
# conditions and the compromise set (0-based indices of A1..A6), v = 0.5.
OT_CASES = {
    "equal": (
        [1] * 8,
        [0.692, 0.700, 0.290, 0.423, 0.280, 0.346],
        [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
        [0.991, 1.000, 0.473, 0.670, 0.000, 0.578],
        (True, True, (4,)),
    ),
    "economy first": (
        [2, 2, 2, 2, 1, 1, 1, 1],
        [0.701, 0.600, 0.386, 0.365, 0.317, 0.459],
        [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
        [1.000, 0.533, 0.552, 0.563, 0.000, 0.686],
        (True, True, (4,)),
    ),
    "environment first": (
        [1, 1, 1, 1, 2, 2, 2, 2],
        [0.683, 0.800, 0.193, 0.480, 0.243, 0.232],
        [0.113, 0.167, 0.080, 0.122, 0.044, 0.083],
        [0.684, 1.000, 0.147, 0.554, 0.041, 0.191],
        (False, True, (4, 2, 5)),
    ),
    "environment 3.2x": (
        [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
        [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
        [0.668, 1.000, 0.051, 0.588, 0.058, 0.078],
        (False, True, (2, 4, 5)),
    ),
}


@pytest.mark.parametrize("name", list(OT_CASES))
def test_vikor_opricovic_tzeng_2007(name):
    weights, S, R, Q, (advantage, stability, chosen) = OT_CASES[name]
    w = np.array(weights, float) / sum(weights)
    c = compromise(OT_V, w, 0.5)
    assert_allclose(c.S, S, atol=6e-4)
    assert_allclose(c.R, R, atol=6e-4)
    assert_allclose(c.Q, Q, atol=6e-4)
    assert_allclose(vikor(OT_V, w[None, :])[0], c.Q)
    assert (c.advantage, c.stability, c.compromise) == (advantage, stability, chosen)
    assert c.dq == pytest.approx(0.2)  # 1 / (6 - 1)


def test_vikor_by_hand():
    # Every column runs 0..1, so d_ij = 1 - v_ij: A1 (0, 0, 0.3), A2 (0.4, 0.12, 0.12),
    # A3 (0.4, 0.3, 0); S = [0.3, 0.64, 0.7], R = [0.3, 0.4, 0.4]; rescaled S [0, 0.85, 1],
    # R [0, 1, 1]; Q = [0, 0.925, 1] at v = 0.5, and A1 leads A2 by 0.925 >= DQ = 0.5.
    V = np.array([[1.0, 1.0, 0.0], [0.0, 0.6, 0.6], [0.0, 0.0, 1.0]])
    c = compromise(V, np.array([0.4, 0.3, 0.3]), 0.5)
    assert_allclose(c.S, [0.3, 0.64, 0.7])
    assert_allclose(c.R, [0.3, 0.4, 0.4])
    assert_allclose(c.Q, [0.0, 0.925, 1.0])
    assert (c.advantage, c.stability, c.compromise, c.dq) == (True, True, (0,), 0.5)


def test_vikor_criterion_where_all_vendors_are_equal_counts_for_nothing():
    V = np.array([[0.2, 0.5], [0.8, 0.5]])
    assert_allclose(vikor(V, np.array([[0.5, 0.5]])), [[1.0, 0.0]])


def test_vikor_without_stability_proposes_the_first_two():
    # scikit-criteria's case "acceptable advantage but not stability" (five vendors, all costs).
    X = np.array(
        [
            [1.0, 101.0, 1.0, 101.0, 1.00],
            [101.0, 1.0, 101.0, 1.0, 101.0],
            [1.0, 1.0, 1.0, 1.0, 101.0],
            [11.0, 11.0, 11.0, 16.0, 61.0],
            [56.0, 56.0, 56.0, 56.0, 56.0],
        ]
    )
    c = compromise(-X, np.full(5, 0.2), 0.5)
    assert_allclose(c.Q, [0.75, 1.0, 0.5, 0.068, 0.4375], atol=1e-3)
    assert (c.advantage, c.stability) == (True, False)
    assert c.compromise == (3, 4)


# --- PROMETHEE II: Papathanasiou & Ploskas (2018), Multiple Criteria Decision Aid, ch. 6 --------
PP_X = np.array(
    [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]], float
)
PP_W = np.array([[0.4, 0.3, 0.1, 0.2]])


def test_promethee2_papathanasiou_ploskas_2018_linear():
    phi = promethee2(PP_X, PP_W, [Preference("linear", q=1, p=2)] * 4)
    assert_allclose(phi[0], [-0.26, -0.52, -0.22, 0.36, 0.70, -0.06], atol=1e-12)


def test_promethee2_usual_criterion_by_hand():
    # Usual criterion: pi(a, b) = sum of the weights of the criteria on which a is strictly
    # better. Papathanasiou & Ploskas's matrix: alternative 5 (11, 10, 3, 7) beats everyone on
    # criteria 1, 2 and 4 except ties; its phi+ = (0.9 * 4 + 0.9) / 5 ... computed pair by pair:
    w = PP_W[0]
    better = (PP_X[:, None, :] > PP_X[None, :, :]).astype(float)  # [a, b, j]
    pi = better @ w
    expected = (pi.sum(axis=1) - pi.sum(axis=0)) / 5
    phi = promethee2(PP_X, PP_W, [Preference("usual")] * 4)[0]
    assert_allclose(phi, expected, atol=1e-12)
    # and the first row by hand: A1 (8,7,2,1) beats A2 on c1, c2 (0.7), A3 on c1, c2 (0.7),
    # A4 on nothing, A5 on nothing, A6 on c1 (0.4): phi+ = 1.8 / 5; beaten by A2 on c3, c4
    # (0.3), A3 on c3, c4 (0.3), A4 on all (1.0), A5 on all (1.0), A6 on c2, c3, c4 (0.6).
    assert phi[0] == pytest.approx((1.8 - 3.2) / 5)


@pytest.mark.parametrize(
    ("function", "ours", "theirs"),
    [
        ("usual", Preference("usual"), {}),
        ("ushape", Preference("u-shape", q=0.15), {"q": [0.15] * 4}),
        ("vshape", Preference("v-shape", p=0.4), {"p": [0.4] * 4}),
        ("level", Preference("level", q=0.1, p=0.3), {"q": [0.1] * 4, "p": [0.3] * 4}),
        ("vshape_2", Preference("linear", q=0.1, p=0.5), {"q": [0.1] * 4, "p": [0.5] * 4}),
    ],
)
@pytest.mark.parametrize("seed", range(3))
def test_promethee2_matches_pymcdm(function, ours, theirs, seed):
    rng = np.random.default_rng(seed)
    V = rng.uniform(0, 1, (7, 4))
    W = rng.dirichlet(np.ones(4), 5)
    mine = promethee2(V, W, [ours] * 4)
    for i, w in enumerate(W):
        # pymcdm's thresholds are a generator, spent by one call: a new object per call.
        theirs_phi = pm.PROMETHEE_II(function, **theirs)(V, w, np.ones(4))
        assert_allclose(mine[i], theirs_phi, atol=1e-12)
    plus, minus = flows(V, W[0], [ours] * 4)
    assert_allclose(np.stack([plus, minus]), PROMETHEE_I(function, **theirs)(V, W[0], np.ones(4)))


def test_gaussian_preference_by_its_formula():
    d = np.array([-1.0, 0.0, 0.1, 0.5])
    assert_allclose(Preference("gaussian", s=0.5)(d), [0, 0, 1 - np.exp(-0.02), 1 - np.exp(-0.5)])


@pytest.mark.parametrize("seed", range(3))
def test_vikor_matches_pymcdm(seed):
    rng = np.random.default_rng(seed)
    X = rng.uniform(1, 10, (6, 4))
    W = rng.dirichlet(np.ones(4), 5)
    mine = vikor(X, W)
    for i, w in enumerate(W):
        assert_allclose(mine[i], pm.VIKOR()(X, w, np.ones(4)), atol=1e-12)


def test_vikor_fixed_values_in_blocks_equal_one_weight_vector_at_a_time():
    # More weight vectors than one block, a criterion where everyone is equal, one vendor best
    # everywhere: the blocked path for one V gives each row's Q as the (k, m, n) path does.
    rng = np.random.default_rng(7)
    V = rng.uniform(0, 1, (5, 4))
    V[:, 2] = 0.3
    W = rng.dirichlet(np.ones(4), 2 * BLOCK + 3)
    batched = vikor(V, W, 0.3)
    stacked = vikor(np.broadcast_to(V, (len(W), *V.shape)), W, 0.3)
    assert_allclose(batched, stacked, atol=1e-14)


def test_promethee1_incomparable_pairs():
    # a gives more preference than b but also receives more: incomparable; c dominates both.
    plus = np.array([0.6, 0.4, 0.7])
    minus = np.array([0.5, 0.3, 0.1])
    assert incomparable(plus, minus) == [(0, 1)]


# --- through the ranking: Q ranks lowest first; the outcome reports the conditions -------------


def on_ten(V: np.ndarray) -> np.ndarray:
    """Each column placed linearly on 0..10 (flat_case's scale): VIKOR's Q does not change."""
    return 10 * (V - V.min(axis=0)) / (V.max(axis=0) - V.min(axis=0))


def test_vikor_ranks_the_lowest_q_first_and_gaps_are_positive():
    case = flat_case(on_ten(OT_V), [1] * 8)
    result = rank(case, Scenario(method="vikor"))
    rows = result.rows()
    assert [r["vendor"] for r in rows][0] == "v4"  # A5, Q = 0
    assert rows[0]["score"] == 0.0 and rows[-1]["score"] == 1.0
    assert all(r["gap"] >= 0 for r in rows)
    assert rows[-1]["gap"] == 1.0
    assert not result.higher_is_better
    outcome = method_outcome(result)
    assert isinstance(outcome, VikorOutcome)
    assert outcome.compromise == ("v4",)
    assert outcome.advantage and outcome.stability


def test_the_vikor_v_of_the_scenario_is_used():
    case = flat_case(on_ten(OT_V), [1, 1, 1, 1, 2, 2, 2, 2])
    for v in (0.0, 0.5, 1.0):
        result = rank(case, Scenario(method="vikor", vikor_v=v))
        w = result.resolved.weights
        assert_allclose(result.scores, vikor(result.V, w[None, :], v)[0])


def test_promethee_reads_each_criterions_preference_in_its_own_units():
    # flat_case's scales run 0..10, so linear q = 1, p = 2 in the criterion's units is applied
    # as q = 0.1, p = 0.2 on the scale values; Papathanasiou & Ploskas's numbers come back.
    case = flat_case(PP_X, [0.4, 0.3, 0.1, 0.2])
    spec = PreferenceSpec(function="linear", q=1, p=2)
    crit = tuple(c.model_copy(update={"preference": spec}) for c in case.criteria)
    case = dataclasses.replace(case, criteria=crit, fingerprint="pp")
    result = rank(case, Scenario(method="promethee2"))
    by_vendor = {r["vendor"]: r["score"] for r in result.rows()}
    assert_allclose(
        [by_vendor[f"v{i}"] for i in range(6)], [-0.26, -0.52, -0.22, 0.36, 0.70, -0.06], atol=1e-12
    )
    outcome = method_outcome(result)
    assert isinstance(outcome, PrometheeOutcome)
    assert_allclose(
        [outcome.plus[v] - outcome.minus[v] for v in result.resolved.vendor_ids],
        result.scores,
        atol=1e-12,
    )


def test_each_method_says_how_its_scores_read():
    from scoring.methods import METHOD_REGISTRY

    assert METHOD_REGISTRY["wsm"].reads() == "Scores run from 0 to 1, higher is better"
    assert METHOD_REGISTRY["vikor"].reads() == "Scores run from 0 to 1, lower is better"
    assert METHOD_REGISTRY["promethee2"].reads() == "Scores run from -1 to 1, higher is better"
    # goodness: the best possible score is 1 whichever way the score reads (bubble sizes).
    assert METHOD_REGISTRY["vikor"].goodness(0.0) == 1.0
    assert METHOD_REGISTRY["promethee2"].goodness(0.0) == 0.5
    assert METHOD_REGISTRY["wsm"].goodness(0.25) == 0.25
