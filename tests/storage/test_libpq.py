"""The light read path on PostgreSQL: libpq without psycopg, reading as psycopg reads."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from nextround.config import Settings
from nextround.errors import StorageError
from nextround.services import agenda
from nextround.services.context import open_context
from nextround.storage import libpq
from nextround.storage.database import open_database
from tests.conftest import TODAY

pytestmark = pytest.mark.postgres

VALUES = {
    "i": 12345678901,
    "b": True,
    "f": 2.5,
    "n": Decimal("12.340"),
    "d": date(2026, 2, 28),
    "dt": datetime(2026, 2, 28, 13, 45, 6, 789),
    "tz": datetime(2026, 2, 28, 13, 45, tzinfo=UTC),
    "t": time(9, 30, 15),
    "s": "Zoë's 100% café: ✓",
    "raw": b"\x00\xffab",
    "none": None,
}

TYPED = """
SELECT :i AS i, :b AS b, :f AS f, :n AS n, :d AS d, :dt AS dt, :tz AS tz, :t AS t,
       :s AS s, :raw AS raw, CAST(:none AS text) AS none, :i + 1 AS next,
       '{"a": [1, 2]}'::jsonb AS doc, 'x' LIKE '%' AS pct, :s = :s AS twice
"""


def test_the_light_reader_reads_every_type_as_psycopg_does(postgres_url: str) -> None:
    assert libpq.available()
    db = open_database(postgres_url, pooled=False)
    try:
        with db.reader() as light:
            assert isinstance(light.raw, libpq.LightConnection)
            got = light.row(TYPED, VALUES)
        with db.read() as heavy:
            assert not isinstance(heavy.raw, libpq.LightConnection)
            expected = heavy.row(TYPED, VALUES)
        assert got is not None and expected is not None
        assert tuple(got) == tuple(expected)
        assert list(got.keys()) == list(expected.keys())
        assert got["s"] == VALUES["s"] and got["doc"] == {"a": [1, 2]} and got["none"] is None
        assert [type(v) for v in got] == [type(v) for v in expected]
    finally:
        db.close()


def test_the_light_reader_sets_utc_for_its_transaction_and_reports_errors(
    postgres_url: str,
) -> None:
    db = open_database(postgres_url, pooled=False)
    try:
        with db.reader() as c:
            assert c.scalar("SHOW TIME ZONE") == "UTC"
            assert c.rows("SELECT 1 WHERE false") == []
        with pytest.raises(StorageError, match="division by zero"), db.reader() as c:
            c.scalar("SELECT 1 / 0")
        with db.reader() as c:  # the failed transaction was rolled back
            assert c.scalar("SELECT 2") == 2
    finally:
        db.close()


def test_an_unreachable_server_says_so(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="can't reach the database"):
        open_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", pooled=False)


def test_the_agenda_is_the_same_through_the_light_reader(postgres_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "NEXTROUND_CONFIG": str(tmp_path / "config.toml")}
    base = [sys.executable, "-m", "nextround", "--db", postgres_url, "--today", TODAY.isoformat()]
    subprocess.run([*base, "demo"], check=True, capture_output=True, env=env, timeout=120)
    settings = Settings(db_url=postgres_url, today=TODAY)
    pooled = open_context(settings, pooled=True)
    try:
        expected = agenda.today(pooled)
    finally:
        pooled.close()
    light = open_context(settings, pooled=False)
    try:
        assert agenda.today(light) == expected
        assert expected.overdue or expected.due_today or expected.upcoming
    finally:
        light.close()
    shown = subprocess.run(
        [sys.executable, "-X", "importtime", *base[1:], "today"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    imported = {line.split("|")[-1].strip() for line in shown.stderr.splitlines()}
    assert "nextround.storage.libpq" in imported
    assert not {m for m in imported if m.split(".")[0] in {"psycopg", "psycopg_pool", "sqlalchemy"}}
    assert expected.overdue[0].title in shown.stdout


def test_the_light_reader_connects_again_after_losing_its_connection(postgres_url: str) -> None:
    """The next read begins on a new connection at once: the lost one is found out by its
    BEGIN, before anything was read, so sending it again is safe."""
    db = open_database(postgres_url, pooled=False)
    try:
        with db.reader() as c:
            pid = c.scalar("SELECT pg_backend_pid()")
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))  # waits till gone
        with db.reader() as c:
            again = c.scalar("SELECT pg_backend_pid()")
        assert again != pid
        with db.reader() as c:
            assert c.scalar("SELECT pg_backend_pid()") == again
    finally:
        db.close()
