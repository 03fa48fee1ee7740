"""Plain SQL with ``:name`` parameters, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from nextround.errors import Conflict
from nextround.storage.database import Database, open_database
from nextround.storage.sql import as_bool, as_datetime, in_list


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    opened = open_database(db_url)
    yield opened
    opened.close()


def test_rows_read_by_name_or_by_position(db: Database) -> None:
    with db.transaction() as c:
        assert (
            c.execute("INSERT INTO companies (owner_id, name) VALUES (1, :n)", {"n": "Acme"}) == 1
        )
        row = c.row("SELECT id, name, notes FROM companies WHERE name = :n", {"n": "Acme"})
        assert row is not None
        assert (row["name"], row[1], row["notes"]) == ("Acme", "Acme", "")
        assert list(row.keys()) == ["id", "name", "notes"]
        assert len(row) == 3
        assert list(row)[1] == "Acme"
        assert c.scalar("SELECT name FROM companies") == "Acme"
        assert c.scalars("SELECT name FROM companies") == ["Acme"]
        assert c.row("SELECT name FROM companies WHERE name = 'nobody'") is None
        assert c.scalar("SELECT name FROM companies WHERE name = 'nobody'") is None


def test_percent_signs_and_colons_in_sql_are_left_alone(db: Database) -> None:
    with db.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Up 100%: ok')")
        assert c.scalars("SELECT name FROM companies WHERE name LIKE '%100%%'") == ["Up 100%: ok"]
        assert c.scalars("SELECT name FROM companies WHERE name LIKE :p", {"p": "%: ok"}) == [
            "Up 100%: ok"
        ]


def test_dates_and_times_go_in_and_come_back(db: Database) -> None:
    with db.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        c.execute(
            "INSERT INTO applications (owner_id, company_id, role, status, applied_on, updated_at) "
            "VALUES (1, (SELECT id FROM companies), 'QA', 'applied', :day, :when)",
            {"day": date(2026, 10, 1), "when": datetime(2026, 10, 1, 9, 30, 5)},
        )
        row = c.row("SELECT applied_on, updated_at FROM applications")
    assert row is not None
    assert str(row[0]) == "2026-10-01"
    assert as_datetime(row[1]) == datetime(2026, 10, 1, 9, 30, 5)
    assert as_datetime(None) is None
    assert as_bool(0) is False and as_bool(True) is True


def test_a_list_of_values_in_one_statement(db: Database) -> None:
    with db.transaction() as c:
        c.execute_many(
            "INSERT INTO companies (owner_id, name) VALUES (1, :n)",
            [{"n": n} for n in ("A", "B", "C")],
        )
        c.execute_many("INSERT INTO companies (owner_id, name) VALUES (1, :n)", [])
        listed, params = in_list("n", ["A", "C"])
        assert sorted(c.scalars(f"SELECT name FROM companies WHERE name IN {listed}", params)) == [
            "A",
            "C",
        ]
        nothing, empty = in_list("n", [])
        assert c.scalars(f"SELECT name FROM companies WHERE name IN {nothing}", empty) == []


def test_a_clash_with_a_stored_row_is_a_conflict_and_rolls_back(db: Database) -> None:
    with pytest.raises(Conflict, match="clash with a stored row"), db.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
    with db.read() as c:
        assert c.scalar("SELECT COUNT(*) FROM companies") == 0


def test_a_savepoint_rolls_back_only_its_own_part(db: Database) -> None:
    with db.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Kept')")
        with pytest.raises(Conflict), c.savepoint():
            c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Gone')")
            c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Kept')")
        with c.savepoint():
            c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Also kept')")
    with db.read() as c:
        assert sorted(c.scalars("SELECT name FROM companies")) == ["Also kept", "Kept"]


def test_a_transaction_inside_another_joins_it(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as outer:
        with db.transaction() as inner:
            assert inner is outer
            inner.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        raise RuntimeError
    with db.read() as c:
        assert c.scalar("SELECT COUNT(*) FROM companies") == 0


def test_every_statement_reaches_the_listeners(db: Database) -> None:
    seen: list[str] = []
    db.listeners.append(seen.append)
    with db.read() as c:
        c.scalar("SELECT 1")
        c.rows("SELECT name FROM companies")
    assert seen == ["SELECT 1", "SELECT name FROM companies"]
