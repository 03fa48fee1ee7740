"""nextround through a real PgBouncer in transaction mode: the web app's pool from several
threads, and commands, with nothing kept from one transaction to the next."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from nextround.config import Settings
from nextround.dbconfig import PoolSettings
from nextround.domain.companies import NewCompany
from nextround.services import companies, search
from nextround.services.context import Context, open_context
from nextround.storage.database import open_database
from tests.conftest import TODAY
from tests.pg_fixtures import in_ci
from tests.pgbouncer import PgBouncerUnavailableError, running_pgbouncer

pytestmark = pytest.mark.postgres

#: The server's own time zone for these databases: anything nextround stores must be UTC.
ELSEWHERE = "Pacific/Auckland"


@pytest.fixture
def bouncer_url(postgres_url: str) -> Iterator[str]:
    """``postgres_url`` (schema made directly on the server) reached through PgBouncer."""
    open_database(postgres_url, pooled=False).close()
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        name = postgres_url.rsplit("/", 1)[1]
        admin.execute(f"ALTER DATABASE {name} SET timezone TO '{ELSEWHERE}'")
    try:
        bouncer = running_pgbouncer(postgres_url, pool_size=2)
        host, port = bouncer.__enter__()
    except PgBouncerUnavailableError as exc:
        if in_ci():
            pytest.fail(f"PgBouncer is required in CI: {exc}")
        pytest.skip(f"no PgBouncer: {exc}")
    try:
        parts = urlsplit(postgres_url)
        user = parts.username or "postgres"
        # PgBouncer before 1.21 keeps no prepared statement from one transaction to the next.
        found = parts._replace(netloc=f"{user}@{host}:{port}", query="prepared_statements=off")
        yield urlunsplit(found)
    finally:
        bouncer.__exit__(None, None, None)


def _work(ctx: Context, worker: int) -> list[datetime]:
    made = []
    for i in range(12):
        company = companies.add_company(ctx.fresh(), NewCompany(f"Bouncé w{worker}i{i}x"))
        with ctx.db.read() as c:
            made.append(
                c.scalar("SELECT created_at FROM companies WHERE id = :id", {"id": company.id})
            )
        assert search.search_all(ctx, f"BOUNCE w{worker}i{i}x").companies == [company]
        assert any(row.company.id == company.id for row in companies.list_companies(ctx))
    return made


def test_the_pool_works_through_pgbouncer_from_many_threads(bouncer_url: str) -> None:
    settings = Settings(
        db_url=bouncer_url, today=TODAY, database=PoolSettings(pool_min_size=4, pool_max_size=4)
    )
    ctx = open_context(settings, pooled=True)
    try:
        with ThreadPoolExecutor(4) as pool:
            stamps = [s for made in pool.map(lambda w: _work(ctx, w), range(4)) for s in made]
        now = datetime.now(UTC).replace(tzinfo=None)
        assert len(stamps) == 48
        assert all(abs((now - s).total_seconds()) < 600 for s in stamps)  # UTC, not Auckland
        assert len(companies.list_companies(ctx)) == 48
    finally:
        ctx.close()


def test_commands_run_through_pgbouncer(bouncer_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "NEXTROUND_CONFIG": str(tmp_path / "config.toml")}

    def run(*args: str) -> str:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "nextround",
                "--db",
                bouncer_url,
                "--today",
                "2026-11-25",
                *args,
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("demo")
    assert "Find a postal address for Brightwater Robotics' office" in run("today")
    assert "Brightwater Robotics" in run("company", "list")
    assert "Whitfield" in run("journal", "search", "recruiters")
