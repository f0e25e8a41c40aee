"""A large case read at a glance (issue 12): the readable report's per-vendor tables show the
top 25 and say so, the XLSX keeps every vendor, and the analyses of the report and the app run
fewer simulations when there are many vendors, said in words."""

from __future__ import annotations

import importlib

import numpy as np
import openpyxl
import pytest

from benchmarks.bench_matrix import generate
from scoring import Scenario, limits, load_case, rank
from scoring.model import PreferenceSpec
from scoring.present import focus
from scoring.present.focus import (
    acceptability_focus,
    budget_samples,
    budgeted_analysis,
    report_top,
    samples_note,
    scores_vary,
    simulation_pairs,
    top_note,
)
from scoring.present.tables import acceptability_table
from scoring.report import build_report_data, write_report
from scoring.report.html import write_html
from scoring.report.markdown import write_markdown
from scoring.sensitivity.smaa import SmaaResult, confidence_samples

smaa_module = importlib.import_module(
    "scoring.sensitivity.smaa"
)  # the package's smaa is a function


@pytest.fixture(scope="module")
def forty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forty")
    sheet = generate(folder, vendors=40, criteria=6, seed=3)
    return load_case(folder / "criteria", sheet)


def ran(
    vendors: int,
    samples: int,
    confidence: int = 0,
    wins: int = 1,
    method="wsm",
    sampling="uniform",
):
    """An SmaaResult of `vendors` vendors (the first `wins` ever first) that ran `samples`
    simulations, `confidence` of them behind the confidence factors: what samples_note reads."""
    central = np.full((vendors, 2), np.nan)
    central[:wins] = 0.5
    return SmaaResult(
        tuple(f"v{i}" for i in range(vendors)),
        tuple(f"V {i}" for i in range(vendors)),
        ("a", "b"),
        samples,
        1,
        "dirichlet",
        50.0,
        sampling,
        method,
        "scale",
        np.eye(vendors),
        central,
        np.zeros(vendors),
        np.zeros(vendors),
        confidence,
    )


@pytest.fixture(scope="module")
def data(forty):
    return build_report_data(forty, Scenario(samples=200), samples=200)


def test_the_budget_keeps_simulations_times_vendors_within_the_limit():
    assert budget_samples(10_000, 5) == 10_000  # a small case runs what it asks
    assert budget_samples(10_000, 2_000) == limits.SAMPLE_BUDGET // 2_000 == 500
    assert budget_samples(10_000, 10**7) == limits.MIN_SAMPLES  # never fewer than the minimum
    assert budget_samples(300, 2_000) == 300  # never more than asked
    assert budget_samples(10_000, 3_000) == 333 and isinstance(budget_samples(10_000, 3_000), int)
    assert budget_samples(1_000_000, 1) == 1_000_000 == budget_samples(1_000_000, 0)
    assert report_top(limits.REPORT_TOP) is None and report_top(5) is None
    assert report_top(limits.REPORT_TOP + 1) == limits.REPORT_TOP == 25
    assert top_note(25, 2_000) == (
        "Showing the top 25 of 2,000 vendors; the full tables are in the XLSX report "
        "(shortlist report -o report.xlsx) and the ranking in the CSV."
    )
    assert samples_note(Scenario(samples=10_000), ran(5, 10_000, 10_000)) == ""
    note = samples_note(Scenario(samples=10_000), ran(2_000, 500, 500))
    assert "With 2,000 vendors the simulations ran 500 times, not the scenario's 10,000" in note
    assert "shortlist sensitivity --samples 10000" in note


def test_promethee_with_uncertain_scores_budgets_pairs_of_vendors_too():
    """Each PROMETHEE II simulation compares every pair of vendors again (up to 256 per vendor):
    10,000,000 / (200 x 200) = 250 simulations at 200 vendors; past 256 vendors the pairs are
    sorted, so 2,000 vendors count 256 each and fall to the minimum, 100."""
    assert limits.PAIR_SAMPLE_BUDGET == 10_000_000
    assert budget_samples(10_000, 200, pairs=200) == 250
    assert budget_samples(10_000, 200) == 5_000
    assert budget_samples(10_000, 300, pairs=256) == 10_000_000 // (300 * 256) == 130
    assert budget_samples(10_000, 2_000, pairs=256) == limits.MIN_SAMPLES
    assert budget_samples(10_000, 20, pairs=20) == 10_000  # a small case runs it all
    note = samples_note(Scenario(samples=10_000), ran(200, 250, 250))
    assert "ran 250 times" in note and "the limit PAIR_SAMPLE_BUDGET)." in note
    assert "PAIR_SAMPLE_BUDGET" not in samples_note(Scenario(samples=10_000), ran(2_000, 500, 500))


