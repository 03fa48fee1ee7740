"""Reading a well-formed message's headers and its two text parts without building a tree.

:func:`nextround.mail.messages.parse_message` needs the top-level headers, the
first inline ``text/plain`` part and the first inline ``text/html`` part; it
decodes one of them (the HTML only when the plain text is missing or a
placeholder). :mod:`nextround.mail.mime` builds the whole ``compat32`` tree
for that, a :class:`~email.message.Message` per part with its headers stored,
and the standard library's accessors then parse each header again
(``get_content_type``, ``get_param``). :func:`read` walks the same structure
with ``str.find`` (the same header lines, boundary lines and refusals as
:mod:`nextround.mail.mime`, whose helpers it uses) and keeps only what is read:
header values as strings and the two text parts' bodies, not yet decoded.

It answers only for mail it reads exactly as that path would: ASCII structure
headers of the simplest form, parameters without quoting tricks, no part that
is cut by :mod:`nextround.mail.limits`, no text part that might be an attachment
by its file name. Anything else returns ``None`` and the message takes the
full path (``tests/mail/test_quick.py`` compares the two on the corpora and on
generated and mutated mail).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from email.message import Message
from typing import NamedTuple

from nextround.mail import mime
from nextround.mail.limits import LARGE, MAX_CONTAINERS, MAX_DECODED, MAX_HEADER, MAX_PARTS

#: Transfer encodings of a text part that ``parse_message`` reads (others: the full path).
ENCODINGS = frozenset({"", "7bit", "8bit", "binary", "base64", "quoted-printable"})
# A type with one parameter, its value quoted or not, without what the standard library
# would unquote or unescape ("<...>", backslashes) or read as RFC 2231 ("name*=").
_CHARSET = re.compile(r'[^;"\\]*;\s*charset=(?:"([^"\\;<]*)"|([^\s"\\;<]+))\s*', re.IGNORECASE)
_BOUNDARY = re.compile(r'[^;"\\]*;\s*boundary=(?:"([^"\\;<]*)"|([^\s"\\;<]+))\s*', re.IGNORECASE)
_PLAIN_ENCODINGS = frozenset({"7bit", "8bit", "binary"})
# A header line of LF text and its folded lines: as mime.header_lines reads them.
_HEADER_LINE = re.compile(r"([\041-\071\073-\176]+):([^\n]*\n(?:[ \t][^\n]*\n)*)")


class Part(NamedTuple):
    """A text part as ``parse_message`` reads it."""

    encoding: str  # the Content-Transfer-Encoding, stripped and lower-cased
    charset: str | None  # as ``Message.get_content_charset``, when the type names one
    body: str  # the payload as the message holds it (8-bit bytes as surrogates)


class Read(NamedTuple):
    headers: dict[str, str]  # the top-level headers by lower-cased name, the first of each
    plain: Part | None
    html: Part | None


class _Refused(Exception):
    """Not read here: the full path reads the message."""


#: Charsets in which a line break is the byte it is in ASCII (CRLF made LF is safe).
_ASCII_LINES = frozenset({"us-ascii", "utf-8", "iso-8859-1", "iso-8859-15", "windows-1252"})


def read(data: bytes) -> Read | None:
    """The headers and text parts of ``data``, or None when the full path must read it.

    Mail with CRLF line ends is read with LF ones, header values given their CRLF
    back (a text part's CRs are dropped with the other odd spaces once decoded; its
    cap is halved, since the full path counts them).
    """
    if len(data) > LARGE or data.count(b"\n--") > MAX_PARTS:
        return None
    crlf = b"\r" in data
    if crlf:
        breaks = data.count(b"\r\n")
        if data.count(b"\r") != breaks or data.count(b"\n") != breaks:
            return None  # a lone CR ends a line there; mixed line ends are not restored
        data = data.replace(b"\r\n", b"\n")
    lowered = data.lower()
    if lowered.count(b"multipart/") + lowered.count(b"message/") > MAX_CONTAINERS:
        return None  # limits.bound might cut it
    text = data.decode("ascii", "surrogateescape")
    found: list[Part | None] = [None, None]
    try:
        headers = _Walk(text, crlf).part(0, len(text), found, top=True)
    except (mime._Unusual, _Refused):
        return None
    return Read(headers, found[0], found[1])


class _Walk:
    def __init__(self, text: str, crlf: bool) -> None:
        self.text = text
        self.crlf = crlf
        self.shrink = 2 if crlf else 1
        self.body = 0

    def headers(self, start: int, end: int) -> tuple[dict[str, str], int]:
        headers: dict[str, str] = {}
        for name, stored in self.header_lines(start, end):
            # A folded value of CRLF mail gets its line breaks back as they came.
            value = stored.replace("\n", "\r\n") if self.crlf else stored
            if len(value) > MAX_HEADER:
                raise _Refused  # cap_headers might cut it
            headers.setdefault(name.lower(), value)
        return headers, self.body

    def header_lines(self, start: int, end: int) -> Iterator[tuple[str, str]]:
        """``mime.header_lines`` of LF text, a line and its folds matched at once; the
        body's start is left in ``self.body``."""
        text = self.text
        pos = start
        while text.startswith("\n", pos, end) is False:
            found = _HEADER_LINE.match(text, pos, end)
            if found is None:
                raise mime._Unusual  # no header, a fold first, or no blank line before end
            yield found.group(1), found.group(2).lstrip(" \t").rstrip("\r\n")
            pos = found.end()
        self.body = pos + 1

    def part(
        self, start: int, end: int, found: list[Part | None] | None, *, top: bool
    ) -> dict[str, str]:
        """Walk the part in ``text[start:end]`` as ``messages._text_parts`` walks the tree
        (depth first, in order), keeping the first plain and HTML text parts in ``found``;
        ``found`` is None inside an attachment (its structure still counts)."""
        headers, body = self.headers(start, end)
        raw_type = headers.get("content-type")
        if raw_type is None:
            ctype = "text/plain"
        elif not raw_type.isascii():
            raise _Refused  # the standard library's accessors read it as a Header object
        else:
            ctype = raw_type.partition(";")[0].strip().lower()
            if ctype.count("/") != 1:
                ctype = "text/plain"
        maintype = ctype.partition("/")[0]
        if maintype == "message" or ctype == "multipart/digest":
            raise mime._Unusual
        html = ctype == "text/html"
        wanted = found is not None and ctype in ("text/plain", "text/html") and found[html] is None
        multipart = maintype == "multipart"
        inside = not top and (wanted or (multipart and found is not None))
        if inside and _attachment(headers, raw_type or ""):
            found, wanted = None, False
        if multipart:
            self.multipart(body, end, headers, raw_type or "", found)
        elif wanted and found is not None:
            found[html] = self.text_part(headers, raw_type, body, end)
        return headers

    def text_part(self, headers: dict[str, str], raw_type: str | None, body: int, end: int) -> Part:
        encoding = headers.get("content-transfer-encoding", "")
        if not encoding.isascii():
            raise _Refused
        encoding = encoding.strip().lower()
        payload = self.text[body:end]
        if encoding not in ENCODINGS or len(payload) > MAX_DECODED // self.shrink:
            raise _Refused
        if encoding in ("base64", "quoted-printable") and not payload.isascii():
            raise _Refused  # the standard library decodes 8-bit bytes there with the charset
        charset = _charset(raw_type or "")
        if self.crlf and charset is not None and charset not in _ASCII_LINES:
            raise _Refused
        return Part(encoding, charset, payload)

    def multipart(
        self,
        body: int,
        end: int,
        headers: dict[str, str],
        raw_type: str,
        found: list[Part | None] | None,
    ) -> None:
        """As ``mime._multipart``: the same boundary lines, the same refusals."""
        boundary = _boundary(raw_type)
        encoding = headers.get("content-transfer-encoding", "8bit").lower()
        if not boundary or encoding not in _PLAIN_ENCODINGS:
            raise mime._Unusual
        delimiters = mime._delimiters(self.text, body, end, "--" + boundary)
        if len(delimiters) < 2 or not delimiters[-1][2]:
            raise mime._Unusual
        for (_, after, closing), (next_line, _, _) in itertools.pairwise(delimiters):
            if closing or after >= next_line:
                raise mime._Unusual
            self.part(after, next_line, found, top=False)


