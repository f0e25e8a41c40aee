"""Fuzz: hostile YAML documents, query strings and command-line arguments never give an
internal error (exit 1) or a traceback - only exit 0 or a located message with exit 2 (issue 12).

In-process (`main(argv)`) for speed; modest example counts, no deadline (a shared machine).
"""

from __future__ import annotations

import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.cli import main
from scoring.errors import CaseError
from scoring.load import load_case
from scoring.scenario.link import canonical, decode, encode
from tests.conftest import ACME, BETA, CRITERIA

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\x1b[2J",
        "\x07",
        "\r=1+2",
        '=HYPERLINK("x")',
        "\u202e",
        "\ud7ff",
        "9" * 400,
        "1e400",
        ".nan",
        "-.inf",
        "~",
        "null",
        "yes",
        "{",
        "[",
        "&a",
        "*a",
        "!!python/object:os.system",
        "<script>",
        "'",
        '"',
        "a" * 300,
    ]  # fmt: skip
) | st.text(max_size=20)
NUMBERS = st.sampled_from([0, -1, 11, 10**400, -(10**30), 1e308, 0.1]) | st.floats()
LEAF = st.recursive(
    NUMBERS | HOSTILE_TEXT | st.none() | st.booleans(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=8,
)
VENDOR_KEYS = st.sampled_from(["id", "name", "summary", "links", "scores", "extra"])
SCORE = LEAF | st.fixed_dictionaries(
    {"value": LEAF}, optional={"range": LEAF, "rationale": LEAF, "sources": LEAF}
)


def vendor_documents() -> st.SearchStrategy[str]:
    """Vendor files: mostly the right shape with hostile values, sometimes raw bytes of YAML."""
    shaped = st.fixed_dictionaries(
        {"id": HOSTILE_TEXT | st.just("acme"), "name": HOSTILE_TEXT},
        optional={
            "scores": st.dictionaries(
                st.sampled_from(["quality", "price", "licence"]) | HOSTILE_TEXT, SCORE, max_size=4
            ),
            "summary": LEAF,
            "links": LEAF,
        },
    ).map(lambda d: yaml.safe_dump(d, allow_unicode=True))
    mangled = st.tuples(st.just(ACME), st.integers(0, len(ACME)), st.text(max_size=12)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
    )
    return shaped | mangled | st.text(max_size=200)


def _exit_code(argv: list[str], capsys) -> int:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err, err
    assert "\x1b" not in err and "\x00" not in err
    return code


@FUZZ
@given(doc=vendor_documents())
def test_any_vendor_file_loads_or_gives_located_problems(write_case, capsys, doc):
    write_case(vendors={"acme.yaml": doc, "beta.yaml": BETA})
    try:
        load_case("criteria", "vendors")
    except CaseError as exc:
        assert exc.problems and all(p.file for p in exc.problems)
    assert _exit_code(["rank", "--format", "csv"], capsys) in (0, 2)


@FUZZ
@given(
    doc=st.tuples(st.just(CRITERIA), st.integers(0, len(CRITERIA)), st.text(max_size=12)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
    )
)
def test_any_criteria_file_loads_or_gives_located_problems(write_case, capsys, doc):
    write_case(doc, {"acme.yaml": ACME})
    assert _exit_code(["validate"], capsys) in (0, 2)


QUERY_KEYS = st.sampled_from(
    [
        "m",
        "n",
        "v",
        "u",
        "s",
        "seed",
        "wm",
        "c",
        "ss",
        "sc",
        "fp",
        "tab",
        "w.quality",
        "w.price",
        "w.",
        "w.nope",
        "",
    ]  # fmt: skip
) | st.text(string.printable, max_size=6)
QUERY_VALUES = HOSTILE_TEXT | st.sampled_from(["wsm", "topsis", "acme,beta", "acme,,acme", "0"])


@settings(max_examples=300, deadline=None)
@given(pairs=st.lists(st.tuples(QUERY_KEYS, QUERY_VALUES), max_size=12))
def test_any_query_decodes_to_a_valid_scenario_with_warnings(demo_case, pairs):
    query: dict[str, list[str]] = {}
    for key, value in pairs:
        query.setdefault(key, []).append(value)
    decoded = decode(query, demo_case)
    encode(canonical(decoded.scenario, demo_case), demo_case)  # the app writes it back
    assert all(isinstance(w, str) and "\x00" not in w for w in decoded.warnings)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_link_string_decodes(demo_case, text):
    decode(text, demo_case)


FLAGS = st.sampled_from(
    [
        "--method",
        "--normalization",
        "--weights",
        "--vendor",
        "--unknowns",
        "--samples",
        "--seed",
        "--link",
        "--format",
        "--scenario",
        "-o",
        "--force",
        "--criteria",
    ]  # fmt: skip
)
COMMANDS = st.sampled_from(["rank", "validate", "link", "brief", "export-scores", "schema"])


@FUZZ
@given(
    command=COMMANDS,
    args=st.lists(FLAGS | QUERY_VALUES, max_size=6),
)
def test_any_command_line_ends_in_exit_0_or_2(write_case, capsys, command, args):
    write_case(vendors={"acme.yaml": ACME, "beta.yaml": BETA})
    if command in ("export-scores", "schema") and "-o" not in args:
        args = [*args, "-o", "out.csv"]
    assert _exit_code([command, *args], capsys) in (0, 2)


@pytest.fixture(scope="module")
def demo_case():
    from tests.conftest import DEMO

    return load_case(DEMO / "criteria", DEMO / "vendors")
