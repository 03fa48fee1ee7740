"""Two deletions of one account at the same moment, on PostgreSQL: the one that waited for
the other says the account was deleted already, never that it deleted it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from nextround.config import Settings
from nextround.errors import NextroundError, NotFound
from nextround.services import account, users
from nextround.services.context import Context, open_context
from nextround.storage import wipe
from tests.conftest import TODAY

pytestmark = pytest.mark.postgres


@pytest.fixture
def site(postgres_url: str, tmp_path: Path) -> Iterator[Context]:
    hosted = Settings(
        db_url=postgres_url, today=TODAY, templates_dir=tmp_path / "templates", hosted=True
    )
    ctx = open_context(hosted)
    yield ctx
    ctx.close()


def waiting_on_a_lock(url: str) -> int:
    with psycopg.connect(url) as c:
        row = c.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        ).fetchone()
    return int(row[0]) if row else 0


def test_the_second_of_two_deletions_says_it_was_deleted_already(
    site: Context, postgres_url: str
) -> None:
    ana = users.add_user(site, "ana@example.org").user_id
    outcome: list[object] = []

    def the_admin() -> None:
        try:
            outcome.append(account.delete_user(site, "ana@example.org"))
        except NextroundError as exc:
            outcome.append(exc)

    second = threading.Thread(target=the_admin)
    with site.fresh(owner=ana).db.transaction() as c:  # the first deletion, not yet committed
        assert wipe.wipe_user(c, ana)["users"] == 1
        second.start()
        deadline = time.monotonic() + 30
        while not waiting_on_a_lock(postgres_url):  # the admin's waits for the first's rows
            assert second.is_alive() and time.monotonic() < deadline, outcome
            time.sleep(0.05)
    second.join(30)
    [answer] = outcome
    assert isinstance(answer, NotFound), answer
    assert answer.message == "the user ana@example.org was deleted already"
