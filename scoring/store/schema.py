"""The store's tables and the migrations that build them, one numbered step per schema version.

A step is frozen once released: a later change of the schema is a new step, never an edit of an
old one, so that a file made by any earlier version upgrades in place (`migrate`). The current
tables are also declared below as SQLAlchemy Core `Table`s for the queries; a test checks that
running every step gives exactly these tables and columns.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

# Field limits, in characters: one place for the checks (`scoring.store.fields`) and the columns.
ID_CHARS = 32
NAME_CHARS = 100
AUTHOR_CHARS = 80
NOTE_CHARS = 2000
QUERY_CHARS = 8000  # a share link's query (scoring.scenario.link.MAX_QUERY_CHARS)
WHEN_CHARS = 32  # an ISO 8601 UTC time, e.g. 2026-12-01T13:20:00.123456+00:00
DETAIL_CHARS = 16000
# A folded name (scoring.store.fields.name_key) can be longer than the name: NFKC expands some
# characters (the ligature "ﬃ" is three letters).
KEY_CHARS = 4 * NAME_CHARS

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, nullable=False),
)

views = sa.Table(
    "views",
    metadata,
    sa.Column("id", sa.String(ID_CHARS), primary_key=True),
    sa.Column("name", sa.String(NAME_CHARS), nullable=False),
    # The name folded for comparison: "Board view" and "board view " are one name.
    sa.Column("name_key", sa.String(KEY_CHARS), nullable=False, unique=True),
    sa.Column("author", sa.String(AUTHOR_CHARS), nullable=False),
    sa.Column("note", sa.String(NOTE_CHARS), nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(WHEN_CHARS), nullable=False),
    sa.Column("updated_at", sa.String(WHEN_CHARS), nullable=False),
)

# Append-only: the store inserts here in the same transaction as every change and never updates
# or deletes a row.
history = sa.Table(
    "history",
    metadata,
    sa.Column("seq", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("at", sa.String(WHEN_CHARS), nullable=False),
    sa.Column("who", sa.String(AUTHOR_CHARS), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("item_id", sa.String(ID_CHARS), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
)

rounds = sa.Table(
    "rounds",
    metadata,
    sa.Column("id", sa.String(ID_CHARS), primary_key=True),
    sa.Column("title", sa.String(NAME_CHARS), nullable=False),
    sa.Column("level", sa.String(NAME_CHARS), nullable=False),
    # Only a hash of the facilitator's token is kept: a copy of the store does not hand it out.
    sa.Column("facilitator_hash", sa.String(64), nullable=False),
    sa.Column("show_others", sa.Boolean, nullable=False),
    sa.Column("closes_at", sa.String(WHEN_CHARS), nullable=True),
    sa.Column("closed", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.String(WHEN_CHARS), nullable=False),
)

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.String(ID_CHARS), primary_key=True),
    sa.Column("round_id", sa.String(ID_CHARS), sa.ForeignKey("rounds.id"), nullable=False),
    sa.Column("participant", sa.String(AUTHOR_CHARS), nullable=False),
    sa.Column("participant_key", sa.String(KEY_CHARS), nullable=False),
    sa.Column("role", sa.String(AUTHOR_CHARS), nullable=False),
    sa.Column("weights", sa.Text, nullable=False),  # JSON {criterion id: raw weight}
    sa.Column("submitted_at", sa.String(WHEN_CHARS), nullable=False),
    # JSON [{items, pairs}] when the weights came from AHP pairwise judgements, else NULL.
    sa.Column("judgements", sa.Text, nullable=True),
    sa.UniqueConstraint("round_id", "participant_key"),
)


evaluations = sa.Table(
    "evaluations",
    metadata,
    sa.Column("id", sa.String(ID_CHARS), primary_key=True),
    sa.Column("round_id", sa.String(ID_CHARS), sa.ForeignKey("rounds.id"), nullable=False),
    sa.Column("evaluator", sa.String(AUTHOR_CHARS), nullable=False),
    sa.Column("evaluator_key", sa.String(KEY_CHARS), nullable=False),
    sa.Column("vendor", sa.String(ID_CHARS * 2), nullable=False),
    sa.Column("criterion", sa.String(ID_CHARS * 2), nullable=False),
    sa.Column("phase", sa.String(16), nullable=False),  # independent | discussed
    sa.Column("value", sa.Text, nullable=False),  # JSON: a number or a level's label
    sa.Column("rationale", sa.Text, nullable=False),
    sa.Column("submitted_at", sa.String(WHEN_CHARS), nullable=False),
    sa.Column("sources", sa.Text, nullable=True),  # JSON [{title, url, date}], NULL: none
    sa.UniqueConstraint("round_id", "evaluator_key", "vendor", "criterion", "phase"),
)

consensus_scores = sa.Table(
    "consensus_scores",
    metadata,
    sa.Column("round_id", sa.String(ID_CHARS), sa.ForeignKey("rounds.id"), primary_key=True),
    sa.Column("vendor", sa.String(ID_CHARS * 2), primary_key=True),
    sa.Column("criterion", sa.String(ID_CHARS * 2), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("who", sa.String(AUTHOR_CHARS), nullable=False),
    sa.Column("at", sa.String(WHEN_CHARS), nullable=False),
)


def _v1(conn: sa.Connection) -> None:
    """The first schema: saved views and the history."""
    conn.exec_driver_sql(
        f"""CREATE TABLE views (
            id VARCHAR({ID_CHARS}) NOT NULL PRIMARY KEY,
            name VARCHAR({NAME_CHARS}) NOT NULL,
            name_key VARCHAR({KEY_CHARS}) NOT NULL UNIQUE,
            author VARCHAR({AUTHOR_CHARS}) NOT NULL,
            note VARCHAR({NOTE_CHARS}) NOT NULL,
            query TEXT NOT NULL,
            created_at VARCHAR({WHEN_CHARS}) NOT NULL,
            updated_at VARCHAR({WHEN_CHARS}) NOT NULL)"""
    )
    serial = (
        "INTEGER GENERATED BY DEFAULT AS IDENTITY"
        if conn.dialect.name == "postgresql"
        else "INTEGER"  # SQLite: an INTEGER PRIMARY KEY numbers itself
    )
    conn.exec_driver_sql(
        f"""CREATE TABLE history (
            seq {serial} NOT NULL PRIMARY KEY,
            at VARCHAR({WHEN_CHARS}) NOT NULL,
            who VARCHAR({AUTHOR_CHARS}) NOT NULL,
            action VARCHAR(40) NOT NULL,
            kind VARCHAR(20) NOT NULL,
            item_id VARCHAR({ID_CHARS}) NOT NULL,
            detail TEXT NOT NULL)"""
    )
    conn.exec_driver_sql("CREATE INDEX history_item ON history (item_id)")


def _v2(conn: sa.Connection) -> None:
    """Rounds of stakeholder weights and each participant's latest submission."""
    conn.exec_driver_sql(
        f"""CREATE TABLE rounds (
            id VARCHAR({ID_CHARS}) NOT NULL PRIMARY KEY,
            title VARCHAR({NAME_CHARS}) NOT NULL,
            level VARCHAR({NAME_CHARS}) NOT NULL,
            facilitator_hash VARCHAR(64) NOT NULL,
            show_others BOOLEAN NOT NULL,
            closes_at VARCHAR({WHEN_CHARS}),
            closed BOOLEAN NOT NULL,
            created_at VARCHAR({WHEN_CHARS}) NOT NULL)"""
    )
    conn.exec_driver_sql(
        f"""CREATE TABLE submissions (
            id VARCHAR({ID_CHARS}) NOT NULL PRIMARY KEY,
            round_id VARCHAR({ID_CHARS}) NOT NULL REFERENCES rounds (id),
            participant VARCHAR({AUTHOR_CHARS}) NOT NULL,
            participant_key VARCHAR({KEY_CHARS}) NOT NULL,
            role VARCHAR({AUTHOR_CHARS}) NOT NULL,
            weights TEXT NOT NULL,
            submitted_at VARCHAR({WHEN_CHARS}) NOT NULL,
            UNIQUE (round_id, participant_key))"""
    )


