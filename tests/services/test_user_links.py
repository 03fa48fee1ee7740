"""The site's users through the services, on PostgreSQL: what a user's being disabled does
to the links and the admin's rights they had before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.errors import InvalidInput, NotFound
from nextround.services import logins, users
from nextround.services.context import Context, open_context
from nextround.storage import logins as login_rows
from tests.conftest import TODAY

pytestmark = pytest.mark.postgres

NOON = datetime(2026, 12, 4, 12, 0)
LATER = NOON + timedelta(minutes=5)
PASSWORD = "a long enough secret"
NEW_PASSWORD = "another long secret"


@pytest.fixture
def site(postgres_url: str, tmp_path: Path) -> Iterator[Context]:
    hosted = Settings(
        db_url=postgres_url, today=TODAY, templates_dir=tmp_path / "templates", hosted=True
    )
    ctx = open_context(hosted)
    made = users.add_user(ctx, "ana@example.org", name="Ana Lima", now=NOON)
    users.use_link(ctx, made.token, PASSWORD, now=NOON)
    yield ctx
    ctx.close()


def password_of(ctx: Context, email: str) -> str | None:
    with ctx.db.read() as c:
        found = login_rows.account(c, email=email)
    assert found is not None
    return found.password_hash


def test_a_link_made_before_its_user_was_disabled_sets_no_password(site: Context) -> None:
    reset = users.reset_link(site, "ana@example.org", now=NOON)
    invited = users.add_user(site, "bo@example.org", now=NOON)
    assert users.link_is_good(site, reset.token, "reset", now=LATER)
    assert users.link_is_good(site, invited.token, "invite", now=LATER)
    users.disable_user(site, "ana@example.org", now=NOON)
    users.disable_user(site, "bo@example.org", now=NOON)
    for link in (reset, invited):
        assert not users.link_is_good(site, link.token, link.purpose, now=LATER)
        with pytest.raises(InvalidInput, match="expired or was used already"):
            users.use_link(site, link.token, NEW_PASSWORD, link.purpose, now=LATER)
    # Disabling deleted those links; one made for a disabled user anyway (as a sign-up
    # racing the admin could) is refused all the same: the user must be live.
    with site.db.transaction() as c:
        late = users.new_link(c, invited.user_id, "bo@example.org", NOON, "invite")
    assert not users.link_is_good(site, late.token, "invite", now=LATER)
    with pytest.raises(InvalidInput, match="expired or was used already"):
        users.use_link(site, late.token, NEW_PASSWORD, "invite", now=LATER)
    ana = password_of(site, "ana@example.org")
    assert ana is not None and logins.password_matches(PASSWORD, ana)
    assert password_of(site, "bo@example.org") is None


def test_a_disabled_admin_manages_no_one(site: Context) -> None:
    made = users.add_user(site, "ada@example.org", admin=True, now=NOON)
    ada = site.fresh(owner=made.user_id)
    assert users.reset_link(ada, "ana@example.org", now=NOON).email == "ana@example.org"
    assert users.is_admin(site, made.user_id)
    users.disable_user(site, "ada@example.org", now=NOON)
    assert not users.is_admin(site, made.user_id)
    with pytest.raises(NotFound, match="no such page"):
        users.reset_link(ada, "ana@example.org", now=NOON)
    with pytest.raises(NotFound):
        users.add_user(ada, "cy@example.org", now=NOON)
