"""Rounds of stakeholder weights: a facilitator opens one, participants submit, the group is read.

Opening a round gives two links: the participant link (the round's unguessable id) and the
facilitator link (the id plus a secret token). Only a hash of the token is stored, and only the
token can close the round or delete an input. A participant submits once and may resubmit until
the round closes; each submission is kept in the history. Participants see the others' weights
only after submitting, unless the facilitator allowed it when opening the round.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from pydantic import Field, model_validator
from sqlalchemy.exc import IntegrityError

from scoring.model import MAX_JUDGED_ITEMS, SAATY_MAX
from scoring.scenario.settings import MAX_RAW_WEIGHT
from scoring.store.core import Store, new_id, now, record, unguessable
from scoring.store.errors import InvalidInput, NotFound, Refused
from scoring.store.fields import Name, Person, _Input, checked, name_key
from scoring.store.schema import rounds, submissions

KIND = "round"
LEVELS = {"top": "the top-level criteria", "all": "every criterion, groups and sub-criteria"}
MAX_WEIGHTS = 300
TOKEN_BYTES = 24


@dataclass(frozen=True)
class Round:
    id: str
    title: str
    level: str
    show_others: bool
    closes_at: str | None
    closed: bool
    created_at: str

    def is_open(self, at: str | None = None) -> bool:
        """Open until the facilitator closes it or its closing time passes."""
        return not self.closed and (self.closes_at is None or (at or now()) < self.closes_at)


@dataclass(frozen=True)
class Submission:
    participant: str
    role: str
    weights: dict[str, float]
    submitted_at: str
    # AHP pairwise judgements the weights came from: [{"items": [id, ...], "pairs": [[a, b,
    # value], ...]}, ...], one per comparison set; None when the participant set weights directly.
    judgements: list[dict] | None = None


class RoundInput(_Input):
    title: Name  # type: ignore[valid-type]
    level: str = Field(pattern="^(top|all)$")
    who: Person  # type: ignore[valid-type]
    show_others: bool = False
    closes_at: datetime | None = None


class JudgementSetInput(_Input):
    """One comparison set: its items and the judgements a-over-b on Saaty's 1/9..9 scale."""

    items: list[str] = Field(min_length=2, max_length=MAX_JUDGED_ITEMS)
    pairs: list[tuple[str, str, float]] = Field(min_length=1, max_length=MAX_JUDGED_ITEMS**2)

    @model_validator(mode="after")
    def _on_the_scale(self) -> JudgementSetInput:
        bad = [
            f"{a[:40]} over {b[:40]}" for a, b, v in self.pairs
            if a not in self.items or b not in self.items or a == b
            or not (math.isfinite(v) and 1 / SAATY_MAX - 1e-9 <= v <= SAATY_MAX + 1e-9)
        ]  # fmt: skip
        if bad:
            raise ValueError(
                "each judgement compares two of the items with a number from 1/9 to 9: "
                + ", ".join(bad[:5])
                + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
            )
        return self


class SubmissionInput(_Input):
    participant: Person  # type: ignore[valid-type]
    role: Person  # type: ignore[valid-type]
    weights: dict[str, float] = Field(min_length=1, max_length=MAX_WEIGHTS)
    judgements: list[JudgementSetInput] | None = Field(default=None, max_length=MAX_WEIGHTS)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_round(
    store: Store,
    title: str,
    who: str,
    level: str = "top",
    show_others: bool = False,
    closes_at: datetime | None = None,
) -> tuple[Round, str]:
    """Open a round; returns it and the facilitator's secret token (shown once, never stored)."""
    given = checked(
        RoundInput,
        title=title,
        level=level,
        who=who,
        show_others=show_others,
        closes_at=closes_at,
    )
    closes = None
    if given.closes_at is not None:
        when = given.closes_at
        closes = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    token = unguessable(TOKEN_BYTES)
    r = Round(new_id(), given.title, given.level, given.show_others, closes, False, now())
    with store.write() as conn:
        conn.execute(
            rounds.insert().values(
                facilitator_hash=token_hash(token),
                **{k: getattr(r, k) for k in Round.__dataclass_fields__},
            )
        )
        record(conn, given.who, "opened", KIND, r.id, {"title": r.title, "level": r.level})
    return r, token


def get_round(store: Store, round_id: str) -> Round:
    with store.read() as conn:
        row = conn.execute(sa.select(rounds).where(rounds.c.id == round_id[:64])).first()
    if row is None:
        raise NotFound("this round link names no round (check the link with the facilitator)")
    return Round(
        row.id, row.title, row.level, row.show_others, row.closes_at, row.closed, row.created_at
    )


def is_facilitator(store: Store, round_id: str, token: str | None) -> bool:
    if not token:
        return False
    with store.read() as conn:
        stored = conn.execute(
            sa.select(rounds.c.facilitator_hash).where(rounds.c.id == round_id[:64])
        ).scalar()
    return stored is not None and hmac.compare_digest(stored, token_hash(token[:200]))


