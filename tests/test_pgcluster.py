"""The throwaway PostgreSQL server and its fixtures (tests/pgcluster.py, tests/pg_fixtures.py)."""

from __future__ import annotations

import os

import psycopg
import pytest
from psycopg.rows import TupleRow

from tests.pgcluster import (
    ENV_URL,
    PostgresUnavailableError,
    drop_database,
    find_programs,
    libpq_url,
    new_database,
)

pytest_plugins = ["tests.pg_fixtures"]

_seen_databases: set[str] = set()


def test_missing_programs_say_how_to_install_them() -> None:
    with pytest.raises(PostgresUnavailableError, match=r"apt-get install postgresql"):
        find_programs(path="", search_globs=())


@pytest.mark.postgres
def test_server_answers_select_version(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as conn:
        row = conn.execute("SELECT version()").fetchone()
    assert row is not None
    assert str(row[0]).startswith("PostgreSQL ")


@pytest.mark.postgres
@pytest.mark.parametrize("run", ["first", "second"])
def test_each_test_gets_a_fresh_empty_database_of_its_own(postgres_url: str, run: str) -> None:
    with psycopg.connect(postgres_url) as conn:
        row = conn.execute("SELECT current_database()").fetchone()
        assert row is not None
        name = str(row[0])
        assert name.startswith("nr_")
        assert name not in _seen_databases, f"{run} run reused database {name}"
        _seen_databases.add(name)
        # Whichever run comes second would see this table if the database were shared.
        assert conn.execute("SELECT to_regclass('public.marker')").fetchone() == (None,)
        conn.execute("CREATE TABLE marker (run text)")
        conn.execute("INSERT INTO marker VALUES (%s)", (run,))


@pytest.mark.postgres
def test_drop_database_removes_it_even_with_a_session_open(postgres_admin_url: str) -> None:
    url = new_database(postgres_admin_url)
    name = url.rsplit("/", 1)[1]
    open_session = psycopg.connect(url, autocommit=True)
    try:
        drop_database(postgres_admin_url, url)
        with pytest.raises(psycopg.OperationalError):
            open_session.execute("SELECT 1")  # the drop ended this session
    finally:
        open_session.close()
    with psycopg.connect(libpq_url(postgres_admin_url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
    assert row == (0,)


@pytest.mark.postgres
@pytest.mark.skipif(bool(os.environ.get(ENV_URL)), reason="settings of a server we did not start")
def test_started_server_is_local_and_tuned_for_tests(postgres_url: str) -> None:
    names = ("listen_addresses", "fsync", "synchronous_commit", "full_page_writes")
    with psycopg.connect(postgres_url) as conn:
        settings = {name: _show(conn, name) for name in names}
    assert settings == {
        "listen_addresses": "127.0.0.1",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
    }


def _show(conn: psycopg.Connection[TupleRow], name: str) -> str:
    row = conn.execute("SELECT current_setting(%s)", (name,)).fetchone()
    assert row is not None
    return str(row[0])
