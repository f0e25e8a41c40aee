"""SMAA-2: constructed cases with known probabilities, reproducibility, and a slow reference."""

from __future__ import annotations

import dataclasses
import importlib
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from scoring import Scenario, ScenarioError, load_case, resolve
from scoring.load import Case
from scoring.model import PreferenceSpec
from scoring.normalize import normalize
from scoring.rank import competition_ranks, merit_matrix, method_options
from scoring.sensitivity import meta_weights, sample_scores, sample_weights, smaa, streams
from scoring.sensitivity.smaa import rank_shares
from tests.unit.sensitivity_cases import flat_case

ROOT = Path(__file__).resolve().parents[2]
# The package's `smaa` is the function; the module holding its constants is reached by name.
smaa_module = importlib.import_module("scoring.sensitivity.smaa")


@pytest.fixture(scope="module")
def shipped() -> Case:
    return load_case(ROOT / "criteria", ROOT / "vendors")


def test_mirror_image_vendors_split_first_place_50_50():
    case = flat_case([[8, 2], [2, 8]], [1, 1])
    res = smaa(case, Scenario(weights_model="uniform", score_sampling="none"), samples=100_000)
    assert_allclose(res.acceptability, [[0.5, 0.5], [0.5, 0.5]], atol=0.01)


def test_mirror_image_vendors_with_uncertain_scores_split_50_50():
    ranges = [[(6, 10), (0, 4)], [(0, 4), (6, 10)]]
    case = flat_case([[8, 2], [2, 8]], [1, 1], ranges)
    for mode in ("uniform", "triangular"):
        res = smaa(case, Scenario(score_sampling=mode), samples=100_000)
        assert_allclose(res.acceptability, 0.5, atol=0.01)


def test_dominant_vendor_is_always_first():
    case = flat_case([[9, 9, 9], [5, 8, 1], [8, 2, 6]], [1, 2, 3])
    for model in ("uniform", "dirichlet", "order"):
        for method in ("wsm", "wpm", "topsis"):
            res = smaa(case, Scenario(method=method, weights_model=model), samples=2_000)
            assert res.acceptability[0, 0] == 1.0
            assert res.confidence[0] == 1.0
            assert res.holistic[0] == 1.0


def test_same_seed_identical_other_seed_different(shipped):
    sc = Scenario(weights_model="order", score_sampling="triangular")
    a, b = smaa(shipped, sc, samples=3_000, seed=7), smaa(shipped, sc, samples=3_000, seed=7)
    for field in ("acceptability", "central_weights", "confidence", "holistic"):
        assert_array_equal(getattr(a, field), getattr(b, field))
    assert a.to_dict() == b.to_dict()
    c = smaa(shipped, sc, samples=3_000, seed=8)
    assert not np.array_equal(a.acceptability, c.acceptability)


def test_scenario_supplies_samples_and_seed(shipped):
    res = smaa(shipped, Scenario(samples=500, seed=3))
    assert (res.samples, res.seed) == (500, 3)
    assert_array_equal(
        res.acceptability, smaa(shipped, Scenario(), samples=500, seed=3).acceptability
    )


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee2"])
@pytest.mark.parametrize("model", ["uniform", "dirichlet", "order"])
def test_rows_and_columns_sum_to_one_and_central_weights_are_weights(shipped, method, model):
    res = smaa(shipped, Scenario(method=method, weights_model=model), samples=4_000)
    assert_allclose(res.acceptability.sum(axis=1), 1.0)
    assert_allclose(res.acceptability.sum(axis=0), 1.0)
    first = res.acceptability[:, 0] > 0
    assert_allclose(res.central_weights[first].sum(axis=1), 1.0)
    assert np.isnan(res.central_weights[~first]).all()
    assert ((res.confidence >= 0) & (res.confidence <= 1)).all()
    assert (res.confidence[~first] == 0).all()
    assert_allclose(res.holistic, res.acceptability @ meta_weights(5))


