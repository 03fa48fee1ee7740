"""Counting the SQL statements a request runs, to catch one query per row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa


class Counter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def counting(engine: sa.Engine) -> Iterator[Counter]:
    """Every statement the engine sends while the block runs."""
    counter = Counter()

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        counter.statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        yield counter
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)
