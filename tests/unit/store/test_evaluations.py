"""Evaluators' scores in the store (SQLite always, PostgreSQL with SHORTLIST_TEST_PG_URL): blind
until submitted, both phases kept, consensus only with the facilitator link and a reason, and the
stored scores give the hand-checked cells of tests/unit/test_evaluators.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import load_case
from scoring.evaluators import cells
from scoring.store import InvalidInput, Refused, Store, rounds
from scoring.store import evaluations as ev

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"


@pytest.fixture
def store(store_url: str):
    opened = Store.open(store_url)
    yield opened
    opened.close()


def cell(vendor: str, criterion: str, value, rationale: str = "") -> dict:
    return {"vendor": vendor, "criterion": criterion, "value": value, "rationale": rationale}


def test_scores_are_blind_until_submitted_and_feed_the_cell_maths(store: Store):
    r, token = rounds.open_round(store, "Scoring", "Fay")
    ev.submit_scores(store, r.id, "A", [cell("acme", "quality", 8, "benchmarks"),
                                         cell("acme", "price", 40)])  # fmt: skip
    assert ev.scores(store, r.id, "B") is None  # B has not scored yet
    ev.submit_scores(store, r.id, "B", [cell("acme", "quality", 2), cell("acme", "price", 10)])
    seen = ev.scores(store, r.id, "B")
    assert [(s.evaluator, s.vendor, s.criterion, s.value) for s in seen] == [
        ("A", "acme", "price", 40),
        ("A", "acme", "quality", 8),
        ("B", "acme", "price", 10),
        ("B", "acme", "quality", 2),
    ]
    assert seen[1].rationale == "benchmarks"
    assert len(ev.scores(store, r.id, token=token)) == 4
    demo = load_case(DEMO / "criteria", DEMO / "vendors")
    got = {(c.vendor, c.criterion): c for c in cells(demo, seen, ev.consensus(store, r.id))}
    assert got[("acme", "quality")].mean == 5 and got[("acme", "quality")].loud


def test_consensus_needs_the_facilitator_and_a_reason_and_is_kept(store: Store):
    r, token = rounds.open_round(store, "Scoring", "Fay")
    with pytest.raises(Refused, match="only the facilitator link"):
        ev.record_consensus(store, r.id, "guess", "Mal", "acme", "quality", 7, "because")
    with pytest.raises(InvalidInput, match="reason: give at least one character"):
        ev.record_consensus(store, r.id, token, "Fay", "acme", "quality", 7, "  ")
    ev.record_consensus(store, r.id, token, "Fay", "acme", "quality", 6, "first pass")
    ev.record_consensus(store, r.id, token, "Fay", "acme", "quality", 7, "after the demo")
    agreed = ev.consensus(store, r.id)
    assert agreed[("acme", "quality")].value == 7
    assert agreed[("acme", "quality")].reason == "after the demo"
    reasons = [c.detail.get("reason") for c in store.history(r.id) if c.action == "agreed"]
    assert reasons == ["after the demo", "first pass"]


def test_independent_and_discussed_scores_are_kept_side_by_side(store: Store):
    r, token = rounds.open_round(store, "Scoring", "Fay")
    ev.submit_scores(store, r.id, "A", [cell("beta", "licence", "closed")])
    ev.submit_scores(store, r.id, "A", [cell("beta", "licence", "open")], phase="discussed")
    ev.submit_scores(store, r.id, "a", [cell("beta", "licence", "open")])  # a resubmission
    first = ev.scores(store, r.id, token=token)
    after = ev.scores(store, r.id, token=token, phase="discussed")
    assert [(s.evaluator, s.value) for s in first] == [("A", "open")]
    assert [(s.value, s.phase) for s in after] == [("open", "discussed")]


def test_a_closed_round_refuses_scores_and_bad_cells_are_named(store: Store):
    r, token = rounds.open_round(store, "Scoring", "Fay")
    with pytest.raises(InvalidInput) as info:
        ev.submit_scores(store, r.id, "A", [cell("Bad Id", "quality", 1)], phase="later")
    assert [p.split(":")[0] for p in info.value.problems] == ["phase", "cells.0.vendor"]
    rounds.close_round(store, r.id, token, "Fay")
    with pytest.raises(Refused, match="closed"):
        ev.submit_scores(store, r.id, "A", [cell("acme", "quality", 1)])


def test_sources_are_kept_with_each_score_and_only_web_links_pass(store: Store):
    r, token = rounds.open_round(store, "Scoring", "Fay")
    source = {"title": "Benchmark", "url": "https://example.com/b", "date": "2025-02"}
    ev.submit_scores(store, r.id, "A", [{**cell("acme", "quality", 8), "sources": [source]}])
    [mine] = ev.own_scores(store, r.id, "a")
    assert mine.sources == (source,) and ev.own_scores(store, r.id, "B") == []
    [seen] = ev.scores(store, r.id, token=token)
    assert seen.sources == (source,)
    bad = {"title": "x", "url": "javascript:alert(1)"}
    with pytest.raises(InvalidInput, match="not a web address"):
        ev.submit_scores(store, r.id, "A", [{**cell("acme", "quality", 8), "sources": [bad]}])
    assert ev.own_scores(store, r.id, "A")[0].sources == (source,)  # nothing changed


def test_only_the_facilitator_deletes_scores_and_the_cell_history_keeps_them(store: Store):
    from scoring.store import NotFound

    r, token = rounds.open_round(store, "Scoring", "Fay")
    ev.submit_scores(store, r.id, "A", [cell("acme", "quality", 8), cell("acme", "price", 40)])
    ev.submit_scores(store, r.id, "A", [cell("acme", "quality", 6)], "discussed")
    ev.submit_scores(store, r.id, "B", [cell("acme", "quality", 2)])
    with pytest.raises(Refused, match="only the facilitator link can delete"):
        ev.delete_scores(store, r.id, "", "A", "Mallory")
    assert ev.delete_scores(store, r.id, token, "a", "Fay") == 3  # both phases
    assert [s.evaluator for s in ev.scores(store, r.id, token=token)] == ["B"]
    with pytest.raises(NotFound):
        ev.delete_scores(store, r.id, token, "A", "Fay")
    changes = ev.cell_history(store, r.id, "acme", "quality")
    assert [(c.who, c.action, c.detail.get("value")) for c in changes] == [
        ("Fay", "deleted scores", None),
        ("B", "scored", 2),
        ("A", "scored", 6),
        ("A", "scored", 8),
    ]
    assert [c.detail.get("phase") for c in changes[1:]] == [
        "independent",
        "discussed",
        "independent",
    ]
