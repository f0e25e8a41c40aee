"""Several evaluators' scores on the demo case, checked by hand.

Demo case, WSM on the scales, weights quality 1/2, price 1/4 (cost, 0..100), licence 1/4;
quality has a must-have of at least 4. Two evaluators, A and B:
  Acme quality 8 and 2   -> mean 5,   spread 6  >= 30% of 10:  wide
  Acme price   40 and 10 -> mean 25,  spread 30 >= 30% of 100: wide
  Beta quality 6 and 9.8 -> mean 7.9, spread 3.8 >= 3:          wide
At the agreed (mean) values: Acme .5/2 + .75/4 + 1/4 = .6875, Beta .79/2 + .8/4 = .595: Acme.
Acme quality at 2 fails the must-have, so Beta leads: loud. Acme price at 40: Acme .65, still
ahead: wide but quiet. Beta quality at 9.8: Beta .69 > .6875: loud.
With a consensus of 7 for Acme quality, Acme is at .7875 and Beta's 9.8 no longer overtakes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import load_case, rank
from scoring.errors import ScenarioError
from scoring.evaluators import Consensus, Evaluation, agreed_case, cells

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def demo():
    return load_case(DEMO / "criteria", DEMO / "vendors")


SCORES = [
    Evaluation("A", "acme", "quality", 8),
    Evaluation("B", "acme", "quality", 2),
    Evaluation("A", "acme", "price", 40),
    Evaluation("B", "acme", "price", 10),
    Evaluation("A", "beta", "quality", 6),
    Evaluation("B", "beta", "quality", 9.8),
]


def by_cell(result):
    return {(c.vendor, c.criterion): c for c in result}


def test_mean_spread_and_the_wide_flag(demo):
    got = by_cell(cells(demo, SCORES))
    q = got[("acme", "quality")]
    assert (q.values, q.mean, q.low, q.high, q.spread) == ({"A": 8, "B": 2}, 5, 2, 8, 6)
    assert got[("acme", "price")].mean == 25 and got[("acme", "price")].wide
    assert got[("beta", "quality")].mean == pytest.approx(7.9)
    assert all(c.wide for c in got.values())
    assert [c.agreed for c in got.values()] == [5, 25, pytest.approx(7.9)]


def test_loud_only_where_the_spread_could_change_the_leader(demo):
    got = by_cell(cells(demo, SCORES))
    assert got[("acme", "quality")].loud  # at 2 Acme fails the must-have
    assert not got[("acme", "price")].loud  # at 40 Acme still leads, .65 > .595
    assert got[("beta", "quality")].loud  # at 9.8 Beta .69 > Acme .6875


def test_a_consensus_score_with_its_reason_is_what_counts(demo):
    agreed = {("acme", "quality"): Consensus(7, "B misread the benchmark; agreed 7")}
    got = by_cell(cells(demo, SCORES, agreed))
    q = got[("acme", "quality")]
    assert (q.agreed, q.reason) == (7, "B misread the benchmark; agreed 7")
    assert q.mean == 5  # the independent scores are still shown beside it
    assert not got[("beta", "quality")].loud  # Acme .7875 now stays ahead of Beta's .69


def test_a_narrow_spread_is_not_flagged(demo):
    [c] = cells(demo, [Evaluation("A", "beta", "price", 20), Evaluation("B", "beta", "price", 30)])
    assert (c.spread, c.wide, c.loud) == (10, False, False)  # 10 < 30% of 100


def test_the_agreed_case_ranks_the_agreed_values_and_carries_the_ranges(demo):
    got = cells(demo, SCORES)
    agreed = {(c.vendor, c.criterion): c.agreed for c in got}
    values = {(c.vendor, c.criterion): c.values for c in got}
    case = agreed_case(demo, values, agreed)
    acme = case.vendor_by_id["acme"]
    assert acme.scores["quality"].value == 5 and acme.scores["quality"].range == (2, 8)
    assert acme.scores["licence"].value == "open"  # not evaluated: the file's value stays
    scores = {row["vendor"]: row["score"] for row in rank(case).rows()}
    assert scores == pytest.approx({"acme": 0.6875, "beta": 0.595})
    assert case.fingerprint != demo.fingerprint


def test_levels_are_scored_by_label_and_agreed_to_the_nearest_level(demo):
    [c] = cells(
        demo, [Evaluation("A", "beta", "licence", "open"), Evaluation("B", "beta", "licence", 4)]
    )
    assert (c.mean, c.agreed, c.wide) == (7, "open", True)  # 7 is nearer open (10) than closed
    with pytest.raises(ScenarioError, match="not a level of licence"):
        cells(demo, [Evaluation("A", "beta", "licence", "half")])


def test_unknown_cells_are_refused_with_the_evaluator_named(demo):
    with pytest.raises(ScenarioError, match="A: unknown vendor 'zeta'"):
        cells(demo, [Evaluation("A", "zeta", "quality", 1)])


def test_the_latest_word_per_cell_is_the_post_discussion_score_where_given():
    from scoring.evaluators import settled

    discussed = [Evaluation("B", "acme", "quality", 6)]
    latest = {(e.evaluator, e.vendor, e.criterion): e.value for e in settled(SCORES, discussed)}
    assert latest[("A", "acme", "quality")] == 8 and latest[("B", "acme", "quality")] == 6
    assert len(latest) == len(SCORES)


def test_the_cells_table_and_sentences_name_the_loud_cells_first(demo):
    # By hand (module docstring): Acme quality and Beta quality are loud, Acme price wide only.
    from scoring.evaluators import agreed_from
    from scoring.present.evaluations import cells_sentences, cells_table

    found = cells(demo, SCORES)
    names = {v.id: v.name for v in demo.vendors}
    table = cells_table(demo, found, found, names)
    assert [(row[0], row[1], row[7]) for row in table.rows] == [
        ("Acme", "Quality", "could change the leader"),
        ("Beta", "Quality", "could change the leader"),
        ("Acme", "Price", "wide"),
    ]
    assert [row[2:4] for row in table.rows] == [(8, 2), (6, 9.8), (40, 10)]
    assert cells_sentences(demo, found, names)[:2] == [
        "Evaluators disagree enough to change the leader on: Acme on Quality (2 to 8); Beta on "
        "Quality (6 to 9.8). Discuss these first and record an agreed score.",
        "1 other cell: a wide spread (at least 30% of the scale) that does not change the leader.",
    ]
    agreed = agreed_from(demo, found)
    for c in found:
        score = agreed.vendor_by_id[c.vendor].scores[c.criterion]
        assert score.value == c.agreed and score.range == (c.low, c.high)
