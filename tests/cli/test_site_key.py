"""Hosted, from the command line: ``nextround site key new|rotate`` and a user's scan of
their own mailbox (``--user EMAIL mail scan --imap``), on PostgreSQL with a real Dovecot."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.services import user_secrets, user_settings, users
from nextround.services.context import open_context
from tests.cli.runner import Nextround
from tests.conftest import TODAY
from tests.imapserver import Dovecot
from tests.mail.conftest import dovecot  # noqa: F401 - the IMAP server on loopback
from tests.pg_roles import as_owner
from tests.services.test_mail import REJECTION, letter

pytestmark = pytest.mark.postgres

HOSTED = {"NEXTROUND_HOSTED": "1"}
PASSWORD = "ana's mailbox Hq5 secret"


def _ciphertext(postgres_url: str) -> list[str]:
    with as_owner(postgres_url, "*") as c:
        return [r[0] for r in c.execute("SELECT ciphertext FROM user_secrets").fetchall()]


def test_a_key_made_rotated_and_a_users_own_mailbox_scanned(
    postgres_url: str,
    tmp_path: Path,
    dovecot: Dovecot,  # noqa: F811 - the fixture imported above
) -> None:
    nr = Nextround(tmp_path, postgres_url).created()
    nr.config.parent.mkdir(parents=True, exist_ok=True)
    first, second = tmp_path / "first.key", tmp_path / "second.key"
    made = nr.ok("site", "key", "new", str(first))
    assert "back it up" in made.out and first.stat().st_mode & 0o777 == 0o600
    nr.config.write_text(f'[site]\nkey_file = "{first}"\n', encoding="utf-8")
    for email in ("ana@example.org", "bo@example.org"):
        nr.ok("user", "add", email, **HOSTED)
    box = dovecot.add_user(PASSWORD)
    box.append(
        "INBOX",
        letter("Acme <talent@acme.example>", "Your application", REJECTION, message_id="r1@acme"),
    )
    settings = Settings(
        db_url=postgres_url, today=TODAY, hosted=True, site_key_file=first, config_path=nr.config
    )
    ctx = open_context(settings)
    try:
        ana = ctx.fresh(owner=users.user_id_for(ctx, "ana@example.org"))
        own = {
            ("imap", "host"): "127.0.0.1",
            ("imap", "port"): dovecot.plain_port,
            ("imap", "security"): "none",
            ("imap", "user"): box.name,
        }
        user_settings.save(ana, own, user_secrets.sealed(settings, {"imap.password": PASSWORD}))
    finally:
        ctx.close()
    [before] = _ciphertext(postgres_url)
    scanned = nr.ok("--user", "ana@example.org", "mail", "scan", "--imap", **HOSTED)
    assert scanned.out.startswith("Read 1 message: 1 to review")
    assert PASSWORD not in scanned.out + scanned.err
    refused = nr.run("--user", "bo@example.org", "mail", "scan", "--imap", **HOSTED)
    assert refused.code != 0 and "Settings" in refused.err and refused.err.count("\n") == 1
    # A new key first, the old one after it; rotate; then the new key alone opens it.
    nr.ok("site", "key", "new", str(second), "--keep", str(first))
    nr.config.write_text(f'[site]\nkey_file = "{second}"\n', encoding="utf-8")
    rotated = nr.ok("site", "key", "rotate", **HOSTED)
    assert rotated.out.startswith("1 secret re-encrypted")
    [after] = _ciphertext(postgres_url)
    assert after != before and PASSWORD not in after
    second.write_text(second.read_text().splitlines()[0] + "\n")
    box.append("INBOX", letter("Acme <talent@acme.example>", "Again", REJECTION, message_id="r2@a"))
    again = nr.ok("--user", "ana@example.org", "mail", "scan", "--imap", **HOSTED)
    assert again.out.startswith("Read 1 message: 1 to review") and "Acme: Again" in again.out
    # The old key alone: one line naming the key's settings, never the ciphertext.
    nr.config.write_text(f'[site]\nkey_file = "{first}"\n', encoding="utf-8")
    wrong = nr.run("--user", "ana@example.org", "mail", "scan", "--imap", **HOSTED)
    assert wrong.code != 0 and "[site] key_file" in wrong.err and after not in wrong.err
    assert wrong.err.count("\n") == 1
    nr.config.write_text("", encoding="utf-8")
    missing = nr.run("site", "key", "rotate", **HOSTED)
    assert missing.code != 0 and "nextround site key new" in missing.err
    assert missing.err.count("\n") == 1
