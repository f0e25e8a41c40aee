"""Share links: encode/decode round trip, canonical forms, and every kind of hostile parameter."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Scenario, load_case, rank
from scoring.model import DEFAULT_NORMALIZATION, METHODS, NORMALIZATIONS
from scoring.scenario.link import (
    MAX_PARAMS,
    MAX_QUERY_CHARS,
    canonical,
    decode,
    encode,
    format_number,
    parse_query,
    share_url,
)
from tests.unit.test_scenario_preference import preferences

ROOT = Path(__file__).resolve().parents[2]
CASE = load_case(ROOT / "criteria", ROOT / "vendors")
VENDOR_IDS = [v.id for v in CASE.vendors]
CRITERION_IDS = [c.id for c in CASE.all_criteria]

weights = st.dictionaries(
    st.sampled_from(CRITERION_IDS),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
)
scenarios = st.builds(
    Scenario,
    # regulatory_readiness is a top-level leaf: a positive weight keeps every scenario rankable
    weights=weights.map(
        lambda w: {**w, "regulatory_readiness": w.get("regulatory_readiness") or 1}
    ),
    method=st.sampled_from(METHODS),
    normalization=st.none() | st.sampled_from(NORMALIZATIONS),
    vendors=st.none() | st.lists(st.sampled_from(VENDOR_IDS), min_size=1, unique=True),
    unknowns=st.sampled_from(["worst", "midpoint"]),
    samples=st.integers(100, 1_000_000),
    seed=st.integers(0, 2**32 - 1),
    weights_model=st.sampled_from(["uniform", "dirichlet", "order"]),
    concentration=st.floats(min_value=0.01, max_value=10_000, allow_nan=False),
    score_sampling=st.sampled_from(["none", "uniform", "triangular"]),
    vikor_v=st.floats(min_value=0, max_value=1, allow_nan=False),
    preference=preferences,
)


def default_query(**changes: str) -> str:
    """The default scenario's query with some parameters replaced (or removed when None)."""
    pairs = dict(parse_qsl(encode(Scenario(), CASE)))
    pairs.update(changes)
    return "&".join(f"{k}={v}" for k, v in pairs.items() if v is not None)


@settings(max_examples=200, deadline=None)
@given(scenarios)
def test_round_trip_gives_the_canonical_scenario_without_warnings(scenario):
    decoded = decode(encode(scenario, CASE), CASE)
    assert decoded.warnings == []
    assert decoded.scenario == canonical(scenario, CASE)


@settings(max_examples=50, deadline=None)
@given(scenarios)
def test_a_decoded_link_ranks_exactly_like_the_scenario(scenario):
    decoded = decode(share_url("http://host/app?x=1", scenario, CASE), CASE)
    a, b = rank(CASE, scenario), rank(CASE, decoded.scenario)
    assert a.scores.tolist() == b.scores.tolist()  # exact, not approximate
    assert a.order == b.order


def test_link_spells_out_every_weight_and_the_fingerprint():
    pairs = dict(parse_qsl(encode(Scenario(weights={"user_data": 60}), CASE)))
    assert {k for k in pairs if k.startswith("w.")} == {f"w.{c}" for c in CRITERION_IDS}
    assert pairs["w.user_data"] == "60"
    assert pairs["w.regulatory_readiness"] == "25"  # at its default, still written
    assert pairs["n"] == "scale"  # the method's default, written out
    assert pairs["fp"] == CASE.fingerprint[:8]
    assert pairs["v"] == ",".join(VENDOR_IDS)


def test_canonical_fills_defaults_and_keeps_explicit_values():
    c = canonical(Scenario(method="topsis", weights={"user_data": 2}), CASE)
    assert c.normalization == DEFAULT_NORMALIZATION["topsis"] == "vector"
    assert c.weights["user_data"] == 2 and c.weights["open_source"] == 15
    assert c.vendors == VENDOR_IDS


