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
/* Headline cards and the brief (ui/ranking.py). */
.shortlist-headline {
  display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.75rem;
  margin: 0.25rem 0 0.75rem;
}
.shortlist-headline .card {
  border: 1px solid rgba(128,128,128,0.3); border-radius: 0.5rem; padding: 0.6rem 0.9rem;
  min-width: 0;
}
.shortlist-headline .label, .shortlist-headline .note { font-size: 0.85rem; opacity: 0.75; }
.shortlist-headline .name { font-weight: 600; font-size: 1.1rem; overflow-wrap: anywhere; }
.shortlist-headline .value {
  font-size: 1.9rem; line-height: 1.2; font-variant-numeric: tabular-nums;
}
.shortlist-headline .card[data-card="leader"] { border-color: rgba(37,99,235,0.55); }
.shortlist-headline .unclear, ul.shortlist-brief li.unclear {
  color: inherit; background: rgba(245,158,11,0.18); border-left: 3px solid #f59e0b;
}
.shortlist-headline .unclear { display: inline-block; padding: 0 0.4rem; font-weight: 600; opacity: 1; }
ul.shortlist-brief { margin: 0 0 0.75rem; padding-left: 1.2rem; font-size: 0.95rem; }
ul.shortlist-brief li { margin: 0.1rem 0; padding: 0; }
ul.shortlist-brief li.lead { font-weight: 600; list-style: none; margin-left: -1.2rem; }
ul.shortlist-brief li.lead.unclear { padding: 0.3rem 0.6rem; border-radius: 0.25rem; }
/* Phone widths: nothing may scroll sideways. Cards stack as compact rows, the ranking drops
   its least needed column (unknown values are also listed under the table), the tab bar wraps
   so every tab stays in reach. */
@media (max-width: 640px) {
  .shortlist-headline { grid-template-columns: 1fr 1fr; gap: 0.4rem; }
  .shortlist-headline .card { padding: 0.35rem 0.7rem; }
  .shortlist-headline .card[data-card="leader"] { grid-column: 1 / -1; }
  .shortlist-headline .value { font-size: 1.4rem; }
  .shortlist-headline .note { font-size: 0.75rem; }
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
