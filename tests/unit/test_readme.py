"""Every `shortlist` example in README.md runs as written, from a copy of the project folder.

A newcomer copies these lines after `make run` and `. .venv/bin/activate`; each must exit 0.
They run in order in one folder (the spreadsheet examples build on each other), through bash so
that quoting and comments read as they do in a terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("criteria", "vendors", "scenarios", ".streamlit")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def readme_commands() -> list[str]:
    """Each line of a shell code block in README.md that starts with `shortlist `."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        line.strip()
        for lang, body in FENCE.findall(text)
        if lang in ("sh", "bash", "console", "")
        for line in body.splitlines()
        if line.startswith("shortlist ")
    ]


def test_the_readme_has_cli_examples():
    commands = readme_commands()
    assert len(commands) >= 10
    assert any(c.startswith("shortlist link ") for c in commands)


@pytest.mark.timeout(600)
def test_every_readme_cli_example_exits_0(tmp_path):
    for name in SHIPPED:
        shutil.copytree(ROOT / name, tmp_path / name)
    env = {
        **os.environ,
        # `shortlist` as `. .venv/bin/activate` provides it: next to this interpreter.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("SHORTLIST_BASE_URL", None)
    failures = []
    for command in readme_commands():
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0 or "Traceback" in done.stderr:
            failures.append(f"{command}\n  exit {done.returncode}: {done.stderr.strip()[:500]}")
    assert not failures, "README examples that fail:\n" + "\n".join(failures)
