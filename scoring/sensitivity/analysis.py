"""`analyse`: every robustness result of one scenario, in one object with one JSON shape."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.load import Case
from scoring.model import Scenario
from scoring.rank import rank
from scoring.sensitivity.compare import MethodComparison, compare_methods
from scoring.sensitivity.smaa import SmaaResult, smaa
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
    siblings are left out: their share is always 1.
    """

    method: str
    normalization: str
    leader: str
    stability: tuple[StabilityInterval, ...]
    crossovers: dict[str, tuple[Crossover, ...]]
    smaa: SmaaResult
    methods: MethodComparison

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
        }


def analyse(
    case: Case, scenario: Scenario, samples: int | None = None, seed: int | None = None
) -> SensitivityResult:
    """Sweeps, stability intervals, SMAA-2 and the method comparison of one scenario.

    samples/seed None take the scenario's values. Raises ScenarioError if the scenario cannot be
    ranked or no vendor passes the must-haves.
    """
    s = setup(case, scenario)
    stability: list[StabilityInterval] = []
    crossings: dict[str, tuple[Crossover, ...]] = {}
    for cid in sweepable(case):
        path = weight_path(s, cid)
        changes = ranking_changes(s, path)
        crossings[cid] = leader_changes(s, path, changes)
        stability.append(stability_of(s, cid, path, changes))
    return SensitivityResult(
        method=scenario.method,
        normalization=scenario.effective_normalization,
        leader=rank(case, scenario).leader,
        stability=tuple(stability),
        crossovers=crossings,
        smaa=smaa(case, scenario, samples, seed),
        methods=compare_methods(case, scenario),
    )
