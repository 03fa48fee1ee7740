"""Fixtures of the job runner's tests: a PostgreSQL database with three users and the
queue's schema, short retry waits; Dovecot from the mail tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from nextround.config import Settings
from nextround.jobs import runner, work
from nextround.services.context import Context, open_context
from tests.conftest import TODAY
from tests.jobs import USERS
from tests.mail.conftest import dovecot, imap_user

__all__ = ["dovecot", "imap_user", "pg"]


@pytest.fixture
def pg(postgres_url: str, tmp_path) -> Iterator[Context]:  # type: ignore[no-untyped-def]
    settings = Settings(
        db_url=postgres_url, today=TODAY, templates_dir=tmp_path / "config" / "templates"
    )
    ctx = open_context(settings)
    with ctx.db.transaction() as c:
        for owner, address in USERS.items():
            c.execute(
                "INSERT INTO users (id, name) VALUES (:id, :name)", {"id": owner, "name": address}
            )
    runner.apply_schema(ctx)
    old = dataclasses.replace(work.BACKOFF)
    work.BACKOFF.first, work.BACKOFF.factor = 0.2, 2.0
    yield ctx
    work.BACKOFF.first, work.BACKOFF.factor = old.first, old.factor
    ctx.close()
