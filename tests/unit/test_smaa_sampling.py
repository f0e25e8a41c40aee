"""SMAA's samplers (scoring/sensitivity/smaa.py `sample_weights`, `sample_scores`) on cases the
full mutation run of smaa.py showed untested: one weighted criterion among several, current
weights that do not sum to 1, an unknown cell on a scale that does not start at 0, and the
messages for a bad model or all-zero weights."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from scoring.errors import ScenarioError
from scoring.sensitivity.smaa import sample_scores, sample_weights


@pytest.mark.parametrize("model", ["uniform", "dirichlet", "order"])
def test_one_weighted_criterion_among_three_takes_all_the_weight(model):
    W = sample_weights(np.random.default_rng(0), np.array([0.0, 2.0, 0.0]), model, 5)
    assert W.shape == (5, 3)
    np.testing.assert_allclose(W, np.tile([0.0, 1.0, 0.0], (5, 1)), atol=1e-15)


def test_dirichlet_is_centred_on_the_weights_as_shares_with_the_stated_spread():
    """Current weights 2 and 6 are shares 1/4 and 3/4: mean w, Var = w (1 - w) / (C + 1)
    (C = 50: 0.25 * 0.75 / 51 = 0.003676), whatever the weights add up to."""
    W = sample_weights(np.random.default_rng(1), np.array([2.0, 6.0]), "dirichlet", 200_000, 50)
    assert W[:, 0].mean() == pytest.approx(0.25, abs=0.002)
    assert W[:, 0].var() == pytest.approx(0.25 * 0.75 / 51, rel=0.03)


def test_all_zero_weights_and_an_unknown_model_say_what_to_do():
    rng = np.random.default_rng(0)
    with pytest.raises(ScenarioError) as zero:
        sample_weights(rng, np.zeros(3), "uniform", 2)
    assert str(zero.value) == "all weights are zero: give at least one criterion a weight"
    with pytest.raises(ScenarioError) as model:
        sample_weights(rng, np.ones(2), "normal", 2)
    assert (
        str(model.value) == "unknown weights model 'normal'; use one of dirichlet, uniform, order"
    )
    r = SimpleNamespace(X=np.ones((1, 1)), low=np.zeros((1, 1)), high=np.ones((1, 1)))
    with pytest.raises(ScenarioError) as mode:
        sample_scores(rng, r, "beta", 2)
    assert str(mode.value) == "unknown score sampling 'beta'; use one of uniform, triangular, none"


def test_triangular_sampling_draws_an_unknown_uniformly_over_a_scale_from_2_to_10():
    """A known cell 4 in [3, 5] is triangular (mean (3 + 4 + 5) / 3 = 4, never outside); an
    unknown cell on a 2-10 scale is uniform over it (mean 6, spread over the whole scale)."""
    r = SimpleNamespace(
        X=np.array([[4.0, 2.0]]),
        low=np.array([[3.0, 2.0]]),
        high=np.array([[5.0, 10.0]]),
        unknown=np.array([[False, True]]),
        m=1,
        n=2,
    )
    X = sample_scores(np.random.default_rng(2), r, "triangular", 100_000)
    known, unknown = X[:, 0, 0], X[:, 0, 1]
    assert known.min() >= 3.0 and known.max() <= 5.0
    assert known.mean() == pytest.approx(4.0, abs=0.01)
    assert unknown.min() >= 2.0 and unknown.max() <= 10.0
    assert unknown.mean() == pytest.approx(6.0, abs=0.05)
    assert np.quantile(unknown, 0.25) == pytest.approx(4.0, abs=0.1)  # uniform, not peaked
