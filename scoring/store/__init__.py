"""The store: what people make in the app (saved views, rounds, submissions) and its history.

SQLAlchemy Core over an SQLite file by default, PostgreSQL by URL (`scoring.store.db`). The case
files stay the truth for criteria and vendors; the store only keeps people's choices.

- `scoring.store.schema`: the tables and the numbered migrations (`schema_version`).
- `scoring.store.core`: `Store` (open, transactions, `history`), ids and times.
- `scoring.store.views`: saved views and their short links.
- `scoring.store.errors`: what can go wrong, as sentences (each a ScenarioError).
"""

from scoring.store.core import Change, Store
from scoring.store.errors import (
    InvalidInput,
    NameTaken,
    NotFound,
    Refused,
    StoreError,
    StoreUnavailable,
)

__all__ = [
    "Change",
    "InvalidInput",
    "NameTaken",
    "NotFound",
    "Refused",
    "Store",
    "StoreError",
    "StoreUnavailable",
]
