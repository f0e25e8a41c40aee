"""Errors as values: every problem carries its location and a sentence an analyst understands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, e.g. `vendors/baidu.yaml:14: scores.x.value: ...`."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class CaseError(Exception):
    """The case could not be loaded; `problems` lists every reason at once."""

    subject = "the case data"  # what the problems are in, for the closing line of a message

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in {self.subject}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class ScenarioError(ValueError):
    """A scenario that cannot be applied to the case (unknown vendor, bad weight, ...)."""


def _order(p: Problem) -> tuple:
    return (p.file, p.line if p.line is not None else -1, p.column or 0, p.field, p.message)
