"""The judgements file and the case: every problem of a file named exactly (file, line, column,
field, sentence), what a well-formed file weighs, and the elicited weights going into one
sibling group of the shipped case."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

import scoring.load
from scoring import Scenario
from scoring.errors import Problem, ScenarioError
from scoring.weights import (
    JudgementsError,
    ahp_file,
    check_judgements,
    load_judgements,
    sibling_group,
    with_weights,
)
from scoring.yamlpos import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str | bytes, name: str = "j.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, known=None) -> list[str]:
    """The cross-check problems of a file that loads, as people read them (relative path)."""
    j, doc = load_judgements(path)
    return [str(p).replace(f"{path.parent}/", "") for p in check_judgements(j, doc, known)]


def load_error(path: Path) -> list[Problem]:
    with pytest.raises(JudgementsError) as err:
        load_judgements(path)
    return err.value.problems


# --- loading -----------------------------------------------------------------------------------

PAIRS = "pairs:\n  - [a, b, 2]\n  - [b, c, 2]\n  - [c, d, 2]\n"


def test_a_file_of_exactly_the_size_limit_loads_and_one_byte_more_does_not(tmp_path, monkeypatch):
    # The size is checked before the file is read; a limit of the file's own size keeps it fast.
    monkeypatch.setattr(scoring.load, "MAX_FILE_BYTES", len(PAIRS))
    path = write(tmp_path, PAIRS)
    j, _ = load_judgements(path)
    assert j.pairs == [("a", "b", 2.0), ("b", "c", 2.0), ("c", "d", 2.0)]
    path = write(tmp_path, PAIRS + "\n")
    assert load_error(path) == [
        Problem(str(path), None, None, "", f"file is larger than {len(PAIRS)} bytes")
    ]
    monkeypatch.undo()
    assert MAX_FILE_BYTES == 1_000_000


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = write(tmp_path, b"# caf\xe9\n" + PAIRS.encode())
    assert load_error(path) == [
        Problem(str(path), None, None, "", "not UTF-8 text (invalid continuation byte)")
    ]


def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "none.yaml"
    assert load_error(path) == [
        Problem(str(path), None, None, "", "cannot read: No such file or directory")
    ]


def test_utf8_is_read_whatever_the_locale(tmp_path):
    path = write(tmp_path, "# Gewichtung für die Kriterien\n" + PAIRS)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    code = "import sys; from scoring.weights import ahp_file; print(len(ahp_file(sys.argv[1]).weights))"
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert (out.returncode, out.stdout) == (0, "4\n"), out.stderr


def test_invalid_yaml_is_named_with_its_line(tmp_path):
    path = write(tmp_path, "pairs:\n  - [a, b, 2\n")
    (problem,) = load_error(path)
    assert (problem.file, problem.line) == (str(path), 3)


def test_a_file_that_is_not_a_mapping_is_named(tmp_path):
    path = write(tmp_path, "- [a, b, 2]\n")
    assert [str(p) for p in load_error(path)] == [
        f"{path}:1:1: the file must be a mapping with items and matrix, or pairs"
    ]


# --- what a good file weighs -------------------------------------------------------------------


def test_a_matrix_file_weighs_by_the_eigenvector(tmp_path):
    path = write(
        tmp_path,
        'items: [a, b, c]\nmatrix:\n  - [1, 3, 5]\n  - ["1/3", 1, 3]\n  - ["1/5", "1/3", 1]\n',
    )
    r = ahp_file(path)
    g = np.array([15, 1, 1 / 15]) ** (1 / 3)  # a 3 x 3 matrix: the rows' geometric means
    assert r.method == "eigenvector" and r.items == ("a", "b", "c")
    assert_allclose(list(r.weights.values()), g / g.sum())


def test_a_pairs_file_weighs_its_items_in_order_of_appearance(tmp_path):
    r = ahp_file(write(tmp_path, PAIRS))
    assert r.items == ("a", "b", "c", "d") and r.method == "llsm"
    assert_allclose(list(r.weights.values()), np.array([8, 4, 2, 1]) / 15)
    assert r.missing == (("a", "c"), ("a", "d"), ("b", "d"))


def test_a_pairs_file_with_items_keeps_their_order(tmp_path):
    r = ahp_file(write(tmp_path, "items: [c, b, a]\npairs:\n  - [a, b, 2]\n  - [b, c, 2]\n"))
    assert r.items == ("c", "b", "a")
    assert list(r.weights) == ["c", "b", "a"]
    assert r.weights == pytest.approx({"c": 1 / 7, "b": 2 / 7, "a": 4 / 7})
    assert r.missing == (("c", "a"),)


def test_ahp_file_checks_against_the_known_criteria(tmp_path):
    path = write(tmp_path, PAIRS)
    assert len(ahp_file(path, known=list("abcd")).weights) == 4
    with pytest.raises(JudgementsError, match="not criteria of the case: d"):
        ahp_file(path, known=list("abc"))


# --- cross-checks ------------------------------------------------------------------------------


def test_a_matrix_must_be_reciprocal_with_ones_on_its_diagonal(tmp_path):
    path = write(
        tmp_path, 'items: [a, b, c]\nmatrix:\n  - [1, 3, 5]\n  - ["1/3", 2, 2]\n  - ["1/5", 3, 1]\n'
    )
    assert problems_of(path) == [
        "j.yaml:4:13: matrix[1][1]: an item compared with itself is 1, not 2",
        "j.yaml:5:13: matrix[2][1]: c over b must be the reciprocal of b over c (2), i.e. 1/2; it is 3",
    ]


def test_a_nearly_reciprocal_matrix_passes(tmp_path):
    # 0.33 for 1/3 is within 2 %; 1.0 + 1e-12 on the diagonal is 1.
    path = write(tmp_path, "items: [a, b]\nmatrix:\n  - [1.000000000001, 3]\n  - [0.33, 1]\n")
    assert problems_of(path) == []


def test_pairs_name_listed_items_once_and_never_an_item_with_itself(tmp_path):
    text = "items: [a, b, c]\npairs:\n  - [a, x, 3]\n  - [b, b, 2]\n  - [a, b, 2]\n  - [b, a, 3]\n  - [a, b, 5]\n  - [b, c, 2]\n"
    assert problems_of(write(tmp_path, text)) == [
        "j.yaml:3:5: pairs[0]: 'x' is not one of the items (a, b, c)",
        "j.yaml:4:5: pairs[1]: b is compared with itself",
        "j.yaml:6:5: pairs[3]: b and a are compared twice (also pairs[2]); keep one",
        "j.yaml:7:5: pairs[4]: a and b are compared twice (also pairs[2]); keep one",
    ]


def test_pairs_name_known_criteria_when_the_file_lists_no_items(tmp_path):
    text = "pairs:\n  - [a, x, 3]\n  - [y, b, 2]\n  - [a, b, 2]\n"
    assert problems_of(write(tmp_path, text), known=["a", "b"]) == [
        "j.yaml:2:5: pairs[0]: 'x' is not one of the items (a, b)",
        "j.yaml:3:5: pairs[1]: 'y' is not one of the items (a, b)",
        "j.yaml:1:1: pairs: not criteria of the case: x, y",
    ]


def test_listed_items_must_be_known_criteria(tmp_path):
    path = write(
        tmp_path, "items: [a, x, y]\nmatrix:\n  - [1, 1, 1]\n  - [1, 1, 1]\n  - [1, 1, 1]\n"
    )
    assert problems_of(path, known=["a", "b"]) == [
        "j.yaml:1:1: items: not criteria of the case: x, y"
    ]


def test_at_most_twenty_items_per_comparison_set(tmp_path):
    def chain(n: int) -> str:
        return "pairs:\n" + "".join(f"  - [c{k}, c{k + 1}, 2]\n" for k in range(n - 1))

    assert problems_of(write(tmp_path, chain(20))) == []
    assert problems_of(write(tmp_path, chain(21))) == [
        "j.yaml:1:1: pairs: 21 items: at most 20 per comparison set"
    ]


@pytest.mark.parametrize(
    ("pairs", "apart"),
    [
        ([("a", "b"), ("c", "d")], "c, d"),
        ([("a", "c")], "b"),
        ([("b", "c")], "b, c"),
        ([("c", "b")], "b, c"),
    ],
)
def test_pairs_must_link_every_item_to_the_first(tmp_path, pairs, apart):
    items = "[a, b, c, d]" if any("d" in p for p in pairs) else "[a, b, c]"
    text = f"items: {items}\npairs:\n" + "".join(f"  - [{a}, {b}, 2]\n" for a, b in pairs)
    assert problems_of(write(tmp_path, text)) == [
        f"j.yaml:2:1: pairs: {apart} not compared, directly or through others, with a: "
        "add a judgement linking them"
    ]


@pytest.mark.parametrize(
    "pairs",
    [
        [("a", "b"), ("a", "c")],
        [("b", "a"), ("c", "a")],
        [("a", "b"), ("b", "c")],
        [("c", "b"), ("b", "a")],
    ],
)
def test_linked_pairs_pass_whichever_way_round(tmp_path, pairs):
    text = "items: [a, b, c]\npairs:\n" + "".join(f"  - [{a}, {b}, 2]\n" for a, b in pairs)
    assert problems_of(write(tmp_path, text)) == []


# --- into the shipped case ---------------------------------------------------------------------


def test_sibling_group_names_the_parent(shipped):
    assert sibling_group(shipped, ["multimodal_on_device", "model_quality"]) == "model_capability"
    top = ["regulatory_readiness", "model_capability", "ecosystem_fit", "user_data", "open_source"]
    assert sibling_group(shipped, top) is None


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["model_quality", "nope", "zilch"], "not criteria of the case: nope, zilch"),
        (
            ["model_quality", "user_data", "open_source"],
            "weigh the children of one group at a time: model_quality, user_data, open_source are "
            "in different groups",
        ),
        (
            ["cloud_delivery"],
            "weigh all of the children of ecosystem_fit: execution_track_record, partner_conflict left out",
        ),
        (
            ["regulatory_readiness", "model_capability", "user_data"],
            "weigh all of the top-level criteria: ecosystem_fit, open_source left out",
        ),
    ],
)
def test_sibling_group_says_what_is_wrong(shipped, ids, message):
    with pytest.raises(ScenarioError) as err:
        sibling_group(shipped, ids)
    assert str(err.value) == message


def test_elicited_shares_become_weights_out_of_100_to_six_places(shipped):
    scenario = Scenario(weights={"regulatory_readiness": 40})
    got = with_weights(shipped, scenario, {"model_quality": 1 / 3, "multimodal_on_device": 2 / 3})
    assert got.weights == {
        "regulatory_readiness": 40,
        "model_quality": 33.333333,
        "multimodal_on_device": 66.666667,
    }
