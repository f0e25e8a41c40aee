"""Parse YAML safely while remembering where every value stands, for messages with file:line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from scoring.errors import Problem

MAX_FILE_BYTES = 1_000_000  # a case file is hand-written; anything bigger is a mistake or hostile


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
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        what = exc.problem or "could not be parsed"
        return None, [Problem(file, line, col, "", f"invalid YAML: {what}")]
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        return None, [Problem(file, None, None, "", f"invalid YAML: {exc}")]
    located = Located(data, file)
    problems: list[Problem] = []
    if node is not None:
        located.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
        _walk(node, (), located, problems)
    return located, problems


def _walk(node: yaml.Node, path: tuple, located: Located, problems: list[Problem]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(
                    Problem(located.file, *pos, dotted((*path, key)), "key appears twice")
                )
            seen.add(key)
            located.positions[(*path, key)] = pos
            _walk(value_node, (*path, key), located, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            located.positions[(*path, i)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            _walk(item, (*path, i), located, problems)
