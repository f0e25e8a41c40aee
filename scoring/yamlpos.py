"""Parse YAML safely while remembering where every value stands, for messages with file:line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from scoring import limits
from scoring.errors import Problem

MAX_FILE_BYTES = (
    limits.MAX_YAML_BYTES
)  # a case file is hand-written; anything bigger is a mistake or hostile
# Aliases (`*a`) can make a small file expand to billions of values; a real case has thousands.
MAX_NODES = limits.MAX_YAML_NODES


class _TooManyNodes(Exception):
    pass


@dataclass
class Located:
    """Parsed data plus the 1-based (line, column) of every mapping key and sequence item."""

    data: Any
    file: str
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: tuple) -> tuple[int | None, int | None]:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (None, None))

    def problem(self, path: tuple, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.file, line, col, dotted(path), message)


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def parse(text: str, file: str) -> tuple[Located | None, list[Problem]]:
    """`yaml.safe_load` semantics, plus positions and duplicate-key detection."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        return None, [Problem(file, None, None, "", f"file is larger than {MAX_FILE_BYTES} bytes")]
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_marked(exc, file)]
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        return None, [Problem(file, None, None, "", f"invalid YAML: {exc}")]
    except RecursionError:
        return None, [Problem(file, None, None, "", "invalid YAML: nested too deeply")]
    located = Located(None, file)
    problems: list[Problem] = []
    if node is not None:
        located.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
        try:
            _walk(node, (), located, problems, [MAX_NODES])
        except (_TooManyNodes, RecursionError):
            return None, [
                Problem(
                    file,
                    None,
                    None,
                    "",
                    f"the file expands to more than {MAX_NODES} values (nested too deeply, or "
                    "YAML aliases repeating data); write the data out plainly",
                )
            ]
    try:  # what yaml.safe_load(text) gives, from the nodes already composed
        located.data = None if node is None else yaml.SafeLoader("").construct_document(node)
    except yaml.MarkedYAMLError as exc:  # e.g. a !!python tag: composes, but safe_load refuses
        return None, [_marked(exc, file)]
    except yaml.YAMLError as exc:
        return None, [Problem(file, None, None, "", f"invalid YAML: {exc}")]
    except Exception as exc:  # a value its constructor rejects, e.g. the date 2025-13-45
        return None, [_bad_scalar(node, file, exc)]
    return located, problems


def _compose(text: str) -> yaml.Node | None:
    """`yaml.compose` with the safe loader: libyaml's parser where PyYAML has it (a tenth of the
    time; the shipped case's files took 0.2 s in pure Python), the pure-Python one otherwise.
    Whatever libyaml refuses (including nesting past its depth limit) is parsed again by the
    pure-Python parser, so a broken file gets the same message either way. libyaml also reads
    some text the pure-Python parser refuses, or reads differently (around tabs, tags, anchors,
    "?" keys, unusual line breaks and a block scalar's header comment): text with any of those
    characters goes to the pure-Python parser, so the result is always the pure-Python one
    (tests/unit/test_yaml_fast.py; a 47,000-text fuzz found no difference left)."""
    if _FAST_LOADER is not None and not _LIBYAML_DIFFERS.search(text):
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
_LIBYAML_DIFFERS = re.compile("[\t?!&*%@`\r\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#")


def _marked(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = exc.problem or "could not be parsed"
    if "'\\t'" in problem:  # PyYAML's words for a tab: say what to do about it
        problem += "; indent with spaces, not tabs"
    return Problem(file, line, col, "", f"invalid YAML: {problem}")


def _bad_scalar(node: yaml.Node | None, file: str, exc: Exception) -> Problem:
    """The first scalar that yaml's constructor rejects (e.g. the date 2025-13-45), located."""
    stack: list[tuple[yaml.Node, tuple]] = [(node, ())] if node is not None else []
    constructor = yaml.SafeLoader("")
    while stack:
        item, path = stack.pop(0)
        if isinstance(item, yaml.ScalarNode):
            try:
                constructor.construct_object(item, deep=True)
            except Exception:  # any failure marks the culprit
                line, col = item.start_mark.line + 1, item.start_mark.column + 1
                what = "date" if item.tag.endswith(":timestamp") else "value"
                # PyYAML's own words help for a date out of range; an AttributeError would not.
                why = f" ({exc})" if isinstance(exc, ValueError | OverflowError) else ""
                message = f"{item.value} is not a valid {what}{why}"
                return Problem(file, line, col, dotted(path), message)
        elif isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                stack += [(key, path), (value, (*path, key.value))]
        elif isinstance(item, yaml.SequenceNode):
            stack.extend((v, (*path, i)) for i, v in enumerate(item.value))
    return Problem(file, None, None, "", f"invalid YAML value: {exc}")


def _walk(
    node: yaml.Node, path: tuple, located: Located, problems: list[Problem], budget: list[int]
) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooManyNodes
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: legal YAML, not ours
                message = "a key must be a plain name, not a list or a mapping"
                problems.append(Problem(located.file, *pos, dotted(path), message))
                continue
            key = key_node.value
            if key in seen:
                problems.append(
                    Problem(
                        located.file,
                        *pos,
                        dotted((*path, key)),
                        f"key {key!r} appears twice (first at line {seen[key]}); keep one",
                    )
                )
            seen.setdefault(key, pos[0])
            located.positions[(*path, key)] = pos
            _walk(value_node, (*path, key), located, problems, budget)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            located.positions[(*path, i)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            _walk(item, (*path, i), located, problems, budget)
