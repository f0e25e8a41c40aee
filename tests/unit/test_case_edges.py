"""scoring/case.py at its edges: what each refusal says, must-haves at their thresholds and with
unknown values, and the preference functions a resolved case carries (the scenario's over the
criteria files', thresholds on the scale's width). Found by mutation testing
(mutation/RESULTS.md, tenth session)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from scoring import Scenario, load_case
from scoring.case import preference_of, resolve
from scoring.errors import ScenarioError
from scoring.methods.promethee import DEFAULT_P, Preference
from scoring.model import Criterion, MustHave, PreferenceSpec

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def demo():
    return load_case(DEMO / "criteria", DEMO / "vendors")


def test_each_refusal_names_what_to_fix(demo):
    weights = {"quality": 1, "price": 1, "licence": 1, "speed": 1, "colour": 2}
    with pytest.raises(ScenarioError) as caught:
        resolve(demo, Scenario(weights=weights))
    assert str(caught.value) == "unknown criterion id(s) in weights: colour, speed"
    with pytest.raises(ScenarioError) as caught:
        resolve(demo, Scenario(weights={"quality": 0, "price": 0, "licence": 0}))
    assert str(caught.value) == "all weights are zero: give at least one criterion a weight"
    with pytest.raises(ScenarioError) as caught:
        resolve(demo, Scenario(vendors=["acme", "zeta", "omega"]))
    assert str(caught.value) == "unknown vendor id(s): zeta, omega"
    with pytest.raises(ScenarioError) as caught:
        resolve(demo, Scenario(vendors=[]))
    assert str(caught.value) == "no vendors selected: choose at least one"


def test_the_resolved_case_names_its_criteria(demo):
    r = resolve(demo, Scenario())
    assert r.leaf_ids == ("quality", "price", "licence")
    assert r.leaf_names == ("Quality", "Price", "Licence")


def quality(**changes) -> Criterion:
    base = {"id": "quality", "name": "Quality", "scale": {"min": 20, "max": 120}}
    return Criterion.model_validate(base | changes)


def test_preference_thresholds_are_shares_of_the_scales_width():
    """Scale 20..120 (width 100, not 140): q 10, p 30 and s 20 become .1, .3 and .2."""
    spec = PreferenceSpec(function="linear", q=10, p=30)
    assert preference_of(quality(), spec) == Preference("linear", 0.1, 0.3, DEFAULT_P / 2)
    gauss = PreferenceSpec(function="gaussian", s=20)
    assert preference_of(quality(), gauss) == Preference("gaussian", 0.0, DEFAULT_P, 0.2)


def test_the_scenarios_preference_wins_over_the_files_and_the_default_is_a_v_shape():
    in_file = quality(preference={"function": "u-shape", "q": 40})
    assert preference_of(in_file) == Preference("u-shape", 0.4, DEFAULT_P, DEFAULT_P / 2)
    override = PreferenceSpec(function="v-shape", p=50)
    assert preference_of(in_file, override) == Preference("v-shape", 0.0, 0.5, DEFAULT_P / 2)
    assert preference_of(quality(), override) == Preference("v-shape", 0.0, 0.5, DEFAULT_P / 2)
    assert preference_of(quality()) == Preference()


def test_a_resolved_case_carries_each_leafs_preference(demo):
    """The scenario's function for price (scale 0..100: p 25 is .25); the default elsewhere."""
    spec = PreferenceSpec(function="v-shape", p=25)
    r = resolve(demo, Scenario(method="promethee2", preference={"price": spec}))
    assert r.preference == (
        Preference(),
        Preference("v-shape", 0.0, 0.25, DEFAULT_P / 2),
        Preference(),
    )


def test_unknown_values_fail_each_must_have_bound_with_a_sentence_each(demo):
    """Quality must be 4 to 9: Beta's unknown quality cannot confirm either bound."""
    quality_ = next(c for c in demo.leaves if c.id == "quality")
    bounded = quality_.model_copy(update={"must_have": MustHave(min=4, max=9)})
    beta = demo.vendor_by_id["beta"]
    blank = beta.scores["quality"].model_copy(update={"value": None})
    unknown = beta.model_copy(update={"scores": beta.scores | {"quality": blank}})
    case = dataclasses.replace(
        demo,
        criteria=tuple(bounded if c.id == "quality" else c for c in demo.criteria),
        vendors=tuple(unknown if v.id == "beta" else v for v in demo.vendors),
    )
    r = resolve(case, Scenario())
    (out,) = r.excluded
    assert out.vendor == "beta"
    assert out.reasons == (
        "Quality: value unknown, cannot confirm the must-have minimum 4",
        "Quality: value unknown, cannot confirm the must-have maximum 9",
    )
    assert out.unknowns == ("quality",)
