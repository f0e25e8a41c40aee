"""Load a case from YAML files: a whole valid `Case`, or one `CaseError` with every problem.

Parsing is `yaml.safe_load` only. Each problem names the file, line, column, field and the rule
broken, e.g. `vendors/baidu.yaml:14:5: scores.model_capability.value: 12 is above the scale
maximum 10`. Nothing partial is ever returned.
"""

from __future__ import annotations

import difflib
import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scoring.errors import CaseError, Problem
from scoring.messages import data_path, describe, plain_message
from scoring.model import CaseInfo, CriteriaFile, Criterion, Score, Vendor
from scoring.yamlpos import MAX_FILE_BYTES, Located, parse

M = TypeVar("M", bound=BaseModel)
YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILES = 500


@dataclass(frozen=True)
class Case:
    """A loaded, fully validated case. Treat as immutable."""

    info: CaseInfo
    criteria: tuple[Criterion, ...]
    vendors: tuple[Vendor, ...]
    files: tuple[str, ...]
    fingerprint: str

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


def numeric(value: float | str, criterion: Criterion) -> float:
    """A score value in the criterion's numbers (level labels mapped through `levels`)."""
    if isinstance(value, str):
        assert criterion.levels is not None  # noqa: S101 - guaranteed by validation
        return float(criterion.levels[value])
    return float(value)


def load_case(criteria: str | Path = "criteria", vendors: str | Path = "vendors") -> Case:
    """Load and validate a case. `criteria` and `vendors` may each be a file or a folder."""
    problems: list[Problem] = []
    criteria_files = _yaml_files(Path(criteria), "criteria", problems)
    vendor_files = _yaml_files(Path(vendors), "vendors", problems)
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
        criteria_doc = _read(criteria_files[0], problems)
        if criteria_doc is not None:
            criteria_model = _validate(CriteriaFile, criteria_doc, problems)
    vendor_models: list[tuple[Vendor, Located]] = []
    for path in vendor_files:
        doc = _read(path, problems)
        if doc is not None:
            model = _validate_vendor(doc, problems)
            if model is not None:
                vendor_models.append((model, doc))
    if criteria_model is not None and criteria_doc is not None:
        problems += _check_criteria(criteria_model, criteria_doc)
        problems += _check_vendors(criteria_model, vendor_models)
    if not vendor_files and not any(p.file == _display(Path(vendors)) for p in problems):
        problems.append(
            Problem(_display(Path(vendors)), None, None, "", "no vendor files: the case is empty")
        )
    if problems or criteria_model is None:
        raise CaseError(problems)
    all_files = [*criteria_files, *vendor_files]
    return Case(
        info=criteria_model.case,
        criteria=tuple(criteria_model.criteria),
        vendors=tuple(m for m, _ in vendor_models),
        files=tuple(_display(p) for p in all_files),
        fingerprint=fingerprint(all_files),
    )


def fingerprint(files: Iterable[Path]) -> str:
    """A short hash of the data files' names and bytes: the same data gives the same hash."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: (p.parent.name, p.name)):
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def _display(path: Path) -> str:
    """Paths in messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _yaml_files(path: Path, kind: str, problems: list[Problem]) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
        if len(files) > MAX_FILES:
            problems.append(
                Problem(_display(path), None, None, "", f"more than {MAX_FILES} {kind} files")
            )
            return []
        if not files and kind == "criteria":
            problems.append(Problem(_display(path), None, None, "", "no criteria file (.yaml)"))
        return files
    problems.append(Problem(_display(path), None, None, "", f"no such {kind} file or folder"))
    return []


def _read(path: Path, problems: list[Problem]) -> Located | None:
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
    return doc


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


def _criteria_paths(criteria: list[Criterion], base: tuple) -> list[tuple[Criterion, tuple]]:
    out: list[tuple[Criterion, tuple]] = []
    for i, c in enumerate(criteria):
        path = (*base, i)
        out.append((c, path))
        out += _criteria_paths(c.children, (*path, "children"))
    return out


