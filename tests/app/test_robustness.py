"""The Robustness view through AppTest: it renders on the shipped case and shows the analysis."""

from __future__ import annotations

import pytest

from scoring import Scenario
from scoring.sensitivity import stability_intervals

ROBUSTNESS = {"tab": "Robustness"}


def captions(at) -> list[str]:
    """Captions as the reader sees them (Markdown escapes removed)."""
    return [c.value.replace("\\", "") for c in at.caption]


def stability_frame(at):
    shown = [df.value for df in at.dataframe if "Leader holds" in df.value.columns]
    assert len(shown) == 1, "expected exactly one stability table"
    return shown[0]


@pytest.fixture
def robustness(shipped, run_app):
    at = run_app(ROBUSTNESS)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def test_renders_the_stability_table_riskiest_first(shipped, robustness):
    table = stability_frame(robustness)
    expected = stability_intervals(shipped, Scenario())
    assert list(table["Criterion"]) == [x.name for x in expected]
    # Hand-checked on the shipped case (WSM): regulatory readiness at 25% of the root; Alibaba
    # stays the leader up to 67.8%, where Baidu takes over (a move of 0.428, the riskiest).
    first = table.iloc[0]
    assert first["Criterion"] == "Regulatory readiness"
    assert first["Share"] == 0.25
    assert first["Leader holds"] == "0.000 – 0.678"
    assert first["Move to change leader"] == "0.428"


def test_shows_sweep_tornado_acceptability_and_methods(robustness):
    assert robustness.selectbox(key="_robustness.criterion").value == "regulatory_readiness"
    subheaders = [h.value for h in robustness.subheader]
    for title in (
        "Weight sweeps",
        "Stability intervals",
        "Monte Carlo (SMAA-2)",
        "Method comparison",
    ):
        assert title in subheaders
    tables = [df.value for df in robustness.dataframe]
    smaa = next(t for t in tables if "Rank-1 acceptability" in t.columns)
    assert smaa["Vendor"].iloc[0] == "Alibaba (Qwen)"  # the most acceptable vendor first
    methods = next(t for t in tables if "Flag" in t.columns)
    flagged = set(methods.loc[methods["Flag"] != "", "Vendor"])
    assert flagged == {"ByteDance (Doubao)", "DeepSeek"}  # TOPSIS swaps ranks 4 and 5
    agreement = next(t for t in tables if "Kendall's τ with WSM" in t.columns)
    assert list(agreement["Kendall's τ with WSM"]) == ["1.00", "0.95", "0.80"]
    assert list(agreement["Spearman's ρ with WSM"]) == ["1.00", "0.97", "0.90"]
    assert "Leader changes: at 0.678, Alibaba (Qwen) → Baidu (ERNIE)" in captions(robustness)


def test_picking_another_criterion_redraws_its_sweep(robustness):
    at = robustness.selectbox(key="_robustness.criterion").set_value("open_source").run()
    assert not at.exception
    assert "No share of this criterion changes the leader." in captions(at)


def test_new_seed_button_changes_the_scenario_and_the_link(robustness):
    assert robustness.query_params["seed"] == "0"
    at = robustness.button(key="robustness-reseed").click().run()
    assert not at.exception
    assert at.query_params["seed"] == "1"
    assert at.number_input(key="seed").value == 1


def test_a_large_run_from_the_link_shows_its_sample_count(shipped, run_app):
    at = run_app({**ROBUSTNESS, "k": "50000", "seed": "3", "wm": "uniform"})
    assert not at.exception
    assert any(c.startswith("50,000 samples, seed 3; weights: uniform") for c in captions(at))
    assert at.button(key="robustness-more").disabled is False


def test_more_samples_button_writes_the_link(robustness):
    at = robustness.button(key="robustness-more").click().run()
    assert not at.exception
    assert at.query_params["k"] == "100000"
    assert at.button(key="robustness-more").disabled is True


def test_wide_tables_fit_a_laptop_screen(shipped, robustness):
    # At 1280 px the stability table's last column and the central weights' last criteria were
    # cut off: short headers, and central weights with criteria down and vendors across.
    stability = stability_frame(robustness)
    assert sum(len(c) for c in stability.columns) <= 80, list(stability.columns)  # was 122
    central = next(df.value for df in robustness.dataframe if "Alibaba (Qwen)" in df.value.columns)
    assert list(central.index) == [c.name for c in shipped.leaves]
    assert len(central.columns) == len(shipped.vendors)


def test_an_only_child_is_named_as_not_swept(case_copy, run_app):
    """A criterion without siblings has no sweep of its own; the view says why, not nothing."""
    import yaml

    criteria = case_copy / "criteria" / "ai_partner.yaml"
    doc = yaml.safe_load(criteria.read_text())
    group = next(c for c in doc["criteria"] if c["id"] == "model_capability")
    group["children"] = [c for c in group["children"] if c["id"] == "model_quality"]
    criteria.write_text(yaml.safe_dump(doc, sort_keys=False))
    for path in (case_copy / "vendors").glob("*.yaml"):
        vendor = yaml.safe_load(path.read_text())
        del vendor["scores"]["multimodal_on_device"]
        path.write_text(yaml.safe_dump(vendor, sort_keys=False))
    at = run_app(ROBUSTNESS)
    assert not at.error, [e.value for e in at.error]
    notes = [c for c in captions(at) if c.startswith("Not swept:")]
    assert len(notes) == 1 and "Model quality" in notes[0]
    assert "Model quality" not in set(stability_frame(at)["Criterion"])
