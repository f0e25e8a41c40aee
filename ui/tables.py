"""A `scoring.present` Table in Streamlit: the same rounded cells as every other output.

st.dataframe shows cell text as data (never Markdown or HTML), so user strings are safe there;
the title and note go through markdown_text.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scoring.present.table import Table
from scoring.textsafe import markdown_text


def frame(table: Table) -> pd.DataFrame:
    """The table's shown (rounded) cells under its column labels."""
    return pd.DataFrame(table.shown_rows(), columns=[c.label for c in table.columns])


def show(table: Table, key: str, *, title: bool = True) -> None:
    """Title (bold), the table, and its note as a caption; the empty sentence when no rows."""
    if title:
        st.markdown(f"**{markdown_text(table.title)}**")
    if not table.rows:
        st.caption(markdown_text(table.empty))
        return
    st.dataframe(frame(table), hide_index=True, key=key)
    if table.note:
        st.caption(markdown_text(table.note))
