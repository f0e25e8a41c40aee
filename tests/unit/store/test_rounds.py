"""Rounds in the store (SQLite always, PostgreSQL with SHORTLIST_TEST_PG_URL): who may do what,
blind until submitted, resubmissions kept in the history, closing, and people submitting at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scoring.store import InvalidInput, NotFound, Refused, Store, rounds
from tests.unit.store.test_store import _workers


@pytest.fixture
def store(store_url: str):
    opened = Store.open(store_url)
    yield opened
    opened.close()


def test_a_round_gives_a_secret_facilitator_token_kept_only_as_a_hash(store: Store):
    r, token = rounds.open_round(store, "Partner weights", "Fay")
    assert len(r.id) == 16 and len(token) == 32 and token != r.id
    assert rounds.is_facilitator(store, r.id, token)
    assert not rounds.is_facilitator(store, r.id, r.id)
    assert not rounds.is_facilitator(store, r.id, None)
    with store.read() as conn:
        stored = conn.exec_driver_sql("SELECT facilitator_hash FROM rounds").scalar()
    assert stored == rounds.token_hash(token) and token not in stored


def test_participants_are_blind_until_they_submit(store: Store):
    r, token = rounds.open_round(store, "Partner weights", "Fay")
    rounds.submit(store, r.id, "Legal", "General counsel", {"quality": 1, "price": 3})
    assert rounds.visible_submissions(store, r.id, "Strategy") is None
    assert rounds.visible_submissions(store, r.id, None) is None
    rounds.submit(store, r.id, "Strategy", "COO", {"quality": 5, "price": 1})
    seen = rounds.visible_submissions(store, r.id, "strategy")
    assert [s.participant for s in seen] == ["Legal", "Strategy"]
    assert seen[0].weights == {"quality": 1.0, "price": 3.0}
    assert len(rounds.visible_submissions(store, r.id, token=token)) == 2


def test_a_round_can_show_inputs_to_all_when_the_facilitator_allows(store: Store):
    r, _ = rounds.open_round(store, "Open round", "Fay", show_others=True)
    rounds.submit(store, r.id, "Legal", "GC", {"quality": 1})
    assert [s.participant for s in rounds.visible_submissions(store, r.id, "Anyone")] == ["Legal"]


def test_resubmitting_replaces_the_input_and_the_history_keeps_the_first(store: Store):
    r, _ = rounds.open_round(store, "Partner weights", "Fay")
    rounds.submit(store, r.id, "Legal", "GC", {"quality": 1, "price": 3})
    rounds.submit(store, r.id, "legal ", "GC", {"quality": 2, "price": 2})
    [only] = rounds.all_submissions(store, r.id)
    assert only.weights == {"quality": 2.0, "price": 2.0}
    changes = store.history(r.id)
    assert [c.action for c in changes] == ["resubmitted", "submitted", "opened"]
    assert changes[0].detail["previous"] == {"price": 3.0, "quality": 1.0}


def test_a_closed_round_refuses_submissions_and_only_the_facilitator_closes(store: Store):
    r, token = rounds.open_round(store, "Partner weights", "Fay")
    with pytest.raises(Refused, match="only the facilitator link can close"):
        rounds.close_round(store, r.id, "guess", "Mallory")
    rounds.submit(store, r.id, "Legal", "GC", {"quality": 1})
    rounds.close_round(store, r.id, token, "Fay")
    with pytest.raises(Refused, match="is closed; submissions are no longer accepted"):
        rounds.submit(store, r.id, "Strategy", "COO", {"quality": 1})
    assert [s.participant for s in rounds.all_submissions(store, r.id)] == ["Legal"]


def test_a_round_past_its_closing_date_refuses_submissions(store: Store):
    past = datetime.now(UTC) - timedelta(minutes=1)
    r, _ = rounds.open_round(store, "Late", "Fay", closes_at=past)
    with pytest.raises(Refused, match="closed"):
        rounds.submit(store, r.id, "Legal", "GC", {"quality": 1})
    future = datetime.now(UTC) + timedelta(days=1)
    r2, _ = rounds.open_round(store, "On time", "Fay", closes_at=future)
    rounds.submit(store, r2.id, "Legal", "GC", {"quality": 1})


def test_only_the_facilitator_deletes_an_input(store: Store):
    r, token = rounds.open_round(store, "Partner weights", "Fay")
    rounds.submit(store, r.id, "Legal", "GC", {"quality": 1})
    with pytest.raises(Refused, match="only the facilitator link can delete"):
        rounds.delete_submission(store, r.id, "", "Legal", "Mallory")
    rounds.delete_submission(store, r.id, token, "Legal", "Fay")
    assert rounds.all_submissions(store, r.id) == []
    with pytest.raises(NotFound):
        rounds.delete_submission(store, r.id, token, "Legal", "Fay")


def test_bad_inputs_are_named_and_unknown_rounds_refused(store: Store):
    with pytest.raises(InvalidInput) as info:
        rounds.open_round(store, "", "Fay", level="middle")
    assert [p.split(":")[0] for p in info.value.problems] == ["title", "level"]
    r, _ = rounds.open_round(store, "R", "Fay")
    with pytest.raises(InvalidInput, match="weights.quality: must be a number from 0"):
        rounds.submit(store, r.id, "Legal", "GC", {"quality": -1})
    with pytest.raises(InvalidInput, match="participant: give at most 80"):
        rounds.submit(store, r.id, "x" * 81, "GC", {"quality": 1})
    with pytest.raises(NotFound, match="names no round"):
        rounds.submit(store, "nope", "Legal", "GC", {"quality": 1})


JUDGED = {"items": ["quality", "price"], "pairs": [["quality", "price", 3]]}


def test_judgements_are_kept_beside_the_weights_and_resubmitting_keeps_the_old_ones(store: Store):
    r, _ = rounds.open_round(store, "Pairs", "Fay")
    rounds.submit(store, r.id, "Legal", "GC", {"quality": 75, "price": 25}, [JUDGED])
    later = {"items": ["quality", "price"], "pairs": [["price", "quality", 1 / 3]]}
    rounds.submit(store, r.id, "Legal", "GC", {"quality": 25, "price": 75}, [later])
    rounds.submit(store, r.id, "Ops", "COO", {"quality": 1, "price": 1})
    legal, ops = rounds.all_submissions(store, r.id)
    assert legal.judgements == [
        {"items": ["quality", "price"], "pairs": [["price", "quality", 1 / 3]]}
    ]
    assert ops.judgements is None
    resubmitted = store.history(r.id)[1]
    assert resubmitted.action == "resubmitted"
    assert resubmitted.detail["previous_judgements"] == [
        {"items": ["quality", "price"], "pairs": [["quality", "price", 3.0]]}
    ]


def test_judgements_off_saaty_s_scale_or_naming_other_items_are_refused(store: Store):
    r, _ = rounds.open_round(store, "Pairs", "Fay")
    for bad in (
        {"items": ["quality", "price"], "pairs": [["quality", "price", 12]]},
        {"items": ["quality", "price"], "pairs": [["quality", "licence", 3]]},
        {"items": ["quality", "price"], "pairs": [["quality", "quality", 1]]},
        {"items": ["quality"], "pairs": [["quality", "price", 3]]},
        {"pairs": [["quality", "price", 3]]},
    ):
        with pytest.raises(InvalidInput, match="judgements"):
            rounds.submit(store, r.id, "Legal", "GC", {"quality": 1}, [bad])
    assert rounds.all_submissions(store, r.id) == []


def test_twenty_participants_submitting_at_once_all_land(store_url: str):
    store = Store.open(store_url)
    r, token = rounds.open_round(store, "Crowd", "Fay")
    names = [f"person {i:02d}" for i in range(20)]
    assert _workers(store_url, names, mode="submit", target=r.id) == ["submitted"] * 20
    subs = rounds.visible_submissions(store, r.id, token=token)
    assert [s.participant for s in subs] == names
    assert len(store.history(r.id)) == 21  # opened + 20 submissions
    store.close()


def test_a_version_4_store_upgrades_and_its_submissions_read_without_judgements(store_url: str):
    import sqlalchemy as sa

    from scoring.store import evaluations as ev
    from scoring.store.schema import LATEST, current_version, migrate

    engine = sa.create_engine(store_url)
    with engine.begin() as conn:  # a store as the release with evaluators left it
        migrate(conn, target=4)
        conn.exec_driver_sql(
            "INSERT INTO rounds (id, title, level, facilitator_hash, show_others, closes_at, "
            "closed, created_at) VALUES ('r1', 'Old', 'top', 'h', TRUE, NULL, FALSE, 't0')"
        )
        conn.exec_driver_sql(
            "INSERT INTO submissions (id, round_id, participant, participant_key, role, weights, "
            "submitted_at) VALUES ('s1', 'r1', 'Lee', 'lee', 'Legal', '{\"quality\": 2}', 't0')"
        )
        conn.exec_driver_sql(
            "INSERT INTO evaluations (id, round_id, evaluator, evaluator_key, vendor, criterion, "
            "phase, value, rationale, submitted_at) VALUES ('e1', 'r1', 'Ann', 'ann', 'acme', "
            "'quality', 'independent', '8', 'why', 't0')"
        )
    engine.dispose()
    store = Store.open(store_url)
    with store.read() as conn:
        assert current_version(conn) == LATEST
    [lee] = rounds.all_submissions(store, "r1")
    assert (lee.weights, lee.judgements) == ({"quality": 2}, None)
    [ann] = ev.scores(store, "r1", "Anyone")
    assert (ann.value, ann.rationale, ann.sources) == (8, "why", ())
    store.close()
