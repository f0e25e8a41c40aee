"""The plotly renderer of `scoring.present.figures`: used by the app's chart kit (ui/figures.py)
and the HTML report, so a chart looks and reads the same in both.

Plotly reads a little HTML in text (<b>, <br>, <a href>), so every name is escaped; inside a
hover template "{" becomes an entity too, so a name such as "%{x}" stays text. Figures are built
from plain specs without plotly's per-property validation (about 10 ms per chart on every app
rerun); the tests rebuild each with validation on.
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from scoring.present import palette
from scoring.present.figures import Figure, Series

FORMATS = {"score": ".3f", "share": ".1%", "signed": "+.3f"}
SIDES = {"top": "top center", "left": "middle left", "bottom": "bottom center",
         "right": "middle right"}  # fmt: skip
LEGEND_BELOW = {"orientation": "h", "y": -0.2, "x": 0, "traceorder": "normal"}


def text(s: str) -> str:
    """A name as plotly text: shown as the characters it is."""
    return html.escape(s, quote=False)


def template_text(s: str) -> str:
    """A name inside a hover template: escaped, and "{" as an entity (plotly fills "%{...}"
    before it decodes entities; there is no "%%" escape, so "50%" stays as written)."""
    return text(s).replace("{", "&#123;")


def wrapped(s: str, width: int) -> str:
    """A name as plotly text on lines of at most `width` characters (a long word stays whole),
    so a tick label or title fits a 390 px phone without shrinking the plot beside it."""
    lines = textwrap.wrap(s, width, break_on_hyphens=False, break_long_words=False) or [""]
    return "<br>".join(text(line) for line in lines)


TITLE_WIDTH = 32  # characters per line of an axis title: about 230 px, fits a phone's plot
TICK_WIDTH = 16  # characters per line of a category name beside a bar or heat-map row


def to_plotly(fig: Figure, *, title: bool = False, template: str | None = None) -> go.Figure:
    """The plotly figure of a description; `title` draws its title (the app shows its own
    headings), `template` names a plotly template (None: the host's theme styles it)."""
    return go.Figure(plotly_dict(fig, title=title, template=template), _validate=False)


def plotly_dict(fig: Figure, *, title: bool = False, template: str | None = None) -> dict:
    """`to_plotly` as the plain {"data", "layout"} dict: a report's HTML needs no Figure object
    (whose construction deep-copies every trace, minutes for a 2,000-vendor chart)."""
    data, layout = RENDERERS[fig.kind](fig)
    layout = {"margin": {"l": 10, "r": 10, "t": 40 if title else 20, "b": 10}, **layout}
    if title:
        layout["title"] = {"text": text(fig.title)}
    if template:  # a name is resolved only by plotly's validating setter, skipped here
        layout["template"] = pio.templates[template].to_plotly_json()
    return {"data": data, "layout": layout}


def _axis(title: str, unit: str = "score", span: tuple[float, float] | None = None) -> dict:
    axis: dict = {"title": {"text": wrapped(title, TITLE_WIDTH)}, "automargin": True}
    if unit == "share":
        axis["tickformat"] = ".0%"
    if span is not None:
        axis["range"] = list(span)
    return axis


def _stacked(fig: Figure) -> tuple[list, dict]:
    fmt = FORMATS[fig.unit]
    y = [text(c) for c in fig.categories]
    data = [_segment(s, y, fmt) for s in fig.series]
    if fig.note:  # a legend entry that explains the hatching
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "x": [None],
                "y": [y[0]] if y else [],
                "name": wrapped(fig.note, 40),  # ran past a phone's right edge on one line
                "hoverinfo": "skip",
                "marker": {
                    "color": "#ffffff",
                    "pattern": {"shape": "/", "fgcolor": palette.INK},
                    "line": {"color": palette.INK, "width": 1},
                },
            }  # fmt: skip
        )
    # The legend goes under the axis title and the figure grows with it: on a 390 px phone each
    # entry takes a line of its own, and a fixed height would cut the last ones off.
    layout = {
        "barmode": "stack",
        "height": 120 + 40 * len(y) + 20 * len(data),
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": _axis(fig.x_title, fig.unit, fig.x_range),
        "legend": {**LEGEND_BELOW, "yref": "container", "y": 0, "yanchor": "bottom"},
        "margin": {"l": 10, "r": 10, "t": 20, "b": 60 + 20 * len(data)},  # 2-line title
    }
    return data, layout


