"""AppTest fixtures: run app.py against the shipped case (or a copy) and read what it shows."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import scoring

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
CARD = re.compile(
    r'<div class="card" data-card="([^"]+)"><div class="label">([^<]*)</div>'
    r'(?:<div class="name">([^<]*)</div>)?<div class="value">([^<]*)</div>'
    r'(?:<div class="note">(.*?)</div>)?</div>'
)
SENTENCE = re.compile(r"<li[^>]*>(.*?)</li>")
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
            query = dict(scoring.scenario.parse_query(query))
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


def _first_screen(at: AppTest) -> str:
    shown = [h.value for h in at.html if 'class="shortlist-headline"' in h.value]
    assert len(shown) == 1, "expected exactly one headline"
    return shown[0]


def shown_cards(at: AppTest) -> dict[str, tuple[str, str, str, str]]:
    """card kind -> (label, vendor name, value, note) of the headline cards, as the user reads
    them (HTML entities decoded, markup in the note dropped)."""
    text = _first_screen(at)
    return {
        kind: tuple(html.unescape(re.sub("<[^>]+>", "", x or "")) for x in rest)
        for kind, *rest in CARD.findall(text)
    }


def shown_brief(at: AppTest) -> list[str]:
    """The brief's sentences under the headline, top to bottom, as the user reads them."""
    text = _first_screen(at).split('class="shortlist-brief"', 1)[1]
    return [html.unescape(s) for s in SENTENCE.findall(text)]


@pytest.fixture
def cards_of():
    return shown_cards


@pytest.fixture
def brief_of():
    return shown_brief
