"""A report section described once: a title, sentences and tables, for any writer to lay out."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.present.table import Table


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    sentences: tuple[str, ...]
    tables: tuple[Table, ...] = ()
