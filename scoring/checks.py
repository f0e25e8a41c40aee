"""Rules that need more than one field: ids unique across the tree and the files, every leaf
scored, values inside their scale or among their levels, ranges around their value, must-haves
that the scale can reach, and at least one non-zero weight among siblings.

Each rule returns `Problem`s located in the file they concern; `scoring.load` collects them.
"""

from __future__ import annotations

import difflib
import math

from scoring.errors import Problem
from scoring.messages import describe
from scoring.model import CriteriaFile, Criterion, Score, Vendor
from scoring.yamlpos import Located


def numeric(value: float | str, criterion: Criterion) -> float:
    """A score value in the criterion's numbers (level labels mapped through `levels`)."""
    if isinstance(value, str):
        assert criterion.levels is not None  # noqa: S101 - guaranteed by validation
        return float(criterion.levels[value])
    return float(value)


def _criteria_paths(criteria: list[Criterion], base: tuple) -> list[tuple[Criterion, tuple]]:
    out: list[tuple[Criterion, tuple]] = []
    for i, c in enumerate(criteria):
        path = (*base, i)
        out.append((c, path))
        out += _criteria_paths(c.children, (*path, "children"))
    return out


def check_criteria(model: CriteriaFile, doc: Located) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, tuple] = {}
    located = _criteria_paths(model.criteria, ("criteria",))
    for c, path in located:
        if c.id in seen:
            line = doc.where((*seen[c.id], "id"))[0]
            problems.append(
                doc.problem(
                    (*path, "id"), f"duplicate criterion id {c.id!r} (first at line {line})"
                )
            )
        seen.setdefault(c.id, path)
        if c.must_have is not None and c.is_leaf:
            problems += _must_have_problems(c, doc, (*path, "must_have"))
    groups = [(None, ("criteria",), model.criteria)] + [
        (c, (*p, "children"), c.children) for c, p in located if c.children
    ]
    for parent, path, children in groups:
        if all(ch.weight == 0 for ch in children):
            owner = f"the sub-criteria of {parent.id!r}" if parent else "the top-level criteria"
            problems.append(
                doc.problem(path, f"all weights of {owner} are zero; give at least one a weight")
            )
    return problems


def _must_have_problems(c: Criterion, doc: Located, path: tuple) -> list[Problem]:
    """Each bound must be a value of the criterion, and min above max would knock out everyone."""
    problems = []
    for side in ("min", "max"):
        bound = getattr(c.must_have, side)
        msg = None if bound is None else _value_problem(bound, c)
        if msg:
            problems.append(doc.problem((*path, side), msg))
    low, high = c.must_have.min, c.must_have.max
    if not problems and low is not None and high is not None and numeric(low, c) > numeric(high, c):
        problems.append(
            doc.problem(
                path,
                f"min {describe(low)} is above max {describe(high)}, so no vendor could pass; "
                "swap them or drop one",
            )
        )
    return problems


def check_vendors(
    criteria: list[Criterion],
    vendors: list[tuple[Vendor, Located]],
    complete: bool = True,
) -> list[Problem]:
    """Vendor ids unique, every leaf scored, every score valid for its criterion.

    `complete` False: some criteria failed their own validation (reported already), so a score
    for an id not in `criteria` may well be for one of them and is not called unknown.
    """
    problems: list[Problem] = []
    by_id = {c.id: c for root in criteria for c in root.walk()}
    leaves = [c for c in by_id.values() if c.is_leaf]
    first_file: dict[str, str] = {}
    for vendor, doc in vendors:
        if vendor.id in first_file:
            problems.append(
                doc.problem(
                    ("id",), f"duplicate vendor id {vendor.id!r} (also in {first_file[vendor.id]})"
                )
            )
        first_file.setdefault(vendor.id, doc.file)
        for cid, score in vendor.scores.items():
            path = ("scores", cid)
            criterion = by_id.get(cid)
            if criterion is None and not complete:
                continue
            if criterion is None:
                hint = difflib.get_close_matches(cid, [c.id for c in leaves], n=1)
                extra = f"; did you mean {hint[0]!r}?" if hint else ""
                problems.append(doc.problem(path, f"unknown criterion {cid!r}{extra}"))
            elif not criterion.is_leaf:
                subs = ", ".join(c.id for c in criterion.walk() if c.is_leaf)
                problems.append(
                    doc.problem(path, f"{cid!r} is a group; score its sub-criteria ({subs})")
                )
            else:
                problems += _check_score(score, criterion, doc, path)
        written = doc.data.get("scores") or {}
        for c in leaves:
            if c.id not in written:
                problems.append(
                    doc.problem(
                        ("scores",),
                        f"vendor {vendor.id!r} has no score for criterion {c.id!r}; give a value, "
                        "or `value: null` with a rationale if it is unknown",
                    )
                )
    return problems


def _check_score(score: Score, c: Criterion, doc: Located, path: tuple) -> list[Problem]:
    problems: list[Problem] = []
    has_mapping = isinstance(doc.data.get("scores", {}).get(path[-1]), dict)
    value_path = (*path, "value") if has_mapping else path
    if score.value is not None:
        msg = _value_problem(score.value, c)
        if msg:
            problems.append(doc.problem(value_path, msg))
    if score.range is not None:
        low, high = score.range
        bad = False
        for i, end in enumerate(score.range):
            msg = _value_problem(end, c)
            if msg:
                problems.append(doc.problem((*path, "range", i), msg))
                bad = True
        if not bad:
            lo, hi = numeric(low, c), numeric(high, c)
            if lo > hi:
                problems.append(
                    doc.problem(
                        (*path, "range"),
                        f"low {describe(low)} is above high {describe(high)}; write [low, high]",
                    )
                )
            elif score.value is not None and not _value_problem(score.value, c):
                v = numeric(score.value, c)
                if not lo <= v <= hi:
                    problems.append(
                        doc.problem(
                            (*path, "range"),
                            f"[{describe(low)}, {describe(high)}] does not contain the value "
                            f"{describe(score.value)}",
                        )
                    )
    return problems


def _value_problem(value: float | str, c: Criterion) -> str | None:
    """Why `value` is not a valid value of criterion `c`, or None if it is."""
    if c.levels is not None:
        if isinstance(value, str) and value in c.levels:
            return None
        labels = ", ".join(c.levels)
        named = [label for label, number in c.levels.items() if number == value]
        hint = f" (write the label {named[0]!r} rather than its number)" if named else ""
        return f"{describe(value)} is not a level of {c.id!r}; use one of: {labels}{hint}"
    if isinstance(value, str) and _looks_numeric(value):
        return (
            f"{value!r} is read as text, not a number; write plain digits without quotes "
            "(e.g. 8 or 7.5)"
        )
    if isinstance(value, str):
        return f"{value!r} is not a number; {c.id!r} is scored on a numeric scale"
    if not math.isfinite(value):
        return f"{value} is not a finite number"
    low, high = c.bounds
    if value < low:
        return f"{value:g} is below the scale minimum {low:g}"
    if value > high:
        return f"{value:g} is above the scale maximum {high:g}"
    return None


def _looks_numeric(text: str) -> bool:
    """'8' (quoted) or 1e3 (YAML 1.1 reads exponents without a dot as text) meant a number."""
    try:
        float(text)
    except ValueError:
        return False
    return True
