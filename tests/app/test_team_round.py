"""A team round in the app: the facilitator opens it, two participants submit their sidebar
weights blind, the facilitator sees both and the consensus (equal to scoring.group's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import Scenario
from scoring.group import Participant, group
from scoring.present import group as present_group
from scoring.store import Store, rounds

TAB = {"tab": "Team round"}


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "store.db"
    monkeypatch.setenv("SHORTLIST_DB", str(path))
    return path


def texts(at) -> str:
    return "\n".join(
        e.value for e in [*at.markdown, *at.info, *at.success, *at.error, *at.warning, *at.code]
    )


def submit(run_app, round_id: str, link: str, name: str, role: str):
    at = run_app(f"{link}&round={round_id}&tab=Team+round")
    at.text_input(key="_round_participant").input(name)
    at.text_input(key="_round_role").input(role)
    return at.button(key="round_submit").click().run()


def test_two_participants_submit_and_the_facilitator_sees_both_and_the_consensus(
    shipped, db, run_app
):
    at = run_app(TAB)
    at.text_input(key="_round_title").input("Partner weights")
    at.text_input(key="_round_facilitator").input("Fay")
    at = at.button(key="round_open").click().run()
    round_id, token = at.query_params["round"], at.query_params["ft"]
    shown = texts(at)
    assert f"round={round_id}&tab=Team+round" in shown and f"ft={token}" in shown
    assert "No one has submitted yet." in shown

    legal = "w.regulatory_readiness=90&w.open_source=0"
    first = submit(run_app, round_id, legal, "Lee", "Legal")
    assert "Submitted." in texts(first)
    assert "Lee (Legal)" in texts(first) or first.dataframe  # the group view, after submitting

    blind = run_app(f"round={round_id}&tab=Team+round")
    assert "once you have submitted yours" in texts(blind)  # not before submitting

    eng = "w.open_source=90&w.regulatory_readiness=5"
    second = submit(run_app, round_id, eng, "Eve", "Engineering")
    assert "Submitted." in texts(second)

    facilitator = run_app(f"round={round_id}&ft={token}&tab=Team+round")
    table = facilitator.dataframe[0].value
    assert list(table.columns)[1:3] == ["Eve (Engineering)", "Lee (Legal)"]
    store = Store.open(str(db))
    seen = rounds.all_submissions(store, round_id)
    expected = group(
        shipped,
        [Participant(f"{s.participant} ({s.role})", Scenario(weights=s.weights)) for s in seen],
    )
    names = {v.id: v.name for v in shipped.vendors}
    for sentence in present_group.sentences(shipped, expected, names):
        assert sentence.split(":")[0].split(";")[0] in texts(facilitator)
    assert seen[1].weights["regulatory_readiness"] == 90.0

    closed = facilitator.button(key="round_close").click().run()
    assert "closed" in texts(closed) or any("closed" in c.value for c in closed.caption)
    late = run_app(f"round={round_id}&tab=Team+round")
    assert not [b for b in late.button if b.key == "round_submit"]  # no submitting any more
    with pytest.raises(rounds.Refused):
        rounds.submit(store, round_id, "Zed", "Late", {"regulatory_readiness": 1.0})


def test_a_round_link_to_no_round_says_so(shipped, db, run_app):
    at = run_app({"round": "nope", "tab": "Team round"})
    assert any("names no round" in w.value for w in at.warning)
    assert not [w for w in at.warning if w.value.startswith("Link")]
