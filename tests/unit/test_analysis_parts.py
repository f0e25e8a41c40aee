"""`analyse` carries every part the brief reads: the challengers, the unknowns that matter and
the idle criteria, each as its own function gives it (found by mutation testing: nothing checked
that analyse passes them on)."""

from __future__ import annotations

import dataclasses

from scoring import Scenario
from scoring.sensitivity import analyse
from scoring.sensitivity.challenge import challengers, idle_criteria, unknowns_that_matter
from scoring.sensitivity.sweep import setup
from tests.unit.sensitivity_cases import flat_case


def test_analyse_carries_challengers_unknowns_and_idle_criteria():
    # v0 (10, ?, 0) against v1 (6, 7, 0.5), weights 50/50/2: v0's unknown c1 at the worst end
    # puts v1 first; c2 differs by 0.5 on 0..10 (idle); v1 can reach the top.
    case = flat_case([[10, 5, 0], [6, 7, 0.5]], [50, 50, 2])
    v0 = case.vendors[0]
    gone = v0.scores["c1"].model_copy(update={"value": None, "rationale": "not public"})
    v0 = v0.model_copy(update={"scores": {**v0.scores, "c1": gone}})
    case = dataclasses.replace(case, vendors=(v0, case.vendors[1]), fingerprint="parts")
    sc = Scenario(unknowns="midpoint")
    result = analyse(case, sc, samples=100)
    s = setup(case, sc)
    assert result.challengers == challengers(s) and result.challengers.items
    assert result.unknowns_that_matter == unknowns_that_matter(s) != ()
    assert result.idle_criteria == idle_criteria(s) != ()
    d = result.to_dict()
    assert [u["vendor"] for u in d["unknowns_that_matter"]] == ["v0"]
    assert [x["criterion"] for x in d["idle_criteria"]] == ["c2"]
