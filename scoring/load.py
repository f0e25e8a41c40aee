"""Load a case from YAML files: a whole valid `Case`, or one `CaseError` with every problem.

Parsing is `yaml.safe_load` only. Each problem names the file, line, column, field and the rule
broken, e.g. `vendors/baidu.yaml:14:5: scores.model_capability.value: 12 is above the scale
maximum 10`. Nothing partial is ever returned. The rules that span fields or files live in
`scoring.checks`; the YAML positions in `scoring.yamlpos`; the wording in `scoring.messages`.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scoring import limits
from scoring.checks import check_criteria, check_vendors
from scoring.errors import CaseError, Problem
from scoring.messages import data_path, plain_message
from scoring.model import CaseInfo, CriteriaFile, Criterion, Score, Vendor
from scoring.tabular import is_sheet, read_vendor_sheet
from scoring.tabular.criteria import read_criteria_sheet
from scoring.yamlpos import MAX_FILE_BYTES, Located, parse

M = TypeVar("M", bound=BaseModel)
YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILES = limits.MAX_CASE_FILES
BROKEN_LINK = "a broken symbolic link (its target does not exist)"
LINK_LOOP = "a symbolic link loop (the link leads back to itself, never to a file)"


@dataclass(frozen=True)
class EditOrigin:
    """Where a case edited in the app came from: the fingerprint of the data its edits started
    from, and the edits as a share link carries them (`scoring.scenario.overrides`; "" when
    nothing a ranking uses changed, None when the edits are more than a link can carry)."""

    fingerprint: str
    overrides: str | None


@dataclass(frozen=True)
class Case:
    """A loaded, fully validated case. Treat as immutable."""

    info: CaseInfo
    criteria: tuple[Criterion, ...]
    vendors: tuple[Vendor, ...]
    files: tuple[str, ...]
    fingerprint: str
    origin: EditOrigin | None = None  # set on a case edited in the app (scoring.edits)

    @cached_property
    def all_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for root in self.criteria for c in root.walk())

    @cached_property
    def by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.all_criteria}

    @cached_property
    def leaves(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.all_criteria if c.is_leaf)

    @cached_property
    def parent(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {c.id: None for c in self.criteria}
        for c in self.all_criteria:
            for child in c.children:
                out[child.id] = c.id
        return out

    @cached_property
    def vendor_by_id(self) -> dict[str, Vendor]:
        return {v.id: v for v in self.vendors}

    def siblings(self, criterion_id: str) -> tuple[Criterion, ...]:
        """The criteria sharing `criterion_id`'s parent, itself included."""
        parent = self.parent[criterion_id]
        return self.criteria if parent is None else tuple(self.by_id[parent].children)

    def ancestors(self, criterion_id: str) -> list[str]:
        """Ids from the root down to (not including) `criterion_id`."""
        out: list[str] = []
        node = self.parent[criterion_id]
        while node is not None:
            out.insert(0, node)
            node = self.parent[node]
        return out


