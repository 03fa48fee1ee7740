"""Counting the SQL statements a request sends, to catch one query per row.

The database calls each of its ``listeners`` with every statement it sends
(:attr:`nextround.storage.database.Database.listeners`); these helpers add
one for the length of a block.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from nextround.storage.database import Database


def database_of(client: TestClient) -> Database:
    db: Database = client.app.state.web.base.db  # type: ignore[attr-defined]
    return db


@contextmanager
def counting(db: Database) -> Iterator[list[str]]:
    """The statements ``db`` sends while the block runs, in order."""
    seen: list[str] = []
    db.listeners.append(seen.append)
    try:
        yield seen
    finally:
        db.listeners.remove(seen.append)


@contextmanager
def count_queries(client: TestClient) -> Iterator[list[str]]:
    """The statements the app's database sends inside the block, in order."""
    with counting(database_of(client)) as seen:
        yield seen


def statements(client: TestClient, path: str) -> int:
    """How many statements one successful GET of ``path`` sends."""
    with count_queries(client) as seen:
        response = client.get(path)
    assert response.status_code == 200, response.text
    return len(seen)
