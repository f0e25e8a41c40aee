"""PROMETHEE II's flows of one large matrix are computed once for their last few uses (issue
12: at 2,000 vendors under a Gaussian one analysis derived them ten times, 2 s each): what is
kept is what would be computed, cannot be changed by a caller, and is keyed by every value and
preference function."""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.testing import assert_array_equal

import scoring.methods.promethee as pm
from benchmarks.bench_matrix import generate
from scoring import Scenario, load_case, rank
from scoring.methods.promethee import Preference, net_contributions
from scoring.model import PreferenceSpec
from scoring.present.brief import decision_brief
from scoring.present.focus import budgeted_analysis

M = pm.PAIRWISE_MAX + 4  # past it: a matrix's flows are kept
PREFS = [Preference("v-shape", p=0.5), Preference("gaussian", s=0.2), Preference("usual")]


@pytest.fixture(autouse=True)
def nothing_kept():
    pm._kept.clear()
    yield
    pm._kept.clear()


def matrix(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 11, (M, len(PREFS))) / 10


def test_kept_flows_are_the_computed_ones_and_cannot_be_changed():
    V = matrix(1)
    first = net_contributions(V, PREFS)
    assert_array_equal(first, pm._net_contributions(V, PREFS))
    again = net_contributions(V.copy(), PREFS)  # another array, the same values: kept
    assert again is first and len(pm._kept) == 1
    with pytest.raises(ValueError, match="read-only"):
        again[0, 0] = 1.0


def test_a_changed_value_or_preference_is_computed_anew():
    V = matrix(2)
    F = net_contributions(V, PREFS)
    W = V.copy()
    W[7, 1] += 0.1
    assert not np.array_equal(net_contributions(W, PREFS), F)
    other = [PREFS[0], Preference("gaussian", s=0.3), PREFS[2]]
    assert not np.array_equal(net_contributions(V, other), F)
    assert len(pm._kept) == 3
    assert_array_equal(net_contributions(W, PREFS), pm._net_contributions(W, PREFS))


def test_only_the_last_few_are_kept_and_small_or_stacked_inputs_never():
    computed = [net_contributions(matrix(seed), PREFS) for seed in range(pm.KEPT_FLOWS + 2)]
    assert len(pm._kept) == pm.KEPT_FLOWS
    assert net_contributions(matrix(pm.KEPT_FLOWS + 1), PREFS) is computed[-1]  # the latest
    assert net_contributions(matrix(2), PREFS) is computed[2]  # the oldest still kept
    assert net_contributions(matrix(0), PREFS) is not computed[0]  # the first, let go
    small = matrix(0)[: pm.PAIRWISE_MAX]
    net_contributions(small, PREFS)
    net_contributions(np.stack([matrix(0), matrix(1)]), PREFS)
    assert len(pm._kept) == pm.KEPT_FLOWS
    assert net_contributions(small, PREFS).flags.writeable  # computed each time, the caller's


@pytest.mark.parametrize("function", ["v-shape", "gaussian"])
def test_an_analysis_past_pairwise_max_is_the_same_with_kept_flows(tmp_path, monkeypatch, function):
    """Every caller (ranking, sweeps, SMAA, comparison, challengers, unknowns, the brief's
    PROMETHEE I) reads kept flows without writing to them, and gets the numbers it computed."""
    monkeypatch.setattr(pm, "PAIRWISE_MAX", 8)  # 30 vendors: the large-case paths
    generate(tmp_path, vendors=30, criteria=4, seed=5)
    case = load_case(tmp_path / "criteria", tmp_path / "vendors.csv")
    spec = PreferenceSpec(
        function=function, **({"s": 2.0} if function == "gaussian" else {"p": 3.0})
    )
    scenario = Scenario(
        method="promethee2", samples=200, preference={c.id: spec for c in case.leaves}
    )

    def outcome() -> str:
        result = rank(case, scenario)
        sens = budgeted_analysis(case, scenario, result)
        brief = decision_brief(result, sens)
        return json.dumps([sens.to_dict(), brief.to_dict()], sort_keys=True, default=str)

    kept = outcome()
    assert pm._kept
    monkeypatch.setattr(pm, "KEPT_FLOWS", 0)  # nothing kept: every use computes its own
    pm._kept.clear()
    assert outcome() == kept
    assert not pm._kept
