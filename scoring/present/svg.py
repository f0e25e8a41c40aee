"""The SVG renderer of `scoring.present.figures` for the PDF: small, dependency-free, every label
escaped, colours from the descriptions (so a vendor or criterion has the app's colour).

Plotly's static image export needs a headless browser (kaleido downloads one), which a fresh
offline machine does not have; the report's bar charts are simple enough to draw directly.
"""

from __future__ import annotations

from scoring.present import palette
from scoring.present.figures import Figure
from scoring.textsafe import html_text

FONT = "font-family:DejaVu Sans,Helvetica,Arial,sans-serif"
LABEL_W = 210
ROW_H = 22
WIDTH = 640


def to_svg(fig: Figure) -> str:
    """An inline SVG of a bar figure (stacked or diverging)."""
    if fig.kind == "stacked_bars":
        return stacked_bars(fig)
    if fig.kind == "diverging_bars":
        return diverging_bars(fig)
    raise ValueError(f"no SVG rendering for a {fig.kind} figure")


def stacked_bars(fig: Figure) -> str:
    """Horizontal stacked bars: one bar per category, one segment per series, with a legend;
    unknown values drawn hatched and outlined, the legend saying what the hatching means."""
    rows = len(fig.categories)
    totals = [sum(max(s.values[i], 0.0) for s in fig.series) for i in range(rows)]
    scale = fig.x_range[1] if fig.x_range else max([*totals, 1e-12])
    plot_w = WIDTH - LABEL_W - 60
    legend = [(s.colour, s.name, False) for s in fig.series]
    if fig.note:
        legend.append(("#ffffff", fig.note, True))
    top = 28
    height = top + ROW_H * rows + 26 + 16 * ((len(legend) + 2) // 3)
    hatch = f"hatch-{fig.key}"
    out = [_open(height), _hatch_pattern(hatch), _text(8, 16, fig.title, bold=True)]
    for i, label in enumerate(fig.categories):
        y = top + i * ROW_H
        out.append(_text(LABEL_W - 6, y + 14, _clip(label), anchor="end"))
        x = float(LABEL_W)
        for s in fig.series:
            w = max(s.values[i], 0.0) / scale * plot_w
            if w > 0:
                out.append(_rect(x, y + 3, w, ROW_H - 6, s.colour))
            if s.unknown and s.unknown[i]:  # marked even when it adds nothing (scored at 0)
                out.append(_rect(x, y + 3, max(w, 3.0), ROW_H - 6, f"url(#{hatch})", outline=True))
            x += w
        if fig.unit != "share":  # shares of a whole all end at 100%: no label needed
            out.append(_text(x + 4, y + 14, f"{totals[i]:.3f}"))
    y0 = top + ROW_H * rows + 12
    for j, (colour, name, hatched) in enumerate(legend):
        lx = 8 + (j % 3) * (WIDTH // 3)
        ly = y0 + (j // 3) * 16
        out.append(_rect(lx, ly, 10, 10, colour))
        if hatched:
            out.append(_rect(lx, ly, 10, 10, f"url(#{hatch})", outline=True))
        out.append(_text(lx + 14, ly + 9, _clip(name, 32 if not hatched else 60)))
    out.append("</svg>")
    return "".join(out)


def diverging_bars(fig: Figure) -> str:
    """Horizontal bars around zero, each in its own colour (the vendor it favours)."""
    s = fig.series[0]
    span = max([abs(v) for v in s.values] + [1e-12])
    half = (WIDTH - LABEL_W - 20) / 2
    mid = LABEL_W + half
    top = 44
    height = top + ROW_H * len(fig.categories) + 8
    left, right = fig.ends or ("", "")
    out = [
        _open(height),
        _text(8, 16, fig.title, bold=True),
        _text(mid - 6, 34, f"\u2190 favours {_clip(left, 30)}", anchor="end"),
        _text(mid + 6, 34, f"favours {_clip(right, 30)} \u2192"),
    ]
    for i, (label, v) in enumerate(zip(fig.categories, s.values, strict=True)):
        y = top + i * ROW_H
        w = abs(v) / span * (half - 40)
        x = mid if v >= 0 else mid - w
        out.append(_text(LABEL_W - 6, y + 14, _clip(label), anchor="end"))
        out.append(_rect(x, y + 3, w, ROW_H - 6, s.colours[i] if s.colours else s.colour))
        tx, anchor = (mid + w + 4, "start") if v >= 0 else (mid - w - 4, "end")
        out.append(_text(tx, y + 14, f"{v:+.3f}", anchor=anchor))
    out.append(
        f'<line x1="{mid:.1f}" y1="{top - 2}" x2="{mid:.1f}" y2="{height - 4}" '
        f'stroke="{palette.INK}" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "".join(out)


def _open(height: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" style="{FONT};font-size:11px">'
    )


def _hatch_pattern(pid: str) -> str:
    return (
        f'<defs><pattern id="{pid}" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" '
        f'stroke="{palette.INK}" stroke-width="1.5"/></pattern></defs>'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, *, outline: bool = False) -> str:
    stroke = f' stroke="{palette.INK}" stroke-width="1"' if outline else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"{stroke}/>'


def _text(x: float, y: float, text: str, *, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{weight} fill="#222">'
        f"{html_text(text)}</text>"
    )


def _clip(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