def submit(
    store: Store,
    round_id: str,
    participant: str,
    role: str,
    weights: dict[str, float],
    judgements: list[dict] | None = None,
) -> Submission:
    """A participant's weights, new or replacing their earlier ones (the history keeps those).
    `judgements`, when the weights came from AHP pairwise comparisons, are kept beside them
    ([{"items": [...], "pairs": [(a, b, value), ...]}]). Raises Refused for a closed round,
    InvalidInput for bad fields."""
    given = checked(
        SubmissionInput,
        participant=participant,
        role=role,
        weights=weights,
        judgements=_as_input(judgements),
    )
    bad = [
        f"weights.{k[:40]}: must be a number from 0 to {MAX_RAW_WEIGHT:g}"
        for k, v in given.weights.items()
        if not (math.isfinite(v) and 0 <= v <= MAX_RAW_WEIGHT)
    ]
    if bad:
        raise InvalidInput(bad[:10] + ([f"and {len(bad) - 10} more"] if len(bad) > 10 else []))
    r = get_round(store, round_id)
    when = now()
    if not r.is_open(when):
        raise Refused(f"the round {r.title!r} is closed; submissions are no longer accepted")
    sets = None
    if given.judgements is not None:
        sets = [{"items": j.items, "pairs": [list(p) for p in j.pairs]} for j in given.judgements]
    sub = Submission(given.participant, given.role, dict(given.weights), when, sets)
    key = name_key(sub.participant)
    try:
        _upsert(store, r.id, key, sub)
    except IntegrityError:
        _upsert(store, r.id, key, sub)  # the same person submitted twice at once: now an update
    return sub


def _as_input(judgements: list[dict] | None) -> list[dict] | None:
    """Judgement sets as the strict input model takes them: lists of ids, (a, b, float) pairs."""
    if judgements is None:
        return None
    try:
        return [
            {
                "items": list(j["items"]),
                "pairs": [(p[0], p[1], float(p[2])) for p in j["pairs"]],
            }
            for j in judgements
        ]
    except (KeyError, IndexError, TypeError, ValueError):
        raise InvalidInput(["judgements: each set needs items and pairs [a, b, number]"]) from None


def _upsert(store: Store, round_id: str, key: str, sub: Submission) -> None:
    values = {
        "participant": sub.participant,
        "role": sub.role,
        "weights": json.dumps(sub.weights, sort_keys=True),
        "submitted_at": sub.submitted_at,
        "judgements": None if sub.judgements is None else json.dumps(sub.judgements),
    }
    with store.write() as conn:
        where = (submissions.c.round_id == round_id) & (submissions.c.participant_key == key)
        # Re-check inside the write transaction: the round may have closed meanwhile.
        closed = conn.execute(sa.select(rounds.c.closed).where(rounds.c.id == round_id)).scalar()
        if closed:
            raise Refused("the round is closed; submissions are no longer accepted")
        before = conn.execute(
            sa.select(submissions.c.weights, submissions.c.judgements).where(where)
        ).first()
        if before is None:
            conn.execute(
                submissions.insert().values(
                    id=new_id(), round_id=round_id, participant_key=key, **values
                )
            )
            action = "submitted"
        else:
            conn.execute(submissions.update().where(where).values(**values))
            action = "resubmitted"
        detail: dict = {"round": round_id, "role": sub.role, "weights": sub.weights}
        if sub.judgements is not None:
            detail["judgements"] = sub.judgements
        if before is not None:
            detail["previous"] = json.loads(before.weights)
            if before.judgements is not None:
                detail["previous_judgements"] = json.loads(before.judgements)
        record(conn, sub.participant, action, KIND, round_id, detail)


def all_submissions(store: Store, round_id: str) -> list[Submission]:
    """Every participant's latest submission, by name."""
    with store.read() as conn:
        rows = conn.execute(
            sa.select(submissions)
            .where(submissions.c.round_id == round_id)
            .order_by(submissions.c.participant_key)
        ).all()
    return [
        Submission(
            r.participant,
            r.role,
            json.loads(r.weights),
            r.submitted_at,
            None if r.judgements is None else json.loads(r.judgements),
        )
        for r in rows
    ]


def visible_submissions(
    store: Store, round_id: str, participant: str | None = None, token: str | None = None
) -> list[Submission] | None:
    """What this person may see: everyone's submissions for the facilitator, for a participant
    who has submitted, or when the round shows them to all; else None (blind until submitted)."""
    r = get_round(store, round_id)
    subs = all_submissions(store, round_id)
    if is_facilitator(store, round_id, token) or r.show_others:
        return subs
    key = name_key(participant or "")
    if key and any(name_key(s.participant) == key for s in subs):
        return subs
    return None


def close_round(store: Store, round_id: str, token: str, who: str) -> Round:
    """Close a round: no more submissions. Only the facilitator link can."""
    _facilitator_only(store, round_id, token, "close the round")
    with store.write() as conn:
        conn.execute(rounds.update().where(rounds.c.id == round_id).values(closed=True))
        record(conn, who or "facilitator", "closed", KIND, round_id, {})
    return get_round(store, round_id)


def delete_submission(store: Store, round_id: str, token: str, participant: str, who: str) -> None:
    """Remove a participant's input (the history keeps it). Only the facilitator link can."""
    _facilitator_only(store, round_id, token, "delete an input")
    key = name_key(participant)
    with store.write() as conn:
        done = conn.execute(
            submissions.delete().where(
                (submissions.c.round_id == round_id) & (submissions.c.participant_key == key)
            )
        )
        if done.rowcount != 1:
            raise NotFound(f"no input from {participant[:60]!r} in this round")
        record(conn, who or "facilitator", "deleted input", KIND, round_id, {"of": participant})


def _facilitator_only(store: Store, round_id: str, token: str | None, what: str) -> None:
    get_round(store, round_id)
    if not is_facilitator(store, round_id, token):
        raise Refused(f"only the facilitator link can {what}")
