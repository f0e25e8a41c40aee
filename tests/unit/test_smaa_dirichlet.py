"""SMAA's "dirichlet" weights model (scoring/sensitivity/smaa.py `sample_weights`) draws with
NumPy's Dirichlet sampler: the same gamma variates, in the same order, as normalising
standard_gamma(C w) row by row (Shortlist's samples before it moved to the faster sampler), so a
seed reproduces the same runs to the last bit or two; and tiny concentrations, whose gamma draws
underflow, still give weight vectors (NumPy's stick-breaking path)."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose, assert_array_equal

from scoring.sensitivity import sample_weights


def test_the_samples_are_normalised_gamma_draws_of_the_same_stream():
    w = np.array([0.5, 0.3, 0.2])
    W = sample_weights(np.random.default_rng(8), w, "dirichlet", 1_000, concentration=50)
    G = np.random.default_rng(8).standard_gamma(50 * w, size=(1_000, 3))
    assert_allclose(W, G / G.sum(axis=1, keepdims=True), rtol=1e-15, atol=1e-16)


def test_drawing_in_chunks_continues_the_same_stream():
    w = np.array([0.2, 0.2, 0.6])
    rng = np.random.default_rng(3)
    parts = [sample_weights(rng, w, "dirichlet", c, concentration=9) for c in (1, 4, 95)]
    whole = sample_weights(np.random.default_rng(3), w, "dirichlet", 100, concentration=9)
    assert_array_equal(np.vstack(parts), whole)


def test_tiny_concentrations_still_give_weight_vectors():
    # alpha = 0.01 * w: standard_gamma underflows to 0 in most rows (0 / 0 before normalising).
    w = np.array([0.6, 0.0, 0.3, 0.1])
    W = sample_weights(np.random.default_rng(1), w, "dirichlet", 2_000, concentration=0.01)
    assert np.isfinite(W).all() and (W >= 0).all()
    assert_allclose(W.sum(axis=1), 1.0)
    assert (W[:, 1] == 0).all()  # a criterion without weight stays out
    # Nearly all the mass on one criterion per sample, each in proportion to its weight.
    corner = W.argmax(axis=1)
    assert (W.max(axis=1) > 0.99).mean() > 0.95
    assert_allclose(np.bincount(corner, minlength=4) / 2_000, w, atol=0.04)
