"""At most N messages per problem kind, the rest counted (issue 12)."""

from __future__ import annotations

from scoring.errors import Problem
from scoring.messages import MAX_PER_KIND, capped, capped_messages, message_kind
from scoring.scenario.link import decode


def test_messages_that_differ_only_in_their_particulars_are_one_kind():
    assert message_kind("column 'x1' has no name") == message_kind("column 'x2' has no name")
    assert message_kind("value: 11 is above 10") == message_kind("value: 12.5 is above 1,000")
    assert message_kind("no such file") != message_kind("not UTF-8 text")


def test_a_million_problems_of_one_kind_print_as_twenty_and_a_count():
    problems = [Problem("s.csv", i, None, "", f"column {i} has no name") for i in range(10**6)]
    problems.append(Problem("s.csv", 1, None, "", "not UTF-8 text"))
    lines = capped(problems)
    assert len(lines) == MAX_PER_KIND + 2
    assert lines[-1] == "s.csv: ... and 999,980 more like this (column 0 has no name)"
    assert "s.csv:1: not UTF-8 text" in lines


def test_plain_messages_are_capped_where_the_kind_ends():
    out = capped_messages([f"weight of c = '{i}' is bad" for i in range(8)] + ["other"], 3)
    assert out == [
        "weight of c = '0' is bad",
        "weight of c = '1' is bad",
        "weight of c = '2' is bad",
        "... and 5 more like this",
        "other",
    ]


def test_ten_thousand_unknown_weights_in_a_link_are_one_warning(shipped):
    query = "&".join(f"w.nope{i}=1" for i in range(10_000))
    warnings = decode(query, shipped).warnings
    assert len(warnings) == 3  # cut at 8,000 characters, at 300 parameters, and one list
    assert warnings[-1].startswith("ignored the weights of unknown criteria: 'nope0', 'nope1'")
    assert warnings[-1].endswith(" and 290 more")
