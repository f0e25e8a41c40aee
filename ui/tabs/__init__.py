"""The app's tabs: one module per tab, each exporting LABEL and render(ctx), in display order.

The registry (awesome-streamlit's PAGES) is the one place a tab is declared: app.py builds the
tab strip, the link's `tab` choices and the dispatch from it.
"""

from __future__ import annotations

from types import ModuleType

from ui.tabs import charts, detail, editor, head_to_head, report, robustness, team, weights

TABS: dict[str, ModuleType] = {
    m.LABEL: m for m in (charts, detail, head_to_head, robustness, weights, report, editor, team)
}

__all__ = ["TABS"]
