"""The ranking object's notes: how unknowns were scored, stated word for word.

The demo case (tests/fixtures/demo): quality (weight 2, 0-10), price (weight 1, cost, 0-100),
licence (weight 1, closed 0 / open 10); Acme 8 / 40 / open, Beta 6 / 20 / closed.
"""

from __future__ import annotations

import pytest

from scoring import Scenario, load_case, rank
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