def test_meta_weights_are_linear_from_first_to_last():
    assert_allclose(meta_weights(5), [1, 0.75, 0.5, 0.25, 0])
    assert_allclose(meta_weights(1), [1])


def test_identical_vendors_share_their_ranks_evenly():
    counts, first = rank_shares(np.array([[0.7, 0.7, 0.1], [0.2, 0.9, 0.2]]))
    # Row 1: vendors 0 and 1 tie for ranks 1-2; row 2: vendor 1 first, 0 and 2 tie for 2-3.
    assert_allclose(counts, [[0.5, 1.0, 0.5], [1.5, 0.5, 0.0], [0.0, 0.5, 1.5]])
    assert_allclose(first, [[0.5, 0.5, 0], [0, 1, 0]])


def test_order_model_respects_the_importance_order():
    w = np.array([0.1, 0.4, 0.0, 0.2, 0.3])
    W = sample_weights(np.random.default_rng(1), w, "order", 5_000)
    assert_allclose(W.sum(axis=1), 1.0)
    assert (W[:, 2] == 0).all()  # a zero-weight criterion stays out
    assert (W[:, 1] >= W[:, 4]).all() and (W[:, 4] >= W[:, 3]).all() and (W[:, 3] >= W[:, 0]).all()


def test_order_model_makes_tied_criteria_exchangeable():
    W = sample_weights(np.random.default_rng(2), np.array([0.4, 0.3, 0.3]), "order", 20_000)
    assert (W[:, 0] >= W[:, 1:].max(axis=1)).all()
    assert np.mean(W[:, 1] > W[:, 2]) == pytest.approx(0.5, abs=0.02)


def test_uniform_and_dirichlet_weight_models():
    rng = np.random.default_rng(4)
    U = sample_weights(rng, np.array([0.7, 0.2, 0.1]), "uniform", 50_000)
    assert_allclose(U.mean(axis=0), 1 / 3, atol=0.01)  # flat Dirichlet: no preference
    w = np.array([0.5, 0.3, 0.2])
    D = sample_weights(rng, w, "dirichlet", 50_000, concentration=50)
    assert_allclose(D.mean(axis=0), w, atol=0.005)  # centred on the current weights
    # Var(w_j) = w_j (1 - w_j) / (C + 1) with alpha = C * w.
    assert_allclose(D.var(axis=0), w * (1 - w) / 51, rtol=0.05)


def test_score_sampling_stays_in_range_and_triangular_peaks_at_the_value():
    case = flat_case([[3, 5]], [1, 1], [[(1, 7), None]])
    r = resolve(case, Scenario())
    X = sample_scores(np.random.default_rng(5), r, "triangular", 100_000)
    cell = X[:, 0, 0]
    assert cell.min() >= 1 and cell.max() <= 7
    assert (X[:, 0, 1] == 5).all()  # no range: fixed
    assert cell.mean() == pytest.approx((1 + 3 + 7) / 3, abs=0.02)  # triangular mean (a+c+b)/3
    U = sample_scores(np.random.default_rng(5), r, "uniform", 100_000)[:, 0, 0]
    assert U.mean() == pytest.approx(4, abs=0.02)
    assert sample_scores(np.random.default_rng(5), r, "none", 10) is None


def test_unknown_cells_span_the_whole_scale(shipped):
    r = resolve(shipped, Scenario())
    i, j = r.vendor_ids.index("deepseek"), r.leaf_ids.index("user_data")
    X = sample_scores(np.random.default_rng(6), r, "uniform", 20_000)
    assert X[:, i, j].min() < 0.1 and X[:, i, j].max() > 9.9


