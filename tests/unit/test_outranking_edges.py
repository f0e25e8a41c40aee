"""PROMETHEE's preference functions at their thresholds, PROMETHEE I's incomparable pairs in
either direction, two vendors, and the outcome objects (VIKOR's compromise, PROMETHEE I's pairs)
as the brief, the CLI and the reports read them. Found by mutation testing (mutation/RESULTS.md)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scoring import Scenario, rank
from scoring.methods.promethee import Preference, flows, incomparable, net_contributions
from scoring.outcome import PrometheeOutcome, VikorOutcome, method_outcome
from scoring.rank import merit_matrix
from tests.unit.sensitivity_cases import flat_case

# --- preference functions exactly at their thresholds (Brans & Vincke 1985: P = 0 up to and
# including q, 1/2 up to and including p for the level function) ------------------------------


@pytest.mark.parametrize(
    "preference,d,expected",
    [
        (Preference("u-shape", q=0.25), [0.0, 0.25, 0.5], [0.0, 0.0, 1.0]),
        (Preference("level", q=0.25, p=0.5), [0.25, 0.375, 0.5, 0.75], [0.0, 0.5, 0.5, 1.0]),
        (Preference("usual"), [-0.5, 0.0, 0.125], [0.0, 0.0, 1.0]),
        (Preference("v-shape", p=0.5), [-0.25, 0.25, 0.5, 0.75], [0.0, 0.5, 1.0, 1.0]),
        (Preference("linear", q=0.25, p=0.75), [0.25, 0.5, 0.75, 1.0], [0.0, 0.5, 1.0, 1.0]),
    ],
)
def test_preference_at_its_thresholds(preference, d, expected):
    out = preference(np.array(d))
    assert out.dtype == np.float64
    assert list(out) == expected


def test_an_unknown_preference_function_names_the_known_ones():
    with pytest.raises(
        ValueError, match=r"^unknown preference function 'step'; use one of usual, "
    ):
        Preference("step")(np.zeros(2))


def test_one_criterion_uses_its_own_preference_function():
    # One criterion, two vendors 0.25 apart: the usual function prefers fully (F = +-1), the
    # default v-shape (p = 0.5) by half.
    V = np.array([[0.75], [0.5]])
    assert_allclose(net_contributions(V, [Preference("usual")]), [[1.0], [-1.0]])
    assert_allclose(net_contributions(V), [[0.5], [-0.5]])


def test_as_many_preference_functions_as_criteria():
    with pytest.raises(ValueError, match=r"^2 preference functions for 3 criteria$"):
        net_contributions(np.zeros((2, 3)), [Preference(), Preference()])


def test_two_vendors_divide_by_one():
    # m - 1 = 1: the flows are the preference degrees themselves.
    V = np.array([[1.0, 0.0], [0.0, 0.25]])
    plus, minus = flows(V, np.array([0.75, 0.25]), [Preference("usual")] * 2)
    assert_allclose(plus, [0.75, 0.25])
    assert_allclose(minus, [0.25, 0.75])
    assert_allclose(net_contributions(V, [Preference("usual")] * 2), [[1, -1], [-1, 1]])


@pytest.mark.parametrize(
    "plus,minus,expected",
    [
        ([0.6, 0.4], [0.5, 0.3], [(0, 1)]),  # a gives and receives more
        ([0.4, 0.6], [0.3, 0.5], [(0, 1)]),  # b gives and receives more
        ([0.5, 0.5], [0.3, 0.1], []),  # equal positive flows: b outranks a
        ([0.5, 0.5], [0.1, 0.3], []),  # equal positive flows: a outranks b
        ([0.4, 0.6], [0.2, 0.2], []),  # equal negative flows: b outranks a
        ([0.6, 0.4], [0.2, 0.4], []),  # a better on both
    ],
)
def test_incomparable_in_either_direction(plus, minus, expected):
    assert incomparable(np.array(plus), np.array(minus)) == expected


# --- the outcome objects -------------------------------------------------------------------


def vikor_case():
    # test_vikor_compromise's hand case (Q = [1/6, 1/2, 3/4]) with its vendors in reverse order,
    # on flat_case's 0..10 scale, so the vendors' order and the ranking's order differ.
    V = np.array([[1.0, 1.0, 0.25], [0.25, 0.75, 0.5], [0.0, 1.0, 0.75]])
    return flat_case(10 * V, [2, 1, 3])


def test_vikor_outcome_by_hand():
    o = method_outcome(rank(vikor_case(), Scenario(method="vikor")))
    assert isinstance(o, VikorOutcome)
    d = o.to_dict()
    assert d.keys() == {
        "method", "v", "S", "R", "Q", "acceptable_advantage", "acceptable_stability",
        "compromise_set", "dq",
    }  # fmt: skip
    assert (d["method"], d["v"], d["dq"]) == ("vikor", 0.5, 0.5)
    assert list(d["S"]) == list(d["R"]) == list(d["Q"]) == ["v0", "v1", "v2"]
    assert_allclose(list(d["S"].values()), [1 / 2, 2 / 3, 1 / 3])
    assert_allclose(list(d["R"].values()), [1 / 2, 1 / 4, 1 / 3])
    assert_allclose(list(d["Q"].values()), [3 / 4, 1 / 2, 1 / 6])
    assert (d["acceptable_advantage"], d["acceptable_stability"]) == (False, True)
    assert o.best == "v2"
    # Best first, then the ranking's order (not the files' order v1, v2).
    assert d["compromise_set"] == ["v2", "v1"]


def test_vikor_outcome_uses_the_scenarios_v():
    # v = 0.2: Q = 0.2 S' + 0.8 R' with S' = [1/2, 1, 0], R' = [1, 0, 1/3]: [0.9, 0.2, 4/15].
    o = method_outcome(rank(vikor_case(), Scenario(method="vikor", vikor_v=0.2)))
    assert o.v == 0.2
    assert_allclose(list(o.Q.values()), [0.9, 0.2, 4 / 15])
    assert o.best == "v1"
    assert o.compromise == ("v1", "v2")


def test_two_vendors_have_an_outcome_one_has_none():
    two = flat_case([[10.0, 0.0], [0.0, 10.0]], [3, 1])
    o = method_outcome(rank(two, Scenario(method="vikor")))
    assert (o.best, o.advantage, o.compromise, o.dq) == ("v0", True, ("v0",), 1.0)
    p = method_outcome(rank(two, Scenario(method="promethee2")))
    assert isinstance(p, PrometheeOutcome) and p.incomparable == ()
    assert method_outcome(rank(flat_case([[5.0, 5.0]], [1, 1]), Scenario(method="vikor"))) is None
    assert method_outcome(rank(two, Scenario(method="wsm"))) is None


def test_promethee_outcome_lists_pairs_in_ranking_order():
    # Ranked v1, v3, v0, v2. Each pair is written best-ranked first and the pairs are sorted by
    # their first, then their second vendor's place: not by the files' order, nor by the second.
    X = [[0.0, 10.0, 7.5], [10.0, 5.0, 7.5], [0.0, 10.0, 5.0], [2.5, 7.5, 10.0]]
    result = rank(flat_case(X, [3, 3, 1]), Scenario(method="promethee2"))
    assert [result.resolved.vendor_ids[i] for i in result.order] == ["v1", "v3", "v0", "v2"]
    o = method_outcome(result)
    assert o.incomparable == (("v1", "v3"), ("v1", "v0"), ("v1", "v2"), ("v3", "v0"))
    plus, minus = flows(result.V, result.resolved.weights, result.resolved.preference)
    assert o.to_dict() == {
        "method": "promethee2",
        "positive_flow": {f"v{i}": float(plus[i]) for i in range(4)},
        "negative_flow": {f"v{i}": float(minus[i]) for i in range(4)},
        "incomparable": [["v1", "v3"], ["v1", "v0"], ["v1", "v2"], ["v3", "v0"]],
    }
    # The net flow is their difference: the ranking's score.
    assert_allclose(plus - minus, result.scores, atol=1e-12)


def test_merit_turns_lower_is_better_around_and_passes_the_options():
    # Merit is what every ranking compares: VIKOR's Q negated, with the v it is given.
    V = np.array([[1.0, 1.0, 0.0], [0.0, 0.6, 0.6], [0.0, 0.0, 1.0]])
    W = np.array([[0.4, 0.3, 0.3]])
    assert_allclose(merit_matrix(V, W, "vikor", {"v": 0.2}), [[-0.0, -0.97, -1.0]])
    assert_allclose(merit_matrix(V, W, "wsm"), W @ V.T)


def test_lower_is_better_gaps_read_from_the_leader_and_never_show_minus_zero():
    # Q = [3/4, 1/2, 1/6]: ranked v2, v1, v0 with gaps 0, 1/3, 7/12 (Q above the leader's).
    rows = rank(vikor_case(), Scenario(method="vikor")).rows()
    assert [r["vendor"] for r in rows] == ["v2", "v1", "v0"]
    assert_allclose([r["gap"] for r in rows], [0.0, 1 / 3, 7 / 12])
    assert math.copysign(1.0, rows[0]["gap"]) == 1.0  # +0.0, not -0.0 (JSON would say -0.0)


def test_vikor_with_a_subnormal_weight_neither_overflows_nor_differs_batched():
    """Found by hypothesis: a weight of 5e-324 made a spread whose reciprocal overflowed (an
    error, warnings being errors). A spread below the smallest normal float counts as none."""
    from scoring.methods.vikor import vikor

    V = np.array([[0.0], [1.0]])
    W = np.array([[5e-324], [1.0]])
    Q = vikor(V, W)
    np.testing.assert_array_equal(Q[0], [0.0, 0.0])  # no usable spread: all alike
    np.testing.assert_array_equal(Q[1], [1.0, 0.0])  # the worst has Q 1, the best 0
    np.testing.assert_array_equal(vikor(V[None], W[:1]), Q[:1])  # the stacked path agrees


def test_vikor_with_a_spread_of_exactly_the_smallest_normal_float_still_ranks():
    """The cut is inclusive: a spread of exactly np.finfo(float).tiny is a spread (Q 1 and 0),
    in both the fixed-values path and the stacked one."""
    from scoring.methods.vikor import vikor

    tiny = np.finfo(float).tiny
    V = np.array([[0.0], [1.0]])
    W = np.array([[tiny]])
    np.testing.assert_array_equal(vikor(V, W), [[1.0, 0.0]])
    np.testing.assert_array_equal(vikor(V[None], W), [[1.0, 0.0]])
