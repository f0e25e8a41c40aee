"""YAML files are parsed with libyaml where PyYAML has it (scoring.yamlpos._compose: a tenth of
the time), never with different results: on generated documents, valid and broken, whatever
the pure-Python parser reads gets the same data and positions, and whatever it refuses gets the
same messages. (libyaml reads more around tabs and "?": such text goes to the pure parser.)"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import yamlpos

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
)
keys = st.text("abcxyz_ -:#'\"", min_size=1, max_size=6)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


# YAML's indicators, line breaks of every kind, a BOM, escapes, letters, digits and spaces.
JUNK = ":-[]{}&*!|>'\"#%@`?,\t\n\r\x85\u2028\ufeff\\ a1.~=<$^();\u00e9\u4e2d0e+_x  \n  "


def outcome(text: str, fast: bool):
    with pytest.MonkeyPatch.context() as patch:
        if not fast:
            patch.setattr(yamlpos, "_FAST_LOADER", None)
        located, problems = yamlpos.parse(text, "f.yaml")
    return (None, None) if located is None else (located.data, located.positions), problems


def test_libyaml_is_there_to_be_used():
    """The speed needs PyYAML's C extension (in its Linux wheels); without it, the same results."""
    assert yamlpos._FAST_LOADER is yaml.CSafeLoader


@settings(max_examples=200, deadline=None)
@given(documents, st.booleans())
def test_a_valid_document_reads_the_same(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    got = outcome(text, fast=True)
    assert got == outcome(text, fast=False)
    assert got[0][0] == yaml.safe_load(text)


@settings(max_examples=300, deadline=None)
@given(documents, st.data())
def test_a_broken_document_gets_the_same_data_or_the_same_messages(data, draw):
    text = yaml.safe_dump(data, default_flow_style=draw.draw(st.booleans()), allow_unicode=True)
    for _ in range(draw.draw(st.integers(1, 3))):
        at = draw.draw(st.integers(0, len(text)))
        junk = draw.draw(st.text(JUNK, min_size=1, max_size=3))
        text = text[:at] + junk + text[at:]
    assert outcome(text, fast=True) == outcome(text, fast=False)
