"""A warning for a link Streamlit dropped whole.

Streamlit ignores a query string of more than 1,000 parameters or 512 KiB without a word (the
page opens on the default scenario as if the link were plain); the script never sees it. The
browser still knows the address it was opened with (the navigation entry survives the app
rewriting the address bar), so a few lines of fixed JavaScript compare it with those limits and
show the warning. No user text goes into the page: the script only counts.
"""

from __future__ import annotations

import streamlit as st

# Streamlit's limits (streamlit.runtime.state.query_params), above which it drops the query.
STREAMLIT_MAX_FIELDS = 1000
STREAMLIT_MAX_CHARS = 512 * 1024
ELEMENT_ID = "shortlist-link-dropped"
MESSAGE = (
    f"Link: it has more than {STREAMLIT_MAX_FIELDS:,} parameters (or more than 512 KiB), so none "
    "of it was used and this page shows the default scenario. Ask the sender for the link in "
    "the app's Share panel, which is short."
)


def render() -> None:
    st.html(
        f"""<div id="{ELEMENT_ID}" role="alert" hidden
  style="background:#fffbe6;color:#5c4400;border-radius:.5rem;padding:.75rem 1rem">
  {MESSAGE}</div>
<script>
(function () {{
  var nav = performance.getEntriesByType("navigation")[0];
  var url = nav ? nav.name : window.location.href;
  var q = url.indexOf("?") < 0 ? "" : url.split("#")[0].slice(url.indexOf("?") + 1);
  var fields = q ? q.split("&").length : 0;
  if (fields > {STREAMLIT_MAX_FIELDS} || q.length > {STREAMLIT_MAX_CHARS}) {{
    document.getElementById("{ELEMENT_ID}").hidden = false;
  }}
}})();
</script>""",
        unsafe_allow_javascript=True,
    )
