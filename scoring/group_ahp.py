"""A round's AHP judgements: each participant's consistency beside the group's.

A participant may give pairwise judgements instead of weights (Saaty's 1-9 scale, one comparison
set per group of sibling criteria). Their weights are the set's AHP weights (`scoring.weights`);
the round keeps the judgements beside them. For each comparison set, across the participants who
judged it, the group's matrix is the element-wise geometric mean of their matrices (Aczel &
Saaty 1983: the only aggregation that keeps reciprocity and unanimity); its principal
eigenvector gives the group's weights and its consistency ratio (CR) is shown next to each
participant's.

A participant who left pairs unjudged contributes the matrix completed by their own
logarithmic least squares weights (a_ij = w_i / w_j where missing): the completion that adds no
inconsistency of its own, so the group's matrix stays complete and reciprocal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.model import Criterion, Judgements, Scenario
from scoring.weights import AhpResult, ahp_group, ahp_pairs, pair_items, with_weights

MIN_ITEMS = 2


@dataclass(frozen=True)
class JudgedSet:
    """One comparison set: each participant's AHP result and the group's."""

    items: tuple[str, ...]
    people: tuple[tuple[str, AhpResult], ...]  # (participant, their result), in round order
    group: AhpResult  # on the geometric mean of their matrices

    def to_dict(self) -> dict:
        return {
            "items": list(self.items),
            "participants": [
                {"name": name, "weights": r.weights, "cr": r.cr, "acceptable": r.acceptable}
                for name, r in self.people
            ],
            "group": {
                "weights": self.group.weights,
                "cr": self.group.cr,
                "acceptable": self.group.acceptable,
            },
        }


def comparison_sets(case: Case, level: str) -> list[tuple[Criterion, ...]]:
    """The sibling groups a round at `level` weighs by pairwise comparison: the top-level
    criteria, and (level "all") the children of every group with at least two."""
    sets = [tuple(case.criteria)]
    if level == "all":
        sets += [tuple(c.children) for c in case.all_criteria if len(c.children) >= MIN_ITEMS]
    return [s for s in sets if len(s) >= MIN_ITEMS]


def as_set(j: Judgements) -> dict:
    """A judgements file (matrix or pairs) as a round keeps it: {"items", "pairs"}, the matrix
    read above its diagonal."""
    if j.matrix is not None:
        items = list(j.items or [])
        pairs = [
            [items[i], items[k], j.matrix[i][k]]
            for i in range(len(items))
            for k in range(i + 1, len(items))
        ]
        return {"items": items, "pairs": pairs}
    return {"items": list(j.items or pair_items(j)), "pairs": [list(p) for p in j.pairs or []]}


def check_sets(case: Case, level: str, sets: Sequence[dict]) -> None:
    """ScenarioError unless each set is one of the round's comparison sets, each at most once."""
    allowed = {frozenset(c.id for c in s): s for s in comparison_sets(case, level)}
    seen: set[frozenset] = set()
    for j in sets:
        key = frozenset(j["items"])
        if key not in allowed:
            what = "the top-level criteria" if level == "top" else "the children of one group"
            raise ScenarioError(
                f"this round compares {what}; {', '.join(j['items'])} is not such a set"
            )
        if key in seen:
            raise ScenarioError(f"{', '.join(j['items'])} are judged twice; give each set once")
        seen.add(key)


def judged_weights(case: Case, scenario: Scenario, judgements: Sequence[dict]) -> dict[str, float]:
    """The raw weights of `scenario` with each judged set's AHP shares (x 100) in place of its
    criteria's weights: what a participant who judged in pairs submits as weights."""
    for j in judgements:
        pairs = [(a, b, float(v)) for a, b, v in j["pairs"]]
        scenario = with_weights(case, scenario, ahp_pairs(j["items"], pairs).weights)
    return dict(scenario.weights)


def matrix(items: Sequence[str], pairs: Sequence[Sequence]) -> tuple[np.ndarray, AhpResult]:
    """A participant's complete reciprocal matrix over `items` and their AHP result; pairs
    never judged are completed with their own weights' ratio w_i / w_j."""
    result = ahp_pairs(list(items), [(a, b, float(v)) for a, b, v in pairs])
    index = {x: k for k, x in enumerate(items)}
    w = np.array([result.weights[x] for x in items])
    A = w[:, None] / w[None, :]
    for a, b, v in pairs:
        A[index[a], index[b]], A[index[b], index[a]] = float(v), 1 / float(v)
    return A, result


def judged_sets(submissions: Sequence, order: Sequence[str] = ()) -> list[JudgedSet]:
    """Every comparison set judged in the round (each submission has `participant`, `role` and
    `judgements`), with each judge's CR and the group's weights and CR. Sets are matched by
    their items, whatever order each participant listed them in. With `order` (the criteria
    ids in the tree's order: `case.all_criteria`) the items of each set, and the sets, follow
    the tree, as the criteria read everywhere else; ids it lacks, and every id without it, keep
    the order first seen."""
    place = {x: k for k, x in enumerate(order)}

    def at(x: str) -> int:
        return place.get(x, len(place))

    found: dict[frozenset, tuple[tuple[str, ...], list[tuple[str, np.ndarray, AhpResult]]]] = {}
    for s in submissions:
        for j in s.judgements or ():
            key = frozenset(j["items"])
            listed = tuple(sorted(j["items"], key=at))
            items, people = found.setdefault(key, (listed, []))
            A, result = matrix(items, j["pairs"])
            people.append((f"{s.participant} ({s.role})", A, result))
    ordered = sorted(found.values(), key=lambda set_: min(map(at, set_[0])))  # 2+ items each
    return [
        JudgedSet(
            items,
            tuple((name, r) for name, _, r in people),
            ahp_group(items, [A for _, A, _ in people]),
        )
        for items, people in ordered
    ]
