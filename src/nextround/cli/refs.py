"""What the user typed, turned into what the services take: names to ids (asking
which one when a name fits several), dates, and a second chance on a duplicate."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import click

from nextround.cli.state import State
from nextround.domain.dates import parse_date
from nextround.errors import Ambiguous, Duplicate

T = TypeVar("T")


def interactive() -> bool:
    """Someone is at a terminal to answer questions."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def company(state: State, text: str) -> int:
    from nextround.services import resolve  # only where names are typed: start-up cost

    return _chosen(lambda: resolve.company(state.ctx, text))


def person(state: State, text: str, *, company_id: int | None = None) -> int:
    from nextround.services import resolve

    return _chosen(lambda: resolve.person(state.ctx, text, company_id=company_id))


def _chosen(find: Callable[[], int]) -> int:
    """The id found; when several fit and someone is at the terminal, the one they pick."""
    try:
        return find()
    except Ambiguous as exc:
        if not interactive() or not exc.candidates:
            raise
        click.echo(exc.message.split(":")[0] + ":")
        for number, (_, label) in enumerate(exc.candidates, 1):
            click.echo(f"  {number}. {label}")
        choice = click.prompt("Which one", type=click.IntRange(1, len(exc.candidates)))
        return exc.candidates[choice - 1][0]


def day(text: str | None, flag: str) -> date | None:
    return parse_date(text, what=flag) if text else None


def written(text: str | None, start: Callable[[], str], suffix: str, unchanged: str) -> str | None:
    """``--text`` as given, else what the user writes in $EDITOR, which opens on ``start()``.

    None (after saying ``unchanged``) when the editor is closed without saving.
    """
    if text is not None:
        return text
    text = click.edit(start(), extension=suffix)
    if text is None:
        click.echo(unchanged)
    return text


def unless_duplicate(add: Callable[[bool], T], allow: bool) -> T:
    """Add a record; on a look-alike, ask (at a terminal) whether to add it anyway."""
    try:
        return add(allow)
    except Duplicate as exc:
        if allow or not interactive():
            raise
        click.echo(exc.message.split(";")[0] + ".")
        if not click.confirm("Add this one anyway?", default=False):
            raise click.exceptions.Exit(1) from None
        return add(True)
