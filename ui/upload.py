"""Use your own data: upload a case in the sidebar, rank it, and go back to the shipped case.

The files never touch the server's data: `scoring.uploads` checks them as hostile, loads them
from a temporary folder it removes again, and the loaded `Case` lives in this session only
(session_state[data.UPLOADED_KEY], which `data.load` prefers). The switch happens in widget
callbacks, before the script runs, so the whole run (sidebar, ranking, link) sees one case, and
`state.switch_case` resets the widgets to the new case's defaults.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import scoring
from scoring.load import YAML_SUFFIXES
from scoring.messages import capped
from scoring.scenario.link import decode, encode
from scoring.textsafe import markdown_text
from scoring.uploads import (
    ALLOWED_SUFFIXES,
    MAX_FILE_BYTES,
    MAX_FILES,
    Upload,
    load_uploads,
)
from ui import agreed, data, state

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SHEET = ROOT / "examples" / "scores.csv"
EXAMPLE_MATRIX = ROOT / "examples" / "suppliers.csv"  # one row per vendor
PANEL_KEY = "upload_panel"
UPLOADER_KEY = "_upload_files"
NONCE_KEY = "_upload_nonce"  # bumped to give a fresh, empty uploader (its files can't be set)
PROBLEMS_KEY = "_upload_problems"  # every problem of the last upload, as the user's file names
FILES_KEY = "_upload_files_in_play"  # (names, loaded?) of the last upload, shown in the panel
YAML_MIME = "application/yaml"
EDITED_KEY = data.EDITED_KEY  # the case shown is the editor's (ui/tabs/editor.py), not an upload
SHIPPED_LINK_KEY = "_upload_shipped_link"  # the shipped case's scenario when the user left it


def uploader_key() -> str:
    return f"{UPLOADER_KEY}.{st.session_state.get(NONCE_KEY, 0)}"


def uploaded() -> scoring.Case | None:
    """The uploaded case the app is ranking, or None when it ranks the shipped case."""
    return st.session_state.get(data.UPLOADED_KEY)


def render_controls() -> None:
    """The sidebar panel: the uploader and the templates that show the formats."""
    # Stateful (key + rerun): it stays open with its files listed when the case switches,
    # although the sidebar above it then changes shape.
    with st.expander(
        "Use your own data", icon=":material/upload_file:", key=PANEL_KEY, on_change="rerun"
    ):
        st.caption(
            "Rank your own case in this browser session only; the server's files stay as they "
            "are. Upload one criteria file (YAML, or a sheet with id, name, parent, weight ... "
            "columns) plus either the vendor YAML files or one score sheet (.csv or .xlsx: one "
            "row per vendor and criterion, or a matrix with one row per vendor): at most "
            f"{MAX_FILES} files of {MAX_FILE_BYTES // 2**20} MB each. Each upload is the "
            "whole case."
        )
        st.file_uploader(
            "Criteria and vendor files",
            # The picker offers the case suffixes. The MIME type also makes Streamlit leave
            # the server-side name check to scoring.uploads, which names a wrong file in a
            # message, where Streamlit's own check raises (a traceback to a hand-made request).
            type=[*ALLOWED_SUFFIXES, YAML_MIME],
            accept_multiple_files=True,
            key=uploader_key(),
            on_change=_on_upload,
            max_upload_size=MAX_FILE_BYTES // 2**20,
        )
        _files_in_play()
        _templates()


def render_notice() -> None:
    """Above the ranking: which case is shown, and what was wrong with the last upload."""
    problems = st.session_state.get(PROBLEMS_KEY, ())
    if problems:
        n = len(problems)
        items = "\n".join(f"- {markdown_text(p)}" for p in problems)
        st.error(
            f"**Your upload could not be loaded: {n} problem{'s' if n != 1 else ''}.** "
            "The shipped case is shown meanwhile. Fix these and upload the files again:"
            f"\n\n{items}",
            icon=":material/error:",
        )
    case = uploaded()
    if case is None:
        return
    adopted = agreed.in_use(case)
    if adopted is not None:  # the team's agreed scores: their own notice
        agreed.render_notice(adopted)
        return
    n = len(case.vendors)
    what = "edited" if st.session_state.get(EDITED_KEY) else "uploaded"
    reach = (
        "Its share link carries your changed scores, so it reproduces this view for anyone "
        "with the data you started from."
        if case.origin is not None and case.origin.overrides is not None
        else "Its share link reproduces this view only for someone who uploads the same data; "
        "anyone else is warned that the link was made for other data."
    )
    with st.container(border=True, key="upload_banner"):
        text, button = st.columns([4, 1], vertical_alignment="center")
        text.markdown(
            f":material/upload_file: Showing your {what} case: "
            f"**{markdown_text(case.info.name)}** ({n} vendor{'s' if n != 1 else ''}). {reach}"
        )
        button.button("Back to the shipped case", on_click=back, key="upload_back")


def back() -> None:
    """Callback: rank the shipped case again, as the user left it, with an empty uploader."""
    st.session_state[EDITED_KEY] = False
    _fresh_uploader()
    st.session_state[PROBLEMS_KEY] = ()
    st.session_state[FILES_KEY] = None
    _show(None)


def _fresh_uploader() -> None:
    st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1


def _on_upload() -> None:
    """Callback of the uploader: load what it holds now; on any problem, the shipped case.

    A failed upload empties the uploader (the panel lists the files it held), so the corrected
    set picked next replaces it rather than joining it: a corrected file is never "uploaded
    twice". A loaded set stays in the uploader, where a file can be added or removed."""
    files = st.session_state.get(uploader_key()) or []
    if not files:  # every file removed
        st.session_state[PROBLEMS_KEY] = ()
        st.session_state[FILES_KEY] = None
        _show(None)
        return
    names = tuple(f.name for f in files)
    try:
        case = load_uploads([Upload(f.name, f.getvalue()) for f in files])
    except scoring.CaseError as exc:
        _fresh_uploader()
        st.session_state[PROBLEMS_KEY] = tuple(capped(exc.problems))
        st.session_state[FILES_KEY] = (names, False)
        _show(None)
        return
    st.session_state[PROBLEMS_KEY] = ()
    st.session_state[FILES_KEY] = (names, True)
    st.session_state[EDITED_KEY] = False
    _show(case)


