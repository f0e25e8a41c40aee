"""The command line: exit codes, output formats, and messages that never show a traceback.

Most tests call `scoring.cli.main(argv)` in-process; two run the real `python -m scoring` and
the installed `shortlist` script once each.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
ACME = (DEMO / "vendors" / "acme.yaml").read_text(encoding="utf-8")
BETA = (DEMO / "vendors" / "beta.yaml").read_text(encoding="utf-8")
CRITERIA = (DEMO / "criteria" / "case.yaml").read_text(encoding="utf-8")
VENDOR_IDS = ["alibaba", "baidu", "bytedance", "deepseek", "tencent"]


@pytest.fixture
def in_repo(monkeypatch):
    """Run from the repository root, so the defaults `criteria/` and `vendors/` are the shipped."""
    monkeypatch.chdir(ROOT)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- validate ----------------------------------------------------------------------------------


def test_validate_ok_prints_one_summary_line(in_repo, capsys):
    code, out, err = run(capsys, "validate")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ok: case 'china-ai-partner': 5 vendors, 8 leaf criteria (2 groups)")
    assert "1 unknown value," in lines[0]


def test_validate_broken_folder_lists_every_problem_on_stderr(write_case, capsys):
    broken = ACME.replace("quality: 8", "quality: 12").replace("licence: open", "licence: opne")
    write_case(vendors={"acme.yaml": broken, "beta.yaml": BETA.replace("id: beta", "id: Beta")})
    code, out, err = run(capsys, "validate")
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        "vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10",
        "vendors/acme.yaml:7:3: scores.licence: 'opne' is not a level of 'licence'; use one of: "
        "closed, open",
        "vendors/beta.yaml:1:1: id: 'Beta' is not a valid id: use lower-case letters, digits, "
        "'_' or '-'",
        "3 problems in the case data; fix them and run again.",
    ]
    assert "Traceback" not in err


def test_validate_names_what_it_did_not_read_in_the_vendors_folder(write_case, capsys):
    root = write_case(vendors={"acme.yaml": ACME, "notes.md": "# notes\n"})
    (root / "vendors" / "old").mkdir()
    (root / "vendors" / "old" / "beta.yaml").write_text(BETA, encoding="utf-8")
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.rstrip().endswith("; not read in vendors: notes.md, old/")
    assert out.startswith("ok: case 'demo': 1 vendor, 3 leaf criteria (0 groups), 0 unknown")


def test_validate_with_explicit_paths(write_case, capsys):
    root = write_case(vendors={"acme.yaml": ACME, "beta.yaml": BETA})
    code, out, _ = run(
        capsys,
        "validate",
        "--criteria",
        str(root / "criteria" / "case.yaml"),
        "--vendors",
        str(root / "vendors"),
    )
    assert code == 0
    assert out.startswith("ok: case 'demo': 2 vendors, 3 leaf criteria (0 groups), 0 unknown")


def test_validate_missing_folder(write_case, capsys):
    write_case()
    code, _, err = run(capsys, "validate", "--vendors", "nowhere")
    assert code == 2
    assert err.splitlines()[0] == "nowhere: no such vendors file or folder"


# --- rank --------------------------------------------------------------------------------------


def test_rank_table(in_repo, capsys):
    code, out, err = run(capsys, "rank")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Generative-AI partner for the China market - WSM on scale values"
    assert lines[2].split()[:2] == ["1", "Alibaba"]
    assert lines[6].endswith("Consumer behavioural data")  # deepseek's unknown, flagged
    assert lines[7] == (
        "Unknown values are scored at the worst end of their scale (conservative); "
        "set unknowns to midpoint to score them at the middle instead."
    )
    # The table closes with the decision brief, the same sentences as `shortlist brief`.
    assert lines[9] == "In brief:"
    assert lines[10] == (
        "  - Alibaba (Qwen) leads with a score of 0.831, ahead of Baidu (ERNIE) (0.698) by 0.133 points,"
    )


def test_rank_json_has_exactly_the_documented_keys(in_repo, capsys):
    code, out, _ = run(capsys, "rank", "--format", "json")
    assert code == 0
    data = json.loads(out)
    required = {"case", "method", "normalization", "weights", "ranking", "excluded", "fingerprint"}
    assert required <= set(data)
    assert data["case"] == "china-ai-partner"
    assert (data["method"], data["normalization"]) == ("wsm", "scale")
    assert data["weights"]["regulatory_readiness"] == pytest.approx(0.25)
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert data["excluded"] == []
    assert len(data["fingerprint"]) == 12
    for row in data["ranking"]:
        assert {"rank", "vendor", "name", "score", "unknowns"} <= set(row)
    assert [r["rank"] for r in data["ranking"]] == [1, 2, 3, 4, 5]
    assert data["ranking"][0]["vendor"] == "alibaba"
    unknowns = {r["vendor"]: r["unknowns"] for r in data["ranking"]}
    assert unknowns["deepseek"] == ["user_data"]


def test_rank_json_lists_excluded_vendors_with_reasons(write_case, capsys):
    write_case(vendors={"acme.yaml": ACME, "beta.yaml": BETA.replace("quality: 6", "quality: 2")})
    code, out, _ = run(capsys, "rank", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [r["vendor"] for r in data["ranking"]] == ["acme"]
    assert data["excluded"] == [
        {
            "vendor": "beta",
            "name": "Beta",
            "reasons": ["Quality: 2 is below the must-have minimum 4"],
            "unknowns": [],
        }
    ]


def test_rank_table_and_markdown_show_who_was_set_aside(write_case, capsys):
    write_case(vendors={"acme.yaml": ACME, "beta.yaml": BETA.replace("quality: 6", "quality: 2")})
    _, table, _ = run(capsys, "rank")
    lines = table.splitlines()
    at = lines.index("Set aside by a must-have:")
    assert lines[at + 1] == "  Beta: Quality: 2 is below the must-have minimum 4"
    assert "  - Set aside by a must-have: Beta (Quality: 2 is below the must-have minimum 4)." in (
        lines
    )
    _, markdown, _ = run(capsys, "rank", "--format", "markdown")
    assert markdown.splitlines()[-3:] == [
        "**Set aside by a must-have**",
        "",
        "- Beta: Quality: 2 is below the must-have minimum 4",
    ]


def test_rank_csv(in_repo, capsys):
    code, out, _ = run(capsys, "rank", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["rank", "vendor", "name", "score", "gap", "unknowns", "set_aside"]
    assert [r["vendor"] for r in rows][0] == "alibaba"
    assert sorted(r["vendor"] for r in rows) == VENDOR_IDS
    deepseek = next(r for r in rows if r["vendor"] == "deepseek")
    assert deepseek["unknowns"] == "user_data"
    assert float(rows[0]["gap"]) == 0.0


def test_rank_markdown(in_repo, capsys):
    code, out, _ = run(capsys, "rank", "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "**Generative-AI partner for the China market**: WSM on scale values"
    assert lines[2] == "| Rank | Vendor | Score | Gap to leader | Unknown values |"
    assert lines[4].startswith("| 1 | Alibaba (Qwen) | 0.831 | 0.000 | none |")
    assert lines[8] == "| 5 | DeepSeek | 0.568 | 0.263 | Consumer behavioural data |"
    assert lines[10].startswith("Unknown values are scored at the worst end of their scale")
    assert len(lines) == 11


@pytest.mark.parametrize(
    ("method", "normalization"), [("wsm", "scale"), ("wpm", "max"), ("topsis", "vector")]
)
def test_each_method_uses_its_default_normalisation(in_repo, capsys, method, normalization):
    code, out, _ = run(capsys, "rank", "--method", method, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["method"], data["normalization"]) == (method, normalization)
    assert sorted(r["vendor"] for r in data["ranking"]) == VENDOR_IDS


@pytest.mark.parametrize("normalization", ["scale", "minmax", "vector", "max", "sum"])
def test_every_normalisation_is_a_choice(in_repo, capsys, normalization):
    code, out, _ = run(capsys, "rank", "--normalization", normalization, "--format", "json")
    assert code == 0
    assert json.loads(out)["normalization"] == normalization


def test_weights_flag_sets_raw_weights(in_repo, capsys):
    code, out, _ = run(capsys, "rank", "--weights", "regulatory_readiness=40", "--format", "json")
    assert code == 0
    assert json.loads(out)["weights"]["regulatory_readiness"] == pytest.approx(40 / 115)


def test_a_group_weight_splits_among_its_children(in_repo, capsys):
    # model_capability 50 of 25 + 50 + 20 + 15 + 15 = 125 -> 0.4; its children keep 60:40.
    code, out, _ = run(capsys, "rank", "--weights", "model_capability=50", "--format", "json")
    assert code == 0
    weights = json.loads(out)["weights"]
    assert weights["model_quality"] == pytest.approx(0.4 * 0.6)
    assert weights["multimodal_on_device"] == pytest.approx(0.4 * 0.4)
    assert weights["regulatory_readiness"] == pytest.approx(25 / 125)
    assert weights["cloud_delivery"] == pytest.approx(20 / 125 * 35 / 100)


def test_weights_flag_on_a_group(in_repo, capsys):
    code, out, _ = run(capsys, "rank", "--weights", "model_capability=0", "--format", "json")
    assert code == 0
    weights = json.loads(out)["weights"]
    assert weights["model_quality"] == 0 and weights["multimodal_on_device"] == 0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nope=3", "shortlist: --weights: unknown criterion 'nope' (known: regulatory_readiness,"),
        (
            "model_quality=heavy",
            "shortlist: --weights: weight of model_quality must be a number from 0 to ",
        ),
        (
            "model_quality=-1",
            "shortlist: --weights: weight of model_quality must be a number from 0 to ",
        ),
        (
            "model_quality=1e7",
            "shortlist: --weights: weight of model_quality must be a number from 0 to ",
        ),
        (
            "model_quality=nan",
            "shortlist: --weights: weight of model_quality must be a number from 0 to ",
        ),
        ("model_quality", "shortlist: --weights: 'model_quality' is not ID=VALUE"),
        (
            "modle_quality=3",
            "shortlist: --weights: unknown criterion 'modle_quality' (did you mean",
        ),
        ("=3", "shortlist: --weights: '=3' is not ID=VALUE"),
        (
            "model_quality=3,model_quality=4",
            "shortlist: --weights: model_quality is given more than once; keep one",
        ),
    ],
)
def test_bad_weights_name_the_bad_item(in_repo, capsys, value, message):
    code, out, err = run(capsys, "rank", "--weights", value)
    assert code == 2
    assert out == ""
    assert err.startswith(message)
    assert "Traceback" not in err


def test_every_bad_weight_is_named_at_once(in_repo, capsys):
    code, _, err = run(capsys, "rank", "--weights", "nope=1,model_quality=x")
    assert code == 2
    assert "unknown criterion 'nope'" in err and "weight of model_quality" in err


def test_all_zero_weights_from_the_command_line(in_repo, capsys):
    zeros = "regulatory_readiness=0,model_capability=0,ecosystem_fit=0,user_data=0,open_source=0"
    code, _, err = run(capsys, "rank", "--weights", zeros)
    assert code == 2
    assert err == "shortlist: all weights are zero: give at least one criterion a weight\n"


def test_vendor_subset(in_repo, capsys):
    code, out, _ = run(capsys, "rank", "--vendor", "tencent", "baidu", "--format", "json")
    assert code == 0
    assert [r["vendor"] for r in json.loads(out)["ranking"]] == ["baidu", "tencent"]


def test_unknown_vendor(in_repo, capsys):
    code, _, err = run(capsys, "rank", "--vendor", "alibaba", "nobody")
    assert code == 2
    assert err.startswith("shortlist: --vendor: unknown vendor(s) nobody (known: alibaba, baidu,")


@pytest.mark.parametrize(
    "argv",
    [
        ["rank", "--method", "ahp"],
        ["rank", "--normalization", "zscore"],
        ["rank", "--format", "xml"],
        ["rank", "--no-such-flag"],
        ["frobnicate"],
        [],
    ],
)
def test_argparse_errors_exit_2_without_traceback(in_repo, capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: shortlist" in err
    assert "Traceback" not in err


def test_invalid_method_names_the_choices(in_repo, capsys):
    _, _, err = run(capsys, "rank", "--method", "ahp")
    assert (
        "invalid choice: 'ahp' (choose from 'wsm', 'wpm', 'topsis', 'vikor', 'promethee2')" in err
    )


def test_an_internal_bug_exits_1_with_a_plain_message(in_repo, capsys, monkeypatch):
    import scoring.cli.rank as rank_cmd

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(rank_cmd, "rank", broken)
    monkeypatch.delenv("SHORTLIST_DEBUG", raising=False)
    code, out, err = run(capsys, "rank")
    assert code == 1
    assert out == ""
    assert err.startswith("shortlist: internal error (RuntimeError: boom). This is a bug")
    assert "Traceback" not in err


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("shortlist ")


# --- the real entry points, once each ----------------------------------------------------------


def test_python_dash_m_scoring_on_a_broken_case(write_case):
    root = write_case(vendors={"acme.yaml": ACME.replace("quality: 8", "quality: 12")})
    proc = subprocess.run(
        [sys.executable, "-m", "scoring", "validate"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "vendors/acme.yaml:5:3: scores.quality: 12 is above the scale maximum 10",
        "1 problem in the case data; fix it and run again.",
    ]


def test_the_shortlist_console_script_ranks_the_shipped_case():
    script = Path(sys.executable).with_name("shortlist")
    assert script.exists(), "the `shortlist` console script is installed next to python"
    proc = subprocess.run(
        [str(script), "rank", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ranking"][0]["vendor"] == "alibaba"
