"""Static SVG bar charts for the PDF: small, dependency-free, every label escaped.

Plotly's static image export needs a headless browser (kaleido downloads one), which a fresh
offline machine does not have; these three chart shapes are simple enough to draw directly.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.textsafe import html_text

PALETTE = (
    "#4C72B0",
    "#DD8452",
    "#55A868",
    "#C44E52",
    "#8172B3",
    "#937860",
    "#DA8BC3",
    "#8C8C8C",
    "#CCB974",
    "#64B5CD",
)
FONT = "font-family:DejaVu Sans,Helvetica,Arial,sans-serif"
LABEL_W = 210
ROW_H = 22
WIDTH = 640


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def stacked_bars(
    labels: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    title: str,
    scale_max: float | None = None,
    percent: bool = False,
) -> str:
    """Horizontal stacked bars: one bar per label, one segment per series, with a legend."""
    total_max = scale_max or max([sum(max(v, 0.0) for v in row) for row in values] + [1e-12])
    plot_w = WIDTH - LABEL_W - 60
    legend_rows = (len(series) + 2) // 3
    top = 28
    height = top + ROW_H * len(labels) + 26 + 16 * legend_rows
    out = [_open(height), _text(8, 16, title, bold=True)]
    for i, (label, row) in enumerate(zip(labels, values, strict=True)):
        y = top + i * ROW_H
        out.append(_text(LABEL_W - 6, y + 14, _clip(label), anchor="end"))
        x = float(LABEL_W)
        for j, v in enumerate(row):
            w = max(v, 0.0) / total_max * plot_w
            if w > 0:
                out.append(_rect(x, y + 3, w, ROW_H - 6, color(j)))
            x += w
        if not percent:  # shares of a whole all end at 100%: no label needed
            out.append(_text(x + 4, y + 14, f"{sum(row):.3f}"))
    y0 = top + ROW_H * len(labels) + 12
    for j, name in enumerate(series):
        lx = 8 + (j % 3) * (WIDTH // 3)
        ly = y0 + (j // 3) * 16
        out.append(_rect(lx, ly, 10, 10, color(j)))
        out.append(_text(lx + 14, ly + 9, _clip(name, 32)))
    out.append("</svg>")
    return "".join(out)


def diverging_bars(
    labels: Sequence[str], values: Sequence[float], *, title: str, left: str, right: str
) -> str:
    """Horizontal bars around zero: positive values extend right, towards `right`."""
    span = max([abs(v) for v in values] + [1e-12])
    half = (WIDTH - LABEL_W - 20) / 2
    mid = LABEL_W + half
    top = 44
    height = top + ROW_H * len(labels) + 8
    out = [
        _open(height),
        _text(8, 16, title, bold=True),
        _text(mid - 6, 34, f"\u2190 favours {_clip(left, 30)}", anchor="end"),
        _text(mid + 6, 34, f"favours {_clip(right, 30)} \u2192"),
    ]
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        y = top + i * ROW_H
        w = abs(v) / span * (half - 40)
        x = mid if v >= 0 else mid - w
        out.append(_text(LABEL_W - 6, y + 14, _clip(label), anchor="end"))
        out.append(_rect(x, y + 3, w, ROW_H - 6, PALETTE[2] if v >= 0 else PALETTE[3]))
        tx, anchor = (mid + w + 4, "start") if v >= 0 else (mid - w - 4, "end")
        out.append(_text(tx, y + 14, f"{v:+.3f}", anchor=anchor))
    out.append(
        f'<line x1="{mid:.1f}" y1="{top - 2}" x2="{mid:.1f}" y2="{height - 4}" '
        'stroke="#333" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "".join(out)


def _open(height: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" style="{FONT};font-size:11px">'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"/>'


def _text(x: float, y: float, text: str, *, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{weight} fill="#222">'
        f"{html_text(text)}</text>"
    )


def _clip(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
