"""Saved views in the app: the "Save this view" panel, and short links (`?s=<id>`) opened.

The store (scoring/store/) is optional to the app: when it cannot be reached, the panel says
saving is unavailable and everything else (ranking, the long share link) works as before.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import streamlit as st

import scoring
from scoring.scenario.link import VIEW_PARAMS
from scoring.store import Store, StoreError, StoreUnavailable, views
from scoring.store.db import location
from scoring.store.schema import AUTHOR_CHARS, NAME_CHARS, NOTE_CHARS
from scoring.textsafe import markdown_text
from ui import share, state

SHORT_KEY = views.SHORT_KEY
PICK_KEY = "_view_pick"
NAME_KEY = "_view_name"
AUTHOR_KEY = "_view_author"
NOTE_KEY = "_view_note"
NEW_NAME_KEY = "_view_new_name"
MESSAGE_KEY = "_view_message"  # (kind, text) of the last action, shown once


@st.cache_resource(show_spinner=False, max_entries=4)
def _open(url: str) -> Store:
    return Store.open(url)  # an exception is not cached: the next run tries again


def store() -> tuple[Store | None, str]:
    """The store, or None and why it cannot be used."""
    try:
        return _open(location()), ""
    except StoreUnavailable as exc:
        return None, str(exc)


def expand_short_link(query: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """A link's query with a short link `s=<id>` replaced by the saved view's full query, and
    warnings when the view cannot be opened (the rest of the link is used as it is)."""
    ids = query.pop(SHORT_KEY, None)
    if not ids:
        return query, []
    opened, reason = store()
    if opened is None:
        return query, [f"the short link cannot be opened because {reason}"]
    try:
        view = views.get_by_id(opened, ids[-1])
    except StoreError as exc:
        return query, [str(exc)]
    expanded: dict[str, list[str]] = {}
    for key, value in parse_qsl(view.query, keep_blank_values=True):
        expanded.setdefault(key, []).append(value)
    # The bound view widgets (tab, axes, pair) read the address bar, so the view's go there.
    for key in VIEW_PARAMS & expanded.keys():
        st.query_params[key] = expanded[key][-1]
    return expanded, []


def signed_in_name() -> str | None:
    """The signed-in user's name when the deployment configures Streamlit's login (OIDC)."""
    try:
        if st.user.is_logged_in:
            name = st.user.get("name") or st.user.get("email")
            return str(name)[:AUTHOR_CHARS] if name else None
    except (AttributeError, KeyError, RuntimeError):
        return None
    return None


def name_input(label: str, key: str) -> None:
    """A person's name: the signed-in user's, fixed, where the deployment has a login (OIDC);
    else as they type it."""
    signed_in = signed_in_name()
    if signed_in:
        st.session_state[key] = signed_in
    st.text_input(label, key=key, max_chars=AUTHOR_CHARS, disabled=bool(signed_in))


def names_note(what: str) -> str:
    """Whose name `what` ("each submission") is recorded under, in words."""
    if signed_in_name():
        return f"You are signed in: {what} is recorded under your name."
    return (
        "Names are as people type them: this app has no sign-in, so anyone can use any name. "
        f"{what[:1].upper() + what[1:]} is recorded with that name and the time."
    )


def render(case: scoring.Case, share_url: str) -> None:
    with st.expander("Save this view", icon=":material/bookmark:", key="views", on_change="rerun"):
        opened, reason = store()
        if opened is None:
            st.warning(
                f"Saving views is unavailable: {markdown_text(reason)}. The ranking and the "
                "share link above work as usual.",
                icon=":material/cloud_off:",
            )
            return
        _message()
        _save_form(opened, share_url)
        try:
            saved = views.list_views(opened)
        except StoreError as exc:
            st.warning(f"The saved views cannot be listed: {markdown_text(exc)}")
            return
        if saved:
            _saved_list(opened, case, saved)


def _message() -> None:
    kind, text = st.session_state.pop(MESSAGE_KEY, (None, ""))
    if kind == "error":
        st.error(text, icon=":material/error:")
    elif kind:
        st.success(text, icon=":material/check:")


def _save_form(opened: Store, share_url: str) -> None:
    st.text_input("Name", key=NAME_KEY, max_chars=NAME_CHARS, placeholder="e.g. Board view")
    name_input("Your name", AUTHOR_KEY)
    st.text_area("Note (optional)", key=NOTE_KEY, max_chars=NOTE_CHARS, height=80)
    query = share_url.split("?", 1)[1] if "?" in share_url else ""
    st.button(
        "Save this view", key="view_save", on_click=_save, args=(opened, query), type="primary"
    )
    st.caption(names_note("every save, rename and delete"))


def _save(opened: Store, query: str) -> None:
    s = st.session_state
    try:
        view = views.save(
            opened, s.get(NAME_KEY, ""), s.get(AUTHOR_KEY, ""), query, s.get(NOTE_KEY, "")
        )
    except StoreError as exc:
        s[MESSAGE_KEY] = ("error", f"Not saved: {markdown_text(exc)}")
        return
    s[MESSAGE_KEY] = ("success", f"Saved **{markdown_text(view.name)}**.")
    s[PICK_KEY] = view.id
    s[NAME_KEY] = ""
    s[NOTE_KEY] = ""


def _saved_list(opened: Store, case: scoring.Case, saved: list[views.SavedView]) -> None:
    by_id = {v.id: v for v in saved}
    if st.session_state.get(PICK_KEY) not in by_id:
        st.session_state[PICK_KEY] = saved[0].id
    st.divider()
    pick = st.selectbox(
        "Saved views",
        list(by_id),
        key=PICK_KEY,
        format_func=lambda vid: by_id[vid].name,
    )
    view = by_id[pick]
    when = view.updated_at[:16].replace("T", " ")
    st.caption(f"Saved by {markdown_text(view.author)}, {when} UTC")
    if view.note:
        st.markdown(markdown_text(view.note))
    st.code(views.short_url(share.base_url(), view.id), language=None, wrap_lines=True)
    open_col, delete_col = st.columns(2)
    open_col.button("Open", key="view_open", on_click=_open_view, args=(case, view))
    delete_col.button("Delete", key="view_delete", on_click=_delete, args=(opened, view))
    st.text_input("New name", key=NEW_NAME_KEY, max_chars=NAME_CHARS)
    st.button("Rename", key="view_rename", on_click=_rename, args=(opened, view))
    _history(opened, view)


def _history(opened: Store, view: views.SavedView) -> None:
    """Who did what to this view, newest first (the store's append-only history)."""
    try:
        changes = opened.history(view.id, limit=20)
    except StoreError:
        return
    lines = [
        f"- {c.at[:16].replace('T', ' ')} UTC: {markdown_text(c.who)} {c.action}"
        + (f" (was {markdown_text(c.detail['from'])})" if c.action == "renamed" else "")
        for c in changes
    ]
    st.markdown("**History**\n\n" + "\n".join(lines))


def _open_view(case: scoring.Case, view: views.SavedView) -> None:
    query: dict[str, list[str]] = {}
    for key, value in parse_qsl(view.query, keep_blank_values=True):
        query.setdefault(key, []).append(value)
    state.apply_query(case, query)
    st.session_state[MESSAGE_KEY] = ("success", f"Opened **{markdown_text(view.name)}**.")


def _who() -> str:
    return signed_in_name() or st.session_state.get(AUTHOR_KEY, "")


def _rename(opened: Store, view: views.SavedView) -> None:
    if not _who().strip():
        st.session_state[MESSAGE_KEY] = ("error", "Not renamed: give your name first.")
        return
    try:
        done = views.rename(opened, view.id, st.session_state.get(NEW_NAME_KEY, ""), _who())
    except StoreError as exc:
        st.session_state[MESSAGE_KEY] = ("error", f"Not renamed: {markdown_text(exc)}")
        return
    st.session_state[NEW_NAME_KEY] = ""
    st.session_state[MESSAGE_KEY] = ("success", f"Renamed to **{markdown_text(done.name)}**.")


def _delete(opened: Store, view: views.SavedView) -> None:
    if not _who().strip():
        st.session_state[MESSAGE_KEY] = ("error", "Not deleted: give your name first.")
        return
    try:
        views.delete(opened, view.id, _who())
    except StoreError as exc:
        st.session_state[MESSAGE_KEY] = ("error", f"Not deleted: {markdown_text(exc)}")
        return
    st.session_state.pop(PICK_KEY, None)
    st.session_state[MESSAGE_KEY] = ("success", f"Deleted **{markdown_text(view.name)}**.")
