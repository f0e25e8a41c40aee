"""The column-at-a-time path for clean matrix sheets (scoring.tabular.bulk) is a fast path, not a
second set of rules: on any sheet, clean or hostile, loading gives exactly what the
cell-by-cell path gives (the same vendors, fields and fingerprint, or the same messages), and a
clean sheet does take it (issue 11: 2,000 x 40 in about a second)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scoring.tabular as tabular
from benchmarks.bench_matrix import generate
from scoring import CaseError, load_case
from scoring.tabular.bulk import bulk_vendors
from scoring.tabular.grid import read_grid

CRITERIA = """\
case: {id: t, name: T}
criteria:
  - {id: price, name: Price, weight: 2, direction: cost, scale: {min: 0, max: 10}}
  - {id: fit, name: Fit, weight: 1, levels: {none: 0, part: 5, full: 10}}
  - id: grp
    name: Group
    weight: 1
    children:
      - {id: open, name: Open, weight: 1, scale: {min: -5, max: 5}}
"""
LEAVES = ("price", "fit", "open")
# Cells that pass, then cells that break a rule or that the fast path leaves to the slow one.
GOOD = {
    "price": ["8", " 7.5 ", "0", "-0", "10", "+3", ".5", "1e0", ""],
    "open": ["-5", "0", "5", "-0.0", "2.5"],
    "fit": ["none", "part", "full", " full "],
    "text": ["", "why", "=1+2", "tab\there", "line\nbreak", "x" * 300],
}
BAD = ["11", "-6", "1e400", "nan", "1_0", "5", "Full", "'full", "x" * 61, " ", "'quoted"]
BAD += ["bell\x07", "a" * 20_001, "Bad Id", "acme", "", "1" * 50]
# Texts of number characters that are not numbers, and numbers float() reads but NUMBER does not
# (the fast path checks the characters, then float(): together they must be exactly NUMBER).
BAD += ["1-2", "e5", ".", "+", "1.2.3", "5e", "1e+", "inf", "Infinity", "\u0661", "1\n2"]


@st.composite
def sheets(draw: st.DrawFn) -> list[list[str]]:
    """Matrix sheets of the criteria above: mostly clean, with 0 to 2 cells spoiled."""
    header = ["id", "name"] + (["summary"] if draw(st.booleans()) else [])
    for cid in LEAVES:
        header.append(cid)
        header += [cid + "_low", cid + "_high"] if draw(st.booleans()) else []
        header += [cid + "_rationale"] if draw(st.booleans()) else []
    if draw(st.integers(0, 9)) == 0:
        header.append(draw(st.sampled_from(["price_source", "links", "extra", "price", ""])))
    rows = []
    for i in range(draw(st.integers(0, 4)) or draw(st.integers(0, 3))):
        cells = {"id": f"v{i}", "name": f"Vendor {i}"}
        for name in header:
            cid, _, end = name.partition("_")
            if name in cells or cid not in LEAVES:
                cells.setdefault(name, draw(st.sampled_from(GOOD["text"])))
            elif not end:
                cells[name] = draw(st.sampled_from(GOOD[cid]))
            elif end == "rationale" or not cells[cid].strip():
                cells[name] = "a reason" if not cells[cid].strip() else ""
            else:
                cells[name] = cells[cid]  # a range around its value: [v, v]
        if not cells[LEAVES[0]].strip() and f"{LEAVES[0]}_rationale" not in header:
            cells[LEAVES[0]] = "3"
        rows.append([cells[name] for name in header])
    for _ in range(draw(st.integers(0, 2)) if rows else 0):
        r, c = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(header) - 1))
        rows[r][c] = draw(st.sampled_from(BAD))
    return [header, *rows]


def _outcome(criteria: Path, sheet: Path) -> tuple:
    try:
        case = load_case(criteria, sheet)
    except CaseError as err:
        return ("problems", [str(p) for p in err.problems])
    vendors = [
        (
            v.model_dump(),
            v.model_fields_set,
            {cid: s.model_fields_set for cid, s in v.scores.items()},
            list(v.scores),
        )
        for v in case.vendors
    ]
    return ("case", case.fingerprint, vendors)


def _write(folder: Path, records: list[list[str]]) -> tuple[Path, Path]:
    (folder / "case.yaml").write_text(CRITERIA, encoding="utf-8")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    (folder / "sheet.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder / "case.yaml", folder / "sheet.csv"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=sheets())
def test_any_sheet_loads_the_same_with_or_without_the_fast_path(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("bulk")
    criteria, sheet = _write(folder, records)
    fast = _outcome(criteria, sheet)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tabular, "bulk_vendors", lambda grid, criteria: None)
        slow = _outcome(criteria, sheet)
    assert fast == slow


def test_a_clean_sheet_takes_the_fast_path_with_the_slow_paths_values(tmp_path):
    records = [
        ["id", "name", "summary", "price", "price_low", "price_high", "fit", "open"],
        ["acme", "Acme", "", "-0", "-0", "2", " full ", "-5"],
        ["beta", "Beta Co", "Two\tlines\nhere", "7.5", "", "", "none", "5"],
        ["", "", "", "", "", "", "", ""],  # a blank row is skipped, as fill skips it
    ]
    criteria, sheet = _write(tmp_path, records)
    grid = read_grid(sheet, "sheet.csv", [])
    case = load_case(criteria, sheet)
    fast = bulk_vendors(grid, case.criteria)
    assert fast is not None and fast == case.vendors
    acme = fast[0].scores
    assert acme["price"].value == 0.0 and str(acme["price"].value) == "0.0"  # not -0.0
    assert acme["price"].range == (0.0, 2.0) and acme["fit"].value == "full"
    assert fast[1].summary == "Two\tlines\nhere" and fast[1].scores["price"].range is None


def test_the_benchmark_sheet_takes_the_fast_path_and_loads_as_the_slow_path_does(tmp_path):
    sheet = generate(tmp_path, vendors=30, criteria=12)
    criteria = tmp_path / "criteria"
    fast = _outcome(criteria, sheet)
    calls = []

    def spy(grid, crits):
        calls.append(1)
        return bulk_vendors(grid, crits)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tabular, "bulk_vendors", spy)
        assert _outcome(criteria, sheet) == fast
        patch.setattr(tabular, "bulk_vendors", lambda grid, criteria: None)
        slow = _outcome(criteria, sheet)
    assert calls and fast[0] == "case" and fast == slow
    grid = read_grid(sheet, "vendors.csv", [])
    case = load_case(criteria, sheet)
    assert bulk_vendors(grid, case.criteria) == case.vendors
