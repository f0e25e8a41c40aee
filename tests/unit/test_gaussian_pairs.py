"""PROMETHEE II's Gaussian preference with uncertain scores past PAIRWISE_MAX vendors (issue 12):
each simulation compares every pair of vendors again, so an analysis that would compare more
than MAX_GAUSSIAN_PAIRS pairs is refused with what to do instead, before any work; the report's
and the app's budgeted analysis never reaches the limit."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from benchmarks.bench_matrix import generate
from scoring import Scenario, ScenarioError, limits, load_case
from scoring.cli import main
from scoring.model import PreferenceSpec
from scoring.present.focus import budget_samples
from tests.unit.sensitivity_cases import flat_case

smaa_module = importlib.import_module("scoring.sensitivity.smaa")


@pytest.fixture(scope="module")
def forty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forty")
    generate(folder, vendors=40, criteria=6, seed=3)
    return folder


def gaussian_on_first_leaf(case, samples: int = 300, **more) -> Scenario:
    leaf = case.leaves[0].id
    spec = PreferenceSpec(function="gaussian", s=2.0)
    return Scenario(method="promethee2", samples=samples, preference={leaf: spec}, **more)


@pytest.fixture
def past_pairwise(monkeypatch):
    monkeypatch.setattr(smaa_module, "PAIRWISE_MAX", 8)  # 40 vendors: past it


def test_past_the_limit_the_simulations_are_refused_with_what_to_do(
    forty, past_pairwise, monkeypatch
):
    """300 simulations and 300 of the confidence pass, 40 x 40 pairs on 1 Gaussian criterion:
    960,000 pairs. One under, refused; at most 959,999 // (2 x 1,600) = 299 simulations fit."""
    case = load_case(forty / "criteria", forty / "vendors.csv")
    scenario = gaussian_on_first_leaf(case)
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 959_999)
    with pytest.raises(ScenarioError) as caught:
        smaa_module.smaa(case, scenario)
    message = str(caught.value)
    assert (
        "300 simulations of 40 vendors on 1 Gaussian criteria are 960,000 pairs, more than "
        "959,999 pairs (the limit, MAX_GAUSSIAN_PAIRS)" in message
    )
    assert "run at most 299 simulations (--samples), vary the weights only " in message
    assert message.endswith(
        "(--score-sampling none), or give those criteria another preference function "
        "(--preference ID=v-shape:p=P)"
    )
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 960_000)
    assert smaa_module.smaa(case, scenario).samples == 300  # at the limit: runs
    # Below the minimum of simulations, fewer is no advice.
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 100_000)
    with pytest.raises(ScenarioError, match="reasonable time, vary the weights only"):
        smaa_module.smaa(case, scenario)


def test_what_is_not_counted(forty, past_pairwise, monkeypatch):
    """Scores as given, no Gaussian criterion, or up to PAIRWISE_MAX vendors: no limit."""
    case = load_case(forty / "criteria", forty / "vendors.csv")
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 1)
    fixed = gaussian_on_first_leaf(case, score_sampling="none")
    assert smaa_module.smaa(case, fixed).score_sampling == "none"
    assert smaa_module.smaa(case, Scenario(method="promethee2", samples=300)).samples == 300
    monkeypatch.setattr(smaa_module, "PAIRWISE_MAX", 40)
    assert smaa_module.smaa(case, gaussian_on_first_leaf(case)).samples == 300


def test_the_cli_says_it_and_exits_2(forty, past_pairwise, monkeypatch, capsys):
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 1_000)
    case = load_case(forty / "criteria", forty / "vendors.csv")
    code = main(
        [
            "sensitivity",
            "--criteria",
            str(forty / "criteria"),
            "--vendors",
            str(forty / "vendors.csv"),
            "--method",
            "promethee2",
            "--preference",
            f"{case.leaves[0].id}=gaussian:s=2",
            "--samples",
            "300",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("shortlist: PROMETHEE II's Gaussian preference compares every pair")
    assert "(the limit, MAX_GAUSSIAN_PAIRS)" in err and "Traceback" not in err


@pytest.mark.parametrize("vendors", [257, 280, 316])
def test_the_budgeted_analysis_stays_within_the_limit(vendors):
    """The report and the app vary Gaussian scores up to 316 vendors, with the pair budget's
    simulations: even with every one of 99 leaf criteria Gaussian, they stay within it."""
    samples = budget_samples(10_000, vendors, pairs=vendors)
    pairs = (samples + min(samples, smaa_module.CONFIDENCE_SAMPLES)) * vendors**2 * 99
    assert samples >= limits.MIN_SAMPLES and pairs <= limits.MAX_GAUSSIAN_PAIRS


def test_an_analysis_is_refused_before_any_of_its_work(forty, past_pairwise, monkeypatch):
    analysis_module = importlib.import_module("scoring.sensitivity.analysis")
    case = load_case(forty / "criteria", forty / "vendors.csv")
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 1_000)

    def no_work(*args, **kwargs):
        raise AssertionError("the analysis started")

    monkeypatch.setattr(analysis_module, "smaa", no_work)
    monkeypatch.setattr(analysis_module, "weight_path", no_work)
    with pytest.raises(ScenarioError, match="MAX_GAUSSIAN_PAIRS"):
        analysis_module.analyse(case, gaussian_on_first_leaf(case))
    with pytest.raises(ScenarioError, match="100 simulations of 40 vendors"):
        analysis_module.analyse(case, gaussian_on_first_leaf(case), samples=100)


def test_the_counts_at_their_edges(forty, past_pairwise, monkeypatch):
    """At most 100 simulations fit: said (the minimum a scenario may ask); 99: not. Past
    CONFIDENCE_SAMPLES the confidence pass counts only those. Without any range, nothing
    varies: no limit."""
    case = load_case(forty / "criteria", forty / "vendors.csv")
    scenario = gaussian_on_first_leaf(case)
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 100 * 2 * 1_600)
    with pytest.raises(ScenarioError, match="run at most 100 simulations"):
        smaa_module.smaa(case, scenario)
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 100 * 2 * 1_600 - 1)
    with pytest.raises(ScenarioError) as caught:
        smaa_module.smaa(case, scenario)
    assert "run at most" not in str(caught.value)
    monkeypatch.setattr(smaa_module, "CONFIDENCE_SAMPLES", 100)  # (300 + 100) x 1,600
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 640_000)
    assert smaa_module.smaa(case, scenario).confidence_samples == 100
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 639_999)
    with pytest.raises(ScenarioError, match="640,000 pairs"):
        smaa_module.smaa(case, scenario)
    two = scenario.model_copy(
        update={
            "preference": {c.id: scenario.preference[case.leaves[0].id] for c in case.leaves[:2]}
        }
    )
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 1_279_999)  # 2 Gaussian criteria: twice
    with pytest.raises(ScenarioError, match="on 2 Gaussian criteria are 1,280,000 pairs"):
        smaa_module.smaa(case, two)
    monkeypatch.setattr(limits, "MAX_GAUSSIAN_PAIRS", 1)
    exact = flat_case(np.arange(24).reshape(12, 2) % 11, [1, 1])  # 12 vendors, no range
    assert smaa_module.smaa(exact, gaussian_on_first_leaf(exact)).samples == 300
