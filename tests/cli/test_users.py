"""``nextround user``: add with a one-time link, invite from CSV, list, disable; ``--user``."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.errors import InvalidInput, NotFound, NotSignedIn
from nextround.services import api_tokens, feeds, logins, users
from nextround.services.context import open_context
from tests.cli.runner import Nextround
from tests.conftest import TODAY


def _ctx(nr: Nextround):  # type: ignore[no-untyped-def]
    return open_context(Settings(db_url=nr.db, today=TODAY), pooled=False)


def test_add_prints_a_link_that_sets_the_password_once(nr: Nextround) -> None:
    added = nr.ok("user", "add", "Ana@Example.org", "--name", "Ana", "--admin")
    link = added.out.strip()
    assert link.startswith("http://localhost:8000/set-password/")
    assert "ana@example.org added (admin)" in added.err
    ctx = _ctx(nr)
    try:
        token = link.rsplit("/", 1)[1]
        user_id = users.use_link(ctx, token, "a long enough secret")
        with pytest.raises(InvalidInput, match="expired or was used"):
            users.use_link(ctx, token, "another long secret")
        made = logins.log_in(
            ctx, "a long enough secret", logins.Throttle(), account="ANA@example.ORG"
        )
        assert made.user_id == user_id
    finally:
        ctx.close()
    again = nr.run("user", "add", "ana@EXAMPLE.org")
    assert again.code == 1 and "exists already" in again.err
    listed = nr.ok("user", "list").out
    assert "ana@example.org" in listed and "yes" in listed
    assert "never" not in listed.split("ana@example.org", 1)[1].splitlines()[0]


def test_an_expired_link_is_refused(nr: Nextround) -> None:
    ctx = _ctx(nr)
    try:
        made = users.add_user(ctx, "old@example.org", now=logins.now_utc() - users.LINK_LIFETIME)
        assert not users.link_is_good(ctx, made.token)
        with pytest.raises(InvalidInput, match="expired"):
            users.use_link(ctx, made.token, "a long enough secret")
    finally:
        ctx.close()


def test_reset_prints_a_link_that_sets_a_new_password_once(nr: Nextround) -> None:
    first = nr.ok("user", "add", "ana@example.org").out.strip().rsplit("/", 1)[1]
    ctx = _ctx(nr)
    try:
        users.use_link(ctx, first, "the first password")
        made = nr.ok("user", "reset", "ANA@example.org")
        link = made.out.strip()
        assert link.startswith("http://localhost:8000/reset-password/")
        assert "ana@example.org" in made.err and "logs them out everywhere" in made.err
        token = link.rsplit("/", 1)[1]
        with pytest.raises(InvalidInput, match="expired or was used"):
            users.use_link(ctx, token, "a second password")  # not an invitation
        users.use_link(ctx, token, "a second password", "reset")
        with pytest.raises(NotSignedIn):
            logins.log_in(ctx, "the first password", logins.Throttle(), account="ana@example.org")
        assert logins.log_in(ctx, "a second password", logins.Throttle(), account="ana@example.org")
    finally:
        ctx.close()
    unknown = nr.run("user", "reset", "nobody@example.org")
    assert unknown.code == 1 and "nobody@example.org doesn't exist" in unknown.err


def test_disable_ends_sessions_and_tokens_and_refuses_the_login(nr: Nextround) -> None:
    ctx = _ctx(nr)
    try:
        made = users.add_user(ctx, "bo@example.org")
        users.use_link(ctx, made.token, "a long enough secret")
        session = logins.log_in(
            ctx, "a long enough secret", logins.Throttle(), account="bo@example.org"
        )
        token = api_tokens.add_token(ctx.fresh(owner=made.user_id), "script")
        assert api_tokens.token_owner(ctx, token) == made.user_id
        feed = feeds.create_calendar_token(ctx.fresh(owner=made.user_id))
        assert feeds.owner_for_calendar_token(ctx, feed) == made.user_id
        nr.ok("user", "disable", "BO@example.org")
        assert logins.session_user(ctx, session.token) is None
        assert api_tokens.token_owner(ctx, token) is None
        assert feeds.owner_for_calendar_token(ctx, feed) is None
        with pytest.raises(NotSignedIn, match="isn't right"):
            logins.log_in(ctx, "a long enough secret", logins.Throttle(), account="bo@example.org")
    finally:
        ctx.close()
    assert "yes" in nr.ok("user", "list").out.split("bo@example.org", 1)[1].splitlines()[0]
    acting = nr.run("--user", "bo@example.org", "tasks")
    assert acting.code == 1 and "disabled" in acting.err


def test_invite_from_csv_is_all_or_nothing_and_names_bad_lines(
    nr: Nextround, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nAna,ana@example.org\n\nBo,not-an-email\nCy,ANA@example.org\n")
    refused = nr.run("user", "invite", "--csv", str(bad))
    assert refused.code == 1
    assert "line 2:" not in refused.err  # Ana's row is fine; the blank line 3 is no row
    assert "line 4: 'not-an-email' isn't an email address" in refused.err
    assert "line 5: ana@example.org is in the file twice" in refused.err
    assert "ana@example.org" not in nr.ok("user", "list").out
    good = tmp_path / "good.csv"
    good.write_text("email,name\nana@example.org,Ana\nbo@example.org,\n")
    invited = nr.ok("user", "invite", "--csv", str(good))
    lines = invited.out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["ana@example.org", "bo@example.org"]
    assert all("/set-password/" in line for line in lines)
    no_column = tmp_path / "none.csv"
    no_column.write_text("mail\nx@example.org\n")
    assert "column named 'email'" in nr.run("user", "invite", "--csv", str(no_column)).err


def test_user_acts_as_that_user(nr: Nextround) -> None:
    nr.ok("user", "add", "ana@example.org")
    nr.ok("user", "add", "bo@example.org")
    nr.ok("--user", "ana@example.org", "company", "add", "Ana Corp")
    assert "Ana Corp" in nr.ok("--user", "ana@example.org", "company", "list").out
    assert "Ana Corp" not in nr.ok("company", "list", NEXTROUND_USER="bo@example.org").out
    assert "Ana Corp" not in nr.ok("company", "list").out  # the local user's
    unknown = nr.run("--user", "nobody@example.org", "company", "list")
    assert unknown.code == 1 and "no user with the email" in unknown.err


@pytest.mark.postgres
def test_hosted_commands_need_a_user(postgres_url: str, tmp_path: Path) -> None:
    nr = Nextround(tmp_path, postgres_url).created()
    nr.ok("user", "add", "ana@example.org", NEXTROUND_HOSTED="1")
    refused = nr.run("tasks", NEXTROUND_HOSTED="1")
    assert refused.code == 1
    assert refused.err.strip() == (
        "Error: this nextround is hosted: say whose data with --user EMAIL (or NEXTROUND_USER)"
    )
    assert nr.run("today", NEXTROUND_HOSTED="1").code == 1
    nr.ok("--user", "ana@example.org", "tasks", NEXTROUND_HOSTED="1")


def test_hosted_on_sqlite_is_refused_in_one_line(nr_sqlite: Nextround) -> None:
    refused = nr_sqlite.run("user", "list", NEXTROUND_HOSTED="1")
    assert refused.code == 1
    assert refused.err.strip().splitlines() == [
        "Error: hosted mode ([site] hosted, NEXTROUND_HOSTED) needs PostgreSQL: "
        "set NEXTROUND_DB to a postgresql:// URL"
    ]


def test_setup_password_sets_the_named_user_s(nr: Nextround) -> None:
    nr.ok("user", "add", "ana@example.org")
    done = nr.run("--user", "ana@example.org", "setup", "--password", stdin="ana's long secret\n")
    assert done.code == 0, done.err
    ctx = _ctx(nr)
    try:
        made = logins.log_in(ctx, "ana's long secret", logins.Throttle(), account="ana@example.org")
        assert made.user_id == users.user_id_for(ctx, "ana@example.org")
        with pytest.raises(NotSignedIn):  # the local user still has none
            logins.log_in(ctx, "ana's long secret", logins.Throttle())
    finally:
        ctx.close()


@pytest.mark.postgres
def test_a_hosted_site_s_mailbox_is_scanned_into_no_user_s_data(
    postgres_url: str, tmp_path: Path
) -> None:
    nr = Nextround(tmp_path, postgres_url).created()
    nr.ok("user", "add", "ana@example.org", NEXTROUND_HOSTED="1")
    site = {
        "NEXTROUND_HOSTED": "1",
        "NEXTROUND_IMAP_HOST": "127.0.0.1",
        "NEXTROUND_IMAP_USER": "op",
    }
    refused = nr.run("--user", "ana@example.org", "mail", "scan", "--imap", **site)
    assert refused.code == 1
    # The site's own mailbox settings are never anyone's: Ana has none of her own yet.
    assert "each person reads their own mailbox, and yours isn't set up yet" in refused.err


def test_only_the_site_or_an_admin_manages_users(nr: Nextround) -> None:
    nr.ok("user", "add", "ana@example.org")
    nr.ok("user", "add", "root@example.org", "--admin")
    ctx = _ctx(nr)
    try:
        ana = ctx.fresh(owner=users.user_id_for(ctx, "ana@example.org"))
        for attempt in (
            lambda: users.add_user(ana, "eve@example.org"),
            lambda: users.list_users(ana),
            lambda: users.disable_user(ana, "root@example.org"),
            lambda: users.invite_csv(ana, "email\neve@example.org\n"),
        ):
            with pytest.raises(NotFound):
                attempt()
        root = ctx.fresh(owner=users.user_id_for(ctx, "root@example.org"))
        users.add_user(root, "eve@example.org")
        assert "eve@example.org" in {u.email for u in users.list_users(root).items}
        assert not users.disable_user(ana.fresh(owner=root.owner), "ana@example.org").is_admin
    finally:
        ctx.close()
