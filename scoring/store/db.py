"""Where the store lives and how it is opened: an SQLite file by default, any SQLAlchemy URL.

`SHORTLIST_DB` is a file path or a URL (`postgresql+psycopg://user@host/db`). Unset, the store is
`.shortlist/store.db` in the working folder, the one that holds `criteria/` and `vendors/`: saved
views belong to that case, and a user data folder would mix the views of every case.

Every write is one transaction: it lands whole or not at all. On SQLite a write transaction takes
the file's write lock when it starts (BEGIN IMMEDIATE) and waits up to BUSY_TIMEOUT_S for it, so
that twenty people saving at once queue instead of failing with "database is locked".
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from scoring.store.errors import StoreUnavailable
from scoring.store.schema import migrate

DB_ENV = "SHORTLIST_DB"
DEFAULT_FILE = Path(".shortlist") / "store.db"
BUSY_TIMEOUT_S = 30


def location(value: str | None = None) -> str:
    """The SQLAlchemy URL of the store: `value`, else $SHORTLIST_DB, else the default file."""
    raw = (value if value is not None else os.environ.get(DB_ENV, "")).strip()
    if "://" in raw:
        return raw
    path = Path(raw) if raw else DEFAULT_FILE
    return f"sqlite:///{path.expanduser().resolve()}"


def shown(url: str) -> str:
    """The store's address for a message: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "an unreadable address"


def open_engine(url: str) -> sa.Engine:
    """An engine on `url`, its schema migrated to the latest version (created on first use).

    Raises StoreUnavailable, naming the address, when it cannot be reached or upgraded.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreUnavailable(
            f"{DB_ENV} is neither a file path nor a database URL: {url[:80]!r}"
        ) from None
    engine: sa.Engine | None = None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed)
        else:
            engine = sa.create_engine(parsed, pool_pre_ping=True)
        with engine.begin() as conn:
            migrate(conn)
    except (SQLAlchemyError, OSError, ValueError, ImportError) as exc:
        if engine is not None:
            engine.dispose()
        raise StoreUnavailable(f"the store at {shown(url)} cannot be used: {_reason(exc)}") from exc
    return engine


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    # SQLAlchemy's recipe for real SQLite transactions: the driver's own implicit BEGIN is turned
    # off and each transaction begins IMMEDIATE, so DDL is transactional too (a migration lands
    # whole) and a writer waits for the lock instead of failing when it upgrades a read.
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _reason(exc: BaseException) -> str:
    """The driver's first line, without SQLAlchemy's background link."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0][:300] if str(orig).strip() else type(orig).__name__