def reference_smaa(case, scenario, k, seed, confidence_samples=None):
    """One sample at a time, no batching: the definitions of SMAA-2 written out."""
    r = resolve(case, scenario)
    norm = scenario.effective_normalization
    options = method_options(scenario.method, scenario, r)
    w_rng, x_rng = streams(seed)
    W = sample_weights(w_rng, r.weights, scenario.weights_model, k, scenario.concentration)
    X = sample_scores(x_rng, r, scenario.score_sampling, k)
    m = r.m
    counts = np.zeros((m, m))
    central = np.zeros((m, r.n))
    wins = np.zeros(m)
    for s in range(k):
        V = normalize(X[s], r.benefit, r.scale_min, r.scale_max, norm)
        ranks = competition_ranks(merit_matrix(V, W[s], scenario.method, options)[0])
        assert len(set(ranks)) == m  # continuous samples: no ties in this reference
        counts[np.arange(m), ranks - 1] += 1
        top = int(np.argmin(ranks))
        central[top] += W[s]
        wins[top] += 1
    central_w = np.full((m, r.n), np.nan)
    central_w[wins > 0] = central[wins > 0] / wins[wins > 0, None]
    confidence = np.zeros(m)
    kc = confidence_samples or k
    for i in np.flatnonzero(wins):
        for s in range(kc):
            V = normalize(X[s], r.benefit, r.scale_min, r.scale_max, norm)
            scores = merit_matrix(V, central_w[i], scenario.method, options)[0]
            confidence[i] += competition_ranks(scores)[i] == 1
    return counts / k, central_w, confidence / kc


@pytest.mark.parametrize(
    "method,normalization",
    [
        ("wsm", "scale"),
        ("wpm", "max"),
        ("topsis", "vector"),
        ("wsm", "minmax"),
        ("vikor", "scale"),
        ("promethee2", "scale"),
    ],
)
@pytest.mark.parametrize("model", ["uniform", "dirichlet", "order"])
@pytest.mark.parametrize("mode", ["uniform", "triangular"])
def test_batched_equals_slow_per_sample_reference(method, normalization, model, mode):
    rng = np.random.default_rng(9)
    X = rng.uniform(2, 8, (4, 3)).round(1)
    ranges = [[(x - 2, x + 2) for x in row] for row in X]
    case = flat_case(X, [3, 2, 1], ranges, cost=(1,))
    sc = Scenario(
        method=method, normalization=normalization, weights_model=model, score_sampling=mode
    )
    acc, central, conf = reference_smaa(case, sc, 300, seed=5)
    res = smaa(case, sc, samples=300, seed=5)
    assert_allclose(res.acceptability, acc, atol=1e-12)
    assert_allclose(res.central_weights, central, atol=1e-12)
    assert_allclose(res.confidence, conf, atol=1e-12)


def test_confidence_uses_the_first_confidence_samples(monkeypatch):
    monkeypatch.setattr(smaa_module, "CONFIDENCE_SAMPLES", 120)
    X = np.array([[5, 5, 5], [6, 4, 5], [4, 6, 5]], dtype=float)
    case = flat_case(X, [1, 1, 1], [[(x - 3, x + 3) for x in row] for row in X])
    sc = Scenario(method="topsis", weights_model="uniform")
    _, _, conf = reference_smaa(case, sc, 400, seed=2, confidence_samples=120)
    res = smaa(case, sc, samples=400, seed=2)
    assert_allclose(res.confidence, conf, atol=1e-12)
    assert (res.confidence * 120 % 1 == 0).all()  # counts out of 120 samples
    assert res.confidence_samples == 120 and res.to_dict()["confidence_samples"] == 120


def test_a_confidence_budget_takes_the_first_samples_it_allows():
    """3 winners x 3 vendors x 3 criteria x TOPSIS's 2.5 = 67.5 per sample: a budget of 6,750
    allows 100 samples, of 6,749 still 100 (never fewer than MIN_SAMPLES), of 13,500 200."""
    X = np.array([[5, 5, 5], [6, 4, 5], [4, 6, 5]], dtype=float)
    case = flat_case(X, [1, 1, 1], [[(x - 3, x + 3) for x in row] for row in X])
    sc = Scenario(method="topsis", weights_model="uniform")
    for budget, used in ((6_750, 100), (6_749, 100), (13_500, 200), (13_499, 199)):
        res = smaa(case, sc, samples=400, seed=2, confidence_budget=budget)
        assert res.confidence_samples == used
        _, _, conf = reference_smaa(case, sc, 400, seed=2, confidence_samples=used)
        assert_allclose(res.confidence, conf, atol=1e-12)
    fixed = flat_case(X, [1, 1, 1])
    assert smaa(fixed, sc, samples=400, confidence_budget=1).confidence_samples == 0  # exact


