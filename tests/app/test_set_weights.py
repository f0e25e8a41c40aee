"""The Set weights tab through AppTest: ROC, swing and AHP proposals, applied with one click."""

from __future__ import annotations

import pytest

from scoring import Scenario, rank
from scoring.weights import roc

TAB = {"tab": "Set weights"}
TOP = ["regulatory_readiness", "model_capability", "ecosystem_fit", "user_data", "open_source"]


@pytest.fixture
def weights_tab(shipped, run_app):
    at = run_app(TAB)
    assert not at.error, [e.value for e in at.error]
    return at


def test_roc_order_applied_sets_the_sliders_and_the_ranking(
    weights_tab, shipped, ranking_of, expected
):
    at = weights_tab
    at.radio(key="_weights.how").set_value("roc").run()
    # Reverse the shipped order of importance: open_source first ... regulatory_readiness last.
    for place, cid in enumerate(reversed(TOP), start=1):
        at.selectbox(key=f"_weights.roc.{cid}").set_value(place)
    at.run()
    at.button(key="_weights.apply").click().run()
    assert not at.exception
    want = dict(zip(reversed(TOP), (100 * roc(5)).round(6), strict=True))
    for cid, value in want.items():
        assert at.slider(key=f"w.{cid}").value == pytest.approx(value)
    scenario = Scenario(weights=want)
    assert ranking_of(at) == expected(rank(shipped, scenario))
    assert at.query_params["w.open_source"] == "45.666667"  # the link follows


def test_a_repeated_place_is_refused(weights_tab):
    at = weights_tab
    at.radio(key="_weights.how").set_value("roc").run()
    at.selectbox(key="_weights.roc.open_source").set_value(1).run()
    assert any("different place" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "_weights.apply"]


def test_swing_points_inside_a_group(weights_tab):
    at = weights_tab
    at.selectbox(key="_weights.group").set_value("model_capability").run()
    at.radio(key="_weights.how").set_value("swing").run()
    at.number_input(key="_weights.swing.model_quality").set_value(100.0)
    at.number_input(key="_weights.swing.multimodal_on_device").set_value(25.0)
    at.run()
    at.button(key="_weights.apply").click().run()
    assert at.slider(key="w.model_quality").value == pytest.approx(80.0)
    assert at.slider(key="w.multimodal_on_device").value == pytest.approx(20.0)
    assert at.slider(key="w.regulatory_readiness").value == 25.0  # other groups untouched


def test_ahp_starts_consistent_and_warns_on_contradictions(weights_tab):
    at = weights_tab
    assert any("Consistency ratio" in s.value for s in at.success)
    # Say open_source matters 9x more than regulatory readiness: contradicts the rest.
    at.select_slider(key="_weights.ahp.regulatory_readiness.open_source").set_value(1 / 9).run()
    warning = next(w.value for w in at.warning if "Consistency ratio" in w.value)
    assert "above 0.10" in warning
    revisit = next(df.value for df in at.dataframe if "Would fit the others" in df.value.columns)
    # The worst judgement first, written the way round it was given (9x), with what fits.
    assert list(revisit.iloc[0]) == [
        "Open-source stance over Regulatory readiness", "9", "2", "37.9%"
    ]  # fmt: skip
