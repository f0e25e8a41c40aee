"""The ranking object: its table, notes (word for word), vetoes, ties and empty rankings.

The demo case (tests/fixtures/demo): quality (weight 2, 0-10), price (weight 1, cost, 0-100),
licence (weight 1, closed 0 / open 10); Acme 8 / 40 / open, Beta 6 / 20 / closed.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from scoring import Scenario, ScenarioError, load_case, rank
from scoring.rank import TIE_TOLERANCE, competition_ranks, normalized_values, score_matrix
from tests.conftest import ACME, BETA, CRITERIA

UNKNOWN_PRICE = ACME.replace("price: 40", "price: {value: null, rationale: not published}")
WORST = (
    "Unknown values are scored at the worst end of their scale (conservative); "
    "set unknowns to midpoint to score them at the middle instead."
)
MIDPOINT = "Unknown values are scored at the middle of their scale."


def demo(write_case, acme: str = ACME):
    write_case(CRITERIA, {"acme.yaml": acme, "beta.yaml": BETA})
    return load_case("criteria", "vendors")


def test_unknowns_at_the_worst_end_are_noted(write_case):
    result = rank(demo(write_case, UNKNOWN_PRICE))
    assert result.unknown_note() == WORST
    assert result.notes() == [WORST]


def test_unknowns_at_the_midpoint_are_noted(write_case):
    result = rank(demo(write_case, UNKNOWN_PRICE), Scenario(unknowns="midpoint"))
    assert result.unknown_note() == MIDPOINT
    assert result.notes() == [MIDPOINT]


@pytest.mark.parametrize("unknowns", ["worst", "midpoint"])
def test_no_unknown_no_note(write_case, unknowns):
    result = rank(demo(write_case), Scenario(unknowns=unknowns))
    assert result.unknown_note() == ""
    assert result.notes() == []


def test_an_unknown_of_a_vendor_left_out_is_not_noted(write_case):
    # Only Beta is ranked; Acme's unknown price is not among the ranked values.
    result = rank(demo(write_case, UNKNOWN_PRICE), Scenario(vendors=["beta"]))
    assert result.notes() == []


def test_unknown_note_comes_before_the_veto_notes(write_case):
    # WPM with max: Beta's closed licence (0) vetoes its score; Acme's price is unknown.
    result = rank(demo(write_case, UNKNOWN_PRICE), Scenario(method="wpm"))
    notes = result.notes()
    assert notes[0] == WORST
    assert notes[1:] == [
        "Beta scores 0: its value on Licence (closed) normalises to 0, and a weighted product is "
        "0 when any weighted value is 0 (WPM's veto)."
    ]


# --- the table, vetoes, empty rankings, ties ---------------------------------------------------


def test_rows_by_hand(write_case):
    # weights .5 / .25 / .25 on scale values: Acme .8, .6, 1 -> .4 + .15 + .25 = .8;
    # Beta .6, .8, 0 -> .3 + .2 + 0 = .5; gap .3
    rows = rank(demo(write_case)).rows()
    assert rows == [
        {
            "rank": 1,
            "vendor": "acme",
            "name": "Acme",
            "score": pytest.approx(0.8),
            "gap": 0.0,
            "unknowns": [],
        },
        {
            "rank": 2,
            "vendor": "beta",
            "name": "Beta",
            "score": pytest.approx(0.5),
            "gap": pytest.approx(0.3),
            "unknowns": [],
        },
    ]


def test_a_zero_on_a_zero_weight_criterion_is_no_veto(write_case):
    # WPM: Beta's closed licence normalises to 0, but with licence at weight 0 it is ignored.
    result = rank(demo(write_case), Scenario(method="wpm", weights={"licence": 0}))
    assert result.vetoes() == {}
    assert result.notes() == []
    assert rank(demo(write_case), Scenario(method="wpm")).vetoes() == {"beta": ["licence"]}


def test_every_vendor_set_aside_gives_an_empty_ranking(write_case):
    weak = BETA.replace("quality: 6", "quality: 3")
    result = rank(demo_pair(write_case, ACME.replace("quality: 8", "quality: 1"), weak))
    assert result.V.shape == (0, 3)
    assert result.scores.shape == (0,)
    assert result.order == []
    assert result.rows() == []


def demo_pair(write_case, acme: str, beta: str):
    write_case(CRITERIA, {"acme.yaml": acme, "beta.yaml": beta})
    return load_case("criteria", "vendors")


def test_scores_exactly_the_tie_tolerance_apart_tie():
    # "better" means higher by MORE than the tolerance: 1e-12 apart is a tie, 3e-12 is not.
    assert competition_ranks([0.0, TIE_TOLERANCE]).tolist() == [1, 1]
    assert competition_ranks([0.0, 3 * TIE_TOLERANCE]).tolist() == [2, 1]
    assert competition_ranks([[3, 1, 3, 2]]).tolist() == [[1, 4, 1, 3]]  # 1-2-2-4 style


def test_normalized_values_of_a_sampled_stack_use_the_stack(write_case):
    r = rank(demo(write_case)).resolved
    stack = np.stack([r.X, r.X[::-1]])  # the second matrix swaps the vendors
    V = normalized_values(r, "minmax", stack)
    assert_allclose(V[0], normalized_values(r, "minmax"))
    assert_allclose(V[1], V[0][::-1])


def test_unknown_method_lists_the_known_ones():
    with pytest.raises(ScenarioError) as err:
        score_matrix(np.ones((2, 2)), np.array([0.5, 0.5]), "ahp")
    assert str(err.value) == "unknown method 'ahp'; use one of wsm, wpm, topsis, vikor, promethee2"
