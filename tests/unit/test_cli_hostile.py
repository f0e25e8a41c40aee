"""Hostile input ends in a located message and exit 2, never an internal error (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.cli import main
from tests.conftest import ACME, BETA

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_vendor_file_that_is_a_symlink_loop_is_named(write_case, capsys):
    root = write_case()
    (root / "vendors" / "loop.yaml").symlink_to("loop.yaml")
    code, _, err = run(capsys, "validate")
    assert code == 2
    assert err.splitlines()[0] == (
        "vendors/loop.yaml: a symbolic link loop (the link leads back to itself, never to a file)"
    )


@pytest.mark.parametrize("flag", ["--vendors", "--criteria"])
def test_a_folder_that_is_a_symlink_loop_is_named(write_case, capsys, flag):
    root = write_case()
    (root / "loop").symlink_to("loop")
    code, _, err = run(capsys, "rank", flag, "loop")
    assert code == 2
    assert "loop: a symbolic link loop" in err and "internal error" not in err


def test_a_400_digit_score_is_located_and_says_the_rule(write_case, capsys):
    write_case(vendors={"acme.yaml": ACME.replace("quality: 8", "quality: " + "9" * 400)})
    code, _, err = run(capsys, "validate")
    assert code == 2
    assert err.splitlines()[0] == (
        "vendors/acme.yaml:5:3: scores.quality: expected a number, a level label or "
        "null, got a 400-digit number, too large to use (a number must be below 1.8e308)"
    )


def test_a_score_of_1e400_is_located(write_case, capsys):
    write_case(vendors={"acme.yaml": ACME.replace("quality: 8", "quality: 1.0e+400")})
    code, _, err = run(capsys, "rank")
    assert code == 2
    assert err.splitlines()[0].startswith("vendors/acme.yaml:5:3: scores.quality: ")
    assert err.splitlines()[0].endswith(
        "got infinity (.inf, or a number too large to use: above 1.8e308)"
    )


def test_a_huge_weight_is_located(write_case, capsys):
    from tests.conftest import CRITERIA

    write_case(CRITERIA.replace("weight: 2", "weight: " + "1" * 500, 1))
    code, _, err = run(capsys, "rank")
    assert code == 2 and "criteria/case.yaml:5:" in err and "500-digit number" in err


@pytest.mark.parametrize(
    ("field", "text", "shown"),
    [
        ("name", r'"Ac\0me"', r"Ac\x00me"),
        ("name", r'"\r=1+2"', r"\x0d=1+2"),
        ("summary", r'"bell \a and \e[2J"', r"bell \x07 and \x1b[2J"),
    ],
)
def test_control_characters_in_text_are_refused_where_they_are_written(
    write_case, capsys, field, text, shown
):
    acme = ACME.replace("name: Acme", f"name: {text}" if field == "name" else "name: Acme")
    if field == "summary":
        acme = acme.replace("summary: Illustrative.", f"summary: {text}")
    write_case(vendors={"acme.yaml": acme, "beta.yaml": BETA})
    code, out, err = run(capsys, "report", "-o", "r.xlsx")
    assert code == 2 and out == "" and not Path("r.xlsx").exists()
    line = err.splitlines()[0]
    assert line.startswith(f"vendors/acme.yaml:{2 if field == 'name' else 3}:")
    assert f"{field}: holds a control character ('{shown}')" in line
    assert not any(c in err for c in "\x00\x07\x1b\r")


def test_a_rationale_may_hold_line_breaks_and_tabs(write_case, capsys):
    acme = ACME.replace("quality: 8", 'quality: {value: 8, rationale: "one\\ntwo\\tthree\\r\\n"}')
    write_case(vendors={"acme.yaml": acme})
    assert run(capsys, "validate")[0] == 0


def test_escape_sequences_in_a_key_are_shown_escaped(write_case, capsys):
    write_case(vendors={"acme.yaml": ACME.replace("scores:", 'scores:\n  "\\e[2Jx\\a": 3')})
    code, _, err = run(capsys, "validate")
    assert code == 2 and "\x1b" not in err and "\x07" not in err
    assert "scores.\\x1b[2Jx\\x07: unknown criterion" in err


def _cli(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SHORTLIST_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "scoring", *argv], cwd=ROOT, env=env, check=False, **kwargs
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_full_disk_on_stdout_is_one_clear_line(fmt):
    with open("/dev/full", "w") as full:
        done = _cli("rank", "--format", fmt, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2
    assert done.stderr == "shortlist: cannot write the output: No space left on device\n"


def test_a_closed_pipe_ends_quietly():
    """`shortlist report ... | head -c 1`: the reader leaves early; no traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "scoring", "rank", "--format", "json"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(1)
    proc.stdout.close()  # the reader is gone before the rest is written
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait() in (0, 141) and "Traceback" not in err and "internal error" not in err
