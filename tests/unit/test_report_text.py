"""CSV and Markdown reports: parse back, hold the ranking, and keep hostile text inert."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from scoring.report import write_csv, write_markdown, write_report
from tests.unit.report_fixtures import (
    FORMULA,
    HOSTILE_NAME,
    hostile_data,
    shipped_data,
)

SHIPPED_ORDER = ["alibaba", "baidu", "tencent", "bytedance", "deepseek"]


@pytest.fixture(scope="module")
def data():
    return shipped_data()


def read_csv(payload: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(payload), encoding="utf-8-sig", dtype={"rank": "Int64"},
                       keep_default_na=False)  # fmt: skip


def test_csv_has_a_bom_and_the_ranking(data):
    payload = write_csv(data)
    assert payload.startswith(b"\xef\xbb\xbf")
    frame = read_csv(payload)
    assert list(frame.columns)[:7] == ["rank", "vendor", "name", "score", "gap", "excluded",
                                       "unknowns"]  # fmt: skip
    assert list(frame["vendor"]) == SHIPPED_ORDER
    assert list(frame["rank"]) == [1, 2, 3, 4, 5]
    assert list(frame["excluded"]) == ["no"] * 5
    assert frame.loc[4, "unknowns"] == "user_data"


def test_csv_numbers_are_exact(data):
    frame = read_csv(write_csv(data))
    assert [float(x) for x in frame["score"]] == [r.score for r in data.ranking]
    assert [float(x) for x in frame["gap"]] == [r.gap for r in data.ranking]


def test_csv_lists_excluded_vendors_and_neutralises_formulas(tmp_path):
    payload = write_csv(hostile_data(tmp_path))
    frame = read_csv(payload)
    by_vendor = frame.set_index("vendor")
    assert by_vendor.loc["out", "excluded"] == "yes"
    assert by_vendor.loc["out", "score"] == ""
    assert "must-have" in by_vendor.loc["out", "reasons"]
    assert by_vendor.loc["formula", "name"] == "'=1+2"
    assert by_vendor.loc["out", "name"].startswith("'@")
    assert by_vendor.loc["evil", "name"] == HOSTILE_NAME  # CSV is data: kept as written
    for cell in (c for row in csv.reader(io.StringIO(payload.decode("utf-8-sig"))) for c in row):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_markdown_holds_every_section(data):
    text = write_markdown(data)
    for heading in ("## Ranking", "## Set aside", "## Weights", "## Contributions",
                    "## Head to head", "## Sensitivity", "## Evidence"):  # fmt: skip
        assert heading in text
    assert data.share_url in text and data.fingerprint in text
    assert "2026-03-01 09:30:00 UTC" in text
    assert "1,000 simulations" in text
    assert "| 1 | Alibaba (Qwen) | 0.831 | 0.000 | none |" in text


def test_markdown_ranking_rows_are_in_rank_order(data):
    text = write_markdown(data)
    table = text.split("## Ranking", 1)[1].split("##", 1)[0]
    rows = [line for line in table.splitlines() if re.match(r"\| \d+ \|", line)]
    names = [row.split("|")[2].strip() for row in rows]
    assert names == ["Alibaba (Qwen)", "Baidu (ERNIE)", "Tencent (Hunyuan)",
                     "ByteDance (Doubao)", "DeepSeek"]  # fmt: skip
    assert "Consumer behavioural data" in rows[-1]  # DeepSeek's unknown value is flagged


def test_markdown_escapes_hostile_text(tmp_path):
    text = write_markdown(hostile_data(tmp_path))
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Hostile \\| case" in text  # a pipe in user text cannot split a table cell
    assert "Quality \\| \\*stars\\*" in text
    # Brackets in user text are escaped, so no link can form around a javascript: URL.
    assert not re.search(r"(?<!\\)\]\(<?javascript", text)
    assert "javascript:alert" in text.replace("\\", "")  # shown, as plain text
    assert "(https://example.com/a?b=1&c=%3C2%3E)" in text.replace("<https", "(https").replace(
        ">)", ")"
    )
    # Formula-like text is harmless in Markdown and appears as the characters written.
    assert FORMULA in text


def test_markdown_is_byte_identical_across_builds():
    assert write_markdown(shipped_data()) == write_markdown(shipped_data())
    assert write_csv(shipped_data()) == write_csv(shipped_data())


def test_write_report_is_atomic_and_returns_the_size(tmp_path, data):
    target = tmp_path / "r.md"
    size = write_report(data, "md", target)
    assert target.read_bytes() == write_markdown(data).encode()
    assert size == target.stat().st_size
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary file left behind


def test_write_report_refuses_an_unknown_format(tmp_path, data):
    with pytest.raises(ValueError, match="unknown report format 'doc'"):
        write_report(data, "doc", tmp_path / "r.doc")
    assert not list(tmp_path.iterdir())