def gaussian(case, spread: float = 2.0) -> Scenario:
    """PROMETHEE II with a Gaussian preference on the first leaf criterion."""
    leaf = case.leaves[0].id
    return Scenario(
        method="promethee2", preference={leaf: PreferenceSpec(function="gaussian", s=spread)}
    )


def test_simulation_pairs_are_those_promethee_compares_again(forty, monkeypatch):
    assert simulation_pairs(rank(forty, Scenario(method="promethee2"))) == 40  # ranged cells
    assert simulation_pairs(rank(forty, Scenario(method="wsm"))) == 0
    fixed = rank(forty, Scenario(method="promethee2"))
    r = fixed.resolved
    r.high[:] = r.low[:] = r.X  # no range left: the flows are derived once
    assert simulation_pairs(fixed) == 0
    monkeypatch.setattr(focus, "PAIRWISE_MAX", 10)  # past it: sorted, counted as 10 ...
    assert simulation_pairs(rank(forty, Scenario(method="promethee2"))) == 10
    assert simulation_pairs(rank(forty, gaussian(forty))) == 40  # ... but a Gaussian: all


def test_scores_vary_unless_a_gaussian_would_pass_the_pair_budget_at_the_minimum():
    """100 x 316 x 316 = 9,985,600 pairs fit in 10,000,000; 100 x 317 x 317 do not."""
    assert scores_vary(316, 316) and not scores_vary(317, 317)
    assert scores_vary(2_000, 256)  # sorted pairs: the minimum of simulations runs
    assert scores_vary(2_000, 0)


def test_past_the_pair_budget_a_gaussian_varies_the_weights_only_and_says_so(forty, monkeypatch):
    monkeypatch.setattr(focus, "PAIRWISE_MAX", 10)
    monkeypatch.setattr(limits, "PAIR_SAMPLE_BUDGET", 100 * 40 * 40 - 1)  # 40 vendors: past it
    scenario = gaussian(forty).model_copy(update={"samples": 300})
    sens = budgeted_analysis(forty, scenario, rank(forty, scenario))
    assert sens.smaa.score_sampling == "none" and sens.smaa.confidence_samples == 0
    assert sens.smaa.samples == 300  # the flows are derived once: no pair budget to keep
    weights_only = smaa_module.smaa(forty, scenario.model_copy(update={"score_sampling": "none"}))
    np.testing.assert_array_equal(sens.smaa.acceptability, weights_only.acceptability)
    note = samples_note(scenario, sens.smaa)
    assert note == (
        "With 40 vendors, varying the scores under PROMETHEE II's Gaussian preference would "
        "take too long (each simulation compares every pair of vendors again; even 100 would "
        "pass 159,999 vendor pairs, the limit PAIR_SAMPLE_BUDGET), so these simulations varied "
        "the weights only and kept every score as given. A V-shape or linear preference lets "
        "the scores vary too."
    )
    # At 2,000 vendors fewer simulations too, and no suggestion of a run of hours.
    large = samples_note(Scenario(samples=10_000), ran(2_000, 500, sampling="none"))
    assert large == note.replace("With 40 vendors", "With 2,000 vendors") + (
        " With 2,000 vendors the simulations ran 500 times, not the scenario's 10,000, to "
        "finish in seconds (at most 1,000,000 simulations x vendors)."
    )
    # A scenario that varies no score itself: nothing to say.
    fixed = Scenario(samples=300, score_sampling="none")
    assert samples_note(fixed, ran(40, 300, sampling="none")) == ""
    data = build_report_data(forty, scenario)
    assert data.sensitivity.smaa.score_sampling == "none"
    assert data.scale_note.startswith("With 40 vendors, varying the scores under PROMETHEE II")
    monkeypatch.setattr(limits, "PAIR_SAMPLE_BUDGET", 100 * 40 * 40)  # within: scores vary
    assert budgeted_analysis(forty, scenario, rank(forty, scenario)).smaa.score_sampling == (
        "uniform"
    )


def test_the_top_ranks_keep_each_row_summing_to_one(data):
    sens = data.sensitivity
    order = [r.vendor for r in data.ranking]
    ids, labels, shares = acceptability_focus(order, sens, top=5)
    assert ids == order[:5] and labels[-1] == "Rank 6 or lower" and shares.shape == (5, 6)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    full_ids, full_labels, full = acceptability_focus(order, sens)
    assert len(full_ids) == len(full_labels) == 40
    np.testing.assert_allclose(full[:5, :5], shares[:, :5])


