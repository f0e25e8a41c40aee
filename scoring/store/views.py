"""Saved views: a named share link in the store, with a short link `?s=<id>`.

A view keeps the canonical long link's query (every weight spelled out, the data fingerprint),
so it opens exactly the ranking it was saved with through the one link codec
(`scoring.scenario.link.decode`), and the long link keeps working with no store at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from scoring.store.core import Store, new_id, now, record
from scoring.store.errors import NameTaken, NotFound
from scoring.store.fields import NameInput, ViewInput, checked, name_key
from scoring.store.schema import views

SHORT_KEY = "s"  # the short link's query parameter: ?s=<view id>
KIND = "view"


@dataclass(frozen=True)
class SavedView:
    id: str
    name: str
    author: str
    note: str
    query: str
    created_at: str
    updated_at: str

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "name": self.name,
            "author": self.author,
            "note": self.note,
            "query": self.query,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def short_url(base: str, view_id: str) -> str:
    """The view's short link on the app at `base`."""
    return f"{base.split('?', 1)[0].split('#', 1)[0]}?{SHORT_KEY}={view_id}"


def save(store: Store, name: str, author: str, query: str, note: str = "") -> SavedView:
    """Save a new view. Raises InvalidInput (every bad field), NameTaken (nothing written)."""
    given = checked(ViewInput, name=name, author=author, note=note, query=query)
    when = now()
    view = SavedView(new_id(), given.name, given.author, given.note, given.query, when, when)
    try:
        with store.write() as conn:
            conn.execute(views.insert().values(name_key=name_key(view.name), **view.to_dict()))
            record(conn, view.author, "saved", KIND, view.id, view.to_dict())
    except IntegrityError:
        raise _taken(view.name) from None
    return view


def list_views(store: Store) -> list[SavedView]:
    """Every saved view, by name."""
    with store.read() as conn:
        rows = conn.execute(sa.select(views).order_by(views.c.name_key)).all()
    return [_view(r) for r in rows]


def get(store: Store, id_or_name: str) -> SavedView:
    """The view with this id, or else with this name (folded). Raises NotFound."""
    text = id_or_name.strip()
    with store.read() as conn:
        row = conn.execute(sa.select(views).where(views.c.id == text)).first()
        if row is None:
            key = name_key(text)
            row = conn.execute(sa.select(views).where(views.c.name_key == key)).first()
    if row is None:
        raise NotFound(f"no saved view {text[:60]!r}; `shortlist view list` shows them")
    return _view(row)


def get_by_id(store: Store, view_id: str) -> SavedView:
    """The view with exactly this id (a short link's); names do not match. Raises NotFound."""
    with store.read() as conn:
        row = conn.execute(sa.select(views).where(views.c.id == view_id[:64])).first()
    if row is None:
        raise NotFound(
            "this short link names no saved view (it may have been deleted); showing the "
            "default ranking"
        )
    return _view(row)


def rename(store: Store, id_or_name: str, new_name: str, who: str) -> SavedView:
    """Give a view a new name. Raises NotFound, InvalidInput, NameTaken (nothing written)."""
    given = checked(NameInput, name=new_name, who=who)
    view = get(store, id_or_name)
    when = now()
    try:
        with store.write() as conn:
            done = conn.execute(
                views.update()
                .where(views.c.id == view.id)
                .values(name=given.name, name_key=name_key(given.name), updated_at=when)
            )
            if done.rowcount != 1:
                raise NotFound(f"the view {view.name!r} was deleted meanwhile")
            record(conn, given.who, "renamed", KIND, view.id, {"from": view.name, "to": given.name})
    except IntegrityError:
        raise _taken(given.name) from None
    return SavedView(**{**view.to_dict(), "name": given.name, "updated_at": when})


def delete(store: Store, id_or_name: str, who: str) -> SavedView:
    """Delete a view; the history keeps what it was. Raises NotFound."""
    given = checked(NameInput, name="-", who=who)
    view = get(store, id_or_name)
    with store.write() as conn:
        done = conn.execute(views.delete().where(views.c.id == view.id))
        if done.rowcount != 1:
            raise NotFound(f"the view {view.name!r} was deleted meanwhile")
        record(conn, given.who, "deleted", KIND, view.id, view.to_dict())
    return view


def _taken(name: str) -> NameTaken:
    return NameTaken(
        f"a saved view is already named {name[:60]!r}; nothing was saved. Choose another name, "
        "or rename or delete the other view first"
    )


def _view(row: sa.Row) -> SavedView:
    return SavedView(
        row.id, row.name, row.author, row.note, row.query, row.created_at, row.updated_at
    )
