"""Sending through a real SMTP server on loopback, and finding the password."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import null

from nextround.errors import ConfigError
from nextround.mail import secrets, smtp
from nextround.mail.smtp import DeliveryUnknown, SendFailed, Server
from nextround.mailconfig import SmtpSettings
from nextround.renderers.emails import Letter, build_message
from tests.mail import HOST, Cert, Inbox, free_port, make_cert, silent_server, smtp_server

PASSWORD = "correct horse:battery"
USERS = {"me@home.example": PASSWORD}


@pytest.fixture(scope="session")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    return make_cert(tmp_path_factory.mktemp("tls"))


def message(to: str = "dana@acme.example") -> EmailMessage:
    letter = Letter(
        sender_name="Sam Doe",
        sender_email="me@home.example",
        recipient_name="Dana Smith",
        recipient_email=to,
        subject="Congratulations on filling the role",
        body="Hi Dana,\n\nCongratulations!\n\nSam",
        message_id="<abc123@home.example>",
        date=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
    )
    return build_message(letter, draft=False)


def server(port: int, security: str = "none", **extra: object) -> Server:
    return Server(HOST, port, security, **extra)  # type: ignore[arg-type]


def assert_secret_free(text: str) -> None:
    assert PASSWORD not in text
    assert base64.b64encode(PASSWORD.encode()).decode() not in text


def test_plain_loopback_delivers_the_message_as_built() -> None:
    with smtp_server() as running:
        smtp.send(message(), server(running.port))
    [got] = running.inbox.messages
    assert (got.mail_from, got.rcpt_tos) == ("me@home.example", ["dana@acme.example"])
    assert got.message["Message-ID"] == "<abc123@home.example>"
    assert got.message["To"] == "Dana Smith <dana@acme.example>"
    assert "X-Unsent" not in got.message
    assert got.message.get_content() == "Hi Dana,\n\nCongratulations!\n\nSam\n"


def test_starttls_with_a_trusted_certificate_and_auth_login(cert: Cert) -> None:
    with smtp_server(cert=cert, users=USERS, only_login=True) as running:
        smtp.send(
            message(),
            server(
                running.port,
                "starttls",
                user="me@home.example",
                password=PASSWORD,
                ca_file=cert.cert_file,
            ),
        )
    [got] = running.inbox.messages
    assert got.authenticated
    assert got.message["Subject"] == "Congratulations on filling the role"


def test_implicit_tls_with_auth_plain(cert: Cert) -> None:
    with smtp_server(cert=cert, implicit_tls=True, users=USERS) as running:
        smtp.send(
            message(),
            server(
                running.port,
                "ssl",
                user="me@home.example",
                password=PASSWORD,
                ca_file=cert.cert_file,
            ),
        )
    assert [m.authenticated for m in running.inbox.messages] == [True]


def test_an_untrusted_certificate_stops_before_anything_is_sent(cert: Cert) -> None:
    with smtp_server(cert=cert) as running, pytest.raises(SendFailed) as failed:
        smtp.send(message(), server(running.port, "starttls"))
    assert type(failed.value) is SendFailed
    assert "could not be verified" in failed.value.message
    assert running.inbox.messages == []


def test_a_wrong_password_is_refused_and_never_shown(
    cert: Cert, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "not-the-" + PASSWORD
    with (
        smtp_server(cert=cert, users=USERS, only_login=True) as running,
        pytest.raises(SendFailed) as failed,
    ):
        smtp.send(
            message(),
            server(
                running.port,
                "starttls",
                user="me@home.example",
                password=wrong,
                ca_file=cert.cert_file,
            ),
        )
    text = failed.value.message
    assert "refused the login for me@home.example" in text
    assert "535" in text
    assert wrong not in text
    assert base64.b64encode(wrong.encode()).decode() not in text
    ours = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.")]
    assert not any(wrong in line for line in ours)
    out, err = capsys.readouterr()
    assert wrong not in out + err
    assert running.inbox.messages == []


def test_a_server_that_requires_a_login_refuses_an_anonymous_sender(cert: Cert) -> None:
    with (
        smtp_server(cert=cert, users=USERS) as running,
        pytest.raises(SendFailed, match=r"refused the sender me@home.example: 530"),
    ):
        smtp.send(message(), server(running.port, "starttls", ca_file=cert.cert_file))
    assert running.inbox.messages == []


def test_a_server_that_is_down() -> None:
    with pytest.raises(SendFailed, match="connection refused") as failed:
        smtp.send(message(), server(free_port()))
    assert type(failed.value) is SendFailed


def test_a_refused_recipient() -> None:
    with (
        smtp_server(Inbox(refuse={"dana@acme.example"})) as running,
        pytest.raises(SendFailed) as failed,
    ):
        smtp.send(message(), server(running.port))
    assert type(failed.value) is SendFailed
    assert "refused the recipient dana@acme.example: 550 5.1.1 No such user here" in (
        failed.value.message
    )
    assert running.inbox.messages == []


def test_a_message_refused_after_data_is_not_sent() -> None:
    with (
        smtp_server(Inbox(data_reply="554 5.7.1 Looks like spam")) as running,
        pytest.raises(SendFailed, match=r"refused the message: 554 5.7.1 Looks like spam") as e,
    ):
        smtp.send(message(), server(running.port))
    assert type(e.value) is SendFailed


def test_a_connection_lost_while_the_server_takes_the_message_is_delivery_unknown() -> None:
    with (
        smtp_server(Inbox(drop_after_data=True)) as running,
        pytest.raises(DeliveryUnknown, match="closed the connection"),
    ):
        smtp.send(message(), server(running.port))
    assert len(running.inbox.messages) == 1  # it did arrive: the client can't know


def test_a_slow_reply_after_the_message_is_delivery_unknown() -> None:
    with (
        smtp_server(Inbox(data_delay=2)) as running,
        pytest.raises(DeliveryUnknown, match=r"did not answer within 0.5 seconds"),
    ):
        smtp.send(message(), server(running.port, timeout=0.5))


def test_a_silent_server_times_out_before_anything_is_sent() -> None:
    with silent_server() as port, pytest.raises(SendFailed, match=r"within 0.5 seconds") as e:
        smtp.send(message(), server(port, timeout=0.5))
    assert type(e.value) is SendFailed


def test_implicit_tls_against_a_plain_server_explains_the_setting() -> None:
    with (
        smtp_server() as running,
        pytest.raises(SendFailed, match=r"TLS with the SMTP server .* check smtp.security"),
    ):
        smtp.send(message(), server(running.port, "ssl"))


def test_starttls_against_a_server_without_it() -> None:
    with smtp_server() as running, pytest.raises(SendFailed, match="does not offer STARTTLS"):
        smtp.send(message(), server(running.port, "starttls"))


def test_an_unreadable_ca_file_is_a_config_error(tmp_path: Path) -> None:
    with (
        smtp_server() as running,
        pytest.raises(ConfigError, match="can't load the CA certificates"),
    ):
        smtp.send(message(), server(running.port, "ssl", ca_file=tmp_path / "missing.pem"))


def test_server_for_reads_the_settings_and_the_ca_file_variable(tmp_path: Path) -> None:
    settings = SmtpSettings(host="smtp.home.example", security="ssl", user="me")
    found = smtp.server_for(settings, PASSWORD, {"NEXTROUND_SMTP_CA_FILE": str(tmp_path / "ca")})
    assert (found.host, found.port, found.ca_file) == ("smtp.home.example", 465, tmp_path / "ca")
    assert PASSWORD not in repr(found)
    assert found.describe() == "smtp.home.example:465 (ssl, login as me)"


def test_server_for_refuses_a_login_without_a_password() -> None:
    with pytest.raises(ConfigError, match=r"needs a password.*NEXTROUND_SMTP_PASSWORD"):
        smtp.server_for(SmtpSettings(host="smtp.home.example", user="me"), None, {})
    with pytest.raises(ConfigError, match="no SMTP server is set up"):
        smtp.server_for(SmtpSettings(), None, {})


# The password: environment, file, keyring.


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self, entries: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self.entries = entries

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def keyring_with(request: pytest.FixtureRequest) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(request.param)
    yield
    keyring.set_keyring(previous)


def test_the_environment_comes_first(tmp_path: Path) -> None:
    file = tmp_path / "pw"
    file.write_text("from-file\n")
    settings = SmtpSettings(host="h", user="me", password="from-env", password_file=file)
    assert secrets.find_password(settings) == "from-env"


def test_a_password_file_loses_its_line_ending_only(tmp_path: Path) -> None:
    file = tmp_path / "pw"
    file.write_text(" spaced pass \r\n", newline="")
    assert secrets.find_password(SmtpSettings(host="h", user="me", password_file=file)) == (
        " spaced pass "
    )
    file.write_text("\n")
    assert secrets.find_password(SmtpSettings(host="h", user="me", password_file=file)) is None


def test_a_missing_password_file_is_a_config_error(tmp_path: Path) -> None:
    settings = SmtpSettings(host="h", user="me", password_file=tmp_path / "nope")
    with pytest.raises(ConfigError, match=r"password file .* does not exist"):
        secrets.find_password(settings)


@pytest.mark.parametrize(
    "keyring_with", [MemoryKeyring({("nextround-smtp", "me"): "from-keyring"})], indirect=True
)
@pytest.mark.usefixtures("keyring_with")
def test_the_keyring_is_asked_last() -> None:
    assert secrets.find_password(SmtpSettings(host="h", user="me")) == "from-keyring"
    assert secrets.find_password(SmtpSettings(host="h", user="someone-else")) is None
    assert secrets.find_password(SmtpSettings(host="h")) is None


@pytest.mark.parametrize("keyring_with", [null.Keyring()], indirect=True)
@pytest.mark.usefixtures("keyring_with")
def test_no_usable_keyring_means_no_password() -> None:
    assert secrets.find_password(SmtpSettings(host="h", user="me")) is None
