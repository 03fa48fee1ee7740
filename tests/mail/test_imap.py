"""Reading mail from a real Dovecot on loopback: incremental, read-only, and failing clearly."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import keyring
import pytest

from nextround.errors import ConfigError
from nextround.mail import secrets
from nextround.mail.imap import FolderState, ImapFailed, scan_imap
from nextround.mail.sources import RawMail, SourceProblem
from nextround.mailconfig import ImapSettings
from tests.imapserver import HOST, PASSWORD, Dovecot, ImapUser, dropping_proxy, rewriting_proxy
from tests.mail import free_port, make_cert, silent_server
from tests.mail.test_smtp import MemoryKeyring

Scanned = RawMail | SourceProblem | FolderState


def message(n: int, body: str = "Thank you for applying.") -> bytes:
    return (
        f"From: Acme Talent <talent@acme.example>\r\nTo: sam@home.example\r\n"
        f"Subject: Application {n}\r\nMessage-ID: <m{n}@acme.example>\r\n\r\n{body}\r\n"
    ).encode()


def scan(
    settings: ImapSettings, known: dict[str, FolderState] | None = None, **options: int
) -> list[Scanned]:
    return list(scan_imap(settings, known or {}, **options))


def mails(found: Iterable[Scanned]) -> list[bytes]:
    return [f.data for f in found if isinstance(f, RawMail)]


def states(found: Iterable[Scanned]) -> dict[str, FolderState]:
    return {f.folder: f for f in found if isinstance(f, FolderState)}


def problems(found: Iterable[Scanned]) -> list[SourceProblem]:
    return [f for f in found if isinstance(f, SourceProblem)]


def assert_secret_free(text: str, password: str = PASSWORD) -> None:
    assert password not in text
    assert password.replace("\\", "\\\\").replace('"', '\\"') not in text
    assert base64.b64encode(password.encode()).decode() not in text


# --------------------------------------------------------------------------- reading


def test_the_first_scan_reads_everything_then_only_what_is_new(imap_user: ImapUser) -> None:
    imap_user.append("INBOX", message(1), message(2), message(3))
    first = scan(imap_user.settings())
    assert mails(first) == [message(1), message(2), message(3)]
    assert isinstance(first[-1], FolderState)  # the state comes after the folder's mail
    state = states(first)["INBOX"]
    assert (state.folder, state.last_uid) == ("INBOX", 3)
    assert state.uidvalidity > 0

    again = scan(imap_user.settings(), states(first))
    assert again == [state]  # nothing new: the same state back

    imap_user.append("INBOX", message(4), message(5))
    new = scan(imap_user.settings(), states(again))
    assert mails(new) == [message(4), message(5)]
    assert states(new)["INBOX"] == replace(state, last_uid=5)


def test_sources_name_the_folder_and_uid_but_no_password(imap_user: ImapUser) -> None:
    imap_user.append("INBOX", message(1))
    mail, state = scan(imap_user.settings())
    assert isinstance(mail, RawMail)
    assert isinstance(state, FolderState)
    user = imap_user.name.replace("@", "%40")
    port = imap_user.server.plain_port
    assert mail.source == (
        f"imap://{user}@{HOST}:{port}/INBOX;UIDVALIDITY={state.uidvalidity}/;UID=1"
    )
    assert_secret_free(repr(mail) + repr(imap_user.settings()))


def test_scanning_changes_no_flags(imap_user: ImapUser) -> None:
    imap_user.append("INBOX", message(1), message(2))
    imap_user.append("INBOX", message(3), seen=True)
    before = imap_user.flags()
    assert before == {1: frozenset(), 2: frozenset(), 3: frozenset({"\\Seen"})}
    assert len(mails(scan(imap_user.settings()))) == 3
    assert imap_user.flags() == before


def test_a_new_uidvalidity_means_reading_the_folder_again(imap_user: ImapUser) -> None:
    imap_user.create("Jobs")
    imap_user.append("Jobs", message(1), message(2))
    settings = imap_user.settings(folders=("Jobs",))
    first = states(scan(settings))["Jobs"]
    # The folder is rebuilt (as after a server move): same mail, new UIDVALIDITY.
    imap_user.delete("Jobs")
    imap_user.create("Jobs")
    imap_user.append("Jobs", message(1), message(2))
    found = scan(settings, {"Jobs": first})
    assert mails(found) == [message(1), message(2)]
    again = states(found)["Jobs"]
    assert again.uidvalidity != first.uidvalidity
    assert again.last_uid == 2


def test_a_stale_last_uid_with_the_same_uidvalidity_reads_only_higher_uids(
    imap_user: ImapUser,
) -> None:
    # "UID 9:*" matches the highest UID (2) even though it is below 9: not new.
    imap_user.append("INBOX", message(1), message(2))
    state = states(scan(imap_user.settings()))["INBOX"]
    ahead = replace(state, last_uid=9)
    assert scan(imap_user.settings(), {"INBOX": ahead}) == [ahead]


def test_several_folders_and_a_missing_one(imap_user: ImapUser) -> None:
    # "Entwürfe" and "R&D" as IMAP's modified UTF-7 has them (RFC 3501 5.1.3).
    imap_user.create("Jobs", "Entw&APw-rfe", "R&-D")
    imap_user.append("INBOX", message(1))
    imap_user.append("Jobs", message(2))
    imap_user.append("Entw&APw-rfe", message(3))
    imap_user.append("R&-D", message(4))
    folders = ("INBOX", "No Such Folder", "Jobs", "Entwürfe", "R&D")
    found = scan(imap_user.settings(folders=folders))
    assert mails(found) == [message(1), message(2), message(3), message(4)]
    assert set(states(found)) == {"INBOX", "Jobs", "Entwürfe", "R&D"}
    [problem] = problems(found)
    assert problem.source.endswith("/No%20Such%20Folder")
    assert "can't open the folder 'No Such Folder'" in problem.message
    assert "check imap.folders or NEXTROUND_IMAP_FOLDERS" in problem.message
    assert "\n" not in problem.message


def test_many_messages_come_in_batches(imap_user: ImapUser) -> None:
    sent = [message(n, "x" * (n * 97 % 3000)) for n in range(1, 131)]
    imap_user.append("INBOX", *sent)
    found = scan(imap_user.settings())
    assert mails(found) == sent
    assert states(found)["INBOX"].last_uid == 130


def test_a_message_over_the_size_cap_is_a_problem_and_skipped(imap_user: ImapUser) -> None:
    imap_user.append("INBOX", message(1), message(2, "y" * 5000), message(3))
    found = scan(imap_user.settings(), max_size=2000)
    assert mails(found) == [message(1), message(3)]
    [problem] = problems(found)
    assert problem.source.endswith(";UID=2")
    assert problem.message == "the message is larger than 2000 bytes; skipped as too big"
    assert states(found)["INBOX"].last_uid == 3  # not read again next time


def test_an_empty_folder_gives_a_state_with_no_uid(imap_user: ImapUser) -> None:
    [state] = scan(imap_user.settings())
    assert isinstance(state, FolderState)
    assert state.last_uid == 0


def test_stopping_early_logs_out_cleanly(imap_user: ImapUser) -> None:
    imap_user.append("INBOX", message(1), message(2))
    found = scan_imap(imap_user.settings(), {})
    assert isinstance(next(found), RawMail)
    found.close()  # the caller stops reading; no state was given for INBOX
    assert mails(scan(imap_user.settings())) == [message(1), message(2)]


# --------------------------------------------------------------------------- TLS and logins


def test_implicit_tls_with_the_test_certificate(imap_user: ImapUser) -> None:
    imap_user.append("INBOX", message(1))
    settings = imap_user.settings("ssl", cafile=imap_user.server.cert.cert_file)
    assert mails(scan(settings)) == [message(1)]


def test_starttls_with_the_test_certificate(imap_user: ImapUser) -> None:
    imap_user.append("INBOX", message(1))
    settings = imap_user.settings("starttls", cafile=imap_user.server.cert.cert_file)
    assert mails(scan(settings)) == [message(1)]


def test_an_untrusted_certificate_stops_before_the_login(imap_user: ImapUser) -> None:
    with pytest.raises(ImapFailed) as failed:
        scan(imap_user.settings("ssl"))
    text = failed.value.message
    assert text.startswith(f"the TLS certificate of the IMAP server {HOST}:")
    assert "could not be verified: self-signed certificate" in text
    assert "set imap.cafile" in text


def test_a_certificate_for_another_name_is_refused(imap_user: ImapUser, tmp_path: Path) -> None:
    other = make_cert(tmp_path)  # trusted, but the server shows its own certificate
    with pytest.raises(ImapFailed, match="could not be verified"):
        scan(imap_user.settings("ssl", cafile=other.cert_file))


def test_tls_against_the_plain_port_explains_the_setting(imap_user: ImapUser) -> None:
    settings = imap_user.settings("ssl", port=imap_user.server.plain_port)
    with pytest.raises(ImapFailed, match=r"TLS with the IMAP server .* check imap.security"):
        scan(settings)


def test_a_wrong_password_is_refused_and_never_shown(
    imap_user: ImapUser, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    wrong = 'not the "right" \\one ' + PASSWORD
    with pytest.raises(ImapFailed) as failed:
        scan(imap_user.settings(password=wrong))
    text = failed.value.message
    assert text == (
        f"the IMAP server {HOST}:{imap_user.server.plain_port} refused the login for "
        f"{imap_user.name} ([AUTHENTICATIONFAILED] Authentication failed.); "
        "check the user name and the (app) password"
    )
    assert_secret_free(text + str(failed.value) + repr(failed.value), wrong)
    out, err = capsys.readouterr()
    assert_secret_free(out + err + caplog.text, wrong)


def test_a_password_outside_ascii_logs_in(dovecot: Dovecot) -> None:
    user = dovecot.add_user(password="pässwört €uro")
    user.append("INBOX", message(1))  # the helper logs in with LOGIN: ASCII only
    assert mails(scan(user.settings())) == [message(1)]
    with pytest.raises(ImapFailed, match="refused the login") as failed:
        scan(user.settings(password="pässwört falsch"))
    assert_secret_free(failed.value.message, "pässwört falsch")


# --------------------------------------------------------------------------- failures


def test_a_server_that_is_down() -> None:
    settings = ImapSettings(host=HOST, port=free_port(), security="none", user="u", password="p")
    with pytest.raises(ImapFailed, match="connection refused; are the host and port right"):
        scan(settings)


def test_a_silent_server_times_out() -> None:
    with silent_server() as port:
        settings = ImapSettings(
            host=HOST, port=port, security="none", user="u", password="p", timeout=0.5
        )
        with pytest.raises(ImapFailed, match=r"did not answer within 0.5 seconds"):
            scan(settings)


def test_a_connection_dropped_mid_fetch_is_a_problem_and_other_folders_are_read(
    imap_user: ImapUser,
) -> None:
    imap_user.create("Jobs")
    imap_user.append("INBOX", message(1, "a" * 4000), message(2, "b" * 4000))
    imap_user.append("Jobs", message(3))
    with dropping_proxy(imap_user.server.plain_port, trigger=b"BODY.PEEK[]") as port:
        settings = imap_user.settings(port=port, folders=("INBOX", "Jobs"))
        found = scan(settings)  # no exception escapes
    [problem] = problems(found)
    assert problem.source.endswith("/INBOX")
    assert "closed the connection unexpectedly" in problem.message
    assert problem.message.endswith("reading INBOX stopped and will start again next time")
    assert_secret_free(problem.message)
    # INBOX gave no state (its progress is not stored); Jobs was read on a new connection.
    assert set(states(found)) == {"Jobs"}
    assert mails(found) == [message(3)]


def test_a_server_gone_for_good_mid_scan_reports_each_unread_folder(
    imap_user: ImapUser,
) -> None:
    imap_user.create("Jobs")
    imap_user.append("INBOX", message(1, "a" * 4000))
    with dropping_proxy(imap_user.server.plain_port, trigger=b"BODY.PEEK[]") as port:
        found = scan_imap(imap_user.settings(port=port, folders=("INBOX", "Jobs")), {})
        first = next(found)
    # The proxy is gone: reconnecting for the next folder fails too.
    rest = [first, *found]
    assert [type(f) for f in rest] == [SourceProblem, SourceProblem]
    assert "connection refused" in rest[1].message
    assert rest[1].message.endswith("; Jobs was not read")


# --------------------------------------------------------------------------- settings


def test_none_security_is_for_this_machine_only() -> None:
    with pytest.raises(ConfigError, match=r"not imap\.example\.org\. Use ssl"):
        ImapSettings(host="imap.example.org", security="none", user="u")


def test_settings_that_cannot_work_fail_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no IMAP server is set up"):
        scan_imap(ImapSettings(), {})
    with pytest.raises(ConfigError, match="needs a user name: set NEXTROUND_IMAP_USER"):
        scan_imap(ImapSettings(host="imap.example.org"), {})
    with pytest.raises(ConfigError, match=r"needs a password: set NEXTROUND_IMAP_PASSWORD"):
        scan_imap(ImapSettings(host="imap.example.org", user="me"), {})
    bad_ca = ImapSettings(host="imap.example.org", user="me", password="pw", cafile=tmp_path)
    with pytest.raises(ConfigError, match=r"can't load the CA certificates in .*imap.cafile"):
        scan_imap(bad_ca, {})


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    store = MemoryKeyring({("nextround-imap", "me"): "from-keyring"})
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@pytest.mark.usefixtures("memory_keyring")
def test_the_imap_password_comes_from_env_file_then_keyring(tmp_path: Path) -> None:
    file = tmp_path / "pw"
    file.write_text("from-file\n")
    base = ImapSettings(host="h", user="me")
    assert secrets.find_password(replace(base, password="env", password_file=file)) == "env"
    assert secrets.find_password(replace(base, password_file=file)) == "from-file"
    assert secrets.find_password(base) == "from-keyring"
    assert secrets.find_password(replace(base, user="other")) is None
    with pytest.raises(ConfigError, match=r"IMAP password file .* NEXTROUND_IMAP_PASSWORD_FILE"):
        secrets.find_password(replace(base, password_file=tmp_path / "missing"))


def test_a_password_file_is_used_for_the_login(imap_user: ImapUser, tmp_path: Path) -> None:
    file = tmp_path / "imap-password"
    file.write_text(PASSWORD + "\n")
    imap_user.append("INBOX", message(1))
    settings = imap_user.settings(password=None, password_file=file)
    assert mails(scan(settings)) == [message(1)]


def test_a_malformed_search_answer_is_a_problem_and_other_folders_are_read(
    imap_user: ImapUser,
) -> None:
    imap_user.create("Jobs")
    imap_user.append("INBOX", message(1), message(2))
    imap_user.append("Jobs", message(3))

    def garble(data: bytes) -> bytes:
        return data.replace(b"* SEARCH 1 2", b"* SEARCH 1 two", 1)

    with rewriting_proxy(imap_user.server.plain_port, trigger=b"SEARCH", rewrite=garble) as port:
        found = scan(imap_user.settings(port=port, folders=("INBOX", "Jobs")))
    [problem] = problems(found)
    assert problem.source.endswith("/INBOX")
    assert "sent a malformed answer" in problem.message
    assert set(states(found)) == {"Jobs"}
    assert mails(found) == [message(3)]


def test_a_malformed_fetch_answer_is_a_problem_not_a_crash(imap_user: ImapUser) -> None:
    imap_user.create("Jobs")
    imap_user.append("INBOX", message(1))
    imap_user.append("Jobs", message(3))

    def garble(data: bytes) -> bytes:
        return re.sub(rb"\* (\d+) FETCH \(", rb"* \1 FETCH ((((", data, count=1)

    with rewriting_proxy(
        imap_user.server.plain_port, trigger=b"BODY.PEEK[]", rewrite=garble
    ) as port:
        found = scan(imap_user.settings(port=port, folders=("INBOX", "Jobs")))
    assert [type(f) for f in found if not isinstance(f, FolderState)] in (
        [SourceProblem, RawMail],  # refused: INBOX is read again next time
        [RawMail, RawMail],  # or read as far as it goes
    )
    assert mails(found)[-1] == message(3)
