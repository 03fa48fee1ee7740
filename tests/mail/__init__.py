"""A real SMTP server on loopback (aiosmtpd) and a throwaway TLS certificate.

Shared by the mail, service and command-line email tests: each test starts its
own server on a free port and reads what it received.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from nextround.mailconfig import SmtpSettings

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Received:
    """One message the server took: the envelope, and the message parsed."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    authenticated: bool

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.raw.replace(b"\r\n", b"\n"), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Inbox:
    """The server's handler: keeps every message; can misbehave on request."""

    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550
    data_reply: str | None = None  # e.g. "554 5.7.1 Message rejected"
    drop_after_data: bool = False  # take the message, then hang up without a reply
    data_delay: float = 0.0  # take the message, then wait this long before replying

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        raw = envelope.original_content or envelope.content
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), raw, bool(session.authenticated))
        )
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        if self.drop_after_data:
            server.transport.close()
        return self.data_reply or "250 2.0.0 Message accepted"


@dataclass(frozen=True)
class Cert:
    """A self-signed certificate for 127.0.0.1 and localhost, and its key."""

    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def make_cert(folder: Path) -> Cert:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "nextround test SMTP")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Cert(cert_file, key_file)


def free_port() -> int:
    """A port nothing listens on (the moment it is returned)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind((HOST, 0))
        listener.listen(5)
        yield listener.getsockname()[1]


@dataclass(frozen=True)
class Running:
    port: int
    inbox: Inbox

    def settings(self, **more: Any) -> SmtpSettings:
        """The ``[smtp]`` settings that send to this server in plain text, with ``more``."""
        return SmtpSettings(host=HOST, port=self.port, security="none", **more)


def authenticator(users: dict[str, str]) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and users.get(data.login.decode()) == (
            data.password.decode()
        )
        return AuthResult(success=ok, handled=False)  # False: the server answers 535

    return check


@contextmanager
def smtp_server(
    inbox: Inbox | None = None,
    *,
    cert: Cert | None = None,
    implicit_tls: bool = False,
    users: dict[str, str] | None = None,
    only_login: bool = False,
) -> Iterator[Running]:
    """A server on loopback: plain, STARTTLS (``cert``) or implicit TLS, with logins.

    With ``users`` the server requires a login, which it offers only over TLS;
    ``only_login`` leaves AUTH LOGIN as the one mechanism on offer.
    """
    inbox = inbox or Inbox()
    port = free_port()
    options: dict[str, Any] = {"server_hostname": "mx.test"}
    if cert is not None and implicit_tls:
        options["ssl_context"] = cert.server_context()
    elif cert is not None:
        options.update(tls_context=cert.server_context(), require_starttls=True)
    if users is not None:
        options["authenticator"] = authenticator(users)
        # aiosmtpd can't tell that an implicit-TLS session is encrypted, and would
        # hide AUTH: there, offer it without requiring it.
        if implicit_tls:
            options["auth_require_tls"] = False
        else:
            options["auth_required"] = True
    if only_login:
        options["auth_exclude_mechanism"] = ["PLAIN"]
    controller = Controller(inbox, hostname=HOST, port=port, **options)
    controller.start()
    try:
        yield Running(port, inbox)
    finally:
        controller.stop()
