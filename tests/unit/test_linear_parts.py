"""A method's `linear_part` F (score = F . w for given values) lets SMAA's confidence pass
score many weight vectors on one sampled matrix with one product. WSM's is the values
themselves (without it, at 2,000 vendors the pass copied each sample once per central vector:
11 s of a 15 s analysis); PROMETHEE II's is its net contributions. Each must give the method's
own scores for any weights, and the confidence pass must match one call per (sample, vector)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scoring.methods import METHOD_REGISTRY
from scoring.model import Scenario
from scoring.rank import merit_matrix
from scoring.sensitivity.smaa import _under_each, setup
from tests.unit.sensitivity_cases import flat_case

LINEAR = sorted(k for k, e in METHOD_REGISTRY.items() if e.linear_part is not None)


def test_the_methods_with_a_linear_part_are_wsm_and_promethee():
    assert LINEAR == ["promethee2", "wsm"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(LINEAR),
    arrays(float, (3, 4, 2), elements=st.floats(0, 1)),
    arrays(float, (5, 2), elements=st.floats(0, 1)),
)
def test_the_linear_part_times_the_weights_is_the_methods_score(method, V, W):
    entry = METHOD_REGISTRY[method]
    F = entry.linear_part(V)
    for c in range(V.shape[0]):
        np.testing.assert_allclose(F[c] @ W.T, entry.fn(V[c], W).T, atol=1e-12)


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee2"])
def test_each_sample_under_each_central_vector_matches_one_call_per_pair(method):
    """Linear methods through F, the others through their fixed-values path (one matrix, many
    weight vectors): the same merits as one stacked call per (sample, vector)."""
    case = flat_case([[1, 9, 4], [8, 2, 5], [5, 5, 9]], [1, 1, 2])
    s = setup(case, Scenario(method=method))
    rng = np.random.default_rng(0)
    V = rng.random((4, 3, 3))
    central = np.array([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]])
    got = _under_each(s, V, central)
    want = np.vstack(
        [merit_matrix(V[c][None], central[w][None], method, s.options) for c in range(4)
         for w in range(2)]
    )  # fmt: skip
    np.testing.assert_allclose(got, want, atol=1e-12)


PREPARED = sorted(k for k, e in METHOD_REGISTRY.items() if e.fixed is not None)


def test_the_prepared_methods_are_topsis_vikor_and_wpm():
    assert PREPARED == ["topsis", "vikor", "wpm"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(PREPARED),
    arrays(float, (4, 3), elements=st.floats(0, 1)),
    arrays(float, (5, 3), elements=st.floats(0, 1)),
)
def test_a_prepared_method_gives_the_methods_scores_bit_for_bit(method, V, W):
    """`fixed(V)(W)` is what the method's own call gives, exactly (sweeps use the one and the
    ranking the other, and their ranks must agree at every tie)."""
    entry = METHOD_REGISTRY[method]
    np.testing.assert_array_equal(entry.fixed(V)(W), entry.fn(V, W))
    np.testing.assert_array_equal(entry.fixed(V)(W[:1]), entry.fn(V, W[:1]))
