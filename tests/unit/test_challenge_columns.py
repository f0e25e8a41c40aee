"""One-column edits (scoring/methods/columns.py and each method's `edited`) against re-scoring
every edited matrix whole.

Moving one vendor's score changes one column of values, the whole column under a normalisation
that reads it (vector, max, sum, minmax). "What it would take" and the unknowns check score each
candidate through the method's one-column edit: O(m) a candidate instead of O(m n), which at
2,000 vendors x 40 criteria took the unknowns check from 5 s and 2 GB to under a second. These
tests hold every method under every normalisation to the definition, `challenge._rescored`.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from scoring import Scenario
from scoring.methods import METHOD_REGISTRY, NORMALIZATION_REGISTRY
from scoring.methods.columns import others_max, others_sum
from scoring.sensitivity import challenge
from scoring.sensitivity.setup import setup
from tests.unit.sensitivity_cases import (
    answers,
    assert_same_answers,
    edit_strategies,
    edits,
    flat_case,
)

METHODS = tuple(METHOD_REGISTRY)
NORMALIZATIONS = tuple(NORMALIZATION_REGISTRY)


def definition(T, j, how):
    rest = np.delete(T, j, axis=1)
    if how == "sum":
        return rest.sum(axis=1)
    return rest.max(axis=1) if rest.shape[1] else np.zeros(len(T))


@given(arrays(float, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=st.floats(0, 10)))
def test_others_sum_and_max_leave_out_exactly_one_column(T):
    S, M = others_sum(T), others_max(T)
    for j in range(T.shape[1]):
        assert_allclose(S[:, j], definition(T, j, "sum"), rtol=1e-12, atol=0)
        assert_allclose(M[:, j], definition(T, j, "max"), rtol=0, atol=0)


def test_others_sum_adds_never_subtracts():
    # A row whose terms are all on the left-out column keeps an exact 0, however large it is:
    # subtracting the column from the total would leave 1e20's rounding (TOPSIS's distance to
    # the ideal is the square root of this, so rounding there would move a score by 1e-9).
    T = np.array([[1e20, 0.0, 0.0], [3.0, 1e-30, 0.0]])
    assert others_sum(T)[0, 0] == 0.0
    assert others_sum(T)[1, 0] == 1e-30
    assert others_max(np.array([[2.0]])).tolist() == [[0.0]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    method=st.sampled_from(METHODS),
    normalization=st.sampled_from(NORMALIZATIONS),
    **edit_strategies((0, 0.5, 1, 2, 4, 5, 7, 9, 10)),
    cost=st.sets(st.integers(0, 2), max_size=2),
)
def test_one_column_edits_equal_rescoring_everything(
    method, normalization, X, weights, cost, moves
):
    s = setup(
        flat_case(X, weights, cost=cost), Scenario(method=method, normalization=normalization)
    )
    m = len(X)
    iv, jv, x = edits(moves, m)
    assert s.edited is not None
    fast = challenge._edited_scores(s, iv, jv, x)
    slow = challenge._rescored(s, iv, jv, x)
    assert fast.shape == slow.shape == (len(moves), m)
    assert_allclose(fast, slow, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("method", [m for m in METHODS if m != "wsm"])
def test_challengers_and_unknowns_are_those_of_rescoring_everything(method):
    """Twelve vendors, a cost criterion, unknown cells scored at the midpoint: the answers
    through the one-column edits are those through re-scoring whole matrices."""
    rng = np.random.default_rng(5)
    X = rng.integers(0, 11, (12, 4)).astype(float)
    ranges = [[None] * 4 for _ in range(12)]
    case = flat_case(X, [30, 25, 25, 20], ranges, cost={1})
    vendors = list(case.vendors)
    for i, cid in [(2, "c0"), (5, "c3"), (0, "c1"), (7, "c1")]:
        scores = dict(vendors[i].scores)
        scores[cid] = scores[cid].model_copy(update={"value": None})
        vendors[i] = vendors[i].model_copy(update={"scores": scores})
    case = type(case)(case.info, case.criteria, tuple(vendors), (), "unknown-cells")
    normalization = "minmax" if method == "promethee2" else None  # scale: its own update
    s = setup(case, Scenario(method=method, normalization=normalization, unknowns="midpoint"))
    fast = answers(s)
    s.__dict__["edited"] = None  # the cached property: now every candidate is re-scored whole
    assert_same_answers(fast, answers(s))


@pytest.mark.parametrize("method", ["topsis", "wsm"])
def test_candidates_are_scored_in_blocks_of_bounded_size(method, monkeypatch):
    """A block holds at most EDIT_VALUES re-scored values; the blocks together give what one
    block gives (the unknowns check at 2,000 vendors once re-scored 700 matrices at once, 2 GB)."""
    rng = np.random.default_rng(8)
    s = setup(flat_case(rng.integers(0, 11, (6, 3)), [1, 2, 3]), Scenario(method=method))
    iv, jv = rng.integers(0, 6, 40), rng.integers(0, 3, 40)
    x = rng.uniform(0, 10, 40)
    whole = challenge._edited_scores(s, iv, jv, x)
    seen = []

    def spy(real):
        def counted(s, iv, jv, x):
            seen.append(len(x))
            return real(s, iv, jv, x)

        return counted

    monkeypatch.setattr(challenge, "_column_edited", spy(challenge._column_edited))
    monkeypatch.setattr(challenge, "EDIT_VALUES", 6 * 7)  # m = 6 values a candidate: 7 a block
    assert_allclose(challenge._edited_scores(s, iv, jv, x), whole, rtol=1e-15, atol=0)
    assert seen == [7, 7, 7, 7, 7, 5]
    s.__dict__["edited"] = None  # re-scoring whole matrices: m n = 18 values a candidate
    seen.clear()
    monkeypatch.setattr(challenge, "_rescored", spy(challenge._rescored))
    monkeypatch.setattr(challenge, "EDIT_VALUES", 18 * 16)
    assert_allclose(challenge._edited_scores(s, iv, jv, x), whole, rtol=1e-12, atol=1e-15)
    assert seen == [16, 16, 8]


def test_vikor_ties_survive_summing_in_another_order():
    """Three vendors tied on S and R after an edit: the one-column path sums S as
    0.49999999999999994 where re-scoring sums 0.5. A spread that small is rounding: rescaled,
    it moved Q by v (0.5) and named a new leader that only ties (found by review)."""
    X = np.array([[1, 3, 0, 10], [3, 0, 2, 0], [7, 0, 3, 3]], float)
    case = flat_case(X, [1, 1, 1, 1])
    vendors = list(case.vendors)
    scores = dict(vendors[1].scores)
    scores["c3"] = scores["c3"].model_copy(update={"value": None})
    vendors[1] = vendors[1].model_copy(update={"scores": scores})
    case = type(case)(case.info, case.criteria, tuple(vendors), (), "tied-vikor")
    s = setup(case, Scenario(method="vikor"))
    edit = (np.array([1]), np.array([3]), np.array([10.0]))
    assert challenge._edited_scores(s, *edit).tolist() == [[0.0, 0.0, 0.0]]
    assert_allclose(challenge._edited_scores(s, *edit), challenge._rescored(s, *edit), atol=0)
    fast = challenge.unknowns_that_matter(s)
    s.__dict__["edited"] = None
    assert fast == challenge.unknowns_that_matter(s)
    s2 = setup(flat_case([[7, 3, 1, 0], [7, 0, 1, 3], [3, 1, 7, 0]], [1, 1, 1, 1]),
               Scenario(method="vikor"))  # fmt: skip
    edit = (np.array([2]), np.array([3]), np.array([2.0]))
    assert challenge._edited_scores(s2, *edit).tolist() == [[0.0, 0.0, 0.0]]
    assert not challenge._leads(s2, *edit)[0]  # a tie at the top is not a lead


def test_promethee_blocks_count_the_gaussian_pairs_past_the_sorted_size():
    """Past PAIRWISE_MAX vendors the other functions are sorted (a row of values a vendor),
    the Gaussian still compares every pair (m values a vendor): its blocks are that much
    smaller, and the search's budget counts them (at 600 vendors a block took 232 MB)."""
    from scoring.methods.promethee import PAIRWISE_MAX, Preference, edit_values, pairs_per_vendor

    big = PAIRWISE_MAX + 44
    assert pairs_per_vendor(big, Preference(function="gaussian", s=1.0)) == big
    assert pairs_per_vendor(big, Preference()) == 1
    assert pairs_per_vendor(PAIRWISE_MAX, Preference()) == PAIRWISE_MAX
    mixed = [Preference(), Preference(function="gaussian", s=1.0)]
    assert edit_values(big, 2, mixed) == big * big
    assert edit_values(big, 2) == big
    assert edit_values(10, 3) == 100
