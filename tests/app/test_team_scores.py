"""Evaluators in the team round: each scores a vendor blind, everyone who has scored sees every
score per cell with the flags and the agreed ranking, and only the facilitator records a
consensus score, with a reason (scoring.evaluators does the maths; checked against it here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.evaluators import cells, settled
from scoring.present.evaluations import LOUD
from scoring.store import Store, rounds
from scoring.store import evaluations as ev
from tests.app.test_team_round import texts


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "store.db"
    monkeypatch.setenv("SHORTLIST_DB", str(path))
    return path


def score(run_app, query: str, who: str, values: dict[str, float], phase: str = "independent"):
    at = run_app(query)
    at = at.radio(key="_round_part").set_value("scores").run()
    at.text_input(key="_eval.who").input(who)
    at = at.radio(key="_eval.phase").set_value(phase).run()
    vid = at.selectbox(key="_eval.vendor").value
    for cid, value in values.items():
        at.number_input(key=f"_eval.{phase}.{vid}.{cid}").set_value(value)
        at.text_input(key=f"_eval.{phase}.{vid}.{cid}.why").input(f"{who}'s reason")
        at.text_input(key=f"_eval.{phase}.{vid}.{cid}.url").input("https://example.com/e")
    return at.button(key="eval_submit").click().run(), vid


def test_evaluators_score_blind_and_the_facilitator_agrees_a_cell_with_a_reason(
    shipped, db, run_app
):
    store = Store.open(str(db))
    r, token = rounds.open_round(store, "Scores", "Fay")
    link = f"round={r.id}&tab=Team+round"
    at, vid = score(run_app, link, "Ann", {"model_quality": 10, "user_data": 10})
    assert f"Submitted {len(shipped.leaves)} scores" in texts(at)
    blind = run_app(link).radio(key="_round_part").set_value("scores").run()
    assert "once you have submitted yours" in texts(blind)
    at, _ = score(run_app, link, "Bob", {"model_quality": 0, "user_data": 1})
    table = at.dataframe[0].value
    assert {"Ann", "Bob", "Mean (independent)", "Flag"} <= set(table.columns)

    scored = ev.scores(store, r.id, token=token)
    link_source = {"title": "https://example.com/e", "url": "https://example.com/e", "date": None}
    assert [s.sources for s in scored if s.criterion == "model_quality"] == [(link_source,)] * 2
    expected = {(c.vendor, c.criterion): c for c in cells(shipped, scored)}
    mq = expected[(vid, "model_quality")]
    assert (mq.mean, mq.wide) == (5.0, True)
    rows = {(row["Vendor"], row["Criterion"]): row for _, row in table.iterrows()}
    name = shipped.vendor_by_id[vid].name
    shown = rows[(name, shipped.by_id["model_quality"].name)]
    assert shown["Flag"] == (LOUD if mq.loud else "wide")
    assert shown["Ann"] == "10" and shown["Bob"] == "0"

    facilitator = run_app(f"{link}&ft={token}").radio(key="_round_part").set_value("scores").run()
    facilitator.selectbox(key="_eval.cell").set_value(f"{vid}/model_quality")
    facilitator.number_input(key="_eval.agreed").set_value(7)
    failed = facilitator.button(key="eval_agree").click().run()
    assert "reason: give at least one character" in texts(failed)
    failed.text_area(key="_eval.reason").input("Bob scored an old model")
    done = failed.button(key="eval_agree").click().run()
    assert "Recorded the agreed score." in texts(done)
    assert ev.consensus(store, r.id)[(vid, "model_quality")].value == 7
    rows = {(row["Vendor"], row["Criterion"]): row for _, row in done.dataframe[0].value.iterrows()}
    agreed = rows[(name, shipped.by_id["model_quality"].name)]
    assert (agreed["Agreed (used in the ranking)"], agreed["Why"]) == (
        "7",
        "Bob scored an old model",
    )
    assert not [b for b in at.button if b.key == "eval_agree"]  # evaluators cannot agree
    downloads = [d.proto.label for d in done.get("download_button")]
    assert any("YAML files" in label for label in downloads) and any("XLSX" in x for x in downloads)


def test_post_discussion_scores_sit_beside_the_independent_ones(shipped, db, run_app):
    store = Store.open(str(db))
    r, token = rounds.open_round(store, "Scores", "Fay")
    link = f"round={r.id}&tab=Team+round"
    score(run_app, link, "Ann", {"model_quality": 10})
    score(run_app, link, "Bob", {"model_quality": 2})
    at, vid = score(run_app, link, "Bob", {"model_quality": 8}, phase="discussed")
    rows = {(row["Vendor"], row["Criterion"]): row for _, row in at.dataframe[0].value.iterrows()}
    row = rows[(shipped.vendor_by_id[vid].name, shipped.by_id["model_quality"].name)]
    assert (row["Mean (independent)"], row["Mean after discussion"]) == ("6", "9")
    independent = ev.scores(store, r.id, token=token)
    discussed = ev.scores(store, r.id, token=token, phase="discussed")
    [now] = [c for c in cells(shipped, settled(independent, discussed))
             if (c.vendor, c.criterion) == (vid, "model_quality")]  # fmt: skip
    assert now.values == {"Ann": 10.0, "Bob": 8.0} and now.agreed == 9.0
    assert "With the agreed scores" in texts(at)


def test_a_cell_s_history_and_the_facilitator_deleting_an_evaluator_s_scores(shipped, db, run_app):
    store = Store.open(str(db))
    r, token = rounds.open_round(store, "Scores", "Fay")
    link = f"round={r.id}&tab=Team+round"
    score(run_app, link, "Ann", {"model_quality": 10})
    at, vid = score(run_app, link, "Bob", {"model_quality": 2})
    assert not [b for b in at.button if b.key == "eval_delete"]  # only the facilitator deletes
    at.selectbox(key="_eval.history").set_value(f"{vid}/model_quality")
    at = at.run()
    [history] = [d.value for d in at.dataframe if "What" in d.value.columns]
    assert list(zip(history["Who"], history["What"], strict=True)) == [
        ("Bob", "scored 2 independently"), ("Ann", "scored 10 independently")
    ]  # fmt: skip
    facilitator = run_app(f"{link}&ft={token}").radio(key="_round_part").set_value("scores").run()
    facilitator.selectbox(key="_eval.delete_who").set_value("Bob")
    done = facilitator.button(key="eval_delete").click().run()
    assert f"Deleted {len(shipped.leaves)} scores." in texts(done)
    assert {s.evaluator for s in ev.scores(store, r.id, token=token)} == {"Ann"}


def test_each_evaluator_s_score_links_to_its_source_and_only_web_links_are_taken(
    shipped, db, run_app
):
    store = Store.open(str(db))
    r, token = rounds.open_round(store, "Scores", "Fay")
    link = f"round={r.id}&tab=Team+round"
    at, vid = score(run_app, link, "<b>Ann</b>", {"model_quality": 9})
    bad = run_app(link).radio(key="_round_part").set_value("scores").run()
    bad.text_input(key="_eval.who").input("Bob")
    for cid in ("model_quality", "user_data"):
        bad.text_input(key=f"_eval.independent.{vid}.{cid}.url").input("javascript:alert(1)")
    bad = bad.button(key="eval_submit").click().run()
    [error] = [e.value for e in bad.error]
    assert "Not submitted: a source link is not a web address" in error
    for name in ("Model quality", "Consumer behavioural data"):
        assert f"{name}: 'javascript:alert(1)' is not a web address" in error.replace("\\", "")
    assert {s.evaluator for s in ev.scores(store, r.id, token=token)} == {"<b>Ann</b>"}

    at, _ = score(run_app, link, "Bob", {"model_quality": 3})
    at.selectbox(key="_eval.history").set_value(f"{vid}/model_quality")
    at = at.run()
    [said] = [d.value for d in at.dataframe if "Source" in d.value.columns]
    rows = list(zip(said["Evaluator"], said["Score"], said["Why"], said["Source"], strict=True))
    assert rows == [
        ("<b>Ann</b>", "9", "<b>Ann</b>'s reason", "https://example.com/e"),  # data, not markup
        ("Bob", "3", "Bob's reason", "https://example.com/e"),
    ]
    assert any("What each evaluator said" in m.value for m in at.markdown)


def test_a_signed_in_evaluator_scores_under_their_own_name_and_others_are_told_names_are_typed(
    shipped, db, run_app, monkeypatch
):
    from ui import views

    store = Store.open(str(db))
    r, token = rounds.open_round(store, "Scores", "Fay")
    link = f"round={r.id}&tab=Team+round"
    typed = run_app(link).radio(key="_round_part").set_value("scores").run()
    assert any("Names are as people type them" in c.value for c in typed.caption)
    assert not typed.text_input(key="_eval.who").disabled

    monkeypatch.setattr(views, "signed_in_name", lambda: "Dana Lee")
    at = run_app(link).radio(key="_round_part").set_value("scores").run()
    assert at.text_input(key="_eval.who").disabled
    assert at.text_input(key="_eval.who").value == "Dana Lee"
    assert any("You are signed in: each score is recorded" in c.value for c in at.caption)
    at = at.button(key="eval_submit").click().run()
    assert {s.evaluator for s in ev.scores(store, r.id, token=token)} == {"Dana Lee"}
