"""Bad input a real user produces: one line on stderr, a non-zero exit, nothing written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.runner import Nextround, fingerprint


@pytest.fixture
def acme(nr_sqlite: Nextround) -> Nextround:
    nr = nr_sqlite
    nr.ok("company", "add", "Acme Robotics")
    nr.ok("company", "add", "Acme Logistics")
    nr.ok("company", "add", "Globex")
    nr.ok("person", "add", "Dana Smith", "--company", "Acme Robotics")
    nr.ok("person", "add", "Dana Park", "--company", "Acme Robotics")
    nr.ok("person", "add", "Hank Scorpio", "--company", "Globex")
    nr.ok(
        "app",
        "add",
        "--company",
        "Acme Robotics",
        "--role",
        "Backend Engineer",
        "--applied",
        "2026-10-01",
    )
    nr.ok("app", "add", "--company", "Acme Robotics", "--role", "Data Engineer")
    return nr


CASES = [
    (("app", "show", "999"), "no application with id 999"),
    (("app", "show", "abc"), "'abc' is not a valid integer"),
    (("reject", "42"), "no application with id 42"),
    (("reject", "1", "--on", "20/11/2026"), "'20/11/2026' is not a date; use YYYY-MM-DD"),
    (("reject", "1", "--on", "2026-02-30"), "is not a date"),
    (("reject", "1", "--on", "2026-09-01"), "before the application was sent"),
    (("reject", "2"), "was never applied to"),
    (("app", "status", "1", "hired"), "unknown status 'hired'; choose one of: saved, applied"),
    (
        ("person", "show", "Dana"),
        "person 'Dana' matches 2: Dana Park, Acme Robotics (id 2); Dana Smith",
    ),
    (("person", "show", "Dnaa Smith"), "no person named 'Dnaa Smith'. Did you mean 'Dana Smith'?"),
    (("company", "show", "Acme"), "company 'Acme' matches 2"),
    (("company", "show", "Globx"), "Did you mean 'Globex'?"),
    (("company", "add", "acme robotics"), "a company named 'acme robotics' already exists"),
    (("company", "add", "Initech", "--website", "not a url"), "is not a web address"),
    (("person", "add", "Sam", "--company", "Nowhere Inc"), "no company named 'Nowhere Inc'"),
    (
        ("person", "add", "Sam", "--company", "Globex", "--email", "sam(at)globex"),
        "is not an email address",
    ),
    (
        ("interview", "add", "1", "--on", "2026-11-10", "--with", "Hank Scorpio"),
        "works at Globex, not Acme Robotics",
    ),
    (("interview", "add", "1", "--on", "yesterday"), "'yesterday' is not a date"),
    (("interview", "add", "1", "--on", "2026-11-10", "--at", "2pm"), "'2pm' is not a time"),
    (("task", "done", "77"), "no task with id 77"),
    (("task", "snooze", "1", "--until", "soon"), "'soon' is not a date"),
    (("reply", "Dana Smith"), "say one of --yes, --no or --clear"),
    (("reply", "Dana Smith", "--yes", "--no"), "say one of --yes, --no or --clear"),
    (("reject", "1", "--on", "2026-12-25"), "is in the future"),
    (("reject", "1", "--on", "9999-12-31"), "is out of range"),
    (("company", "show", "0"), "no company with id 0"),
    (("company", "add", "GLOBEX"), "a company named 'GLOBEX' already exists"),
    (("--db", "mysql://sam:pw-secret@localhost/x", "today"), "are not supported"),
    (("journal", "add", "1", "--text", "   "), "the journal entry is empty"),
    (("--today", "25-11-2026", "today"), "'25-11-2026' is not a date"),
    (("app", "add", "--company", "Globex"), "Missing option '--role'"),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_bad_input_is_one_line_and_writes_nothing(
    acme: Nextround, args: tuple[str, ...], message: str
) -> None:
    before = fingerprint(acme.db)
    result = acme.run(*args)
    assert result.code != 0
    assert result.err.startswith("Error: ")
    assert result.err.count("\n") == 1, result.err
    assert message in result.err
    assert "Traceback" not in result.err
    assert fingerprint(acme.db) == before


def test_debug_shows_the_traceback(acme: Nextround) -> None:
    result = acme.run("--debug", "app", "show", "999")
    assert result.code != 0 and "Traceback" in result.err


def test_a_broken_config_file_is_named(tmp_path: Path) -> None:
    fresh = Nextround(tmp_path, str(tmp_path / "fresh.db"))
    fresh.config.parent.mkdir(parents=True)
    fresh.config.write_text("[playbook]\ncard_days = 'two'\n")
    result = fresh.run("init")
    assert result.code == 1
    assert (
        result.err
        == f"Error: config file {fresh.config}: playbook.card_days must be a whole number from 0 to 3650\n"
    )
    assert not Path(fresh.db).exists()


def test_invalid_toml_is_named(nr_sqlite: Nextround) -> None:
    nr_sqlite.config.parent.mkdir(parents=True)
    nr_sqlite.config.write_text("[playbook\n")
    result = nr_sqlite.run("today")
    assert result.code == 1 and "is not valid TOML" in result.err and result.err.count("\n") == 1


def test_an_unwritable_database_path_is_refused(nr_sqlite: Nextround, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = nr_sqlite.run("--db", str(blocker / "n.db"), "init")
    assert result.code == 1
    assert (
        result.err.startswith("Error: can't create the folder for database")
        and result.err.count("\n") == 1
    )
    assert not (blocker.parent / "n.db").exists()


def test_a_mistyped_database_path_is_refused_not_created(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    typo = tmp_path / "nextrond.db"
    result = nr_sqlite.run("--db", str(typo), "company", "add", "Acme")
    assert result.code == 1
    assert result.err == (
        f"Error: there is no database at {typo}; check the path, or create one with "
        f"`nextround init --db {typo}`\n"
    )
    assert not typo.exists()
    assert nr_sqlite.run("company", "list", NEXTROUND_DB=str(typo)).code == 1
    assert not typo.exists()
    # The command the message names does what it says.
    made = nr_sqlite.run("init", "--db", str(typo), "--no-setup")
    assert made.code == 0 and made.out.startswith(f"Your database is ready at {typo}.")
    assert nr_sqlite.ok("--db", str(typo), "company", "add", "Acme").out.startswith("Added")
    two = nr_sqlite.run("--db", str(tmp_path / "a.db"), "init", "--db", str(typo))
    assert two.code == 2 and "two databases named" in two.err


def test_init_creates_the_named_database_and_the_default_one_is_made_on_first_use(
    tmp_path: Path,
) -> None:
    fresh = Nextround(tmp_path, str(tmp_path / "mine.db"))
    made = fresh.run("init")
    assert made.code == 0 and f"Your database is ready at {fresh.db}" in made.out
    assert fresh.ok("company", "add", "Acme").out.startswith("Added company Acme")
    default = fresh.run("today", NEXTROUND_DB="")
    assert default.code == 0
    assert (tmp_path / "data" / "nextround" / "nextround.db").exists()


def test_a_database_from_a_newer_version_is_refused(nr_sqlite: Nextround) -> None:
    nr_sqlite.ok("company", "add", "Acme")
    connection = sqlite3.connect(nr_sqlite.db)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    connection.close()
    result = nr_sqlite.run("company", "list")
    assert result.code == 1
    assert "written by a newer version of nextround (schema 0099_future)" in result.err


def test_the_demo_refuses_a_database_in_use(acme: Nextround) -> None:
    before = fingerprint(acme.db)
    result = acme.run("demo")
    assert result.code == 1 and "only fills an empty one" in result.err
    assert fingerprint(acme.db) == before