def _files_in_play() -> None:
    """Which files the case shown comes from, or which were tried last; picking files again
    replaces them."""
    last = st.session_state.get(FILES_KEY)
    if not last:
        return
    names, loaded = last
    shown = ", ".join(markdown_text(n) for n in names[:20])
    more = f" and {len(names) - 20} more" if len(names) > 20 else ""
    if loaded:
        st.caption(f":material/check_circle: In use: {shown}{more}.")
    else:
        st.caption(
            f":material/error: Your last upload ({shown}{more}) could not be loaded. Pick the "
            "whole set again, corrected: it replaces the last one."
        )


def _show(case: scoring.Case | None) -> None:
    """Make `case` (None: the shipped case) the one ranked, its widgets at its defaults; the
    way back to the shipped case restores the scenario the user left it with."""
    current = uploaded()
    if case is None and current is None:
        return  # the shipped case already: keep the user's scenario
    shipped = data.shipped().case
    leaving = current is None and shipped is not None
    if leaving and st.session_state.get(state.FINGERPRINT_KEY) == shipped.fingerprint:
        st.session_state[SHIPPED_LINK_KEY] = encode(state.scenario_from_state(shipped), shipped)
    st.session_state[data.UPLOADED_KEY] = case
    if case is not None:
        state.switch_case(case)
    elif shipped is not None:  # else the app shows why the shipped case does not load
        link = st.session_state.pop(SHIPPED_LINK_KEY, None)
        # decode, not the stored Scenario: the files may have changed meanwhile.
        state.switch_case(shipped, decode(link, shipped).scenario if link else None)


def _templates() -> None:
    st.caption("Templates: the shipped case's files, to start from.")
    for i, (label, path, mime) in enumerate(_template_files()):
        st.download_button(
            label,
            data=path.read_bytes,  # read when clicked, not on every rerun
            file_name=path.name,
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
            key=f"upload_template_{i}",
        )


def _template_files() -> list[tuple[str, Path, str]]:
    """(label, file, MIME type) of each template that exists on this server."""
    criteria, vendors = (Path(p) for p in data.data_paths())
    out = []
    for label, root in (("Criteria (YAML)", criteria), ("One vendor (YAML)", vendors)):
        found = _first_yaml(root)
        if found is not None:
            out.append((label, found, "application/yaml"))
    if EXAMPLE_SHEET.is_file():
        out.append(("Score sheet (CSV)", EXAMPLE_SHEET, "text/csv"))
    if EXAMPLE_MATRIX.is_file():
        out.append(("Vendor matrix (CSV)", EXAMPLE_MATRIX, "text/csv"))
    return out


def _first_yaml(root: Path) -> Path | None:
    if root.is_file():
        return root
    if not root.is_dir():
        return None
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in YAML_SUFFIXES and p.is_file())
    return files[0] if files else None
