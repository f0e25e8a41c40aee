"""A team round in a report: the group's weights, the pairwise judgements and the evaluators'
scores, each a Section of sentences and tables already described in scoring.present.group,
.judgements and .evaluations (so the app, the CLI and the report say the same)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.evaluators import Cell
from scoring.group import AGGREGATES, GroupResult
from scoring.group_ahp import JudgedSet
from scoring.load import Case
from scoring.present import evaluations, group, judgements
from scoring.present.section import Section


def weights_section(case: Case, result: GroupResult, names: Mapping[str, str]) -> Section:
    n = len(result.participants)
    people = ", ".join(p.name for p in result.participants)
    return Section(
        "round_weights",
        "The team's weights",
        (
            f"{n} participant{'s' if n != 1 else ''} ({people}); the group's weights are the "
            f"{AGGREGATES[result.aggregate].lower()}.",
            *group.sentences(case, result, names),
        ),
        (group.weights_table(case, result),),
    )


def judgements_section(case: Case, judged: Sequence[JudgedSet]) -> Section:
    names = {c.id: c.name for c in case.all_criteria}
    return Section(
        "round_judgements",
        "Pairwise judgements",
        tuple(judgements.judgements_sentences(judged, names)),
        tuple(judgements.judgements_table(j, names, k) for k, j in enumerate(judged)),
    )


def scores_section(
    case: Case, before: Sequence[Cell], now: Sequence[Cell], names: Mapping[str, str]
) -> Section:
    people = sorted({e for c in before for e in c.values} | {e for c in now for e in c.values})
    return Section(
        "round_scores",
        "The evaluators' scores",
        (
            f"{len(people)} evaluator{'s' if len(people) != 1 else ''} ({', '.join(people)}) "
            f"scored {len(now)} cell{'s' if len(now) != 1 else ''}; the ranking in this report "
            "uses the agreed scores, and the simulations vary each disputed score over the "
            "evaluators' range.",
            *evaluations.cells_sentences(case, now, names),
        ),
        (evaluations.cells_table(case, before, now, names),),
    )
