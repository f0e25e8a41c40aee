"""`analyse`: every robustness result of one scenario, in one object with one JSON shape."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from scoring.load import Case
from scoring.model import Scenario
from scoring.rank import rank
from scoring.sensitivity.challenge import (
    Challenges,
    IdleCriterion,
    UnknownThatMatters,
    challengers,
    idle_criteria,
    unknowns_that_matter,
)
from scoring.sensitivity.compare import MethodComparison, compare_methods
from scoring.sensitivity.smaa import SmaaResult, smaa, within_gaussian_pairs
from scoring.sensitivity.stability import StabilityInterval, by_risk, stability_of
from scoring.sensitivity.sweep import (
    Crossover,
    leader_changes,
    ranking_changes,
    setup,
    sweepable,
    weight_path,
)


@dataclass(frozen=True)
class SensitivityResult:
    """Stability intervals and crossovers (tree order), SMAA-2 and the method comparison.

    Weights in `stability` and `crossovers` are each criterion's LOCAL share of its parent, 0..1
    (the quantity a one-way sweep varies, siblings keeping their proportions). Criteria without
    siblings cannot be swept (their share is always 1): they are listed in `not_swept`, each with
    the sentence saying whose weight moves them.
    """

    method: str
    normalization: str
    leader: str
    stability: tuple[StabilityInterval, ...]
    crossovers: dict[str, tuple[Crossover, ...]]
    smaa: SmaaResult
    methods: MethodComparison
    not_swept: dict[str, str] = field(default_factory=dict)  # criterion -> why
    challengers: Challenges = field(default_factory=lambda: Challenges((), 0, 0))
    unknowns_that_matter: tuple[UnknownThatMatters, ...] = ()
    idle_criteria: tuple[IdleCriterion, ...] = ()

    @property
    def by_risk(self) -> tuple[StabilityInterval, ...]:
        """Stability intervals, the smallest move that changes the leader first."""
        return by_risk(self.stability)

    def to_dict(self) -> dict:
        """The JSON shape of `shortlist sensitivity --format json` (exact numbers)."""
        smaa_dict = self.smaa.to_dict()
        return {
            "method": self.method,
            "normalization": self.normalization,
            "leader": self.leader,
            "stability": {x.criterion: x.to_dict() for x in self.stability},
            "crossovers": {
                cid: [c.to_dict() for c in changes] for cid, changes in self.crossovers.items()
            },
            "smaa": smaa_dict,
            "methods": self.methods.to_dict(),
            "not_swept": dict(self.not_swept),
            "challengers": [c.to_dict() for c in self.challengers.items],
            "unknowns_that_matter": [u.to_dict() for u in self.unknowns_that_matter],
            "idle_criteria": [x.to_dict() for x in self.idle_criteria],
        }


def analyse(
    case: Case,
    scenario: Scenario,
    samples: int | None = None,
    seed: int | None = None,
    confidence_budget: int | None = None,
) -> SensitivityResult:
    """Sweeps, stability intervals, SMAA-2 and the method comparison of one scenario.

    samples/seed None take the scenario's values; `confidence_budget` bounds SMAA's confidence
    pass (`smaa.confidence_samples`). Raises ScenarioError if the scenario cannot be ranked or
    no vendor passes the must-haves.
    """
    s = setup(case, scenario)
    within_gaussian_pairs(s, int(scenario.samples if samples is None else samples))
    # SMAA (about half the work on a large case) runs on a second core while this thread does
    # the rest; NumPy releases the GIL in both. Its samples come from its own seeded streams,
    # so the result is the same as run alone.
    with ThreadPoolExecutor(max_workers=1) as pool:
        smaa_run = pool.submit(
            smaa, case, scenario, samples, seed, confidence_budget=confidence_budget
        )
        stability: list[StabilityInterval] = []
        crossings: dict[str, tuple[Crossover, ...]] = {}
        for cid in sweepable(case):
            path = weight_path(s, cid)
            changes = ranking_changes(s, path)
            crossings[cid] = leader_changes(s, path, changes)
            stability.append(stability_of(s, cid, path, changes))
        methods = compare_methods(case, scenario)
        challenges = challengers(s)
        unknowns = unknowns_that_matter(s)
        idle = idle_criteria(s)
        smaa_result = smaa_run.result()
    return SensitivityResult(
        method=scenario.method,
        normalization=scenario.effective_normalization,
        leader=rank(case, scenario).leader,
        stability=tuple(stability),
        crossovers=crossings,
        smaa=smaa_result,
        methods=methods,
        not_swept=only_children(case),
        challengers=challenges,
        unknowns_that_matter=unknowns,
        idle_criteria=idle,
    )


def only_children(case: Case) -> dict[str, str]:
    """Criteria without siblings, each with why it has no sweep of its own.

    An only child's share of its parent is always 1, so its global weight is its parent's: its
    stability is that of the nearest ancestor that has siblings (none when the chain reaches the
    top alone, where no share can move).
    """
    swept = set(sweepable(case))
    out: dict[str, str] = {}
    for c in case.all_criteria:
        if c.id in swept:
            continue
        owner = next((a for a in _ancestors(case, c.id) if a in swept), None)
        where = (
            "the only top-level criterion"
            if case.parent[c.id] is None
            else f"the only criterion under {case.by_id[case.parent[c.id]].name}"
        )
        then = (
            f"its weight moves with {case.by_id[owner].name}'s (see its interval)"
            if owner
            else "its share is always 1"
        )
        out[c.id] = f"{c.name} is {where}: {then}"
    return out


def _ancestors(case: Case, cid: str) -> list[str]:
    """Parent, grandparent, ... of a criterion."""
    out, node = [], case.parent[cid]
    while node is not None:
        out.append(node)
        node = case.parent[node]
    return out
