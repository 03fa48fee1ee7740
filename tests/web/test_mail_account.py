"""Mail in the web app: the IMAP account on Settings, scans in the background, uploads.

Against a real Dovecot on loopback (see tests/imapserver.py); the password
must never come back: not in a page, config.toml, the log or an export.
"""

from __future__ import annotations

import logging
import stat
import time
from pathlib import Path

import pytest

from nextround.services import mail_review
from tests.imapserver import HOST, ImapUser
from tests.services.test_mail import INVITE, REJECTION, letter, mbox
from tests.web.conftest import Browser, as_api, scan_ended
from tests.web.scenario import ctx_of, interviewed

SECRET = 'an "app" password \\ 42'


def _mail() -> list[bytes]:
    return [
        letter(
            '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
            "Your application",
            REJECTION,
            message_id="r@x",
        ),
        letter(
            "Globex Recruiting <jobs@talent.globex.example>",
            "Interview invitation",
            INVITE,
            message_id="i@x",
        ),
    ]


def _account(user: ImapUser, **changes: str) -> dict[str, str]:
    return {
        "imap.host": HOST,
        "imap.port": str(user.server.plain_port),
        "imap.security": "none",
        "imap.user": user.name,
        "imap.password": user.password,
        "imap.folders": "INBOX",
        "mail.auto_confirm_above": "",
        **changes,
    }


def test_the_account_is_saved_and_its_password_never_shown(
    client: Browser, imap_user: ImapUser, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client.load("/settings")
    saved = client.submit(
        "/settings/imap",
        _account(imap_user, **{"imap.password": SECRET, "imap.folders": "INBOX, Jobs"}),
    )
    assert (saved.status_code, saved.headers["location"]) == (303, "/settings?saved=1#imap")
    page = client.load("/settings")
    assert "<strong>Password:</strong> saved." in page
    assert "Replace the password" in page and "Forget the saved password" in page
    assert 'value="INBOX, Jobs"' in page
    config = (tmp_path / "config" / "config.toml").read_text()
    assert "[imap]" in config and 'folders = ["INBOX", "Jobs"]' in config
    secret_file = tmp_path / "config" / "imap-password"
    assert secret_file.read_text() == SECRET + "\n"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    export = client.get("/export/nextround-export.json")
    for text in (page, config, caplog.text, export.text, client.load("/mail")):
        assert "app&#34; password" not in text and 'app" password' not in text
        assert SECRET not in text
    # An empty password field keeps it; "forget" removes it.
    kept = client.submit("/settings/imap", _account(imap_user, **{"imap.password": ""}))
    assert kept.status_code == 303 and secret_file.exists()
    forgot = client.submit(
        "/settings/imap", _account(imap_user, **{"imap.password": "", "imap.forget": "on"})
    )
    assert forgot.status_code == 303 and not secret_file.exists()
    assert "password_file" not in (tmp_path / "config" / "config.toml").read_text()
    assert "Password (or app password)" in client.load("/settings")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"imap.port": "70000"}, "imap.port", "Give a port from 1 to 65535"),
        ({"imap.host": "imap://mail.example.com"}, "imap.host", "server&#39;s name only"),
        (
            {"imap.host": "imap.example.com", "imap.security": "none"},
            "imap.security",
            "only for a server on this",
        ),
        ({"imap.user": ""}, "imap.user", "Give the user name"),
        ({"mail.auto_confirm_above": "2"}, "mail.auto_confirm_above", "from 0.5 to 1.0"),
        ({"imap.password": "two\nlines"}, "imap.password", "one line of text"),
    ],
)
def test_bad_account_settings_are_named_and_nothing_is_saved(
    client: Browser, tmp_path: Path, changes: dict[str, str], field: str, message: str
) -> None:
    client.load("/settings")
    values = {
        "imap.host": "127.0.0.1",
        "imap.port": "1143",
        "imap.security": "none",
        "imap.user": "sam",
        "imap.password": "pw",
        **changes,
    }
    refused = client.submit("/settings/imap", values)
    assert refused.status_code == 422
    assert f'id="e-{field}"' in refused.text and message in refused.text
    assert 'value="pw"' not in refused.text  # a typed password is not sent back either
    assert not (tmp_path / "config" / "config.toml").exists()
    assert not (tmp_path / "config" / "imap-password").exists()


