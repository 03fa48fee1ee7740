"""Hosted: a user's settings are read on every request and built again only when something
they are built from changed (the stored rows, the login email, the site file, the
environment's nextround variables)."""

from __future__ import annotations

import pytest

from nextround.config import Settings
from nextround.services import user_settings, users
from nextround.services.context import Context
from nextround.storage import user_settings as stored
from tests.web.hosted import hosted_settings, site, with_site_file

pytestmark = pytest.mark.postgres


@pytest.fixture
def hosted(web_settings: Settings, postgres_url: str) -> Settings:
    return with_site_file(
        hosted_settings(web_settings, postgres_url),
        "[playbook]\ncard_days = 2\n",
        "ana@example.org",
        "bo@example.org",
    )


def _own(ctx: Context, email: str) -> Settings:
    return user_settings.for_owner(ctx.settings, ctx, users.user_id_for(ctx, email))


def test_one_query_reads_what_two_did(hosted: Settings) -> None:
    with site(hosted) as ctx:
        ana = users.user_id_for(ctx, "ana@example.org")
        user_settings.save(ctx.fresh(owner=ana), {("user", "name"): "Ana", ("cards", "size"): "a6"})
        with ctx.fresh(owner=ana).db.read() as c:
            rows, email = stored.own(c, ana)
            assert stored.tables(rows) == stored.read(c, ana)
            assert email == stored.account_email(c, ana) == "ana@example.org"
        bo = users.user_id_for(ctx, "bo@example.org")
        with ctx.fresh(owner=bo).db.read() as c:
            assert stored.own(c, bo) == ((), "bo@example.org")  # no rows of his own


def test_the_same_rows_give_the_same_settings_and_a_change_shows_at_once(
    hosted: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with site(hosted) as ctx:
        first = _own(ctx, "ana@example.org")
        assert _own(ctx, "ana@example.org") is first  # built once
        assert first.playbook.card_days == 2 and first.user.email == "ana@example.org"
        assert _own(ctx, "bo@example.org").user.email == "bo@example.org"  # never Ana's
        ana = users.user_id_for(ctx, "ana@example.org")
        user_settings.save(ctx.fresh(owner=ana), {("playbook", "card_days"): 5})
        assert _own(ctx, "ana@example.org").playbook.card_days == 5
        assert hosted.config_path is not None
        hosted.config_path.write_text("[playbook]\ncard_days = 2\nemail_days = 9\n", "utf-8")
        assert _own(ctx, "ana@example.org").playbook.email_days == 9  # the site file changed
        before = _own(ctx, "ana@example.org")
        monkeypatch.setenv("NEXTROUND_MAIL_AUTO_CONFIRM", "0.97")  # read by the overlay
        assert _own(ctx, "ana@example.org").mail.auto_confirm_above == 0.97
        assert before.mail.auto_confirm_above != 0.97
