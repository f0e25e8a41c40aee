"""A case from uploaded files: check them as hostile, write them to a fresh folder, load them.

The app's "Use your own data" panel hands over what the browser sent (names and bytes); this
module owns everything that does not need Streamlit, so it is tested directly:

- the set is bounded (`MAX_FILES` files, `MAX_FILE_BYTES` each, `MAX_TOTAL_BYTES` in all) and
  every name is reduced to a plain base name with an allowed suffix (.yaml, .yml, .csv, .xlsx);
- the criteria file is the YAML file whose top level has `case:` and `criteria:`, or the sheet
  whose header is a criteria sheet's (id, parent, weight, ...); the others are vendor files, or
  there is exactly one score sheet (long or matrix) instead;
- the files are written under a new `tempfile.mkdtemp` folder as `criteria/<name>` and
  `vendors/<name>` (so the fingerprint depends on the names and bytes only, not on the folder),
  loaded with `load_case`, and the folder is removed: the returned `Case` holds everything.

Problems are `CaseError`s as everywhere else, but located in the files as the user named them
(`acme.yaml:7:3: ...`), never in the temporary folder.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

from scoring import limits
from scoring.errors import CaseError, Problem
from scoring.load import YAML_SUFFIXES, Case, load_case
from scoring.tabular import SHEET_SUFFIXES
from scoring.tabular.criteria import is_criteria_header
from scoring.tabular.grid import read_header
from scoring.yamlpos import parse

ALLOWED_SUFFIXES = (*YAML_SUFFIXES, *SHEET_SUFFIXES)
MAX_FILES = limits.MAX_UPLOAD_FILES
MAX_FILE_BYTES = limits.MAX_UPLOAD_BYTES
MAX_TOTAL_BYTES = limits.MAX_UPLOAD_TOTAL_BYTES
MAX_NAME_CHARS = 120
UPLOADS = "your uploaded files"  # where a problem about the set as a whole is located
_UNSAFE = re.compile(r"[^\w.\- ]")  # \w keeps letters of any script; no separators, no controls


@dataclass(frozen=True)
class Upload:
    """One uploaded file as the browser sent it: the name the user knows, and its bytes."""

    name: str
    data: bytes


def safe_name(name: str) -> str:
    """The base name of an uploaded file, with anything but letters, digits, `.`, `-`, `_` and
    spaces replaced by `_`; "" if nothing usable is left. Browsers send base names, but a
    hand-made request can send `../../x.yaml` or `C:\\x.yaml`."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = _UNSAFE.sub("_", base).strip(" .")
    return base[-MAX_NAME_CHARS:] if base else ""


