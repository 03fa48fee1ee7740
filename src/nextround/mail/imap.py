"""Reading new mail from the user's IMAP server, without changing anything there.

:func:`scan_imap` opens each folder with ``EXAMINE`` (read-only) and fetches
with ``BODY.PEEK[]``, so nothing is marked as read, moved or flagged. It
remembers a folder by its ``UIDVALIDITY`` and the last UID read
(:class:`FolderState`): when the server still has the same ``UIDVALIDITY``,
only messages with a higher UID are fetched; when it changed (the folder was
rebuilt), every message is fetched again and callers drop the ones they
already have by ``Message-ID``.

Connections are implicit TLS (``ssl``), ``STARTTLS`` (``starttls``), or plain
(``none``, allowed only for a server on this machine; see
:class:`~nextround.config.ImapSettings`). Certificates are checked against
the system's CAs, or against ``imap.cafile`` for a private CA.

A failure before anything could be read (the server can't be reached, TLS or
the login fails) raises :class:`ImapFailed`; a failure afterwards (a missing
folder, the connection dropped mid-folder) is yielded as a
:class:`~nextround.mail.sources.SourceProblem` and the other folders are still
read. No message ever contains the password.

With ``imap.auth = "xoauth2"`` the login is ``AUTHENTICATE XOAUTH2`` with an
access token refreshed from the user's own OAuth client before each scan
(:mod:`nextround.mail.oauth`); a refused refresh raises :class:`ImapFailed`.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from nextround.errors import ConfigError
from nextround.mail import oauth
from nextround.mail.imap_server import ImapFailed, ImapServer, quoted
from nextround.mail.secrets import find_password
from nextround.mail.sources import MAX_MESSAGE_SIZE, RawMail, SourceProblem, megabytes
from nextround.mailconfig import ImapSettings

if TYPE_CHECKING:
    import imaplib

__all__ = ["FolderState", "ImapFailed", "ImapSettings", "scan_imap"]

_SIZES_PER_FETCH = 500  # UIDs asked for their size in one FETCH
_BATCH_COUNT = 50  # messages fetched in one FETCH ...
_BATCH_BYTES = 16 * 1024 * 1024  # ... up to about this many bytes
_UID = re.compile(rb"\bUID (\d+)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")


@dataclass(frozen=True)
class FolderState:
    """How far a folder has been read: its ``UIDVALIDITY`` and the highest UID seen."""

    folder: str
    uidvalidity: int
    last_uid: int
    #: The folder's place (``imap://user@host:port/INBOX``), as its problems name it.
    source: str = field(default="", compare=False)


Scanned = RawMail | SourceProblem | FolderState


def scan_imap(
    settings: ImapSettings,
    known: Mapping[str, FolderState],
    *,
    max_size: int = MAX_MESSAGE_SIZE,
    since: date | None = None,
) -> Iterator[RawMail | SourceProblem | FolderState]:
    """New messages of each folder in ``settings.folders``, then the folder's new state.

    A :class:`FolderState` comes only after its folder was read to the end, so
    storing the states that arrive keeps exactly the progress that was made.
    Settings that can't work raise :class:`~nextround.errors.ConfigError` at
    once; a server that can't be used raises :class:`ImapFailed` on the first
    ``next()``. Without ``settings.password``, the password file or the OS
    keyring is asked (:mod:`nextround.mail.secrets`). With ``since``, only
    messages the server dates on or after that day are fetched (``SEARCH
    SINCE``, by the server's internal date).
    """
    if settings.auth == "xoauth2":
        _account(settings)
        client = oauth.oauth_client(settings)
        ImapServer(settings, "").context()  # a bad CA file is a configuration error, found now
        return _scan_with_token(settings, client, known, max_size, since)
    server = ImapServer(settings, _password(settings))
    server.context()  # a bad CA file is a configuration error, found now
    return _scan(server, known, max_size, since)


def _scan_with_token(
    settings: ImapSettings,
    client: oauth.OAuthClient,
    known: Mapping[str, FolderState],
    max_size: int,
    since: date | None,
) -> Iterator[Scanned]:
    """XOAUTH2: a fresh access token from the token endpoint, then the scan."""
    token = oauth.access_token(client, settings.timeout)
    yield from _scan(ImapServer(settings, token), known, max_size, since)


def _account(settings: ImapSettings) -> None:
    if not settings.configured:
        raise ConfigError(
            "no IMAP server is set up: set NEXTROUND_IMAP_HOST and NEXTROUND_IMAP_USER "
            "(and NEXTROUND_IMAP_PASSWORD), or an [imap] section in the config file"
        )
    if not settings.user:
        raise ConfigError(
            f"reading mail from {settings.host} needs a user name: set NEXTROUND_IMAP_USER "
            "or imap.user"
        )


def _password(settings: ImapSettings) -> str:
    _account(settings)
    password = find_password(settings)
    if not password:
        raise ConfigError(
            f"logging in to {settings.host} as {settings.user} needs a password: set "
            "NEXTROUND_IMAP_PASSWORD or NEXTROUND_IMAP_PASSWORD_FILE (or imap.password_file), "
            f"or store it in the OS keyring (service nextround-imap, user {settings.user})"
        )
    return password


def _scan(
    server: ImapServer, known: Mapping[str, FolderState], max_size: int, since: date | None = None
) -> Iterator[Scanned]:
    connection: imaplib.IMAP4 | None = server.open()
    try:
        for folder in server.settings.folders:
            if connection is None:
                try:
                    connection = server.open()
                except ImapFailed as exc:
                    yield SourceProblem(server.url(folder), f"{exc.message}; {folder} was not read")
                    continue
            try:
                with server.reporting():
                    yield from _scan_folder(
                        connection, server, folder, known.get(folder), max_size, since
                    )
            except (ValueError, IndexError, TypeError) as exc:  # an answer imaplib let through
                yield SourceProblem(
                    server.url(folder),
                    f"the IMAP server {server.where} sent a malformed answer ({server.scrub(str(exc))}); "
                    f"reading {folder} stopped and will start again next time",
                )
                server.close(connection)
                connection = None
            except ImapFailed as exc:
                yield SourceProblem(
                    server.url(folder),
                    f"{exc.message}; reading {folder} stopped and will start again next time",
                )
                server.close(connection)
                connection = None
    finally:
        if connection is not None:
            server.close(connection)


def _scan_folder(
    connection: imaplib.IMAP4,
    server: ImapServer,
    folder: str,
    known: FolderState | None,
    max_size: int,
    since: date | None = None,
) -> Iterator[Scanned]:
    status, reply = connection.select(_mailbox(folder), readonly=True)
    if status != "OK":
        yield SourceProblem(
            server.url(folder),
            f"the IMAP server {server.where} can't open the folder {folder!r} "
            f"({server.text(reply)}); check imap.folders or NEXTROUND_IMAP_FOLDERS "
            "(names are case-sensitive, and subfolders may be written 'INBOX/Jobs' or 'INBOX.Jobs')",
        )
        return
    uidvalidity = _uidvalidity(connection)
    last = known.last_uid if known and known.uidvalidity == uidvalidity and uidvalidity else 0
    uids = _new_uids(connection, server, folder, last, since)
    where = f"{server.url(folder)};UIDVALIDITY={uidvalidity}"
    sizes = _sizes(connection, server, uids)
    for uid in uids:
        if sizes.get(uid, 0) > max_size:
            yield SourceProblem(
                f"{where}/;UID={uid}",
                f"the message is larger than {megabytes(max_size)}; skipped as too big",
            )
    for batch in _batches(uids, sizes, max_size):
        bodies = _fetch(connection, server, batch)
        for uid in batch:
            # A UID missing from the answer was deleted meanwhile: nothing to read.
            if uid in bodies:
                yield RawMail(f"{where}/;UID={uid}", bodies[uid])
    yield FolderState(folder, uidvalidity, max(uids, default=last), server.url(folder))


def _uidvalidity(connection: imaplib.IMAP4) -> int:
    _name, values = connection.response("UIDVALIDITY")
    try:
        return int(values[-1])
    except (TypeError, ValueError, IndexError):
        return 0  # none given: the folder is read whole every time


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _new_uids(
    connection: imaplib.IMAP4, server: ImapServer, folder: str, last: int, since: date | None
) -> list[int]:
    criteria = f"UID {last + 1}:*"
    if since is not None:  # RFC 3501 date, English month names whatever the locale
        criteria += f" SINCE {since.day}-{_MONTHS[since.month - 1]}-{since.year}"
    status, reply = connection.uid("SEARCH", criteria)
    if status != "OK":
        raise ImapFailed(
            f"the IMAP server {server.where} refused to list {folder}: {server.text(reply)}"
        )
    tokens = [n for part in reply if isinstance(part, bytes) for n in part.split()]
    if not all(n.isdigit() for n in tokens):
        raise ImapFailed(
            f"the IMAP server {server.where} sent a malformed answer to SEARCH in {folder}: "
            f"{server.text([b' '.join(tokens)[:80]])}"
        )
    found = sorted({int(n) for n in tokens})
    # "N:*" always matches the highest UID, even one at or below N: drop what we had.
    return [uid for uid in found if uid > last]


def _sizes(connection: imaplib.IMAP4, server: ImapServer, uids: list[int]) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for start in range(0, len(uids), _SIZES_PER_FETCH):
        chunk = uids[start : start + _SIZES_PER_FETCH]
        status, reply = connection.uid("FETCH", _uid_set(chunk), "(UID RFC822.SIZE)")
        if status != "OK":
            raise ImapFailed(
                f"the IMAP server {server.where} refused a FETCH: {server.text(reply)}"
            )
        for item in reply:
            line = item[0] if isinstance(item, tuple) else item
            uid, size = _UID.search(line or b""), _SIZE.search(line or b"")
            if uid and size:
                sizes[int(uid[1])] = int(size[1])
    return sizes


def _batches(uids: list[int], sizes: dict[int, int], max_size: int) -> Iterator[list[int]]:
    """The UIDs worth fetching, in groups small enough to hold in memory at once."""
    batch: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if size > max_size:
            continue
        if batch and (len(batch) >= _BATCH_COUNT or total + size > _BATCH_BYTES):
            yield batch
            batch, total = [], 0
        batch.append(uid)
        total += size
    if batch:
        yield batch


def _fetch(connection: imaplib.IMAP4, server: ImapServer, uids: list[int]) -> dict[int, bytes]:
    # BODY.PEEK[], never BODY[] or RFC822: those mark the message as read.
    status, reply = connection.uid("FETCH", _uid_set(uids), "(UID BODY.PEEK[])")
    if status != "OK":
        raise ImapFailed(f"the IMAP server {server.where} refused a FETCH: {server.text(reply)}")
    bodies: dict[int, bytes] = {}
    waiting: bytes | None = None  # a body whose UID comes after it
    for item in reply:
        if isinstance(item, tuple):
            head, body = item
            uid = _UID.search(head)
            waiting = None if uid else body
            if uid:
                bodies[int(uid[1])] = body
        elif isinstance(item, bytes) and waiting is not None:
            if uid := _UID.search(item):
                bodies[int(uid[1])] = waiting
            waiting = None
    return bodies


def _uid_set(uids: list[int]) -> str:
    """``[1, 2, 3, 7, 9, 10]`` -> ``"1:3,7,9:10"``."""
    runs: list[list[int]] = []
    for uid in uids:
        if runs and uid == runs[-1][1] + 1:
            runs[-1][1] = uid
        else:
            runs.append([uid, uid])
    return ",".join(str(a) if a == b else f"{a}:{b}" for a, b in runs)


def _mailbox(folder: str) -> str:
    """The folder name as IMAP wants it: modified UTF-7 (RFC 3501), quoted."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).rstrip(b"=")
            out.append("&" + encoded.replace(b"/", b",").decode() + "-")
            pending.clear()

    for char in folder:
        if " " <= char <= "~":
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return quoted("".join(out))