def test_format_number_is_short_and_exact():
    assert format_number(25.0) == "25"
    assert format_number(0.1) == "0.1"
    assert float(format_number(1 / 3)) == 1 / 3


def test_parse_query_accepts_url_query_or_bare_pairs():
    expected = [("m", "wpm"), ("v", "a,b")]
    assert parse_query("http://h:8501/?m=wpm&v=a,b") == expected
    assert parse_query("?m=wpm&v=a,b") == expected
    assert parse_query("m=wpm&v=a,b") == expected


def test_share_url_keeps_view_parameters_and_drops_others():
    url = share_url(
        "http://h/?old=1#frag", Scenario(), CASE, {"tab": "Head-to-head", "evil": "x", "qx": ""}
    )
    assert url.startswith("http://h/?m=wsm&")
    assert url.endswith("&tab=Head-to-head")
    assert "evil" not in url and "old" not in url and "qx" not in url


def test_view_parameters_decode_silently():
    decoded = decode(default_query(tab="Charts", qx="Regulatory+readiness", a="x", b="y"), CASE)
    assert decoded.warnings == []


# Each hostile kind: (query changes, text the single warning must contain, check of what was used)
HOSTILE = {
    "unknown parameter": ({"zzz": "1"}, "ignored unknown parameter(s): 'zzz'", None),
    "non-numeric weight": (
        {"w.user_data": "lots"},
        "weight of user_data = 'lots' is not a number from 0 to 1,000,000; used the default 15",
        lambda s: "user_data" not in s.weights and s.weights["open_source"] == 15,
    ),
    "negative weight": (
        {"w.user_data": "-5"},
        "weight of user_data = '-5'",
        lambda s: "user_data" not in s.weights,
    ),
    "weight out of range": (
        {"w.user_data": "1e9"},
        "not a number from 0 to 1,000,000",
        lambda s: "user_data" not in s.weights,
    ),
    "nan weight": ({"w.user_data": "nan"}, "weight of user_data = 'nan'", None),
    "unknown criterion": (
        {"w.price": "10"},
        "ignored the weights of unknown criteria: 'price'",
        lambda s: "price" not in s.weights,
    ),
    "unknown method": (
        {"m": "electre"},
        "m='electre' is not one of wsm, wpm, topsis, vikor, promethee2; used wsm",
        lambda s: s.method == "wsm",
    ),
    "unknown normalisation": ({"n": "zscore"}, "n='zscore' is not one of", None),
    "unknown vendor": (
        {"v": "alibaba,huawei"},
        "ignored unknown vendor(s): 'huawei'",
        lambda s: s.vendors == ["alibaba"],
    ),
    "no known vendor": (
        {"v": "huawei"},
        "ignored unknown vendor(s): 'huawei'; no known vendor left, used all vendors",
        lambda s: s.vendors is None,
    ),
    "empty vendor list": (
        {"v": ""},
        "the link selects no vendor; used all vendors",
        lambda s: s.vendors is None,
    ),
    "samples out of range": (
        {"k": "5"},
        "k='5' is not a number from 100 to 1,000,000; used 10000",
        lambda s: s.samples == 10_000,
    ),
    "non-numeric seed": ({"seed": "abc"}, "seed='abc' is not a number", lambda s: s.seed == 0),
    "infinite concentration": ({"c": "inf"}, "c='inf' is not a number", None),
    "fingerprint mismatch": (
        {"fp": "deadbeef"},
        "the link was made for other data (fingerprint 'deadbeef'",
        None,
    ),
    "all weights zero": (
        {f"w.{c}": "0" for c in CRITERION_IDS},
        "leave every criterion at weight 0; used the default weights",
        lambda s: s.weights == {},
    ),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_each_hostile_parameter_gives_one_warning_and_a_usable_scenario(kind):
    changes, message, check = HOSTILE[kind]
    decoded = decode(default_query(**changes), CASE)
    assert len(decoded.warnings) == 1, decoded.warnings
    assert message in decoded.warnings[0]
    if check is not None:
        assert check(decoded.scenario)
    rank(CASE, decoded.scenario)  # whatever was used instead can be ranked


def test_a_group_with_all_children_at_zero_is_caught():
    zero = {f"w.{c}": "0" for c in CRITERION_IDS if c not in ("model_capability",)}
    decoded = decode(default_query(**zero), CASE)
    assert any("weight 0" in w for w in decoded.warnings)
    rank(CASE, decoded.scenario)


def test_oversized_and_overlong_links_are_cut_with_a_warning():
    many = "&".join(f"x{i}=1" for i in range(MAX_PARAMS + 50))
    decoded = decode(many, CASE)
    assert any(f"more than {MAX_PARAMS} parameters" in w for w in decoded.warnings)
    long = "m=wpm&" + "zz=" + "a" * (MAX_QUERY_CHARS + 10)
    decoded = decode(long, CASE)
    assert any(f"longer than {MAX_QUERY_CHARS}" in w for w in decoded.warnings)
    assert decoded.scenario.method == "wpm"


def test_control_characters_are_shown_escaped_in_warnings():
    decoded = decode("m=\x1b[31mred", CASE)
    assert "\x1b" not in decoded.warnings[0]
    assert "\\x1b" in decoded.warnings[0]


def test_repeated_parameters_take_the_last_value_and_vendors_accumulate():
    decoded = decode("m=wpm&m=topsis&v=alibaba&v=baidu&u=worst&u=worst", CASE)
    # Two different methods: ambiguous, so one warning says which was used; a repeated
    # identical value and repeated vendor lists are harmless and stay silent.
    assert decoded.warnings == [
        "'m' appears 2 times with different values; used the last, 'topsis'"
    ]
    assert decoded.scenario.method == "topsis"
    assert decoded.scenario.vendors == ["alibaba", "baidu"]


def test_conflicting_weights_in_one_link_are_named():
    decoded = decode("w.user_data=10&w.user_data=90", CASE)
    assert decoded.warnings == [
        "'w.user_data' appears 2 times with different values; used the last, '90'"
    ]
    assert decoded.scenario.weights["user_data"] == 90


def test_long_lists_in_warnings_are_deduplicated_and_counted():
    decoded = decode("v=" + "huawei," * 50 + "&" + "&".join(f"x{i}=1" for i in range(25)), CASE)
    assert "ignored unknown vendor(s): 'huawei'; no known vendor left" in decoded.warnings[0]
    assert decoded.warnings[1].endswith("'x8', 'x9' and 15 more")


def test_number_bounds_in_warnings_are_written_out():
    decoded = decode("seed=-1", CASE)
    assert decoded.warnings == ["seed='-1' is not a number from 0 to 4,294,967,295; used 0"]


def test_an_overlong_mapping_query_is_cut_with_a_warning():
    decoded = decode({"m": "wpm", "v": "alibaba," * MAX_QUERY_CHARS}, CASE)
    assert decoded.warnings == [
        f"the link is longer than {MAX_QUERY_CHARS} characters; the rest was cut"
    ]
    assert decoded.scenario.method == "wpm" and decoded.scenario.vendors is None


def test_a_mapping_query_decodes_like_the_string():
    text = encode(Scenario(method="wpm", weights={"user_data": 3}), CASE)
    as_map = {}
    for k, v in parse_qsl(text):
        as_map.setdefault(k, []).append(v)
    assert decode(as_map, CASE).scenario == decode(text, CASE).scenario


def test_a_large_cli_weight_survives_the_link_round_trip():
    """The CLI, the link decoder and the model share one bound on a raw weight."""
    scenario = Scenario(weights={"user_data": 50_000.0})
    decoded = decode(encode(scenario, CASE), CASE)
    assert decoded.warnings == []
    assert decoded.scenario.weights["user_data"] == 50_000.0
