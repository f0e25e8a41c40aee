"""Fixtures of the score-sheet tests: the shipped case, as a sheet's rows, in a scratch folder."""

from __future__ import annotations

import pytest

from scoring import load_case
from scoring.tabular.write import sheet_rows
from tests.unit.tabular.support import ROOT


@pytest.fixture(scope="module")
def case():
    return load_case(ROOT / "criteria", ROOT / "vendors")


@pytest.fixture
def rows(case):
    """The shipped case as sheet rows (below the header), fresh for each test to edit."""
    return sheet_rows(case.vendors, [c.id for c in case.leaves])


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the working directory
    return tmp_path
