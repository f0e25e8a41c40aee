"""The store's history in words: who did what, when, described once for the app and the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from scoring.present.table import Column, Table
from scoring.present.words import short


class Change(Protocol):
    """A history row (scoring.store.core.Change): present does not import the store."""

    at: str
    who: str
    action: str
    detail: dict


PHASES = {"independent": "independently", "discussed": "after discussion"}


def _value(x: object) -> str:
    return short(float(x)) if isinstance(x, int | float) else str(x)


def describe(c: Change) -> str:
    """What a change did, in words ('scored 8 after discussion', 'agreed 7: the demo')."""
    d = c.detail
    if c.action == "scored" and "value" in d:
        return f"scored {_value(d['value'])} {PHASES.get(d.get('phase'), '')}".rstrip()
    if c.action == "scored":
        return f"scored {len(d.get('scores', {}))} cells {PHASES.get(d.get('phase'), '')}".rstrip()
    if c.action == "agreed":
        return f"agreed {_value(d.get('value'))}: {d.get('reason', '')}"
    if c.action in ("submitted", "resubmitted"):
        how = "judgements in pairs" if "judgements" in d else "weights"
        return f"{c.action} {how} as {d.get('role', '')}"
    if c.action == "deleted input":
        return f"deleted {d.get('of', '')}'s weights"
    if c.action == "deleted scores":
        return f"deleted {d.get('of', '')}'s {d.get('scores', '')} scores"
    if c.action == "renamed":
        return f"renamed (was {d.get('from', '')})"
    if c.action == "opened":
        return f"opened {d.get('title', '')}".rstrip()
    return c.action


def history_table(changes: Sequence[Change], title: str = "History") -> Table:
    """Newest first: when (UTC, to the minute), who, and what they did."""
    return Table(
        "history",
        title,
        (Column("when", "When (UTC)"), Column("who", "Who"), Column("what", "What")),
        tuple((c.at[:16].replace("T", " "), c.who, describe(c)) for c in changes),
        note="The history is append-only: nothing in it is ever changed or removed.",
        empty="No changes recorded.",
    )
