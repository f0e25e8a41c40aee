"""One colour per vendor id and per criterion id, the same in the app's charts (the chart kit's
plotly figures), the HTML report (its plotly JSON) and the PDF (its SVG fills)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from scoring import Scenario, rank
from scoring.present import palette
from scoring.report import build_report_data, write_html
from scoring.report.pdf import html_for_pdf
from tests.unit.report_fixtures import WHEN, shipped_case

CASE = shipped_case()


@pytest.fixture(scope="module")
def data():
    return build_report_data(CASE, Scenario(), sensitivity=False, generated_at=WHEN)


def plotly_data(html: str, div: str) -> list[dict]:
    """The traces of the chart in div `div` of a report, as plotly.js receives them."""
    at = html.index(f'"{div}"', html.index(f'id="{div}"') + 1)
    start = html.index("[", at)
    return json.JSONDecoder().raw_decode(html[start:])[0]


class Svg(HTMLParser):
    """(fill, text) of each legend swatch and every bar's fill, per <svg>."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict] = []
        self._swatch: str | None = None
        self._text = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.charts.append({"legend": {}, "fills": []})
        elif tag == "rect" and self.charts:
            fill = a.get("fill", "")
            if not fill.startswith("url("):
                self.charts[-1]["fills"].append(fill)
                self._swatch = fill if a.get("width") == "10.0" else None
        elif tag == "text":
            self._text = True

    def handle_endtag(self, tag):
        if tag == "text":
            self._text = False

    def handle_data(self, d):
        if self._text and self._swatch and self.charts:
            self.charts[-1]["legend"][d] = self._swatch
            self._swatch = None


def test_a_criterion_has_one_colour_in_the_app_the_html_and_the_pdf(data):
    from ui import figures

    expected = {c.name: palette.criterion_colours(CASE)[c.id] for c in CASE.leaves}
    app = {t.name: t.marker.color for t in figures.contributions(rank(CASE)).data[:-1]}
    html = {
        t["name"]: t["marker"]["color"]
        for t in plotly_data(write_html(data), "chart-contributions")[:-1]
    }
    svg = Svg()
    svg.feed(html_for_pdf(data))
    pdf = {k: v for k, v in svg.charts[0]["legend"].items() if k in expected}
    assert app == expected and html == expected and pdf == expected
    assert len(set(expected.values())) == len(expected)


def test_a_vendor_has_one_colour_in_the_app_the_html_and_the_pdf(data):
    from ui import figures

    colours = palette.vendor_colours(CASE)
    pair = {colours["alibaba"], colours["baidu"]}
    result = rank(CASE)
    assert set(figures.head_to_head(result, "alibaba", "baidu").data[0].marker.color) == pair
    for trace in figures.radar(result).data:  # and the radar, the quadrant, the sweeps
        assert trace.line.color == colours[next(v.id for v in CASE.vendors if v.name == trace.name)]
    html = plotly_data(write_html(data), "chart-head_to_head")[0]["marker"]["color"]
    assert set(html) == pair
    svg = Svg()
    svg.feed(html_for_pdf(data))
    h2h = next(c for c in svg.charts if set(c["fills"]) & pair and not c["legend"])
    assert set(h2h["fills"]) == pair
    assert len(set(colours.values())) == len(CASE.vendors)
    assert not set(colours.values()) & set(palette.criterion_colours(CASE).values())


def test_unknown_values_are_hatched_in_the_pdf_with_a_legend_note(data):
    svg_text = html_for_pdf(data)
    assert 'fill="url(#hatch-contributions)"' in svg_text
    svg = Svg()
    svg.feed(svg_text)
    assert any(k.startswith("Hatched: an unknown value") for k in svg.charts[0]["legend"])
