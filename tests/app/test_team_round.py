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


def test_a_participant_compares_in_pairs_and_the_group_s_cr_shows_beside_theirs(
    shipped, db, run_app
):
    store = Store.open(str(db))
    r, token = rounds.open_round(store, "Pairs", "Fay")
    ids = [c.id for c in shipped.criteria]
    at = run_app(f"round={r.id}&tab=Team+round")
    at.text_input(key="_round_participant").input("Kim")
    at.text_input(key="_round_role").input("CFO")
    at = at.radio(key="_round_how").set_value("pairs").run()
    # The Set weights tab's sliders, one per pair, starting at the current weights' ratio.
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            at.select_slider(key=f"_round_ahp.0.{a}.{b}").set_value(9 if i == 0 else 1)
    at = at.run()
    assert at.button(key="round_submit").label == "Submit my judgements"
    at = at.button(key="round_submit").click().run()
    assert "Submitted." in texts(at)
    [kim] = rounds.all_submissions(store, r.id)
    assert kim.judgements[0]["items"] == ids
    n = len(ids)
    assert kim.weights[ids[0]] == pytest.approx(100 * 9 / (9 + n - 1), abs=1e-4)
    rounds.submit(store, r.id, "Lee", "Legal", {c: 1.0 for c in ids})  # sliders, no judgements

    facilitator = run_app(f"round={r.id}&ft={token}&tab=Team+round")
    shown = texts(facilitator)
    assert "1 participant compared" in shown and "consistency ratio of 0.000" in shown
    [judged] = [d.value for d in facilitator.dataframe if d.value.columns[0] == "Participant"]
    assert list(judged.iloc[:, 0]) == ["Kim (CFO)", "Group (geometric mean of the judgements)"]


def test_the_round_s_report_is_built_from_the_app_with_the_group_view(shipped, db, run_app):
    store = Store.open(str(db))
    r, token = rounds.open_round(store, "Board round", "Fay")
    rounds.submit(store, r.id, "<i>Lee</i>", "Legal", {"regulatory_readiness": 90.0})
    rounds.submit(store, r.id, "Eve", "Eng", {"open_source": 90.0})
    blind = run_app(f"round={r.id}&tab=Team+round")
    assert not [b for b in blind.button if b.key == "round_report_build"]  # blind: no report
    at = run_app(f"round={r.id}&ft={token}&tab=Team+round")
    at = at.button(key="round_report_build").click().run()
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download the round's report (Markdown)" in labels
    assert "Download the round's report (HTML)" in labels
    assert "Download the round's report (Excel)" in labels
    from scoring.report import render
    from scoring.report.round import round_report_data
    from scoring.store.seen import RoundInputs

    data = round_report_data(
        shipped, Scenario(), RoundInputs("Board round", rounds.all_submissions(store, r.id)),
        sensitivity=False,
    )  # fmt: skip
    page = render(data, "md").decode()
    assert "## The team's weights" in page and "&lt;i&gt;Lee&lt;/i&gt; (Legal)" in page
    assert "<i>Lee" not in page


def test_the_facilitator_deletes_an_input_and_the_round_s_history_shows_it(shipped, db, run_app):
    store = Store.open(str(db))
    r, token = rounds.open_round(store, "History", "Fay")
    rounds.submit(store, r.id, "Lee", "Legal", {"regulatory_readiness": 90.0})
    rounds.submit(store, r.id, "Eve", "Eng", {"open_source": 90.0})
    participant = run_app(f"round={r.id}&tab=Team+round")
    assert not [b for b in participant.button if b.key == "round_delete"]
    at = run_app(f"round={r.id}&ft={token}&tab=Team+round")
    at.selectbox(key="_round_delete_who").set_value("Lee")
    at = at.button(key="round_delete").click().run()
    assert "Deleted. The history keeps what it was." in texts(at)
    assert [s.participant for s in rounds.all_submissions(store, r.id)] == ["Eve"]
    [history] = [d.value for d in at.dataframe if list(d.value.columns) == ["When (UTC)", "Who",
                 "What"]]  # fmt: skip
    assert list(history["What"])[:3] == [
        "deleted Lee's weights", "submitted weights as Eng", "submitted weights as Legal"
    ]  # fmt: skip


def test_judgements_at_every_level_the_round_weighs_show_each_group_cr_in_the_tree_order(
    shipped, db, run_app
):
    from scoring.group_ahp import comparison_sets, judged_sets

    store = Store.open(str(db))
    r, token = rounds.open_round(store, "Pairs everywhere", "Fay", level="all")
    top, *branches = comparison_sets(shipped, "all")
    assert [c.id for c in top] == [c.id for c in shipped.criteria] and len(branches) == 2
    fit = branches[-1]  # cloud delivery, execution track record, partner conflict
    a, b, c = (x.id for x in fit)
    # Lee (first, from the command line's store) lists the last group backwards and judges it
    # inconsistently: a = 2b, b = 2c, but c = 2a.
    lee = {"items": [c, b, a], "pairs": [[c, b, 0.5], [c, a, 2], [b, a, 0.5]]}
    rounds.submit(store, r.id, "Lee", "Legal", {x.id: 1.0 for x in shipped.all_criteria}, [lee])

    at = run_app(f"round={r.id}&tab=Team+round")
    at.text_input(key="_round_participant").input("Kim")
    at.text_input(key="_round_role").input("CFO")
    at = at.radio(key="_round_how").set_value("pairs").run()
    for k, items in enumerate((top, *branches)):
        for i, x in enumerate(items):
            for y in items[i + 1 :]:
                at.select_slider(key=f"_round_ahp.{k}.{x.id}.{y.id}").set_value(1)
    # Kim on the last group: a = 2b, b = 2c, a = 4c (consistent: 4/7, 2/7, 1/7).
    for (x, y), v in {(a, b): 2, (a, c): 4, (b, c): 2}.items():
        at.select_slider(key=f"_round_ahp.2.{x}.{y}").set_value(v)
    at = at.run().button(key="round_submit").click().run()
    assert "Submitted." in texts(at)
    kim = next(s for s in rounds.all_submissions(store, r.id) if s.participant == "Kim")
    assert [j["items"] for j in kim.judgements] == [[x.id for x in s] for s in (top, *branches)]

    facilitator = run_app(f"round={r.id}&ft={token}&tab=Team+round")
    shown = texts(facilitator)
    judged = judged_sets(rounds.all_submissions(store, r.id), [x.id for x in shipped.all_criteria])
    assert [s.items for s in judged] == [tuple(x.id for x in s) for s in (top, *branches)]
    tables = [d.value for d in facilitator.dataframe if d.value.columns[0] == "Participant"]
    assert len(tables) == 3  # the top level and both groups, in the tree's order
    for table, s, items in zip(tables, judged, (top, *branches), strict=True):
        assert list(table.columns[3:]) == [x.name for x in items]  # the tree's order
        assert f"consistency ratio of {s.group.cr:.3f}" in shown
    assert judged[0].group.cr == pytest.approx(0.0, abs=1e-9)  # Kim alone, every pair equal
    last = tables[-1]
    assert list(last["Participant"]) == [
        "Kim (CFO)", "Lee (Legal)", "Group (geometric mean of the judgements)"
    ]  # fmt: skip
    assert list(last[fit[0].name])[0] == "57.1%"  # Kim: 4/7
    assert judged[-1].people[1][1].cr > 0.1 and "Too inconsistent on their own: Lee" in shown
