"""The Robustness view through AppTest: it renders on the shipped case and shows the analysis."""

from __future__ import annotations

import pytest

from scoring import Scenario, rank
from scoring.present.brief import decision_brief
from scoring.present.tables import riskiest_first
from scoring.sensitivity import analyse

ROBUSTNESS = {"tab": "Robustness"}


def captions(at) -> list[str]:
    """Captions as the reader sees them (Markdown escapes removed)."""
    return [c.value.replace("\\", "") for c in at.caption]


def stability_frame(at):
    shown = [df.value for df in at.dataframe if "Leader holds: weight" in df.value.columns]
    assert len(shown) == 1, "expected exactly one stability table"
    return shown[0]


@pytest.fixture
def robustness(shipped, run_app):
    at = run_app(ROBUSTNESS)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def test_opens_with_the_decision_brief(shipped, robustness):
    # The same sentences as every report and `shortlist brief` (ctx.brief, not a re-analysis).
    brief = decision_brief(rank(shipped, Scenario()), analyse(shipped, Scenario()))
    shown = next(m.value for m in robustness.markdown if "simulations" in m.value)
    shown = shown.replace("\\", "")
    assert robustness.subheader[0].value == "In brief"
    for sentence in brief.sentences:
        assert sentence in shown


def test_renders_the_stability_table_riskiest_first_in_slider_units(shipped, robustness):
    table = stability_frame(robustness)
    expected = riskiest_first(analyse(shipped, Scenario()))
    assert list(table["Criterion"]) == [x.name for x in expected]
    # Hand-checked on the shipped case (WSM): regulatory readiness has a raw weight of 25 among
    # top-level weights summing to 100 (25% of the total); Alibaba stays the leader up to a local
    # share of 158/233 = 0.678, a slider value of 0.678 * 75 / 0.322 = 158, where Baidu takes over.
    first = table.iloc[0]
    assert first["Criterion"] == "Regulatory readiness"
    assert first["Weight now"] == "25" and first["Share now"] == "25.0%"
    assert first["Leader holds: weight"] == "0 \u2013 158"
    assert first["Leader holds: share"] == "0.0% \u2013 67.8%"


def test_shows_flips_sweep_tornado_acceptability_and_methods(robustness):
    assert robustness.selectbox(key="_robustness.criterion").value == "regulatory_readiness"
    subheaders = [h.value for h in robustness.subheader]
    for title in (
        "In brief",
        "Weight sweeps",
        "How far each weight can move",
        "Simulations: how often each vendor takes each rank",
        "Every ranking method",
    ):
        assert title in subheaders
    tables = [df.value for df in robustness.dataframe]
    flips = next(t for t in tables if "Leader changes at" in t.columns)
    assert list(flips["Criterion"])[:2] == ["Regulatory readiness", "Consumer behavioural data"]
    assert any("Value needed" in t.columns for t in tables)  # what it would take
    smaa = next(t for t in tables if "Rank 1" in t.columns)
    # One sort order everywhere: the ranking's.
    assert list(smaa["Vendor"]) == ["Alibaba (Qwen)", "Baidu (ERNIE)", "Tencent (Hunyuan)",
                                    "ByteDance (Doubao)", "DeepSeek"]  # fmt: skip
    methods = next(t for t in tables if "Ranked differently" in t.columns)
    topsis = methods[methods["Method"] == "TOPSIS"].iloc[0]
    assert (
        topsis["Ranked differently"]
        == "DeepSeek 4 (5 under WSM), ByteDance (Doubao) 5 (4 under WSM)"
    )
    # the chosen method first, then by key
    assert list(methods["Method"]) == ["WSM", "PROMETHEE II", "TOPSIS", "VIKOR", "WPM"]
    assert list(methods["Same order? (Kendall τ)"]) == ["1.00", "1.00", "0.80", "1.00", "0.95"]
    assert any(
        c.startswith("Leader changes: at weight 158 (67.8% of the total), Alibaba (Qwen) → "
                     "Baidu (ERNIE)") for c in captions(robustness)
    )  # fmt: skip


def test_picking_another_criterion_redraws_its_sweep(robustness):
    at = robustness.selectbox(key="_robustness.criterion").set_value("open_source").run()
    assert not at.exception
    assert "No weight of this criterion changes the leader." in captions(at)


def test_new_seed_button_changes_the_scenario_and_the_link(robustness):
    assert robustness.query_params["seed"] == "0"
    at = robustness.button(key="robustness-reseed").click().run()
    assert not at.exception
    assert at.query_params["seed"] == "1"
    assert at.number_input(key="seed").value == 1


def test_a_large_run_from_the_link_shows_its_sample_count(shipped, run_app):
    at = run_app({**ROBUSTNESS, "k": "50000", "seed": "3", "wm": "uniform"})
    assert not at.exception
    assert any(c.startswith("50,000 simulations (weights drawn at random with no preference")
               and "seed 3" in c for c in captions(at))  # fmt: skip
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
    assert sum(len(c) for c in stability.columns) <= 110, list(stability.columns)
    central = next(df.value for df in robustness.dataframe if "Alibaba (Qwen)" in df.value.columns)
    assert list(central["Criterion"]) == [c.name for c in shipped.leaves]
    assert len(central.columns) == 1 + len(shipped.vendors)


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
