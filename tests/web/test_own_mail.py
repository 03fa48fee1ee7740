"""Hosted: each user's own mailbox (IMAP) and mail server (SMTP), on PostgreSQL with two
users, a real Dovecot and a real SMTP server on loopback. The passwords are saved
encrypted with the site key, never shown again; a user without a mailbox of their own
is refused, saying how to set one up."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nextround.config import Settings
from nextround.domain.tasks import Kind, Task
from nextround.errors import ConfigError
from nextround.jobs import work
from nextround.services import applications, mail, mail_review, site_key, user_settings, users
from nextround.services.context import Context
from nextround.services.job_queue import Kind as JobKind
from nextround.services.job_queue import due_owners, for_owner
from tests.imapserver import Dovecot
from tests.mail import Cert, Inbox, make_cert, smtp_server
from tests.pg_roles import as_owner
from tests.services.scenario import interviewed
from tests.services.test_mail import REJECTION, letter
from tests.web.conftest import Browser, scan_ended
from tests.web.hosted import hosted_settings, logged_in, site, with_site_file

pytestmark = pytest.mark.postgres

MAILBOX_PASSWORD = "ana-mailbox-Qz7 secret"
SERVER_PASSWORD = "ana-server-Wk4 secret"
#: What the settings page says of a saved password (and of nothing else).
SAVED = "Kept encrypted by this site; nobody is shown it again."


@pytest.fixture
def hosted(web_settings: Settings, postgres_url: str, tmp_path: Path) -> Settings:
    key = tmp_path / "site.key"
    site_key.new_key_file(key)
    settings = replace(hosted_settings(web_settings, postgres_url), site_key_file=key)
    return with_site_file(
        settings, '[smtp]\nhost = "smtp.site.example"\n', "ana@example.org", "bo@example.org"
    )


def _as(ctx: Context, email: str) -> Context:
    return user_settings.personal(ctx.fresh(owner=users.user_id_for(ctx, email)))


def _ciphertexts(postgres_url: str) -> list[str]:
    with as_owner(postgres_url, "*") as c:
        return [r[0] for r in c.execute("SELECT ciphertext FROM user_secrets").fetchall()]


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    return make_cert(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def smtp(cert: Cert, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, Inbox]]:
    """STARTTLS with a login as Ana; the certificate trusted by file."""
    monkeypatch.setenv("NEXTROUND_SMTP_CA_FILE", str(cert.cert_file))
    with smtp_server(cert=cert, users={"ana@example.org": SERVER_PASSWORD}) as server:
        yield server.port, server.inbox


def _congrats(ctx: Context) -> Task:
    scene = interviewed(ctx)
    plan = applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    return next(t for t in plan.tasks if t.kind is Kind.CONGRATS_EMAIL)


def test_a_users_own_mailbox_is_scanned_and_the_password_never_shown(
    hosted: Settings, postgres_url: str, dovecot: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    box = dovecot.add_user(MAILBOX_PASSWORD)
    box.append(
        "INBOX",
        letter(
            "Acme Robotics <talent@acme.example>",
            "Your application",
            REJECTION,
            message_id="r1@acme",
        ),
    )
    own = {
        "imap.host": "127.0.0.1",
        "imap.port": str(dovecot.plain_port),
        "imap.security": "none",
        "imap.user": box.name,
        "imap.folders": "INBOX",
    }
    with logged_in(hosted, "ana@example.org") as ana:
        saved = ana.submit("/settings/imap", {**own, "imap.password": MAILBOX_PASSWORD})
        assert saved.status_code == 303, saved.text[:800]
        page = ana.get("/settings").text
        assert box.name in page and SAVED in page
        assert MAILBOX_PASSWORD not in page and "Qz7" not in page
        listed = ana.submit("/settings/imap/folders", {})
        assert listed.status_code == 200 and 'value="INBOX"' in listed.text
        assert "Qz7" not in listed.text
        exported = ana.get("/export/nextround-export.json").content
    assert b"Qz7" not in exported and json.loads(exported)["settings"]["imap"]["user"] == box.name
    [token] = _ciphertexts(postgres_url)
    assert "Qz7" not in token and token not in exported.decode()
    with logged_in(hosted, "bo@example.org") as bo:
        page = bo.get("/settings").text
        assert box.name not in page and SAVED not in page
        refused = bo.submit("/mail/scan", {})
        assert refused.status_code >= 400 and "Settings" in refused.text
    assert hosted.config_path is not None
    assert "imap" not in hosted.config_path.read_text(encoding="utf-8")  # the site's file stays
    with site(hosted) as ctx:
        ana_ctx, bo_ctx = _as(ctx, "ana@example.org"), _as(ctx, "bo@example.org")
        interviewed(ana_ctx)
        report = mail.scan_sources(ana_ctx, use_imap=True)
        assert report.read == 1 and [s.label for s in report.filed] == ["rejection"]
        with pytest.raises(ConfigError) as no_mailbox:
            mail.scan_sources(bo_ctx, use_imap=True)
        assert "Settings" in no_mailbox.value.message and "\n" not in no_mailbox.value.message
        # The scheduled scan: due for Ana alone, and her job reads her own mailbox.
        assert due_owners(ctx, JobKind.SCAN_MAIL) == [ana_ctx.owner]
        box.append(
            "INBOX",
            letter("Acme Robotics <talent@acme.example>", "Again", REJECTION, message_id="r2@acme"),
        )
        done = work.scan_mail(for_owner(ctx, ana_ctx.owner))
        assert done["read"] == 1
        assert len(mail_review.review(ana_ctx)) == 2 and mail_review.review(bo_ctx) == []
        with pytest.raises(ConfigError, match="isn't set up yet"):
            work.scan_mail(for_owner(ctx, bo_ctx.owner))
    # Through the API: Ana's scan runs and says nothing of her password; with a wrong one
    # saved, the failure says so without it either; Bo is told where to set a mailbox up.
    box.append(
        "INBOX",
        letter("Acme Robotics <talent@acme.example>", "Third", REJECTION, message_id="r3@a"),
    )
    with logged_in(hosted, "ana@example.org") as ana:
        scanned = _api_scan(ana)
        assert (scanned["state"], scanned["read"]) == ("done", 1), scanned
        wrong = ana.submit("/settings/imap", {**own, "imap.password": "wrong-Jx8 guess"})
        assert wrong.status_code == 303
        failed = _api_scan(ana)
        assert failed["state"] == "failed" and failed["error"], failed
        assert "Jx8" not in json.dumps(failed) and "Qz7" not in json.dumps(failed)
    with logged_in(hosted, "bo@example.org") as bo:
        refused = bo.post("/api/v1/mail/scan", json={}, headers={"X-CSRF-Token": bo.csrf})
        assert refused.status_code == 422 and "Settings" in refused.text
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert any(r.name.startswith("nextround") for r in caplog.records)  # the app's log
    assert "Qz7" not in logged and "Jx8" not in logged and token not in logged


def _api_scan(browser: Browser) -> dict[str, Any]:
    """Start a scan through the API and wait for it to end; every answer's JSON."""
    headers = {"X-CSRF-Token": browser.csrf}
    started = browser.post("/api/v1/mail/scan", json={}, headers=headers)
    assert started.status_code == 202, started.text
    assert "Qz7" not in started.text
    return scan_ended(browser)


