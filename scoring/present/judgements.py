"""A round's pairwise judgements, described once: per comparison set, each participant's
consistency ratio and weights beside the group's (scoring.group_ahp)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.group_ahp import JudgedSet
from scoring.present.table import Column, Table
from scoring.weights import CR_LIMIT

GROUP_ROW = "Group (geometric mean of the judgements)"


def _verdict(cr: float) -> str:
    return "consistent enough" if cr <= CR_LIMIT else "too inconsistent"


def judgements_table(judged: JudgedSet, names: Mapping[str, str], number: int = 0) -> Table:
    """One row per participant who judged the set, then the group's row: CR and weights."""
    columns = (
        Column("who", "Participant"),
        Column("cr", "Consistency ratio (CR)", "score", f"at most {CR_LIMIT:.2f} is acceptable"),
        Column("verdict", "Consistency"),
        *(Column(f"w{i}", names.get(x, x), "share") for i, x in enumerate(judged.items)),
    )
    rows = tuple(
        (who, r.cr, _verdict(r.cr), *(r.weights[x] for x in judged.items))
        for who, r in (*judged.people, (GROUP_ROW, judged.group))
    )
    return Table(
        f"judgements_{number}",
        "Pairwise judgements: " + ", ".join(names.get(x, x) for x in judged.items),
        columns,
        rows,
        note="Weights are shares of the group of criteria compared. The group's judgements are "
        "the element-wise geometric mean of everyone's (Aczel & Saaty), weighed by AHP.",
    )


def judgements_sentences(sets: Sequence[JudgedSet], names: Mapping[str, str]) -> list[str]:
    """Per set, in words: how many judged it and how consistent the group's judgements are."""
    out = []
    for judged in sets:
        n = len(judged.people)
        what = ", ".join(names.get(x, x) for x in judged.items)
        shaky = [who for who, r in judged.people if not r.acceptable]
        line = (
            f"{n} participant{'s' if n != 1 else ''} compared {what} in pairs; the group's "
            f"judgements have a consistency ratio of {judged.group.cr:.3f} "
            f"({_verdict(judged.group.cr)}, at most {CR_LIMIT:.2f} is acceptable)."
        )
        if shaky:
            line += " Too inconsistent on their own: " + ", ".join(shaky) + "."
        out.append(line)
    return out
