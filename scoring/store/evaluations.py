"""Evaluators' scores in a round: each evaluator scores cells (vendor x leaf criterion) with a
rationale, blind to the others until they have submitted; the facilitator records a consensus
score with a required reason. Independent and post-discussion scores are kept side by side
(`phase`), and every change is in the history. The maths is scoring.evaluators."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Literal

import sqlalchemy as sa
from pydantic import Field, StringConstraints

from scoring.evaluators import Consensus, Evaluation
from scoring.model import Source
from scoring.store.core import Change, Store, new_id, now, record
from scoring.store.errors import NotFound, Refused
from scoring.store.fields import Note, Person, _Input, checked, name_key
from scoring.store.rounds import KIND, get_round, is_facilitator
from scoring.store.schema import consensus_scores, evaluations

Phase = Literal["independent", "discussed"]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9_\-]+$")]
MAX_CELLS = 2000
MAX_SOURCES = 20


class CellInput(_Input):
    vendor: Id  # type: ignore[valid-type]
    criterion: Id  # type: ignore[valid-type]
    value: float | Annotated[str, StringConstraints(min_length=1, max_length=60)]
    rationale: Note = ""  # type: ignore[valid-type]
    sources: list[Source] = Field(default=[], max_length=MAX_SOURCES)


class ScoresInput(_Input):
    evaluator: Person  # type: ignore[valid-type]
    phase: Phase
    cells: list[CellInput] = Field(min_length=1, max_length=MAX_CELLS)


class ConsensusInput(_Input):
    who: Person  # type: ignore[valid-type]
    vendor: Id  # type: ignore[valid-type]
    criterion: Id  # type: ignore[valid-type]
    value: float | Annotated[str, StringConstraints(min_length=1, max_length=60)]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


@dataclass(frozen=True)
class Scored(Evaluation):
    phase: str = "independent"
    sources: tuple[dict, ...] = ()  # {title, url, date}: http(s) links only (scoring.model.Source)


def submit_scores(
    store: Store, round_id: str, evaluator: str, cells: list[dict], phase: str = "independent"
) -> int:
    """An evaluator's scores, each new or replacing their earlier score of that cell in that
    phase (the history keeps it). Returns how many cells. Raises Refused for a closed round."""
    given = checked(ScoresInput, evaluator=evaluator, phase=phase, cells=cells)
    r = get_round(store, round_id)
    if not r.is_open():
        raise Refused(f"the round {r.title!r} is closed; scores are no longer accepted")
    key, when = name_key(given.evaluator), now()
    with store.write() as conn:
        for cell in given.cells:
            where = (
                (evaluations.c.round_id == r.id)
                & (evaluations.c.evaluator_key == key)
                & (evaluations.c.vendor == cell.vendor)
                & (evaluations.c.criterion == cell.criterion)
                & (evaluations.c.phase == given.phase)
            )
            values = {
                "value": json.dumps(cell.value),
                "rationale": cell.rationale,
                "sources": json.dumps([x.model_dump(mode="json") for x in cell.sources])
                if cell.sources
                else None,
            }
            done = conn.execute(
                evaluations.update().where(where).values(submitted_at=when, **values)
            )
            if done.rowcount == 0:
                conn.execute(
                    evaluations.insert().values(
                        id=new_id(),
                        round_id=r.id,
                        evaluator=given.evaluator,
                        evaluator_key=key,
                        vendor=cell.vendor,
                        criterion=cell.criterion,
                        phase=given.phase,
                        submitted_at=when,
                        **values,
                    )
                )
        detail = {
            "phase": given.phase,
            "scores": {f"{c.vendor}/{c.criterion}": c.value for c in given.cells},
        }
        record(conn, given.evaluator, "scored", KIND, r.id, detail)
    return len(given.cells)


def scores(
    store: Store,
    round_id: str,
    evaluator: str | None = None,
    token: str | None = None,
    phase: str = "independent",
) -> list[Scored] | None:
    """Every evaluator's scores in `phase`, or None while this evaluator has not submitted any
    in either phase (blind until submitted; the facilitator always sees them)."""
    r = get_round(store, round_id)
    with store.read() as conn:
        rows = conn.execute(
            sa.select(evaluations)
            .where((evaluations.c.round_id == r.id) & (evaluations.c.phase == phase))
            .order_by(evaluations.c.evaluator_key, evaluations.c.vendor, evaluations.c.criterion)
        ).all()
    out = [
        Scored(
            x.evaluator,
            x.vendor,
            x.criterion,
            json.loads(x.value),
            x.rationale,
            x.phase,
            tuple(json.loads(x.sources)) if x.sources else (),
        )
        for x in rows
    ]
    if is_facilitator(store, r.id, token) or r.show_others:
        return out
    # Blind until this evaluator has scored in either phase.
    if evaluator and any(
        own_scores(store, r.id, evaluator, p) for p in ("independent", "discussed")
    ):
        return out
    return None


def own_scores(store: Store, round_id: str, evaluator: str, phase: str = "independent") -> list:
    """This evaluator's own scores in `phase` (what they see of the round before submitting)."""
    key = name_key(evaluator or "")
    with store.read() as conn:
        rows = conn.execute(
            sa.select(evaluations).where(
                (evaluations.c.round_id == round_id[:64])
                & (evaluations.c.phase == phase)
                & (evaluations.c.evaluator_key == key)
            )
        ).all()
    return [
        Scored(x.evaluator, x.vendor, x.criterion, json.loads(x.value), x.rationale, x.phase,
               tuple(json.loads(x.sources)) if x.sources else ())
        for x in rows
    ]  # fmt: skip


