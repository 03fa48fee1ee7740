"""A hosted user takes their data along and deletes their account: on PostgreSQL as the app's
role (row-level security on), two users with rows in every kind of table.

After A's account goes, no table holds a row naming A (counted as the superuser, past
row-level security, over every foreign key to ``users`` the database has), B's backup is
byte for byte what it was, and A's session, API token and calendar link open nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from nextround.config import Settings
from nextround.domain.applications import ApplicationChanges
from nextround.domain.companies import CompanyChanges, NewCompany
from nextround.domain.journal import NewJournalEntry
from nextround.domain.tasks import TaskChanges
from nextround.domain.watch import NewWatch
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import (
    account,
    api_tokens,
    applications,
    companies,
    exports,
    feeds,
    journal,
    logins,
    mail,
    tasks,
    user_settings,
    users,
)
from nextround.services import watch as watching
from nextround.services.context import Context
from nextround.storage import wipe
from nextround.storage.schema import metadata
from nextround.web.sessions import SESSION_COOKIE
from tests.services.scenario import interviewed
from tests.services.test_mail import mbox
from tests.services.test_mail_first_scan import acme_rejection
from tests.web.conftest import make_client
from tests.web.hosted import PASSWORD, add_user, deployed, logged_in, site

pytestmark = pytest.mark.postgres

MOMENT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
#: Tables only later work fills (a sent digest, a board read, an IMAP folder, a form sent).
LEFT_EMPTY = {
    "digests.owner_id",
    "watch_postings.owner_id",
    "watch_news.owner_id",
    "mail_folders.owner_id",
    "form_submissions.owner_id",
}


@dataclass(frozen=True)
class Person:
    id: int
    email: str
    marker: str
    token: str
    session: str
    calendar: str


def _fill(ctx: Context, email: str, marker: str, tmp_path: Path) -> Person:
    """Rows of ``ctx.owner`` in every kind of table, each naming ``marker``."""
    made = interviewed(ctx)
    companies.edit_company(ctx, made.company_id, CompanyChanges(name=f"{marker} Robotics"))
    applications.edit_application(ctx, made.app_id, ApplicationChanges(role=f"{marker} Wrangler"))
    journal.add_entry(ctx, NewJournalEntry(made.app_id, f"Asked about {marker}-journal."))
    step = next(t for t in applications.reject(ctx, made.app_id).tasks if t.status.is_pending)
    tasks.edit_task(ctx, step.id, TaskChanges(draft=f"Dear Dana, {marker}-draft thanks."))
    tasks.edit_task(ctx, step.id, TaskChanges(draft="Dear Dana, thanks."))  # keeps a revision
    watching.add_watch(ctx, NewWatch(made.company_id, board=f"boards.greenhouse.io/{marker}"))
    gone = companies.add_company(ctx, NewCompany(f"{marker} Trashed"))
    companies.delete_company(ctx, gone.id)  # the trash and the history
    box = mbox(tmp_path / f"{marker}.mbox", acme_rejection(1))
    assert mail.scan_sources(ctx, paths=[box]).filed  # a mail suggestion
    user_settings.save(ctx, {("user", "signature"): f"{marker}-signature"})
    token = api_tokens.add_token(ctx, f"{marker}-script")
    session = logins.log_in(ctx, PASSWORD, logins.Throttle(), account=email).token
    calendar = feeds.create_calendar_token(ctx)
    return Person(ctx.owner, email, marker, token, session, calendar)


@dataclass(frozen=True)
class Site:
    settings: Settings
    superuser_url: str
    a: Person
    b: Person
    c_id: int  # a third user, a coach of A's and of B's


@pytest.fixture
def two(
    web_settings: Settings, postgres_admin_url: str, postgres_url: str, tmp_path: Path
) -> Iterator[Site]:
    with deployed(web_settings, postgres_admin_url, postgres_url) as settings:
        with site(settings) as ctx:
            a_id = add_user(ctx, "a@example.org")
            b_id = add_user(ctx, "b@example.org")
            c_id = add_user(ctx, "c@example.org")
            users.add_user(ctx, "late@example.org")  # an unused link too
            a = _fill(ctx.fresh(owner=a_id), "a@example.org", "Aardvarkish", tmp_path)
            b = _fill(ctx.fresh(owner=b_id), "b@example.org", "Bumblebeeish", tmp_path)
        with psycopg.connect(postgres_url, autocommit=True) as c:  # sign-ins, grants, secrets
            for person in (a, b):
                c.execute(
                    "INSERT INTO identities (user_id, issuer, subject) VALUES (%s, %s, %s)",
                    (person.id, "https://id.example.org", f"{person.marker}-subject"),
                )
                c.execute(
                    "INSERT INTO user_secrets (owner_id, name, ciphertext) VALUES (%s, %s, %s)",
                    (person.id, "imap", f"{person.marker}-ciphertext"),
                )
            for seeker, coach in ((a.id, b.id), (b.id, a.id), (a.id, c_id), (b.id, c_id)):
                c.execute(
                    "INSERT INTO coach_grants (seeker_id, coach_id) VALUES (%s, %s)",
                    (seeker, coach),
                )
        yield Site(settings, postgres_url, a, b, c_id)


def user_columns(url: str) -> list[tuple[str, str]]:
    """Every (table, column) of the database with a foreign key to ``users``, from the catalog."""
    with psycopg.connect(url) as c:
        rows = c.execute(
            "SELECT k.conrelid::regclass::text, a.attname FROM pg_constraint k "
            "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) "
            "WHERE k.contype = 'f' AND k.confrelid = 'users'::regclass ORDER BY 1, 2"
        ).fetchall()
    return [(str(t), str(col)) for t, col in rows]


def rows_naming(url: str, user: int) -> dict[str, int]:
    """As the superuser (past row-level security): rows naming ``user``, per table.column."""
    counts: dict[str, int] = {}
    with psycopg.connect(url) as c:
        for table, column in user_columns(url):
            (n,) = c.execute(
                f"SELECT count(*) FROM {table} WHERE {column} = %s", (user,)
            ).fetchone()  # type: ignore[misc]
            counts[f"{table}.{column}"] = int(n)
        (n,) = c.execute(  # type: ignore[misc]
            "SELECT count(*) FROM change_rows WHERE change_id IN "
            "(SELECT id FROM changes WHERE owner_id = %s)",
            (user,),
        ).fetchone()
        counts["change_rows"] = int(n)
        (n,) = c.execute("SELECT count(*) FROM users WHERE id = %s", (user,)).fetchone()  # type: ignore[misc]
        counts["users"] = int(n)
    return counts


def backup(settings: Settings, owner: int) -> bytes:
    with site(settings) as ctx:
        return exports.export_json(ctx.fresh(owner=owner), now=MOMENT).data


def secrets_of(url: str, person: Person) -> list[str]:
    """What of ``person`` must never be in an export: hashes and ciphertexts as stored."""
    with psycopg.connect(url) as c:
        found = [
            str(v)
            for (v,) in c.execute(
                "SELECT password_hash FROM users WHERE id = %(id)s "
                "UNION ALL SELECT token_hash FROM api_tokens WHERE owner_id = %(id)s "
                "UNION ALL SELECT id FROM sessions WHERE user_id = %(id)s "
                "UNION ALL SELECT token_hash FROM invitations WHERE user_id = %(id)s "
                "UNION ALL SELECT ciphertext FROM user_secrets WHERE owner_id = %(id)s "
                "UNION ALL SELECT token_hash FROM feed_tokens WHERE owner_id = %(id)s",
                {"id": person.id},
            ).fetchall()
        ]
    digest = hashlib.sha256(person.token.encode()).hexdigest()
    return [*found, digest, person.token, person.session, person.calendar]


def test_the_wipe_names_every_table_that_names_a_user(two: Site) -> None:
    covered = {(t, "owner_id") for t in wipe._ORDER if t != "change_rows"}
    covered |= set(wipe.ACCOUNT_ROWS)
    in_database = set(user_columns(two.superuser_url))
    in_schema = {
        (t.name, col.name)
        for t in metadata.tables.values()
        for col in t.columns
        if any(fk.column.table.name == "users" for fk in col.foreign_keys)
    }
    assert in_database == in_schema
    assert in_database - covered == set()


def test_a_s_export_is_a_s_rows_only_and_holds_no_secret(two: Site) -> None:
    data = backup(two.settings, two.a.id).decode()
    for mine in ("Aardvarkish Robotics", "Aardvarkish Wrangler", "Aardvarkish-journal",
                 "Aardvarkish-draft", "Aardvarkish-signature", "Aardvarkish Trashed"):  # fmt: skip
        assert mine in data, mine
    assert "Bumblebeeish" not in data
    assert "greenhouse.io/Aardvarkish" in data and "greenhouse.io/Bumblebeeish" not in data
    stored = secrets_of(two.superuser_url, two.a)
    assert len(stored) >= 9 and all(stored)
    assert [s for s in stored if s in data] == []
    assert "password_hash" not in data and "ciphertext" not in data
    with logged_in(two.settings, two.a.email) as browser:  # the page's download is the same
        page = browser.get("/account")
        assert page.status_code == 200 and "a@example.org" in page.text
        assert 'href="/export/nextround-export.json"' in page.text
        download = browser.get("/export/nextround-export.json").text
        assert "Aardvarkish Wrangler" in download and "Bumblebeeish" not in download


def test_a_deletes_their_account_and_everything_in_it_and_b_keeps_all(two: Site) -> None:
    b_backup = backup(two.settings, two.b.id)
    b_rows = rows_naming(two.superuser_url, two.b.id)
    with logged_in(two.settings, two.a.email) as browser:
        a_before = rows_naming(two.superuser_url, two.a.id)
        empty = {where for where, n in a_before.items() if not n}
        assert empty <= LEFT_EMPTY, a_before  # rows in every other kind of table
        wrong = browser.submit("/account/delete", {"password": "not the password"})
        assert wrong.status_code == 422 and "nothing was deleted" in wrong.text
        assert rows_naming(two.superuser_url, two.a.id) == a_before
        done = browser.submit("/account/delete", {"password": PASSWORD})
        assert done.status_code == 200, done.text[:300]
        assert "Your account is deleted" in done.text and "a@example.org" in done.text
        assert (
            SESSION_COOKIE in done.headers["set-cookie"]
            and "Max-Age=0" in done.headers["set-cookie"]
        )
        assert browser.get("/", follow_redirects=False).headers["location"] == "/login"
    gone = rows_naming(two.superuser_url, two.a.id)
    assert {k: n for k, n in gone.items() if n} == {}
    b_after = rows_naming(two.superuser_url, two.b.id)
    less = {k: b_rows[k] - 1 for k in ("coach_grants.coach_id", "coach_grants.seeker_id")}
    assert b_after == {**b_rows, **less}  # only the grants between A and B went
    assert backup(two.settings, two.b.id) == b_backup  # byte for byte
    with make_client(two.settings) as visitor:  # A's other session, token and calendar link
        visitor.cookies.set(SESSION_COOKIE, two.a.session)
        assert visitor.get("/", follow_redirects=False).status_code == 303
        bearer = {"Authorization": f"Bearer {two.a.token}"}
        assert visitor.get("/api/v1/companies", headers=bearer).status_code == 401
        assert visitor.get(f"/calendar/{two.a.calendar}.ics").status_code == 404
        visitor.cookies.clear()
        visitor.load("/login")
        again = visitor.submit("/login", {"account": two.a.email, "password": PASSWORD})
        assert again.status_code == 401
    visitor.app.state.web.close()  # type: ignore[attr-defined]
    with logged_in(two.settings, two.b.email) as b_browser:  # B goes on as before
        assert "Bumblebeeish Robotics" in b_browser.get("/companies").text


def test_the_api_deletes_with_the_password_and_the_token_stops_at_once(two: Site) -> None:
    with make_client(two.settings) as script:
        bearer = {"Authorization": f"Bearer {two.a.token}"}
        wrong = script.request(
            "DELETE", "/api/v1/account", json={"password": "nope"}, headers=bearer
        )
        assert wrong.status_code == 422 and wrong.json()["error"]["fields"]["password"]
        assert script.get("/api/v1/companies", headers=bearer).status_code == 200
        done = script.request(
            "DELETE", "/api/v1/account", json={"password": PASSWORD}, headers=bearer
        )
        assert done.status_code == 200, done.text
        assert done.json()["email"] == "a@example.org" and done.json()["counts"]["users"] == 1
        assert script.get("/api/v1/companies", headers=bearer).status_code == 401
    script.app.state.web.close()  # type: ignore[attr-defined]
    assert {k: n for k, n in rows_naming(two.superuser_url, two.a.id).items() if n} == {}


def test_a_failure_midway_deletes_nothing(two: Site) -> None:
    """A table the wipe doesn't know (made here, with a real foreign key to users) holds a
    row of A's: the last delete fails on it, and every delete before it is undone."""
    with psycopg.connect(two.superuser_url, autocommit=True) as c:
        c.execute("CREATE TABLE planted (id serial PRIMARY KEY, user_id int REFERENCES users(id))")
        c.execute("INSERT INTO planted (user_id) VALUES (%s)", (two.a.id,))
    before = rows_naming(two.superuser_url, two.a.id)
    a_backup = backup(two.settings, two.a.id)
    with site(two.settings) as ctx:
        with pytest.raises(Conflict, match="couldn't be deleted, so nothing was"):
            account.delete_own(ctx.fresh(owner=two.a.id), password=PASSWORD)
        assert logins.session_user(ctx, two.a.session) == two.a.id
        assert api_tokens.token_owner(ctx, two.a.token) == two.a.id
    assert rows_naming(two.superuser_url, two.a.id) == before
    assert backup(two.settings, two.a.id) == a_backup
    with logged_in(two.settings, two.a.email) as browser:
        refused = browser.submit("/account/delete", {"password": PASSWORD})
        assert refused.status_code == 409 and "nothing was" in refused.text