@pytest.mark.parametrize("model", ["uniform", "dirichlet", "order"])
def test_chunking_does_not_change_the_result(shipped, model):
    # "order" included: the shipped leaf weights have ties (three at 15%, two at 7%), whose
    # exchangeable values must not depend on how the samples are cut into chunks.
    sc = Scenario(weights_model=model, method="topsis")
    whole = smaa(shipped, sc, samples=1_000)
    parts = smaa(shipped, sc, samples=1_000, chunk=37)
    assert_allclose(parts.acceptability, whole.acceptability, atol=1e-12)
    assert_allclose(parts.central_weights, whole.central_weights, atol=1e-12)
    assert_allclose(parts.confidence, whole.confidence, atol=1e-12)


def test_to_dict_shape(shipped):
    d = smaa(shipped, Scenario(method="wpm"), samples=1_000).to_dict()
    assert {
        "samples",
        "seed",
        "rank_acceptability",
        "central_weights",
        "confidence",
        "confidence_samples",
        "holistic",
    } <= set(d)
    assert len(d["rank_acceptability"]["alibaba"]) == 5
    leaves = {c.id for c in shipped.leaves}
    for vendor, weights in d["central_weights"].items():
        assert weights == {} or set(weights) == leaves, vendor
        assert (weights == {}) == (d["rank_acceptability"][vendor][0] == 0)


def test_identical_vendors_in_a_run_get_identical_acceptability():
    case = flat_case([[7, 3], [7, 3], [2, 9]], [1, 1])
    res = smaa(case, Scenario(weights_model="uniform", score_sampling="none"), samples=5_000)
    assert_allclose(res.acceptability[0], res.acceptability[1])
    assert_allclose(res.acceptability.sum(axis=0), 1.0)
    # v0/v1 beat v2 when 7w + 3(1-w) > 2w + 9(1-w), i.e. w > 6/11: P = 5/11 under uniform w,
    # shared by the two identical vendors.
    assert res.acceptability[2, 0] == pytest.approx(6 / 11, abs=0.01)
    assert res.acceptability[0, 0] == pytest.approx(5 / 22, abs=0.01)


def test_uniform_model_is_the_flat_dirichlet():
    # Uniform over the simplex of 3 weights: each marginal is Beta(1, 2) (mean 1/3, variance
    # 1/18, P(w < x) = 1 - (1 - x)^2), and every ordering of the weights is equally likely.
    sampled = sample_weights(
        np.random.default_rng(8), np.array([0.7, 0.2, 0.1]), "uniform", 200_000
    )
    assert_allclose(sampled.var(axis=0), 1 / 18, rtol=0.02)
    for cut in (0.1, 0.5, 0.8):
        below = np.mean(sampled <= cut, axis=0)
        assert_allclose(below, 1 - (1 - cut) ** 2, atol=0.005)
    assert np.mean(sampled[:, 0] > sampled[:, 1] + sampled[:, 2]) == pytest.approx(0.25, abs=0.005)


