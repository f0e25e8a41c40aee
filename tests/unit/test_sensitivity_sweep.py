"""One-way sweeps and crossovers: exact (WSM) and bisected (WPM, TOPSIS) against brute force."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from scoring import Scenario, load_case, resolve
from scoring.case import global_weights, raw_weights
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.model import CaseInfo, Criterion, Vendor
from scoring.rank import merit_matrix
from scoring.sensitivity import crossovers, stability_intervals, sweep, sweepable
from scoring.sensitivity.sweep import (
    WeightPath,
    _exact_changes,
    leaders,
    ranking_changes,
    ranks_at,
    setup,
    weight_path,
)
from tests.unit.sensitivity_cases import flat_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped() -> Case:
    return load_case(ROOT / "criteria", ROOT / "vendors")


def brute_leader_changes(case, scenario, cid, step=1e-5):
    """(t, from, to) wherever the leader differs between neighbouring points of a fine grid."""
    s = setup(case, scenario)
    path = weight_path(s, cid)
    t = np.linspace(0.0, 1.0, int(round(1 / step)) + 1)[1:-1]
    R = ranks_at(s, path, t)
    out = []
    for k in np.flatnonzero(np.any(R[1:] != R[:-1], axis=1)):
        if leaders(R[k]) != leaders(R[k + 1]):
            out.append((t[k] + step / 2, leaders(R[k]), leaders(R[k + 1])))
    return out


def test_two_vendor_crossover_by_hand():
    # A = (6, 2), B = (2, 8), raw weights 3:1. With c0's share t: A = .2 + .4t, B = .8 - .6t,
    # equal at t = 0.6; B leads below, A above.
    case = flat_case([[6, 2], [2, 8]], [3, 1])
    (c,) = crossovers(case, Scenario(), "c0")
    assert c.weight == pytest.approx(0.6, abs=1e-12)
    assert (c.from_, c.to) == ("v1", "v0")
    assert c.to_dict() == {"weight": c.weight, "from": "v1", "to": "v0"}
    (d,) = crossovers(case, Scenario(), "c1")  # the mirror: c1's share 0.4 = 1 - 0.6
    assert d.weight == pytest.approx(0.4, abs=1e-12)
    assert (d.from_, d.to) == ("v0", "v1")


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee2"])
def test_two_vendor_crossover_under_every_method_matches_the_score_equation(method):
    case = flat_case([[6, 2], [2, 8]], [3, 1])
    sc = Scenario(method=method)
    (c,) = crossovers(case, sc, "c0")
    s = setup(case, sc)
    scores = sweep(case, sc, "c0").scores
    assert scores.shape[1] == 2
    path = weight_path(s, "c0")
    W = path.at(np.array([c.weight - 1e-6, c.weight + 1e-6]))
    below, above = merit_matrix(s.V, W, method, s.options)  # higher is better, whatever the method
    assert below[1] > below[0] and above[0] > above[1]


def test_weight_path_reproduces_the_scenario_and_keeps_sibling_proportions(shipped):
    sc = Scenario(weights={"model_quality": 30, "user_data": 5})
    s = setup(shipped, sc)
    for cid in sweepable(shipped):
        path = weight_path(s, cid)
        assert_allclose(path.at(np.array([path.current]))[0], resolve(shipped, sc).weights)
    # cloud_delivery inside ecosystem_fit (raw 35:35:30): at share 0.5 the other two split the
    # rest 35:30, and the group's global weight (20/100 of the root) is unchanged.
    path = weight_path(s, "cloud_delivery")
    w = dict(zip(s.resolved.leaf_ids, path.at(np.array([0.5]))[0], strict=True))
    g = global_weights(shipped, raw_weights(shipped, sc))
    group = g["ecosystem_fit"]
    assert w["cloud_delivery"] == pytest.approx(0.5 * group)
    assert w["execution_track_record"] == pytest.approx(0.5 * group * 35 / 65)
    assert w["partner_conflict"] == pytest.approx(0.5 * group * 30 / 65)
    assert w["user_data"] == pytest.approx(g["user_data"])


def test_group_sweep_scales_its_leaves_together(shipped):
    s = setup(shipped, Scenario())
    path = weight_path(s, "model_capability")
    assert path.current == pytest.approx(0.25)
    w = dict(zip(s.resolved.leaf_ids, path.at(np.array([1.0]))[0], strict=True))
    assert w["model_quality"] == pytest.approx(0.6)  # the group is everything; inside 60:40
    assert w["multimodal_on_device"] == pytest.approx(0.4)
    assert w["regulatory_readiness"] == 0


def test_siblings_all_at_zero_share_the_rest_equally():
    case = flat_case([[6, 2, 1], [2, 8, 9]], [1, 0, 0])
    s = setup(case, Scenario())
    path = weight_path(s, "c0")
    assert path.current == 1.0
    assert_allclose(path.at(np.array([0.5]))[0], [0.5, 0.25, 0.25])


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee2"])
def test_crossovers_equal_a_brute_force_fine_sweep_on_the_shipped_case(shipped, method):
    sc = Scenario(method=method)
    for cid in sweepable(shipped):
        exact = crossovers(shipped, sc, cid)
        brute = brute_leader_changes(shipped, sc, cid)
        assert len(exact) == len(brute), cid
        for c, (t, before, after) in zip(exact, brute, strict=True):
            assert c.weight == pytest.approx(t, abs=1e-5)
            r = resolve(shipped, sc)
            assert r.vendor_ids.index(c.from_) in before
            assert r.vendor_ids.index(c.to) in after


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis", "vikor", "promethee2"])
def test_crossovers_equal_brute_force_on_random_cases_with_many_crossings(method):
    rng = np.random.default_rng(3)
    for trial in range(4):
        case = flat_case(rng.uniform(1, 10, (6, 4)).round(2), rng.uniform(1, 5, 4).round(2))
        sc = Scenario(method=method)
        for cid in sweepable(case):
            exact = [c.weight for c in crossovers(case, sc, cid)]
            brute = [t for t, _, _ in brute_leader_changes(case, sc, cid)]
            assert_allclose(exact, brute, atol=1e-5, err_msg=f"trial {trial} {cid}")


def test_shipped_wsm_crossovers_by_hand(shipped):
    # Regulatory readiness: Alibaba 9 vs Baidu 10 on it; their WSM lines cross at 0.67811...
    (c,) = crossovers(shipped, Scenario(), "regulatory_readiness")
    assert (c.from_, c.to) == ("alibaba", "baidu")
    assert c.weight == pytest.approx(0.6781115879828, abs=1e-9)
    assert crossovers(shipped, Scenario(), "model_quality") == ()


def test_sweep_marks_current_share_and_leader_changes(shipped):
    sw = sweep(shipped, Scenario(), "user_data", points=51)
    assert sw.current == pytest.approx(0.15)
    assert sw.current in sw.t and all(c.weight in sw.t for c in sw.leader_changes)
    assert sw.scores.shape == (len(sw.t), 5)
    assert np.all(np.diff(sw.t) > 0) and sw.t[0] == 0 and sw.t[-1] == 1
    at = int(np.flatnonzero(sw.t == sw.current)[0])
    assert_allclose(sw.scores[at], [0.831, 0.698, 0.602, 0.568, 0.670], atol=5e-4)
    assert_allclose(sw.current_scores, sw.scores[at])
    assert [(c.from_, c.to) for c in sw.leader_changes] == [("alibaba", "tencent")]


def test_ties_at_the_ends_are_not_changes(shipped):
    # At user_data = 100% Tencent and ByteDance both score 10 and tie: not a leader change.
    assert [c.to for c in crossovers(shipped, Scenario(), "user_data")] == ["tencent"]
    assert crossovers(shipped, Scenario(method="topsis"), "open_source") == ()


def test_unknown_or_only_child_criterion_is_refused(shipped):
    with pytest.raises(ScenarioError, match="unknown criterion"):
        sweep(shipped, Scenario(), "nope")
    case = Case(
        CaseInfo(id="t", name="T"),
        (
            Criterion(
                id="g",
                name="G",
                children=[Criterion(id="a", name="A", scale={"min": 0, "max": 1})],
            ),
            Criterion(id="b", name="B", scale={"min": 0, "max": 1}),
        ),
        (
            Vendor(id="x", name="X", scores={"a": 1, "b": 0}),
            Vendor(id="y", name="Y", scores={"a": 0, "b": 1}),
        ),
        (),
        "fp",
    )
    assert sweepable(case) == ("g", "b")
    with pytest.raises(ScenarioError, match="no siblings"):
        sweep(case, Scenario(), "a")


# --- zero weights: all-zero sibling groups, all-zero ends, too few points ------------------------


def group_case(w_a: float, w_g: float, w_b: float, w_c: float, X) -> Case:
    """Top level: leaf a and group g = (b, c), all on 0..10; one vendor per row (a, b, c)."""
    leaf = {"scale": {"min": 0, "max": 10}}
    criteria = (
        Criterion(id="a", name="A", weight=w_a, **leaf),
        Criterion(
            id="g",
            name="G",
            weight=w_g,
            children=[
                Criterion(id="b", name="B", weight=w_b, **leaf),
                Criterion(id="c", name="C", weight=w_c, **leaf),
            ],
        ),
    )
    vendors = tuple(
        Vendor(id=f"v{i}", name=f"V{i}", scores=dict(zip("abc", map(float, row), strict=True)))
        for i, row in enumerate(X)
    )
    return Case(CaseInfo(id="t", name="T"), criteria, vendors, (), "fp")


# v0 = (8, 2, 0), v1 = (2, 6, 10); raw weights a 1, g 1 with b 0 and c 0: the group weighs
# nothing, so the leaf weights are (1, 0, 0) and v0 leads (.8 against .2).
ZERO_GROUP = group_case(1, 1, 0, 0, [[8, 2, 0], [2, 6, 10]])


def test_every_sibling_at_zero_the_sweep_starts_at_the_scenario():
    s = setup(ZERO_GROUP, Scenario())
    assert_allclose(s.resolved.weights, [1, 0, 0])
    path = weight_path(s, "b")
    assert path.current == 0.0  # b's share of a group whose every share is 0
    # t = 0 reproduces the scenario (c stays at 0, it does not take the group's share); t = 1
    # gives b the whole group, half the root: (.5, .5, 0). In between, unnormalised
    # (.5, .5 t, 0), normalised (1, t, 0) / (1 + t): t = .5 -> (2/3, 1/3, 0).
    assert_allclose(
        path.at(np.array([0.0, 0.5, 1.0])), [[1, 0, 0], [2 / 3, 1 / 3, 0], [0.5, 0.5, 0]]
    )
    # Scores .4 + .1 t (v0) and .1 + .3 t (v1) would meet only at t = 1.5: v0 leads throughout.
    # (Sharing the group's weight between b and c at t = 0 put v1 ahead at the current share and
    # reported a leader change at t = 2/3 that the scenario never has.)
    assert crossovers(ZERO_GROUP, Scenario(), "b") == ()
    sw = sweep(ZERO_GROUP, Scenario(), "b", points=3)
    assert_allclose(sw.current_scores, [0.8, 0.2])


def test_a_sweep_into_an_all_zero_end():
    # Sweeping g: at t = 1 the group has everything, but its leaves weigh 0, so every leaf weight
    # is 0 (the end is all zeros); below 1 the leaf weights are a's alone, (1, 0, 0).
    s = setup(ZERO_GROUP, Scenario())
    path = weight_path(s, "g")
    assert path.current == 0.5
    assert_allclose(path.end, [0, 0, 0])
    assert_allclose(path.at(np.array([0.0, 0.5, 0.999, 1.0])), [[1, 0, 0]] * 3 + [[0, 0, 0]])
    # At t = 1 every score is 0: a tie at the end of the range, not a change of leader.
    assert crossovers(ZERO_GROUP, Scenario(), "g") == ()
    sw = sweep(ZERO_GROUP, Scenario(), "g", points=2)
    assert_allclose(sw.t, [0, 0.5, 1])
    assert_allclose(sw.scores, [[0.8, 0.2], [0.8, 0.2], [0, 0]])


def test_weight_path_at_normalises_each_row_and_keeps_a_zero_row_zero():
    path = WeightPath("x", 0.5, start=np.array([0.2, 0.8]), end=np.zeros(2))
    # t = .5: (.1, .4), total .5 -> (.2, .8); t = 1: (0, 0) stays (0, 0), no division by zero
    assert_allclose(path.at(np.array([0.0, 0.5, 1.0])), [[0.2, 0.8], [0.2, 0.8], [0, 0]])
    path = WeightPath("x", 0.5, start=np.zeros(2), end=np.array([3.0, 1.0]))
    assert_allclose(path.at(np.array([0.0, 0.25])), [[0, 0], [0.75, 0.25]])


@pytest.mark.parametrize("points", [-1, 0, 1, 2])
def test_fewer_than_two_points_still_give_both_ends(points):
    # c0's share now .75, the crossover at .6 (test_two_vendor_crossover_by_hand): the grid is
    # at least (0, 1), plus those two points.
    sw = sweep(flat_case([[6, 2], [2, 8]], [3, 1]), Scenario(), "c0", points=points)
    assert_allclose(sw.t, [0, 0.6, 0.75, 1])


def test_three_points_add_the_middle():
    sw = sweep(flat_case([[6, 2], [2, 8]], [3, 1]), Scenario(), "c0", points=3)
    assert_allclose(sw.t, [0, 0.5, 0.6, 0.75, 1])


# --- closed forms ------------------------------------------------------------------------------
# Two vendors, two criteria, t = c0's share: w = (t, 1 - t).

values = st.integers(min_value=1, max_value=10)
raw = st.integers(min_value=1, max_value=5)


@settings(max_examples=80, deadline=None)
@given(values, values, values, values, raw, raw)
def test_WSM_crossover_triantaphyllou_sanchez_1997_closed_form(a0, a1, b0, b1, w0, w1):
    # Triantaphyllou & Sanchez (1997), Decision Sciences 28(1): for the WSM the weight at which
    # two alternatives swap is where the difference of their scores, linear in the weight, is 0:
    # t d0 + (1 - t) d1 = 0 with d_j = a_j - b_j, so t* = d1 / (d1 - d0), inside (0, 1) exactly
    # when d0 and d1 have opposite signs. Below t* the vendor favoured by c1 (sign of d1) leads.
    case = flat_case([[a0, a1], [b0, b1]], [w0, w1])
    d0, d1 = a0 - b0, a1 - b1
    found = crossovers(case, Scenario(), "c0")
    t0 = w0 / (w0 + w1)
    x = stability_intervals(case, Scenario(), sort=False)[0]
    if d0 * d1 >= 0:
        assert found == ()
        assert (x.leader_low, x.leader_high) == (0.0, 1.0)
        return
    t_star = d1 / (d1 - d0)
    (c,) = found
    assert c.weight == pytest.approx(t_star, abs=1e-12)
    assert (c.from_, c.to) == (("v0", "v1") if d1 > 0 else ("v1", "v0"))
    # The stability interval of the leader ends at t* on the side away from the current share.
    assume(abs(t0 - t_star) > 1e-9)
    expected = (t_star, 1.0) if t0 > t_star else (0.0, t_star)
    assert (x.leader_low, x.leader_high) == pytest.approx(expected, abs=1e-12)
    assert x.leader_margin == pytest.approx(abs(t0 - t_star))


@settings(max_examples=40, deadline=None)
@given(values, values, values, values)
def test_WPM_crossover_closed_form_from_the_score_ratio(a0, a1, b0, b1):
    # Bridgman (1922) / Miller & Starr (1969): WPM compares a and b by the ratio
    # prod_j (a_j / b_j) ** w_j = r0 ** t * r1 ** (1 - t), whatever the normalisation by a
    # column constant. It is 1 where t ln r0 + (1 - t) ln r1 = 0: t* = ln r1 / (ln r1 - ln r0).
    # The bisection must find it to well below 1e-6.
    l0, l1 = np.log(a0 / b0), np.log(a1 / b1)
    assume(l0 * l1 < 0)
    t_star = l1 / (l1 - l0)
    assume(0.01 < t_star < 0.99)
    (c,) = crossovers(flat_case([[a0, a1], [b0, b1]], [1, 1]), Scenario(method="wpm"), "c0")
    assert c.weight == pytest.approx(t_star, abs=1e-8)
    assert (c.from_, c.to) == (("v0", "v1") if l1 > 0 else ("v1", "v0"))


# --- the exact (WSM) search reports only real changes inside (0, 1) ----------------------------


def exact(X, weights=(1, 1)):
    s = setup(flat_case(X, list(weights)), Scenario())
    return _exact_changes(s, weight_path(s, "c0"))


def test_exact_changes_ignore_crossings_outside_the_range():
    # A = (6, 2), B = (2, 8) cross at .6. D = (1, 1) and E = (.5, .5) are constant: they meet
    # A at -.25 and -.375, B at 7/6 and 1.25 (8 - 6t = 1 and = .5), all outside (0, 1).
    (c,) = exact([[6, 2], [2, 8], [1, 1], [0.5, 0.5]])
    assert c.t == pytest.approx(0.6)
    assert (c.left, c.right) == ((2, 1, 3, 4), (1, 2, 3, 4))


@pytest.mark.parametrize("X", [[[2, 5], [6, 5]], [[5, 2], [5, 6]]])
def test_exact_changes_at_the_very_ends_are_not_changes(X):
    # Equal on c1: tied at t = 0 (only c1 counts), B ahead after. Equal on c0: tied at t = 1.
    assert exact(X) == ()


def test_exact_changes_skip_a_crossing_that_changes_no_rank():
    # C = (1, 1) and D = (1 + 4e-12, 1 - 4e-12) cross at .5 but stay within the tie tolerance
    # (|D - C| <= 4e-13 after the /10 of the scale): tied throughout, no rank changes there.
    # A = (6, 2) and B = (2, 8) cross at .6: the only change.
    (c,) = exact([[6, 2], [2, 8], [1, 1], [1 + 4e-12, 1 - 4e-12]])
    assert c.t == pytest.approx(0.6)
    assert (c.left, c.right) == ((2, 1, 3, 3), (1, 2, 3, 3))


def test_sweep_result_names_what_it_swept():
    # Dominance (no change) and the current share .5 on the default grid of 201 points.
    sw = sweep(flat_case([[8, 8], [2, 2]], [1, 1]), Scenario(), "c0")
    assert (sw.criterion, sw.criterion_name) == ("c0", "C0")
    assert (sw.vendor_ids, sw.vendor_names) == (("v0", "v1"), ("V0", "V1"))
    assert len(sw.t) == 201 and sw.current == 0.5
    assert sw.leader_changes == ()


def test_two_wpm_changes_in_one_grid_bracket_are_both_found():
    # WPM: vendors i and j swap where the score ratio is 1, t* = l1 / (l1 - l0) with
    # l_k = ln(v_ik / v_jk) (the closed form above). A = (2, 1), B = (1, 1.588),
    # C = (.9999, 1.58925): A passes B at .40020 and C at .40054, .0003 apart inside one
    # .001-wide bracket of the search grid (the search must find the first, then look again in
    # the rest of the bracket); B passes C at .887.
    X = np.array([[2, 1], [1, 1.588], [0.9999, 1.58925]])
    expected = []
    for i, j in ((0, 1), (0, 2), (1, 2)):
        l0, l1 = np.log(X[i] / X[j])
        if l0 * l1 < 0:
            expected.append(l1 / (l1 - l0))
    expected.sort()
    assert int(expected[0] * 1000) == int(expected[1] * 1000)  # the same bracket
    case = flat_case(X, [1, 1])
    s = setup(case, Scenario(method="wpm"))
    found = [c.t for c in ranking_changes(s, weight_path(s, "c0"))]
    assert found == [pytest.approx(t, abs=1e-8) for t in expected]
    # C leads (it has the most of c1) until A passes it.
    assert [(c.from_, c.to) for c in crossovers(case, Scenario(method="wpm"), "c0")] == [
        ("v2", "v0")
    ]


def test_fractional_raw_weights_keep_the_siblings_proportions():
    # Raw weights 1, .25, .5 (the siblings' total .75 is below 1): at c0's share 0 the others
    # keep their proportion 1:2 -> (0, 1/3, 2/3); at share 1 c0 has everything.
    s = setup(flat_case([[6, 2, 1], [2, 8, 9]], [1, 0.25, 0.5]), Scenario())
    path = weight_path(s, "c0")
    assert path.criterion == "c0"
    assert path.current == pytest.approx(1 / 1.75)
    assert_allclose(path.at(np.array([0.0, 1.0])), [[0, 1 / 3, 2 / 3], [1, 0, 0]])


def test_crossovers_name_their_criterion():
    (c,) = crossovers(flat_case([[6, 2], [2, 8]], [3, 1]), Scenario(), "c0")
    assert c.criterion == "c0"


def test_setup_needs_a_vendor_and_weight_path_a_known_criterion(write_case):
    from tests.conftest import ACME, BETA

    one = flat_case([[6, 2]], [1, 1])  # a single vendor is something to analyse
    assert setup(one, Scenario()).resolved.m == 1
    weak = BETA.replace("quality: 6", "quality: 3")
    write_case(vendors={"acme.yaml": ACME.replace("quality: 8", "quality: 1"), "beta.yaml": weak})
    with pytest.raises(ScenarioError) as err:
        setup(load_case("criteria", "vendors"), Scenario())
    assert str(err.value) == "no vendor passes the must-haves: there is nothing to analyse"
    with pytest.raises(ScenarioError) as err:
        weight_path(setup(one, Scenario()), "nope")
    assert str(err.value) == "unknown criterion 'nope' (known: c0, c1)"


def test_sweep_scores_use_the_method_options_and_say_which_way_they_read():
    # VIKOR, equal weights (c0's current share 1/3), v = .2: best values (1, 1, .9), worst
    # (0, 0, .5); regrets v0 (0, 1, 1), v1 (.4, .4, .75), v2 (1, 0, 0), each weighted 1/3, give
    # S = (2/3, 1.55/3, 1/3) and R = (1/3, 1/4, 1/3), so Q = (1, .55 v, 1 - v) =
    # (1, .11, .8) at v = .2 (the default v = .5 would give (1, .275, .5)). Lower is better.
    case = flat_case([[10, 0, 5], [6, 6, 6], [0, 10, 9]], [1, 1, 1])
    sw = sweep(case, Scenario(method="vikor", vikor_v=0.2), "c0")
    assert_allclose(sw.current_scores, [1, 0.11, 0.8], atol=1e-12)
    k = int(np.flatnonzero(np.isclose(sw.t, 1 / 3))[0])
    assert_allclose(sw.scores[k], [1, 0.11, 0.8], atol=1e-12)
    assert sw.higher_is_better is False
    assert sweep(case, Scenario(), "c0").higher_is_better is True
    # The ranks along the path too: at v = .8, Q = (1, .44, .2) puts v2 first (v = .5: v1).
    s = setup(case, Scenario(method="vikor", vikor_v=0.8))
    assert ranks_at(s, weight_path(s, "c0"), np.array([1 / 3])).tolist() == [[3, 2, 1]]
