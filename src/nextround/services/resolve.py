"""Names to ids: what a face calls before a service when the user typed a name.

Services take ids. The command line lets people type ``"Dana Smith"`` or
``acme``; these helpers find the one row meant, raise :class:`NotFound` with
the closest names when none matches, and :class:`Ambiguous` listing the
candidates when several do (the command line then asks which one).
A number is taken as an id.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from nextround.domain import rules
from nextround.domain.companies import normal_name
from nextround.errors import Ambiguous, InvalidInput, NotFound
from nextround.services.context import Context
from nextround.storage import companies, people
from nextround.storage.sql import Connection

#: Candidates listed in an ambiguity, at most.
SHOWN = 8


def same_name(a: str, b: str) -> bool:
    """Names compared as people read them: case folded, spaces collapsed (Zoë = ZOË)."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def company(ctx: Context, text: str) -> int:
    """The id of the company named (or numbered) ``text``."""
    with ctx.db.read() as c:
        return _resolve(c, ctx, "company", text, companies.all_names, _company_label)


@dataclass(frozen=True)
class CompanyRef:
    """A company by id, or a new one by name (not known yet)."""

    id: int | None
    name: str


def company_or_new(ctx: Context, text: str) -> CompanyRef:
    """The company named ``text``, or (when none is named so) a new one to add by that name.

    Only a whole name counts here, never part of one: typing "Acme" doesn't
    pick "Acme Robotics", it adds "Acme" (the service warns of look-alikes).
    """
    name = rules.required_line(text, "company", "company name", limit=rules.NAME_MAX)
    with ctx.db.read() as c:
        if name.isdigit():
            found = companies.get(c, ctx.owner, rules.record_id(int(name), "company"))
            if found is None:
                raise NotFound(f"no company with id {name}")
            return CompanyRef(found.id, found.name)
        known = [(i, n) for i, n in companies.all_names(c, ctx.owner) if same_name(n, name)]
    if len(known) == 1:
        return CompanyRef(known[0][0], known[0][1])
    if known:
        raise Ambiguous(
            f"company {name!r} matches {len(known)}; use the id to pick one",
            tuple((i, f"{n} (id {i})") for i, n in known),
        )
    return CompanyRef(None, name)


def person(ctx: Context, text: str, *, company_id: int | None = None) -> int:
    """The id of the person named (or numbered) ``text``, at ``company_id`` if given."""
    with ctx.db.read() as c:

        def names(c: Connection, owner: int) -> list[tuple[int, str]]:
            if company_id is None:
                return people.all_names(c, owner)
            return [(p.id, p.name) for p in people.list_all(c, owner, company_id)]

        return _resolve(c, ctx, "person", text, names, _person_label)


def _company_label(c: Connection, ctx: Context, ids: list[int]) -> list[str]:
    return [f"{co.name} (id {co.id})" for co in companies.get_many(c, ctx.owner, ids)]


def _person_label(c: Connection, ctx: Context, ids: list[int]) -> list[str]:
    return [f"{p.name}, {p.company} (id {p.id})" for p in people.get_many(c, ctx.owner, ids)]


def _resolve(
    c: Connection,
    ctx: Context,
    noun: str,
    text: str,
    names: Callable[[Connection, int], list[tuple[int, str]]],
    label: Callable[[Connection, Context, list[int]], list[str]],
) -> int:
    ref = " ".join(text.split())
    if not ref:
        raise InvalidInput(f"give a {noun} name or id")
    everyone = names(c, ctx.owner)
    if ref.isdigit():
        wanted = rules.record_id(int(ref), noun)
        if any(i == wanted for i, _ in everyone):
            return wanted
        raise NotFound(f"no {noun} with id {ref}")
    key = ref.casefold()
    ids = [i for i, n in everyone if same_name(n, ref)] or [
        i for i, n in everyone if key in n.casefold()
    ]
    if noun == "company" and not ids:
        ids = [i for i, n in everyone if normal_name(n) == normal_name(ref)]
    if len(ids) == 1:
        return ids[0]
    if ids:
        pairs = sorted(
            zip(ids[:SHOWN], label(c, ctx, ids[:SHOWN]), strict=True), key=lambda p: p[1]
        )
        listed = "; ".join(text for _, text in pairs)
        raise Ambiguous(
            f"{noun} {ref!r} matches {len(ids)}: {listed}. Use the id to pick one", tuple(pairs)
        )
    close = difflib.get_close_matches(ref, [n for _, n in everyone], n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(repr(n) for n in close)}?" if close else ""
    raise NotFound(f"no {noun} named {ref!r}.{hint}")
