"""PROMETHEE II's preference functions as a scenario setting: the text form, links (round trip
and hostile input), the CLI flag, saved scenarios, and a ranking change checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Scenario, load_case, rank
from scoring.model import PreferenceSpec
from scoring.scenario.link import canonical, decode, encode
from scoring.scenario.preference import (
    PreferenceTextError,
    format_spec,
    overrides,
    parse_assignments,
    parse_spec,
)
from tests.unit.sensitivity_cases import flat_case

ROOT = Path(__file__).resolve().parents[2]
CASE = load_case(ROOT / "criteria", ROOT / "vendors")
LEAF_IDS = [c.id for c in CASE.leaves]
GROUP_ID = next(c.id for c in CASE.all_criteria if c.children)

threshold = st.floats(min_value=0.001, max_value=1e6, allow_nan=False)
specs = st.one_of(
    st.just(PreferenceSpec(function="usual")),
    st.builds(PreferenceSpec, function=st.just("u-shape"), q=threshold),
    st.builds(PreferenceSpec, function=st.just("v-shape"), p=threshold),
    st.builds(PreferenceSpec, function=st.just("gaussian"), s=threshold),
    st.tuples(st.sampled_from(["level", "linear"]), threshold, threshold)
    .filter(lambda t: t[1] != t[2])
    .map(lambda t: PreferenceSpec(function=t[0], q=min(t[1:]), p=max(t[1:]))),
)
preferences = st.dictionaries(st.sampled_from(LEAF_IDS), specs, max_size=4)


@settings(max_examples=150, deadline=None)
@given(preferences, st.sampled_from(["promethee2", "wsm"]))
def test_link_round_trip_keeps_each_changed_preference_function(prefs, method):
    scenario = Scenario(method=method, preference=prefs)
    decoded = decode(encode(scenario, CASE), CASE)
    assert decoded.warnings == []
    assert decoded.scenario.preference == canonical(scenario, CASE).preference
    expected = overrides(prefs, CASE) if method == "promethee2" else {}
    assert canonical(scenario, CASE).preference == expected


@given(specs)
def test_the_text_form_reads_back_as_the_same_function(spec):
    assert parse_spec(format_spec(spec)) == spec


def test_the_link_writes_a_compact_legible_parameter_only_where_the_files_differ():
    prefs = {"regulatory_readiness": parse_spec("linear:q=1:p=2")}
    query = encode(Scenario(method="promethee2", preference=prefs), CASE)
    assert "&pf.regulatory_readiness=linear:q=1:p=2&" in query
    assert query.count("pf.") == 1
    files_own = {LEAF_IDS[1]: PreferenceSpec(function="v-shape", p=5.0)}  # scale 0..10: default
    assert "pf." not in encode(Scenario(method="promethee2", preference=files_own), CASE)
    assert "pf." not in encode(Scenario(method="topsis", preference=prefs), CASE)


@pytest.mark.parametrize(
    ("param", "words"),
    [
        ("pf.nope=usual", "ignored 'pf.nope': unknown criterion 'nope'"),
        (f"pf.{GROUP_ID}=usual", f"{GROUP_ID} is a group"),
        ("pf.regulatory_readiness=bogus", "'bogus' is not a preference function"),
        ("pf.regulatory_readiness=linear:q=3:p=2", "a linear preference needs q below p"),
        ("pf.regulatory_readiness=u-shape:q=-1", "q must be a number 0 or more"),
        ("pf.regulatory_readiness=v-shape:p=nan", "p must be a number 0 or more"),
        ("pf.regulatory_readiness=v-shape", "needs p above 0"),
        ("pf.regulatory_readiness=usual:x=1", "'x=1' is not q=NUMBER"),
        ("pf.regulatory_readiness=usual:q=1:q=2", "q is given twice"),
    ],
)
def test_a_bad_preference_in_a_link_is_one_located_warning(param, words):
    decoded = decode(f"m=promethee2&{param}", CASE)
    assert len(decoded.warnings) == 1
    warning = decoded.warnings[0]
    assert words in warning
    assert param.split("=")[0] in warning  # names the link parameter
    assert decoded.scenario.preference == {}


def test_the_cli_flag_lists_every_problem_at_once():
    specs, errors = parse_assignments(
        "regulatory_readiness=usual,nope=usual,model_quality=linear:q=3:p=2,x", CASE
    )
    assert list(specs) == ["regulatory_readiness"]
    assert errors == [
        "unknown criterion 'nope'",
        "model_quality: a linear preference needs q below p",
        "'x' is not ID=FUNCTION[:q=Q][:p=P][:s=S]",
    ]
    with pytest.raises(PreferenceTextError):
        parse_spec("linear:q=1:p=" + "9" * 200)


def test_changing_one_preference_function_flips_a_hand_checked_ranking():
    # Two vendors, two criteria on 0..10 at equal weight. Default v-shape, p = 5: v0 is ahead by
    # 1 on c0 (P = 1/5) and behind by 2 on c1 (P = 2/5): phi(v0) = 0.5 * 0.2 - 0.5 * 0.4 = -0.1.
    # With c0 "usual" any lead counts fully: phi(v0) = 0.5 * 1 - 0.5 * 0.4 = +0.3.
    case = flat_case([[6, 4], [5, 6]], [1, 1])
    before = rank(case, Scenario(method="promethee2"))
    after = rank(case, Scenario(method="promethee2", preference={"c0": parse_spec("usual")}))
    assert before.scores.tolist() == pytest.approx([-0.1, 0.1])
    assert after.scores.tolist() == pytest.approx([0.3, -0.3])
    assert [before.resolved.vendor_ids[i] for i in before.order] == ["v1", "v0"]
    assert [after.resolved.vendor_ids[i] for i in after.order] == ["v0", "v1"]


def test_cli_preference_changes_the_json_scores_and_bad_input_exits_2(monkeypatch, capsys):
    import json

    from scoring.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["rank", "--method", "promethee2", "--format", "json"]) == 0
    default = json.loads(capsys.readouterr().out)
    flag = ["--preference", "regulatory_readiness=usual"]
    assert main(["rank", "--method", "promethee2", "--format", "json", *flag]) == 0
    changed = json.loads(capsys.readouterr().out)
    assert [r["score"] for r in changed["ranking"]] != [r["score"] for r in default["ranking"]]
    code = main(["rank", "--method", "promethee2", "--preference", "nope=usual,open_source=gaus"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--preference: unknown criterion 'nope'; open_source: 'gaus' is not a preference" in err
    assert "Traceback" not in err


SAVED = """\
id: strict-rules
name: Strict rules
scenario:
  method: promethee2
  preference:
    regulatory_readiness: {function: linear, q: 1, p: 2}
"""


def test_a_saved_scenario_carries_preference_functions_and_names_a_bad_one(tmp_path):
    from scoring.scenario.saved import ScenarioFileError, load_scenarios

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "strict-rules.yaml").write_text(SAVED, encoding="utf-8")
    [saved] = load_scenarios(tmp_path / "ok", CASE)
    assert saved.scenario.preference == {"regulatory_readiness": parse_spec("linear:q=1:p=2")}
    assert "pf.regulatory_readiness=linear:q=1:p=2" in encode(saved.scenario, CASE)
    (tmp_path / "bad").mkdir()
    bad = SAVED.replace("regulatory_readiness:", "nope:").replace("p: 2}", "p: 2}\n    x: 1")
    (tmp_path / "bad" / "strict-rules.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(ScenarioFileError) as info:
        load_scenarios(tmp_path / "bad", CASE)
    problems = [str(p) for p in info.value.problems]
    assert any(
        "strict-rules.yaml:6:5: scenario.preference.nope: unknown criterion" in p for p in problems
    )
