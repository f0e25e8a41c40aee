"""What every analysis of one scenario shares: the case resolved once, its values, and the
method prepared for them (linear part, fixed-values scorer, one-column edits), each computed
the first time an analysis asks for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scoring.case import Resolved, raw_weights, resolve
from scoring.errors import ScenarioError
from scoring.load import Case
from scoring.methods import METHOD_REGISTRY
from scoring.model import Scenario
from scoring.rank import method_options, normalized_values


@dataclass(frozen=True)
class Setup:
    """What every sweep of one scenario shares: the resolved vendors and their values."""

    case: Case
    scenario: Scenario
    resolved: Resolved
    V: np.ndarray
    raw: dict[str, float]

    @property
    def method(self) -> str:
        return self.scenario.method

    @cached_property
    def options(self) -> dict:
        """The method's keyword options (VIKOR's v, PROMETHEE's preference functions)."""
        return method_options(self.method, self.scenario, self.resolved)

    @cached_property
    def linear(self) -> np.ndarray | None:
        """F (m, n) with scores F . w, for a method linear in the weights (its registry entry's
        `linear_part`: WSM's F is V, PROMETHEE II's its net contributions), computed once per
        setup rather than on every call; None for the other methods."""
        part = METHOD_REGISTRY[self.method].linear_part
        return None if part is None else part(self.V, **self.options)

    @cached_property
    def fixed(self) -> Callable[[np.ndarray], np.ndarray] | None:
        """The method prepared once for V (its registry entry's `fixed`: TOPSIS's distances,
        WPM's logarithms), or None: the same scores as `score_matrix(V, W)` for any W."""
        prepare = METHOD_REGISTRY[self.method].fixed
        return None if prepare is None else prepare(self.V, **self.options)

    @cached_property
    def edited(self) -> Callable[[np.ndarray, np.ndarray], np.ndarray] | None:
        """Scores (p, m) of V with column jv[p] replaced by values C[p] (p, m), under the
        scenario's weights (its registry entry's `edited`), or None: "what it would take"
        moves one score, and so one column, per candidate."""
        prepare = METHOD_REGISTRY[self.method].edited
        if prepare is None:
            return None
        return prepare(self.V, self.resolved.weights, **self.options)

    @cached_property
    def name_order(self) -> np.ndarray:
        """Tie-break order of vendors (name, then position), as `Ranking.order` uses."""
        names = self.resolved.vendor_names
        return np.array(sorted(range(len(names)), key=lambda i: (names[i].lower(), i)))


def setup(case: Case, scenario: Scenario) -> Setup:
    """Resolve once for all sweeps. Raises ScenarioError when no vendor is left to rank."""
    r = resolve(case, scenario)
    if r.m == 0:
        raise ScenarioError("no vendor passes the must-haves: there is nothing to analyse")
    V = normalized_values(r, scenario.effective_normalization)
    return Setup(case, scenario, r, V, raw_weights(case, scenario))


def sweepable(case: Case) -> tuple[str, ...]:
    """Criteria that have at least one sibling (an only child's share is always 1)."""
    return tuple(c.id for c in case.all_criteria if len(case.siblings(c.id)) > 1)