def _v3(conn: sa.Connection) -> None:
    """The history refuses updates and deletes in the database itself, not only in this code:
    a script or a bug that tries gets an error and the transaction is rolled back."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            """CREATE FUNCTION history_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'the history is append-only'; END; $$ LANGUAGE plpgsql"""
        )
        for event in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER history_no_{event.lower()} BEFORE {event} ON history "
                "FOR EACH ROW EXECUTE FUNCTION history_append_only()"
            )
        return
    for event in ("UPDATE", "DELETE"):
        conn.exec_driver_sql(
            f"CREATE TRIGGER history_no_{event.lower()} BEFORE {event} ON history "
            "BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END"
        )


def _v4(conn: sa.Connection) -> None:
    """Evaluators' scores (independent and after discussion) and the facilitator's consensus."""
    conn.exec_driver_sql(
        f"""CREATE TABLE evaluations (
            id VARCHAR({ID_CHARS}) NOT NULL PRIMARY KEY,
            round_id VARCHAR({ID_CHARS}) NOT NULL REFERENCES rounds (id),
            evaluator VARCHAR({AUTHOR_CHARS}) NOT NULL,
            evaluator_key VARCHAR({KEY_CHARS}) NOT NULL,
            vendor VARCHAR({ID_CHARS * 2}) NOT NULL,
            criterion VARCHAR({ID_CHARS * 2}) NOT NULL,
            phase VARCHAR(16) NOT NULL,
            value TEXT NOT NULL,
            rationale TEXT NOT NULL,
            submitted_at VARCHAR({WHEN_CHARS}) NOT NULL,
            UNIQUE (round_id, evaluator_key, vendor, criterion, phase))"""
    )
    conn.exec_driver_sql(
        f"""CREATE TABLE consensus_scores (
            round_id VARCHAR({ID_CHARS}) NOT NULL REFERENCES rounds (id),
            vendor VARCHAR({ID_CHARS * 2}) NOT NULL,
            criterion VARCHAR({ID_CHARS * 2}) NOT NULL,
            value TEXT NOT NULL,
            reason TEXT NOT NULL,
            who VARCHAR({AUTHOR_CHARS}) NOT NULL,
            at VARCHAR({WHEN_CHARS}) NOT NULL,
            PRIMARY KEY (round_id, vendor, criterion))"""
    )


def _v5(conn: sa.Connection) -> None:
    """A participant may submit AHP pairwise judgements instead of weights: kept beside them."""
    conn.exec_driver_sql("ALTER TABLE submissions ADD COLUMN judgements TEXT")


def _v6(conn: sa.Connection) -> None:
    """An evaluator's score carries its sources (the evidence the case files keep per score)."""
    conn.exec_driver_sql("ALTER TABLE evaluations ADD COLUMN sources TEXT")


# MIGRATIONS[i] takes a store at version i to version i + 1 (version 0: an empty database).
MIGRATIONS: tuple[Callable[[sa.Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5, _v6)
LATEST = len(MIGRATIONS)


def current_version(conn: sa.Connection) -> int:
    """The schema version a database is at: 0 when it has no store tables yet."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return int(conn.execute(sa.select(schema_version.c.version)).scalar_one())


def migrate(conn: sa.Connection, target: int = LATEST) -> int:
    """Upgrade the database in `conn`'s transaction to `target`; returns the version before.

    Raises ValueError for a database from a newer Shortlist (downgrades are not supported).
    """
    if conn.dialect.name == "postgresql":
        # Two processes opening a new store at once: the second waits for the first's tables.
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7240912)")
    before = current_version(conn)
    if before > LATEST:
        raise ValueError(
            f"the store is at schema version {before}, newer than this Shortlist knows "
            f"({LATEST}); upgrade Shortlist"
        )
    if before == 0:
        conn.exec_driver_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute(schema_version.insert().values(version=0))
    for step in MIGRATIONS[before:target]:
        step(conn)
    if target > before:
        conn.execute(schema_version.update().values(version=target))
    return before
