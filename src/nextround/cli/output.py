"""Printing: JSON for scripts, short aligned text for people."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date

from nextround.domain.dates import spoken
from nextround.domain.jsonable import to_jsonable
from nextround.domain.tasks import Task


def emit_json(value: object) -> None:
    import json

    print(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False))


def heading(text: str) -> None:
    """A line in bold on a terminal (unless NO_COLOR is set); plain when piped."""
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        text = f"\033[1m{text}\033[0m"
    print(text)


def table(rows: Iterable[Sequence[object]], headers: Sequence[str]) -> None:
    """Columns padded to their widest cell; the last column is left ragged."""
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
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
    return f"  #{task.id:<5} {when(task.due, today):<11} {task.title}{who}{status}"


def tasks_block(title: str, tasks: Sequence[Task], today: date) -> None:
    if not tasks:
        return
    heading(title)
    for task in tasks:
        print(task_line(task, today))
    print()
