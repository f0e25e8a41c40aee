"""PROMETHEE II's one-column re-scoring for "what it would take" against re-scoring everything.

Moving one score changes one column of values and, in the net flows, only that criterion's pairs
with the moved vendor: phi' = phi + w_j (F'_j - F_j). The challengers and the unknowns that matter
read PROMETHEE II through that update (O(m) a candidate, where re-scoring the whole matrix was
O(m^2 n): at 200 vendors the search ran past ten minutes); here it is held to the full re-scoring.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from scoring import Scenario
from scoring.model import PreferenceSpec
from scoring.sensitivity import challenge
from scoring.sensitivity.sweep import setup
from tests.unit.sensitivity_cases import (
    answers,
    assert_same_answers,
    edit_strategies,
    edits,
    flat_case,
)

SPECS = [
    None,  # the default: v-shape, p at half the scale
    PreferenceSpec(function="usual"),
    PreferenceSpec(function="u-shape", q=1),
    PreferenceSpec(function="level", q=1, p=3),
    PreferenceSpec(function="linear", q=1, p=4),
    PreferenceSpec(function="gaussian", s=2),
]


def promethee_case(X, weights, specs, cost=(), unknown=()):
    case = flat_case(X, weights, cost=cost)
    crit = tuple(
        c.model_copy(update={"preference": spec})
        for c, spec in zip(case.criteria, specs, strict=True)
    )
    vendors = tuple(
        v.model_copy(
            update={
                "scores": {
                    cid: (sc.model_copy(update={"value": None}) if (i, j) in unknown else sc)
                    for j, (cid, sc) in enumerate(v.scores.items())
                }
            }
        )
        for i, v in enumerate(case.vendors)
    )
    return dataclasses.replace(case, criteria=crit, vendors=vendors, fingerprint=f"p{X}{specs}")


CELLS = (0, 1, 2, 4, 5, 7, 9, 10)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    **edit_strategies(CELLS),
    specs=st.lists(st.sampled_from(SPECS), min_size=3, max_size=3),
    cost=st.sets(st.integers(0, 2), max_size=2),
)
def test_one_column_update_equals_rescoring_everything(X, weights, specs, cost, moves):
    s = setup(promethee_case(np.array(X), weights, specs, cost), Scenario(method="promethee2"))
    assert challenge._one_column(s)
    iv, jv, x = edits(moves, len(X))
    assert_allclose(
        challenge._edited_scores(s, iv, jv, x), challenge._rescored(s, iv, jv, x), atol=1e-12
    )


def test_challengers_and_unknowns_are_those_of_the_full_rescoring(monkeypatch):
    """Twelve vendors, a cost criterion, level-scored and Gaussian criteria, unknown cells: the
    answers through the update are the answers through re-scoring every edited matrix."""
    rng = np.random.default_rng(3)
    X = rng.integers(0, 11, (12, 4)).astype(float)
    specs = [SPECS[3], None, SPECS[5], SPECS[4]]
    case = promethee_case(X, [30, 25, 25, 20], specs, cost={1}, unknown={(2, 0), (5, 3), (7, 1)})
    s = setup(case, Scenario(method="promethee2", unknowns="midpoint"))
    fast = answers(s)
    monkeypatch.setattr(challenge, "_one_column", lambda s: False)
    s.__dict__["edited"] = None  # nor the one-column edit: every edited matrix re-scored whole
    assert_same_answers(fast, answers(s))


def test_other_normalisations_rescore_everything():
    """minmax moves a whole column when one value moves: no one-column update applies."""
    case = promethee_case(np.array([[1, 2, 3], [4, 5, 6]]), [1, 1, 1], [None] * 3)
    assert not challenge._one_column(
        setup(case, Scenario(method="promethee2", normalization="minmax"))
    )
    assert not challenge._one_column(setup(case, Scenario(method="wsm")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    **edit_strategies(CELLS, vendors=6),
    specs=st.lists(st.sampled_from(SPECS), min_size=3, max_size=3),
    normalization=st.sampled_from(["minmax", "vector", "max", "sum"]),
)
def test_other_normalisations_edit_one_column_with_each_preference(
    X, weights, specs, normalization, moves
):
    """Under a normalisation that reads the whole column, the edited criterion's flows are
    recomputed with its own preference function; the others' come from the setup."""
    case = promethee_case(np.array(X), weights, specs)
    s = setup(case, Scenario(method="promethee2", normalization=normalization))
    assert not challenge._one_column(s) and s.edited is not None
    iv, jv, x = edits(moves, len(X))
    assert_allclose(
        challenge._edited_scores(s, iv, jv, x), challenge._rescored(s, iv, jv, x), atol=1e-12
    )


def test_a_scale_that_does_not_start_at_zero():
    """Scores on 2..12 (a cost criterion too): the moved value is placed on its own scale, as
    the normalisation places it, before its pairs are re-scored."""
    from scoring.model import Scale

    rng = np.random.default_rng(11)
    X = rng.integers(2, 13, (6, 3)).astype(float)
    case = promethee_case(X - 2, [30, 45, 25], [None, SPECS[4], SPECS[1]], cost={1})
    crit = tuple(c.model_copy(update={"scale": Scale(min=2, max=12)}) for c in case.criteria)
    vendors = tuple(
        v.model_copy(update={"scores": {
            cid: sc.model_copy(update={"value": float(X[i, j])})
            for j, (cid, sc) in enumerate(v.scores.items())
        }})
        for i, v in enumerate(case.vendors)
    )  # fmt: skip
    case = dataclasses.replace(case, criteria=crit, vendors=vendors, fingerprint="scale-2-12")
    s = setup(case, Scenario(method="promethee2"))
    assert challenge._one_column(s) and s.resolved.scale_min.tolist() == [2.0, 2.0, 2.0]
    iv, jv = np.array([0, 1, 2, 3, 4, 5]), np.array([0, 1, 2, 0, 1, 2])
    x = np.array([12.0, 2.0, 7.5, 3.0, 11.0, 2.0])
    assert_allclose(
        challenge._edited_scores(s, iv, jv, x), challenge._rescored(s, iv, jv, x), atol=1e-12
    )


def test_the_search_budget_counts_what_a_promethee_candidate_costs(monkeypatch):
    """Under minmax a PROMETHEE II candidate re-derives its criterion's flows from every pair
    (m x m values up to 256 vendors; past that m, or m x m for the Gaussian), not one column:
    the search checks as many vendors as that leaves room for."""
    rng = np.random.default_rng(2)
    X = rng.integers(0, 11, (6, 2))
    s = setup(promethee_case(X, [1, 1], [None, None]),
              Scenario(method="promethee2", normalization="minmax"))  # fmt: skip
    assert challenge._cost(s) == 6 * 6
    monkeypatch.setattr(challenge, "MAX_FLOATS_PER_STEP", 36 * 2 * 2)  # room for 2 vendors
    assert challenge.challengers(s).checked == 2
    big = rng.integers(0, 11, (300, 2))
    gaussian = Scenario(method="promethee2", normalization="minmax")
    s = setup(promethee_case(big, [1, 1], [None, SPECS[5]]), gaussian)
    assert challenge._cost(s) == 300 * 300
    s = setup(promethee_case(big, [1, 1], [None, None]), gaussian)
    assert challenge._cost(s) == 300
    assert challenge._cost(setup(promethee_case(big, [1, 1], [None, None]),
                                 Scenario(method="promethee2"))) == 300  # fmt: skip
