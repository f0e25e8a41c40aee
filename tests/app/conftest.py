"""AppTest fixtures: run app.py against the shipped case (or a copy) and read what it shows."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import scoring
import scoring.scenario.link

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
ROW = re.compile(r'<tr data-vendor="([^"]+)" data-rank="(\d+)">.*?<td class="score">([^<]+)</td>')


@pytest.fixture
def shipped(monkeypatch) -> scoring.Case:
    """Point the app at the shipped case by absolute path; return that case loaded by scoring."""
    monkeypatch.setenv("SHORTLIST_CRITERIA", str(ROOT / "criteria"))
    monkeypatch.setenv("SHORTLIST_VENDORS", str(ROOT / "vendors"))
    monkeypatch.delenv("SHORTLIST_BASE_URL", raising=False)
    return scoring.load_case(ROOT / "criteria", ROOT / "vendors")


@pytest.fixture
def case_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of the shipped case that the app reads; returns its folder."""
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "vendors", tmp_path / "vendors")
    monkeypatch.setenv("SHORTLIST_CRITERIA", str(tmp_path / "criteria"))
    monkeypatch.setenv("SHORTLIST_VENDORS", str(tmp_path / "vendors"))
    return tmp_path


@pytest.fixture
def run_app():
    """run_app(query=None) -> an AppTest that has run once, with the query string applied."""

    def run(query: dict[str, str | list[str]] | str | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        if isinstance(query, str):
            query = dict(scoring.scenario.link.parse_query(query))
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def shown_ranking(at: AppTest) -> list[tuple[str, int, str]]:
    """(vendor id, rank, score as shown) of each row of the ranking table, top to bottom."""
    tables = [h.value for h in at.html if 'class="shortlist-ranking"' in h.value]
    assert len(tables) == 1, "expected exactly one ranking table"
    return [(v, int(r), s) for v, r, s in ROW.findall(tables[0])]


def expected_ranking(result: scoring.Ranking) -> list[tuple[str, int, str]]:
    return [(row["vendor"], row["rank"], f"{row['score']:.3f}") for row in result.rows()]


@pytest.fixture
def ranking_of():
    return shown_ranking


@pytest.fixture
def expected():
    return expected_ranking


def keyed(at: AppTest, key: str):
    """The container made with st.container(key=key), or None."""

    def find(node):
        for child in getattr(node, "children", {}).values():
            if getattr(getattr(child, "proto", None), "id", "").endswith(f"-{key}"):
                return child
            found = find(child)
            if found is not None:
                return found
        return None

    return find(at.main)


def plain(markdown: str) -> str:
    """Markdown as the user reads it: escapes, bold and colour directives removed."""
    text = re.sub(r":orange-background\[(.*)\]$", r"\1", markdown.strip(), flags=re.S)
    text = re.sub(r"^\*\*(.*)\*\*$", r"\1", text, flags=re.S)
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def shown_cards(at: AppTest) -> dict[str, dict[str, str | bool]]:
    """card kind -> {label, name, value, note, unclear} of the headline cards, as shown."""
    cards = {}
    for kind in ("leader", "runner-up", "margin"):
        block = keyed(at, f"card-{kind}")
        if block is None:
            continue
        card: dict[str, str | bool] = {"name": "", "note": "", "unclear": False}
        for el in block:
            if el.type == "caption":
                card["note" if "label" in card else "label"] = el.value
            elif el.type == "markdown" and "No clear winner" in el.value:
                card["unclear"] = True
            elif el.type == "markdown":
                card["name"] = plain(el.value)
            elif el.type == "header":
                card["value"] = el.value
        cards[kind] = card
    return cards


def shown_brief(at: AppTest) -> list[str]:
    """The brief's sentences under the headline, top to bottom, as the user reads them."""
    block = keyed(at, "brief")
    assert block is not None, "expected the brief"
    (markdown,) = [el.value for el in block if el.type == "markdown"]
    first, _, rest = markdown.partition("\n\n")
    return [plain(first)] + [plain(line.removeprefix("- ")) for line in rest.splitlines()]


@pytest.fixture
def cards_of():
    return shown_cards


@pytest.fixture
def brief_of():
    return shown_brief
