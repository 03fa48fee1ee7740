"""Finding companies, people, applications and tasks by id or by name.

An unknown name is an error listing the closest candidates; an ambiguous one
lists the matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import NoReturn, Protocol, TypeVar

import sqlalchemy as sa

from nextround.domain.applications import Application
from nextround.domain.companies import Company
from nextround.domain.people import Person
from nextround.domain.tasks import Task
from nextround.errors import Ambiguous, InvalidInput, NotFound
from nextround.storage import applications, companies, people, tasks


class _Named(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=_Named)


def company(connection: sa.Connection, owner: int, ref: str) -> Company:
    return _resolve(
        "company",
        ref,
        lambda i: companies.get(connection, owner, i),
        lambda: companies.all_names(connection, owner),
    )


def person(connection: sa.Connection, owner: int, ref: str) -> Person:
    return _resolve(
        "person",
        ref,
        lambda i: people.get(connection, owner, i),
        lambda: people.all_names(connection, owner),
        describe=lambda p: f"{p.name} ({p.company}, id {p.id})",
    )


def same_name(a: str, b: str) -> bool:
    """Names compared as people read them: case and accents' case folded (Zoë = ZOË)."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _resolve(
    what: str,
    ref: str,
    by_id: Callable[[int], N | None],
    names: Callable[[], list[tuple[int, str]]],
    describe: Callable[[N], str] = lambda n: f"{n.name} (id {n.id})",
) -> N:
    ref = " ".join(ref.split())
    if not ref:
        raise InvalidInput(f"give a {what} name or id")
    if ref.isdigit():
        if (found := by_id(int(ref))) is not None:
            return found
        raise NotFound(f"no {what} with id {ref}")
    everyone = names()
    key = ref.casefold()
    ids = [i for i, n in everyone if same_name(n, ref)] or [
        i for i, n in everyone if key in n.casefold()
    ]
    matches = [m for i in ids[:_SHOWN] if (m := by_id(i)) is not None]
    if len(ids) == 1:
        return matches[0]
    if ids:
        listed = "; ".join(sorted(describe(m) for m in matches))
        return _ambiguous(what, ref, len(ids), listed)
    close = difflib.get_close_matches(ref, [n for _, n in everyone], n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise NotFound(f"no {what} named {ref!r}.{hint}")


_SHOWN = 5


def _ambiguous(what: str, ref: str, count: int, listed: str) -> NoReturn:
    raise Ambiguous(f"{what} {ref!r} matches {count}: {listed}. Use the id to pick one")


def application(connection: sa.Connection, owner: int, app_id: int) -> Application:
    found = applications.get(connection, owner, app_id)
    if found is None:
        raise NotFound(f"no application with id {app_id}")
    return found


def task(connection: sa.Connection, owner: int, task_id: int) -> Task:
    found = tasks.get(connection, owner, task_id)
    if found is None:
        raise NotFound(f"no task with id {task_id}")
    return found
