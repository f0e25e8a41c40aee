"""Weight elicitation: AHP (eigenvector, CR, worst judgements, LLSM), group aggregation, ROC and
swing weights, the judgements file and `shortlist weights`."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from scoring import Scenario
from scoring.cli import main
from scoring.errors import ScenarioError
from scoring.weights import (
    JudgementsError,
    aggregate_judgements,
    ahp_file,
    ahp_group,
    ahp_matrix,
    ahp_pairs,
    llsm,
    random_index,
    roc,
    swing,
    with_weights,
)

ROOT = Path(__file__).resolve().parents[2]

# "Analytic hierarchy process - leader example" (Wikipedia, after Saaty 1980): the board's
# criteria judgements; published priorities .547, .127, .270, .056 and CR 0.044.
LEADER = ["experience", "education", "charisma", "age"]
LEADER_A = np.array(
    [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]]
)


def test_ahp_leader_example_weights_and_consistency():
    r = ahp_matrix(LEADER, LEADER_A)
    assert_allclose(list(r.weights.values()), [0.547, 0.127, 0.270, 0.056], atol=6e-4)
    assert r.cr == pytest.approx(0.044, abs=5e-4)
    assert r.ci == pytest.approx((r.lambda_max - 4) / 3)
    assert r.cr == pytest.approx(r.ci / 0.90)
    assert r.acceptable and r.inconsistent == ()


def test_saatys_random_index():
    assert [random_index(n) for n in range(3, 8)] == [0.58, 0.90, 1.12, 1.24, 1.32]


def test_a_perfectly_consistent_matrix_has_cr_zero_and_its_own_ratios():
    w = np.array([0.5, 0.25, 0.15, 0.1])
    r = ahp_matrix(list("abcd"), w[:, None] / w[None, :])
    assert_allclose(list(r.weights.values()), w)
    assert r.lambda_max == pytest.approx(4)
    assert r.cr == pytest.approx(0, abs=1e-12)


def test_an_inconsistent_judgement_is_named_with_the_value_that_fits():
    # a = 2b, b = 2c, c = 2d hold; "a over d: 1/4" contradicts them (8 would fit).
    w = np.array([8.0, 4, 2, 1])
    A = w[:, None] / w[None, :]
    A[0, 3], A[3, 0] = 1 / 4, 4
    r = ahp_matrix(list("abcd"), A)
    assert r.cr > 0.10 and not r.acceptable
    worst = r.inconsistent[0]
    assert {worst.a, worst.b} == {"a", "d"}
    assert (worst.a, worst.b, worst.value) == ("d", "a", 4.0)  # written as "more important"
    assert worst.suggested < 1  # the others say a is the more important
    assert "above 0.10" in r.sentences()[0]
    assert "d over a: you said 4" in r.sentences()[1]


def test_llsm_on_a_complete_matrix_is_the_row_geometric_mean():
    pairs = [(i, j, LEADER_A[i, j]) for i in range(4) for j in range(i + 1, 4)]
    g = np.exp(np.log(LEADER_A).mean(axis=1))
    assert_allclose(llsm(4, pairs), g / g.sum())


def test_incomplete_consistent_pairs_recover_the_weights_and_name_the_missing():
    r = ahp_pairs(list("abcd"), [("a", "b", 2), ("b", "c", 2), ("c", "d", 2)])
    assert_allclose(list(r.weights.values()), np.array([8, 4, 2, 1]) / 15)
    assert r.missing == (("a", "c"), ("a", "d"), ("b", "d"))
    assert r.method == "llsm" and r.cr == pytest.approx(0, abs=1e-12)
    assert any("Not compared: a-c, a-d, b-d" in s for s in r.sentences())


def test_complete_pairs_use_the_eigenvector():
    pairs = [(LEADER[i], LEADER[j], LEADER_A[i, j]) for i in range(4) for j in range(i + 1, 4)]
    r = ahp_pairs(LEADER, pairs)
    assert r.method == "eigenvector"
    assert r.weights == pytest.approx(ahp_matrix(LEADER, LEADER_A).weights)


def test_group_aggregation_is_the_elementwise_geometric_mean_and_reciprocal():
    # Aczel & Saaty (1983): two judges, 4 and 1/4 -> 1; 9 and 1 -> 3.
    one = np.array([[1, 4, 9], [1 / 4, 1, 2], [1 / 9, 1 / 2, 1]])
    two = np.array([[1, 1 / 4, 1], [4, 1, 2], [1, 1 / 2, 1]])
    G = aggregate_judgements([one, two])
    assert_allclose(G, [[1, 1, 3], [1, 1, 2], [1 / 3, 1 / 2, 1]])
    assert_allclose(G * G.T, np.ones((3, 3)))
    group = ahp_group(list("abc"), [one, two])
    assert group.weights == pytest.approx(ahp_matrix(list("abc"), G).weights)
    assert 0 <= group.cr < 1


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.05, 1.0), min_size=3, max_size=7), st.integers(1, 5))
def test_unanimous_consistent_judges_give_their_own_weights(w, judges):
    w = np.array(w) / sum(w)
    A = w[:, None] / w[None, :]
    G = aggregate_judgements([A] * judges)
    assert_allclose(list(ahp_matrix([f"c{i}" for i in range(len(w))], G).weights.values()), w)


def test_roc_weights_for_four():
    # Barron & Barrett (1996): 0.5208, 0.2708, 0.1458, 0.0625.
    assert_allclose(roc(4), [0.5208, 0.2708, 0.1458, 0.0625], atol=5e-5)
    assert roc(1).tolist() == [1.0]


@given(st.integers(1, 30))
def test_roc_weights_sum_to_one_and_decrease(n):
    w = roc(n)
    assert w.sum() == pytest.approx(1.0)
    assert (np.diff(w) < 0).all()


def test_swing_weights_are_points_over_their_total():
    assert_allclose(swing([100, 60, 40]), [0.5, 0.3, 0.2])
    with pytest.raises(ValueError):
        swing([0, 0])
    with pytest.raises(ValueError):
        swing([120, 10])


# --- the judgements file and the case ----------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "judgements.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_in_a_judgements_file_is_named_with_its_line(tmp_path):
    path = write(
        tmp_path,
        'items: [a, b, c]\nmatrix:\n  - [1, 3, 5]\n  - ["1/3", 2, 2]\n  - ["1/5", 2, 1]\n',
    )
    with pytest.raises(JudgementsError) as err:
        ahp_file(path)
    text = str(err.value)
    assert "judgements.yaml:4" in text and "compared with itself is 1, not 2" in text
    assert "judgements.yaml:5" in text and "c over b must be the reciprocal" in text
    assert len(err.value.problems) == 2


def test_out_of_scale_and_malformed_values_are_named(tmp_path):
    path = write(tmp_path, "pairs:\n  - [a, b, 12]\n  - [a, c, 'x/2']\n")
    with pytest.raises(JudgementsError) as err:
        ahp_file(path)
    text = str(err.value)
    assert "1/9 to 9" in text and "'x/2'" in text


def test_pairs_must_link_every_item(tmp_path):
    path = write(tmp_path, "pairs:\n  - [a, b, 3]\n  - [c, d, 2]\n")
    with pytest.raises(JudgementsError) as err:
        ahp_file(path)
    assert "c, d not compared, directly or through others, with a" in str(err.value)


def test_weights_go_to_one_sibling_group(shipped):
    leaves = {"model_quality": 0.75, "multimodal_on_device": 0.25}
    scenario = with_weights(shipped, Scenario(), leaves)
    assert scenario.weights == {"model_quality": 75.0, "multimodal_on_device": 25.0}
    with pytest.raises(ScenarioError, match="multimodal_on_device left out"):
        with_weights(shipped, scenario, {"model_quality": 1.0})
    with pytest.raises(ScenarioError, match="different groups"):
        with_weights(shipped, scenario, {"model_quality": 0.5, "user_data": 0.5})


# --- shortlist weights ---------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_ahp_json_keys_and_link(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run(
        capsys, "weights", "ahp", "--judgements", "criteria/judgements/top-level.yaml",
        "--format", "json", "--link",
    )  # fmt: skip
    assert (code, err) == (0, "")
    d = json.loads(out)
    assert {"weights", "lambda_max", "ci", "cr", "inconsistent", "link"} <= set(d)
    assert sum(d["weights"].values()) == pytest.approx(1.0)
    assert "w.regulatory_readiness=" in d["link"]


def test_cli_roc_and_swing(capsys):
    code, out, _ = run(capsys, "weights", "roc", "a,b,c,d", "--format", "json")
    assert code == 0
    assert json.loads(out)["weights"] == pytest.approx(dict(zip("abcd", roc(4), strict=True)))
    code, out, _ = run(capsys, "weights", "swing", "a=100,b=50", "--format", "json")
    assert json.loads(out)["weights"] == pytest.approx({"a": 2 / 3, "b": 1 / 3})


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["roc", "a,b,a"], "a repeated"),
        (["swing", "a=150"], "POINTS from 0 to 100"),
        (["swing", "a=0"], "more than 0 points"),
        (["ahp", "--judgements", "no-such-file.yaml"], "cannot read"),
    ],
)
def test_cli_bad_input_exits_2_with_a_message(capsys, argv, message):
    code, out, err = run(capsys, "weights", *argv)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