def load_case(criteria: str | Path = "criteria", vendors: str | Path = "vendors") -> Case:
    """Load and validate a case. `criteria` and `vendors` may each be a file or a folder;
    `vendors` may also be a score sheet (.csv or .xlsx, see `scoring.tabular`)."""
    problems: list[Problem] = []
    criteria_sheet = Path(criteria) if is_sheet(criteria) else None  # criteria from CSV/XLSX
    criteria_files = (
        [criteria_sheet] if criteria_sheet else _yaml_files(Path(criteria), "criteria", problems)
    )
    sheet = Path(vendors) if is_sheet(vendors) else None  # a CSV/XLSX score sheet
    vendor_files = [sheet] if sheet else _yaml_files(Path(vendors), "vendors", problems)
    if len(criteria_files) > 1:
        names = ", ".join(_display(p) for p in criteria_files)
        problems.append(
            Problem(
                _display(Path(criteria)),
                None,
                None,
                "",
                f"expected one criteria file, found {len(criteria_files)} ({names}); "
                "pass the one you mean with --criteria",
            )
        )
    criteria_model, criteria_doc = None, None
    if len(criteria_files) == 1:
        criteria_doc = (
            read_criteria_sheet(criteria_sheet, _display(criteria_sheet), problems)
            if criteria_sheet
            else _read(criteria_files[0], problems, "criteria")
        )
        if criteria_doc is not None:
            criteria_model = _validate(CriteriaFile, criteria_doc, problems)
    vendor_models: list[tuple[Vendor, Located]] = []
    clean: tuple[Vendor, ...] | None = None  # a sheet's vendors, every rule checked in bulk
    if sheet:
        known = None if criteria_model is None else criteria_model.criteria
        docs, clean = read_vendor_sheet(sheet, _display(sheet), problems, known)
        vendor_docs: list[Located | None] = list(docs)
    else:
        vendor_docs = [_read(path, problems, "vendors") for path in vendor_files]
    vendor_docs, clean = _within_limits(vendors, vendor_docs, clean, problems)
    if criteria_model is not None:
        count = sum(len(root.walk()) for root in criteria_model.criteria)
        if count > limits.MAX_CRITERIA:
            message = f"{limits.hit('MAX_CRITERIA', count)}; group or drop some"
            problems.append(Problem(_display(criteria_files[0]), None, None, "", message))
    for doc in vendor_docs:
        if doc is not None:
            model = _validate_vendor(doc, problems)
            if model is not None:
                vendor_models.append((model, doc))
    if criteria_model is not None and criteria_doc is not None:
        problems += check_criteria(criteria_model, criteria_doc)
        if clean is None:
            problems += check_vendors(criteria_model.criteria, vendor_models)
    elif criteria_doc is not None:  # still check the vendors against the criteria that are valid
        valid, complete = _valid_criteria(criteria_doc.data)
        if valid:
            problems += check_vendors(valid, vendor_models, complete)
    if problems or criteria_model is None:
        raise CaseError(problems)
    all_files = [*criteria_files, *vendor_files]
    vendors = clean if clean is not None else tuple(m for m, _ in vendor_models)
    return Case(
        info=criteria_model.case,
        criteria=tuple(criteria_model.criteria),
        vendors=vendors,
        files=tuple(_display(p) for p in all_files),
        fingerprint=fingerprint(criteria_model.case, criteria_model.criteria, vendors),
    )


def _within_limits(
    where: str | Path,
    docs: list[Located | None],
    clean: tuple[Vendor, ...] | None,
    problems: list[Problem],
) -> tuple[list[Located | None], tuple[Vendor, ...] | None]:
    """The vendors, or none (and a problem naming the limit) when there are more than
    MAX_VENDORS: the analyses are sized for that many, so more is refused before validation."""
    count = len(clean) if clean is not None else len(docs)
    if count <= limits.MAX_VENDORS:
        return docs, clean
    message = f"{limits.hit('MAX_VENDORS', count)}; shortlist a part of them, or split the case"
    problems.append(Problem(_display(Path(where)), None, None, "", message))
    return [], None


def _valid_criteria(data: dict) -> tuple[list[Criterion], bool]:
    """From a criteria file that failed validation: the top-level criteria that pass on their
    own, and whether that is all of them."""
    raw = data.get("criteria")
    valid: list[Criterion] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            valid.append(Criterion.model_validate(item))
        except ValidationError:
            continue
    return valid, isinstance(raw, list) and len(valid) == len(raw)


def fingerprint(info: CaseInfo, criteria: Iterable[Criterion], vendors: Iterable[Vendor]) -> str:
    """A short hash of the data, not of the files: the same case as YAML, a long sheet or a
    matrix sheet (or with other comments, key order or file names) gives the same hash, so a
    share link made on one fits the others. Vendors count in id order, scores in criterion id
    order; a date and its text (2025-02-13) are one value."""
    digest = hashlib.sha256(info.model_dump_json().encode())
    for c in criteria:
        digest.update(b"\0" + c.model_dump_json().encode())
    for v in sorted(vendors, key=lambda v: v.id):
        canonical = v.model_copy(update={"scores": dict(sorted(v.scores.items()))})
        digest.update(b"\1" + canonical.model_dump_json().encode())
    return digest.hexdigest()[:12]


def _display(path: Path) -> str:
    """Paths in messages: as the user named them (a symlink is not resolved), relative to the
    working directory when possible."""
    try:
        resolved = (path.resolve(), Path.cwd().resolve())
    except (OSError, RuntimeError):  # a symbolic link loop (RuntimeError before Python 3.13)
        resolved = (path.absolute(), Path.cwd())
    for here, there in ((path.absolute(), Path.cwd()), resolved):
        try:
            return str(here.relative_to(there))
        except ValueError:
            continue
    return str(path)


def _dead_link(path: Path) -> str:
    """What is wrong with a symbolic link that leads to no file: a loop, or a missing target."""
    try:
        path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
            return LINK_LOOP
    return BROKEN_LINK


