"""Evidence freshness: scores whose newest source is older than the limit (18 months by
default), or that have no source or no dated one, are listed; hand-checked dates (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from scoring import load_case
from scoring.model import Source
from scoring.present.freshness import (
    cutoff,
    freshness_rows,
    freshness_sentence,
    freshness_table,
    source_date,
)
from tests.unit.tabular.support import ROOT


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2025, 2, 13), dt.date(2025, 2, 13)),
        ("2024", dt.date(2024, 12, 31)),  # a year counts to its last day
        ("2024-02", dt.date(2024, 2, 29)),  # a month to its last day (leap year)
        ("2023-2025", dt.date(2025, 12, 31)),  # a span to its last year
        (None, None),
    ],
)
def test_a_source_date_counts_as_late_as_it_can_mean(date, expected):
    assert source_date(Source(title="t", date=date)) == expected


def test_the_cutoff_is_calendar_months_back_with_the_day_clamped():
    assert cutoff(dt.date(2026, 12, 1), 18) == dt.date(2025, 6, 1)
    assert cutoff(dt.date(2026, 8, 31), 18) == dt.date(2025, 2, 28)
    assert cutoff(dt.date(2026, 1, 15), 1) == dt.date(2025, 12, 15)


def test_the_shipped_case_as_of_a_date_lists_stale_and_undated_scores():
    case = load_case(ROOT / "criteria", ROOT / "vendors")
    as_of = dt.date(2026, 12, 1)  # cutoff 2025-06-01
    rows = freshness_rows(case, as_of, 18)
    by_key = {(r.vendor, r.criterion): r for r in rows}
    # Alibaba's regulatory readiness: newest source "2025-02" (-> 2025-02-28) < 2025-06-01.
    assert by_key[("alibaba", "regulatory_readiness")].status == "stale"
    assert by_key[("alibaba", "regulatory_readiness")].newest == dt.date(2025, 2, 28)
    # A day after that newest source, nothing of it is stale.
    fresh = freshness_rows(case, dt.date(2025, 3, 1), 18)
    assert ("alibaba", "regulatory_readiness") not in {(r.vendor, r.criterion) for r in fresh}
    # Unknown values are never listed.
    assert ("deepseek", "user_data") not in by_key
    assert len(freshness_table(rows).rows) == len(rows)
    assert freshness_sentence(rows, 18).startswith("Evidence to refresh: of the known scores, ")


def test_unsourced_and_undated_scores_are_named(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "v").mkdir()
    (tmp_path / "c" / "c.yaml").write_text(
        "case: {id: t, name: T}\ncriteria:\n  - {id: a, name: A, scale: {min: 0, max: 10}}\n"
        "  - {id: b, name: B, scale: {min: 0, max: 10}}\n",
        encoding="utf-8",
    )
    (tmp_path / "v" / "x.yaml").write_text(
        "id: x\nname: X\nscores:\n  a: 5\n  b: {value: 5, sources: [{title: Call notes}]}\n",
        encoding="utf-8",
    )
    case = load_case(tmp_path / "c", tmp_path / "v")
    rows = freshness_rows(case, dt.date(2026, 1, 1))
    assert [(r.criterion, r.status) for r in rows] == [("a", "unsourced"), ("b", "undated")]
    assert freshness_sentence(rows) == (
        "Evidence to refresh: of the known scores, 1 has no source; 1 has only undated sources."
    )


def test_the_reports_list_the_evidence_to_refresh_as_of_their_date():
    from scoring.report import render, write_markdown
    from tests.unit.report_fixtures import shipped_data

    data = shipped_data()  # generated 2026-03-01: the limit is 2024-09-01
    # Hand-checked: Baidu's regulatory readiness cites sources dated 2023-08-31 and 2023-08-15
    # only; every other known score has a source dated after 2024-09-01.
    row = (
        "| Baidu (ERNIE) | Regulatory readiness | 2023-08-31 | newest source older than the limit |"
    )
    text = write_markdown(data)
    assert "### Evidence to refresh (older than 18 months, or missing)" in text
    assert row in text
    html = render(data, "html")
    html = html.decode() if isinstance(html, bytes) else html
    assert '<h3 id="freshness">Evidence to refresh (older than 18 months, or missing)</h3>' in html
    assert "2023-08-31" in html.split('id="freshness"', 1)[1]
