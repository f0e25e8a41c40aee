"""`shortlist sensitivity`: JSON keys, the table, scenario flags and links, bad input -> exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring import Scenario
from scoring.cli import main
from scoring.cli.sensitivity import as_table
from scoring.load import Case
from scoring.methods import METHOD_REGISTRY
from scoring.model import CaseInfo, Criterion, Vendor
from scoring.sensitivity import analyse

ROOT = Path(__file__).resolve().parents[2]
DATA = ["--criteria", str(ROOT / "criteria"), "--vendors", str(ROOT / "vendors")]


def run(capsys, *args):
    code = main(["sensitivity", *DATA, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_keys(capsys):
    code, out, _ = run(capsys, "--format", "json", "--samples", "500", "--seed", "3")
    assert code == 0
    d = json.loads(out)
    assert {"stability", "crossovers", "smaa", "methods"} <= set(d)
    assert set(d["stability"]["user_data"]) == {
        "weight",
        "leader_low",
        "leader_high",
        "ranking_low",
        "ranking_high",
    }
    assert {"samples", "seed", "rank_acceptability", "central_weights", "confidence"} <= set(
        d["smaa"]
    )
    assert (d["smaa"]["samples"], d["smaa"]["seed"]) == (500, 3)
    assert d["methods"]["rankings"]["wsm"][0] == "alibaba"
    assert set(d["methods"]["kendall_tau"]) == set(METHOD_REGISTRY)


def test_smaa_flags_reach_the_analysis(capsys):
    args = ["--format", "json", "--samples", "200", "--weights-model", "dirichlet"]
    args += ["--concentration", "7.5", "--score-sampling", "triangular", "--method", "topsis"]
    code, out, _ = run(capsys, *args)
    sm = json.loads(out)["smaa"]
    assert code == 0
    assert (sm["weights_model"], sm["concentration"], sm["score_sampling"]) == (
        "dirichlet",
        7.5,
        "triangular",
    )
    assert sm["method"] == "topsis"


def test_link_supplies_samples_and_seed_and_flags_override_it(capsys):
    code, out, _ = run(capsys, "--format", "json", "--link", "?k=300&seed=11&wm=order&m=wpm")
    sm = json.loads(out)["smaa"]
    assert code == 0 and (sm["samples"], sm["seed"], sm["weights_model"]) == (300, 11, "order")
    code, out, _ = run(capsys, "--format", "json", "--link", "k=300&seed=11", "--seed", "12")
    assert json.loads(out)["smaa"]["seed"] == 12


def test_same_seed_same_json(capsys):
    first = run(capsys, "--format", "json", "--samples", "400", "--seed", "5")[1]
    again = run(capsys, "--format", "json", "--samples", "400", "--seed", "5")[1]
    assert first == again


def test_table(capsys):
    code, out, _ = run(capsys, "--samples", "500")
    assert code == 0
    lines = out.splitlines()
    # The same tables as the reports' sensitivity section: what flips it first.
    assert lines[2] == "What flips it: one weight moved, the others left as they are"
    at = lines.index("How far each weight can move: riskiest first")
    first_row = lines[at + 2]
    # In slider values and share of the total: regulatory readiness (25 of 100) can go up to
    # 158 (67.8% of the total) before Baidu leads.
    assert first_row.split() == ["Regulatory", "readiness", "25", "25.0%", "0", "\u2013", "158",
                                 "0.0%", "\u2013", "67.8%", "8", "\u2013", "158", "9.6%",
                                 "\u2013", "67.8%"]  # fmt: skip
    cross = lines[lines.index("Where the leader changes when one weight moves") + 2]
    assert cross.split() == ["Regulatory", "readiness", "158", "67.8%", "Alibaba", "(Qwen)",
                             "Baidu", "(ERNIE)"]  # fmt: skip
    assert "Share of the 500 simulations" in out and "seed 0" in out
    # The holistic index's meta-weights are a choice (Lahdelma & Salminen 2001): it is stated.
    assert "the sum over r of P(rank r) x (m - r) / (m - 1)" in out
    topsis = next(line for line in lines if line.startswith("  TOPSIS"))
    assert topsis.endswith("DeepSeek 4 (5 under WSM), ByteDance (Doubao) 5 (4 under WSM)")


@pytest.mark.parametrize(
    "args,message",
    [
        (["--samples", "5"], "--samples must be from 100 to 1,000,000"),
        (["--samples", "lots"], "--samples must be a number"),
        (["--seed", "-1"], "--seed must be from 0"),
        (["--concentration", "0"], "--concentration must be from 0.01 to 10,000, got 0"),
        (["--weights-model", "gaussian"], "invalid choice"),
        (["--score-sampling", "normal"], "invalid choice"),
        (["--weights", "nope=3"], "unknown criterion 'nope'"),
        (["--vendor", "acme"], "unknown vendor(s) acme"),
    ],
)
def test_bad_input_exits_2_with_a_message(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and out == ""


def test_no_vendor_left_exits_2(capsys, tmp_path):
    # Every vendor set aside by the must-have: nothing to analyse, said plainly.
    crit = (ROOT / "criteria" / "ai_partner.yaml").read_text(encoding="utf-8")
    (tmp_path / "criteria.yaml").write_text(
        crit.replace("must_have: {min: 4}", "must_have: {min: 10}")
    )
    code = main(
        [
            "sensitivity",
            "--criteria",
            str(tmp_path / "criteria.yaml"),
            "--vendors",
            str(ROOT / "vendors"),
        ]
    )
    _, err = capsys.readouterr()
    assert code == 2
    assert "no vendor passes the must-haves: there is nothing to analyse" in err


def test_table_shows_criterion_names_in_full(capsys):
    # "Multimodal and on-device models" (31 characters) used to be cut to 28.
    out = run(capsys, "--samples", "200")[1]
    row = next(line for line in out.splitlines() if line.startswith("  Multimodal"))
    assert row.startswith("  Multimodal and on-device models  ")
    assert row.split()[4:] == ["40", "10.0%", "0", "or", "more", "0.0%", "\u2013", "25.0%",
                               "0", "or", "more", "0.0%", "\u2013", "25.0%"]  # fmt: skip
    header = next(
        line for line in out.splitlines() if "  Share now  " in line and "Leader holds" in line
    )
    assert header.index("Share now") + len("Share now") == row.index("10.0%") + 5  # aligned


def test_table_and_json_say_why_an_only_child_is_not_swept(capsys):
    leaves = [Criterion(id="a", name="Alpha", weight=2, scale={"min": 0, "max": 10})]
    group = Criterion(
        id="g",
        name="Group",
        weight=1,
        children=[Criterion(id="b", name="Beta", weight=1, scale={"min": 0, "max": 10})],
    )
    vendors = tuple(
        Vendor(id=v, name=v.upper(), scores={"a": a, "b": b})
        for v, a, b in (("x", 8, 2), ("y", 2, 9))
    )
    case = Case(CaseInfo(id="t", name="T"), (*leaves, group), vendors, (), "fp")
    res = analyse(case, Scenario(), samples=200)
    assert [x.criterion for x in res.stability] == ["a", "g"]
    assert res.to_dict()["not_swept"] == {
        "b": "Beta is the only criterion under Group: its weight moves with Group's (see its "
        "interval)"
    }
    assert "  not swept: Beta is the only criterion under Group" in as_table(res, case, Scenario())
