"""Row-level security on PostgreSQL (migration 0020): the net under the services' owner
checks. The tables belong to a role that is no superuser, the app connects as a role
granted rows only (``nextround db grant``); raw SQL without any ``WHERE owner_id``
still reaches only the owner set in its transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors as pg

from nextround.config import Settings
from nextround.domain.companies import NewCompany
from nextround.errors import InvalidInput
from nextround.services import (
    api_tokens,
    companies,
    feeds,
    history,
    job_queue,
    schema,
    user_settings,
    users,
)
from nextround.services.context import Context
from nextround.storage import libpq, owners
from nextround.storage.database import Database
from tests.cli.runner import Nextround
from tests.conftest import TODAY
from tests.pg_roles import Roles, as_owner, roles
from tests.web import hosted

pytestmark = pytest.mark.postgres


@pytest.fixture
def deployed(postgres_admin_url: str, postgres_url: str) -> Iterator[Roles]:
    with roles(postgres_admin_url, postgres_url) as found:
        yield found


@pytest.fixture
def site(deployed: Roles, tmp_path: Any) -> Iterator[Context]:
    """The app's context, connected as the app's role, with users A and B."""
    settings = Settings(db_url=deployed.app_url, today=TODAY, templates_dir=tmp_path / "t")
    with hosted.site(settings) as ctx:
        yield ctx


@pytest.fixture
def ab(site: Context) -> tuple[int, int]:
    """Users A and B, each with a company made through the services."""
    a, b = hosted.add_user(site, "a@example.org"), hosted.add_user(site, "b@example.org")
    companies.add_company(site.fresh(owner=a), NewCompany("Acme of A"))
    companies.add_company(site.fresh(owner=b), NewCompany("Bolt of B"))
    return a, b


def _names(c: psycopg.Connection[Any]) -> set[str]:
    return {r[0] for r in c.execute("SELECT name FROM companies").fetchall()}


def test_every_table_with_an_owner_is_kept_apart(deployed: Roles) -> None:
    with psycopg.connect(deployed.owner_url) as c:
        owned = {
            r[0]
            for r in c.execute(
                "SELECT table_name FROM information_schema.columns WHERE column_name = 'owner_id'"
                " AND table_schema = 'public'"
            )
        }
        forced = {
            r[0]
            for r in c.execute(
                "SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity"
                " AND relnamespace = 'public'::regnamespace"
            )
        }
        assert {"companies", "tasks", "journal_entries", "api_tokens", "feed_tokens"} <= owned
        assert owned - forced == set(), "tables with owner_id but no forced row security"
        assert "change_rows" in forced
        assert not {"users", "sessions", "invitations"} & forced
        # The check itself: a new table with an owner and no row security is named.
        c.execute("CREATE TABLE later_things (id int, owner_id int)")
        wrapped = _wrapped(c)
        assert owners.unprotected(wrapped) == ["later_things"]
        c.rollback()
        assert owners.unprotected(_wrapped(c)) == []


def _wrapped(c: psycopg.Connection[Any]) -> Any:
    from nextround.storage.server import row_factory
    from nextround.storage.sql import Connection

    c.row_factory = row_factory
    return Connection(c, "postgresql")


@pytest.mark.parametrize("role", ["app", "owner"])
def test_raw_sql_reaches_only_the_owner_set(
    deployed: Roles, ab: tuple[int, int], role: str
) -> None:
    a, b = ab
    url = deployed.app_url if role == "app" else deployed.owner_url  # FORCE: the owner too
    with as_owner(url, str(b)) as c:
        assert _names(c) == {"Bolt of B"}
        assert c.execute("SELECT count(*) FROM tasks WHERE owner_id = %s", (a,)).fetchone() == (0,)
        assert c.execute("UPDATE companies SET name = name || ' (seen)'").rowcount == 1
        assert c.execute("DELETE FROM companies WHERE owner_id = %s", (a,)).rowcount == 0
    with as_owner(url, str(b)) as c, pytest.raises(pg.InsufficientPrivilege, match="row-level"):
        c.execute("INSERT INTO companies (owner_id, name) VALUES (%s, 'planted')", (a,))
    # Nor can B move a row of theirs to A.
    with as_owner(url, str(b)) as c, pytest.raises(pg.InsufficientPrivilege, match="row-level"):
        c.execute("UPDATE companies SET owner_id = %s", (a,))
    with as_owner(url, str(a)) as c:
        assert _names(c) == {"Acme of A"}
    with as_owner(url, owners.EVERYONE) as c:
        assert _names(c) == {"Acme of A", "Bolt of B (seen)"}


def test_no_owner_set_sees_nothing(deployed: Roles, ab: tuple[int, int]) -> None:
    for owner in (None, "", "0", "1 OR true", "-1"):
        with as_owner(deployed.app_url, owner) as c:
            assert _names(c) == set(), owner
            seen = c.execute("SELECT count(*) FROM changes").fetchone()
            assert seen == (0,)
            assert c.execute("SELECT count(*) FROM change_rows").fetchone() == (0,)
    with as_owner(deployed.app_url, None) as c:  # the accounts themselves are not owners' rows
        assert c.execute("SELECT count(*) FROM users WHERE email LIKE '%@example.org'").fetchone()
    # And the app's role can't lift it.
    with psycopg.connect(deployed.app_url) as c, pytest.raises(pg.InsufficientPrivilege):
        c.execute("ALTER TABLE companies DISABLE ROW LEVEL SECURITY")


def test_each_change_s_rows_are_its_owner_s(deployed: Roles, ab: tuple[int, int]) -> None:
    a, b = ab
    with as_owner(deployed.owner_url, owners.EVERYONE) as c:
        everyone = c.execute("SELECT count(*) FROM change_rows").fetchone()
    with as_owner(deployed.owner_url, str(a)) as c:
        mine = c.execute("SELECT count(*) FROM change_rows").fetchone()
        theirs = c.execute(
            "SELECT id FROM changes WHERE owner_id = %s ORDER BY id LIMIT 1", (b,)
        ).fetchone()
    assert everyone is not None and mine is not None and 0 < mine[0] < everyone[0]
    assert theirs is None


def test_the_services_work_as_the_app_role(site: Context, ab: tuple[int, int]) -> None:
    a, b = ab
    as_a, as_b = site.fresh(owner=a), site.fresh(owner=b)
    assert [r.company.name for r in companies.list_companies(as_a)] == ["Acme of A"]
    token = api_tokens.add_token(as_b, "script")
    assert api_tokens.token_owner(site, token) == b  # found across owners, touched as B
    link = feeds.create_calendar_token(as_a)
    assert feeds.owner_for_calendar_token(site, link) == a
    assert feeds.calendar_for_token(site, link) is not None
    with as_b.db.transaction() as c:  # B follows their company's board
        c.execute(
            "INSERT INTO watches (owner_id, company_id, board_kind, board_name, board_url) "
            "SELECT owner_id, id, 'greenhouse', 'bolt', 'https://boards.example/bolt' "
            "FROM companies"
        )
    assert job_queue.due_owners(site, job_queue.Kind.WATCH_BOARDS) == [b]  # site: owner 1
    users.disable_user(site, "b@example.org")
    assert api_tokens.token_owner(site, token) is None
    with site.all_owners.read() as c:
        assert c.scalar("SELECT count(*) FROM api_tokens WHERE owner_id = :b", {"b": b}) == 0
    assert job_queue.due_owners(site, job_queue.Kind.WATCH_BOARDS) == []  # B is disabled


def test_the_light_reader_sets_the_owner(deployed: Roles, ab: tuple[int, int]) -> None:
    if not libpq.available():
        pytest.skip("no libpq to load")
    a, _ = ab
    db = Database(deployed.app_url, pooled=False)
    try:
        with db.reader(owner=a) as c:
            assert type(c.raw).__name__ == "LightConnection"
            assert c.scalars("SELECT name FROM companies") == ["Acme of A"]
        with db.reader() as c:
            assert c.scalars("SELECT name FROM companies") == []
        with db.reader(owner=owners.EVERYONE) as c:
            assert len(c.scalars("SELECT name FROM companies")) == 2
    finally:
        db.close()


def test_an_owner_is_a_positive_id_or_everyone() -> None:
    assert owners.setting(7) == "7"
    assert owners.setting("*") == "*"
    for wrong in (0, -1, True, "7", "1 OR true", None):
        with pytest.raises(ValueError):
            owners.setting(wrong)  # type: ignore[arg-type]


def test_grant_prints_rows_and_sequences_only(deployed: Roles, tmp_path: Any) -> None:
    printed = Nextround(tmp_path, deployed.owner_url).ok("db", "grant", "web_app").out
    assert '"web_app"' in printed
    assert "SELECT, INSERT, UPDATE, DELETE ON ALL TABLES" in printed
    assert "CREATE" not in printed and "OWNER" not in printed
    with pytest.raises(InvalidInput):
        schema.grant(Settings(db_url=deployed.owner_url, today=TODAY), 'x"; DROP TABLE users; --')
    # Applied, the app's role can't change the schema.
    with psycopg.connect(deployed.app_url) as c, pytest.raises(pg.InsufficientPrivilege):
        c.execute("CREATE TABLE mine (id int)")


def test_a_job_for_a_user_runs_with_their_own_settings(site: Context, ab: tuple[int, int]) -> None:
    _, b = ab
    hosted = site.fresh(settings=dataclasses.replace(site.settings, hosted=True))
    user_settings.save(hosted.fresh(owner=b), {("user", "name"): "Bea Bolt"})
    # The worker's context is no one's in particular (owner 1): B's job reads B's rows.
    assert job_queue.for_owner(hosted, b).settings.user.name == "Bea Bolt"


def test_undo_and_the_trash_work_as_the_app_role(site: Context, ab: tuple[int, int]) -> None:
    a, b = ab
    as_a = site.fresh(owner=a)
    (acme,) = companies.list_companies(as_a)
    gone = companies.delete_company(as_a, acme.company.id)
    assert gone.change_id is not None
    assert [t.change.id for t in history.trash(as_a)] == [gone.change_id]
    assert history.trash(site.fresh(owner=b)) == []
    history.restore(as_a, gone.change_id)
    assert [r.company.name for r in companies.list_companies(as_a)] == ["Acme of A"]
    edited = companies.add_company(as_a, NewCompany("Second of A"))
    history.undo(as_a)
    assert edited.id not in [r.company.id for r in companies.list_companies(as_a)]
