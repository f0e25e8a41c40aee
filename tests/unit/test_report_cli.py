"""`shortlist report`: formats, atomic output, exit codes, and link == flags."""

from __future__ import annotations

import pytest

from scoring import Scenario, load_case, share_url
from scoring.cli import main
from tests.unit.report_fixtures import ROOT

DATA = ["--criteria", str(ROOT / "criteria"), "--vendors", str(ROOT / "vendors")]
TIME = ["--generated-at", "2026-03-01T09:30:00Z"]
FLAGS = ["--method", "topsis", "--weights", "regulatory_readiness=40,user_data=5",
         "--vendor", "alibaba", "baidu", "tencent", "--unknowns", "midpoint"]  # fmt: skip


def report(tmp_path, name: str, *args: str, samples: str | None = "300") -> bytes:
    out = tmp_path / name
    more = ["--samples", samples] if samples else []
    assert main(["report", "-o", str(out), *DATA, *TIME, *more, *args]) == 0
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "md", "xlsx", "html", "pdf"])
def test_a_link_gives_the_same_report_as_the_flags(tmp_path, fmt):
    case = load_case(ROOT / "criteria", ROOT / "vendors")
    scenario = Scenario(
        method="topsis",
        weights={"regulatory_readiness": 40, "user_data": 5},
        vendors=["alibaba", "baidu", "tencent"],
        unknowns="midpoint",
        samples=400,
        seed=7,
    )
    link = share_url("http://localhost:8501/", scenario, case)
    # The link alone carries the sample count and the seed; the flags give them explicitly.
    smaa = ["--samples", "400", "--seed", "7"]
    by_flags = report(tmp_path, f"flags.{fmt}", "--format", fmt, *FLAGS, *smaa, samples=None)
    by_link = report(tmp_path, f"link.{fmt}", "--format", fmt, "--link", link, samples=None)
    assert by_flags == by_link
    if fmt == "md":
        text = by_flags.decode()
        assert "TOPSIS" in text and "DeepSeek" not in text.split("## Evidence")[0]
        assert link in text
        assert "400 simulations" in text and "seed 7" in text


def test_every_format_is_written_and_reported(tmp_path, capsys):
    for fmt, magic in [("csv", b"\xef\xbb\xbfrank,"), ("md", b"# "), ("xlsx", b"PK"),
                       ("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF")]:  # fmt: skip
        payload = report(tmp_path, f"r.{fmt}", "--format", fmt)
        assert payload.startswith(magic), fmt
        out = capsys.readouterr().out
        assert str(tmp_path / f"r.{fmt}") in out and f"{len(payload):,} bytes" in out


def test_the_format_follows_the_file_extension(tmp_path):
    assert report(tmp_path, "board.markdown").startswith(b"# Generative")


def test_timestamp_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SHORTLIST_REPORT_TIME", "2025-12-24T08:00:00+00:00")
    out = tmp_path / "r.md"
    assert main(["report", "-o", str(out), *DATA, "--no-sensitivity"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "generated 2025-12-24 08:00:00 UTC" in text
    assert "Sensitivity analysis: not computed" in text


def test_seed_and_samples_reach_the_report(tmp_path):
    text = report(tmp_path, "r.md", "--seed", "42").decode()
    assert "300 simulations" in text and "seed 42" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}/r.doc"], "--format: give one of"),
        (["-o", "{tmp}/missing/r.md"], "does not exist"),
        (["-o", "{tmp}/r.md", "--samples", "5"], "--samples: '5' is not a whole number"),
        (["-o", "{tmp}/r.md", "--format", "docx"], "invalid choice"),
        (["-o", "{tmp}/r.md", "--generated-at", "soon"], "is not an ISO time"),
        (["-o", "{tmp}/r.md", "--vendor", "nobody"], "unknown vendor"),
        (
            ["-o", "{tmp}/r.md", "--weights", "model_quality=-1"],
            "weight of model_quality must be a number",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, capsys, args, message):
    argv = ["report", *DATA, *(a.format(tmp=tmp_path) for a in args)]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r.md").exists()


def test_an_unwritable_target_exits_2(tmp_path, capsys):
    target = tmp_path / "dir.md"
    target.mkdir()  # a folder where the file should go
    assert main(["report", "-o", str(target), *DATA, "--no-sensitivity"]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["dir.md"]  # no temporary file left
