"""A little CSS for the first screen's HTML (cards, brief, tables) and phone widths, injected
once per run."""

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
/* Headline cards and the brief (ui/ranking.py): Streamlit elements in keyed containers. */
.st-key-headline [data-testid="stVerticalBlock"] { gap: 0.15rem; }
.st-key-headline [data-testid="stHeading"] h2 {
  font-size: 1.9rem; font-weight: 400; line-height: 1.3; margin: 0; padding: 0.15rem 0;
  font-variant-numeric: tabular-nums;
}
.st-key-headline [data-testid="stMarkdownContainer"] p { margin-bottom: 0; font-size: 1.1rem; }
.st-key-card-leader { border-color: rgba(37,99,235,0.55) !important; }
.st-key-brief [data-testid="stMarkdownContainer"] ul { padding-left: 1.2rem; }
.st-key-brief [data-testid="stMarkdownContainer"] li { margin: 0.1rem 0; padding: 0; }
.st-key-brief [data-testid="stMarkdownContainer"] p { margin-bottom: 0.3rem; }
/* Phone widths: nothing may scroll sideways. Cards stack as compact rows, the ranking drops
   its least needed column (unknown values are also listed under the table), the tab bar wraps
   so every tab stays in reach. */
@media (max-width: 640px) {
  .st-key-headline [data-testid="stHorizontalBlock"] { flex-wrap: wrap; gap: 0.4rem; }
  .st-key-headline [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 0.2rem) !important; min-width: calc(50% - 0.2rem) !important;
  }
  .st-key-headline [data-testid="stColumn"]:first-child { flex-basis: 100% !important; }
  .st-key-headline [data-testid="stHeading"] h2 { font-size: 1.4rem; }
  table.shortlist-ranking th:last-child, table.shortlist-ranking td.unknowns { display: none; }
  table.shortlist-ranking th, table.shortlist-ranking td { padding: 6px 6px; }
  [data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; row-gap: 0.25rem; }
  [data-testid="stMainBlockContainer"] { padding-top: 3.75rem; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.75rem; }
}
</style>
"""


def inject() -> None:
    st.html(CSS)
