"""SMAA's random draws: leaf weight vectors over the simplex and score matrices within each
cell's range, from two seeded streams (same seed, same samples, however a run is cut into
chunks). `scoring.sensitivity.smaa` scores and ranks them."""

from __future__ import annotations

import numpy as np

from scoring.case import Resolved
from scoring.errors import ScenarioError
from scoring.scenario.settings import BY_FIELD

WEIGHTS_MODELS = tuple(BY_FIELD["weights_model"].choices)  # declared in the settings table
SCORE_SAMPLING = tuple(BY_FIELD["score_sampling"].choices)


def sample_weights(
    rng: np.random.Generator,
    current: np.ndarray,
    model: str,
    k: int,
    concentration: float = 50.0,
) -> np.ndarray:
    """k leaf weight vectors (k, n), each summing to 1.

    Criteria whose current weight is 0 stay at 0 (they are out of the ranking); the others get:
    - "uniform": uniform over the simplex (flat Dirichlet): no preference information;
    - "dirichlet": Dirichlet with alpha_j = C * w_j, centred on the current weights w with total
      concentration C: Var(w_j) = w_j (1 - w_j) / (C + 1), so larger C keeps closer to w;
    - "order": a uniform simplex sample sorted and assigned so that the current importance order
      holds (the largest weight to the most important criterion); criteria with equal current
      weights are exchangeable, so their values are shuffled among them.
    """
    current = np.asarray(current, dtype=float)
    active = np.flatnonzero(current > 0)
    if active.size == 0:
        raise ScenarioError("all weights are zero: give at least one criterion a weight")
    w = current[active] / current[active].sum()
    if model == "uniform":
        G = rng.standard_exponential((k, active.size))
    elif model == "dirichlet":
        # NumPy's own sampler (SMAA's costliest step): the gamma draws of
        # standard_gamma(C w, (k, n)), normalised row by row as they are drawn, or, when every
        # alpha is below 0.1, a stick-breaking construction that cannot underflow to 0 / 0.
        G = rng.dirichlet(concentration * w, size=k)
    elif model == "order":
        G = _ordered(rng, w, k)
    else:
        raise ScenarioError(
            f"unknown weights model {model!r}; use one of {', '.join(WEIGHTS_MODELS)}"
        )
    if model != "dirichlet":
        G /= G.sum(axis=1, keepdims=True)
    if active.size == current.size:
        return G  # a column-indexed copy costs more than drawing the samples
    W = np.zeros((k, current.size))
    W[:, active] = G
    return W


def _ordered(rng: np.random.Generator, w: np.ndarray, k: int) -> np.ndarray:
    """Uniform simplex samples (unnormalised) sorted so that the order of `w` holds.

    Criteria with equal weights share the values of their places in random order. That order is
    read from the same draws (the relative order of iid draws is a uniform permutation,
    independent of the sorted values), so no extra random numbers are consumed and the samples
    do not depend on how a run is cut into chunks.
    """
    E = rng.standard_exponential((k, w.size))
    G = -np.sort(-E, axis=1)  # descending
    rank = np.argsort(-w, kind="stable")  # rank[p] = criterion placed p-th
    out = np.empty_like(G)
    out[:, rank] = G
    for value in np.unique(w):
        tied = np.flatnonzero(w == value)
        if tied.size > 1:
            values = -np.sort(-out[:, tied], axis=1)  # the tied places' values, descending
            order = np.argsort(-E[:, tied], axis=1)  # a uniform random order of the tied
            placed = np.empty_like(values)
            np.put_along_axis(placed, order, values, axis=1)
            out[:, tied] = placed
    return out


def sample_scores(rng: np.random.Generator, r: Resolved, mode: str, k: int) -> np.ndarray | None:
    """k score matrices (k, m, n) drawn within each cell's [low, high], or None for mode "none".

    "uniform": uniform on [low, high]; "triangular": triangular on [low, high] with its mode at
    the cell's value. Unknown cells span the whole scale (resolve sets their low/high so) and are
    always uniform over it: an unknown has no value to peak at (the worst-end or midpoint fill
    is a policy for the point ranking, not information). Only uncertain cells consume random
    numbers.
    """
    if mode == "none":
        return None
    if mode not in SCORE_SAMPLING:
        raise ScenarioError(
            f"unknown score sampling {mode!r}; use one of {', '.join(SCORE_SAMPLING)}"
        )
    cells = np.flatnonzero((r.high > r.low).ravel())
    a, b = r.low.ravel()[cells], r.high.ravel()[cells]
    U = rng.random((k, cells.size))
    if mode == "uniform":
        U *= b - a  # in place: a + (b - a) U, the same numbers without two temporaries
        U += a
        draws = U
    else:
        known = ~r.unknown.ravel()[cells]
        draws = np.where(
            known, _triangular(U, a, np.clip(r.X.ravel()[cells], a, b), b), a + (b - a) * U
        )
    if cells.size == r.X.size:  # every cell ranged (a large RFP's usual case): no copy of X
        return draws.reshape(k, r.m, r.n)
    X = np.broadcast_to(r.X.ravel(), (k, r.X.size)).copy()
    X[:, cells] = draws
    return X.reshape(k, r.m, r.n)


def _triangular(U: np.ndarray, a: np.ndarray, c: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Inverse CDF of the triangular distribution on [a, b] with mode c (a < b)."""
    span = b - a
    cut = (c - a) / span
    left = a + np.sqrt(U * span * (c - a))
    right = b - np.sqrt((1.0 - U) * span * (b - c))
    return np.where(cut > U, left, right)


def streams(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """Independent weight and score streams of default_rng(seed): same seed, same samples."""
    weights_rng, scores_rng = np.random.default_rng(seed).spawn(2)
    return weights_rng, scores_rng
