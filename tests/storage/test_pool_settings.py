"""The PostgreSQL pool and connection settings: config file, environment, the URL itself;
and what nothing may rely on behind PgBouncer (session settings, prepared statements)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from nextround.config import load_settings
from nextround.dbconfig import PoolSettings, split_url
from nextround.errors import ConfigError, StorageError
from nextround.storage.database import open_database, server_url


def _settings(tmp_path: Path, toml: str, **env: str) -> PoolSettings:
    config = tmp_path / "config.toml"
    config.write_text(toml, encoding="utf-8")
    return load_settings(environ={"NEXTROUND_CONFIG": str(config), **env}).database


def test_the_config_file_then_the_environment_set_the_pool(tmp_path: Path) -> None:
    assert _settings(tmp_path, "") == PoolSettings()
    toml = (
        "[database]\npool_min_size = 2\npool_max_size = 30\npool_timeout = 2.5\n"
        'connect_timeout = 3\n[database.connect]\nsslmode = "require"\n'
    )
    assert _settings(tmp_path, toml) == PoolSettings(2, 30, 2.5, 3, {"sslmode": "require"})
    from_env = _settings(
        tmp_path, toml, NEXTROUND_DB_POOL_MAX_SIZE="50", NEXTROUND_DB_POOL_TIMEOUT="0.5"
    )
    assert (from_env.pool_min_size, from_env.pool_max_size, from_env.pool_timeout) == (2, 50, 0.5)
    assert from_env.prepared_statements is True  # the default
    off = _settings(tmp_path, "[database]\nprepared_statements = false\n")
    assert off.prepared_statements is False
    on_again = _settings(
        tmp_path,
        "[database]\nprepared_statements = false\n",
        **{"NEXTROUND_DB_PREPARED_STATEMENTS": "yes"},
    )
    assert on_again.prepared_statements is True


@pytest.mark.parametrize(
    ("toml", "env", "says"),
    [
        ("[database]\npool_max_size = 0\n", {}, "pool_max_size must be at least 1"),
        ("[database]\npool_min_size = 5\npool_max_size = 2\n", {}, "pool_min_size from 0"),
        ("[database]\npool_size = 5\n", {}, "unknown setting database.pool_size"),
        ('[database]\npool_timeout = "soon"\n', {}, "pool_timeout must be a number"),
        ("[database]\nconnect_timeout = 0\n", {}, "1 to 3600 seconds"),
        ('[database.connect]\noptions = "-c TimeZone=UTC"\n', {}, "PgBouncer"),
        ('[database.connect]\npassword = "x"\n', {}, "keep passwords out"),
        ("", {"NEXTROUND_DB_POOL_MAX_SIZE": "many"}, "NEXTROUND_DB_"),
        ("", {"NEXTROUND_DB_POOL_MIN_SIZE": "1.5"}, "whole number"),
        ('[database]\nprepared_statements = "maybe"\n', {}, "must be true or false"),
        ("", {"NEXTROUND_DB_PREPARED_STATEMENTS": "2"}, "prepared_statements must be true"),
    ],
)
def test_wrong_settings_say_what_to_fix(
    tmp_path: Path, toml: str, env: dict[str, str], says: str
) -> None:
    with pytest.raises(ConfigError) as err:
        _settings(tmp_path, toml, **env)
    assert says in err.value.message


def test_the_urls_own_settings_win_and_never_reach_libpq() -> None:
    base = PoolSettings(pool_max_size=30, connect={"application_name": "x"})
    url, found = split_url(
        "postgresql://u@h:5/db?sslmode=require&pool_max_size=4&pool_timeout=0.5", base
    )
    assert url == "postgresql://u@h:5/db?sslmode=require"
    assert (found.pool_max_size, found.pool_timeout, found.connect) == (4, 0.5, base.connect)
    assert found.prepared_statements is True
    url, found = split_url("postgresql://u@h:5/db?prepared_statements=off", base)
    assert url == "postgresql://u@h:5/db" and found.prepared_statements is False
    assert server_url("postgres://u@h/db?pool_min_size=0&connect_timeout=2") == (
        "postgresql://u@h/db"
    )
    with pytest.raises(ConfigError, match="the database URL"):
        split_url("postgresql://h/db?pool_max_size=-1", base)


@pytest.mark.postgres
def test_a_connection_string_with_pool_settings_is_honoured(postgres_url: str) -> None:
    open_database(postgres_url, pooled=False).close()  # the schema, made once
    url = f"{postgres_url}?pool_min_size=2&pool_max_size=2&pool_timeout=0.5&connect_timeout=3"
    db = open_database(url, pool=PoolSettings(pool_max_size=10, pool_timeout=30))
    try:
        with db.read() as c:
            assert c.scalar("SELECT 1") == 1
            raw = c.raw
            assert raw.prepare_threshold == 5  # prepared on the server after five runs
            assert raw.info.get_parameters()["connect_timeout"] == "3"
        assert (db._pool.min_size, db._pool.max_size, db._pool.timeout) == (2, 2, 0.5)
        held = threading.Event()
        release = threading.Event()

        def hold() -> None:
            with db.read():
                held.set()
                release.wait(10)

        holders = [threading.Thread(target=hold) for _ in range(2)]
        for thread in holders:
            thread.start()
        assert held.wait(10)
        time.sleep(0.2)  # both holders have their connection
        started = time.monotonic()
        with pytest.raises(StorageError, match=r"no free connection .* within 0\.5 seconds"):
            db.read().__enter__()
        assert 0.4 < time.monotonic() - started < 5
        release.set()
        for thread in holders:
            thread.join()
    finally:
        db.close()


@pytest.mark.postgres
@pytest.mark.parametrize("pooled", [True, False])
def test_the_time_zone_is_set_per_transaction_never_for_the_session(
    postgres_url: str, pooled: bool
) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        name = postgres_url.rsplit("/", 1)[1]
        admin.execute(f"ALTER DATABASE {name} SET timezone TO 'Pacific/Auckland'")
    db = open_database(postgres_url, pooled=pooled)
    try:
        with db.transaction() as c:
            assert c.scalar("SHOW TIME ZONE") == "UTC"
            c.execute("INSERT INTO users (name) VALUES ('Ana')")
            made = c.scalar("SELECT created_at FROM users WHERE name = 'Ana'")
            raw = c.raw
        assert abs(made - datetime.now(UTC).replace(tzinfo=None)).total_seconds() < 120
        assert raw.execute("SHOW TIME ZONE").fetchone()[0] == "Pacific/Auckland"
        raw.rollback()
    finally:
        db.close()


@pytest.mark.postgres
def test_a_command_connection_lost_to_a_server_restart_is_made_again(postgres_url: str) -> None:
    db = open_database(postgres_url, pooled=False)
    try:
        with db.read() as c:
            pid = c.scalar("SELECT pg_backend_pid()")
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StorageError), db.read() as c:
            c.scalar("SELECT 1")
        with db.read() as c:
            assert c.scalar("SELECT pg_backend_pid()") != pid
    finally:
        db.close()


@pytest.mark.postgres
@pytest.mark.parametrize("prepared", [True, False])
def test_a_statement_run_often_is_prepared_unless_turned_off(
    postgres_url: str, prepared: bool
) -> None:
    open_database(postgres_url, pooled=False).close()  # the schema, made once
    flag = "on" if prepared else "off"
    db = open_database(f"{postgres_url}?pool_max_size=1&prepared_statements={flag}")
    try:
        for _ in range(7):
            with db.read() as c:
                c.scalar("SELECT COUNT(*) FROM users WHERE id > :n", {"n": 0})
        with db.read() as c:
            kept = c.scalar("SELECT COUNT(*) FROM pg_prepared_statements")
        assert (kept > 0) is prepared
    finally:
        db.close()
