"""Counting the SQL statements a request runs, to catch one query per row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient


class Counter:
    count = 0


@contextmanager
def counting(client: TestClient) -> Iterator[Counter]:
    """Count the statements sent through the app's engine inside the block."""
    engine: sa.Engine = client.app.state.web.base.db.engine()  # type: ignore[attr-defined]
    counter = Counter()

    def count(*_args: Any) -> None:
        counter.count += 1

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def statements(client: TestClient, path: str) -> int:
    with counting(client) as counter:
        response = client.get(path)
    assert response.status_code == 200, response.text
    return counter.count