def test_unknown_cells_are_uniform_over_the_scale_even_when_sampling_is_triangular(shipped):
    # DeepSeek's user_data is unknown and scored at the worst end (0) for the point ranking; a
    # triangular draw peaked there would make "unknown" mean "probably bad" (mean 10/3).
    r = resolve(shipped, Scenario())
    i, j = r.vendor_ids.index("deepseek"), r.leaf_ids.index("user_data")
    assert r.X[i, j] == 0.0
    X = sample_scores(np.random.default_rng(6), r, "triangular", 50_000)
    assert X[:, i, j].mean() == pytest.approx(5.0, abs=0.1)
    assert (X[:, i, j] < 2.5).mean() == pytest.approx(0.25, abs=0.01)
    k = r.leaf_ids.index("model_quality")  # a known cell stays triangular around its value
    lo, hi, mode = r.low[i, k], r.high[i, k], r.X[i, k]
    assert X[:, i, k].mean() == pytest.approx((lo + mode + hi) / 3, abs=0.02)


def test_a_million_samples_stay_within_300_mb():
    # Scores sampled, TOPSIS: unchunked, the (k, m, n) stack alone would take 1e6 x 5 x 8 x 8
    # bytes = 320 MB, and its normalised copies as much again.
    shipped = load_case(ROOT / "criteria", ROOT / "vendors")
    sc = Scenario(method="topsis", score_sampling="uniform")
    tracemalloc.start()
    try:
        res = smaa(shipped, sc, samples=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 300 * 2**20
    assert res.samples == 1_000_000
    assert_allclose(res.acceptability.sum(axis=1), 1.0)


# --- SMAA-2 closed forms (Lahdelma & Salminen 2001) ----------------------------------------------
# For m = 2 alternatives, n = 2 criteria and uniform weights (w1 ~ U(0, 1), w2 = 1 - w1), the
# favourable weight space of a is an interval of w1, so the rank-1 acceptability is its length,
# the central weight vector its midpoint and, without score uncertainty, the confidence factor 1.


def test_SMAA2_lahdelma_salminen_2001_acceptability_is_the_winning_weight_interval():
    # a = (10, 2), b = (2, 6) on 0..10: a = .2 + .8 w1, b = .6 - .4 w1, equal at w* = 1/3.
    # a first on (1/3, 1): b^1_a = 2/3, central weights (2/3, 1/3); b first on (0, 1/3):
    # b^1_b = 1/3, central weights (1/6, 5/6). Holistic a^h = b^1 (meta-weights 1, 0).
    # 40 000 samples: standard error of 2/3 is sqrt(2/9 / 40 000) = .0024; tolerance 4 SE.
    case = flat_case([[10, 2], [2, 6]], [1, 1])
    sc = Scenario(weights_model="uniform", score_sampling="none")
    res = smaa(case, sc, samples=40_000, seed=1)
    assert_allclose(res.acceptability, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]], atol=0.01)
    # central weights: w1 | a first ~ U(1/3, 1), sd (2/3)/sqrt(12) = .19, SE over ~26 700 = .0012
    assert_allclose(res.central_weights, [[2 / 3, 1 / 3], [1 / 6, 5 / 6]], atol=0.006)
    assert_allclose(res.confidence, [1.0, 1.0])
    assert_allclose(res.holistic, res.acceptability[:, 0])


def test_SMAA2_lahdelma_salminen_2001_mirror_alternatives_split_exactly_in_half():
    # a = (1, 0), b = (0, 1): a wins iff w1 > w2, b^1 = 1/2 by symmetry of the uniform weights;
    # same for every method (each prefers a iff w1 > w2 here).
    case = flat_case([[10, 0], [0, 10]], [1, 1])
    for method in ("wsm", "topsis"):
        sc = Scenario(method=method, weights_model="uniform", score_sampling="none")
        res = smaa(case, sc, samples=40_000, seed=2)
        assert_allclose(res.acceptability, [[0.5, 0.5], [0.5, 0.5]], atol=0.01)
        assert_allclose(res.central_weights, [[0.75, 0.25], [0.25, 0.75]], atol=0.006)