def _attachment(headers: dict[str, str], raw_type: str) -> bool:
    """``messages._is_attachment``, or a refusal where it would read a file name."""
    disposition = headers.get("content-disposition", "")
    if not disposition.isascii():
        raise _Refused
    disposition = disposition.lower()
    if disposition.split(";", 1)[0].strip() == "attachment":
        return True
    if "name" not in disposition and "name" not in raw_type.lower():
        return False
    raise _Refused  # get_filename parses the parameters


def _param(pattern: re.Pattern[str], raw_type: str) -> str | None:
    """The one parameter of a simple Content-Type (``type/sub; name=value`` or
    ``name="value"``), or None when it has other parameters or quoting to undo."""
    found = pattern.fullmatch(raw_type)
    if found is None:
        return None
    return found.group(1) if found.group(1) is not None else found.group(2)


def _charset(raw_type: str) -> str | None:
    """``Message.get_content_charset`` when the type names a charset (else None)."""
    if "charset" not in raw_type.lower():
        return None
    value = _param(_CHARSET, raw_type)
    return _as_stdlib(raw_type).get_content_charset() if value is None else value.lower()


def _boundary(raw_type: str) -> str | None:
    """``Message.get_boundary``."""
    value = _param(_BOUNDARY, raw_type)
    return _as_stdlib(raw_type).get_boundary() if value is None else value.rstrip()


def _as_stdlib(raw_type: str) -> Message:
    """A message with only this Content-Type, for the standard library to read a parameter
    the plain pattern doesn't (quoting, RFC 2231)."""
    message = Message()
    message.set_raw("Content-Type", raw_type)
    return message
