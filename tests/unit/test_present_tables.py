"""Tables described once: slider units hand-checked, one rounding per column kind, and every
renderer escaping user text (headers too: a vendor's name can be a column label)."""

from __future__ import annotations

import pytest

from scoring import Scenario
from scoring.present.facts import weight_rows
from scoring.present.table import Column, Table, html, markdown, text
from scoring.present.tables import Slider, sliders
from scoring.textsafe import html_text, markdown_text, terminal_text
from tests.unit.report_fixtures import HOSTILE_NAME, shipped_case


def test_slider_units_of_a_local_share():
    # Regulatory readiness: raw 25 among top-level raw weights summing to 100. A local share t
    # is the raw weight t * 75 / (1 - t), and t of the total (the top level is the whole).
    s = sliders(weight_rows(shipped_case(), Scenario()))
    reg = s["regulatory_readiness"]
    assert reg == Slider(rest=75.0, group=pytest.approx(1.0))
    assert reg.raw(0.25) == pytest.approx(25.0) and reg.raw(158 / 233) == pytest.approx(158.0)
    assert reg.raw(1.0) is None  # no slider value gives the whole: "or more"
    # Model quality: 60 of 100 within model capability, which is 25% of the total.
    mq = s["model_quality"]
    assert mq.rest == 40 and mq.group == pytest.approx(0.25)
    assert mq.share(0.6) == pytest.approx(0.15)


@pytest.mark.parametrize(
    "kind,value,shown",
    [
        ("score", 0.83125, "0.831"),
        ("share", 0.6781, "67.8%"),
        ("number", 157.999, "158"),
        ("number", 7.5, "7.5"),
        ("count", 10000, "10,000"),
        ("signed", 0.045, "+0.045"),
        ("ratio", 0.8, "0.80"),
        ("number_range", (0.0, 158.0), "0 \u2013 158"),
        ("number_range", (5.43, None), "5.43 or more"),
        ("share_range", (0.096, 0.678), "9.6% \u2013 67.8%"),
        ("score", None, "\u2014"),
    ],
)
def test_one_rounding_per_kind(kind, value, shown):
    assert Column("c", "C", kind).shown(value) == shown


def hostile() -> Table:
    return Table(
        "t",
        f"Title {HOSTILE_NAME}",
        (Column("v", HOSTILE_NAME), Column("s", "Score", "score")),
        ((HOSTILE_NAME, 0.5), ("| *x* |", 1.0)),
        note=f"Note {HOSTILE_NAME}",
    )


def test_renderers_escape_cells_headers_and_notes():
    out = html(hostile(), html_text)
    assert "<script" not in out and out.count("&lt;script&gt;") == 3
    assert '<td class="num">0.500</td>' in out
    md = markdown(hostile(), markdown_text)
    assert "<script" not in md and "\\| \\*x\\* \\|" in md
    term = text(hostile(), terminal_text)
    assert term.splitlines()[0] == f"Title {HOSTILE_NAME}"  # terminals print tags as text
    assert (
        text(Table("t", "T", (Column("v", "V"),), (("a\x1b[31mred",),)), terminal_text).count(
            "\x1b"
        )
        == 0
    )