def _segment(s: Series, y: list[str], fmt: str) -> dict:
    marker: dict = {"color": s.colour}
    if any(s.unknown):
        marker["pattern"] = {"shape": ["/" if u else "" for u in s.unknown],
                             "fgcolor": palette.INK, "solidity": 0.3}  # fmt: skip
        marker["line"] = {"color": palette.INK, "width": [1.5 if u else 0 for u in s.unknown]}
    extra = ["<br>unknown value" if u else "" for u in s.unknown] or [""] * len(y)
    return {
        "type": "bar",
        "orientation": "h",
        "name": text(s.name),
        "y": y,
        "x": list(s.values),
        "marker": marker,
        "customdata": extra,
        "hovertemplate": f"{template_text(s.name)}: %{{x:{fmt}}}%{{customdata}}<extra>%{{y}}"
        "</extra>",
    }


def _diverging(fig: Figure) -> tuple[list, dict]:
    s = fig.series[0]
    # The signed values sit just past each bar's end ("outside"), inside the plot: the axis runs
    # a margin past the longest bar on each side that has one, so a negative bar's label never
    # lands on the criterion names to its left (it did at 390 px) nor past the right edge.
    lo, hi = min(0.0, *s.values), max(0.0, *s.values)
    pad = 0.45 * ((hi - lo) or 1.0)
    bars = {
        "type": "bar",
        "orientation": "h",
        "x": list(s.values),
        "y": [wrapped(c, TICK_WIDTH) for c in fig.categories],
        "marker": {"color": list(s.colours) or s.colour},
        "text": list(s.text),
        "textposition": "outside",
        "textfont": {"size": 11},
        "cliponaxis": False,
        "customdata": [text(h) for h in s.hover],
        "hovertemplate": "%{y}: %{x:+.3f}<br>%{customdata}<extra></extra>",
    }
    # Each side's vendor on a line of its own under the axis: one long line was cut off.
    title = (
        f"\u2190 favours {text(fig.ends[0])}<br>favours {text(fig.ends[1])} \u2192"
        if fig.ends
        else wrapped(fig.x_title, TITLE_WIDTH)
    )
    layout = {
        "height": 140 + 44 * len(fig.categories),
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {
            **_axis(fig.x_title),
            "title": {"text": title},
            "range": [lo - pad if lo < 0 else lo - 0.05 * pad, hi + pad if hi > 0 else 0.05 * pad],
            "zeroline": True,
            "zerolinecolor": palette.INK,
        },
        "margin": {"l": 10, "r": 10, "t": 20, "b": 10},
        "showlegend": False,
    }
    return [bars], layout


def _radar(fig: Figure) -> tuple[list, dict]:
    # Long names wrap onto short lines, so those at 3 and 9 o'clock fit a phone's width too.
    theta = [
        "<br>".join(text(line) for line in textwrap.wrap(c, 12, break_on_hyphens=False) or [""])
        for c in fig.categories
    ]
    data = [
        {
            "type": "scatterpolar",
            "r": [*s.values, s.values[0]],
            "theta": [*theta, theta[0]],
            "name": text(s.name),
            "line": {"color": s.colour},
            "hovertemplate": "%{theta}: %{r:.3f}<extra>%{fullData.name}</extra>",
        }
        for s in fig.series
    ]
    n = max(len(theta), 1)
    layout = {
        # The circle keeps clear of both sides, so the names at 3 and 9 o'clock are not cut
        # off; the radial ticks sit between the first two spokes, small and grey, so they never
        # cover a criterion's name; the legend goes underneath.
        "polar": {
            "domain": {"x": [0.2, 0.8]},
            "angularaxis": {"rotation": 90, "direction": "clockwise", "tickfont": {"size": 11}},
            "radialaxis": {
                "range": [0, 1],
                "tickvals": [0.5, 1],
                "angle": 90 - 180 / n,
                "tickangle": 90 - 180 / n,
                "tickfont": {"size": 9, "color": palette.MUTED},
            },
        },  # fmt: skip
        "height": 560,
        # Room above the circle for a two-line name at 12 o'clock (it was cut off at t=20).
        "margin": {"l": 10, "r": 10, "t": 60, "b": 20},
        "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.05},
    }
    return data, layout


