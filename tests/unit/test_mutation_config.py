"""`make mutate`'s own files (mutation/): the config names real modules and test files, and
every equivalent mutant is listed once, for a configured module, with its reason. A renamed test
file or module would otherwise only show when someone next runs the hour-long job."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "mutation" / "config.toml").read_text(encoding="utf-8"))
LISTED = tomllib.loads((ROOT / "mutation" / "equivalent.toml").read_text(encoding="utf-8"))


def load_runner():
    spec = importlib.util.spec_from_file_location("mutation_run", ROOT / "mutation" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("module", list(CONFIG["modules"]))
def test_every_configured_module_and_its_deciding_tests_exist(module):
    assert (ROOT / module).is_file(), module
    tests = CONFIG["modules"][module]
    assert tests, f"{module} has no deciding tests"
    missing = [t for t in tests if not (ROOT / t).is_file()]
    assert not missing, f"{module}: no such test file {missing}"
    assert len(set(tests)) == len(tests), f"{module} lists a test file twice"


def test_every_module_with_a_formula_is_configured():
    """The engine's modules, as the issue names them: methods, normalisation, ranking,
    explanation, sensitivity, the brief, weights and group aggregation."""
    engine = [
        *sorted((ROOT / "scoring" / "methods").glob("*.py")),
        *sorted((ROOT / "scoring" / "sensitivity").glob("*.py")),
    ]
    configured = set(CONFIG["modules"])
    skipped = {"scoring/methods/__init__.py", "scoring/sensitivity/__init__.py"}  # registries
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in engine
        if p.relative_to(ROOT).as_posix() not in configured | skipped
    ]
    assert not missing
    for module in ("scoring/normalize.py", "scoring/rank.py", "scoring/case.py"):
        assert module in configured


def test_every_equivalent_is_listed_once_for_a_configured_module_with_a_reason():
    entries = LISTED["equivalent"]
    assert entries
    keys = Counter((e["module"], e["function"], e["before"], e["after"]) for e in entries)
    assert [k for k, n in keys.items() if n > 1] == []
    for e in entries:
        assert set(e) == {"module", "function", "before", "after", "reason"}, e
        assert e["module"] in CONFIG["modules"], e
        assert e["before"] != e["after"], e
        assert len(e["reason"]) > 20, e


def test_the_score_leaves_listed_equivalents_out():
    run = load_runner()
    t = run.Tally("m", killed=98, equivalent=10, survivors=[("a", "survived", ""), ("b", "", "")])
    assert t.total == 110
    assert t.score == pytest.approx(98 / 100)
    assert run.Tally("m", equivalent=3).score == 1.0
    table = run.table([t], threshold=0.99)
    assert "| m | 98 | 2 | 10 | 110 | 98.0% (below) |" in table
    assert "| **all** | 98 | 2 | 10 | 110 | 98.0% |" in table


def test_the_mutated_line_is_read_from_the_diff():
    run = load_runner()
    diff = "--- a.py\n+++ a.py\n@@ -1,3 +1,3 @@\n def f(x):\n-    return x > 0\n+    return x >= 0"
    assert run.changed_lines(diff) == ("return x > 0", "return x >= 0")
    assert run.dotted("scoring/sensitivity/sweep.py") == "scoring.sensitivity.sweep"