def test_a_users_own_mail_server_sends_their_congratulations_email(
    hosted: Settings, postgres_url: str, smtp: tuple[int, Inbox]
) -> None:
    port, inbox = smtp
    with site(hosted) as ctx:
        ana_task = _congrats(_as(ctx, "ana@example.org"))
        bo_task = _congrats(_as(ctx, "bo@example.org"))
    own = {
        "smtp.host": "127.0.0.1",
        "smtp.port": str(port),
        "smtp.security": "starttls",
        "smtp.user": "ana@example.org",
        "smtp.from": "Ana Ample <ana@example.org>",
    }
    with logged_in(hosted, "ana@example.org") as ana:
        ana.submit("/settings", {"user.name": "Ana Ample"})
        missing = ana.submit("/settings/smtp", own)  # a user name and no password yet
        assert missing.status_code == 422 and "Give the password" in missing.text
        saved = ana.submit("/settings/smtp", {**own, "smtp.password": SERVER_PASSWORD})
        assert saved.status_code == 303, saved.text[:800]
        page = ana.get("/settings").text
        assert SAVED in page and "Wk4" not in page
        assert 'value="Ana Ample &lt;ana@example.org&gt;"' in page
        task_page = ana.get(f"/tasks/{ana_task.id}").text
        assert "Send by email now" in task_page
        sent = ana.submit(f"/tasks/{ana_task.id}/send", {})
        assert sent.status_code == 303, sent.text[:800]
        assert "Wk4" not in ana.get(f"/tasks/{ana_task.id}").text
    [message] = inbox.messages
    assert message.authenticated and message.mail_from == "ana@example.org"
    assert message.rcpt_tos == ["dana@acme.example"]
    assert all("Wk4" not in t for t in _ciphertexts(postgres_url))
    with logged_in(hosted, "bo@example.org") as bo:
        bo.submit("/settings", {"user.name": "Bo Brandt"})
        page = bo.get(f"/tasks/{bo_task.id}").text
        assert "Send by email now" not in page and 'href="/settings#smtp"' in page
        refused = bo.submit(f"/tasks/{bo_task.id}/send", {})
        assert refused.status_code == 409 and len(inbox.messages) == 1
    # Forgetting the password removes its row; the server stays, sending is refused.
    with logged_in(hosted, "ana@example.org") as ana:
        assert ana.submit("/settings/smtp", {**own, "smtp.forget": "on"}).status_code == 303
        assert SAVED not in ana.get("/settings").text
    assert _ciphertexts(postgres_url) == []


def test_without_a_site_key_nothing_is_saved_and_the_form_says_why(
    hosted: Settings, postgres_url: str
) -> None:
    keyless = replace(hosted, site_key_file=None)
    with logged_in(keyless, "ana@example.org") as ana:
        refused = ana.submit(
            "/settings/smtp",
            {"smtp.host": "smtp.example.com", "smtp.user": "ana", "smtp.password": "pw-Xy1"},
        )
        assert refused.status_code == 422
        assert "key_file" in refused.text and "nextround site key new" in refused.text
        assert "pw-Xy1" not in refused.text
        bad = ana.submit(
            "/settings/smtp", {"smtp.host": "smtp.example.com", "smtp.security": "none"}
        )
        assert bad.status_code == 422 and "unencrypted" in bad.text
    assert _ciphertexts(postgres_url) == []
    with site(hosted) as ctx:
        assert not user_settings.own_smtp(_as(ctx, "ana@example.org")).host