def record_consensus(
    store: Store,
    round_id: str,
    token: str,
    who: str,
    vendor: str,
    criterion: str,
    value: float | str,
    reason: str,
) -> Consensus:
    """The facilitator's agreed score of a cell, with the reason (required). Replaces an earlier
    consensus of that cell; the history keeps it. Only the facilitator link can."""
    given = checked(
        ConsensusInput, who=who, vendor=vendor, criterion=criterion, value=value, reason=reason
    )
    r = get_round(store, round_id)
    if not is_facilitator(store, r.id, token):
        raise Refused("only the facilitator link can record a consensus score")
    where = (
        (consensus_scores.c.round_id == r.id)
        & (consensus_scores.c.vendor == given.vendor)
        & (consensus_scores.c.criterion == given.criterion)
    )
    values = {"value": json.dumps(given.value), "reason": given.reason, "who": given.who}
    with store.write() as conn:
        if (
            conn.execute(consensus_scores.update().where(where).values(at=now(), **values)).rowcount
            == 0
        ):
            conn.execute(
                consensus_scores.insert().values(
                    round_id=r.id,
                    vendor=given.vendor,
                    criterion=given.criterion,
                    at=now(),
                    **values,
                )
            )
        detail = {
            "cell": f"{given.vendor}/{given.criterion}",
            "value": given.value,
            "reason": given.reason,
        }
        record(conn, given.who, "agreed", KIND, r.id, detail)
    return Consensus(given.value, given.reason)


def consensus(store: Store, round_id: str) -> dict[tuple[str, str], Consensus]:
    with store.read() as conn:
        rows = conn.execute(
            sa.select(consensus_scores).where(consensus_scores.c.round_id == round_id)
        ).all()
    return {(x.vendor, x.criterion): Consensus(json.loads(x.value), x.reason) for x in rows}


def delete_scores(store: Store, round_id: str, token: str, evaluator: str, who: str) -> int:
    """Remove an evaluator's scores (both phases) from the round; the history keeps them. Only
    the facilitator link can. Returns how many scores were removed; NotFound when none."""
    r = get_round(store, round_id)
    if not is_facilitator(store, r.id, token):
        raise Refused("only the facilitator link can delete an input")
    key = name_key(evaluator)
    with store.write() as conn:
        done = conn.execute(
            evaluations.delete().where(
                (evaluations.c.round_id == r.id) & (evaluations.c.evaluator_key == key)
            )
        )
        if done.rowcount == 0:
            raise NotFound(f"no scores from {evaluator[:60]!r} in this round")
        detail = {"of": evaluator, "scores": done.rowcount}
        record(conn, who or "facilitator", "deleted scores", KIND, r.id, detail)
    return done.rowcount


def cell_history(store: Store, round_id: str, vendor: str, criterion: str) -> list[Change]:
    """The round's changes to one cell, newest first: each score given and each agreed value
    (with only that cell's entry in the details), and deletions of an evaluator's scores."""
    where = f"{vendor}/{criterion}"
    out = []
    for c in store.history(round_id, limit=5000):
        if c.action == "scored" and where in c.detail.get("scores", {}):
            detail = {"phase": c.detail.get("phase"), "value": c.detail["scores"][where]}
            out.append(Change(c.seq, c.at, c.who, c.action, c.kind, c.item_id, detail))
        elif (c.action == "agreed" and c.detail.get("cell") == where) or (
            c.action == "deleted scores"
        ):
            out.append(c)
    return out
