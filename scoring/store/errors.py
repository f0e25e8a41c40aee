"""What can go wrong with the store, as sentences. Each is a ScenarioError, so the CLI exits 2
with the message (the store is the user's input, like a link) and the app shows a warning."""

from __future__ import annotations

from scoring.errors import ScenarioError


class StoreError(ScenarioError):
    """Something the store refused or could not do; the message says what and how to fix it."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or opened: ranking still works, saving does not."""


class NameTaken(StoreError):
    """Another item already has this name: nothing was written (never a silent overwrite)."""


class NotFound(StoreError):
    """No item with this id or name."""


class InvalidInput(StoreError):
    """A field breaks its limits; `problems` names every field at once."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


class Refused(StoreError):
    """Not allowed now: a closed round, or a facilitator action without the facilitator link."""
