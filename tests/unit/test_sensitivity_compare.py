"""Method comparison and `analyse`: rankings side by side, rank correlations, the JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from scoring import Scenario, load_case
from scoring.load import Case
from scoring.model import DEFAULT_NORMALIZATION, CaseInfo, Criterion, Vendor
from scoring.sensitivity import SensitivityResult, analyse, compare_methods

ROOT = Path(__file__).resolve().parents[2]
TOP_KEYS = {"stability", "crossovers", "smaa", "methods"}


@pytest.fixture(scope="module")
def shipped() -> Case:
    return load_case(ROOT / "criteria", ROOT / "vendors")


def test_rankings_side_by_side_on_the_shipped_case(shipped):
    mc = compare_methods(shipped, Scenario())
    assert mc.rankings["wsm"] == ("alibaba", "baidu", "tencent", "bytedance", "deepseek")
    assert mc.rankings["topsis"] == ("alibaba", "baidu", "tencent", "deepseek", "bytedance")
    assert mc.normalizations == {
        "wsm": "scale", "wpm": "max", "topsis": "vector", "vikor": "scale", "promethee2": "scale"
    }  # fmt: skip
    # VIKOR (lowest Q first) and PROMETHEE II agree with WSM here.
    assert mc.rankings["vikor"] == mc.rankings["wsm"] == mc.rankings["promethee2"]
    assert mc.kendall_tau["vikor"] == pytest.approx(1.0)
    # TOPSIS swaps ranks 4 and 5: one discordant pair of ten, tau = (9 - 1) / 10 = 0.8;
    # sum d^2 = 2, rho = 1 - 6 * 2 / (5 * 24) = 0.9.
    assert mc.kendall_tau["topsis"] == pytest.approx(0.8)
    assert mc.spearman_rho["topsis"] == pytest.approx(0.9)
    assert mc.kendall_tau["wsm"] == pytest.approx(1.0)
    # WPM ties ByteDance and DeepSeek at rank 4 (tau-b accounts for the tie).
    assert mc.ranks["wpm"]["bytedance"] == mc.ranks["wpm"]["deepseek"] == 4
    assert mc.kendall_tau["wpm"] == pytest.approx(0.9486833, abs=1e-6)
    assert mc.differs == ("bytedance", "deepseek")
    table = mc.table()
    assert list(table["vendor"]) == list(mc.rankings["wsm"])
    assert list(table["differs"]) == [False, False, False, True, True]


def test_the_chosen_method_keeps_its_own_normalisation(shipped):
    mc = compare_methods(shipped, Scenario(method="wsm", normalization="minmax"))
    assert mc.normalizations["wsm"] == "minmax"
    assert mc.normalizations["topsis"] == "vector"


def test_correlations_are_none_when_undefined(shipped):
    mc = compare_methods(shipped, Scenario(vendors=["alibaba"]))
    assert mc.kendall_tau == dict.fromkeys(("wsm", "wpm", "topsis", "vikor", "promethee2"))
    assert mc.differs == ()


def test_a_method_that_cannot_apply_is_skipped_with_the_reason():
    leaves = (
        Criterion(id="a", name="A", scale={"min": -5, "max": 5}),
        Criterion(id="b", name="B", scale={"min": 0, "max": 10}),
    )
    vendors = (
        Vendor(id="x", name="X", scores={"a": -2, "b": 4}),
        Vendor(id="y", name="Y", scores={"a": 3, "b": 1}),
    )
    case = Case(CaseInfo(id="t", name="T"), leaves, vendors, (), "fp")
    mc = compare_methods(case, Scenario())
    assert set(mc.rankings) == {"wsm", "topsis", "vikor", "promethee2"}
    assert "ratio scale" in mc.skipped["wpm"]


def test_analyse_json_shape(shipped):
    res = analyse(shipped, Scenario(), samples=1_000, seed=4)
    assert isinstance(res, SensitivityResult)
    d = res.to_dict()
    assert set(d) >= TOP_KEYS
    assert d["leader"] == "alibaba"
    sweepable = {c.id for c in shipped.all_criteria}  # every criterion has a sibling here
    assert set(d["stability"]) == set(d["crossovers"]) == sweepable
    for entry in d["stability"].values():
        assert set(entry) == {"weight", "leader_low", "leader_high", "ranking_low", "ranking_high"}
    assert d["crossovers"]["regulatory_readiness"] == [
        {"weight": pytest.approx(0.6781115879828), "from": "alibaba", "to": "baidu"}
    ]
    sm = d["smaa"]
    assert (sm["samples"], sm["seed"]) == (1_000, 4)
    assert {"rank_acceptability", "central_weights", "confidence", "holistic"} <= set(sm)
    assert set(d["methods"]) >= {"rankings", "kendall_tau", "spearman_rho"}
    json.dumps(d, allow_nan=False)  # plain JSON: no NaN, no numpy types


def test_analyse_defaults_to_the_scenarios_samples_and_seed(shipped):
    res = analyse(shipped, Scenario(samples=300, seed=9))
    assert (res.smaa.samples, res.smaa.seed) == (300, 9)
    again = analyse(shipped, Scenario(samples=300, seed=9))
    assert np.array_equal(res.smaa.acceptability, again.smaa.acceptability)
    assert res.by_risk[0].criterion == "regulatory_readiness"


def test_methods_json_has_the_issues_shape(shipped):
    # Issue 4: `methods` is {method: [vendor ids in rank order]} with "kendall_tau": {method: tau}.
    d = compare_methods(shipped, Scenario()).to_dict()
    for method in ("wsm", "wpm", "topsis"):
        assert d[method] == d["rankings"][method]
    assert d["wsm"] == ["alibaba", "baidu", "tencent", "bytedance", "deepseek"]
    assert d["topsis"][3:] == ["deepseek", "bytedance"]
    assert d["kendall_tau"]["wsm"] == pytest.approx(1.0)
    # tau-b over competition ranks; WPM ties ByteDance and DeepSeek at rank 4 (hand-checked:
    # 9 concordant, 0 discordant, one tie in WPM only -> 9 / sqrt(10 * 9)).
    assert d["kendall_tau"]["wpm"] == pytest.approx(9 / np.sqrt(90))
    assert d["differs"] == ["bytedance", "deepseek"]


def test_two_vendors_have_correlations_and_all_tied_have_none():
    from tests.unit.sensitivity_cases import flat_case

    # Two vendors are enough for tau and rho: every method ranks A = (8, 6) over B = (2, 4).
    mc = compare_methods(flat_case([[8, 6], [2, 4]], [1, 1]), Scenario())
    one = dict.fromkeys(("wsm", "wpm", "topsis", "vikor", "promethee2"), pytest.approx(1.0))
    assert mc.kendall_tau == one
    assert mc.spearman_rho == one
    # Identical vendors tie under every method: constant ranks, correlation undefined -> None.
    mc = compare_methods(flat_case([[5, 5], [5, 5]], [1, 1]), Scenario())
    assert mc.kendall_tau == dict.fromkeys(("wsm", "wpm", "topsis", "vikor", "promethee2"))
    assert mc.spearman_rho == dict.fromkeys(("wsm", "wpm", "topsis", "vikor", "promethee2"))


def test_methods_table_and_json_keys(shipped):
    mc = compare_methods(shipped, Scenario())
    table = mc.table()
    assert list(table.columns) == [
        "vendor",
        "name",
        "Weighted sum (WSM)",
        "Weighted product (WPM)",
        "Closeness to the ideal (TOPSIS)",
        "Compromise ranking (VIKOR)",
        "Head-to-head preferences (PROMETHEE II)",
        "differs",
    ]
    assert table["name"].iloc[0] == "Alibaba (Qwen)"
    d = mc.to_dict()
    assert set(d) == {
        "wsm",
        "wpm",
        "topsis",
        "vikor",
        "promethee2",
        "chosen",
        "normalizations",
        "rankings",
        "ranks",
        "kendall_tau",
        "spearman_rho",
        "differs",
        "skipped",
    }
    assert (d["chosen"], d["skipped"]) == ("wsm", {})
    assert d["normalizations"] == mc.normalizations == DEFAULT_NORMALIZATION
    assert d["ranks"]["wpm"]["bytedance"] == 4


def nested_case() -> Case:
    """g (the only top-level criterion) = (a, h); h = (k); k = (x): a chain of only children."""
    leaf = {"scale": {"min": 0, "max": 10}}
    x = Criterion(id="x", name="X", **leaf)
    k = Criterion(id="k", name="K", children=[x])
    h = Criterion(id="h", name="H", children=[k])
    g = Criterion(id="g", name="G", children=[Criterion(id="a", name="A", **leaf), h])
    vendors = (
        Vendor(id="p", name="P", scores={"a": 8, "x": 2}),
        Vendor(id="q", name="Q", scores={"a": 3, "x": 9}),
    )
    return Case(CaseInfo(id="t", name="T"), (g,), vendors, (), "fp")


def test_only_children_say_whose_weight_moves_them():
    from scoring.sensitivity.analysis import only_children

    # x's parent k has no sibling either: the nearest ancestor with one is h, two levels up.
    assert only_children(nested_case()) == {
        "g": "G is the only top-level criterion: its share is always 1",
        "k": "K is the only criterion under H: its weight moves with H's (see its interval)",
        "x": "X is the only criterion under K: its weight moves with H's (see its interval)",
    }


def test_analyse_reports_the_scenario_it_analysed():
    # Equal weights: P = (8 + 2) / 20 = .5, Q = (3 + 9) / 20 = .6 -> Q leads; with a at 3:1,
    # P = (24 + 2) / 40 = .65 and Q = (9 + 9) / 40 = .45 -> P leads (the default would say Q).
    sc = Scenario(weights={"a": 3, "h": 1}, samples=200)
    res = analyse(nested_case(), sc)
    d = res.to_dict()
    assert (d["method"], d["normalization"], d["leader"]) == ("wsm", "scale", "p")
    assert set(d) == {
        "method",
        "normalization",
        "leader",
        "stability",
        "crossovers",
        "smaa",
        "methods",
        "not_swept",
        "challengers",
        "unknowns_that_matter",
        "idle_criteria",
    }
    assert set(d["not_swept"]) == {"g", "k", "x"}
    assert set(d["stability"]) == {"a", "h"}
    assert analyse(nested_case(), Scenario(method="topsis", samples=200)).normalization == "vector"


def test_the_comparison_resolves_the_case_once_for_every_method(shipped, monkeypatch):
    """Resolving reads the scenario's weights, vendors, unknowns and preferences, none of which a
    method changes: the five rankings share one resolved case (at 2,000 vendors resolving was a
    third of the comparison), and each ranks that case's vendors."""
    import importlib

    ranking = importlib.import_module("scoring.rank")  # the package exports rank()
    calls = []
    real = ranking.resolve
    monkeypatch.setattr(ranking, "resolve", lambda *a: calls.append(a) or real(*a))
    mc = compare_methods(shipped, Scenario(weights={"user_data": 40.0}))
    assert len(calls) == 1
    assert set(mc.rankings) == {"wsm", "wpm", "topsis", "vikor", "promethee2"}