def test_a_user_without_a_password_types_their_email(two: Site) -> None:
    with site(two.settings) as ctx:
        made = users.add_user(ctx, "Nopass@Example.org")
        mine = ctx.fresh(owner=made.user_id)
        assert not account.about(mine).has_password
        for typed in ("a@example.org", "", "   ", "nopass"):  # typed wrong, or not at all
            with pytest.raises(InvalidInput, match="isn't your email"):
                account.delete_own(mine, email=typed)
        assert account.delete_own(mine, email=" NOPASS@example.org ").counts["users"] == 1
        with pytest.raises(NotFound):
            account.about(mine)


def test_the_site_s_own_user_and_others_can_t_delete_through_here(two: Site) -> None:
    with site(two.settings) as ctx:
        with pytest.raises(NotFound, match="delete-all"):
            account.delete_own(ctx, password=PASSWORD)  # the site's own context, owner 1
        with pytest.raises(NotFound, match="no such page"):
            account.delete_user(ctx.fresh(owner=two.b.id), "a@example.org")  # B is no admin
        assert account.delete_user(ctx, "A@example.org").email == "a@example.org"
        with pytest.raises(NotFound, match="no user"):
            account.delete_user(ctx, "a@example.org")
    assert rows_naming(two.superuser_url, two.b.id)["users"] == 1


