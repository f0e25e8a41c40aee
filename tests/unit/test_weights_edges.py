"""AHP, ROC and swing at their edges, with numbers checked by hand: Saaty's random index table
beyond its end, two and three items (lambda_max of a 3 x 3 matrix in closed form), the scale's
words and nearest values, LLSM's weights and consistency on incomplete pairs (closed form for a
triangle of judgements), the judgements named for revision, the sentences and the JSON shape."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scoring import weights as wmod
from scoring.weights import (
    aggregate_judgements,
    ahp_matrix,
    ahp_pairs,
    llsm,
    nearest_saaty,
    random_index,
    roc,
    saaty_text,
    swing,
    worst_judgements,
)

# lambda_max of a 3 x 3 reciprocal matrix is 1 + r + 1/r with r = (a12 a23 / a13)^(1/3), and its
# weights are the rows' geometric means. Here r^3 = 9/5.
THREE = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]
THREE_LAMBDA = 1 + 1.8 ** (1 / 3) + 1.8 ** (-1 / 3)  # 3.0385
THREE_CI = (THREE_LAMBDA - 3) / 2  # 0.0193
THREE_CR = THREE_CI / 0.58  # 0.0332


def consistent(w) -> np.ndarray:
    w = np.asarray(w, dtype=float)
    return w[:, None] / w[None, :]


# --- Saaty's random index, the scale ------------------------------------------------------------


def test_random_index_is_saatys_table_and_its_last_value_beyond():
    table = [0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
    assert [random_index(n) for n in range(1, 16)] == table
    assert random_index(16) == random_index(40) == 1.59


@pytest.mark.parametrize(
    ("x", "text"),
    [(1.0, "1"), (3.0, "3"), (9.0, "9"), (2.5, "2.5"), (1.5, "1.5"), (1 / 3, "1/3"),
     (0.2, "1/5"), (1 / 9, "1/9"), (0.5, "1/2"), (0.4, "0.4"), (0.3, "0.3"), (0.33, "0.33")],
)  # fmt: skip
def test_saaty_text_writes_judgements_as_people_do(x, text):
    assert saaty_text(x) == text


@pytest.mark.parametrize(
    ("x", "nearest"),
    [(2.9, 3), (3.2, 3), (5.0, 5), (1.4, 1), (1.42, 2), (0.3, 1 / 3), (0.2, 1 / 5),
     (0.1, 1 / 9), (0.05, 1 / 9), (12.0, 9), (0.0, 1 / 9)],
)  # fmt: skip
def test_nearest_saaty_value_on_a_log_scale_clamped_to_the_scale(x, nearest):
    # Between 1 and 2 the log-scale midpoint is sqrt(2) = 1.414; 0 is clamped to 1/9.
    assert nearest_saaty(x) == pytest.approx(nearest)


# --- two and three items -----------------------------------------------------------------------


def test_two_items_are_always_consistent():
    r = ahp_matrix(["a", "b"], [[1, 3], [1 / 3, 1]])
    assert r.weights == pytest.approx({"a": 0.75, "b": 0.25})
    assert (r.lambda_max, r.ci, r.cr) == (2.0, 0.0, 0.0)
    assert r.sentences() == ["Consistency ratio 0.000 (at most 0.10 is acceptable)."]


def test_three_items_lambda_max_in_closed_form():
    r = ahp_matrix(list("abc"), THREE)
    g = np.array([15, 1, 1 / 15]) ** (1 / 3)  # the rows' geometric means
    assert_allclose(list(r.weights.values()), g / g.sum())
    assert r.lambda_max == pytest.approx(THREE_LAMBDA)  # 3.0385
    assert r.ci == pytest.approx(THREE_CI)
    assert r.cr == pytest.approx(THREE_CR)  # 0.0332
    assert r.cr == pytest.approx(0.0332, abs=5e-5)


def test_items_must_match_the_matrix():
    with pytest.raises(ValueError, match="zip"):
        ahp_matrix(["a", "b"], consistent([3, 2, 1]))


def test_exact_fractions_are_accepted_everywhere():
    third = Fraction(1, 3)
    A = [[Fraction(1), Fraction(3)], [third, Fraction(1)]]
    assert ahp_matrix(["a", "b"], A).weights == pytest.approx({"a": 0.75, "b": 0.25})
    assert_allclose(aggregate_judgements([A, A]), [[1, 3], [1 / 3, 1]])
    w = swing([Fraction(100), Fraction(50)])
    assert w.dtype == np.float64
    assert_allclose(w, [2 / 3, 1 / 3])


# --- the consistency limit is inclusive --------------------------------------------------------


def test_a_cr_exactly_at_the_limit_is_acceptable_and_names_nothing(monkeypatch):
    cr = ahp_matrix(list("abc"), THREE).cr
    monkeypatch.setattr(wmod, "CR_LIMIT", cr)
    r = ahp_matrix(list("abc"), THREE)
    assert r.acceptable and r.inconsistent == ()
    pairs = [("a", "b", 2), ("b", "c", 2), ("a", "c", 2), ("c", "d", 1)]
    cr = ahp_pairs(list("abcd"), pairs).cr
    monkeypatch.setattr(wmod, "CR_LIMIT", cr)
    r = ahp_pairs(list("abcd"), pairs)
    assert r.acceptable and r.inconsistent == ()


# --- the judgements to revisit -----------------------------------------------------------------


def test_a_judgement_of_1_reads_row_over_column():
    # a = b, b = c but a = 4c: one cycle, so the three judgements share the inconsistency
    # equally; w = (4^(1/3), 1, 4^(-1/3)) and each says 4^(1/3) = 1.59 (nearest 2) or its square.
    r = ahp_matrix(list("abc"), [[1, 1, 4], [1, 1, 1], [1 / 4, 1, 1]])
    assert r.cr == pytest.approx((4 ** (1 / 3) + 4 ** (-1 / 3) - 2) / 2 / 0.58)  # 0.187
    got = {(x.a, x.b, x.value, x.nearest): (x.suggested, x.share) for x in r.inconsistent}
    assert set(got) == {("a", "b", 1.0, "2"), ("b", "c", 1.0, "2"), ("a", "c", 4.0, "3")}
    c = 4 ** (1 / 3)
    assert got[("a", "b", 1.0, "2")] == pytest.approx((c, 1 / 3))
    assert got[("b", "c", 1.0, "2")] == pytest.approx((c, 1 / 3))
    assert got[("a", "c", 4.0, "3")] == pytest.approx((c * c, 1 / 3))


def test_worst_judgements_of_a_consistent_matrix_are_none():
    A = consistent([4, 2, 1])
    judged = ~np.eye(3, dtype=bool)
    assert worst_judgements(list("abc"), A, np.array([4, 2, 1]) / 7, judged) == ()


def test_worst_judgements_however_small_the_inconsistency():
    # THREE is acceptable (CR 0.033), but asked directly its three judgements still share it.
    A = np.array(THREE)
    w = np.array(list(ahp_matrix(list("abc"), THREE).weights.values()))
    out = worst_judgements(list("abc"), A, w, ~np.eye(3, dtype=bool))
    assert sorted((x.a, x.b, x.value) for x in out) == [("a", "b", 3), ("a", "c", 5), ("b", "c", 3)]
    assert [x.share for x in out] == pytest.approx([1 / 3] * 3)


# --- LLSM on incomplete pairs ------------------------------------------------------------------

# a-b 4, b-c 2, a-c 1/2 is a cycle off by 4 ln 2 in logs; least squares spreads it equally, so
# ln w_a - ln w_b = 2/3 ln 2, ln w_b - ln w_c = -1/3 ln 2, and d = c: w ~ (2^(1/3), 2^(-1/3), 1, 1).
# Each judgement's e is 2^(4/3) or its inverse, so lambda_max = 4 + 3/4 (2^(4/3) + 2^(-4/3) - 2).
TRIANGLE = [("a", "b", 4), ("b", "c", 2), ("a", "c", 0.5), ("c", "d", 1)]
T_W = np.array([2 ** (1 / 3), 2 ** (-1 / 3), 1, 1]) / (2 ** (1 / 3) + 2 ** (-1 / 3) + 2)
T_LAMBDA = 4 + 0.75 * (2 ** (4 / 3) + 2 ** (-4 / 3) - 2)  # 4.6875
T_CR = (T_LAMBDA - 4) / 3 / 0.90  # 0.2546


def test_llsm_spreads_a_cycles_error_equally_and_completes_with_the_ratios():
    r = ahp_pairs(list("abcd"), TRIANGLE)
    assert r.method == "llsm" and r.missing == (("a", "d"), ("b", "d"))
    assert_allclose(list(r.weights.values()), T_W)
    assert r.lambda_max == pytest.approx(T_LAMBDA)
    assert r.ci == pytest.approx((T_LAMBDA - 4) / 3)
    assert r.cr == pytest.approx(T_CR)
    assert not r.acceptable
    got = {(x.a, x.b, x.value, x.nearest): (x.suggested, x.share) for x in r.inconsistent}
    s = 2 ** (1 / 3)
    assert got == {
        ("a", "b", 4.0, "2"): pytest.approx((s * s, 1 / 3)),
        ("b", "c", 2.0, "1"): pytest.approx((1 / s, 1 / 3)),
        ("c", "a", 2.0, "1"): pytest.approx((1 / s, 1 / 3)),  # "a over c: 1/2", turned round
    }


def test_an_acceptable_incomplete_set_names_nothing_to_revisit():
    # a-b 2, b-c 2, a-c 2 (4 would fit): w ~ (2^(4/3), 2^(2/3), 1, 1), CR 0.0149.
    r = ahp_pairs(list("abcd"), [("a", "b", 2), ("b", "c", 2), ("a", "c", 2), ("c", "d", 1)])
    w = np.array([2 ** (4 / 3), 2 ** (2 / 3), 1, 1])
    assert_allclose(list(r.weights.values()), w / w.sum())
    lam = 4 + 0.75 * (2 ** (1 / 3) + 2 ** (-1 / 3) - 2)
    assert (r.lambda_max, r.ci) == (pytest.approx(lam), pytest.approx((lam - 4) / 3))
    assert r.cr == pytest.approx((lam - 4) / 3 / 0.90)
    assert r.inconsistent == () and r.acceptable


def test_a_missing_neighbouring_pair_is_named():
    r = ahp_pairs(list("abc"), [("a", "c", 4), ("b", "c", 2)])
    assert r.missing == (("a", "b"),)
    assert r.method == "llsm"
    assert r.weights == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})


def test_llsm_stays_finite_however_far_apart_the_judgements_put_the_items():
    w = llsm(3, [(0, 1, 1e300), (1, 2, 1e300)])
    assert np.isfinite(w).all()
    assert w.tolist() == pytest.approx([1.0, 1e-300, 0.0])


# --- the sentences and the JSON shape ----------------------------------------------------------


def test_sentences_of_an_inconsistent_incomplete_set():
    out = ahp_pairs(list("abcd"), TRIANGLE).sentences()
    assert out[0] == (
        "Consistency ratio 0.255 is above 0.10: the judgements contradict each other too much "
        "to rely on the weights. Revisit these first:"
    )
    assert sorted(out[1:4]) == [
        "a over b: you said 4; 2 would fit the others (33% of the inconsistency).",
        "b over c: you said 2; 1 would fit the others (33% of the inconsistency).",
        "c over a: you said 2; 1 would fit the others (33% of the inconsistency).",
    ]
    assert out[4:] == [
        "Not compared: a-d, b-d. Their weights come from the other judgements "
        "(logarithmic least squares)."
    ]


def test_more_than_eight_items_are_advised_against():
    eight = ahp_matrix([f"c{i}" for i in range(8)], consistent(range(1, 9)))
    assert eight.sentences() == ["Consistency ratio 0.000 (at most 0.10 is acceptable)."]
    nine = ahp_matrix([f"c{i}" for i in range(9)], consistent(range(1, 10)))
    assert nine.sentences() == [
        "Consistency ratio 0.000 (at most 0.10 is acceptable).",
        "9 items in one comparison: at most about 8 is advised; group them under parent "
        "criteria instead.",
    ]


def test_to_dict_shape():
    r = ahp_pairs(list("abcd"), TRIANGLE)
    d = r.to_dict()
    assert list(d) == [
        "weights", "lambda_max", "ci", "cr", "acceptable", "inconsistent", "missing", "method",
    ]  # fmt: skip
    assert d["weights"] == r.weights and d["weights"] is not r.weights
    assert (d["lambda_max"], d["ci"], d["cr"]) == (r.lambda_max, r.ci, r.cr)
    assert d["acceptable"] is False
    assert d["missing"] == [["a", "d"], ["b", "d"]]
    assert d["method"] == "llsm"
    first = r.inconsistent[0]
    assert d["inconsistent"][0] == {
        "a": first.a, "b": first.b, "value": first.value, "suggested": first.suggested,
        "nearest": first.nearest, "share": first.share,
    }  # fmt: skip
    assert len(d["inconsistent"]) == 3
    full = ahp_matrix(list("abc"), THREE).to_dict()
    assert (full["acceptable"], full["missing"], full["method"]) == (True, [], "eigenvector")


# --- ROC and swing -----------------------------------------------------------------------------


def test_roc_needs_one_criterion():
    with pytest.raises(ValueError, match=r"^rank at least one criterion$"):
        roc(0)


@pytest.mark.parametrize(
    ("points", "weights"),
    [
        ([100], [1.0]),
        ([100, 0], [1.0, 0.0]),
        ([0.5, 0.25], [2 / 3, 1 / 3]),
        ([100, 100], [0.5, 0.5]),
    ],
)
def test_swing_accepts_zero_small_and_single_points(points, weights):
    assert_allclose(swing(points), weights)


@pytest.mark.parametrize("points", [[], [-10, 50], [0, 0], [100.5, 10], [150]])
def test_swing_refuses_points_out_of_range_or_all_zero(points):
    message = r"^give each criterion 0 to 100 points, at least one above 0$"
    with pytest.raises(ValueError, match=message):
        swing(points)
