"""Evidence to refresh in the decision brief: stale, unsourced and undated scores named in plain
words, vendors and criteria capped with a count of the rest; none when all are fresh (issue 11)."""

from __future__ import annotations

import datetime as dt

from scoring import Scenario, load_case, rank
from scoring.present.brief import decision_brief
from scoring.present.freshness import FreshnessRow, freshness_words
from tests.unit.tabular.support import ROOT

CASE = load_case(ROOT / "criteria", ROOT / "vendors")


def row(vendor: str, criterion: str, status: str, newest: dt.date | None = None):
    return FreshnessRow(vendor.lower(), vendor, criterion.lower(), criterion, newest, status)


def test_each_reason_is_one_sentence_naming_vendors_and_criteria():
    rows = [
        row("Acme", "Price", "stale", dt.date(2020, 1, 1)),
        row("Acme", "Quality", "unsourced"),
        row("Beta", "Price", "unsourced"),
        row("Beta", "Support", "undated"),
    ]
    assert freshness_words(rows, 12) == [
        "Evidence to refresh: 1 known score rests on evidence older than 12 months: Acme on Price.",
        "Evidence to refresh: 2 known scores have no source: Acme on Quality; Beta on Price.",
        "Evidence to refresh: 1 known score has only undated sources: Beta on Support.",
    ]


def test_long_lists_name_three_criteria_and_five_vendors_and_count_the_rest():
    criteria = ["A", "B", "C", "D", "E"]
    vendors = ["V1", "V2", "V3", "V4", "V5", "V6", "V7"]
    rows = [row(v, c, "unsourced") for v in vendors for c in criteria]
    [sentence] = freshness_words(rows)
    per_vendor = "on A, B, C and 2 more"
    assert sentence == (
        "Evidence to refresh: 35 known scores have no source: "
        + "; ".join(f"{v} {per_vendor}" for v in vendors[:5])
        + "; and 2 more vendors."
    )
    assert freshness_words([]) == []


def test_the_brief_lists_stale_scores_as_of_its_date():
    result = rank(CASE, Scenario())
    # As of 2026-03-01 the limit is 2024-09-01: Baidu's Regulatory readiness rests on a source
    # of August 2023 (hand-checked in vendors/baidu.yaml), every other known score is newer.
    brief = decision_brief(result, None, "switched off", as_of=dt.date(2026, 3, 1))
    expected = (
        "Evidence to refresh: 1 known score rests on evidence older than 18 months: "
        "Baidu (ERNIE) on Regulatory readiness."
    )
    assert expected in brief.sentences
    # Before the set-aside and robustness notes, which close the brief.
    assert brief.sentences[-1] == "Robustness checks: switched off."
    assert brief.to_dict()["evidence_to_refresh"] == [
        {
            "vendor": "baidu",
            "criterion": "regulatory_readiness",
            "newest_source": "2023-08-31",
            "why": "stale",
        }
    ]


def test_a_brief_with_fresh_evidence_says_nothing_about_it():
    result = rank(CASE, Scenario())
    brief = decision_brief(result, None, "switched off", as_of=dt.date(2024, 1, 1))
    assert brief.freshness == ()
    assert not [s for s in brief.sentences if s.startswith("Evidence to refresh")]
