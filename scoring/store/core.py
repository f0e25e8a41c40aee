"""The store object: one engine, transactions that land whole, and the append-only history."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from scoring.store.db import location, open_engine, shown
from scoring.store.errors import StoreError, StoreUnavailable
from scoring.store.schema import history

ID_BYTES = 12  # 96 random bits: 16 URL-safe characters nobody can guess or count through


def unguessable(nbytes: int = ID_BYTES) -> str:
    """Random URL-safe text that never starts with "-".

    A command line reads a leading "-" as an option, so one id in 64 would otherwise be
    refused as `shortlist round show -Xy...` ("the following arguments are required").
    Redrawing the rare bad first character costs well under one bit of the randomness.
    """
    while True:
        text = secrets.token_urlsafe(nbytes)
        if not text.startswith("-"):
            return text


def new_id() -> str:
    """An unguessable id for a view, a round or a submission (also its short link)."""
    return unguessable(ID_BYTES)


def now() -> str:
    """The current UTC time as ISO 8601 text: exact, sortable, the same on every database."""
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class Change:
    """One row of the history: who did what to which item, when, and the details."""

    seq: int
    at: str
    who: str
    action: str
    kind: str
    item_id: str
    detail: dict


class Store:
    """Saved views, rounds and their history in one database (`scoring.store.db`)."""

    def __init__(self, engine: sa.Engine, url: str):
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """The store at `url` (a file path or URL; default $SHORTLIST_DB or the default file),
        created or upgraded on first use. Raises StoreUnavailable."""
        resolved = location(url)
        return cls(open_engine(resolved), resolved)

    @property
    def address(self) -> str:
        return shown(self.url)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One transaction: everything in the block lands, or (on any error) nothing does."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except StoreError:
            raise
        except OperationalError as exc:
            raise StoreUnavailable(f"the store at {self.address} failed: {exc.orig}") from exc

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreUnavailable(f"the store at {self.address} failed: {exc}") from exc

    def history(self, item_id: str | None = None, limit: int = 200) -> list[Change]:
        """The latest changes, newest first: every item's, or one item's."""
        query = sa.select(history).order_by(history.c.seq.desc()).limit(limit)
        if item_id is not None:
            query = query.where(history.c.item_id == item_id)
        with self.read() as conn:
            rows = conn.execute(query).all()
        return [
            Change(r.seq, r.at, r.who, r.action, r.kind, r.item_id, json.loads(r.detail))
            for r in rows
        ]


def record(
    conn: sa.Connection, who: str, action: str, kind: str, item_id: str, detail: dict
) -> None:
    """Append one history row, inside the caller's transaction (so it lands with the change)."""
    conn.execute(
        history.insert().values(
            at=now(),
            who=who,
            action=action,
            kind=kind,
            item_id=item_id,
            detail=json.dumps(detail, sort_keys=True, ensure_ascii=False),
        )
    )
