"""Score overrides in a share link: the scores an edit in the app changed, carried compactly.

    o=baidu.model_quality:8,tencent.cost:3:2:4,deepseek.user_data:

One change per vendor and criterion, separated by commas: `vendor.criterion:value`, then
`:low:high` when the score has a range (none written: the edit has none); an empty value is an
unknown. Values are written exactly (`format_number`), level labels as they are named, with
`%`-escapes for the characters the layout uses. The link's `fp` then names the data the
changes apply to (the base), so opening it on that data gives exactly the edited case.

Decoding treats the text as hostile: every change goes through the editor's validation
(`scoring.edits.edited_case`, the matrix sheet's rules and messages); a change that breaks a
rule, or names an unknown vendor or criterion, is ignored with a warning that names the
parameter and the change. At most `MAX_CHANGES` changes are read.

A link carries changed values and ranges only. An edit that adds or removes vendors or
criteria is more than a link can carry (`overrides_between` gives None): the app then offers
the edited files, and its link names the edited data's own fingerprint.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote

from scoring.edits import RANGE_ENDS, edited_case, score_grid
from scoring.errors import CaseError
from scoring.load import Case, EditOrigin
from scoring.model import Score
from scoring.scenario.settings import BY_KEY, MAX_SCORE_OVERRIDES, format_number

OVERRIDES_KEY = BY_KEY["o"].key
MAX_CHANGES = MAX_SCORE_OVERRIDES  # changes read from one link; the rest are named as ignored
MAX_LINK_CHARS = 6_000  # of a link's 8,000 characters; the weights and settings need the rest
SHORT_LINK_CHARS = 2_000  # beyond this, the app suggests a saved view's short link
_SAFE = "-_.+~"  # kept as they are inside a value; ':' and ',' (the layout's) are escaped


@dataclass(frozen=True)
class Override:
    """One changed score: its value as text ("" unknown) and its range (None: no range)."""

    vendor: str
    criterion: str
    value: str
    range: tuple[str, str] | None = None

    def text(self) -> str:
        parts = [self.value, *(self.range or ())]
        return f"{self.vendor}.{self.criterion}:" + ":".join(quote(p, safe=_SAFE) for p in parts)


def overrides_between(base: Case, edited: Case) -> tuple[Override, ...] | None:
    """The scores `edited` changes in `base` (value or range), in the case's order; None when
    the edit is more than changed scores (vendors or criteria added, removed or reordered, a
    score added or removed)."""
    if base.criteria != edited.criteria or [v.id for v in base.vendors] != [
        v.id for v in edited.vendors
    ]:
        return None
    out = []
    for before, after in zip(base.vendors, edited.vendors, strict=True):
        if before.scores.keys() != after.scores.keys():
            return None
        for c in base.leaves:
            old, new = before.scores.get(c.id), after.scores.get(c.id)
            if old is None or new is None or (old.value, old.range) == (new.value, new.range):
                continue
            out.append(Override(before.id, c.id, _text(new.value), _range(new)))
    return tuple(out)


def text_of(overrides: Sequence[Override]) -> str:
    """The link parameter's value."""
    return ",".join(o.text() for o in overrides)


def origin(base: Case, edited: Case) -> EditOrigin:
    """Where an edited case came from, for its share link: the score changes, or None when
    they are more than a link carries (vendors or criteria changed, too many changes)."""
    changes = overrides_between(base, edited)
    text = None if changes is None else text_of(changes)
    if text is not None and (len(changes or ()) > MAX_CHANGES or len(text) > MAX_LINK_CHARS):
        text = None
    return EditOrigin(base.fingerprint, text)


def parse(text: str, warnings: list[str]) -> list[Override]:
    """The changes a link's text names; malformed ones ignored with a warning (never raises).
    A vendor and criterion named twice: the last one counts."""
    cells = [c for c in text.split(",") if c.strip()]
    if len(cells) > MAX_CHANGES:
        warnings.append(
            f"{OVERRIDES_KEY}: more than {MAX_CHANGES} score changes; the rest were ignored"
        )
        cells = cells[:MAX_CHANGES]
    found: dict[tuple[str, str], Override] = {}
    for cell in cells:
        head, colon, rest = cell.partition(":")
        vendor, dot, criterion = head.strip().partition(".")
        parts = [unquote(p) for p in rest.split(":")]
        if not (colon and dot and vendor and criterion) or len(parts) not in (1, 3):
            warnings.append(
                f"{OVERRIDES_KEY}: {_show(cell)} is not vendor.criterion:value or "
                "vendor.criterion:value:low:high; ignored it"
            )
            continue
        low_high = (parts[1], parts[2]) if len(parts) == 3 else None
        found[(vendor, criterion)] = Override(vendor, criterion, parts[0], low_high)
    return list(found.values())


def apply(base: Case, text: str, warnings: list[str]) -> Case | None:
    """`base` with the link's score changes, each checked by the editor's rules; a change
    that breaks one is ignored with its message. None when no change is usable."""
    changes = [o for o in parse(text, warnings) if _known(o, base, warnings)]
    for _ in range(2):  # a second pass only after setting aside the changes a problem names
        if not changes:
            return None
        try:
            return with_changes(base, changes)
        except CaseError as exc:
            changes = _without_broken(changes, exc, base, warnings)
    warnings.append(f"{OVERRIDES_KEY}: the score changes do not fit this data; ignored them")
    return None


def with_changes(base: Case, changes: Sequence[Override]) -> Case:
    """`base` with every change (checked by the editor's rules: CaseError names each problem),
    its origin naming them for a share link (None there when they are more than one carries).
    No limit on how many: the caller says when a link cannot carry them."""
    edited = _edited(base, changes)
    return dataclasses.replace(edited, origin=origin(base, edited))


def _edited(base: Case, changes: Sequence[Override]) -> Case:
    columns, rows = score_grid(base)
    row_of = {row[0]: row for row in rows}
    ranges: dict[str, dict[str, str]] = {}
    for o in changes:
        row_of[o.vendor][columns.index(o.criterion)] = o.value
        low, high = o.range or ("", "")
        ranges.setdefault(o.vendor, {}).update(
            dict(zip((o.criterion + end for end in RANGE_ENDS), (low, high), strict=True))
        )
    return edited_case(base, columns, rows, ranges)


def _without_broken(
    changes: list[Override], exc: CaseError, base: Case, warnings: list[str]
) -> list[Override]:
    """The changes no problem names, warning once per problem (worded for the editor: the
    vendor's name, then the criterion's)."""
    broken = set()
    for p in exc.problems:
        named = [
            o
            for o in changes
            if p.file == base.vendor_by_id[o.vendor].name
            and p.field.partition(" (")[0] == base.by_id[o.criterion].name
        ]
        broken.update(named)
        what = _show(named[0].text()) if named else "the score changes"
        warnings.append(f"{OVERRIDES_KEY}: {what}: {p.field}: {p.message}; ignored it")
    return [o for o in changes if o not in broken] if broken else []


def _known(o: Override, base: Case, warnings: list[str]) -> bool:
    leaves = {c.id for c in base.leaves}
    if o.vendor in base.vendor_by_id and o.criterion in leaves:
        return True
    what = "vendor" if o.vendor not in base.vendor_by_id else "leaf criterion"
    warnings.append(f"{OVERRIDES_KEY}: {_show(o.text())} names an unknown {what}; ignored it")
    return False


def _text(value: float | str | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_number(value)


def _range(score: Score) -> tuple[str, str] | None:
    return None if score.range is None else (_text(score.range[0]), _text(score.range[1]))


def _show(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")