def load_uploads(files: Sequence[Upload]) -> Case:
    """The case the uploaded files describe, or `CaseError` with every problem at once.

    Nothing partial is returned, and nothing is left on disk.
    """
    named = _checked(files)
    criteria, vendors = _roles(named)
    folder = Path(tempfile.mkdtemp(prefix="shortlist-upload-"))
    try:
        criteria_path = _write(folder / "criteria", criteria)
        vendor_paths = [_write(folder / "vendors", upload) for upload in vendors]
        target = vendor_paths[0] if _is_sheet(vendors[0].name) else folder / "vendors"
        names = {path: upload.name for path, upload in zip(vendor_paths, vendors, strict=True)}
        names[criteria_path] = criteria.name
        try:
            case = load_case(criteria_path, target)
        except CaseError as exc:
            raise CaseError([_renamed(p, folder, names) for p in exc.problems]) from None
        return replace(case, files=(criteria.name, *(u.name for u in vendors)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _checked(files: Sequence[Upload]) -> list[Upload]:
    """The uploads under safe names, or CaseError naming every file that breaks a limit."""
    if not files:
        raise CaseError([_about_all("no files uploaded")])
    if len(files) > MAX_FILES:
        raise CaseError([_about_all(f"{len(files)} files uploaded; at most {MAX_FILES} at once")])
    problems: list[Problem] = []
    total = sum(len(f.data) for f in files)
    if total > MAX_TOTAL_BYTES:
        mb = MAX_TOTAL_BYTES // 2**20
        problems.append(_about_all(f"{total / 2**20:.1f} MB uploaded; at most {mb} MB in all"))
    out: list[Upload] = []
    seen: dict[str, str] = {}
    for upload in files:
        name = safe_name(upload.name)
        shown = name or upload.name[:MAX_NAME_CHARS] or "(a file without a name)"
        suffix = Path(name).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            allowed = ", ".join(ALLOWED_SUFFIXES)
            problems.append(_about(shown, f"not a case file: the name must end in {allowed}"))
        elif len(upload.data) > MAX_FILE_BYTES:
            mb = MAX_FILE_BYTES // 2**20
            problems.append(_about(shown, f"file is larger than {mb} MB"))
        elif name.lower() in seen:  # case-insensitive: two names may be one file on disk
            other = seen[name.lower()]
            problems.append(_about(shown, f"uploaded twice (also as {other}); keep one"))
        else:
            seen[name.lower()] = name
            out.append(Upload(name, upload.data))
    if problems:
        raise CaseError(problems)
    return out


def _roles(files: list[Upload]) -> tuple[Upload, list[Upload]]:
    """(the criteria file, the vendor files or the one score sheet), or CaseError."""
    criteria: list[Upload] = []
    others: list[Upload] = []
    unreadable: list[Problem] = []
    for upload in files:
        if _is_sheet(upload.name):
            (criteria if _is_criteria_sheet(upload) else others).append(upload)
            continue
        is_criteria, problems = _looks_like_criteria(upload)
        (criteria if is_criteria else others).append(upload)
        unreadable += problems
    sheets = [u for u in others if _is_sheet(u.name)]
    problems: list[Problem] = []
    if len(criteria) > 1:
        names = ", ".join(u.name for u in criteria)
        problems.append(
            _about_all(
                f"{len(criteria)} files look like a criteria file ({names}: each has case: and "
                "criteria: at the top); upload one of them"
            )
        )
    if not criteria:
        problems.append(
            _about_all(
                "no criteria file among them (a YAML file with case: and criteria: at the top); "
                "download the template to see the format"
            )
        )
        problems += unreadable  # a criteria file with a syntax error is not recognised
    if sheets and len(others) > 1:
        problems.append(
            _about_all(
                "upload either vendor YAML files or one score sheet (.csv or .xlsx), not "
                f"{'several sheets' if len(sheets) > 1 else 'both'}"
            )
        )
    if not others:
        problems.append(
            _about_all("no vendor files among them: add vendor YAML files or one score sheet")
        )
    if problems:
        raise CaseError(problems)
    return criteria[0], others


def _looks_like_criteria(upload: Upload) -> tuple[bool, list[Problem]]:
    """Whether the file's top level has case: and criteria:; problems if it is not YAML."""
    try:
        text = upload.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False, []  # load_case says so, located in the file
    doc, problems = parse(text, upload.name)
    if doc is None:
        return False, problems
    data = doc.data
    return isinstance(data, dict) and "case" in data and "criteria" in data, []


def _is_criteria_sheet(upload: Upload) -> bool:
    """Whether a sheet's header is a criteria sheet's (`scoring.tabular.criteria`); read from a
    scratch file, its first row only and within the sheet limits."""
    with tempfile.TemporaryDirectory(prefix="shortlist-upload-") as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.data)
        return is_criteria_header(read_header(path))


def _is_sheet(name: str) -> bool:
    return Path(name).suffix.lower() in SHEET_SUFFIXES


def _write(folder: Path, upload: Upload) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / upload.name
    if path.parent != folder:  # safe_name makes this impossible; never write outside anyway
        raise CaseError([_about(upload.name, "not a plain file name")])
    with open(path, "xb") as out:  # "x": never follow or overwrite anything already there
        out.write(upload.data)
    return path


def _renamed(problem: Problem, folder: Path, names: dict[Path, str]) -> Problem:
    """The problem located in the file as the user named it, not in the temporary folder."""
    for path, name in names.items():
        if problem.file in (str(path), str(path.resolve())) or problem.file.endswith(
            f"/{path.parent.name}/{path.name}"
        ):
            return replace(problem, file=name)
    roots = (str(folder.resolve()), str(folder))
    file = problem.file
    if any(file.startswith(root) for root in roots) or "shortlist-upload-" in file:
        file = UPLOADS
    message = problem.message
    for root in roots:
        message = message.replace(root + "/", "").replace(root, UPLOADS)
    return replace(problem, file=file, message=message)


def _about(name: str, message: str) -> Problem:
    return Problem(name, None, None, "", message)


def _about_all(message: str) -> Problem:
    return _about(UPLOADS, message)
