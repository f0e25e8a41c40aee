"""A little CSS for the HTML tables (ranking, vendor detail), injected once per run."""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
table.shortlist-ranking, table.shortlist-detail {
  border-collapse: collapse; width: 100%; font-size: 0.95rem; margin-bottom: 0.5rem;
}
table.shortlist-ranking th, table.shortlist-detail th {
  text-align: left; border-bottom: 2px solid rgba(128,128,128,0.45); padding: 6px 10px;
}
table.shortlist-ranking td, table.shortlist-detail td {
  border-bottom: 1px solid rgba(128,128,128,0.2); padding: 6px 10px; vertical-align: top;
}
table.shortlist-ranking td.score, table.shortlist-ranking td.gap,
table.shortlist-ranking td.rank { font-variant-numeric: tabular-nums; }
table.shortlist-ranking tbody tr:first-child { font-weight: 600; background: rgba(37,99,235,0.08); }
table.shortlist-detail .unknown { color: #b45309; font-weight: 600; }
/* The vendor multiselect caps its height and scrolls, hiding the last chosen vendor in a narrow
   sidebar; let it grow so every chosen vendor is in view. */
.st-key-v div:has(> [data-testid="stMultiSelectTagsContainer"]) { max-height: none; }
.st-key-v [data-testid="stMultiSelectTagsContainer"] { overflow-y: visible; }
</style>
"""


def inject() -> None:
    st.html(CSS)
