"""The pool's check before lending: skipped for a connection given back within the last
second (a round trip saved per request under load), made for one idle longer, so a
connection the server dropped meanwhile is replaced before anyone uses it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest

from nextround.dbconfig import PoolSettings
from nextround.errors import DatabaseUnavailable
from nextround.storage import server
from nextround.storage.database import Database, open_database

pytestmark = pytest.mark.postgres

ONE = PoolSettings(pool_min_size=1, pool_max_size=1, pool_timeout=5)


@pytest.fixture
def db(postgres_url: str) -> Iterator[Database]:
    """A pool of one connection on the database (its schema made first)."""
    open_database(postgres_url, pooled=False).close()
    found = open_database(postgres_url, pool=ONE)
    try:
        yield found
    finally:
        found.close()


def backend(db: Database) -> int:
    with db.read() as c:
        return int(c.scalar("SELECT pg_backend_pid()"))


def terminate(url: str, pid: int) -> None:
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            time.sleep(0.01)


def test_a_connection_idle_past_the_quiet_second_is_checked_and_replaced_if_lost(
    postgres_url: str, db: Database
) -> None:
    first = backend(db)
    terminate(postgres_url, first)
    time.sleep(server.QUIET_CHECK + 0.2)
    assert backend(db) != first  # checked, found lost, replaced: no error


def test_a_connection_lost_within_the_quiet_second_fails_once_cleanly_then_recovers(
    postgres_url: str, db: Database
) -> None:
    first = backend(db)
    given_back = time.monotonic()
    terminate(postgres_url, first)
    if time.monotonic() - given_back >= server.QUIET_CHECK:
        pytest.skip("the machine was too busy to lose the connection within the second")
    with pytest.raises(DatabaseUnavailable):
        backend(db)  # lent unchecked: the loss shows as the database away, cleanly
    assert backend(db) != first  # the pool dropped it: a new connection
