"""What each evaluator said of one cell (present.evaluations.said_table): independent scores
first, then those after discussion, each with its rationale and one web link."""

from __future__ import annotations

from pathlib import Path

from scoring import load_case
from scoring.present.evaluations import said_table
from scoring.store.evaluations import Scored

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


def test_each_evaluator_s_score_with_its_first_web_link_in_phase_order():
    demo = load_case(DEMO / "criteria", DEMO / "vendors")
    said = [
        Scored("B", "acme", "quality", 7.5, "", "discussed", ({"title": "Notes", "url": None},)),
        Scored("A", "acme", "quality", 8, "bench", "independent",
               ({"title": "x", "url": None}, {"title": "y", "url": "https://e.com/y"})),
        Scored("B", "acme", "quality", 2, "old", "independent", ()),
        Scored("A", "beta", "quality", 6, "", "independent", ()),  # another cell
        Scored("A", "acme", "licence", "open", "", "independent", ()),
    ]  # fmt: skip
    table = said_table(demo, said, "acme", "quality")
    assert table.title == "What each evaluator said: Acme on Quality"
    assert table.rows == (
        ("A", "independently", "8", "bench", "https://e.com/y"),
        ("B", "independently", "2", "old", None),
        ("B", "after discussion", "7.5", None, None),  # a source without a link: no link
    )
    [level] = said_table(demo, said, "acme", "licence").rows
    assert level[2] == "open"
    assert said_table(demo, said, "beta", "price").rows == ()
