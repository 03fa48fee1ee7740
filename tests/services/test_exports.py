"""The JSON backup on SQLite and PostgreSQL: export, restore into an empty database, export again."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from nextround.config import Settings, UserProfile
from nextround.domain.companies import NewCompany
from nextround.errors import Conflict, InvalidInput
from nextround.services import backup, companies, demo, exports, feeds, history, people
from nextround.services.context import Context, open_context
from nextround.storage import dump
from tests.conftest import sqlite_template
from tests.tables import columns, table_names


def _other_database(ctx: Context, tmp_path: Path, request: pytest.FixtureRequest) -> Context:
    """A second, empty database of the same kind as ``ctx``'s."""
    if ctx.db.is_sqlite:
        path = tmp_path / "restored.db"
        shutil.copyfile(sqlite_template(), path)
        url = str(path)
    else:
        from tests.pgcluster import new_database

        admin = request.getfixturevalue("postgres_admin_url")
        url = new_database(admin)
    return open_context(replace(ctx.settings, db_url=url))


@pytest.fixture
def full(ctx: Context) -> Context:
    """The demo, plus a deletion in the trash, an undone change and a calendar link."""
    demo.load_demo(ctx)
    people.delete_person(ctx, 3)
    companies.add_company(ctx, NewCompany(name='=HYPERLINK("x")', notes="+1 -2 @3"))
    history.undo(ctx)
    companies.add_company(ctx, NewCompany(name="Ünïcode Ltd", address="1 Rue\nParis"))
    feeds.create_calendar_token(ctx)
    return ctx


@pytest.fixture
def second(full: Context, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Context]:
    other = _other_database(full, tmp_path, request)
    yield other
    other.close()


def _without_stamp(data: bytes) -> dict[str, object]:
    document = json.loads(data)
    assert document.pop("exported_at")
    return dict(document)


def test_export_restore_export_gives_the_same_data(full: Context, second: Context) -> None:
    first = exports.export_json(full)
    done = backup.restore(second, first.data)
    again = exports.export_json(second)
    assert _without_stamp(again.data) == _without_stamp(first.data)
    assert done.counts["companies"] == first.counts["companies"] > 10
    assert done.counts["change_rows"] == first.counts["change_rows"] > 100


def test_restored_database_works_on_without_clashing_ids(full: Context, second: Context) -> None:
    document = json.loads(exports.export_json(full).data)
    feeds.create_calendar_token(second)  # a calendar link is not a record: still empty
    backup.restore(second, exports.export_json(full).data)
    highest = max(row["id"] for row in document["tables"]["companies"])
    added = companies.add_company(second, NewCompany(name="After the restore"))
    assert added.id > highest
    assert added.id > document["sequences"]["companies"] - 1
    # The trash and undo came along: the deleted person can come back.
    trash = history.trash(second)
    assert trash and "Tomás Okafor" in trash[0].change.label
    history.restore(second, trash[0].change.id)
    assert people.show_person(second, 3).person.name == "Tomás Okafor"


def test_the_export_holds_every_table_and_no_secret(full: Context) -> None:
    document = json.loads(exports.export_json(full).data)
    with full.db.read() as c:
        stored = set(table_names(c)) - {"users", "alembic_version", "id_sequence"}
    assert set(document["tables"]) | set(dump.LEFT_OUT) == stored
    assert "feed_tokens" not in document["tables"]
    for table, rows in document["tables"].items():
        for row in rows:
            assert "owner_id" not in row
            assert not any(dump.looks_secret(k) for k in row), table
    assert not any("password" in key for t in document["settings"].values() for key in t)
    assert document["format"] == "nextround-export" and document["version"] == 1


def test_columns_that_look_secret_are_all_known() -> None:
    """A new column named like a secret fails here until it is listed in SECRET_COLUMNS."""
    settings = Settings(db_url=str(sqlite_template()), today=date(2026, 11, 25))
    ctx = open_context(settings)
    try:
        with ctx.db.read() as c:
            found = {
                (t, col) for t in table_names(c) for col in columns(c, t) if dump.looks_secret(col)
            }
    finally:
        ctx.close()
    known = dump.SECRET_COLUMNS | dump.NOT_SECRET
    assert found <= known, (
        f"classify in storage/dump.py (SECRET_COLUMNS or NOT_SECRET): {found - known}"
    )
    assert all(t in dump.LEFT_OUT or t == dump.ACCOUNTS for t, _c in dump.SECRET_COLUMNS)


def test_settings_leave_their_secrets_behind(full: Context, tmp_path: Path) -> None:
    from nextround.mailconfig import SmtpSettings

    settings = replace(
        full.settings,
        user=UserProfile(name="Sam"),
        smtp=SmtpSettings(
            host="mail.example", user="sam", password="hunter2", password_file=tmp_path
        ),
    )
    text = exports.export_json(replace(full, settings=settings)).data.decode()
    assert "hunter2" not in text and str(tmp_path) not in text
    assert '"host": "mail.example"' in text


def test_restore_refuses_a_database_that_holds_records(full: Context) -> None:
    data = exports.export_json(full).data
    before = exports.export_json(full).data
    with pytest.raises(Conflict, match=r"already holds records.*init --no-setup"):
        backup.restore(full, data, "backup.json")
    assert _without_stamp(exports.export_json(full).data) == _without_stamp(before)


def test_a_bad_row_restores_nothing(full: Context, second: Context) -> None:
    document = json.loads(exports.export_json(full).data)
    document["tables"]["tasks"][-1]["due"] = "not a day"
    with pytest.raises(
        InvalidInput, match=r"nothing was restored.*tasks\[\d+\]\.due must be a date"
    ):
        backup.restore(second, json.dumps(document).encode(), "b.json")
    document = json.loads(exports.export_json(full).data)
    document["tables"]["tasks"][-1]["person_id"] = 99999  # a person that isn't there
    with pytest.raises(Conflict, match="nothing was restored"):
        backup.restore(second, json.dumps(document).encode(), "b.json")
    with second.db.read() as c:
        assert dump.holding(c) == []


def test_delete_all_leaves_nothing_of_the_owner(full: Context) -> None:
    done = backup.delete_all(full)
    assert done.counts["companies"] > 10 and done.counts["changes"] >= 3
    with full.db.read() as c:
        assert dump.holding(c) == []
        assert c.scalar("SELECT COUNT(*) FROM change_rows") == 0
    added = companies.add_company(full, NewCompany(name="A new start"))
    assert added.id > 12  # ids are never handed out again


def test_application_record_for_a_period(full: Context) -> None:
    record = exports.application_record(full, date(2026, 1, 1), date(2026, 12, 31))
    assert record.lines
    days = [line.applied_on for line in record.lines]
    assert days == sorted(days)
    assert any(line.outcome.startswith("Rejected on ") for line in record.lines)
    assert any(line.contact for line in record.lines)
    with pytest.raises(InvalidInput, match="swap --from and --to"):
        exports.application_record(full, date(2026, 2, 1), date(2026, 1, 1))
