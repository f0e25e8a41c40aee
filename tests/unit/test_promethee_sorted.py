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
from scoring.methods.promethee import (
    Preference,
    _gaussian_flows,
    _sorted_flows,
    flows,
    incomparable,
    net_contributions,
    promethee2,
)

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
    path's net flows are the definition's (the Gaussian's blocks, to rounding)."""
    rng = np.random.default_rng(7)
    m = pm.PAIRWISE_MAX + 1
    prefs = [*STEPS, *SLOPES[:3], Preference("gaussian", s=0.2)]
    V = rng.integers(0, 11, (2, m, len(prefs))) / 10
    F = net_contributions(V, prefs)
    for j, P in enumerate(prefs):
        plus, minus = pairwise(V[..., j], P)
        want = (plus - minus) / (m - 1)
        if P.function in ("usual", "u-shape", "level"):
            assert_array_equal(F[..., j], want)
        else:
            assert_allclose(F[..., j], want, rtol=0, atol=1e-14)


@settings(max_examples=200, deadline=None)
@given(columns(), st.sampled_from([0.05, 0.2, 3.0]), st.sampled_from([1, 7, 64, 2**15]))
def test_gaussian_blocks_are_the_pairwise_sums_to_rounding(X, spread, cells):
    """P(d) = 1 - exp(-d^2 / (2 s^2)) for d > 0: whatever the block (a few rows of one sample,
    or several samples at once), the signed one-pass sums are the definition's, net and split."""
    P = Preference("gaussian", s=spread)
    plus, minus = pairwise(X, P)
    original = pm.GAUSSIAN_CELLS
    try:
        pm.GAUSSIAN_CELLS = cells
        net = _gaussian_flows(X, P)
        got_plus, got_minus = _gaussian_flows(X, P, split=True)
    finally:
        pm.GAUSSIAN_CELLS = original
    atol = 1e-15 * X.shape[1]
    assert_allclose(net, plus - minus, rtol=0, atol=atol)
    assert_allclose(got_plus, plus, rtol=0, atol=atol)
    assert_allclose(got_minus, minus, rtol=0, atol=atol)
    assert (got_plus >= 0).all() and (got_minus >= 0).all()


def test_gaussian_by_hand():
    """s = 1: d = 1 gives 1 - e^-0.5 = 0.393469..., d = 2 gives 1 - e^-2 = 0.864665...; equal
    values give nothing either way."""
    X = np.array([[0.0, 1.0, 2.0, 2.0]])
    a, b = 1 - np.exp(-0.5), 1 - np.exp(-2.0)
    P = Preference("gaussian", s=1.0)
    plus, minus = _gaussian_flows(X, P, split=True)
    assert_allclose(plus[0], [0, a, a + b, a + b], atol=1e-15)
    assert_allclose(minus[0], [a + 2 * b, 2 * a, 0, 0], atol=1e-15)
    assert_allclose(_gaussian_flows(X, P)[0], plus[0] - minus[0], atol=1e-15)
    d = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    assert_allclose(P.odd(d), [-b, -a, 0, a, b], atol=1e-16)  # g(d) = P(d) - P(-d)
    assert_allclose(P.odd(d), P(d) - P(-d), atol=1e-16)


@pytest.mark.parametrize("m", [6, pm.PAIRWISE_MAX + 5])
def test_promethee1_flows_are_the_definition_on_every_path(m):
    """flows() adds each criterion's flows from its own path (pairs, sorted values, Gaussian
    blocks): the same as pi(a, b) = sum_j w_j P_j(d_j(a, b)) summed by rows and columns."""
    rng = np.random.default_rng(m)
    prefs = [*STEPS, *SLOPES, Preference("gaussian", s=0.3)]
    V = rng.integers(0, 11, (m, len(prefs))) / 10
    w = rng.dirichlet(np.ones(len(prefs)))
    pi = sum(w[j] * P(V[:, j, None] - V[None, :, j]) for j, P in enumerate(prefs))
    plus, minus = flows(V, w, prefs)
    assert_allclose(plus, pi.sum(axis=1) / (m - 1), rtol=0, atol=1e-14)
    assert_allclose(minus, pi.sum(axis=0) / (m - 1), rtol=0, atol=1e-14)


def incomparable_by_definition(plus, minus, tol=1e-12):
    return [
        (a, b)
        for a in range(len(plus))
        for b in range(a + 1, len(plus))
        if (plus[a] - plus[b] > tol and minus[a] - minus[b] > tol)
        or (plus[a] - plus[b] < -tol and minus[a] - minus[b] < -tol)
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda m: st.tuples(
            st.lists(st.integers(0, 4).map(lambda i: i / 4), min_size=m, max_size=m),
            st.lists(st.integers(0, 4).map(lambda i: i / 4), min_size=m, max_size=m),
        )
    ),
    st.sampled_from([1, 3, 2**16]),
)
def test_incomparable_pairs_in_blocks_are_the_definitions(flows_, cells):
    """The pairs, in order of a then b, whatever the block of rows; flows on a coarse grid make
    ties (neither ahead) and exact ties at the tolerance common."""
    plus, minus = (np.array(f) for f in flows_)
    original = pm.INCOMPARABLE_CELLS
    try:
        pm.INCOMPARABLE_CELLS = cells
        got = incomparable(plus, minus)
    finally:
        pm.INCOMPARABLE_CELLS = original
    assert got == incomparable_by_definition(plus, minus)
    assert incomparable(plus, minus, tol=0.25) == incomparable_by_definition(plus, minus, 0.25)


