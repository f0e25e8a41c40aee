"""The group view, described once: the weights table, the spread chart and the sentences.

Built from `scoring.group.GroupResult`; the app's team round (and any report) only renders these.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.group import Disagreement, GroupResult
from scoring.load import Case
from scoring.present import palette
from scoring.present.figures import Figure, Series
from scoring.present.table import Column, Table
from scoring.present.words import pct


def _criteria_widest_first(case: Case, result: GroupResult) -> list[str]:
    weighed = [c.id for c in case.all_criteria if len(case.siblings(c.id)) > 1]
    return sorted(weighed, key=lambda cid: -result.spread[cid].width)


def weights_table(case: Case, result: GroupResult) -> Table:
    """Each participant's share per criterion beside the group's, widest disagreement first."""
    people = [p.name for p in result.participants]
    columns = (
        Column("criterion", "Criterion"),
        *(Column(f"p{i}", name, "share") for i, name in enumerate(people)),
        Column("group", "Group", "share", "the consensus share"),
        Column("range", "Lowest to highest", "share_range"),
        Column("sd", "Spread (SD)", "share", "standard deviation across participants"),
    )
    rows = []
    for cid in _criteria_widest_first(case, result):
        s = result.spread[cid]
        rows.append(
            (
                case.by_id[cid].name,
                *(p.weights[cid] for p in result.participants),
                result.consensus[cid],
                (s.min, s.max),
                s.sd,
            )
        )
    return Table(
        "group_weights",
        "Everyone's weights",
        columns,
        tuple(rows),
        note="Each weight is the criterion's share of its group (top level: of the total); "
        "the criteria people disagree on most come first.",
    )


def spread_figure(case: Case, result: GroupResult) -> Figure:
    """A bar from the lowest to the highest participant per criterion, the group's share marked:
    long bars are where people disagree."""
    order = _criteria_widest_first(case, result)
    return Figure(
        "group_spread",
        "intervals",
        "Where people disagree",
        (
            Series(
                "range",
                "lowest to highest participant",
                palette.HOLDS[0],
                tuple(result.spread[c].max for c in order),
                x=tuple(result.spread[c].min for c in order),
                style="wide",
            ),
            Series(
                "consensus",
                "group",
                palette.INK,
                tuple(result.consensus[c] for c in order),
                style="mark",
            ),
        ),
        categories=tuple(case.by_id[c].name for c in order),
        x_title="share of its group",
        unit="share",
    )


def sentences(case: Case, result: GroupResult, names: Mapping[str, str]) -> list[str]:
    """The answers in words: who leads for whom, the consensus, which disagreements matter."""
    n = len(result.participants)
    shares = sorted(result.leader_share.items(), key=lambda kv: -kv[1])
    out = [
        "; ".join(
            f"{names[v]} leads for {round(f * n)} of {n} participant{'s' if n != 1 else ''}"
            for v, f in shares
        )
        + ".",
        f"With the group's weights, {names[result.leader]} leads: "
        + ", ".join(f"{i + 1}. {names[v]}" for i, v in enumerate(result.ranking))
        + ".",
    ]
    if result.matters:
        out.append(
            "Disagreements that matter (people's range changes the leader): "
            + "; ".join(_mattering(case, d, names) for d in result.matters)
            + "."
        )
    else:
        out.append("No disagreement changes the leader: within everyone's range it stays.")
    if result.does_not_matter:
        out.append(
            "People also differ on these without changing the leader: "
            + ", ".join(case.by_id[c].name for c in result.does_not_matter)
            + "."
        )
    return out


def _mattering(case: Case, d: Disagreement, names: Mapping[str, str]) -> str:
    """'Price (Acme or Beta; the leader changes as its share passes 65.6%)'."""
    who = " or ".join(names[v] for v in d.leaders)
    at = ", ".join(pct(t) for t in d.crossings)
    where = f"; the leader changes as its share passes {at}" if at else ""
    return f"{case.by_id[d.criterion].name} ({who}{where})"