def _heatmap(fig: Figure) -> tuple[list, dict]:
    # Criteria down, vendors across: a case has more criteria than vendors, so the columns are
    # few and wide enough for their printed ratings at 390 px (8 columns beside the vendor names
    # were 20 px each). Names wrap onto short lines; the colour bar lies flat under the grid.
    heat = {
        "type": "heatmap",
        "z": [list(col) for col in zip(*(s.values for s in fig.series), strict=True)],
        "x": [wrapped(s.name, 9) for s in fig.series],
        "y": [wrapped(c, TICK_WIDTH) for c in fig.categories],
        "zmin": 0,
        "zmax": 1,
        "colorscale": "Blues",
        "reversescale": True,  # plotly's Blues runs dark to light; darker must mean better
        "text": [
            [f"{v:.2f}" for v in col] for col in zip(*(s.values for s in fig.series), strict=True)
        ],  # fmt: skip
        "texttemplate": "%{text}",
        "textfont": {"size": 12},
        "customdata": [
            [text(h) for h in col] for col in zip(*(s.hover for s in fig.series), strict=True)
        ],  # fmt: skip
        "hovertemplate": "%{x} · %{y}<br>0–1 rating %{z:.2f}, value %{customdata}<extra></extra>",
        "colorbar": {
            "title": {"text": "0–1 rating", "side": "right"},
            "orientation": "h",
            "thickness": 10,
            "len": 0.6,
            "x": 0.5,
            "xanchor": "center",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
        },
    }
    layout = {
        "height": 170 + 44 * len(fig.categories),
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"automargin": True, "side": "top", "tickangle": 0, "tickfont": {"size": 10}},
        "margin": {"l": 10, "r": 10, "t": 20, "b": 70},
    }
    return [heat], layout


def _quadrant(fig: Figure) -> tuple[list, dict]:
    data = [
        {
            "type": "scatter",
            "name": text(s.name),
            "x": list(s.x),
            "y": list(s.values),
            "mode": "markers+text",
            "text": [wrapped(t, 20) for t in s.text],  # "A & B" on two lines, not off the edge
            "textposition": SIDES[s.position[0]],
            "marker": {
                "size": list(s.size),
                "color": s.colour,
                "opacity": 0.75,
                "line": {"width": 1, "color": palette.INK},
            },  # fmt: skip
            "cliponaxis": False,  # a label near the edge may run past the axis range
            "customdata": list(s.hover),
            "hovertemplate": "%{fullData.name}<br>x %{x:.3f} · y %{y:.3f}<br>%{customdata}"
            "<extra></extra>",
        }
        for s in fig.series
    ]
    # Each quadrant's name sits in its corner of the plot, anchored into it (left/right, top/
    # bottom) on short lines; the y axis runs a band past the data at both ends (the data stay
    # within the description's range), so no bubble reaches a name at 390 px or at 1440 px.
    corners = [(0, 1, "left", "top"), (1, 1, "right", "top"), (0, 0, "left", "bottom"),
               (1, 0, "right", "bottom")]  # fmt: skip
    y_lo, y_hi = fig.y_range or (0.0, 1.0)
    band = CORNER_BAND * (y_hi - y_lo)
    layout = {
        "shapes": [_guide(axis, at) for axis, at in fig.guides],
        "annotations": [
            {
                "text": wrapped(name, 18),
                "xref": "paper",
                "yref": "paper",
                "x": x,
                "y": y,
                "xanchor": xa,
                "yanchor": ya,
                "showarrow": False,
                "font": {"size": 10, "color": palette.MUTED},
                "bgcolor": "rgba(255,255,255,0.6)",
            }
            for name, (x, y, xa, ya) in zip(fig.corners, corners, strict=True)
        ],  # fmt: skip
        # The legend sits at the foot of the figure, clear of a two-line axis title.
        "height": 540,
        "legend": {**LEGEND_BELOW, "yref": "container", "y": 0, "yanchor": "bottom"},
        "margin": {"l": 10, "r": 10, "t": 20, "b": 130},
        "xaxis": _axis(fig.x_title, span=fig.x_range),
        "yaxis": _axis(fig.y_title, span=(y_lo - band, y_hi + band)),
    }
    return data, layout


