"""A round's judgements as the store keeps them, the sets a round accepts, and the JSON of a
judged set (found by mutation testing: none of these had a test of its own)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scoring.errors import ScenarioError
from scoring.group_ahp import as_set, check_sets, comparison_sets, judged_sets
from scoring.model import Judgements


def test_a_matrix_is_kept_as_the_pairs_above_its_diagonal():
    j = Judgements(items=["a", "b", "c"], matrix=[[1, 3, "1/2"], ["1/3", 1, 2], [2, "1/2", 1]])
    assert as_set(j) == {
        "items": ["a", "b", "c"],
        "pairs": [["a", "b", 3.0], ["a", "c", 0.5], ["b", "c", 2.0]],
    }


def test_pairs_are_kept_as_given_with_their_items():
    j = Judgements(pairs=[["a", "b", 3], ["b", "c", "1/2"]])
    assert as_set(j) == {"items": ["a", "b", "c"], "pairs": [["a", "b", 3.0], ["b", "c", 0.5]]}
    named = Judgements(items=["c", "b", "a"], pairs=[["a", "b", 3], ["b", "c", 2]])
    assert as_set(named)["items"] == ["c", "b", "a"]


def top_set(shipped) -> dict:
    return {"items": [c.id for c in shipped.criteria], "pairs": []}


def test_a_round_accepts_its_own_sets_each_once(shipped):
    top = top_set(shipped)
    check_sets(shipped, "top", [top])  # no error
    group = next(s for s in comparison_sets(shipped, "all") if s[0].id not in top["items"])
    child = {"items": [c.id for c in reversed(group)], "pairs": []}  # any order
    check_sets(shipped, "all", [top, child])
    with pytest.raises(ScenarioError) as e:
        check_sets(shipped, "top", [child])
    assert str(e.value) == (
        f"this round compares the top-level criteria; {', '.join(child['items'])} is not such a set"
    )
    with pytest.raises(ScenarioError) as e:
        check_sets(shipped, "all", [{"items": top["items"][:2], "pairs": []}])
    assert str(e.value).startswith("this round compares the children of one group; ")
    with pytest.raises(ScenarioError) as e:
        check_sets(shipped, "all", [child, top, child])
    assert str(e.value) == f"{', '.join(child['items'])} are judged twice; give each set once"


def test_each_judged_set_is_its_own_and_says_who_judged_it():
    # Lee judges two sets; Eve one of them. Consistent judgements: every CR is 0.
    abc = {"items": ["a", "b", "c"], "pairs": [["a", "b", 2], ["a", "c", 4], ["b", "c", 2]]}
    xy = {"items": ["x", "y"], "pairs": [["x", "y", 3]]}
    subs = [
        SimpleNamespace(participant="Lee", role="CTO", judgements=[abc, xy]),
        SimpleNamespace(participant="Eve", role="Legal", judgements=[xy]),
    ]
    first, second = judged_sets(subs)
    assert (first.items, second.items) == (("a", "b", "c"), ("x", "y"))
    assert [name for name, _ in second.people] == ["Lee (CTO)", "Eve (Legal)"]
    d = second.to_dict()
    assert d["items"] == ["x", "y"]
    assert [p["name"] for p in d["participants"]] == ["Lee (CTO)", "Eve (Legal)"]
    assert d["participants"][0]["weights"] == pytest.approx({"x": 0.75, "y": 0.25})
    assert d["participants"][0]["cr"] == pytest.approx(0.0, abs=1e-12)
    assert d["participants"][0]["acceptable"] is True
    assert d["group"]["weights"] == pytest.approx({"x": 0.75, "y": 0.25})
    assert (d["group"]["cr"], d["group"]["acceptable"]) == (pytest.approx(0.0, abs=1e-12), True)
    assert set(d) == {"items", "participants", "group"}
    assert set(d["participants"][0]) == {"name", "weights", "cr", "acceptable"}
    assert set(d["group"]) == {"weights", "cr", "acceptable"}


def test_with_the_tree_s_order_sets_and_their_items_follow_the_tree():
    # Lee lists a child set first and backwards; the tree is a, b, c (top), then x, y (a's).
    abc = {"items": ["c", "a", "b"], "pairs": [["a", "b", 2], ["a", "c", 4], ["b", "c", 2]]}
    xy = {"items": ["y", "x"], "pairs": [["x", "y", 3]]}
    subs = [SimpleNamespace(participant="Lee", role="CTO", judgements=[xy, abc])]
    first, second = judged_sets(subs, ["a", "x", "y", "b", "c"])
    assert (first.items, second.items) == (("a", "b", "c"), ("x", "y"))
    assert first.group.weights == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})
    assert second.group.weights == pytest.approx({"x": 0.75, "y": 0.25})
    # Without the order: as first seen, each set as its first judge listed it.
    unordered = judged_sets(subs)
    assert [s.items for s in unordered] == [("y", "x"), ("c", "a", "b")]
    assert unordered[1].group.weights == pytest.approx(first.group.weights)
