"""The hosted benchmark's generator (bench/hosted_db.py): its rows load into a migrated
PostgreSQL database and nextround reads each user's own agenda from them."""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest

from nextround.config import Settings
from nextround.services import agenda
from nextround.services.context import open_context

pytestmark = pytest.mark.postgres

BENCH = Path(__file__).resolve().parents[2] / "bench"
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def hosted_db() -> Any:
    sys.path.insert(0, str(BENCH))  # it imports its neighbours in bench/
    try:
        return importlib.import_module("hosted_db")
    finally:
        sys.path.remove(str(BENCH))


def test_the_same_seed_makes_the_same_rows(hosted_db: Any) -> None:
    spec = hosted_db.Spec(20, 4000, TODAY, 7)
    first = hosted_db.Generator(spec).chunk(0, 20)
    again = hosted_db.Generator(spec).chunk(0, 20)
    other = hosted_db.Generator(hosted_db.Spec(20, 4000, TODAY, 8)).chunk(0, 20)
    assert first == again
    assert first["tasks"] != other["tasks"]


def test_the_rows_load_and_each_user_reads_their_own_agenda(
    hosted_db: Any, postgres_url: str
) -> None:
    spec = hosted_db.Spec(30, 6000, TODAY, 7)
    counts = hosted_db.fill(postgres_url, spec)
    assert counts["users"] == 31  # the local user and the 30 bench users
    assert counts["tasks"] == 6000
    with psycopg.connect(postgres_url) as conn:
        pending = conn.execute(
            "SELECT owner_id, count(*) FROM tasks WHERE status IN ('open', 'snoozed') "
            "GROUP BY owner_id ORDER BY owner_id"
        ).fetchall()
        finished_later = conn.execute(
            "SELECT count(*) FROM tasks WHERE status NOT IN ('open', 'snoozed') "
            "AND (due >= %s OR done_on > %s)",
            (TODAY, TODAY),
        ).fetchone()
        foreign = conn.execute(
            "SELECT count(*) FROM tasks t JOIN companies c ON c.id = t.company_id "
            "JOIN people p ON p.id = t.person_id "
            "WHERE c.owner_id <> t.owner_id OR p.owner_id <> t.owner_id"
        ).fetchone()
        email = conn.execute("SELECT email FROM users WHERE id = 2").fetchone()
    assert [owner for owner, _ in pending] == list(range(2, 32))
    assert all(6 <= n <= 14 for _, n in pending)
    assert finished_later == (0,)
    assert foreign == (0,)
    assert email == (hosted_db.EMAIL.format(1),)
    ctx = open_context(Settings(db_url=postgres_url, today=TODAY), pooled=False)
    try:
        mine = agenda.today(ctx.fresh(owner=2))
        theirs = agenda.today(ctx.fresh(owner=3))
    finally:
        ctx.db.close()
    ids = {t.id for t in mine.overdue + mine.due_today + mine.upcoming}
    other = {t.id for t in theirs.overdue + theirs.due_today + theirs.upcoming}
    assert ids and other and not ids & other
