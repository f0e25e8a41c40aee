"""Helpers shared by the score-sheet tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import CaseError, load_case
from scoring.cli import main
from scoring.tabular import COLUMNS

ROOT = Path(__file__).resolve().parents[3]
CRITERIA = ROOT / "criteria" / "ai_partner.yaml"
COL = {name: i for i, name in enumerate(COLUMNS)}
LETTER = {name: "ABCDEFGHIJK"[i] for i, name in enumerate(COLUMNS)}


def problems(sheet: str | Path) -> list[str]:
    with pytest.raises(CaseError) as err:
        load_case(CRITERIA, sheet)
    return [str(p) for p in err.value.problems]


def score_rows(rows: list, vendor: str, criterion: str) -> list[int]:
    """Indexes into `rows` of one score's rows; its sheet row is index + 2 (header is row 1)."""
    return [
        i
        for i, r in enumerate(rows)
        if r[COL["vendor_id"]] == vendor and r[COL["criterion"]] == criterion
    ]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
