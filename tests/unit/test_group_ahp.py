"""A round's pairwise judgements: each participant's CR beside the group's, the group's matrix the
element-wise geometric mean (Aczel & Saaty 1983), checked on hand-computed 3 x 3 cases.

For a 3 x 3 reciprocal matrix with a12 = x, a13 = y, a23 = z, lambda_max = 1 + t + 1/t with
t = (y / (x z))^(1/3) (Saaty 1980), so CR = (lambda_max - 3) / 2 / 0.58 by hand.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.group_ahp import comparison_sets, judged_sets, judged_weights, matrix
from scoring.model import Scenario
from scoring.present.judgements import GROUP_ROW, judgements_sentences, judgements_table
from scoring.weights import SAATY_VALUES

ITEMS = ["a", "b", "c"]


def sub(name: str, *sets: dict) -> SimpleNamespace:
    return SimpleNamespace(participant=name, role="R", judgements=list(sets))


def three(x: float, y: float, z: float, items=ITEMS) -> dict:
    a, b, c = items
    return {"items": list(items), "pairs": [[a, b, x], [a, c, y], [b, c, z]]}


def cr_by_hand(x: float, y: float, z: float) -> float:
    t = (y / (x * z)) ** (1 / 3)
    return (1 + t + 1 / t - 3) / 2 / 0.58


def test_two_consistent_people_give_the_geometric_mean_of_their_judgements():
    # Lee: a = 2b = 4c (w = 4/7, 2/7, 1/7); Eve: b = 2a = 2c (w = 1/4, 1/2, 1/4). Both CR 0.
    # Group: a/b = sqrt(2 * 1/2) = 1, a/c = sqrt(4 * 1) = 2, b/c = sqrt(2 * 2) = 2 -> 0.4, 0.4, 0.2.
    [s] = judged_sets([sub("Lee", three(2, 4, 2)), sub("Eve", three(0.5, 1, 2))])
    assert [name for name, _ in s.people] == ["Lee (R)", "Eve (R)"]
    assert s.people[0][1].weights == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})
    assert s.group.weights == pytest.approx({"a": 0.4, "b": 0.4, "c": 0.2})
    assert s.group.cr == pytest.approx(0, abs=1e-9) and s.people[1][1].cr == pytest.approx(0)


def test_the_group_s_cr_is_shown_beside_each_participant_s():
    # Lee's cycle a > b > c > a (x = 3, y = 1/3, z = 3): t = 1/3, lambda 4.333, CR 1.149.
    # With Eve's all-equal judgements the group has x = z = sqrt 3, y = 1/sqrt 3: CR 0.2667.
    [s] = judged_sets([sub("Lee", three(3, 1 / 3, 3)), sub("Eve", three(1, 1, 1))])
    lee, eve = (r for _, r in s.people)
    assert lee.cr == pytest.approx(cr_by_hand(3, 1 / 3, 3)) == pytest.approx(1.1494, abs=1e-4)
    assert eve.cr == pytest.approx(0, abs=1e-12)
    r3 = 3**0.5
    assert s.group.cr == pytest.approx(cr_by_hand(r3, 1 / r3, r3))
    assert s.group.cr == pytest.approx(0.2667, abs=1e-4)
    table = judgements_table(s, {"a": "Alpha"})
    assert [row[0] for row in table.rows] == ["Lee (R)", "Eve (R)", GROUP_ROW]
    assert table.columns[3].label == "Alpha" and table.rows[2][1] == s.group.cr
    [line] = judgements_sentences([s], {})
    assert "2 participants compared a, b, c" in line and "0.267 (too inconsistent" in line
    assert "Too inconsistent on their own: Lee (R)." in line


def test_sets_are_matched_by_their_items_in_any_order():
    flipped = {"items": ["c", "b", "a"], "pairs": [["b", "a", 0.5], ["c", "a", 0.25]]}
    sets = judged_sets([sub("Lee", three(2, 4, 2)), sub("Eve", flipped)])
    assert len(sets) == 1 and len(sets[0].people) == 2
    # Eve's c-b pair is missing: completed from her own weights, so she agrees with Lee.
    assert sets[0].group.weights == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})


def test_a_missing_judgement_is_completed_by_the_participant_s_own_weights():
    A, result = matrix(ITEMS, [["a", "b", 3], ["b", "c", 2]])
    assert result.missing == (("a", "c"),)
    assert A[0, 2] == pytest.approx(6) and A[2, 0] == pytest.approx(1 / 6)
    assert result.cr == pytest.approx(0, abs=1e-9)


@given(st.lists(st.tuples(*[st.sampled_from(SAATY_VALUES)] * 3), min_size=1, max_size=6))
def test_the_group_matrix_is_reciprocal_and_unanimity_is_kept(judgements):
    sets = judged_sets([sub(f"P{i}", three(*j)) for i, j in enumerate(judgements)])
    [s] = sets
    same = judged_sets([sub("P", three(*judgements[0])), sub("Q", three(*judgements[0]))])[0]
    assert same.group.weights == pytest.approx(same.people[0][1].weights)
    assert same.group.cr == pytest.approx(same.people[0][1].cr, abs=1e-9)
    assert sum(s.group.weights.values()) == pytest.approx(1)
    assert np.isfinite(s.group.cr) and s.group.cr >= 0


def test_comparison_sets_follow_the_round_s_level(shipped):
    top = comparison_sets(shipped, "top")
    assert [[c.id for c in s] for s in top] == [[c.id for c in shipped.criteria]]
    every = comparison_sets(shipped, "all")
    assert len(every) == 1 + sum(1 for c in shipped.all_criteria if len(c.children) >= 2)


def test_judged_weights_replace_the_set_s_weights_with_ahp_shares_x_100(shipped):
    ids = [c.id for c in shipped.criteria]
    pairs = [[ids[0], other, 9] for other in ids[1:]]  # the first extremely more important
    pairs += [[a, b, 1] for i, a in enumerate(ids[1:], 1) for b in ids[i + 1 :]]
    raw = judged_weights(shipped, Scenario(), [{"items": ids, "pairs": pairs}])
    n = len(ids)
    assert raw[ids[0]] == pytest.approx(100 * 9 / (9 + n - 1), abs=1e-4)
    assert raw[ids[1]] == pytest.approx(100 / (9 + n - 1), abs=1e-4)
