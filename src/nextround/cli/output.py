"""Printing: JSON for scripts, short aligned text for people."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from nextround.domain.dates import spoken
from nextround.domain.rules import UNSET, Unset
from nextround.domain.tasks import Task

if TYPE_CHECKING:
    from nextround.cli.state import State
    from nextround.services.results import Deleted, Merged


def emit_json(value: object) -> None:
    import json

    from nextround.domain.jsonable import to_jsonable

    print(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False))


def heading(text: str) -> None:
    """A line in bold on a terminal (unless NO_COLOR is set); plain when piped."""
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        text = f"\033[1m{text}\033[0m"
    print(text)


def table(rows: Iterable[Sequence[object]], headers: Sequence[str]) -> None:
    """Columns padded to their widest cell; the last column is left ragged."""
    cells = [[("" if c is None else safe(str(c))) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    heading(line)
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def when(due: date, today: date) -> str:
    return spoken(due, today)


def task_line(task: Task, today: date) -> str:
    who = f"  [{task.company}]" if task.company else ""
    status = "" if task.status.value == "open" else f"  ({task.status.value})"
    return safe(f"  #{task.id:<5} {when(task.due, today):<11} {task.title}{who}{status}")


def tasks_block(title: str, tasks: Sequence[Task], today: date) -> None:
    if not tasks:
        return
    heading(title)
    for task in tasks:
        print(task_line(task, today))
    print()


def cleared(value: str | None) -> str | Unset | None:
    """An option as a field change: absent stays, an empty value clears."""
    if value is None:
        return UNSET
    return value if value.strip() else None


# Controls, and the bidirectional overrides that make a line read other than it is.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Stored text made safe for a terminal: control characters, escape sequences and
    bidirectional overrides shown as visible escapes, never sent to the terminal."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def report(state: State, value: object, *lines: str) -> None:
    """What a command did: ``value`` as JSON with --json, else ``lines`` for people."""
    if state.as_json:
        emit_json(value)
        return
    import click  # here, not above: `today` runs without click (see main.py)

    for line in lines:
        click.echo(line)


def deleted(state: State, gone: Deleted) -> None:
    also = f" ({'; '.join(gone.also)})" if gone.also else ""
    report(
        state,
        gone,
        f"Moved {safe(gone.name)} ({gone.kind} {gone.id}) to the trash{also}.",
        "`nextround undo` brings it back (or `nextround trash restore` within 30 days).",
    )


def merged(state: State, done: Merged) -> None:
    moved = f": moved {', '.join(done.moved)}" if done.moved else ""
    report(
        state,
        done,
        f"Merged {done.kind} {done.from_id} into {safe(done.name)} (id {done.into_id}){moved}.",
        "`nextround undo` takes the merge back.",
    )
