"""Counting the SQL statements a request sends, to catch one query per row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from fastapi.testclient import TestClient


@contextmanager
def count_queries(client: TestClient) -> Iterator[list[str]]:
    """The statements run on the app's engine inside the block, in order."""
    engine: sa.Engine = client.app.state.web.base.db.engine()  # type: ignore[attr-defined]
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def statements(client: TestClient, path: str) -> int:
    """How many statements one successful GET of ``path`` sends."""
    with count_queries(client) as seen:
        response = client.get(path)
    assert response.status_code == 200, response.text
    return len(seen)


class Counter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def counting(engine: sa.Engine) -> Iterator[Counter]:
    """Every statement ``engine`` sends while the block runs."""
    counter = Counter()

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        counter.statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        yield counter
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)
