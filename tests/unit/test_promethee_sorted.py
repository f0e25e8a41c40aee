"""PROMETHEE's flows from sorted values (many vendors) against the pairwise definition.

Brans & Vincke (1985) define each criterion's flows pairwise: phi+(a) = sum_b P(d(a, b)) and
phi-(a) = sum_b P(d(b, a)). Past PAIRWISE_MAX vendors Shortlist reads them from the sorted values
instead (counts and prefix sums); these tests hold it to the pairwise sums: bit for bit for the
step functions (usual, u-shape, level: their sums are counts), to rounding for the sloped ones.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import scoring.methods.promethee as pm
from scoring.methods.promethee import Preference, _sorted_flows, net_contributions, promethee2

STEPS = [
    Preference("usual"),
    Preference("usual", q=0.3),  # usual has no q: a q given must be ignored
    Preference("u-shape", q=0.1),
    Preference("level", q=0.2, p=0.5),
]
SLOPES = [
    Preference("v-shape", p=0.5),
    Preference("v-shape", q=0.3, p=0.2),  # v-shape has no q: a q given must be ignored
    Preference("linear", q=0.1, p=0.4),
    Preference("linear", q=0.0, p=0.3),
]


def pairwise(X: np.ndarray, P: Preference) -> tuple[np.ndarray, np.ndarray]:
    """The definition, one (k, m, m) array of differences: (sum_b P(d(a, b)), sum_b P(d(b, a)))."""
    pref = P(X[:, :, None] - X[:, None, :])
    return pref.sum(axis=-1), pref.sum(axis=-2)


X4 = np.array([[0.0, 0.2, 0.5, 1.0]])


def test_v_shape_by_hand():
    """P(d) = min(1, 2d) for d > 0 (p = 0.5). Vendor 0.2: ahead of 0.0 by 0.2 (0.4); behind 0.5
    by 0.3 (0.6) and 1.0 by 0.8 (1). Vendor 1.0 is ahead of all: 1 + 1 + 1."""
    plus, minus = _sorted_flows(X4, Preference("v-shape", p=0.5))
    assert_allclose(plus[0], [0.0, 0.4, 1.6, 3.0], atol=1e-15)
    assert_allclose(minus[0], [2.4, 1.6, 1.0, 0.0], atol=1e-15)


def test_level_by_hand_with_differences_exactly_at_the_thresholds():
    """P = 1/2 for 0.2 < d <= 0.5, 1 beyond. 0.2 - 0.0 is exactly q (no preference) and
    1.0 - 0.5 exactly p (half a preference), as the pairwise expression rounds them."""
    plus, minus = _sorted_flows(X4, Preference("level", q=0.2, p=0.5))
    assert_array_equal(plus[0], [0.0, 0.0, 1.0, 2.5])
    assert_array_equal(minus[0], [1.5, 1.5, 0.5, 0.0])


def test_usual_counts_those_strictly_behind_and_ahead():
    X = np.array([[3.0, 1.0, 3.0, 2.0, 1.0]])
    plus, minus = _sorted_flows(X, Preference("usual"))
    assert_array_equal(plus[0], [3, 0, 3, 2, 0])
    assert_array_equal(minus[0], [0, 3, 0, 2, 3])


def test_linear_by_hand():
    """P(d) = (d - 0.1) / 0.3 on 0.1 < d <= 0.4. Vendor 0.5 against 0.2: d = 0.3, P = 2/3;
    against 0.0: 1; 1.0 against 0.5: 1."""
    plus, minus = _sorted_flows(X4, Preference("linear", q=0.1, p=0.4))
    assert_allclose(plus[0], [0.0, 1 / 3, 1 + 2 / 3, 3.0], atol=1e-15)
    assert_allclose(minus[0], [1 + 1 + 1 / 3, 2 / 3 + 1, 1.0, 0.0], atol=1e-15)


def test_gaussian_has_no_sorted_path():
    with pytest.raises(ValueError, match="gaussian"):
        _sorted_flows(X4, Preference("gaussian", s=0.2))


values = st.one_of(
    # On a grid of tenths, as scores of 0-10 normalised are: differences land on the thresholds.
    st.integers(0, 10).map(lambda i: i / 10),
    st.floats(0, 1, allow_nan=False),
)


@st.composite
def columns(draw) -> np.ndarray:
    k = draw(st.integers(1, 3))
    m = draw(st.integers(1, 40))
    cells = draw(st.lists(values, min_size=k * m, max_size=k * m))
    return np.array(cells).reshape(k, m)


@settings(max_examples=300, deadline=None)
@given(columns(), st.sampled_from(STEPS))
def test_step_functions_are_the_pairwise_counts_bit_for_bit(X, P):
    plus, minus = _sorted_flows(X, P)
    want_plus, want_minus = pairwise(X, P)
    assert_array_equal(plus, want_plus)
    assert_array_equal(minus, want_minus)


@settings(max_examples=300, deadline=None)
@given(columns(), st.sampled_from(SLOPES))
def test_sloped_functions_are_the_pairwise_sums_to_rounding(X, P):
    plus, minus = _sorted_flows(X, P)
    want_plus, want_minus = pairwise(X, P)
    assert_allclose(plus, want_plus, rtol=0, atol=1e-12)
    assert_allclose(minus, want_minus, rtol=0, atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 10).map(lambda i: i / 10),
    st.integers(1, 10).map(lambda i: i / 10),
    st.lists(st.integers(0, 10).map(lambda i: i / 10), min_size=2, max_size=30),
)
def test_thresholds_on_the_grid_are_rounded_as_the_pairwise_expression(q, gap, cells):
    """u-shape and level with q and p themselves on the scores' grid: every difference that is
    a threshold in exact arithmetic falls on one side or the other by rounding alone, and the
    sorted path must put it on the pairwise expression's side."""
    X = np.array([cells])
    for P in (Preference("u-shape", q=q), Preference("level", q=q, p=q + gap)):
        plus, minus = _sorted_flows(X, P)
        want_plus, want_minus = pairwise(X, P)
        assert_array_equal(plus, want_plus)
        assert_array_equal(minus, want_minus)


def test_many_vendors_take_the_sorted_path_and_keep_the_published_flows(monkeypatch):
    """Papathanasiou & Ploskas (2018), ch. 6 (linear, q = 1, p = 2): the published net flows,
    with the sorted path forced on those six vendors."""
    from tests.unit.test_methods_outranking import PP_W, PP_X

    monkeypatch.setattr(pm, "PAIRWISE_MAX", 1)
    phi = promethee2(PP_X, PP_W, [Preference("linear", q=1, p=2)] * 4)
    assert_allclose(phi[0], [-0.26, -0.52, -0.22, 0.36, 0.70, -0.06], atol=1e-12)


def test_net_contributions_switch_paths_past_pairwise_max_and_agree():
    """One vendor past PAIRWISE_MAX, on a stack of two samples and every function: the sorted
    path's net flows are the definition's (the Gaussian keeps the pairwise path)."""
    rng = np.random.default_rng(7)
    m = pm.PAIRWISE_MAX + 1
    prefs = [*STEPS, *SLOPES[:3], Preference("gaussian", s=0.2)]
    V = rng.integers(0, 11, (2, m, len(prefs))) / 10
    F = net_contributions(V, prefs)
    for j, P in enumerate(prefs):
        plus, minus = pairwise(V[..., j], P)
        want = (plus - minus) / (m - 1)
        if P.function in ("usual", "u-shape", "level", "gaussian"):
            assert_array_equal(F[..., j], want)
        else:
            assert_allclose(F[..., j], want, rtol=0, atol=1e-14)
