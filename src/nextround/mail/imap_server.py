"""One IMAP server: connecting, TLS, logging in, and saying in one line what went wrong.

Every failure becomes an :class:`ImapFailed` whose message is written for the
user and never holds the password: text that comes from outside (server
replies, OS and TLS errors) is scrubbed of it, as typed, as quoted for
``LOGIN`` and as base64 for ``AUTHENTICATE PLAIN``.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from nextround.errors import ConfigError, NextroundError
from nextround.mailconfig import ImapSettings

if TYPE_CHECKING:
    import imaplib
    import ssl


class ImapFailed(NextroundError):
    """The IMAP server could not be reached, or refused TLS or the login."""


def quoted(text: str) -> str:
    """``text`` as an IMAP quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ImapServer:
    """Connecting, logging in and explaining failures, with the password kept out."""

    def __init__(self, settings: ImapSettings, password: str) -> None:
        self.settings = settings
        self._password = password
        self.where = f"{settings.host}:{settings.effective_port}"
        plain = f"\0{settings.user}\0{password}".encode()
        bearer = f"user={settings.user}\x01auth=Bearer {password}\x01\x01".encode()  # XOAUTH2
        encoded = [base64.b64encode(v).decode() for v in (password.encode(), plain, bearer)]
        escaped = quoted(password)[1:-1]
        self._secrets = sorted({password, escaped, *encoded}, key=len, reverse=True)

    def url(self, folder: str) -> str:
        host = self.settings.host
        host = f"[{host}]" if ":" in host else host
        user = quote(self.settings.user, safe="")
        return f"imap://{user}@{host}:{self.settings.effective_port}/{quote(folder, safe='')}"

    def context(self) -> ssl.SSLContext:
        import ssl

        cafile = self.settings.cafile
        try:
            return ssl.create_default_context(cafile=str(cafile) if cafile else None)
        except OSError as exc:  # ssl.SSLError is an OSError too
            raise ConfigError(
                f"can't load the CA certificates in {cafile} (imap.cafile, "
                f"NEXTROUND_IMAP_CA_FILE): {exc.strerror or exc}"
            ) from None

    def open(self) -> imaplib.IMAP4:
        """Connected, encrypted as configured, and logged in."""
        with self.reporting():
            connection = self._connect()
        try:
            with self.reporting(login=True):
                if self.settings.security == "starttls":
                    self._starttls(connection)
                self._login(connection)
        except BaseException:
            self.close(connection)
            raise
        return connection

    def _connect(self) -> imaplib.IMAP4:
        import imaplib

        host, port, timeout = (
            self.settings.host,
            self.settings.effective_port,
            self.settings.timeout,
        )
        if self.settings.security == "ssl":
            return imaplib.IMAP4_SSL(host, port, ssl_context=self.context(), timeout=timeout)
        return imaplib.IMAP4(host, port, timeout=timeout)

    def _starttls(self, connection: imaplib.IMAP4) -> None:
        if "STARTTLS" not in connection.capabilities:
            raise ImapFailed(
                f"the IMAP server {self.where} does not offer STARTTLS; check the port, or use "
                "imap.security 'ssl' (usually port 993)"
            )
        connection.starttls(ssl_context=self.context())

    def _login(self, connection: imaplib.IMAP4) -> None:
        user, password = self.settings.user, self._password
        if self.settings.auth == "xoauth2":  # the "password" is an access token
            sent: list[bool] = []

            def bearer(_challenge: bytes) -> bytes:
                # Refused, the server sends an error as a challenge: answer it empty.
                first = not sent
                sent.append(True)
                return f"user={user}\x01auth=Bearer {password}\x01\x01".encode() if first else b""

            connection.authenticate("XOAUTH2", bearer)
        elif user.isascii() and password.isascii():
            connection.login(quoted(user), password)
        else:  # LOGIN is ASCII only; AUTHENTICATE PLAIN carries UTF-8
            connection.authenticate("PLAIN", lambda _: f"\0{user}\0{password}".encode())

    def close(self, connection: imaplib.IMAP4) -> None:
        import imaplib

        try:
            connection.logout()
        except (imaplib.IMAP4.error, OSError, EOFError):
            with suppress(OSError):
                connection.shutdown()

    def text(self, reply: Any) -> str:
        """A server reply as one line of text, without secrets."""
        parts = reply if isinstance(reply, list) else [reply]
        last = next((p for p in reversed(parts) if p), b"")
        if isinstance(last, tuple):
            last = last[0]
        text = last.decode("utf-8", "replace") if isinstance(last, bytes) else str(last)
        return self.scrub(" ".join(text.split()))

    def scrub(self, text: str) -> str:
        """``text`` from outside (a server reply, an OS error) without the password.

        Only such text is scrubbed: our own words never hold the password, and
        scrubbing them would mangle them when the password is a common word."""
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    @contextmanager
    def reporting(self, *, login: bool = False) -> Iterator[None]:
        """imaplib, socket and TLS errors as one-line :class:`ImapFailed` errors."""
        import imaplib

        try:
            yield
        except (imaplib.IMAP4.error, OSError, EOFError) as exc:
            raise ImapFailed(self._explain(exc, login=login)) from None

    def _explain(self, exc: BaseException, *, login: bool) -> str:  # noqa: PLR0911 - one case each
        import imaplib
        import socket
        import ssl

        where = self.where
        if isinstance(exc, imaplib.IMAP4.abort):
            return f"the IMAP server {where} closed the connection unexpectedly ({self.text(exc.args)})"
        if isinstance(exc, imaplib.IMAP4.error) and login:
            check = (
                "check that imap.user is the account the OAuth client's token is for, and "
                "that the client may read mail"
                if self.settings.auth == "xoauth2"
                else "check the user name and the (app) password"
            )
            return (
                f"the IMAP server {where} refused the login for {self.settings.user} "
                f"({self.text(exc.args)}); {check}"
            )
        if isinstance(exc, imaplib.IMAP4.error):
            return f"the IMAP server {where} refused: {self.text(exc.args)}"
        if isinstance(exc, TimeoutError):
            return (
                f"the IMAP server {where} did not answer within {self.settings.timeout:g} seconds"
            )
        if isinstance(exc, ConnectionRefusedError):
            return f"can't connect to the IMAP server {where}: connection refused; are the host and port right, and is the server running?"
        if isinstance(exc, socket.gaierror):
            return (
                f"can't find the IMAP server {self.settings.host}: {self.scrub(str(exc.strerror))}"
            )
        if isinstance(exc, ssl.SSLCertVerificationError):
            return (
                f"the TLS certificate of the IMAP server {where} could not be verified: "
                f"{self.scrub(str(exc.verify_message))}; for a private CA, set imap.cafile"
            )
        if isinstance(exc, ssl.SSLError):
            return (
                f"TLS with the IMAP server {where} failed ({self.scrub(str(exc.reason or exc))}); "
                "check imap.security: "
                "'ssl' for port 993, 'starttls' for port 143"
            )
        if isinstance(exc, (EOFError, ConnectionError)):
            return f"the IMAP server {where} closed the connection unexpectedly"
        reason = self.scrub(str(getattr(exc, "strerror", None) or exc))
        return f"can't talk to the IMAP server {where}: {reason}"