def _yaml_files(
    path: Path, kind: str, problems: list[Problem], allow_empty: bool = False
) -> list[Path]:
    """The YAML files at `path` (a file, or a folder's *.yaml / *.yml; subfolders are not read)."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        what = _dead_link(path) if path.is_symlink() else f"no such {kind} file or folder"
        problems.append(Problem(_display(path), None, None, "", what))
        return []
    try:
        entries = sorted(p for p in path.iterdir() if p.suffix.lower() in YAML_SUFFIXES)
    except OSError as exc:
        problems.append(Problem(_display(path), None, None, "", f"cannot read: {exc.strerror}"))
        return []
    for p in entries:
        if p.is_symlink() and not p.exists():
            problems.append(Problem(_display(p), None, None, "", _dead_link(p)))
    files = [p for p in entries if p.is_file()]
    if len(files) > MAX_FILES:
        problems.append(
            Problem(_display(path), None, None, "", f"more than {MAX_FILES} {kind} files")
        )
        return []
    if not files and not allow_empty:
        noun = "criteria file" if kind == "criteria" else "vendor files"
        message = f"no {noun} (.yaml or .yml) here, so the case is empty; subfolders are not read"
        problems.append(Problem(_display(path), None, None, "", message))
    return files


def _read(path: Path, problems: list[Problem], kind: str) -> Located | None:
    """The parsed file, if it is a YAML mapping of the expected kind ("criteria" or "vendors")."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # checked before reading it into memory
            message = f"file is larger than {MAX_FILE_BYTES} bytes"
            problems.append(Problem(_display(path), None, None, "", message))
            return None
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(_display(path), None, None, "", f"not UTF-8 text ({exc.reason})"))
        return None
    except OSError as exc:
        problems.append(Problem(_display(path), None, None, "", f"cannot read: {exc.strerror}"))
        return None
    doc, parse_problems = parse(text, _display(path))
    problems += parse_problems
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        problems.append(doc.problem((), f"the file must be a mapping of fields, but it is {what}"))
        return None
    swapped = _other_kind(doc.data, kind)
    if swapped:
        problems.append(doc.problem((), swapped))
        return None
    return doc


def _other_kind(data: dict, kind: str) -> str | None:
    """A vendor file given as the criteria (or the reverse) would otherwise read as a dozen
    "unknown field" problems; say what happened instead."""
    looks_like_criteria = "case" in data and "criteria" in data
    looks_like_vendor = "scores" in data and not ({"case", "criteria"} & set(data))
    if kind == "criteria" and looks_like_vendor:
        return "this is a vendor file (it has scores), not a criteria file; check --criteria"
    if kind == "vendors" and looks_like_criteria:
        return (
            "this is a criteria file (it has case and criteria), not a vendor file; check --vendors"
        )
    return None


def _validate(model: type[M], doc: Located, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems += _explain(exc, doc)
        return None


def _validate_vendor(doc: Located, problems: list[Problem]) -> Vendor | None:
    """A vendor, validated score by score: one broken score still lets the others be checked.

    The returned Vendor holds the scores that are valid on their own, for the cross-checks; any
    problem found here or there keeps the case from loading, so nothing partial escapes.
    """
    scores = doc.data.get("scores")
    if not isinstance(scores, dict):
        return _validate(Vendor, doc, problems)
    try:  # the common case, a valid vendor, in one call (a 2,000-vendor sheet: 2,000, not 82,000)
        return Vendor.model_validate(doc.data)
    except ValidationError:
        pass  # score by score below, so every broken score is named
    header = {k: v for k, v in doc.data.items() if k != "scores"}
    try:
        vendor: Vendor | None = Vendor.model_validate(header)
    except ValidationError as exc:
        problems += _explain(exc, doc)
        vendor = None
    valid: dict[str, Score] = {}
    for cid, raw in scores.items():
        try:
            valid[str(cid)] = Score.model_validate(raw)
        except ValidationError as exc:
            problems += _explain(exc, doc, prefix=("scores", cid))
    if vendor is None:
        # Still cross-check the scores (a bad id must not hide a value above the scale); the
        # header's problems already keep this stand-in out of any Case.
        return Vendor.model_construct(id=str(doc.data.get("id", "")), name="", scores=valid)
    return vendor.model_copy(update={"scores": valid})


def _explain(exc: ValidationError, doc: Located, prefix: tuple = ()) -> list[Problem]:
    """Turn pydantic's errors into one plain problem per field, located in the file."""
    merged: dict[tuple, list[dict[str, Any]]] = {}
    for err in exc.errors(include_url=False):
        loc = (*prefix, *err["loc"])
        path = data_path(doc.data, loc, err["type"] == "missing")
        merged.setdefault(path, []).append(err)
    return [doc.problem(path, plain_message(path, errs)) for path, errs in merged.items()]
