"""A hosted user's own mailbox and mail server, as the scan and the sending find them: their
settings, with the password they saved (opened with the site key), or one line saying
what is missing. On PostgreSQL, as a hosted site runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.errors import ConfigError
from nextround.services import site_key, user_secrets, user_settings, users
from nextround.services.context import Context, open_context
from tests.conftest import TODAY

pytestmark = pytest.mark.postgres

SECRET = "ana's own Hq5 password"


@pytest.fixture
def ana(postgres_url: str, tmp_path: Path) -> Iterator[Context]:
    key = tmp_path / "site.key"
    site_key.new_key_file(key)
    hosted = Settings(
        db_url=postgres_url,
        today=TODAY,
        templates_dir=tmp_path / "templates",
        hosted=True,
        site_key_file=key,
    )
    ctx = open_context(hosted)
    made = users.add_user(ctx, "ana@example.org")
    yield ctx.fresh(owner=made.user_id)
    ctx.close()


def test_a_mailbox_or_mail_server_without_its_saved_password_is_one_line(ana: Context) -> None:
    with pytest.raises(ConfigError, match="yours isn't set up yet"):
        user_secrets.mailbox(ana)
    with pytest.raises(ConfigError, match="none is set up yet"):
        user_secrets.mail_server(ana)
    own = {
        ("imap", "host"): "imap.example.org",
        ("imap", "user"): "ana",
        ("smtp", "host"): "smtp.example.org",
        ("smtp", "user"): "ana-sends",
    }
    user_settings.save(ana, own)
    with pytest.raises(ConfigError) as imap:
        user_secrets.mailbox(ana)
    assert imap.value.message == (
        "no password is saved for your mailbox (ana at imap.example.org): add it in Settings, "
        "under “Reading your mailbox (IMAP)”"
    )
    with pytest.raises(ConfigError) as smtp:
        user_secrets.mail_server(ana)
    assert smtp.value.message == (
        "no password is saved for your mail server (ana-sends at smtp.example.org): add it in "
        "Settings, under “Sending your email (SMTP)”"
    )
    user_secrets.save(ana, {"imap.password": SECRET, "smtp.password": SECRET + "!"})
    mailbox = user_secrets.mailbox(ana)
    assert (mailbox.host, mailbox.user, mailbox.password) == ("imap.example.org", "ana", SECRET)
    server, password = user_secrets.mail_server(ana)
    assert (server.host, server.user, password) == ("smtp.example.org", "ana-sends", SECRET + "!")
    # Without a user name no password is asked for (a server that takes mail from anyone
    # on its network).
    user_secrets.save(ana, {"imap.password": None})
    user_settings.save(ana, {("imap", "user"): None})
    assert user_secrets.mailbox(ana).password is None
