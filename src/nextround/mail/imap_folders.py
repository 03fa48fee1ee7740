"""The folders of the user's IMAP account, asked for only when the user wants to pick some.

``LIST "" "*"`` answers one line per folder: its flags, the hierarchy
delimiter and its name, quoted, bare or as a literal, in modified UTF-7
(RFC 3501). :func:`folder_name` reads one such line; folders that can't be
opened (``\\Noselect``, ``\\NonExistent``) are left out. Nothing on the server
changes.
"""

from __future__ import annotations

import base64
import binascii
import re

from nextround.errors import ConfigError
from nextround.mail.imap_server import ImapServer
from nextround.mail.secrets import find_password
from nextround.mailconfig import ImapSettings

#: At most this many folders are listed (a server with more is unusual; the rest are left out).
MAX_FOLDERS = 2000
_MAX_NAME = 1000
_LINE = re.compile(
    rb'\((?P<flags>[^()]{0,500})\) (?:"(?:\\.|[^"\\])"|NIL) (?P<name>.{1,2000})', re.DOTALL
)
_QUOTED = re.compile(rb'"((?:\\.|[^"\\]){0,2000})"')
_SHIFTED = re.compile(r"&([A-Za-z0-9+,]*)-")
_CLOSED = (b"\\noselect", b"\\nonexistent")


def list_folders(settings: ImapSettings) -> list[str]:
    """The names of the folders that can be scanned, sorted, INBOX first."""
    if not settings.host or not settings.user:
        raise ConfigError("save the server and the user name first, then list the folders")
    if settings.auth == "xoauth2":  # an access token from the user's own OAuth client
        from nextround.mail import oauth

        password = oauth.access_token(oauth.oauth_client(settings), settings.timeout)
    else:
        password = find_password(settings) or ""
    if not password:
        raise ConfigError(f"save the password for {settings.user} first, then list the folders")
    server = ImapServer(settings, password)
    connection = server.open()
    try:
        with server.reporting():
            status, lines = connection.list('""', "*")
        if status != "OK":
            raise ConfigError(f"the IMAP server would not list its folders: {server.text(lines)}")
    finally:
        server.close(connection)
    names = {n for n in map(folder_name, lines[:MAX_FOLDERS]) if n}
    return sorted(names, key=lambda n: (n.upper() != "INBOX", n.casefold()))


def folder_name(line: object) -> str | None:
    """The folder's name from one line of a LIST answer; None for one that can't be opened
    or doesn't read as a LIST line."""
    if isinstance(line, tuple) and len(line) == 2 and all(isinstance(p, bytes) for p in line):
        head, literal = line  # the name came as a literal: {n}\r\n<name>
        found = _LINE.fullmatch(head)
        if found is None or not re.fullmatch(rb"\{\d{1,6}\}", found["name"]):
            return None
        return _usable(found["flags"], literal)
    if not isinstance(line, bytes):
        return None
    found = _LINE.fullmatch(line)
    if found is None:
        return None
    name = found["name"]
    quoted = _QUOTED.fullmatch(name)
    if quoted is not None:
        name = re.sub(rb"\\(.)", rb"\1", quoted[1], flags=re.DOTALL)
    elif b'"' in name or b" " in name:
        return None
    return _usable(found["flags"], name)


def _usable(flags: bytes, name: bytes) -> str | None:
    if any(closed in flags.lower() for closed in _CLOSED):
        return None
    text = decode_utf7(name.decode("utf-8", "replace"))
    if not text or len(text) > _MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in text):
        return None
    return text


def decode_utf7(name: str) -> str:
    """A folder name from modified UTF-7 (``&AOQ-`` is "ä", ``&-`` is "&"); a part that
    doesn't decode is kept as it was."""

    def one(match: re.Match[str]) -> str:
        encoded = match[1]
        if not encoded:
            return "&"
        data = encoded.replace(",", "/")
        try:
            raw = base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
            return raw.decode("utf-16-be")
        except (binascii.Error, ValueError):
            return match[0]

    return _SHIFTED.sub(one, name)
