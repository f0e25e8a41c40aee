"""Small cases built in code for the sensitivity tests: leaves c0.. on 0..10, vendors v0.."""

from __future__ import annotations

import numpy as np

from scoring.load import Case
from scoring.model import CaseInfo, Criterion, Vendor


def flat_case(X, weights, ranges=None, cost=()) -> Case:
    """One leaf per weight (indices in `cost` are cost criteria), one vendor per row of X;
    ranges[i][j] = (low, high) or None gives cell (i, j) an uncertainty range."""
    X = np.asarray(X, dtype=float)
    leaves = tuple(
        Criterion(
            id=f"c{j}",
            name=f"C{j}",
            weight=w,
            direction="cost" if j in cost else "benefit",
            scale={"min": 0, "max": 10},
        )
        for j, w in enumerate(weights)
    )

    def score(i: int, j: int) -> dict:
        r = None if ranges is None else ranges[i][j]
        return {"value": float(X[i, j])} | ({"range": r} if r else {})

    vendors = tuple(
        Vendor(id=f"v{i}", name=f"V{i}", scores={f"c{j}": score(i, j) for j in range(X.shape[1])})
        for i in range(X.shape[0])
    )
    # The fingerprint follows the data, as a loaded case's does, so caches keyed on it stay true.
    return Case(CaseInfo(id="t", name="T"), leaves, vendors, (), f"fp{X.sum()}")


def answers(s) -> tuple[list, np.ndarray, tuple]:
    """What "what it would take" and the unknowns check answer for a setup: the criterion and
    value each challenger needs, and the unknowns that matter (to compare two scoring paths)."""
    from scoring.sensitivity import challenge

    found = challenge.challengers(s)
    needed = [np.nan if c.value_needed is None else c.value_needed for c in found.items]
    return [c.criterion for c in found.items], np.array(needed), challenge.unknowns_that_matter(s)


def assert_same_answers(fast: tuple, slow: tuple) -> None:
    assert fast[0] == slow[0]
    np.testing.assert_allclose(fast[1], slow[1], atol=1e-9)
    assert fast[2] == slow[2]
    assert any(c is not None for c in fast[0])  # some vendor can lead: the search ran


def edit_strategies(cells: tuple[float, ...], vendors: int = 7) -> dict:
    """Hypothesis strategies for one-score edits of a 3-criterion case: X (2..vendors rows of
    `cells`), weights (not all 0) and moves (vendor, criterion, new value), for `@given(**...)`."""
    from hypothesis import strategies as st

    value = st.sampled_from(cells)
    return {
        "X": st.integers(2, vendors).flatmap(
            lambda m: st.lists(st.lists(value, min_size=3, max_size=3), min_size=m, max_size=m)
        ),
        "weights": st.lists(st.sampled_from([0, 10, 25, 40]), min_size=3, max_size=3).filter(any),
        "moves": st.lists(
            st.tuples(st.integers(0, vendors - 1), st.integers(0, 2), value), min_size=1, max_size=8
        ),
    }


def edits(moves: list, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(vendors, criteria, values) of drawn moves, vendors taken modulo the case's m."""
    iv = np.array([i % m for i, _, _ in moves])
    jv = np.array([j for _, j, _ in moves])
    return iv, jv, np.array([float(v) for _, _, v in moves])
