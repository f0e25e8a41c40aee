"""Resolving a case: global weights, scenario overrides, knock-outs, unknowns, fingerprints.

The demo case (tests/fixtures/demo): quality (weight 2, scale 0-10, must-have min 4), price
(weight 1, cost, 0-100), licence (weight 1, levels closed 0 / open 10). Global weights are
2/4 = .5, 1/4 = .25, 1/4 = .25.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from numpy.testing import assert_allclose

from scoring import Scenario, ScenarioError, load_case, rank, resolve
from scoring.case import leaf_weight_vector

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
CRITERIA = (DEMO / "criteria" / "case.yaml").read_text(encoding="utf-8")
ACME = (DEMO / "vendors" / "acme.yaml").read_text(encoding="utf-8")
BETA = (DEMO / "vendors" / "beta.yaml").read_text(encoding="utf-8")


def demo(write_case, criteria: str = CRITERIA, **vendors: str):
    files = {f"{k}.yaml": v for k, v in vendors.items()} or {"acme.yaml": ACME, "beta.yaml": BETA}
    write_case(criteria, files)
    return load_case("criteria", "vendors")


# --- weights -----------------------------------------------------------------------------------


def test_shipped_global_weights_are_group_share_times_local_share(shipped):
    # top level 25 / 25 / 20 / 15 / 15 of 100; model_capability splits 60/40, ecosystem 35/35/30
    expected = {
        "regulatory_readiness": 0.25,
        "model_quality": 0.25 * 0.6,  # .15
        "multimodal_on_device": 0.25 * 0.4,  # .10
        "cloud_delivery": 0.20 * 0.35,  # .07
        "execution_track_record": 0.20 * 0.35,  # .07
        "partner_conflict": 0.20 * 0.30,  # .06
        "user_data": 0.15,
        "open_source": 0.15,
    }
    got = rank(shipped).weights_by_leaf()
    assert got == pytest.approx(expected)
    assert sum(got.values()) == pytest.approx(1.0)


def test_scenario_overrides_a_leaf_weight(shipped):
    # regulatory 40 -> top level sums to 115
    w = rank(shipped, Scenario(weights={"regulatory_readiness": 40})).weights_by_leaf()
    assert w["regulatory_readiness"] == pytest.approx(40 / 115)
    assert w["model_quality"] == pytest.approx(25 / 115 * 0.6)


def test_scenario_overrides_a_local_leaf_weight_inside_a_group(shipped):
    # model_quality 40 against multimodal 40: an even split of the group's .25
    w = rank(shipped, Scenario(weights={"model_quality": 40})).weights_by_leaf()
    assert w["model_quality"] == pytest.approx(0.125)
    assert w["multimodal_on_device"] == pytest.approx(0.125)
    assert w["regulatory_readiness"] == pytest.approx(0.25)


def test_scenario_overrides_a_group_weight(shipped):
    # model_capability 0: its leaves drop out, the other 75 points share everything
    w = rank(shipped, Scenario(weights={"model_capability": 0})).weights_by_leaf()
    assert w["model_quality"] == 0 and w["multimodal_on_device"] == 0
    assert w["regulatory_readiness"] == pytest.approx(25 / 75)
    assert w["partner_conflict"] == pytest.approx(20 / 75 * 0.3)


def test_all_zero_scenario_weights_are_a_scenario_error(shipped):
    zeros = {c.id: 0 for c in shipped.criteria}
    with pytest.raises(ScenarioError, match="all weights are zero"):
        rank(shipped, Scenario(weights=zeros))


def test_unknown_criterion_in_scenario_weights(shipped):
    with pytest.raises(ScenarioError, match="unknown criterion id\\(s\\) in weights: nope"):
        leaf_weight_vector(shipped, Scenario(weights={"nope": 3}))


def test_scenario_rejects_negative_weights():
    with pytest.raises(ValueError, match="greater than or equal to 0"):
        Scenario(weights={"x": -1})


# --- scores by hand ----------------------------------------------------------------------------


def test_demo_scores_by_hand(write_case):
    # acme: .5 * 8/10 + .25 * (1 - 40/100) + .25 * 1 = .4 + .15 + .25 = .8
    # beta: .5 * 6/10 + .25 * (1 - 20/100) + .25 * 0 = .3 + .2 + 0 = .5
    result = rank(demo(write_case))
    assert [(r["vendor"], r["rank"]) for r in result.rows()] == [("acme", 1), ("beta", 2)]
    assert [r["score"] for r in result.rows()] == pytest.approx([0.8, 0.5])
    assert result.rows()[1]["gap"] == pytest.approx(0.3)


def test_resolved_arrays_carry_ranges_and_directions(write_case):
    r = resolve(demo(write_case), Scenario())
    assert r.vendor_ids == ("acme", "beta")
    assert r.leaf_ids == ("quality", "price", "licence")
    assert_allclose(r.X, [[8, 40, 10], [6, 20, 0]])
    assert_allclose(r.low, [[8, 40, 10], [6, 10, 0]])  # beta's price range [10, 30]
    assert_allclose(r.high, [[8, 40, 10], [6, 30, 0]])
    assert r.benefit.tolist() == [True, False, True]
    assert_allclose(r.scale_min, [0, 0, 0])
    assert_allclose(r.scale_max, [10, 100, 10])
    assert_allclose(r.weights, [0.5, 0.25, 0.25])


def test_vendor_subset(write_case):
    result = rank(demo(write_case), Scenario(vendors=["beta"]))
    assert [r["vendor"] for r in result.rows()] == ["beta"]


def test_unknown_vendor_in_the_subset(write_case):
    with pytest.raises(ScenarioError, match="unknown vendor id\\(s\\): gamma"):
        rank(demo(write_case), Scenario(vendors=["beta", "gamma"]))


def test_empty_vendor_subset(write_case):
    with pytest.raises(ScenarioError, match="no vendors selected"):
        rank(demo(write_case), Scenario(vendors=[]))


# --- unknown values ----------------------------------------------------------------------------

UNKNOWN_PRICE = ACME.replace("price: 40", "price: {value: null, rationale: not published}")
UNKNOWN_LICENCE = ACME.replace("licence: open", "licence: {value: null, rationale: unclear}")


def test_unknown_cost_is_scored_at_the_worst_end_the_maximum(write_case):
    # price unknown -> 100 (the cost maximum) -> value 0: .4 + 0 + .25 = .65
    result = rank(demo(write_case, acme=UNKNOWN_PRICE))
    r = result.resolved
    assert r.X[0, 1] == 100
    assert (r.low[0, 1], r.high[0, 1]) == (0, 100)  # the whole scale, for sampling
    assert result.rows()[0]["score"] == pytest.approx(0.65)
    assert result.rows()[0]["unknowns"] == ["price"]


def test_unknown_benefit_is_scored_at_the_minimum(write_case):
    # licence unknown -> closed (0): .4 + .15 + 0 = .55
    result = rank(demo(write_case, acme=UNKNOWN_LICENCE))
    assert result.resolved.X[0, 2] == 0
    assert result.rows()[0]["score"] == pytest.approx(0.55)


def test_unknown_at_the_midpoint_when_asked(write_case):
    # price unknown -> 50 -> value .5: .4 + .125 + .25 = .775
    result = rank(demo(write_case, acme=UNKNOWN_PRICE), Scenario(unknowns="midpoint"))
    assert result.resolved.X[0, 1] == 50
    assert result.rows()[0]["score"] == pytest.approx(0.775)
    assert result.rows()[0]["unknowns"] == ["price"]  # still flagged


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
def test_unknowns_are_flagged_in_every_method(write_case, method):
    result = rank(demo(write_case, acme=UNKNOWN_PRICE, beta=BETA), Scenario(method=method))
    flagged = {r["vendor"]: r["unknowns"] for r in result.rows()}
    assert flagged == {"acme": ["price"], "beta": []}


# --- knock-outs --------------------------------------------------------------------------------


def test_failing_a_must_have_minimum_sets_the_vendor_aside_with_the_reason(write_case):
    weak = BETA.replace("quality: 6", "quality: 3")
    result = rank(demo(write_case, acme=ACME, beta=weak))
    assert [r["vendor"] for r in result.rows()] == ["acme"]
    [out] = result.excluded
    assert (out.vendor, out.name) == ("beta", "Beta")
    assert out.reasons == ("Quality: 3 is below the must-have minimum 4",)


def test_meeting_the_minimum_exactly_passes(write_case):
    edge = BETA.replace("quality: 6", "quality: 4")
    assert rank(demo(write_case, acme=ACME, beta=edge)).excluded == ()


def test_failing_a_must_have_maximum(write_case):
    criteria = CRITERIA.replace(
        "    direction: cost\n", "    direction: cost\n    must_have: {max: 30}\n"
    )
    result = rank(demo(write_case, criteria, acme=ACME, beta=BETA))
    assert [r["vendor"] for r in result.rows()] == ["beta"]
    assert result.excluded[0].reasons == ("Price: 40 is above the must-have maximum 30",)


def test_a_must_have_reason_names_the_unit(write_case):
    criteria = CRITERIA.replace(
        "    direction: cost\n",
        "    direction: cost\n    unit: EUR/month\n    must_have: {max: 30}\n",
    )
    result = rank(demo(write_case, criteria, acme=ACME, beta=BETA))
    assert result.excluded[0].reasons == (
        "Price: 40 EUR/month is above the must-have maximum 30 EUR/month",
    )


def test_an_unknown_value_cannot_pass_a_must_have(write_case):
    unknown = ACME.replace("quality: 8", "quality: {value: null, rationale: no data}")
    result = rank(demo(write_case, acme=unknown, beta=BETA), Scenario(unknowns="midpoint"))
    assert result.excluded[0].vendor == "acme"
    assert result.excluded[0].reasons == (
        "Quality: value unknown, cannot confirm the must-have minimum 4",
    )


def test_a_level_must_have_reads_in_labels(write_case):
    criteria = CRITERIA.replace(
        "    levels: {closed: 0, open: 10}\n",
        "    levels: {closed: 0, open: 10}\n    must_have: {min: open}\n",
    )
    result = rank(demo(write_case, criteria, acme=ACME, beta=BETA))
    assert result.excluded[0].reasons == ("Licence: closed is below the must-have minimum open",)


def test_every_failed_must_have_is_a_reason(write_case):
    criteria = CRITERIA.replace(
        "    direction: cost\n", "    direction: cost\n    must_have: {max: 10}\n"
    )
    weak = BETA.replace("quality: 6", "quality: 1")
    result = rank(demo(write_case, criteria, acme=ACME, beta=weak))
    reasons = {e.vendor: e.reasons for e in result.excluded}
    assert reasons == {
        "acme": ("Price: 40 is above the must-have maximum 10",),
        "beta": (
            "Quality: 1 is below the must-have minimum 4",
            "Price: 20 is above the must-have maximum 10",
        ),
    }
    assert result.rows() == []  # nobody left, and nobody lost: both are in `excluded`


def test_shipped_case_excludes_nobody_by_default(shipped):
    assert rank(shipped).excluded == ()


# --- fingerprint -------------------------------------------------------------------------------


def copy_shipped(root: Path, to: Path) -> Path:
    shutil.copytree(root / "criteria", to / "criteria")
    shutil.copytree(root / "vendors", to / "vendors")
    return to


def test_the_same_files_give_the_same_fingerprint(shipped, tmp_path):
    root = Path(__file__).resolve().parents[2]
    copy = copy_shipped(root, tmp_path)
    again = load_case(copy / "criteria", copy / "vendors")
    assert again.fingerprint == shipped.fingerprint
    assert len(shipped.fingerprint) == 12 and int(shipped.fingerprint, 16) >= 0


def test_the_fingerprint_is_of_the_data_not_of_the_bytes(shipped, tmp_path):
    root = Path(__file__).resolve().parents[2]
    copy = copy_shipped(root, tmp_path)
    path = copy / "vendors" / "baidu.yaml"
    text = path.read_text(encoding="utf-8")
    # A comment, and a file name, change the bytes but not the data: the same fingerprint.
    path.write_text("# a note for the team\n" + text, encoding="utf-8")
    path.rename(copy / "vendors" / "baidu-renamed.yaml")
    assert load_case(copy / "criteria", copy / "vendors").fingerprint == shipped.fingerprint
    # One value changes the data: another fingerprint.
    baidu = copy / "vendors" / "baidu-renamed.yaml"
    changed_text = baidu.read_text(encoding="utf-8").replace("value: 7", "value: 6", 1)
    assert changed_text != baidu.read_text(encoding="utf-8")
    baidu.write_text(changed_text, encoding="utf-8")
    changed = load_case(copy / "criteria", copy / "vendors")
    assert changed.fingerprint != shipped.fingerprint