def test_folders_are_listed_only_when_asked_and_offered_to_tick(
    client: Browser, imap_user: ImapUser
) -> None:
    imap_user.create("Jobs", "R&AOk-cup&AOk-ration")  # "Récupération", modified UTF-7
    client.load("/settings")
    assert 'name="imap.folder"' not in client.load("/settings")  # the server is not asked
    assert client.submit("/settings/imap", _account(imap_user)).status_code == 303
    listed = client.submit("/settings/imap/folders")
    assert listed.status_code == 200
    assert 'name="imap.folder" value="INBOX" checked' in listed.text
    assert 'name="imap.folder" value="Jobs">' in listed.text
    assert 'value="Récupération"' in listed.text
    ticked = client.post(
        "/settings/imap",
        data={
            "csrf": client.csrf,
            **_account(imap_user, **{"imap.folders": "", "imap.password": ""}),
            "imap.folder": ["INBOX", "Récupération"],
        },
        follow_redirects=False,
    )
    assert ticked.status_code == 303
    assert 'value="INBOX, Récupération"' in client.load("/settings")


def test_listing_folders_with_a_wrong_password_says_so_in_one_line(
    client: Browser, imap_user: ImapUser
) -> None:
    client.load("/settings")
    wrong = "not-the-password-" + "x" * 8
    client.submit("/settings/imap", _account(imap_user, **{"imap.password": wrong}))
    refused = client.submit("/settings/imap/folders")
    assert refused.status_code == 422
    assert "refused the login" in refused.text and wrong not in refused.text
    # Said at the top and in the account's form; nothing was saved, and no field is wrong.
    assert "The folders on the server couldn&#39;t be listed; see the mail account." in refused.text
    assert "The folders on the server couldn&#39;t be listed. " in refused.text
    assert "nothing was saved" not in refused.text and 'aria-invalid="true"' not in refused.text


def test_a_server_that_refuses_the_connection_is_said_in_one_sentence(
    client: Browser, imap_user: ImapUser
) -> None:
    from tests.web.server import free_port

    client.load("/settings")
    client.submit("/settings/imap", _account(imap_user, **{"imap.port": str(free_port())}))
    refused = client.submit("/settings/imap/folders")
    assert refused.status_code == 422
    assert "connection refused" in refused.text and "is the server running?</p>" in refused.text


def test_a_refused_save_names_its_fields_and_asks_for_the_password_again(
    client: Browser, imap_user: ImapUser
) -> None:
    client.load("/settings")
    typed = "a-new-secret-" + "z" * 8
    refused = client.submit(
        "/settings/imap",
        _account(imap_user, **{"imap.port": "99999", "imap.password": typed}),
    )
    assert refused.status_code == 422
    assert refused.text.count('role="alert"') == 1  # one line, in the account's form
    assert "Some fields below need another look; nothing was saved." in refused.text
    assert 'id="f-imap.port" name="imap.port" type="number" value="99999" aria-invalid="true"' in (
        refused.text
    )
    assert 'id="e-imap.password">Type it again: it isn&#39;t kept while a field needs a fix.' in (
        refused.text
    )
    assert typed not in refused.text


