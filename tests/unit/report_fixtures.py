"""Shared inputs for the report tests (no tests here): the shipped case, a hostile case, a
typed sensitivity result with hand-made numbers, so the writers are tested independently of the
engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import numpy as np

from scoring import Scenario, load_case
from scoring.present.brief import decision_brief
from scoring.present.brief_words import challengers_table, flips_table
from scoring.rank import rank
from scoring.report import build_report_data
from scoring.report.data import ReportData, SourceRow
from scoring.sensitivity import (
    Crossover,
    MethodComparison,
    SensitivityResult,
    SmaaResult,
    StabilityInterval,
)

ROOT = Path(__file__).resolve().parents[2]
WHEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
HOSTILE_NAME = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil","x")'
JS_URL = "javascript:alert(document.cookie)"


def shipped_case():
    return load_case(ROOT / "criteria", ROOT / "vendors")


def fake_sensitivity(
    vendors: list[str], names: list[str], leaf: tuple[str, str]
) -> SensitivityResult:
    """A typed result with hand-made numbers: leader stable on `leaf` from 10% to 60% of its
    parent, where the second vendor takes over; TOPSIS swaps the first two."""
    leaf, leaf_name = leaf
    m = len(vendors)
    acc = np.eye(m)
    acc[0, :2] = [0.75, 0.25]
    acc[1, :2] = [0.25, 0.75]
    topsis = (vendors[1], vendors[0], *vendors[2:])
    return SensitivityResult(
        method="wsm",
        normalization="scale",
        leader=vendors[0],
        stability=(StabilityInterval(leaf, leaf_name, 0.25, 0.1, 0.6, 0.2, 0.3),),
        crossovers={leaf: (Crossover(leaf, 0.6, vendors[0], vendors[1]),)},
        smaa=SmaaResult(
            vendor_ids=tuple(vendors),
            vendor_names=tuple(names),
            leaf_ids=(leaf,),
            samples=1000,
            seed=7,
            weights_model="dirichlet",
            concentration=50.0,
            score_sampling="uniform",
            method="wsm",
            normalization="scale",
            acceptability=acc,
            central_weights=np.full((m, 1), 0.25),
            confidence=np.full(m, 0.5),
            holistic=np.full(m, 0.5),
        ),
        methods=MethodComparison(
            chosen="wsm",
            vendor_ids=tuple(vendors),
            vendor_names=tuple(names),
            normalizations={"wsm": "scale", "topsis": "vector"},
            rankings={"wsm": tuple(vendors), "topsis": topsis},
            ranks={
                "wsm": {v: k + 1 for k, v in enumerate(vendors)},
                "topsis": {v: k + 1 for k, v in enumerate(topsis)},
            },
            kendall_tau={"wsm": 1.0, "topsis": 0.8},
            spearman_rho={"wsm": 1.0, "topsis": 0.9},
        ),
    )


def with_sensitivity(data: ReportData, case=None, scenario: Scenario | None = None) -> ReportData:
    """The report with the fake result, and the brief and its tables rebuilt from it."""
    case = case or shipped_case()
    result = rank(case, scenario or Scenario())
    vendors = [r.vendor for r in data.ranking]
    sens = fake_sensitivity(vendors, [r.name for r in data.ranking], data.leaves[0])
    brief = decision_brief(result, sens, as_of=data.generated_at.date())
    return dataclasses.replace(
        data,
        sensitivity=sens,
        sensitivity_note="",
        brief=brief,
        brief_tables=(flips_table(brief), challengers_table(brief, case)),
    )


def shipped_data(**kwargs) -> ReportData:
    """The shipped case's default report with the fake sensitivity result."""
    data = build_report_data(
        shipped_case(), Scenario(), sensitivity=False, generated_at=WHEN, **kwargs
    )
    return with_sensitivity(data)


HOSTILE_CRITERIA = """
case: {id: hostile, name: "Hostile | case <b>bold</b>"}
criteria:
  - id: quality
    name: "Quality | *stars*"
    weight: 60
    scale: {min: 0, max: 10}
    must_have: {min: 2}
  - id: price
    name: Price
    weight: 40
    direction: cost
    scale: {min: 0, max: 10}
"""


def hostile_case(tmp_path: Path):
    """Vendors named like markup and formulas, with a formula-like rationale."""
    (tmp_path / "criteria").mkdir()
    (tmp_path / "vendors").mkdir()
    (tmp_path / "criteria" / "c.yaml").write_text(HOSTILE_CRITERIA, encoding="utf-8")
    vendors = {
        "evil": (HOSTILE_NAME, 9, 2),
        "formula": ("=1+2", 7, 3),
        "plain": ("Plain Vendor", 5, 5),
        "out": ("@Excluded [x](javascript:alert(1))", 1, 1),
    }
    for vid, (name, q, p) in vendors.items():
        (tmp_path / "vendors" / f"{vid}.yaml").write_text(
            textwrap.dedent(
                f"""\
                id: {vid}
                name: '{name}'
                scores:
                  quality:
                    value: {q}
                    rationale: '{FORMULA}'
                    sources: [{{title: "Good | source", url: "https://example.com/a?b=1&c=<2>"}}]
                  price:
                    value: {p}
                    rationale: "-2 + 3 <img src=x onerror=alert(1)>"
                """
            ),
            encoding="utf-8",
        )
    return load_case(tmp_path / "criteria", tmp_path / "vendors")


def hostile_data(tmp_path: Path) -> ReportData:
    """The hostile case's report, with a javascript: source URL smuggled past the loader."""
    case = hostile_case(tmp_path)
    data = with_sensitivity(
        build_report_data(case, Scenario(), sensitivity=False, generated_at=WHEN), case
    )
    bad = SourceRow(HOSTILE_NAME, JS_URL, "2025-01-01")
    evidence = tuple(
        dataclasses.replace(e, sources=(*e.sources, bad)) if i == 0 else e
        for i, e in enumerate(data.evidence)
    )
    return dataclasses.replace(data, evidence=evidence)


class Page(HTMLParser):
    """Collects what the HTML tests look at: scripts, links, ranking rows, visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.script_srcs: list[str] = []
        self.scripts = 0
        self.link_hrefs: list[str] = []
        self.a_hrefs: list[str] = []
        self.other_srcs: list[str] = []
        self.ranking_rows: list[list[str]] = []
        self.text: list[str] = []
        self._in_ranking = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
            self._in_script = True
            if "src" in a:
                self.script_srcs.append(a["src"])
        elif tag == "link":
            self.link_hrefs.append(a.get("href", ""))
        elif tag == "a":
            self.a_hrefs.append(a.get("href", ""))
        elif "src" in a:
            self.other_srcs.append(a["src"])
        if tag == "table" and "ranking" in (a.get("class") or "").split():
            self._in_ranking = True
        if self._in_ranking and tag == "tr" and "rank-row" in (a.get("class") or ""):
            self._row = []
        if self._row is not None and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag == "td" and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.ranking_rows.append(self._row)
            self._row = None
        if tag == "table":
            self._in_ranking = False

    def handle_data(self, data):
        if self._in_script:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse_html(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page