def test_the_html_and_markdown_show_the_top_25_and_say_where_the_rest_is(data):
    html = write_html(data)
    assert html.count("Showing the top 25 of 40 vendors") >= 3  # contributions, ranks, evidence
    top, rest = data.ranking[24], data.ranking[25]
    assert f"<h3>{top.name}</h3>" in html and f"<h3>{rest.name}</h3>" not in html
    assert "Rank 26 or lower" in html and "Rank 27" not in html
    md = write_markdown(data)
    assert "Showing the top 25 of 40 vendors" in md and f"### {rest.name}\n" not in md


def test_the_xlsx_keeps_every_vendor_and_lumps_the_lower_ranks(data, tmp_path):
    write_report(data, "xlsx", tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    text = {str(c) for row in book["Evidence"].iter_rows(values_only=True) for c in row}
    assert {r.name for r in data.ranking} <= text
    # The rank table: all 40 vendors, ranks 1..25 and one column for every lower rank (40 x 40
    # would be 2,000 x 2,000 cells at the largest case: minutes and over a gigabyte to write).
    rows = list(book["Sensitivity"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[0] == "How often each vendor takes each rank")
    head = rows[at + 1]
    assert head[1] == "Rank 1" and head[25] == "Rank 25" and head[26] == "Rank 26 or lower"
    body = rows[at + 2 : at + 2 + 40]
    assert [r[0] for r in body] == [r.name for r in data.ranking]
    np.testing.assert_allclose([sum(r[1:27]) for r in body], 1.0)


def test_as_many_ranks_as_vendors_lump_nothing(data):
    order = [r.vendor for r in data.ranking]
    m = len(order)
    ids, labels, shares = acceptability_focus(order, data.sensitivity, ranks=m)
    assert labels == [f"Rank {r}" for r in range(1, m + 1)] and shares.shape == (m, m)


def test_the_budget_counts_the_pairs_and_passes_the_seed(forty, monkeypatch):
    """PROMETHEE II with uncertain scores at 40 vendors: 40 pairs each, so a pair budget of
    100 x 40 x 40 allows 100 simulations of the 300 asked; the seed asked is the one run."""
    monkeypatch.setattr(limits, "PAIR_SAMPLE_BUDGET", 100 * 40 * 40)
    scenario = Scenario(method="promethee2", samples=300)
    sm = budgeted_analysis(forty, scenario, rank(forty, scenario), seed=5).smaa
    assert (sm.samples, sm.seed, sm.score_sampling) == (100, 5, "uniform")


def test_ranks_alone_can_be_lumped(data):
    order = [r.vendor for r in data.ranking]
    ids, labels, shares = acceptability_focus(order, data.sensitivity, ranks=3)
    assert ids == order and labels == ["Rank 1", "Rank 2", "Rank 3", "Rank 4 or lower"]
    full = acceptability_focus(order, data.sensitivity)[2]
    np.testing.assert_allclose(shares[:, 3], full[:, 3:].sum(axis=1))


def test_a_report_of_a_large_case_says_it_ran_fewer_simulations(forty, monkeypatch):
    monkeypatch.setattr(limits, "SAMPLE_BUDGET", 4_000)  # 40 vendors: 100 simulations
    data = build_report_data(forty, Scenario(samples=1_000))
    assert data.sensitivity.smaa.samples == 100
    assert "ran 100 times, not the scenario's 1,000" in data.scale_note
    assert data.scale_note in write_html(data).replace("&#x27;", "'")


def test_the_confidence_budget_counts_winners_vendors_criteria_and_the_methods_cost():
    """Each confidence sample is scored under every winner's central weights: 4e9 / (93 x 2,000
    x 40 x 1) = 537 samples under WSM (capped at the 500 that ran), / (141 x 80,000 x 2.5) =
    141 under TOPSIS, / (130 x 80,000 x 4) = 96 under VIKOR, raised to the minimum of 100."""
    budget = limits.CONFIDENCE_BUDGET
    assert budget == 4_000_000_000
    assert confidence_samples(500, 93, 2_000, 40, "wsm", budget) == 500
    assert confidence_samples(10_000, 93, 2_000, 40, "wsm", budget) == 537
    assert confidence_samples(500, 141, 2_000, 40, "topsis", budget) == 141
    assert confidence_samples(500, 99, 2_000, 40, "wpm", budget) == 168
    assert confidence_samples(500, 130, 2_000, 40, "vikor", budget) == limits.MIN_SAMPLES
    assert confidence_samples(60, 130, 2_000, 40, "vikor", budget) == 60  # never more than ran
    # Without a budget (`shortlist sensitivity`): every sample, up to CONFIDENCE_SAMPLES.
    assert confidence_samples(500, 130, 2_000, 40, "vikor") == 500
    assert confidence_samples(50_000, 130, 2_000, 40, "vikor") == 20_000
    assert confidence_samples(10_000, 3, 5, 8, "vikor", budget) == 10_000  # a small case: all
    assert confidence_samples(500, 1, 1, 1, "wsm", 150) == 150  # one value a sample: 150 fit


def test_the_note_says_when_the_confidence_factors_used_fewer_simulations():
    note = samples_note(Scenario(samples=500), ran(2_000, 500, 141, wins=141, method="topsis"))
    assert note.startswith(
        "The column “First at its typical weights (confidence)” uses the first 141 of the 500 "
    )
    assert "every vendor that ever comes first (141 here, under TOPSIS;" in note
    assert "at most 4,000,000,000 scores, the limit CONFIDENCE_BUDGET)." in note
    assert note.endswith("Run all of them with: shortlist sensitivity --samples 500")
    both = samples_note(Scenario(samples=10_000), ran(2_000, 500, 100, wins=130, method="vikor"))
    assert both == (
        "With 2,000 vendors the simulations ran 500 times, not the scenario's 10,000, to finish "
        "in seconds (at most 1,000,000 simulations x vendors). The column “First at its "
        "typical weights (confidence)” uses the first 100 of the 500 simulations, to stay fast: each one "
        "is scored again for every vendor that ever comes first (130 here, under VIKOR; at most "
        "4,000,000,000 scores, the "
        "limit CONFIDENCE_BUDGET). Run all of them with: shortlist sensitivity --samples 10000"
    )
    one = samples_note(Scenario(samples=500), ran(2_000, 500, 1, wins=3))
    assert "the first 1 of the 500 simulations" in one
    # Every simulation behind them, or CONFIDENCE_SAMPLES (fixed scores record 0): no note.
    assert samples_note(Scenario(samples=500), ran(2_000, 500, 500, wins=141)) == ""
    assert samples_note(Scenario(samples=50_000), ran(5, 50_000, 20_000)) == ""
    assert samples_note(Scenario(samples=500), ran(5, 500, 0)) == ""


def test_a_budgeted_analysis_uses_the_first_simulations_for_the_confidence(forty, monkeypatch):
    """The budgeted confidence factors are those of a run whose cap is that many samples: the
    same first score samples, all of them counted."""
    scenario = Scenario(samples=400, method="topsis")
    result = rank(forty, scenario)
    whole = budgeted_analysis(forty, scenario, result).smaa
    assert whole.confidence_samples == 400  # 40 vendors: within the budget
    monkeypatch.setattr(limits, "CONFIDENCE_BUDGET", 1)  # the minimum, 100 samples
    fewer = budgeted_analysis(forty, scenario, result).smaa
    assert fewer.confidence_samples == limits.MIN_SAMPLES == 100
    np.testing.assert_array_equal(fewer.acceptability, whole.acceptability)  # the run is whole
    assert not np.array_equal(fewer.confidence, whole.confidence)
    monkeypatch.setattr(smaa_module, "CONFIDENCE_SAMPLES", 100)
    capped = smaa_module.smaa(forty, scenario, samples=400)
    assert capped.confidence_samples == 100
    np.testing.assert_array_equal(fewer.confidence, capped.confidence)


def test_a_report_says_its_confidence_factors_used_fewer_simulations(forty, monkeypatch):
    monkeypatch.setattr(limits, "CONFIDENCE_BUDGET", 1)
    data = build_report_data(forty, Scenario(samples=300))
    assert data.sensitivity.smaa.samples == 300
    assert data.sensitivity.smaa.confidence_samples == 100
    assert (
        "The column “First at its typical weights (confidence)” uses the first 100 of the 300 simulations"
        in data.scale_note
    )
    assert data.scale_note in write_html(data).replace("&#x27;", "'")
    order = [row.vendor for row in data.ranking]
    table = acceptability_table(order, data.sensitivity, data.vendor_names)
    assert table.note.endswith(" Confidence: from the first 100 simulations.")
    # A report asked for a number of simulations runs them all, the confidence pass too.
    asked = build_report_data(forty, Scenario(samples=300), samples=300)
    assert asked.sensitivity.smaa.confidence_samples == 300 and asked.scale_note == ""
    whole = acceptability_table(order, asked.sensitivity, asked.vendor_names)
    assert "Confidence: from" not in whole.note