def test_a_background_scan_of_the_account_files_suggestions(
    client: Browser, imap_user: ImapUser
) -> None:
    interviewed(ctx_of(client))
    imap_user.append("INBOX", *_mail())
    client.load("/settings")
    client.submit("/settings/imap", _account(imap_user))
    api = as_api(client)
    assert api.get("/api/v1/mail/scan").status_code == 404  # none yet
    started = client.submit("/mail/scan")
    assert (started.status_code, started.headers["location"]) == (303, "/mail#scan")
    job = scan_ended(api)
    assert job["state"] == "done" and job["summary"]["filed"] == 2, job
    assert job["what"] == f"{imap_user.name} on 127.0.0.1"
    page = client.load("/mail")
    assert "Finished reading" in page and "2 to review" in page
    assert "Rejection" in page and "Acme Robotics, Backend Engineer" in page
    assert 'src="http://127.0.0.1:8000/static/mail.js"' in page or "/static/mail.js" in page
    rejection = next(s for s in mail_review.review(ctx_of(client)) if s.label == "rejection")
    assert client.submit(f"/mail/{rejection.id}/confirm").status_code == 303
    again = as_api(client).post("/api/v1/mail/scan")
    assert again.status_code == 202 and again.json()["state"] == "running"
    assert scan_ended(api)["summary"] == {  # nothing new; nothing filed twice
        "read": 0,
        "filed": 0,
        "to_review": 0,
        "auto_confirmed": 0,
        "already_seen": 0,
        "not_job_mail": 0,
        "problems": 0,
        "skipped_old": 0,
    }


def test_a_failed_scan_says_why_without_the_password(client: Browser, imap_user: ImapUser) -> None:
    client.load("/settings")
    wrong = "wrong-secret-" + "y" * 8
    client.submit("/settings/imap", _account(imap_user, **{"imap.password": wrong}))
    client.submit("/mail/scan")
    job = scan_ended(as_api(client))
    assert job["state"] == "failed" and "refused the login" in str(job["error"])
    page = client.load("/mail")
    assert "The scan of" in page and wrong not in page


def test_without_an_account_the_page_offers_settings_and_an_upload(client: Browser) -> None:
    page = client.load("/mail")
    assert 'href="/settings#imap"' in page and 'action="/mail/upload"' in page
    refused = client.submit("/mail/scan")
    assert refused.status_code == 422 and "No mail account is set up yet" in refused.text


def _upload(client: Browser, name: str, data: bytes):  # type: ignore[no-untyped-def]
    """The Mail page's upload form, sent with one file."""
    client.load("/mail")
    return client.post(
        "/mail/upload",
        data={"csrf": client.csrf},
        files=[("file", (name, data, "application/mbox"))],
        follow_redirects=False,
    )


def test_an_uploaded_mbox_is_scanned_and_then_deleted(client: Browser, tmp_path: Path) -> None:
    from nextround.web.uploads import folder

    spool = folder()
    before = set(spool.glob("nextround-mail-*"))
    interviewed(ctx_of(client))
    box = mbox(tmp_path / "in.mbox", *_mail()).read_bytes()
    assert _upload(client, "in.mbox", box).status_code == 303
    job = scan_ended(as_api(client))
    assert job["summary"]["filed"] == 2 and job["what"] == "in.mbox"
    assert "Interview invitation" in client.load("/mail")
    assert set(spool.glob("nextround-mail-*")) == before  # the upload is gone
    empty = client.submit("/mail/upload")
    assert empty.status_code == 422 and "Choose an mbox file" in empty.text
    nothing = _upload(client, "inbox.mbox", b"")
    assert nothing.status_code == 422
    assert "inbox.mbox is empty (0 bytes); choose a mailbox file that holds mail" in nothing.text


def test_an_upload_is_named_as_uploaded_and_its_problems_are_one_place(
    client: Browser, tmp_path: Path
) -> None:
    from nextround.services import mail_problems

    interviewed(ctx_of(client))
    cut = mbox(tmp_path / "cut.mbox", *_mail()).read_bytes() + (
        b"From x Fri Nov 20 09:30:00 2026\nSubject: cut\n\nhalf"
    )
    for _ in range(2):  # the same file, uploaded twice: two temporary copies
        assert _upload(client, "cut.mbox", cut).status_code == 303
        assert scan_ended(as_api(client))["state"] == "done"
    listed = mail_problems.problems(ctx_of(client))
    [problem] = listed
    assert problem.source == "mbox:(uploaded) cut.mbox#3"
    assert "nextround-mail-" not in problem.reason
    page = client.load("/mail")
    assert "<code>mbox:(uploaded) cut.mbox#3</code>" in page
    assert client.submit("/mail/problems/forget").status_code == 303
    assert mail_problems.problems(ctx_of(client)) == []
    assert '<section id="problems">' not in client.load("/mail")


