"""The team's agreed scores drive the whole app: "Rank with the agreed scores" in the round's
evaluator view changes the ranking above every tab, says so, puts the scores in the share link
(which reproduces the ranking, Robustness included, with no store), and goes back on request.

Hand-checked on the shipped case (WSM on the scales): Alibaba leads with .831, Baidu second with
.698. Ann and Bob score Alibaba lower: regulatory readiness 4 and 6 (agreed 5, global weight .25),
model quality 4 and 6 (agreed 5, weight .25 x .6 = .15), cloud delivery 5 and 7 (agreed 6, weight
.20 x .35 = .07). Alibaba loses .25 x .3 + .15 x .3 + .07 x .3 = .141 and falls to .690: Baidu
(.698) leads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import Scenario, rank
from scoring.agreed import agreed_scores
from scoring.evaluators import cells
from scoring.present.brief import decision_brief
from scoring.present.tables import acceptability_table
from scoring.scenario import overrides
from scoring.scenario.link import decode
from scoring.sensitivity import analyse
from scoring.store import Store, rounds
from scoring.store import evaluations as ev
from tests.app.conftest import expected_ranking, keyed, shown_brief, shown_ranking
from tests.app.test_team_round import texts

OVERRIDES = (
    "alibaba.regulatory_readiness:5:4:6,alibaba.model_quality:5:4:6,alibaba.cloud_delivery:6:5:7"
)
SCORES = {
    "Ann": {"regulatory_readiness": 4, "model_quality": 4, "cloud_delivery": 5},
    "Bob": {"regulatory_readiness": 6, "model_quality": 6, "cloud_delivery": 7},
}


@pytest.fixture
def scored(tmp_path: Path, monkeypatch, shipped):
    """A round where Ann and Bob scored Alibaba; (round id, facilitator token, agreed case)."""
    monkeypatch.setenv("SHORTLIST_DB", str(tmp_path / "store.db"))
    store = Store.open(str(tmp_path / "store.db"))
    r, token = rounds.open_round(store, "Vendor scores", "Fay")
    for who, given in SCORES.items():
        entered = [{"vendor": "alibaba", "criterion": c, "value": v} for c, v in given.items()]
        ev.submit_scores(store, r.id, who, entered)
    agreed = agreed_scores(shipped, cells(shipped, ev.scores(store, r.id, token=token)))
    return r.id, token, agreed


def scores_view(run_app, round_id: str, token: str):
    at = run_app(f"round={round_id}&ft={token}&tab=Team+round")
    return at.radio(key="_round_part").set_value("scores").run()


def simulations(brief) -> str:
    """The brief's sentence on the simulations (a Brief, or the sentences the app shows)."""
    sentences = brief if isinstance(brief, list) else list(brief.sentences)
    return next(s for s in sentences if "simulations" in s)


def without_ranges(shipped):
    plain = ",".join(o.split(":")[0] + ":" + o.split(":")[1] for o in OVERRIDES.split(","))
    decoded = decode({"o": plain}, shipped)
    assert decoded.warnings == []
    return decoded.case


def notice(at) -> str:
    banner = keyed(at, "agreed_banner")
    return "" if banner is None else " ".join(el.value for el in banner if el.type == "markdown")


def test_the_agreed_scores_change_the_leader_everywhere_and_the_way_back(shipped, scored, run_app):
    round_id, token, agreed = scored
    files = rank(shipped, Scenario())
    at = scores_view(run_app, round_id, token)
    assert shown_ranking(at)[0][0] == "alibaba" and notice(at) == ""
    at = at.button(key="agreed_use").click().run()
    assert not at.exception
    result = rank(agreed, Scenario())
    assert shown_ranking(at) == expected_ranking(result)
    assert [row[:2] for row in shown_ranking(at)[:2]] == [("baidu", 1), ("alibaba", 2)]
    assert [row[2] for row in shown_ranking(at)[:2]] == ["0.698", "0.690"]  # by hand
    assert "Ranking with the team's agreed scores" in notice(at)
    assert "Vendor scores" in notice(at)
    assert "Showing your edited case" not in texts(at)
    # The brief (and the Robustness tab's simulations) sample the evaluators' ranges.
    assert simulations(shown_brief(at)) == simulations(
        decision_brief(result, analyse(agreed, Scenario()))
    )
    assert "Baidu (ERNIE) ranks first in 60.3% of 10,000 simulations" in simulations(
        shown_brief(at)
    )  # and without the ranges (the agreed values only), in another share:
    assert "60.3%" not in simulations(
        decision_brief(result, analyse(without_ranges(shipped), Scenario()))
    )
    assert at.query_params["o"] == OVERRIDES
    assert "The whole app ranks with these agreed scores" in texts(at)
    assert "share link carries the 3 agreed scores" in " ".join(c.value for c in at.caption)

    back = at.button(key="agreed_back_top").click().run()
    assert shown_ranking(back) == expected_ranking(files)
    assert notice(back) == "" and "o" not in back.query_params
    assert [b.key for b in back.button if b.key == "agreed_use"] == ["agreed_use"]


def test_the_link_reproduces_the_agreed_ranking_and_robustness_with_no_store(
    shipped, scored, run_app, monkeypatch
):
    _, _, agreed = scored
    monkeypatch.delenv("SHORTLIST_DB")
    at = run_app({"o": OVERRIDES, "tab": "Robustness"})
    result = rank(agreed, Scenario())
    assert shown_ranking(at) == expected_ranking(result)
    shown = next(df.value for df in at.dataframe if "Rank 1" in df.value.columns)
    names = {v.id: v.name for v in shipped.vendors}
    sens = analyse(agreed, Scenario())
    expected = acceptability_table([r["vendor"] for r in result.rows()], sens, names)
    assert list(shown["Rank 1"]) == [row[1] for row in expected.shown_rows()]
    # The evaluators' ranges, not the case files', are what the simulations vary.
    alibaba = agreed.vendor_by_id["alibaba"].scores
    assert alibaba["model_quality"].range == (4, 6)
    assert alibaba["cloud_delivery"].range == (5, 7)


def test_more_agreed_scores_than_a_link_carries_say_so_and_offer_the_files(
    shipped, scored, run_app, monkeypatch
):
    round_id, token, agreed = scored
    monkeypatch.setattr(overrides, "MAX_CHANGES", 2)
    at = scores_view(run_app, round_id, token).button(key="agreed_use").click().run()
    assert shown_ranking(at) == expected_ranking(rank(agreed, Scenario()))
    assert "Ranking with the team's agreed scores" in notice(at)
    captions = " ".join(c.value for c in at.caption)
    assert "more than a share link can carry" in captions
    assert {"eval_zip", "eval_sheet"} <= {b.key for b in at.get("download_button")}
    assert "o" not in at.query_params  # the link names the agreed data instead, and says so
