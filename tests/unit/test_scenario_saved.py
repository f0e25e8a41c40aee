"""Saved scenarios: loading scenarios/*.yaml, each rule with file:line, and the CLI over them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scoring import Scenario, ScenarioError, load_case, rank
from scoring.cli import main
from scoring.scenario.link import decode
from scoring.scenario.saved import ScenarioFileError, find_scenario, load_scenarios

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "scenarios"
DATA = ["--criteria", str(ROOT / "criteria"), "--vendors", str(ROOT / "vendors")]
VALID = """\
id: mine
name: Mine
description: A test view.
scenario:
  method: topsis
  weights:
    regulatory_readiness: 40
    user_data: 10
  unknowns: midpoint
"""


@pytest.fixture(scope="module")
def case():
    return load_case(ROOT / "criteria", ROOT / "vendors")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(folder: Path, case) -> list[str]:
    with pytest.raises(ScenarioFileError) as info:
        load_scenarios(folder, case)
    return [str(p) for p in info.value.problems]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- loading -----------------------------------------------------------------------------------


def test_a_valid_file_loads_as_its_scenario(tmp_path, case):
    path = write(tmp_path, "mine.yaml", VALID)
    [saved] = load_scenarios(tmp_path, case)
    assert (saved.id, saved.name, saved.description) == ("mine", "Mine", "A test view.")
    assert saved.file == str(path)
    assert saved.scenario == Scenario(
        method="topsis", weights={"regulatory_readiness": 40, "user_data": 10}, unknowns="midpoint"
    )


def test_the_shipped_scenarios_load_sorted_by_id(case):
    ids = [s.id for s in load_scenarios(SHIPPED, case)]
    assert ids == ["open-ecosystem", "personalisation-first", "regulator-first"]


def test_a_missing_folder_means_no_saved_scenarios_unless_named(tmp_path, case):
    assert load_scenarios(tmp_path / "nope", case) == []
    with pytest.raises(ScenarioFileError, match="no such scenario file or folder"):
        load_scenarios(tmp_path / "nope", case, required=True)


def test_an_empty_scenario_block_is_the_defaults(tmp_path, case):
    write(tmp_path, "plain.yaml", "id: plain\nname: Plain\n")
    [saved] = load_scenarios(tmp_path, case)
    assert saved.scenario == Scenario()


def test_regulator_first_ranks_as_computed_by_hand(case):
    """Alibaba: .5*8/10 + .2*(.6*.8+.4*.8) + .15*(.35*.9+.35*.8+.3*(1-.3)) + .1*.8 + .05*1
    = .4 + .16 + .12075 + .08 + .05 = .81075; Baidu: .45+.132+.08475+.06+.035 = .76175."""
    saved = find_scenario("regulator-first", SHIPPED, case)
    rows = rank(case, saved.scenario).rows()
    assert [r["vendor"] for r in rows[:2]] == ["alibaba", "baidu"]
    assert rows[0]["score"] == pytest.approx(0.81075)
    assert rows[1]["score"] == pytest.approx(0.76175)


# What each shipped description claims: the leader, and who is second and last.
CLAIMS = {
    "regulator-first": ("alibaba", "baidu", "deepseek"),
    "personalisation-first": ("alibaba", "tencent", "deepseek"),
    "open-ecosystem": ("alibaba", "deepseek", "bytedance"),
}


@pytest.mark.parametrize("sid", sorted(CLAIMS))
def test_each_shipped_description_is_honest_about_its_result(sid, case):
    saved = find_scenario(sid, SHIPPED, case)
    order = [r["vendor"] for r in rank(case, saved.scenario).rows()]
    leader, second, last = CLAIMS[sid]
    assert (order[0], order[1], order[-1]) == (leader, second, last)
    text = saved.description
    assert "Alibaba still leads" in text
    assert case.vendor_by_id[second].name.split()[0] in text


def test_regulator_first_closes_baidus_gap_as_its_description_says(case):
    default = rank(case, Scenario()).rows()
    regulator = rank(case, find_scenario("regulator-first", SHIPPED, case).scenario).rows()
    assert default[1]["vendor"] == regulator[1]["vendor"] == "baidu"  # "stays second"
    assert regulator[1]["gap"] == pytest.approx(0.81075 - 0.76175)  # "about 0.05"
    assert default[1]["gap"] > 0.13


# --- each validation rule, located -------------------------------------------------------------


def test_a_quoted_weight_is_located_at_its_line_and_column(tmp_path, case):
    write(tmp_path, "x.yaml", VALID.replace("user_data: 10", 'user_data: "10"'))
    assert problems_of(tmp_path, case) == [
        f"{tmp_path / 'x.yaml'}:8:5: scenario.weights.user_data: expected a number, got '10'"
    ]


def test_an_unknown_criterion_suggests_the_close_one(tmp_path, case):
    write(tmp_path, "x.yaml", VALID.replace("user_data: 10", "usr_data: 10"))
    assert problems_of(tmp_path, case) == [
        f"{tmp_path / 'x.yaml'}:8:5: scenario.weights.usr_data: unknown criterion 'usr_data'; "
        "did you mean 'user_data'?"
    ]


def test_an_unknown_vendor_is_named_with_a_suggestion(tmp_path, case):
    write(tmp_path, "x.yaml", VALID + "  vendors: [alibaba, baidoo]\n")
    assert problems_of(tmp_path, case) == [
        f"{tmp_path / 'x.yaml'}:10:22: scenario.vendors[1]: unknown vendor 'baidoo' "
        "(did you mean 'baidu'?)"
    ]


def test_an_empty_or_repeated_vendor_list_is_refused(tmp_path, case):
    write(tmp_path, "a.yaml", VALID.replace("id: mine", "id: a") + "  vendors: []\n")
    write(tmp_path, "b.yaml", VALID.replace("id: mine", "id: b") + "  vendors: [baidu, baidu]\n")
    assert problems_of(tmp_path, case) == [
        f"{tmp_path / 'a.yaml'}:10:3: scenario.vendors: selects no vendor; list at least one, "
        "or leave vendors out",
        f"{tmp_path / 'b.yaml'}:10:20: scenario.vendors[1]: vendor 'baidu' is listed twice; "
        "keep one",
    ]


def test_all_weights_zero_is_refused(tmp_path, case):
    zero = ", ".join(f"{c.id}: 0" for c in case.criteria)
    write(tmp_path, "x.yaml", f"id: x\nname: X\nscenario:\n  weights: {{{zero}}}\n")
    assert problems_of(tmp_path, case) == [
        f"{tmp_path / 'x.yaml'}:4:3: scenario.weights: every criterion ends up at weight 0; "
        "give at least one a positive weight"
    ]


def test_zero_on_some_criteria_is_fine(tmp_path, case):
    write(tmp_path, "x.yaml", "id: x\nname: X\nscenario:\n  weights: {user_data: 0}\n")
    assert load_scenarios(tmp_path, case)[0].scenario.weights == {"user_data": 0}


def test_a_duplicate_id_names_the_first_file(tmp_path, case):
    write(tmp_path, "a.yaml", VALID)
    write(tmp_path, "b.yaml", VALID)
    assert problems_of(tmp_path, case) == [
        f"{tmp_path / 'b.yaml'}:1:1: id: duplicate scenario id 'mine' (also in "
        f"{tmp_path / 'a.yaml'}); give each saved scenario its own id"
    ]


def test_field_rules_use_the_case_loaders_wording(tmp_path, case):
    write(tmp_path, "x.yaml", "id: Bad Id\nnme: X\nscenario: {samples: 5, wieghts: {}}\n")
    file = tmp_path / "x.yaml"
    assert problems_of(tmp_path, case) == [
        f"{file}:1:1: id: 'Bad Id' is not a valid id: use lower-case letters, digits, '_' or '-'",
        f"{file}:1:1: name: is required but missing",
        f"{file}:2:1: nme: is not a known field (check the spelling)",
        f"{file}:3:12: scenario.samples: 5 is not allowed: must be at least 100",
        f"{file}:3:24: scenario.wieghts: is not a known field (check the spelling)",
    ]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path, case):
    bad = VALID.replace("user_data: 10", "usr_data: 10").replace("midpoint", "best")
    write(tmp_path, "a.yaml", bad + "  vendors: [huawei]\n")
    write(tmp_path, "b.yaml", "id: b\nname: B\nscenario: {method: ahp}\n")
    write(tmp_path, "c.yaml", "id: c\nname: [not, text]\n")
    found = problems_of(tmp_path, case)
    assert len(found) == 5
    assert [p.split(": ", 1)[0].rsplit("/", 1)[1] for p in found] == [
        "a.yaml:8:5",
        "a.yaml:9:3",
        "a.yaml:10:13",
        "b.yaml:3:12",
        "c.yaml:2:1",
    ]


def test_a_broken_file_keeps_every_saved_scenario_out(tmp_path, case):
    write(tmp_path, "good.yaml", VALID)
    write(tmp_path, "bad.yaml", "id: bad\nname: Bad\nscenario: [oops\n")
    with pytest.raises(ScenarioFileError) as info:
        load_scenarios(tmp_path, case)
    assert "invalid YAML" in str(info.value) and "1 problem in the saved scenarios" in str(
        info.value
    )


def test_yaml_is_read_safely(tmp_path, case):
    write(tmp_path, "x.yaml", "id: x\nname: !!python/object/apply:os.system ['true']\n")
    assert "invalid YAML" in problems_of(tmp_path, case)[0]


def test_an_unknown_id_suggests_the_close_one(case):
    with pytest.raises(ScenarioError, match="did you mean 'regulator-first'"):
        find_scenario("regulator-frist", SHIPPED, case)
    with pytest.raises(ScenarioError, match="no saved scenarios in"):
        find_scenario("x", ROOT / "no-such-folder", case)


# --- CLI: --scenario and its precedence --------------------------------------------------------


def ranked(capsys, *argv: str) -> dict:
    code, out, err = run(
        capsys, "rank", *DATA, "--scenarios", str(SHIPPED), *argv, "--format", "json"
    )
    assert code == 0, err
    return json.loads(out)


def link_scenario(result: dict, case) -> Scenario:
    return decode(result["link"], case).scenario


def test_rank_with_a_saved_scenario_equals_ranking_its_file(capsys, case):
    result = ranked(capsys, "--scenario", "regulator-first")
    expected = rank(case, find_scenario("regulator-first", SHIPPED, case).scenario)
    assert [r["vendor"] for r in result["ranking"]] == [r["vendor"] for r in expected.rows()]
    assert result["ranking"][0]["score"] == pytest.approx(0.81075)


def test_a_scenario_can_be_named_by_its_path(capsys):
    by_path = ranked(capsys, "--scenario", str(SHIPPED / "open-ecosystem.yaml"))
    by_id = ranked(capsys, "--scenario", "open-ecosystem")
    assert by_path == by_id


def test_the_link_overrides_the_saved_scenario_and_flags_override_both(capsys, case):
    only_saved = link_scenario(ranked(capsys, "--scenario", "regulator-first"), case)
    assert only_saved.weights["regulatory_readiness"] == 50
    assert only_saved.weights["model_capability"] == 20

    linked = link_scenario(
        ranked(
            capsys, "--scenario", "regulator-first", "--link", "m=topsis&w.regulatory_readiness=5"
        ),
        case,
    )
    assert linked.method == "topsis" and linked.normalization == "vector"
    assert linked.weights["regulatory_readiness"] == 5  # the link wins
    assert linked.weights["model_capability"] == 20  # the saved scenario's, kept

    flagged = link_scenario(
        ranked(
            capsys,
            "--scenario",
            "regulator-first",
            "--link",
            "m=topsis&w.regulatory_readiness=5",
            "--weights",
            "regulatory_readiness=7",
            "--method",
            "wpm",
        ),
        case,
    )
    assert flagged.method == "wpm" and flagged.normalization == "max"
    assert flagged.weights["regulatory_readiness"] == 7
    assert flagged.weights["model_capability"] == 20


def test_rank_with_an_unknown_scenario_exits_2_with_a_hint(capsys):
    code, out, err = run(
        capsys, "rank", *DATA, "--scenarios", str(SHIPPED), "--scenario", "regulator"
    )
    assert code == 2 and out == ""
    assert err == "shortlist: no saved scenario 'regulator'; did you mean 'regulator-first'?\n"


def test_rank_with_a_broken_scenarios_folder_exits_2_with_locations(capsys, tmp_path):
    write(tmp_path, "x.yaml", VALID.replace("user_data: 10", 'user_data: "10"'))
    code, out, err = run(capsys, "rank", *DATA, "--scenarios", str(tmp_path), "--scenario", "mine")
    assert code == 2 and out == ""
    assert f"{tmp_path / 'x.yaml'}:8:5: scenario.weights.user_data: expected a number" in err
    assert err.rstrip().endswith("1 problem in the saved scenarios; fix it and run again.")
    assert "Traceback" not in err


def test_a_named_scenarios_folder_that_is_missing_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "scenarios", *DATA, "--scenarios", str(tmp_path / "nope"))
    assert code == 2 and "no such scenario file or folder" in err


# --- CLI: shortlist scenarios ------------------------------------------------------------------


def test_scenarios_lists_each_with_its_leader(capsys):
    code, out, err = run(capsys, "scenarios", *DATA, "--scenarios", str(SHIPPED))
    assert code == 0, err
    blocks = out.strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "open-ecosystem: Open ecosystem",
        "personalisation-first: Personalisation first",
        "regulator-first: Regulator first",
    ]
    assert blocks[2].splitlines()[-1] == "  Leader: Alibaba (Qwen) (0.811, WSM on scale values)"


def test_scenarios_json_lists_leaders_and_rankings(capsys, case):
    code, out, _ = run(capsys, "scenarios", *DATA, "--scenarios", str(SHIPPED), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["case"] == "china-ai-partner"
    regulator = data["scenarios"][2]
    assert regulator["id"] == "regulator-first"
    assert regulator["leader"]["vendor"] == "alibaba"
    assert regulator["leader"]["score"] == pytest.approx(0.81075)  # exact, not rounded
    assert regulator["ranking"] == ["alibaba", "baidu", "tencent", "bytedance", "deepseek"]
    assert decode(regulator["link"], case).scenario.weights["regulatory_readiness"] == 50


def test_scenarios_with_none_saved_says_how_to_add_one(capsys, tmp_path):
    code, out, _ = run(capsys, "scenarios", *DATA, "--scenarios", str(tmp_path))
    assert code == 0 and out.startswith("No saved scenarios in ")


def test_compare_shows_each_vendors_rank_under_each_scenario(capsys):
    code, out, err = run(capsys, "scenarios", *DATA, "--scenarios", str(SHIPPED), "--compare")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].split() == [
        "Vendor",
        "(defaults)",
        "open-ecosystem",
        "personalisation-first",
        "regulator-first",
    ]
    table = {line.rsplit(None, 4)[0]: line.split()[-4:] for line in lines[2:7]}
    assert table == {
        "Alibaba (Qwen)": ["1", "1", "1", "1"],
        "Baidu (ERNIE)": ["2", "3", "4", "2"],
        "Tencent (Hunyuan)": ["3", "4", "2", "3"],
        "ByteDance (Doubao)": ["4", "5", "3", "4"],
        "DeepSeek": ["5", "2", "5", "5"],
    }
    assert lines[-1] == (
        "Alibaba (Qwen) leads under 4 of 4: (defaults), open-ecosystem, personalisation-first, "
        "regulator-first"
    )


def test_compare_marks_vendors_set_aside_or_not_ranked(capsys, tmp_path):
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "vendors", tmp_path / "vendors")
    deepseek = tmp_path / "vendors" / "deepseek.yaml"
    text = deepseek.read_text(encoding="utf-8")
    # Below the must-have (min 4) on regulatory readiness: set aside in every scenario.
    deepseek.write_text(text.replace("value: 6\n    range: [4, 8]", "value: 3"), encoding="utf-8")
    write(
        tmp_path / "saved",
        "two.yaml",
        "id: two\nname: Two\nscenario:\n  vendors: [baidu, deepseek]\n",
    )
    data = ["--criteria", str(tmp_path / "criteria"), "--vendors", str(tmp_path / "vendors")]
    code, out, err = run(
        capsys, "scenarios", *data, "--scenarios", str(tmp_path / "saved"), "--compare"
    )
    assert code == 0, err
    rows = {line.rsplit(None, 2)[0]: line.split()[-2:] for line in out.splitlines()[2:7]}
    assert rows["Baidu (ERNIE)"] == ["2", "1"]
    assert rows["Alibaba (Qwen)"] == ["1", "-"]
    assert rows["DeepSeek"] == ["out", "out"]
    assert "Baidu (ERNIE) leads under 1 of 2: two" in out
    assert out.rstrip().endswith("out: set aside by a must-have; -: not among the vendors ranked")


def test_compare_json_has_exact_ranks_and_nulls(capsys, tmp_path):
    write(tmp_path, "two.yaml", "id: two\nname: Two\nscenario:\n  vendors: [tencent, deepseek]\n")
    args = ("scenarios", *DATA, "--scenarios", str(tmp_path), "--compare", "--format", "json")
    code, out, _ = run(capsys, *args)
    data = json.loads(out)
    assert code == 0 and [s["id"] for s in data["scenarios"]] == ["(defaults)", "two"]
    two = data["scenarios"][1]
    assert two["leader"] == "tencent"
    assert two["ranks"] == {
        "alibaba": None,
        "baidu": None,
        "bytedance": None,
        "deepseek": 2,
        "tencent": 1,
    }
