"""Shared inputs for the report tests (no tests here): the shipped case, a hostile case, a sensitivity dict.

The sensitivity dict has the documented shape of `scoring.sensitivity.analyse(...).to_dict()`,
with hand-made numbers, so the writers are tested independently of the engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from html.parser import HTMLParser
from pathlib import Path

from scoring import Scenario, load_case
from scoring.report import build_report_data
from scoring.report.data import ReportData, SourceRow

ROOT = Path(__file__).resolve().parents[2]
WHEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
HOSTILE_NAME = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil","x")'
JS_URL = "javascript:alert(document.cookie)"


def shipped_case():
    return load_case(ROOT / "criteria", ROOT / "vendors")


def fake_sensitivity(vendors: list[str], leaf: str) -> dict:
    """A to_dict()-shaped result: leader stable on `leaf` from 10% to 60% of its parent."""
    m = len(vendors)
    acc = {v: [1.0 if k == i else 0.0 for k in range(m)] for i, v in enumerate(vendors)}
    acc[vendors[0]] = [0.75, 0.25] + [0.0] * (m - 2)
    acc[vendors[1]] = [0.25, 0.75] + [0.0] * (m - 2)
    return {
        "stability": {
            leaf: {
                "weight": 0.25,
                "leader_low": 0.1,
                "leader_high": 0.6,
                "ranking_low": 0.2,
                "ranking_high": 0.3,
            }
        },
        "crossovers": {leaf: [{"weight": 0.6, "from": vendors[0], "to": vendors[1]}]},
        "smaa": {
            "samples": 1000,
            "seed": 7,
            "rank_acceptability": acc,
            "central_weights": {v: {leaf: 0.25} for v in vendors},
            "confidence": {v: 0.5 for v in vendors},
            "holistic": {v: 0.5 for v in vendors},
        },
        "methods": {
            "rankings": {"wsm": vendors, "topsis": [vendors[1], vendors[0], *vendors[2:]]},
            "kendall_tau": {"wsm": 1.0, "topsis": 0.8},
            "spearman_rho": {"wsm": 1.0, "topsis": 0.9},
        },
    }


def with_sensitivity(data: ReportData) -> ReportData:
    vendors = [r.vendor for r in data.ranking]
    leaf = data.leaves[0][0]
    return dataclasses.replace(
        data, sensitivity=fake_sensitivity(vendors, leaf), sensitivity_note=""
    )


def shipped_data(**kwargs) -> ReportData:
    """The shipped case's default report with the fake sensitivity dict."""
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
    data = with_sensitivity(
        build_report_data(hostile_case(tmp_path), Scenario(), sensitivity=False, generated_at=WHEN)
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
