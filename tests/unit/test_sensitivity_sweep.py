"""One-way sweeps and crossovers: exact (WSM) and bisected (WPM, TOPSIS) against brute force."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scoring import Scenario, load_case, resolve
from scoring.case import global_weights, raw_weights
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.model import CaseInfo, Criterion, Vendor
from scoring.rank import score_matrix
from scoring.sensitivity import crossovers, sweep, sweepable
from scoring.sensitivity.sweep import leaders, ranks_at, setup, weight_path
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


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
def test_two_vendor_crossover_under_every_method_matches_the_score_equation(method):
    case = flat_case([[6, 2], [2, 8]], [3, 1])
    sc = Scenario(method=method)
    (c,) = crossovers(case, sc, "c0")
    s = setup(case, sc)
    scores = sweep(case, sc, "c0").scores
    assert scores.shape[1] == 2
    path = weight_path(s, "c0")
    below, above = score_matrix(s.V, path.at(np.array([c.weight - 1e-6, c.weight + 1e-6])), method)
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


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
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


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
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