def test_to_dict_names_every_setting_of_the_run():
    sc = Scenario(
        method="topsis", weights_model="order", concentration=7, score_sampling="triangular"
    )
    d = smaa(flat_case([[10, 2], [2, 6]], [1, 1]), sc, samples=200, seed=3).to_dict()
    assert set(d) == {
        "samples",
        "seed",
        "weights_model",
        "concentration",
        "score_sampling",
        "method",
        "normalization",
        "rank_acceptability",
        "central_weights",
        "confidence",
        "confidence_samples",
        "holistic",
    }
    settings = ("samples", "seed", "weights_model", "concentration", "score_sampling")
    assert [d[k] for k in settings] == [200, 3, "order", 7.0, "triangular"]
    assert (d["method"], d["normalization"]) == ("topsis", "vector")
    assert d["confidence_samples"] == 0  # no score has a range: one exact pass


def test_scores_exactly_the_tie_tolerance_apart_share_their_ranks():
    # As in competition_ranks: "better" means higher by MORE than the tolerance, so scores
    # 1e-12 apart tie (half of each rank each), 3e-12 apart do not.
    tol = 1e-12
    counts, first = rank_shares(np.array([[0.0, tol]]))
    assert_allclose(counts, [[0.5, 0.5], [0.5, 0.5]])
    assert_allclose(first, [[0.5, 0.5]])
    counts, first = rank_shares(np.array([[0.0, 3 * tol]]))
    assert_allclose(counts, [[0, 1], [1, 0]])
    assert_allclose(first, [[0, 1]])


def test_one_sample_is_enough_and_zero_is_refused():
    case = flat_case([[10, 2], [2, 6]], [1, 1])
    assert smaa(case, Scenario(), samples=1).acceptability.sum() == pytest.approx(2.0)
    with pytest.raises(ScenarioError) as err:
        smaa(case, Scenario(), samples=0)
    assert str(err.value) == "samples must be at least 1"


def _with_preferences(case: Case, specs: list[dict]) -> Case:
    """The case with PROMETHEE preference functions on its leaves (one spec per leaf)."""
    leaves = tuple(
        c.model_copy(update={"preference": PreferenceSpec(**spec)})
        for c, spec in zip(case.criteria, specs, strict=True)
    )
    return dataclasses.replace(case, criteria=leaves)


@pytest.mark.parametrize("ranges", [False, True])
@pytest.mark.parametrize(
    "method,options,data",
    [
        ("vikor", {"vikor_v": 0.1}, 1),
        ("vikor", {"vikor_v": 0.9}, 42),
        ("promethee2", {}, 3),
    ],
)
def test_method_options_reach_every_pass(method, options, data, ranges):
    # VIKOR's v and PROMETHEE's preference functions change the ranking, so every pass (main
    # and confidence, with scores fixed and sampled) must score with them, not the defaults:
    # checked against the one-sample-at-a-time reference, which passes them explicitly. The data
    # seeds are ones where a central weight vector makes its vendor first only under the options.
    rng = np.random.default_rng(data)
    X = rng.uniform(1, 9, (5, 3)).round(1)
    case = flat_case(X, [3, 2, 1], [[(x - 1, x + 1) for x in row] for row in X] if ranges else None)
    case = _with_preferences(
        case,
        [
            {"function": "usual"},
            {"function": "level", "q": 0.5, "p": 3},
            {"function": "gaussian", "s": 0.7},
        ],
    )
    sc = Scenario(method=method, normalization="scale", weights_model="uniform", **options)
    acc, central, conf = reference_smaa(case, sc, 250, seed=8)
    res = smaa(case, sc, samples=250, seed=8)
    assert_allclose(res.acceptability, acc, atol=1e-12)
    assert_allclose(res.central_weights, central, atol=1e-12)
    assert_allclose(res.confidence, conf, atol=1e-12)
    # ...and the options matter here: the default options give other acceptabilities.
    default = reference_smaa(
        flat_case(X, [3, 2, 1], [[(x - 1, x + 1) for x in row] for row in X] if ranges else None),
        Scenario(method=method, normalization="scale", weights_model="uniform"),
        250,
        seed=8,
    )[0]
    assert np.abs(default - acc).max() > 0.01