def _check_criteria(model: CriteriaFile, doc: Located) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, tuple] = {}
    located = _criteria_paths(model.criteria, ("criteria",))
    for c, path in located:
        if c.id in seen:
            line = doc.where((*seen[c.id], "id"))[0]
            problems.append(
                doc.problem(
                    (*path, "id"), f"duplicate criterion id {c.id!r} (first at line {line})"
                )
            )
        seen.setdefault(c.id, path)
        if c.must_have is not None and c.is_leaf:
            for side in ("min", "max"):
                bound = getattr(c.must_have, side)
                if bound is None:
                    continue
                msg = _value_problem(bound, c)
                if msg:
                    problems.append(doc.problem((*path, "must_have", side), msg))
    groups = [(None, ("criteria",), model.criteria)] + [
        (c, (*p, "children"), c.children) for c, p in located if c.children
    ]
    for parent, path, children in groups:
        if all(ch.weight == 0 for ch in children):
            owner = f"the sub-criteria of {parent.id!r}" if parent else "the top-level criteria"
            problems.append(
                doc.problem(path, f"all weights of {owner} are zero; give at least one a weight")
            )
    return problems


def _check_vendors(model: CriteriaFile, vendors: list[tuple[Vendor, Located]]) -> list[Problem]:
    problems: list[Problem] = []
    by_id = {c.id: c for root in model.criteria for c in root.walk()}
    leaves = [c for c in by_id.values() if c.is_leaf]
    first_file: dict[str, str] = {}
    for vendor, doc in vendors:
        if vendor.id in first_file:
            problems.append(
                doc.problem(
                    ("id",), f"duplicate vendor id {vendor.id!r} (also in {first_file[vendor.id]})"
                )
            )
        first_file.setdefault(vendor.id, doc.file)
        for cid, score in vendor.scores.items():
            path = ("scores", cid)
            criterion = by_id.get(cid)
            if criterion is None:
                hint = difflib.get_close_matches(cid, [c.id for c in leaves], n=1)
                extra = f"; did you mean {hint[0]!r}?" if hint else ""
                problems.append(doc.problem(path, f"unknown criterion {cid!r}{extra}"))
            elif not criterion.is_leaf:
                subs = ", ".join(c.id for c in criterion.walk() if c.is_leaf)
                problems.append(
                    doc.problem(path, f"{cid!r} is a group; score its sub-criteria ({subs})")
                )
            else:
                problems += _check_score(score, criterion, doc, path)
        written = doc.data.get("scores") or {}
        for c in leaves:
            if c.id not in written:
                problems.append(
                    doc.problem(
                        ("scores",),
                        f"vendor {vendor.id!r} has no score for criterion {c.id!r}; give a value, "
                        "or `value: null` with a rationale if it is unknown",
                    )
                )
    return problems


def _check_score(score: Score, c: Criterion, doc: Located, path: tuple) -> list[Problem]:
    problems: list[Problem] = []
    has_mapping = isinstance(doc.data.get("scores", {}).get(path[-1]), dict)
    value_path = (*path, "value") if has_mapping else path
    if score.value is not None:
        msg = _value_problem(score.value, c)
        if msg:
            problems.append(doc.problem(value_path, msg))
    if score.range is not None:
        low, high = score.range
        bad = False
        for i, end in enumerate(score.range):
            msg = _value_problem(end, c)
            if msg:
                problems.append(doc.problem((*path, "range", i), msg))
                bad = True
        if not bad:
            lo, hi = numeric(low, c), numeric(high, c)
            if lo > hi:
                problems.append(
                    doc.problem(
                        (*path, "range"),
                        f"low {describe(low)} is above high {describe(high)}; write [low, high]",
                    )
                )
            elif score.value is not None and not _value_problem(score.value, c):
                v = numeric(score.value, c)
                if not lo <= v <= hi:
                    problems.append(
                        doc.problem(
                            (*path, "range"),
                            f"[{describe(low)}, {describe(high)}] does not contain the value "
                            f"{describe(score.value)}",
                        )
                    )
    return problems


def _value_problem(value: float | str, c: Criterion) -> str | None:
    """Why `value` is not a valid value of criterion `c`, or None if it is."""
    if c.levels is not None:
        if isinstance(value, str) and value in c.levels:
            return None
        labels = ", ".join(c.levels)
        return f"{describe(value)} is not a level of {c.id!r}; use one of: {labels}"
    if isinstance(value, str):
        return f"{value!r} is not a number; {c.id!r} is scored on a numeric scale"
    if not math.isfinite(value):
        return f"{value} is not a finite number"
    low, high = c.bounds
    if value < low:
        return f"{value:g} is below the scale minimum {low:g}"
    if value > high:
        return f"{value:g} is above the scale maximum {high:g}"
    return None
