"""Finding one stored record by id for a use case, with one message for an id that
matches nothing (or no longer does, once the record is in the trash)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from nextround.domain import rules
from nextround.errors import NotFound
from nextround.services.context import Context
from nextround.storage.sql import Connection

T = TypeVar("T")

#: A storage module's ``get(connection, owner, id)``: the record, or None.
Getter = Callable[[Connection, int, int], T | None]


def by_id(
    get: Getter[T], c: Connection, ctx: Context, record_id: int, noun: str, *, pronoun: str = "it"
) -> T:
    """The ``noun`` with ``record_id``, read through ``get``; NotFound if there is none."""
    found = get(c, ctx.owner, rules.record_id(record_id, noun))
    if found is None:
        raise NotFound(f"no {noun} with id {record_id}; {pronoun} may have been deleted")
    return found
