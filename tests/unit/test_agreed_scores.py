"""The round's agreed scores as the scores the whole app ranks with (scoring.agreed.agreed_scores),
checked by hand on the demo case and through a share link with no store.

Demo case, WSM on the scales, weights quality 1/2, price 1/4 (cost, 0..100), licence 1/4 (levels
closed 0, open 10). The case files: Acme quality 8, price 40, open -> .4 + .15 + .25 = .8; Beta
quality 6, price 20 (range 10..30), closed -> .3 + .2 = .5: Acme leads.
Two evaluators, A and B:
  Acme quality 8 and 2   -> agreed 5 (the mean), range 2..8
  Acme price   40 and 10 -> agreed 25, range 10..40
  Beta quality 10 and 10 -> agreed 10, no range (they agree)
With the agreed scores: Acme .25 + .75/4 + .25 = .6875; Beta .5 + .2 = .7: Beta leads by .0125.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import CaseError, Scenario, load_case, rank
from scoring.agreed import agreed_scores
from scoring.evaluators import Consensus, Evaluation, cells
from scoring.scenario import overrides
from scoring.scenario.link import decode, encode

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
SCORES = [
    Evaluation("A", "acme", "quality", 8),
    Evaluation("B", "acme", "quality", 2),
    Evaluation("A", "acme", "price", 40),
    Evaluation("B", "acme", "price", 10),
    Evaluation("A", "beta", "quality", 10),
    Evaluation("B", "beta", "quality", 10),
]


@pytest.fixture(scope="module")
def demo():
    return load_case(DEMO / "criteria", DEMO / "vendors")


def scores_of(result) -> dict[str, float]:
    return {row["vendor"]: row["score"] for row in result.rows()}


def test_agreed_values_and_ranges_become_score_edits_and_change_the_leader(demo):
    assert rank(demo, Scenario()).leader == "acme"
    assert scores_of(rank(demo, Scenario())) == pytest.approx({"acme": 0.8, "beta": 0.5})
    agreed = agreed_scores(demo, cells(demo, SCORES))
    assert agreed.origin is not None and agreed.origin.fingerprint == demo.fingerprint
    assert agreed.origin.overrides == "acme.quality:5:2:8,acme.price:25:10:40,beta.quality:10"
    result = rank(agreed, Scenario())
    assert scores_of(result) == pytest.approx({"acme": 0.6875, "beta": 0.7})
    assert result.leader == "beta"
    acme, beta = agreed.vendor_by_id["acme"], agreed.vendor_by_id["beta"]
    # The ranges the robustness simulations sample: the evaluators' lowest to highest.
    assert acme.scores["quality"].range == (2, 8) and acme.scores["price"].range == (10, 40)
    assert beta.scores["quality"].range is None  # they agree: no range
    assert beta.scores["price"] == demo.vendor_by_id["beta"].scores["price"]  # not evaluated


def test_a_consensus_counts_instead_of_the_mean(demo):
    agreed = {("acme", "quality"): Consensus(9, "B scored last year's model")}
    case = agreed_scores(demo, cells(demo, SCORES, agreed))
    assert case.origin.overrides.startswith("acme.quality:9:2:9,")  # the range takes in 9
    # Acme .45 + .1875 + .25 = .8875 against Beta's .7: Acme leads again.
    assert scores_of(rank(case, Scenario())) == pytest.approx({"acme": 0.8875, "beta": 0.7})


def test_the_share_link_reproduces_the_agreed_ranking_with_no_store(demo):
    agreed = agreed_scores(demo, cells(demo, SCORES))
    decoded = decode(encode(Scenario(), agreed), demo)
    assert decoded.warnings == [] and decoded.case is not None
    assert decoded.case.vendors == agreed.vendors
    assert rank(decoded.case, decoded.scenario).rows() == rank(agreed, Scenario()).rows()


def test_nothing_to_change_gives_the_case_itself(demo):
    same = [Evaluation("A", "acme", "quality", 8), Evaluation("B", "acme", "quality", 8)]
    plain = load_case(DEMO / "criteria", DEMO / "vendors")
    # Acme's quality has no range in the files, and both evaluators say 8: no edit at all.
    assert agreed_scores(plain, cells(plain, same)) is plain


def test_an_agreed_value_off_the_scale_is_named_not_ranked(demo):
    wild = [Evaluation("A", "acme", "quality", 14), Evaluation("B", "acme", "quality", 12)]
    with pytest.raises(CaseError) as raised:
        agreed_scores(demo, cells(demo, wild))
    assert "13 is above the scale maximum 10" in str(raised.value)


def test_more_changes_than_a_link_carries_leave_the_link_without_them(demo, monkeypatch):
    monkeypatch.setattr(overrides, "MAX_CHANGES", 2)
    agreed = agreed_scores(demo, cells(demo, SCORES))
    assert agreed.origin is not None and agreed.origin.overrides is None
    assert rank(agreed, Scenario()).leader == "beta"  # still ranked with all three


def test_a_levels_criterion_s_range_is_the_evaluators_lowest_to_highest_level(demo):
    # Licence: closed 0, open 10. A says closed, B open: the mean 5 is a tie, the lower level
    # (closed) is agreed, and the simulations vary it from closed to open.
    split = [
        Evaluation("A", "acme", "licence", "closed"),
        Evaluation("B", "acme", "licence", "open"),
    ]
    agreed = agreed_scores(demo, cells(demo, split))
    assert agreed.origin.overrides == "acme.licence:closed:closed:open"
    score = agreed.vendor_by_id["acme"].scores["licence"]
    assert (score.value, score.range) == ("closed", ("closed", "open"))


def test_with_the_evaluations_each_cell_says_how_it_was_agreed_and_the_link_ranks_the_same(demo):
    said = [
        Evaluation("A", "acme", "quality", 8, "benchmarks"),
        Evaluation("B", "acme", "quality", 2, "last year's model"),
    ]
    agreed = agreed_scores(demo, cells(demo, said), said)
    quality = agreed.vendor_by_id["acme"].scores["quality"]
    assert (quality.value, quality.range) == (5, (2, 8))
    assert quality.rationale == (
        "The mean of the evaluators' scores in the team round. Evaluators: A (8): benchmarks; "
        "B (2): last year's model."
    )
    assert agreed.vendor_by_id["beta"] == demo.vendor_by_id["beta"]  # not evaluated
    # The link carries values and ranges: the same ranking, the case files' rationales.
    decoded = decode(encode(Scenario(), agreed), demo).case
    assert decoded.origin.overrides == agreed.origin.overrides == "acme.quality:5:2:8"
    assert rank(decoded, Scenario()).rows() == rank(agreed, Scenario()).rows()
    assert decoded.vendor_by_id["acme"].scores["quality"].rationale != quality.rationale
    assert decoded.fingerprint != agreed.fingerprint  # the evidence is part of the data


def test_where_evaluators_agree_the_case_file_s_range_stands_if_it_holds_the_value(demo):
    # Beta's price in the file: 20, range 10..30. Both say 25: 10..30 stands; both say 40: the
    # file's range cannot hold it, so no range (they agree: no spread of their own).
    same = [Evaluation("A", "beta", "price", 25), Evaluation("B", "beta", "price", 25)]
    assert agreed_scores(demo, cells(demo, same)).origin.overrides == "beta.price:25:10:30"
    far = [Evaluation("A", "beta", "price", 40), Evaluation("B", "beta", "price", 40)]
    price = agreed_scores(demo, cells(demo, far)).vendor_by_id["beta"].scores["price"]
    assert (price.value, price.range) == (40, None)
