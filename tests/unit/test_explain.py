"""Explanations (contributions, head-to-head) and the public API a notebook user sees."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

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