@pytest.mark.parametrize("spread", [1e-200, 1e-160, 5e-324, 0.0])
def test_a_vanishing_gaussian_spread_is_the_usual_function_without_nan(spread):
    """s * s underflows below 1e-162 (and a spread converted to the values' units can reach
    0): the Gaussian then counts any difference fully, as `usual` does, in every path: the
    definition, the one-pass form, net and split flows. Warnings are errors in the tests."""
    X = np.array([[0.0, 0.2, 0.2, 0.7, 1.0]])
    P, usual = Preference("gaussian", s=spread), Preference("usual")
    plus, minus = pairwise(X, usual)
    assert_array_equal(pairwise(X, P)[0], plus)
    assert_array_equal(_gaussian_flows(X, P), plus - minus)
    assert_array_equal(_gaussian_flows(X, P, split=True)[1], minus)
    d = np.array([-1e-3, 0.0, 1e-3])
    assert_array_equal(P.odd(d), [-1.0, 0.0, 1.0])


def test_a_huge_gaussian_spread_counts_no_difference():
    """s = 1e300: 1 - exp(-d^2 / 2 s^2) is 0 to rounding for any difference of values."""
    X = np.array([[0.0, 0.2, 0.7, 1.0]])
    P = Preference("gaussian", s=1e300)
    assert_array_equal(_gaussian_flows(X, P), np.zeros((1, 4)))
    assert_array_equal(pairwise(X, P)[0], np.zeros((1, 4)))


def test_the_cli_ranks_with_a_vanishing_spread(capsys):
    """Was an internal error (ZeroDivisionError) and, just above it, NaN scores."""
    from scoring.cli import main

    for spread in ("1e-200", "1e-160"):
        code = main(
            ["rank", "--method", "promethee2", "--preference", f"user_data=gaussian:s={spread}"]
        )
        out, err = capsys.readouterr()
        assert code == 0 and "nan" not in out.lower() and not err


@pytest.mark.parametrize(
    ("steep", "step"),
    [
        (Preference("v-shape", p=1e-320), Preference("usual")),
        (Preference("linear", q=0.2, p=0.2 + 1e-301), Preference("u-shape", q=0.2)),
        (Preference("linear", q=0.0, p=1e-320), Preference("u-shape", q=0.0)),
    ],
)
def test_a_slope_too_steep_for_floats_is_its_step_on_every_path(steep, step, monkeypatch):
    """1 / p overflows below about 1e-308, and 0 x inf is NaN: every score was NaN. A slope
    narrower than STEEPEST is the step it tends to, pairwise and sorted."""
    assert (steep.function, steep.q) == (step.function, step.q)
    X = np.array([[0.0, 0.2, 0.2, 0.7, 1.0]])
    plus, minus = pairwise(X, step)
    assert_array_equal(pairwise(X, steep)[0], plus)
    assert_array_equal(_sorted_flows(X, steep)[0], plus)
    monkeypatch.setattr(pm, "PAIRWISE_MAX", 1)
    assert_array_equal(net_contributions(X[0][:, None], [steep])[:, 0], (plus - minus)[0] / 4)
    assert Preference("v-shape", p=1e-299).function == "v-shape"  # steep, but computable


def test_the_cli_ranks_with_a_vanishing_slope(capsys):
    from scoring.cli import main

    for pref in ("v-shape:p=1e-320", "linear:q=0:p=1e-320"):
        code = main(["rank", "--method", "promethee2", "--preference", f"user_data={pref}"])
        out, err = capsys.readouterr()
        assert code == 0 and "nan" not in out.lower() and not err


def test_a_slope_exactly_steepest_is_still_a_slope():
    """STEEPEST is the narrowest slope computed as one: at it, half the width scores a half;
    a linear preference's width is p - q (q = STEEPEST, p = 1.5 STEEPEST is a step at q)."""
    d = np.array([pm.STEEPEST / 2])
    assert Preference("v-shape", p=pm.STEEPEST)(d) == pytest.approx([0.5])
    assert Preference("linear", q=0.0, p=pm.STEEPEST)(d) == pytest.approx([0.5])
    narrow = Preference("linear", q=pm.STEEPEST, p=1.5 * pm.STEEPEST)
    assert (narrow.function, narrow.q) == ("u-shape", pm.STEEPEST)
    assert_array_equal(narrow(np.array([0.5, 1.25, 2.0]) * pm.STEEPEST), [0.0, 1.0, 1.0])


def test_a_gaussian_spread_too_small_to_square_keeps_its_curve():
    """s = 1e-200: s * s underflows, so the exponent is taken as -(d / s)^2 / 2: a difference of
    one s is still 1 - exp(-1/2), of two s 1 - exp(-2), not a step."""
    P = Preference("gaussian", s=1e-200)
    got = P(np.array([0.0, 1e-200, 2e-200, 1.0]))
    assert_allclose(got, [0.0, -np.expm1(-0.5), -np.expm1(-2.0), 1.0], rtol=1e-12)


def test_every_preference_function_but_the_gaussian_has_a_sorted_path():
    """The one fact the simulation budget, the edit blocks and the pair limit read."""
    sorts = {f: Preference(f, q=0.1, p=0.3, s=0.2).sorts for f in pm.FUNCTIONS}
    assert sorts == {f: f != "gaussian" for f in pm.FUNCTIONS}
    assert pm.pairs_per_vendor(5000, Preference("gaussian")) == 5000
    assert pm.pairs_per_vendor(5000, Preference("linear", q=0.1, p=0.3)) == 1
    assert pm.pairs_per_vendor(pm.PAIRWISE_MAX, Preference("linear", q=0.1, p=0.3)) == (
        pm.PAIRWISE_MAX
    )
