"""The text people type into the store, checked once: limits on every field, one line for names.

Each input is a pydantic model; `checked` turns its errors into one InvalidInput that names every
bad field at once, in words ("name: give at most 100 characters").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationError

from scoring.store.errors import InvalidInput
from scoring.store.schema import AUTHOR_CHARS, NAME_CHARS, NOTE_CHARS, QUERY_CHARS

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("must be one line of text, without control characters")
    return text


def _plain(text: str) -> str:
    if _CONTROL_BUT_NEWLINE.search(text.replace("\r\n", "\n")):
        raise ValueError("must be text, without control characters")
    return text.replace("\r\n", "\n")


def _line(chars: int) -> object:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=chars),
        AfterValidator(_one_line),
    ]


Name = _line(NAME_CHARS)
Person = _line(AUTHOR_CHARS)
Note = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=NOTE_CHARS), AfterValidator(_plain)
]
Query = Annotated[str, StringConstraints(max_length=QUERY_CHARS), AfterValidator(_one_line)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ViewInput(_Input):
    """A saved view as someone submits it: its name, who saves it, a note, the link's query."""

    name: Name  # type: ignore[valid-type]
    author: Person  # type: ignore[valid-type]
    note: Note = ""
    query: Query


class NameInput(_Input):
    name: Name  # type: ignore[valid-type]
    who: Person  # type: ignore[valid-type]


M = TypeVar("M", bound=BaseModel)

_WORDS = {
    "string_too_short": "give at least one character",
    "string_too_long": "give at most {max_length} characters",
    "string_type": "must be text",
    "missing": "is required",
}


def checked(model: type[M], **values: object) -> M:
    """`model(**values)`, or InvalidInput naming every bad field in words."""
    try:
        return model(**values)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            field = ".".join(str(p) for p in error["loc"]) or "input"
            words = _WORDS.get(error["type"])
            if words:
                message = words.format(**error.get("ctx", {}))
            else:
                message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{field}: {message}")
        raise InvalidInput(problems) from None


def name_key(name: str) -> str:
    """A name folded for comparison: case, width and inner spacing do not make a new name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
