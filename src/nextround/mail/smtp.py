"""Sending one message through the user's own SMTP server.

:func:`send` connects (implicit TLS for ``ssl``, ``STARTTLS`` for
``starttls``, plain only for a server on this machine), logs in when a user
name is set, and hands the message over. Every failure is a one-line
:class:`SendFailed` that never contains the password, and says whether the
message can have arrived:

- :class:`SendFailed`: the server never took the message (it could not be
  reached, TLS or the login failed, it refused the sender, the recipient or
  the message). Sending again is safe.
- :class:`DeliveryUnknown`: the connection broke or timed out while the server
  was taking the message, so it may have been delivered. Sending again could
  deliver it twice; callers must ask the user first.

``NEXTROUND_SMTP_CA_FILE`` names a PEM file of CA certificates to trust
instead of the system's, for a server with a private CA (the tests use it to
trust a throwaway certificate).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import AddressHeader
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from nextround.errors import ConfigError, InvalidInput, NextroundError
from nextround.mailconfig import SmtpSettings

if TYPE_CHECKING:
    import smtplib
    import ssl

#: Environment variable naming extra CA certificates to trust (PEM).
CA_FILE_VARIABLE = "NEXTROUND_SMTP_CA_FILE"
#: Seconds to wait for the server at each step.
TIMEOUT = 30.0
# The EHLO name: an address literal, as privacy-minded mail clients send, so the
# machine's host name is neither revealed nor looked up (which can be slow).
_EHLO_NAME = "[127.0.0.1]"


class SendFailed(NextroundError):
    """The message was not sent: the server never took it."""


class DeliveryUnknown(SendFailed):
    """The connection broke while the server was taking the message: it may have arrived."""


@dataclass(frozen=True)
class Server:
    """Where and how to send: plain values, the password hidden from ``repr``."""

    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str | None = field(default=None, repr=False)
    ca_file: Path | None = None
    timeout: float = TIMEOUT

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def describe(self) -> str:
        login = f", login as {self.user}" if self.user else ", no login"
        return f"{self.where} ({self.security}{login})"


def server_for(
    smtp: SmtpSettings, password: str | None, environ: Mapping[str, str] | None = None
) -> Server:
    """The server from the settings; a login without a password is an error."""
    if not smtp.configured:
        raise ConfigError(
            "no SMTP server is set up: set NEXTROUND_SMTP_HOST (and NEXTROUND_SMTP_USER, "
            "NEXTROUND_SMTP_PASSWORD) or an [smtp] section in the config file"
        )
    if smtp.user and not password:
        raise ConfigError(
            f"logging in to {smtp.host} as {smtp.user} needs a password: set "
            "NEXTROUND_SMTP_PASSWORD or NEXTROUND_SMTP_PASSWORD_FILE (or smtp.password_file), "
            f"or store it in the OS keyring (service nextround-smtp, user {smtp.user})"
        )
    env = os.environ if environ is None else environ
    ca_file = env.get(CA_FILE_VARIABLE, "").strip()
    return Server(
        host=smtp.host,
        port=smtp.effective_port,
        security=smtp.security,
        user=smtp.user,
        password=password,
        ca_file=Path(ca_file).expanduser() if ca_file else None,
    )


def send(message: EmailMessage, server: Server) -> None:
    """Hand ``message`` to ``server`` for delivery to the ``To`` addresses."""
    sender = _addresses(message, "From")[0]
    recipients = _addresses(message, "To")
    payload = message.as_bytes(policy=policy.SMTP)
    secrets = _secret_forms(server)
    connection = _open(server, secrets)
    try:
        _envelope(connection, server, secrets, sender, recipients)
        _hand_over(connection, server, secrets, payload)
    finally:
        _close(connection)


class Session:
    """Several messages to ``server`` through one connection, opened at the first
    :meth:`send` and again after a failure (the job sending a batch of digests).

    A failure is raised as :func:`send` raises it, and the connection is dropped, so
    the next message starts on a new one. A reused connection the server closed in
    between (an idle timeout) is reopened once before the message's envelope.
    """

    def __init__(self, server: Server) -> None:
        self.server = server
        self._secrets = _secret_forms(server)
        self._connection: smtplib.SMTP | None = None
        #: Connections opened so far.
        self.opened = 0

    def send(self, message: EmailMessage) -> None:
        sender = _addresses(message, "From")[0]
        recipients = _addresses(message, "To")
        payload = message.as_bytes(policy=policy.SMTP)
        try:
            reused = self._connection is not None
            connection = self._open()
            try:
                _envelope(connection, self.server, self._secrets, sender, recipients)
            except SendFailed:
                if not reused:
                    raise
                self.close()  # nothing was handed over: once more on a new connection
                connection = self._open()
                _envelope(connection, self.server, self._secrets, sender, recipients)
            _hand_over(connection, self.server, self._secrets, payload)
        except BaseException:
            self.close()
            raise

    def _open(self) -> smtplib.SMTP:
        if self._connection is None:
            self._connection = _open(self.server, self._secrets)
            self.opened += 1
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            _close(connection)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _addresses(message: EmailMessage, name: str) -> list[str]:
    header = message[name]
    if not isinstance(header, AddressHeader) or not header.addresses:
        raise InvalidInput(f"the message has no {name} address")
    return [a.addr_spec for a in header.addresses]


def _open(server: Server, secrets: list[str]) -> smtplib.SMTP:
    """Connected, encrypted as configured, and logged in."""
    with _reporting(server, secrets):
        connection = _connect(server)
    try:
        with _reporting(server, secrets):
            if server.security == "starttls":
                _starttls(connection, server)
            if server.user:
                _login(connection, server)
    except BaseException:
        connection.close()
        raise
    return connection


def _connect(server: Server) -> smtplib.SMTP:
    import smtplib

    if server.security == "ssl":
        return smtplib.SMTP_SSL(
            server.host,
            server.port,
            local_hostname=_EHLO_NAME,
            timeout=server.timeout,
            context=_tls_context(server),
        )
    return smtplib.SMTP(server.host, server.port, local_hostname=_EHLO_NAME, timeout=server.timeout)


def _starttls(connection: smtplib.SMTP, server: Server) -> None:
    connection.ehlo()
    if not connection.has_extn("starttls"):
        raise SendFailed(
            f"the SMTP server {server.where} does not offer STARTTLS; check the port, "
            "or use smtp.security 'ssl' (usually port 465)"
        )
    connection.starttls(context=_tls_context(server))
    connection.ehlo()


def _login(connection: smtplib.SMTP, server: Server) -> None:
    connection.ehlo_or_helo_if_needed()
    if not connection.has_extn("auth"):
        raise SendFailed(
            f"the SMTP server {server.where} offers no login here (no AUTH); "
            "check smtp.security and the port"
        )
    connection.login(server.user, server.password or "")


def _tls_context(server: Server) -> ssl.SSLContext:
    import ssl

    cafile = str(server.ca_file) if server.ca_file else None
    try:
        return ssl.create_default_context(cafile=cafile)
    except OSError as exc:  # ssl.SSLError is an OSError too
        raise ConfigError(
            f"can't load the CA certificates in {server.ca_file} ({CA_FILE_VARIABLE}): "
            f"{exc.strerror or exc}"
        ) from None


def _envelope(
    connection: smtplib.SMTP, server: Server, secrets: list[str], sender: str, to: list[str]
) -> None:
    with _reporting(server, secrets):
        connection.ehlo_or_helo_if_needed()
        code, reply = connection.mail(sender)
        if code != 250:
            raise SendFailed(
                f"the SMTP server {server.where} refused the sender {sender}: "
                f"{_reply(code, reply, secrets)}; check smtp.from (many servers accept only "
                "the address you log in with)"
            )
        for recipient in to:
            code, reply = connection.rcpt(recipient)
            if code not in {250, 251}:
                raise SendFailed(
                    f"the SMTP server {server.where} refused the recipient {recipient}: "
                    f"{_reply(code, reply, secrets)}; check the address"
                )


def _hand_over(
    connection: smtplib.SMTP, server: Server, secrets: list[str], payload: bytes
) -> None:
    with _reporting(server, secrets, taking_message=True):
        code, reply = connection.data(payload)
    if code != 250:
        raise SendFailed(
            f"the SMTP server {server.where} refused the message: {_reply(code, reply, secrets)}"
        )


def _close(connection: smtplib.SMTP) -> None:
    import smtplib

    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


@contextmanager
def _reporting(
    server: Server, secrets: list[str], *, taking_message: bool = False
) -> Iterator[None]:
    """smtplib and socket errors as one-line :class:`SendFailed` errors."""
    import smtplib

    try:
        yield
    except SendFailed:
        raise
    except (smtplib.SMTPException, OSError) as exc:
        # A reply from the server is a refusal; anything else while the server was
        # taking the message leaves us not knowing whether it arrived.
        unknown = taking_message and not isinstance(exc, smtplib.SMTPResponseException)
        error = DeliveryUnknown if unknown else SendFailed
        raise error(_scrub(_explain(exc, server), secrets)) from None


def _explain(exc: BaseException, server: Server) -> str:  # noqa: PLR0911 - one case per failure
    import smtplib
    import socket
    import ssl

    where = server.where
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"the SMTP server {where} refused the login for {server.user} "
            f"({_reply(exc.smtp_code, exc.smtp_error, [])}); check the user name and the (app) password"
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the SMTP server {where} refused: {_reply(exc.smtp_code, exc.smtp_error, [])}"
    if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
        return f"the SMTP server {where} did not answer within {server.timeout:g} seconds"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"the SMTP server {where} closed the connection unexpectedly"
    if isinstance(exc, ConnectionRefusedError):
        return f"can't connect to the SMTP server {where}: connection refused; are the host and port right, and is the server running?"
    if isinstance(exc, socket.gaierror):
        return f"can't find the SMTP server {server.host}: {exc.strerror}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the TLS certificate of the SMTP server {where} could not be verified: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        return (
            f"TLS with the SMTP server {where} failed ({exc.reason or exc}); check smtp.security: "
            "'ssl' for port 465, 'starttls' for port 587"
        )
    if isinstance(exc, OSError):
        return f"can't talk to the SMTP server {where}: {exc.strerror or exc}"
    return f"the SMTP server {where} failed: {exc}"


def _reply(code: int, reply: bytes | str, secrets: list[str]) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return _scrub(f"{code} {' '.join(text.split())}", secrets)


def _secret_forms(server: Server) -> list[str]:
    """The password as typed and as SMTP AUTH encodes it, to keep out of messages."""
    if not server.password:
        return []
    plain = f"\0{server.user}\0{server.password}".encode()
    encoded = [base64.b64encode(v).decode() for v in (server.password.encode(), plain)]
    return [server.password, *encoded]


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return text
