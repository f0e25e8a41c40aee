"""A long shortlist in the app: the ranking shows the top 25 with a control for more, and the
unknown-value warnings follow the rows shown (issue 11's scale requirement)."""

from __future__ import annotations

import pytest

from benchmarks.bench_matrix import generate
from tests.app.conftest import shown_ranking


@pytest.fixture
def large(tmp_path, monkeypatch):
    generate(tmp_path, vendors=60, criteria=8, seed=1)
    monkeypatch.setenv("SHORTLIST_CRITERIA", str(tmp_path / "criteria"))
    monkeypatch.setenv("SHORTLIST_VENDORS", str(tmp_path / "vendors.csv"))
    monkeypatch.setenv("SHORTLIST_SCENARIOS", str(tmp_path / "no-scenarios"))
    return tmp_path


def test_a_long_ranking_shows_the_top_25_and_more_on_request(large, run_app):
    at = run_app({"k": "100"})
    assert len(shown_ranking(at)) == 25
    picker = at.selectbox(key="_ranking_shown")
    assert picker.label == "Vendors shown (of 60 ranked)"
    assert list(picker.options) == ["Top 25", "All 60"]
    picker.set_value(60).run()
    assert not at.exception
    ranked = shown_ranking(at)
    assert len(ranked) == 60 and [r[1] for r in ranked] == sorted(r[1] for r in ranked)


def test_the_charts_draw_the_top_10_of_a_long_list_with_a_control(large, run_app):
    at = run_app({"k": "100", "tab": "Charts"})
    picker = at.selectbox(key="_charts_top")
    assert picker.label == "Vendors in the charts (of 60 ranked)"
    assert list(picker.options) == ["Top 10", "Top 25", "Top 50", "All 60"]
    bars = [c for c in at.get("plotly_chart")]
    assert bars, "the charts are drawn"
    import json

    contrib = json.loads(bars[0].proto.spec)
    assert len(contrib["data"][0]["y"] or contrib["data"][0]["x"]) == 10


def test_robustness_of_a_long_list_shows_the_top_25_and_says_when_it_ran_fewer(
    large, run_app, monkeypatch
):
    from scoring import limits

    monkeypatch.setattr(limits, "SAMPLE_BUDGET", 6_000)  # 60 vendors: 100 simulations, not 1,000
    at = run_app({"k": "1000", "tab": "Robustness"})
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "the simulations ran 100 times, not the scenario's 1,000" in captions
    assert "Showing the top 25 of 60 vendors" in captions
    (smaa,) = [d for d in at.dataframe if "Rank 26 or lower" in d.value.columns]
    assert len(smaa.value) == 25
    assert list(smaa.value.columns[1:27]) == [
        *(f"Rank {r}" for r in range(1, 26)),
        "Rank 26 or lower",
    ]
    shares = smaa.value.iloc[:, 1:27].map(lambda s: float(s.rstrip("%")) / 100)
    assert ((shares.sum(axis=1) - 1).abs() < 0.01 * 26).all()  # each row still sums to 1 (rounded)


def test_robustness_says_when_the_confidence_factors_used_fewer_simulations(
    large, run_app, monkeypatch
):
    from scoring import limits

    monkeypatch.setattr(limits, "CONFIDENCE_BUDGET", 1)  # the minimum: 100 of the 300
    at = run_app({"k": "300", "tab": "Robustness"})
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert (
        "The column “First at its typical weights (confidence)” uses the first 100 of the 300 simulations"
        in captions
    )
    assert "the limit CONFIDENCE_BUDGET" in captions.replace("\\_", "_")  # markdown-escaped
    assert "simulations ran" not in captions  # all 300 ran


def brief_text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_past_the_limit_the_analysis_waits_for_its_tab_or_the_button(large, run_app, monkeypatch):
    """At 2,000 vendors the robustness analysis took ~20 s CPU on every change of any tab; past
    ANALYSE_EVERY_RERUN_MAX vendors it runs on the Robustness and Report tabs or on request."""
    from scoring import limits

    monkeypatch.setattr(limits, "ANALYSE_EVERY_RERUN_MAX", 50)  # 60 vendors: past it
    at = run_app({"k": "200", "tab": "Charts"})
    assert "Robustness checks: not run yet. With 60 vendors they take a while" in brief_text(at)
    assert "simulations" not in brief_text(at)
    at.button(key="_analyse_now").click().run()
    assert not at.exception
    assert "not run yet" not in brief_text(at) and "200 simulations" in brief_text(at)
    at = run_app({"k": "200", "tab": "Robustness"})  # a fresh session on the tab that shows it
    assert "not run yet" not in brief_text(at) and "200 simulations" in brief_text(at)
    assert not [b for b in at.button if b.key == "_analyse_now"]
    monkeypatch.setattr(limits, "ANALYSE_EVERY_RERUN_MAX", 60)  # at the limit: as before
    assert "200 simulations" in brief_text(run_app({"k": "200", "tab": "Charts"}))


def test_the_scenarios_remembered_as_analysed_are_bounded(monkeypatch):
    """Each weight change is a new scenario; a long session must not keep them all."""
    import streamlit as st

    from scoring import Scenario, load_case, rank
    from tests.app.conftest import ROOT
    from ui import data

    case = load_case(ROOT / "criteria", ROOT / "vendors")
    monkeypatch.setattr(data, "_analysed", lambda *a: (None, None))
    monkeypatch.setattr(st, "session_state", {})
    for w in range(data.ANALYSED_KEPT + 10):
        data.analysed(case, rank(case, Scenario(weights={"user_data": w})))
    kept = st.session_state[data.ANALYSED_KEY]
    assert len(kept) == data.ANALYSED_KEPT
    assert '"user_data":73.0' in next(reversed(kept))[1].replace(" ", "")  # the newest stays
