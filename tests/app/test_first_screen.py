"""The first screen through AppTest: headline cards and the decision brief, from the brief's
own numbers and sentences (scoring.present.brief), on the shipped case and on a near tie."""

from __future__ import annotations

from pathlib import Path

import pytest

import scoring
from scoring.present.brief import Brief, decision_brief
from scoring.sensitivity import analyse

# Two vendors a hair apart: A = (8/10 + (100-40)/100) / 2 = 0.700, B = (7/10 + 65/100) / 2 =
# 0.675, a lead of 3.6% of A's score, under the brief's 10% bar for a clear winner. A's name is
# markup, to show it arrives as text.
NEAR_TIE_CRITERIA = """\
case: {id: near-tie, name: Near tie}
criteria:
  - {id: quality, name: Quality, weight: 1, scale: {min: 0, max: 10}}
  - {id: price, name: Price, weight: 1, direction: cost, scale: {min: 0, max: 100}}
"""
NEAR_TIE_VENDORS = {
    "a.yaml": "id: a\nname: '<b>Acme</b> & *Co*'\nscores: {quality: 8, price: 40}\n",
    "b.yaml": "id: b\nname: Beta\nscores: {quality: 7, price: 35}\n",
}


def brief_of_scenario(case: scoring.Case, scenario: scoring.Scenario | None = None) -> Brief:
    result = scoring.rank(case, scenario)
    return decision_brief(result, analyse(case, result.scenario))


@pytest.fixture
def near_tie(tmp_path: Path, monkeypatch) -> scoring.Case:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "vendors").mkdir()
    (tmp_path / "criteria" / "case.yaml").write_text(NEAR_TIE_CRITERIA)
    for name, text in NEAR_TIE_VENDORS.items():
        (tmp_path / "vendors" / name).write_text(text)
    monkeypatch.setenv("SHORTLIST_CRITERIA", str(tmp_path / "criteria"))
    monkeypatch.setenv("SHORTLIST_VENDORS", str(tmp_path / "vendors"))
    return scoring.load_case(tmp_path / "criteria", tmp_path / "vendors")


def test_the_brief_is_shown_as_decision_brief_words_it(shipped, run_app, brief_of):
    brief = brief_of_scenario(shipped)
    assert brief.clear_winner and len(brief.sentences) >= 3  # leader, confidence, flips, ...
    at = run_app()
    assert brief_of(at) == list(brief.sentences)
    assert brief_of(at)[1].startswith("Alibaba (Qwen) ranks first in ")
    assert brief_of(at)[2].startswith(
        "Baidu (ERNIE) would lead if Regulatory readiness carried 67.8% of the total instead of "
        "25.0% (its weight at 158 instead of 25, the other weights unchanged)"
    )


def test_the_brief_follows_a_weight_slider(shipped, run_app, brief_of):
    at = run_app()
    before = brief_of(at)
    at.slider(key="w.user_data").set_value(60.0).run()
    assert not at.exception
    after = brief_of(at)
    assert after != before
    assert after == list(
        brief_of_scenario(shipped, scoring.Scenario(weights={"user_data": 60})).sentences
    )


def test_the_cards_show_the_briefs_numbers(shipped, run_app, cards_of):
    brief = brief_of_scenario(shipped)
    cards = cards_of(run_app())
    assert cards["leader"]["name"] == brief.vendor_names[brief.leader]
    assert cards["leader"]["value"] == f"{brief.leader_score:.3f}"
    assert cards["runner-up"]["name"] == brief.vendor_names[brief.runner_up]
    assert cards["margin"]["value"] == f"{brief.margin_pct:.1f}%"
    assert cards["margin"]["note"] == f"of the leader's score ({brief.margin:.3f} points)"


def test_a_near_tie_says_no_clear_winner(near_tie, run_app, cards_of, brief_of):
    brief = brief_of_scenario(near_tie)
    assert not brief.clear_winner and brief.margin_pct == pytest.approx(100 * 0.025 / 0.7)
    at = run_app()
    shown = brief_of(at)
    assert shown == list(brief.sentences)
    assert shown[0] == (
        "No clear winner: <b>Acme</b> & *Co* is ahead (0.700), but its lead over Beta (0.675) "
        "is only 0.025 points, 3.6% of the leader's score."
    )
    cards = cards_of(at)
    assert cards["leader"]["name"] == "<b>Acme</b> & *Co*" and cards["leader"]["unclear"]
    assert cards["margin"]["value"] == "3.6%"
    shown_name = next(m.value for m in at.markdown if "Acme" in m.value)
    assert shown_name == r"**&lt;b&gt;Acme&lt;/b&gt; &amp; \*Co\***"  # escaped, not markup
    brief = next(m.value for m in at.markdown if "No clear winner: " in m.value)
    assert brief.startswith(":orange-background[**No clear winner: ")  # styled apart


def test_a_clear_winner_is_not_styled_as_unclear(shipped, run_app, cards_of):
    at = run_app()
    assert not cards_of(at)["leader"]["unclear"]
    assert not [m for m in at.markdown if "orange-background" in m.value]


def test_the_score_caption_speaks_plainly(shipped, run_app):
    at = run_app()
    caption = next(c.value for c in at.caption if c.value.startswith("Scores run from 0 to 1"))
    assert "higher is better" in caption and caption.endswith(
        "Technically: Weighted sum (WSM) on scale normalisation."
    )
    assert "WSM scores on" not in caption
