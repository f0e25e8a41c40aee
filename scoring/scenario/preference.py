"""PROMETHEE II's preference functions as a scenario setting: one text form for the link, the CLI
and messages, `FUNCTION[:q=Q][:p=P][:s=S]` (e.g. `linear:q=1:p=2`, thresholds in the
criterion's own units), and the checks against a case.

A scenario holds only the criteria whose function differs from the criteria files; every other
criterion keeps the files' function (or the default, v-shape with p half the scale's width).
"""

from __future__ import annotations

import math

from pydantic import ValidationError

from scoring.load import Case
from scoring.methods.promethee import DEFAULT_P, FUNCTIONS
from scoring.model import Criterion, PreferenceSpec
from scoring.scenario.settings import format_number

THRESHOLDS = ("q", "p", "s")
MAX_SPEC_CHARS = 100
# The thresholds each function reads (an absent q is 0).
USED = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}


class PreferenceTextError(ValueError):
    """A preference function's text that is not `FUNCTION[:q=Q][:p=P][:s=S]`, in plain words."""


def format_spec(spec: PreferenceSpec) -> str:
    """`linear:q=1:p=2`: the function and the thresholds it was given, shortest exact numbers."""
    parts = [spec.function]
    parts += [
        f"{t}={format_number(getattr(spec, t))}" for t in THRESHOLDS if getattr(spec, t) is not None
    ]
    return ":".join(parts)


def parse_spec(text: str) -> PreferenceSpec:
    """The preference function `text` spells; PreferenceTextError says what is wrong."""
    text = text.strip()
    if len(text) > MAX_SPEC_CHARS:
        raise PreferenceTextError(f"is longer than {MAX_SPEC_CHARS} characters")
    function, *items = text.split(":")
    if function not in FUNCTIONS:
        raise PreferenceTextError(
            f"{function[:30]!r} is not a preference function (use one of {', '.join(FUNCTIONS)})"
        )
    values: dict[str, float] = {}
    for item in items:
        name, sep, number = item.partition("=")
        if not sep or name not in THRESHOLDS:
            raise PreferenceTextError(f"{item[:30]!r} is not q=NUMBER, p=NUMBER or s=NUMBER")
        if name in values:
            raise PreferenceTextError(f"{name} is given twice")
        try:
            value = float(number)
        except ValueError:
            raise PreferenceTextError(f"{name}={number[:30]!r} is not a number") from None
        if not math.isfinite(value) or value < 0:
            raise PreferenceTextError(f"{name} must be a number 0 or more, got {number[:30]}")
        values[name] = value
    try:
        return PreferenceSpec(function=function, **values)
    except ValidationError as exc:
        raise PreferenceTextError(_first_message(exc)) from None


def _first_message(exc: ValidationError) -> str:
    message = exc.errors(include_url=False)[0]["msg"]
    return message.removeprefix("Value error, ")


def criterion_problem(cid: str, case: Case) -> str | None:
    """Why criterion `cid` cannot take a preference function on this case (None: it can)."""
    criterion = case.by_id.get(cid)
    if criterion is None:
        return f"unknown criterion {cid[:60]!r}"
    if criterion.children:
        return f"{cid} is a group; a preference function belongs to each of its sub-criteria"
    return None


def case_spec(criterion: Criterion) -> PreferenceSpec:
    """The preference function the criteria files give a leaf, in its own units, the default
    (v-shape, p half the scale's width) spelled out when they give none."""
    if criterion.preference is not None:
        return criterion.preference
    low, high = criterion.bounds
    return PreferenceSpec(function="v-shape", p=DEFAULT_P * (high - low))


def overrides(specs: dict[str, PreferenceSpec], case: Case) -> dict[str, PreferenceSpec]:
    """Only the leaves whose function differs from the case's own, in the case's leaf order."""
    return {
        c.id: specs[c.id]
        for c in case.leaves
        if c.id in specs and _effective(specs[c.id]) != _effective(case_spec(c))
    }


def _effective(spec: PreferenceSpec) -> tuple:
    """What a spec ranks with: thresholds its function ignores do not make it differ."""
    return (spec.function, *((t, getattr(spec, t) or 0.0) for t in USED[spec.function]))


def parse_assignments(text: str, case: Case) -> tuple[dict[str, PreferenceSpec], list[str]]:
    """`price=linear:q=1:p=2,speed=usual` -> specs by criterion, and every problem at once."""
    out: dict[str, PreferenceSpec] = {}
    errors: list[str] = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        cid, sep, spec = item.partition("=")
        cid = cid.strip()
        if not sep or not cid:
            errors.append(f"{item[:60]!r} is not ID=FUNCTION[:q=Q][:p=P][:s=S]")
        elif cid in out:
            errors.append(f"{cid} is given more than once; keep one")
        elif (problem := criterion_problem(cid, case)) is not None:
            errors.append(problem)
        else:
            try:
                out[cid] = parse_spec(spec)
            except PreferenceTextError as exc:
                errors.append(f"{cid}: {exc}")
    return out, errors
