"""HTML and PDF reports: self-contained, ranking in order, hostile text shown as text."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from scoring.report import write_html, write_pdf
from scoring.report.pdf import OfflineFetcher, html_for_pdf
from tests.unit.report_fixtures import (
    FORMULA,
    HOSTILE_NAME,
    JS_URL,
    hostile_data,
    parse_html,
    shipped_data,
)

NAMES = ["Alibaba (Qwen)", "Baidu (ERNIE)", "Tencent (Hunyuan)", "ByteDance (Doubao)", "DeepSeek"]


@pytest.fixture(scope="module")
def data():
    return shipped_data()


@pytest.fixture(scope="module")
def html(data):
    return write_html(data)


@pytest.fixture(scope="module")
def pdf_text(data):
    reader = pypdf.PdfReader(io.BytesIO(write_pdf(data)))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_html_ranking_rows_in_order(html):
    page = parse_html(html)
    assert [row[1] for row in page.ranking_rows] == NAMES
    assert page.ranking_rows[0][:4] == ["1", "Alibaba (Qwen)", "0.831", "0.000"]
    assert page.ranking_rows[-1][4] == "Consumer behavioural data"  # the unknown is flagged


def test_html_is_self_contained(html, data):
    page = parse_html(html)
    assert page.script_srcs == [] and page.link_hrefs == [] and page.other_srcs == []
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    # Outside the inlined library's own code (which names its geo-map CDN default, unused by
    # bar charts) the only URLs are links a reader may click: the share link and the sources.
    markup = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    assert " src=" not in markup and "url(" not in markup
    allowed = {data.share_url} | {s.url for e in data.evidence for s in e.sources if s.url}
    assert page.a_hrefs and set(page.a_hrefs) <= allowed
    assert "fonts.googleapis" not in html and "@import" not in html and "@font-face" not in html
    # plotly.js is inlined once; three charts with fixed div ids.
    assert html.count("plotly.js v") == 1
    for div in ("chart-contributions", "chart-acceptability", "chart-head_to_head"):
        assert f'id="{div}"' in html
    assert len(html) > 3_000_000  # the inlined library


def test_html_holds_the_report_content(html, data):
    text = " ".join(parse_html(html).text)
    for needle in ("Set aside", "Weights", "Contributions", "Head to head: Alibaba (Qwen) vs "
                   "Baidu (ERNIE)", "How far each weight can move", "How often each vendor takes each rank",
                   "1,000 simulations", data.fingerprint, "Shortlist 0", "Evidence",
                   "2026-03-01 09:30:00 UTC"):  # fmt: skip
        assert needle in text, needle
    assert data.share_url in parse_html(html).a_hrefs
    # Level labels are shown as written (with <wbr> break hints after underscores).
    assert "permissive_open_weights" in "".join(parse_html(html).text)


def test_html_escapes_hostile_text(tmp_path):
    html = write_html(hostile_data(tmp_path))
    page = parse_html(html)
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert HOSTILE_NAME in [row[1] for row in page.ranking_rows]
    assert page.scripts == 2 + 3  # plotly's config and library, one per chart; none from data
    assert FORMULA in " ".join(page.text)
    assert all(h.startswith(("http://", "https://")) for h in page.a_hrefs)
    assert JS_URL in " ".join(page.text)  # the javascript: URL is shown as text, not linked


def test_html_is_identical_across_builds(html):
    assert write_html(shipped_data()) == html


def test_pdf_lists_vendors_in_rank_order(pdf_text):
    reader, text = pdf_text
    ranking = text[text.index("Gap to leader") :]
    positions = [ranking.index(name) for name in NAMES]
    assert positions == sorted(positions)
    assert len(reader.pages) >= 3


def test_pdf_is_a4_with_page_numbers(pdf_text):
    reader, text = pdf_text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    n = len(reader.pages)
    assert f"Page 1 of {n}" in text and f"Page {n} of {n}" in text


def test_pdf_holds_the_report_content(pdf_text, data):
    _, text = pdf_text
    flat = " ".join(text.split())
    for needle in ("Head to head", "How far each weight can move", "How often each vendor takes each rank", "Evidence",
                   data.fingerprint, "1,000 simulations"):  # fmt: skip
        assert needle in flat, needle


def test_pdf_charts_are_inline_svg(data):
    html = html_for_pdf(data)
    assert html.count("<svg") == 3 and "Plotly" not in html
    assert "@page" in html and "size: A4" in html


def test_pdf_shows_hostile_text_and_links_only_http(tmp_path):
    reader = pypdf.PdfReader(io.BytesIO(write_pdf(hostile_data(tmp_path))))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert HOSTILE_NAME in text
    assert "HYPERLINK" in text
    uris = [
        a.get_object()["/A"]["/URI"]
        for p in reader.pages
        for a in p.get("/Annots") or []
        if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]
    ]
    assert uris and all(u.startswith(("http://", "https://")) for u in uris)


def test_pdf_renderer_never_fetches():
    with pytest.raises(ValueError, match="not loaded"):
        OfflineFetcher().fetch("https://example.com/logo.png")
    with pytest.raises(ValueError, match="not loaded"):
        OfflineFetcher().fetch("file:///etc/passwd")


def test_pdf_is_identical_across_builds(data):
    assert write_pdf(data) == write_pdf(shipped_data())
