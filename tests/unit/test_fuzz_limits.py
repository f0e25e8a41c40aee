"""Fuzz at the limits (issue 12): hostile sheets, YAML files and share links generated at and
just past each limit in scoring/limits.py end in exit 0, or exit 2 with located messages (a
capped number of them, naming the limit when one is hit), within the stated memory and time.

Memory is the peak traced by tracemalloc (Python's allocations, which is where hostile input
costs); time is CPU time, bounded generously, as the machine running the tests is shared.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import limits
from scoring.cli import main
from scoring.scenario.link import decode

PEAK_MB = 1024  # issue 12's bound for the heaviest case: 1 GB
CPU_SECONDS = 120  # generous: a loaded 2-core machine; a blow-up is minutes or hours
MAX_LINES = 200  # capped messages: every kind at most MAX_PER_KIND, the rest counted
AT_LIMITS = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CRITERIA = """\
case: {id: t, name: T}
criteria:
  - {id: c0, name: C0, weight: 1, scale: {min: 0, max: 10}}
  - {id: c1, name: C1, weight: 2, levels: {none: 0, full: 10}}
  - {id: c2, name: C2, weight: 1, direction: cost, scale: {min: 0, max: 10}}
"""
HEADER = "id,name,c0,c1,c2"
NEAR = st.sampled_from([-1, 0, 1])  # just under, at, and just past a limit


def bounded(fn: Callable[[], object]) -> tuple[object, float, float]:
    """(fn's result, peak traced MiB, CPU seconds)."""
    tracemalloc.start()
    start = time.process_time()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1] / 2**20, time.process_time() - start
    finally:
        tracemalloc.stop()


def _rows(count: int, cell: str = "5") -> str:
    return "".join(f"v{i},V{i},{cell},full,3\n" for i in range(count))


@st.composite
def sheets(draw: st.DrawFn) -> tuple[str, str]:
    """(what it tests, a CSV text) at or near one limit."""
    near = draw(NEAR)
    kind = draw(
        st.sampled_from(
            ["vendors", "cells", "columns", "line", "stray", "long_number", "long_text", "rows"]
        )
    )
    if kind == "vendors":  # MAX_VENDORS vendors, one more, one fewer
        return kind, HEADER + "\n" + _rows(limits.MAX_VENDORS + near)
    if kind == "cells":  # a long sheet of MAX_CELLS cells, read whole (then too many vendors)
        head = "vendor_id,vendor_name,criterion,value,low,high,rationale,source_title,source_url"
        rows = limits.MAX_CELLS // 10 - 1 + near
        body = "".join(
            f"v{i // 3},V,c{i % 3},{5 if i % 3 != 1 else 'full'},,,why,t,\n" for i in range(rows)
        )
        return kind, head + ",source_date\n" + body
    if kind == "columns":  # a header as wide as the column limit
        return kind, HEADER + "".join(f",x{j}" for j in range(limits.MAX_COLUMNS - 5 + near))
    if kind == "line":  # one line of commas as long as the line limit
        return kind, HEADER + "\nv0,V0,5,full,3" + "," * (limits.MAX_LINE_CHARS - 13 + near) + "\n"
    if kind == "stray":  # data under unnamed columns, up to the column limit
        return kind, HEADER + "\n" + "v0,V0,5,full,3" + ",9" * (limits.MAX_COLUMNS - 5 + near)
    if kind == "long_number":  # digits that are not a number, as long as a cell may be
        cell = "1" * (limits.MAX_TEXT_CHARS - 1 + near) + "x"
        return kind, HEADER + "\n" + _rows(draw(st.integers(1, 40)), cell)
    if kind == "long_text":
        cell = draw(st.sampled_from(["\x1b[2J", "=1+2", "a", "\x00"])) * limits.MAX_TEXT_CHARS
        return kind, HEADER + f"\nv0,V0,5,full,3,{cell}\n"
    rows = limits.MAX_ROWS + near  # rows: blank rows count too
    return kind, HEADER + "\n" + _rows(3) + ",,,,\n" * rows


@pytest.fixture
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("limits")


@AT_LIMITS
@given(sheet=sheets())
def test_sheets_at_the_limits_end_in_a_message_within_time_and_memory(folder, capsys, sheet):
    kind, text = sheet
    (folder / "case.yaml").write_text(CRITERIA, encoding="utf-8")
    path = folder / "v.csv"
    path.write_text(text, encoding="utf-8")
    argv = ["validate", "--criteria", str(folder / "case.yaml"), "--vendors", str(path)]
    code, peak, cpu = bounded(lambda: main(argv))
    out, err = capsys.readouterr()
    assert code in (0, 2), (kind, err[-2000:])
    assert "Traceback" not in out + err
    assert len((out + err).splitlines()) <= MAX_LINES, kind
    assert peak < PEAK_MB, (kind, peak)
    assert cpu < CPU_SECONDS, (kind, cpu)
    if code == 2 and kind in {"vendors", "cells", "line", "rows"}:
        assert "limit" in err, (kind, err[-500:])


@AT_LIMITS
@given(
    kind=st.sampled_from(["params", "chars", "weights"]),
    near=NEAR,
    value=st.sampled_from(["1", "x" * 50, "\x1b[2J", "1e400", "-1"]),
)
def test_links_at_the_limits_decode_with_capped_warnings(demo_case, kind, near, value):
    if kind == "params":
        query = "&".join(f"p{i}={value}" for i in range(limits.MAX_PARAMS + near))
    elif kind == "chars":
        query = "w.quality=" + "9" * (limits.MAX_QUERY_CHARS - 10 + near)
    else:
        query = "&".join(f"w.unknown{i}={value}" for i in range(10_000))
    decoded, peak, cpu = bounded(lambda: decode(query, demo_case))
    warnings = decoded.warnings  # type: ignore[attr-defined]
    assert len(warnings) <= 3 * (limits.MAX_LINK_WARNINGS + 1)
    assert peak < PEAK_MB and cpu < CPU_SECONDS


@settings(max_examples=6, deadline=None)
@given(depth=st.integers(5, 12), fan=st.integers(5, 10))
def test_yaml_alias_bombs_stop_at_the_node_limit(tmp_path_factory, depth, fan):
    folder = tmp_path_factory.mktemp("bomb")
    lines = ["a0: &a0 [x]"]
    for i in range(1, depth):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * fan)}]")
    (folder / "case.yaml").write_text(CRITERIA, encoding="utf-8")
    vendors = folder / "vendors"
    vendors.mkdir()
    (vendors / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["validate", "--criteria", str(folder / "case.yaml"), "--vendors", str(vendors)]
    code, peak, cpu = bounded(lambda: main(argv))
    assert code == 2 and peak < PEAK_MB and cpu < CPU_SECONDS


def test_a_long_run_of_digits_is_read_in_linear_time(tmp_path):
    """Regression: the number pattern split a run of digits every way (20,000 digits: ~20 s)."""
    from scoring.tabular.docs import NUMBER

    text = "1" * limits.MAX_TEXT_CHARS + "x"
    found, _, cpu = bounded(lambda: [NUMBER.fullmatch(text) for _ in range(100)])
    assert found == [None] * 100 and NUMBER.fullmatch(text[:-1])
    assert cpu < CPU_SECONDS  # linear: well under a second; quadratic: about half an hour


@pytest.fixture(scope="module")
def demo_case():
    from scoring import load_case

    root = Path(__file__).resolve().parents[2]
    return load_case(root / "criteria", root / "vendors")
