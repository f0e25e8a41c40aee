"""Explanations (contributions, head-to-head) and the public API a notebook user sees."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.conftest import ACME, BETA

ROOT = Path(__file__).resolve().parents[2]


def test_the_public_api_imports_as_a_notebook_user_would():
    from scoring import Scenario, contributions, head_to_head, load_case, rank

    assert all(callable(f) for f in (Scenario, contributions, head_to_head, load_case, rank))


def test_readme_style_example(monkeypatch, capsys):
    from scoring import Scenario, contributions, load_case, rank

    monkeypatch.chdir(ROOT)
    case = load_case("criteria", "vendors")
    result = rank(case, Scenario(method="topsis", weights={"regulatory_readiness": 40}))
    vendors = [row["vendor"] for row in result.rows()]
    table = contributions(rank(case)).round(3)
    print(vendors)
    print(table)
    assert sorted(vendors) == ["alibaba", "baidu", "bytedance", "deepseek", "tencent"]
    assert list(table.index)[0] == "alibaba"
    assert list(table.columns) == [c.id for c in case.leaves]
    out = capsys.readouterr().out
    assert "regulatory_readiness" in out and "alibaba" in out


def readme_python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    return [b for b in blocks if "from scoring import" in b]


@pytest.mark.skipif(not (ROOT / "README.md").exists(), reason="no README yet")
def test_the_readme_python_examples_run(monkeypatch, capsys):
    blocks = readme_python_blocks()
    assert blocks, "the README shows the Python API with a runnable example"
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert "alibaba" in capsys.readouterr().out


def test_contributions_sum_to_the_wsm_score(shipped):
    from scoring import contributions, rank

    result = rank(shipped)
    frame = contributions(result)
    scores = {r["vendor"]: r["score"] for r in result.rows()}
    assert list(frame.index) == [r["vendor"] for r in result.rows()]  # rank order
    for vendor, total in frame.sum(axis=1).items():
        assert total == pytest.approx(scores[vendor], abs=1e-12)


def test_contributions_by_hand(shipped):
    from scoring import contributions, rank

    # alibaba regulatory_readiness: weight .25 x value 9/10 on the 0-10 scale = .225
    value = shipped.vendor_by_id["alibaba"].scores["regulatory_readiness"].value
    frame = contributions(rank(shipped))
    assert frame.loc["alibaba", "regulatory_readiness"] == pytest.approx(0.25 * value / 10)


def test_group_contributions_add_up_per_top_level_criterion(shipped):
    from scoring import contributions, group_contributions, rank

    result = rank(shipped)
    groups = group_contributions(result)
    leaves = contributions(result)
    assert list(groups.columns) == [c.id for c in shipped.criteria]
    assert groups["model_capability"].tolist() == pytest.approx(
        (leaves["model_quality"] + leaves["multimodal_on_device"]).tolist()
    )
    pd.testing.assert_series_equal(groups.sum(axis=1), leaves.sum(axis=1), check_names=False)


def test_head_to_head_differences_sum_to_the_score_gap(shipped):
    from scoring import head_to_head, rank

    result = rank(shipped)
    frame = head_to_head(result, "alibaba", "baidu")
    scores = {r["vendor"]: r["score"] for r in result.rows()}
    assert frame["weighted_diff"].sum() == pytest.approx(scores["alibaba"] - scores["baidu"])
    impact = frame["weighted_diff"].abs().tolist()
    assert impact == sorted(impact, reverse=True)  # biggest first
    assert set(frame["criterion"]) == {c.id for c in shipped.leaves}


def test_head_to_head_unknown_vendor(shipped):
    from scoring import head_to_head, rank

    with pytest.raises(KeyError, match="'nobody' is not among the ranked vendors"):
        head_to_head(rank(shipped), "alibaba", "nobody")


def test_wpm_zero_scores_are_explained_by_the_criteria_behind_them(write_case):
    from scoring import Scenario, load_case, rank

    acme = (ROOT / "tests" / "fixtures" / "demo" / "vendors" / "acme.yaml").read_text()
    # Under `max`, Acme's price of 0 leaves Gamma's 100 at 0/100 = 0; Gamma's unknown licence is
    # scored `closed` (0). Either zero alone makes Gamma's weighted product 0.
    gamma = (
        "id: gamma\nname: Gamma\nscores:\n  quality: 5\n  price: 100\n"
        "  licence: {value: null, rationale: not published}\n"
    )
    write_case(vendors={"acme.yaml": acme.replace("price: 40", "price: 0"), "gamma.yaml": gamma})
    case = load_case("criteria", "vendors")
    result = rank(case, Scenario(method="wpm"))
    assert result.vetoes() == {"gamma": ["price", "licence"]}
    assert result.notes()[-1] == (
        "Gamma scores 0: its values on Price (100), Licence (unknown, scored as closed) normalise "
        "to 0, and a weighted product is 0 when any weighted value is 0 (WPM's veto)."
    )
    assert rank(case, Scenario(method="wsm")).vetoes() == {}  # a zero is only a low value
    assert rank(case, Scenario(method="topsis")).vetoes() == {}


def test_head_to_head_by_hand(write_case):
    from scoring import head_to_head, load_case, rank

    # Demo case, WSM on the declared scales, weights .5 / .25 / .25:
    #   Acme (8, 40, open) -> (.8, .6, 1); Beta (6, 20, closed) -> (.6, .8, 0)
    #   quality .5 x .2 = .1, price .25 x -.2 = -.05, licence .25 x 1 = .25 -> by |impact|
    write_case(vendors={"acme.yaml": ACME, "beta.yaml": BETA})
    frame = head_to_head(rank(load_case("criteria", "vendors")), "acme", "beta")
    expected = pd.DataFrame(
        {
            "criterion": ["licence", "quality", "price"],
            "name": ["Licence", "Quality", "Price"],
            "weight": [0.25, 0.5, 0.25],
            "value_a": [1.0, 0.8, 0.6],
            "value_b": [0.0, 0.6, 0.8],
            "weighted_diff": [0.25, 0.1, -0.05],
        }
    )
    pd.testing.assert_frame_equal(frame, expected)


def test_head_to_head_keeps_tree_order_among_equal_impacts():
    from scoring import Scenario, head_to_head, rank
    from tests.unit.sensitivity_cases import flat_case

    # 40 equal-weight criteria; A beats B by 2 on every third one and by 1 elsewhere: the
    # impacts tie in two groups, and within each the criteria keep their order (a stable sort).
    a = np.full(40, 5.0)
    a[::3] = 6.0
    case = flat_case(np.stack([a, np.full(40, 4.0)]), [1] * 40)
    frame = head_to_head(rank(case, Scenario()), "v0", "v1")
    first = [f"c{j}" for j in range(0, 40, 3)]
    rest = [f"c{j}" for j in range(40) if j % 3]
    assert frame["criterion"].tolist() == first + rest
    assert frame.index.tolist() == list(range(40))
