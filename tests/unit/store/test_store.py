"""The store on SQLite (always) and PostgreSQL (with SHORTLIST_TEST_PG_URL, as in CI): schema and
migrations, saved views, conflicts, failed writes, history, and people writing at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from scoring.store import InvalidInput, NameTaken, NotFound, Store, StoreUnavailable, views
from scoring.store import core as store_core
from scoring.store.db import DEFAULT_FILE, location
from scoring.store.schema import LATEST, current_version, metadata, migrate

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def store(store_url: str):
    opened = Store.open(store_url)
    yield opened
    opened.close()


def test_a_new_store_is_created_at_the_latest_version(store: Store):
    with store.read() as conn:
        assert current_version(conn) == LATEST


def test_the_migrations_build_exactly_the_declared_tables(store: Store):
    found = sa.inspect(store.engine)
    assert set(found.get_table_names()) == set(metadata.tables)
    for name, table in metadata.tables.items():
        assert {c["name"] for c in found.get_columns(name)} == set(table.columns.keys()), name


def test_a_version_1_store_upgrades_in_place_and_keeps_its_views(store_url: str):
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:  # a store as the first release left it
        migrate(conn, target=1)
        conn.exec_driver_sql(
            "INSERT INTO views (id, name, name_key, author, note, query, created_at, updated_at) "
            "VALUES ('old1', 'Board view', 'board view', 'Ann', '', 'm=wsm', 't0', 't0')"
        )
    with engine.connect() as conn:
        assert current_version(conn) == 1
        assert not sa.inspect(conn).has_table("rounds")
    engine.dispose()
    store = Store.open(store_url)
    with store.read() as conn:
        assert current_version(conn) == LATEST
        assert sa.inspect(conn).has_table("rounds")
    assert views.get(store, "board view").id == "old1"
    store.close()


def test_a_store_from_a_newer_shortlist_is_refused_not_downgraded(store_url: str):
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        migrate(conn)
        conn.exec_driver_sql(f"UPDATE schema_version SET version = {LATEST + 1}")
    engine.dispose()
    with pytest.raises(StoreUnavailable, match="newer than this Shortlist knows"):
        Store.open(store_url)


def test_save_list_get_rename_delete(store: Store):
    first = views.save(store, "  Board view ", "Ann", "m=wsm&w.a=2", note="for the board")
    views.save(store, "Legal first", "Bob", "m=topsis")
    assert first.name == "Board view"  # spaces around a name are not part of it
    assert [v.name for v in views.list_views(store)] == ["Board view", "Legal first"]
    assert views.get(store, first.id) == first
    assert views.get(store, "BOARD   view").id == first.id  # a name matches folded
    renamed = views.rename(store, first.id, "Board, final", "Cem")
    assert views.get(store, "board, final").query == "m=wsm&w.a=2"
    assert renamed.created_at == first.created_at
    views.delete(store, "Board, final", "Dee")
    with pytest.raises(NotFound, match="no saved view"):
        views.get(store, first.id)
    assert [v.name for v in views.list_views(store)] == ["Legal first"]


def test_ids_are_unguessable_and_distinct(store: Store):
    ids = {views.save(store, f"v{i}", "Ann", "m=wsm").id for i in range(30)}
    assert len(ids) == 30
    # 96 random bits in URL-safe base64: 16 characters, nothing sequential to count through.
    assert all(len(i) == 16 and all(ch.isalnum() or ch in "-_" for ch in i) for i in ids)


def test_a_taken_name_is_a_conflict_and_the_first_view_is_kept(store: Store):
    first = views.save(store, "Board view", "Ann", "m=wsm")
    with pytest.raises(NameTaken, match="already named 'Board View'; nothing was saved"):
        views.save(store, "Board View", "Bob", "m=topsis")
    assert views.list_views(store) == [first]
    other = views.save(store, "Other", "Bob", "m=topsis")
    with pytest.raises(NameTaken):
        views.rename(store, other.id, "board view", "Bob")
    assert views.get(store, other.id).name == "Other"
    assert [c.action for c in store.history()] == ["saved", "saved"]  # no record of a refusal


def test_every_bad_field_is_named_at_once_and_nothing_is_written(store: Store):
    with pytest.raises(InvalidInput) as info:
        views.save(store, "", "A" * 81, "m=wsm\nx", note="n" * 2001)
    assert info.value.problems == [
        "name: give at least one character",
        "author: give at most 80 characters",
        "note: give at most 2000 characters",
        "query: must be one line of text, without control characters",
    ]
    with pytest.raises(InvalidInput, match="name: must be one line"):
        views.save(store, "two\nlines", "Ann", "m=wsm")
    assert views.list_views(store) == []


def test_a_write_that_fails_halfway_leaves_the_store_as_it_was(store: Store, monkeypatch):
    kept = views.save(store, "Kept", "Ann", "m=wsm")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")  # after the view's row, before its history row

    monkeypatch.setattr(views, "record", broken)
    with pytest.raises(RuntimeError):
        views.save(store, "Lost", "Ann", "m=wsm")
    with pytest.raises(RuntimeError):
        views.delete(store, "Kept", "Ann")
    assert views.list_views(store) == [kept]
    assert len(store.history()) == 1


def test_the_history_says_who_did_what_when(store: Store):
    view = views.save(store, "Board view", "Ann", "m=wsm", note="first cut")
    views.rename(store, view.id, "Board", "Bob")
    views.delete(store, view.id, "Cem")
    changes = store.history(view.id)
    assert [(c.who, c.action) for c in changes] == [
        ("Cem", "deleted"),
        ("Bob", "renamed"),
        ("Ann", "saved"),
    ]
    assert changes[1].detail == {"from": "Board view", "to": "Board"}
    assert changes[0].detail["query"] == "m=wsm"  # a deleted view can be read back
    assert changes[2].at <= changes[1].at <= changes[0].at


def _workers(url: str, names: list[str], mode: str = "view", target: str = "") -> list[str]:
    """Start one process per name, let them all open the store, then let them write at once."""
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                url,
                mode,
                *((target, name) if target else (name, f"p{i}")),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for i, name in enumerate(names)
    ]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outcomes.append(out.strip())
    return outcomes


def test_twenty_people_saving_at_once_all_land(store_url: str):
    names = [f"view {i}" for i in range(20)]
    outcomes = _workers(store_url, names)  # a brand-new store: they race to create it too
    assert all(o.startswith("saved ") for o in outcomes), outcomes
    store = Store.open(store_url)
    assert sorted(v.name for v in views.list_views(store)) == sorted(names)
    assert len(store.history()) == 20
    store.close()


def test_two_people_saving_one_name_at_once_get_one_save_and_one_conflict(store_url: str):
    Store.open(store_url).close()
    outcomes = _workers(store_url, ["Board view", "board view"])
    assert sorted(o.split()[0] for o in outcomes) == ["saved", "taken"]
    store = Store.open(store_url)
    assert len(views.list_views(store)) == 1
    store.close()


def test_an_unreachable_store_says_where_and_why(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailable, match="cannot be used"):
        Store.open(str(blocker / "store.db"))
    with pytest.raises(StoreUnavailable, match="cannot be used"):
        Store.open("postgresql+psycopg://nobody:secret@/x?host=/nonexistent")
    with pytest.raises(StoreUnavailable) as info:
        Store.open("postgresql+psycopg://nobody:secret@/x?host=/nonexistent")
    assert "secret" not in str(info.value)  # the password is never shown


def test_the_location_is_a_path_a_url_or_the_default(monkeypatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SHORTLIST_DB")
    assert location() == f"sqlite:///{tmp_path / DEFAULT_FILE}"
    monkeypatch.setenv("SHORTLIST_DB", "team.db")
    assert location() == f"sqlite:///{tmp_path / 'team.db'}"
    monkeypatch.setenv("SHORTLIST_DB", "postgresql+psycopg://u@h/db")
    assert location() == "postgresql+psycopg://u@h/db"
    assert store_core.new_id() != store_core.new_id()


def test_no_id_or_token_starts_with_a_dash(monkeypatch):
    """A leading "-" reads as an option on the command line (one id in 64 once failed CI)."""
    drawn = iter(["-first", "-again", "Kept_one"])
    monkeypatch.setattr(store_core.secrets, "token_urlsafe", lambda n: next(drawn))
    assert store_core.new_id() == "Kept_one"
    monkeypatch.undo()
    assert not any(store_core.unguessable(3).startswith("-") for _ in range(2000))


def test_the_database_itself_refuses_to_change_or_delete_history(store: Store):
    views.save(store, "Board view", "Ann", "m=wsm")
    for statement in ("UPDATE history SET who = 'Mallory'", "DELETE FROM history"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), store.engine.begin() as c:
            c.exec_driver_sql(statement)
    assert [c.who for c in store.history()] == ["Ann"]
