"""Saved scenarios in the sidebar: applying one ranks as scoring does and lands in the link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from scoring import Scenario, rank
from scoring.scenario.link import canonical, encode
from scoring.scenario.saved import find_scenario

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "scenarios"
SAVED = "sc"  # the picker's key is the link's parameter
BACK = "saved_apply"


@pytest.fixture
def saved_in(monkeypatch):
    """saved_in(folder): point the app at a scenarios folder (the shipped one by default)."""

    def point(folder: Path = SHIPPED) -> Path:
        monkeypatch.setenv("SHORTLIST_SCENARIOS", str(folder))
        return folder

    return point


def apply(at, sid: str):
    """Choosing a saved scenario in the picker applies it."""
    return at.selectbox(key=SAVED).select(sid).run()


def test_the_shipped_scenarios_are_offered_by_name_and_the_picker_starts_on_custom(
    shipped, saved_in, run_app
):
    saved_in()
    at = run_app()
    picker = at.selectbox(key=SAVED)
    assert picker.options == [
        "Custom",
        "Open ecosystem",
        "Personalisation first",
        "Regulator first",
    ]
    assert picker.value == ""  # the ranking uses the files' weights, not a saved scenario
    assert not any("open weights" in c.value for c in at.sidebar.caption)
    assert "sc" not in at.query_params
    at = apply(at, "open-ecosystem")
    assert "open weights and model capability" in at.sidebar.caption[0].value


def test_applying_a_saved_scenario_ranks_it_and_writes_the_link(
    shipped, saved_in, run_app, ranking_of, expected
):
    saved_in()
    at = run_app()
    default = ranking_of(at)
    saved = find_scenario("personalisation-first", SHIPPED, shipped)
    at = apply(at, "personalisation-first")
    shown = ranking_of(at)
    assert shown == expected(rank(shipped, saved.scenario))
    assert shown != default  # Tencent rises to second
    assert [row[0] for row in shown[:2]] == ["alibaba", "tencent"]
    assert at.slider(key="w.user_data").value == 40.0
    assert at.slider(key="w.model_quality").value == 60.0  # not in the file: the files' weight
    query = encode(canonical(saved.scenario, shipped), shipped, saved="personalisation-first")
    assert at.query_params == dict(parse_qsl(query))
    assert query in at.code[0].value


def test_every_setting_of_a_saved_scenario_reaches_its_widget(
    shipped, saved_in, run_app, ranking_of, expected, tmp_path
):
    (tmp_path / "custom.yaml").write_text(
        "id: custom\nname: Custom\nscenario:\n  method: topsis\n  weights: {user_data: 250}\n"
        "  vendors: [tencent, deepseek, baidu]\n  unknowns: midpoint\n  seed: 7\n",
        encoding="utf-8",
    )
    saved_in(tmp_path)
    at = apply(run_app(), "custom")
    scenario = Scenario(
        method="topsis",
        weights={"user_data": 250},
        vendors=["tencent", "deepseek", "baidu"],
        unknowns="midpoint",
        seed=7,
    )
    assert ranking_of(at) == expected(rank(shipped, scenario))
    assert at.selectbox(key="m").value == "topsis"
    assert at.selectbox(key="n").value == "vector"
    assert at.multiselect(key="v").value == ["tencent", "deepseek", "baidu"]
    assert at.radio(key="u").value == "midpoint"
    assert at.number_input(key="seed").value == 7
    assert at.slider(key="w.user_data").value == 250.0
    assert at.slider(key="w.user_data").max == 250.0  # widened, as for a link
    query = encode(canonical(scenario, shipped), shipped, saved="custom")
    assert at.query_params == dict(parse_qsl(query))


def test_sliders_override_an_applied_scenario(shipped, saved_in, run_app, ranking_of, expected):
    saved_in()
    at = apply(run_app(), "regulator-first")
    at = at.slider(key="w.regulatory_readiness").set_value(0.0).run()
    saved = find_scenario("regulator-first", SHIPPED, shipped).scenario
    changed = Scenario(weights={**saved.weights, "regulatory_readiness": 0})
    assert ranking_of(at) == expected(rank(shipped, changed))
    assert at.query_params["w.regulatory_readiness"] == "0"
    assert at.query_params["w.model_capability"] == "20"


def test_applying_clears_the_warning_of_the_opened_link(shipped, saved_in, run_app):
    saved_in()
    at = run_app({"m": "ahp"})
    assert any("Link:" in w.value for w in at.warning)
    at = apply(at, "regulator-first")
    assert not any("Link:" in w.value for w in at.warning)


def test_a_broken_scenarios_folder_warns_and_the_app_still_ranks(
    shipped, saved_in, run_app, ranking_of, expected, tmp_path
):
    (tmp_path / "good.yaml").write_text("id: good\nname: Good\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(
        "id: bad\nname: Bad\nscenario:\n  weights:\n    usr_data: 10\n", encoding="utf-8"
    )
    saved_in(tmp_path)
    at = run_app()
    [warning] = [w.value for w in at.warning if "Saved scenarios" in w.value]
    assert "1 problem, so none are offered" in warning
    assert "bad.yaml:5:5: scenario.weights.usr\\_data: unknown criterion" in warning
    assert SAVED not in {s.key for s in at.selectbox}
    assert ranking_of(at) == expected(rank(shipped, Scenario()))


def test_no_scenarios_folder_means_no_picker_and_no_warning(shipped, saved_in, run_app, tmp_path):
    saved_in(tmp_path / "none")
    at = run_app()
    assert SAVED not in {s.key for s in at.selectbox}
    assert not [w for w in at.warning if "Saved scenarios" in w.value]


def test_an_edited_scenario_file_is_picked_up(shipped, saved_in, run_app, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: x\nname: First name\n", encoding="utf-8")
    saved_in(tmp_path)
    at = run_app()
    assert at.selectbox(key=SAVED).options == ["Custom", "First name"]
    path.write_text("id: x\nname: Second name, longer\n", encoding="utf-8")
    at.run()
    assert at.selectbox(key=SAVED).options == ["Custom", "Second name, longer"]


def captions(at) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def test_moving_a_weight_says_so_and_back_restores_the_saved_scenario(shipped, saved_in, run_app):
    saved_in()
    at = apply(run_app(), "regulator-first")
    assert not any("moved away" in c for c in captions(at))
    assert BACK not in {b.key for b in at.button}
    at = at.slider(key="w.regulatory_readiness").set_value(3.0).run()
    assert "Weights moved away from Regulator first" in captions(at)
    assert at.selectbox(key=SAVED).value == "regulator-first"  # still its starting point
    assert at.query_params["sc"] == "regulator-first"
    at = at.button(key=BACK).click().run()
    assert at.slider(key="w.regulatory_readiness").value == 50.0
    assert not any("moved away" in c for c in captions(at))


def test_a_changed_setting_is_named_as_a_setting(shipped, saved_in, run_app):
    saved_in()
    at = apply(run_app(), "regulator-first")
    at = at.radio(key="u").set_value("midpoint").run()
    assert "Settings moved away from Regulator first" in captions(at)


def test_a_link_naming_a_saved_scenario_opens_on_it(shipped, saved_in, run_app):
    saved_in()
    saved = find_scenario("open-ecosystem", SHIPPED, shipped)
    at = run_app(encode(canonical(saved.scenario, shipped), shipped, saved="open-ecosystem"))
    assert at.selectbox(key=SAVED).value == "open-ecosystem"
    assert not any("moved away" in c for c in captions(at))
    assert not any("Link:" in w.value for w in at.warning)


def test_a_link_naming_an_unknown_saved_scenario_warns_and_stays_custom(shipped, saved_in, run_app):
    saved_in()
    at = run_app({"sc": "nope", "m": "wpm"})
    assert at.selectbox(key=SAVED).value == ""
    assert any("sc='nope' is not a saved scenario here" in w.value for w in at.warning)
    assert "sc" not in at.query_params


def test_custom_and_reset_forget_the_saved_scenario(shipped, saved_in, run_app):
    saved_in()
    at = apply(run_app(), "regulator-first")
    at = at.selectbox(key=SAVED).select("").run()
    assert "sc" not in at.query_params
    assert at.slider(key="w.regulatory_readiness").value == 50.0  # Custom keeps the weights
    at = apply(at, "regulator-first")
    at = next(b for b in at.button if b.label == "Reset to defaults").click().run()
    assert at.selectbox(key=SAVED).value == "" and "sc" not in at.query_params


def test_the_applied_scenario_is_named_in_the_headline_and_says_when_moved(
    shipped, saved_in, run_app
):
    saved_in()
    at = run_app()
    assert not any(m.value.startswith("Point of view:") for m in at.main.markdown)
    at = apply(at, "regulator-first")
    heads = [m.value for m in at.main.markdown if m.value.startswith("Point of view:")]
    assert heads == ["Point of view: **Regulator first**"]
    at.slider(key="w.user_data").set_value(40).run()
    heads = [m.value for m in at.main.markdown if m.value.startswith("Point of view:")]
    assert heads == [
        "Point of view: **Regulator first** · *the weights or settings have moved away from it*"
    ]