def test_several_eml_files_through_the_api(client: Browser, tmp_path: Path) -> None:
    api = as_api(client)
    interviewed(ctx_of(client))
    first, second = _mail()
    one = api.post(
        "/api/v1/mail/upload?name=r.eml",
        content=first,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert one.status_code == 202
    assert scan_ended(api)["summary"]["filed"] == 1
    page = client.load("/mail")
    eml = client.post(
        "/mail/upload",
        data={"csrf": client.csrf},
        files=[
            ("file", ("a.eml", first, "message/rfc822")),
            ("file", ("b.eml", second, "message/rfc822")),
        ],
        follow_redirects=False,
    )
    assert eml.status_code == 303 and "Nothing to review" not in page
    done = scan_ended(api)
    assert done["summary"] == {
        "read": 2,
        "filed": 1,
        "to_review": 1,
        "auto_confirmed": 0,
        "already_seen": 1,
        "not_job_mail": 0,
        "problems": 0,
        "skipped_old": 0,
    }


def test_one_scan_per_owner_at_a_time(client: Browser) -> None:
    import threading

    from nextround.services.mail import ScanReport
    from nextround.web.mail_scan import Scans

    scans, release = Scans(), threading.Event()
    ctx = ctx_of(client)

    def slow(progress):  # type: ignore[no-untyped-def]
        progress(3)
        release.wait(10)
        return ScanReport(read=3)

    first = scans.start(ctx, "the inbox", slow)
    cleaned: list[str] = []
    with pytest.raises(Exception, match="already running") as refused:
        scans.start(ctx, "more", slow, cleanup=lambda: cleaned.append("x"))
    assert type(refused.value).__name__ == "Conflict" and cleaned == ["x"]
    release.set()
    for _ in range(200):
        if first.state != "running":
            break
        time.sleep(0.01)
    assert (first.state, first.read, first.summary["read"]) == ("done", 3, 3)


def test_with_a_working_keyring_the_password_goes_there(
    client: Browser, imap_user: ImapUser, tmp_path: Path
) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        """A keyring that keeps its secrets in this process (the OS's isn't here in tests)."""

        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.stored: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.stored.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.stored[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            del self.stored[(service, username)]

    previous, ring = keyring.get_keyring(), MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        interviewed(ctx_of(client))
        imap_user.append("INBOX", *_mail())
        client.load("/settings")
        assert client.submit("/settings/imap", _account(imap_user)).status_code == 303
        assert ring.stored == {("nextround-imap", imap_user.name): imap_user.password}
        assert not (tmp_path / "config" / "imap-password").exists()
        assert "password_file" not in (tmp_path / "config" / "config.toml").read_text()
        assert "Saved in your system keyring." in client.load("/settings")
        client.submit("/mail/scan")
        assert scan_ended(as_api(client))["summary"]["filed"] == 2
        client.load("/settings")
        forget = {"imap.password": "", "imap.forget": "on"}
        assert client.submit("/settings/imap", _account(imap_user, **forget)).status_code == 303
        assert ring.stored == {}
    finally:
        keyring.set_keyring(previous)


def test_an_empty_server_removes_the_account(client: Browser, tmp_path: Path) -> None:
    client.load("/settings")
    client.submit(
        "/settings/imap",
        {"imap.host": "127.0.0.1", "imap.user": "sam", "imap.password": "pw", "imap.port": "1143"},
    )
    assert (tmp_path / "config" / "imap-password").exists()
    assert client.submit("/settings/imap", {"imap.host": "", "imap.user": ""}).status_code == 303
    config = (tmp_path / "config" / "config.toml").read_text()
    assert "host" not in config and "1143" not in config
    assert not (tmp_path / "config" / "imap-password").exists()
    assert "connect it on the" in client.load("/mail")


def test_while_a_scan_runs_the_page_shows_progress_and_refuses_another(
    client: Browser, imap_user: ImapUser
) -> None:
    import threading

    from nextround.services.mail import ScanReport
    from nextround.web.mail_scan import scans

    client.load("/settings")
    client.submit("/settings/imap", _account(imap_user))
    release = threading.Event()

    def slow(progress):  # type: ignore[no-untyped-def]
        progress(7)
        release.wait(10)
        return ScanReport(read=7)

    class Asked:  # what scans() reads of a request: its app
        app = client.app

    try:
        scans(Asked()).start(ctx_of(client), "the test inbox", slow)  # type: ignore[arg-type]
        page = client.load("/mail")
        assert 'data-scan-status="/api/v1/mail/scan"' in page
        assert "Reading the test inbox… <span data-scan-read>7</span>" in page
        refused = client.submit("/mail/scan")
        assert refused.status_code == 409 and "already running" in refused.text
        api = as_api(client)
        assert api.post("/api/v1/mail/scan").status_code == 409
        assert api.get("/api/v1/mail/scan").json()["read"] == 7
    finally:
        release.set()
    assert scan_ended(as_api(client))["state"] == "done"


def test_an_upload_past_the_cap_is_refused_and_nothing_kept(
    client: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nextround.web import mail_scan
    from nextround.web.uploads import folder

    monkeypatch.setattr(mail_scan, "MAX_UPLOAD", 1000)
    before = set(folder().glob("nextround-mail-*"))
    box = mbox(tmp_path / "big.mbox", *_mail()).read_bytes()
    client.load("/mail")
    refused = client.post(
        "/mail/upload",
        data={"csrf": client.csrf},
        files=[("file", ("big.mbox", box, "application/mbox"))],
        follow_redirects=False,
    )
    assert refused.status_code == 422 and "The upload is larger than 1000 bytes" in refused.text
    api = as_api(client).post(
        "/api/v1/mail/upload", content=box, headers={"Content-Type": "application/octet-stream"}
    )
    error = api.json()["error"]
    assert api.status_code == 422 and error["fields"] == {"file": error["message"]}
    assert set(folder().glob("nextround-mail-*")) == before
    assert as_api(client).get("/api/v1/mail/scan").status_code == 404  # nothing started


def test_an_xoauth2_account_asks_for_no_password(client: Browser) -> None:
    from dataclasses import replace

    from nextround.mailconfig import ImapSettings

    state = client.app.state.web  # type: ignore[attr-defined]
    oauth = ImapSettings(
        host="outlook.office365.com",
        user="sam@outlook.example",
        auth="xoauth2",
        oauth_token_url="https://login.example/token",
        oauth_client_id="client-1",
    )
    state.use_settings(replace(state.base.settings, imap=oauth))
    page = client.load("/settings")
    assert "None needed: this account signs in with your own OAuth client" in page
    assert 'name="imap.password"' not in page


def test_mail_from_long_before_the_search_is_left_out(client: Browser, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    interviewed(ctx_of(client))
    old = letter(
        "Initech Careers <jobs@initech.example>",
        "Your application",
        REJECTION,
        message_id="old@x",
        when=datetime(2021, 3, 1, 9, 0, tzinfo=UTC),
    )
    box = mbox(tmp_path / "mixed.mbox", old, *_mail()).read_bytes()
    client.load("/mail")
    client.post(
        "/mail/upload",
        data={"csrf": client.csrf},
        files=[("file", ("mixed.mbox", box, "application/mbox"))],
        follow_redirects=False,
    )
    job = scan_ended(as_api(client))
    assert job["summary"]["skipped_old"] == 1 and job["summary"]["filed"] == 2
    assert job["since"] is not None
    assert f"Mail from before {job['since']}" in client.load("/mail")


def test_two_uploads_of_one_name_are_told_apart() -> None:
    from nextround.web.mail_scan import _as_uploaded

    paths = [Path("/tmp/x/1-inbox.mbox"), Path("/tmp/x/2-inbox.mbox"), Path("/tmp/x/3-a-b.eml")]
    assert list(_as_uploaded(paths).values()) == [
        "(uploaded) inbox.mbox",
        "(uploaded 2) inbox.mbox",
        "(uploaded) a-b.eml",
    ]