CORNER_BAND = 0.2  # of the data's y range, kept clear above and below it for the corner names


def _guide(axis: str, at: float) -> dict:
    """A dashed line across the plot at `at` on `axis` (a layout shape: cheaper than add_vline)."""
    span = (
        {"x0": at, "x1": at, "y0": 0, "y1": 1}
        if axis == "x"
        else {"y0": at, "y1": at, "x0": 0, "x1": 1}
    )
    return {
        "type": "line",
        "xref": "x" if axis == "x" else "paper",
        "yref": "paper" if axis == "x" else "y",
        "line": {"dash": "dash", "color": palette.MUTED},
        **span,
    }


LINE_STYLES = {
    "line": {"mode": "lines"},
    "current": {"mode": "markers", "marker": {"symbol": "diamond", "size": 10}},
    "changes": {"mode": "markers", "marker": {"symbol": "x", "size": 12}},
}


def _lines(fig: Figure) -> tuple[list, dict]:
    data = []
    for s in fig.series:
        style = LINE_STYLES[s.style or "line"]
        trace = {"type": "scatter", "name": text(s.name), "x": list(s.x), "y": list(s.values),
                 **style}  # fmt: skip
        colour = {"color": s.colour}
        trace["line" if s.style in ("", "line") else "marker"] = {**style.get("marker", {}),
                                                                  **colour}  # fmt: skip
        trace["customdata"] = [text(h) for h in s.hover] or None
        trace["hovertemplate"] = (
            "share %{x:.1%}: %{customdata}<extra></extra>"
            if s.hover
            else "share %{x:.1%}: score %{y:.3f}<extra>%{fullData.name}</extra>"
        )
        data.append(trace)
    layout = {
        "height": 380,
        "shapes": [_guide(axis, at) for axis, at in fig.guides],
        "xaxis": _axis(fig.x_title, "share", fig.x_range),
        "yaxis": _axis(fig.y_title),
        "legend": {"orientation": "h", "y": -0.25},
    }
    return data, layout


def _intervals(fig: Figure) -> tuple[list, dict]:
    y = [text(c) for c in fig.categories]
    data = []
    for s in fig.series:
        if s.style == "mark":
            data.append({"type": "scatter", "y": y, "x": list(s.values), "mode": "markers",
                         "name": text(s.name), "hovertemplate": "now %{x:.1%}<extra></extra>",
                         "marker": {"symbol": "line-ns-open", "size": 18, "color": s.colour}})  # fmt: skip
            continue
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": y,
                "name": text(s.name),
                "base": list(s.x),
                "x": [hi - lo for lo, hi in zip(s.x, s.values, strict=True)],
                "marker": {"color": s.colour},
                **({"width": 0.35} if s.style == "narrow" else {}),
                "customdata": [[lo, hi] for lo, hi in zip(s.x, s.values, strict=True)],
                "hovertemplate": f"{template_text(s.name)} from %{{customdata[0]:.1%}} to "
                "%{customdata[1]:.1%}<extra></extra>",
            }  # fmt: skip
        )
    layout = {
        "barmode": "overlay",
        "height": 120 + 34 * len(y),
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": _axis(fig.x_title, "share"),
        "legend": {"orientation": "h", "y": -0.2},
    }
    return data, layout


RENDERERS = {
    "stacked_bars": _stacked,
    "diverging_bars": _diverging,
    "radar": _radar,
    "heatmap": _heatmap,
    "quadrant": _quadrant,
    "lines": _lines,
    "intervals": _intervals,
}
