"""The "Save this view" panel and short links, on a temporary store."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import Scenario, rank
from scoring.store import Store, views

LINK = "m=topsis&w.regulatory_readiness=90&w.open_source=0"


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "store.db"
    monkeypatch.setenv("SHORTLIST_DB", str(path))
    return path


def save(at, name: str, author: str = "Ann", note: str = ""):
    at.text_input(key="_view_name").input(name)
    at.text_input(key="_view_author").input(author)
    at.text_area(key="_view_note").input(note)
    return at.button(key="view_save").click().run()


def messages(at) -> list[str]:
    return [e.value for e in [*at.success, *at.error, *at.warning]]


def test_a_saved_view_opens_from_its_short_link_with_the_same_ranking(
    shipped, db, run_app, ranking_of, expected
):
    at = run_app(LINK)
    saved_ranking = ranking_of(at)
    at = save(at, "Legal first", note="for the *board*")
    assert "Saved **Legal first**." in messages(at)
    [view] = views.list_views(Store.open(str(db)))
    assert (view.name, view.author, view.note) == ("Legal first", "Ann", "for the *board*")
    short = [c.value for c in at.code if "?s=" in c.value]
    assert short and short[0].endswith(f"?s={view.id}")

    fresh = run_app({"s": view.id})  # another person, another session
    assert ranking_of(fresh) == saved_ranking
    direct = Scenario(method="topsis", weights={"regulatory_readiness": 90, "open_source": 0})
    assert ranking_of(fresh) == expected(rank(shipped, direct))
    assert "s" not in fresh.query_params  # the address bar becomes the full long link
    assert fresh.query_params["m"] == "topsis"
    assert not [w for w in fresh.warning if w.value.startswith("Link")]  # nothing ignored


def test_a_second_save_under_a_taken_name_is_refused_and_the_first_kept(shipped, db, run_app):
    at = save(run_app(LINK), "Board view")
    at = save(at, "board view", author="Bob")
    assert any("already named 'board view'; nothing was saved" in m for m in messages(at))
    [view] = views.list_views(Store.open(str(db)))
    assert view.author == "Ann"


def test_every_bad_field_is_named_and_nothing_saved(shipped, db, run_app):
    at = save(run_app(), "  ", author="")
    text = " ".join(messages(at))
    assert "name: give at least one character" in text
    assert "author: give at least one character" in text
    assert views.list_views(Store.open(str(db))) == []


def test_open_rename_and_delete_from_the_list(shipped, db, run_app, ranking_of, expected):
    store = Store.open(str(db))
    views.save(store, "Open first", "Bob", "m=wsm&w.open_source=90")
    at = run_app()
    default = ranking_of(at)
    assert at.selectbox(key="_view_pick").options == ["Open first"]
    at = at.button(key="view_open").click().run()
    assert ranking_of(at) == expected(rank(shipped, Scenario(weights={"open_source": 90})))
    assert ranking_of(at) != default
    at.text_input(key="_view_author").input("Cem")
    at.text_input(key="_view_new_name").input("Open, final")
    at = at.button(key="view_rename").click().run()
    assert [v.name for v in views.list_views(store)] == ["Open, final"]
    history = [m.value for m in at.markdown if m.value.startswith("**History**")]
    assert "Cem renamed (was Open first)" in history[0] and "Bob saved" in history[0]
    at = at.button(key="view_delete").click().run()
    assert views.list_views(store) == []
    assert [(c.who, c.action) for c in store.history()] == [
        ("Cem", "deleted"),
        ("Cem", "renamed"),
        ("Bob", "saved"),
    ]


def test_a_short_link_to_no_view_says_so_and_ranks_the_defaults(
    shipped, db, run_app, ranking_of, expected
):
    at = run_app({"s": "not-a-view-id"})
    assert any("names no saved view" in w.value for w in at.warning)
    assert ranking_of(at) == expected(rank(shipped, Scenario()))


def test_an_unreachable_store_still_ranks_and_says_saving_is_unavailable(
    shipped, tmp_path, monkeypatch, run_app, ranking_of, expected
):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("SHORTLIST_DB", str(tmp_path / "file" / "store.db"))
    at = run_app(LINK)
    assert ranking_of(at)  # the ranking is there
    assert any("Saving views is unavailable" in w.value for w in at.warning)
    short = run_app({"s": "abc"})
    assert any("short link cannot be opened" in w.value for w in short.warning)
    assert ranking_of(short) == expected(rank(shipped, Scenario()))