def test_an_admin_deletes_a_user_from_the_admin_page(two: Site) -> None:
    with site(two.settings) as ctx:
        add_user(ctx, "root@example.org", admin=True)
    form = {"email": "a@example.org", "confirm": "a@example.org"}
    with logged_in(two.settings, two.b.email) as b_browser:  # no admin: the page isn't there
        assert 'href="/account"' in b_browser.get("/").text
        assert b_browser.submit("/admin/users/delete", form).status_code == 404
    assert rows_naming(two.superuser_url, two.a.id)["users"] == 1
    with logged_in(two.settings, "root@example.org") as admin:
        assert 'action="/admin/users/delete"' in admin.get("/admin/users").text
        typo = admin.submit("/admin/users/delete", {**form, "confirm": "a@example.com"})
        assert typo.status_code == 422 and "nothing was deleted" in typo.text
        assert rows_naming(two.superuser_url, two.a.id)["users"] == 1
        done = admin.submit("/admin/users/delete", form)
        assert done.status_code == 200 and "are deleted" in done.text
        assert "a@example.org" not in admin.get("/admin/users").text
    assert {k: n for k, n in rows_naming(two.superuser_url, two.a.id).items() if n} == {}
    assert rows_naming(two.superuser_url, two.b.id)["users"] == 1


def test_wrong_passwords_to_delete_are_counted_as_at_the_login(two: Site) -> None:
    with logged_in(two.settings, two.a.email) as browser:
        for _ in range(5):
            wrong = browser.submit("/account/delete", {"password": "a guess of someone's"})
            assert wrong.status_code == 422
        waited = browser.submit("/account/delete", {"password": PASSWORD})
        assert waited.status_code == 429 and "Too many wrong passwords" in waited.text
    assert rows_naming(two.superuser_url, two.a.id)["users"] == 1
