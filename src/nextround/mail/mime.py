"""A fast reader of well-formed MIME, building the same tree as the standard library.

``email.message_from_bytes`` reads a message line by line through a generator
and compiles a new regular expression for every multipart boundary (each one
is unique, so the ``re`` cache never helps): on ordinary job mail that is two
thirds of the parse. :func:`read` finds the header block, the header lines
and the boundary lines with ``str.find`` instead, and builds the same
``compat32`` :class:`~email.message.Message` tree the standard library would,
header values and payloads character for character.

It reads only what it is sure of. Anything the standard library would read
with a repair or a defect (a header line that is no header, a lone carriage
return, a multipart without its boundary or its closing line, ``message/*``
parts, a transfer encoding on a multipart, empty parts) is handed to the
standard library whole, so broken mail is read exactly as before.
"""

from __future__ import annotations

import email
import itertools
import re
from email.message import Message

# A header line: a name of printable characters but ":" and space, then ":".
_HEADER_NAME = re.compile(r"[\041-\071\073-\176]+:")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MULTIPART = re.compile(rb"^content-type:\s*multipart", re.IGNORECASE | re.MULTILINE)
_PLAIN_ENCODINGS = frozenset({"7bit", "8bit", "binary"})


class _Unusual(Exception):
    """Something the standard library reads with a repair: it reads the message."""


def read(data: bytes) -> Message:
    """The MIME tree of ``data``, as ``email.message_from_bytes`` (compat32) builds it.

    A single-part body is attached whole rather than parsed line by line.
    """
    fast = read_fast(data)
    return fast if fast is not None else _standard(data)


def read_fast(data: bytes) -> Message | None:
    """The tree read without the standard library's parser, or None when ``data`` holds
    anything it would read with a repair."""
    if data.count(b"\r") != data.count(b"\r\n"):  # a lone CR ends a line there
        return None
    try:
        return _message(data.decode("ascii", "surrogateescape"), 0, None)
    except _Unusual:
        return None


def _standard(data: bytes) -> Message:
    found = _HEADER_END.search(data)
    if found is None or _MULTIPART.search(data, 0, found.start()):
        return email.message_from_bytes(data)
    msg = email.message_from_bytes(data[: found.end()])
    msg.set_payload(data[found.end() :].decode("ascii", "surrogateescape"))
    return msg


def _message(text: str, start: int, end: int | None) -> Message:
    """The message (or part) in ``text[start:end]``; a part's ``end`` is where the line
    break before its boundary line starts (that break belongs to the boundary, RFC 2046)."""
    end = len(text) if end is None else end
    msg = Message()
    body = _headers(text, start, end, msg)
    ctype = msg.get_content_type()
    maintype = ctype.split("/", 1)[0]
    if maintype == "message" or ctype == "multipart/digest":
        raise _Unusual
    if maintype != "multipart":
        msg.set_payload(text[body:end])
        return msg
    _multipart(msg, text, body, end)
    return msg


def _headers(text: str, start: int, end: int, msg: Message) -> int:
    """Header lines of ``text[start:end]`` set on ``msg``; returns where the body starts."""
    pairs, body = header_lines(text, start, end)
    for name, value in pairs:
        msg.set_raw(name, value)
    return body


def header_lines(text: str, start: int, end: int) -> tuple[list[tuple[str, str]], int]:
    """The (name, value) header lines of ``text[start:end]`` as ``compat32`` stores them,
    and where the body starts; raises :class:`_Unusual` where it would repair them."""
    pos = start
    name = ""
    lines: list[str] = []
    pairs: list[tuple[str, str]] = []
    while True:
        if pos >= end:
            raise _Unusual  # no blank line after the headers
        stop = text.find("\n", pos, end)
        if stop < 0:
            raise _Unusual
        line = text[pos : stop + 1]
        pos = stop + 1
        if line in ("\n", "\r\n"):
            break
        if line[0] in " \t":
            if not lines:
                raise _Unusual  # a continuation line first
            lines.append(line)
            continue
        found = _HEADER_NAME.match(line)
        if found is None:
            raise _Unusual  # a line that is no header: the standard library repairs it
        if lines:
            pairs.append((name, _value(lines)))
        name = line[: found.end() - 1]
        lines = [line[found.end() :]]
    if lines:
        pairs.append((name, _value(lines)))
    return pairs, pos


def _value(lines: list[str]) -> str:
    """As ``compat32.header_source_parse``: folds kept, the first line's spaces dropped."""
    value = lines[0].lstrip(" \t") + "".join(lines[1:])
    return value.rstrip("\r\n")


def _multipart(msg: Message, text: str, body: int, end: int) -> None:
    boundary = msg.get_boundary()
    encoding = str(msg.get("content-transfer-encoding", "8bit")).lower()
    if not boundary or encoding not in _PLAIN_ENCODINGS:
        raise _Unusual
    separator = "--" + boundary
    delimiters = _delimiters(text, body, end, separator)
    if len(delimiters) < 2 or not delimiters[-1][2]:
        raise _Unusual  # no part, or no closing line
    first_line = delimiters[0][0]
    msg.preamble = text[body:first_line] if first_line > body else None
    for (_, after, closing), (next_line, _, _) in itertools.pairwise(delimiters):
        if closing or after >= next_line:
            raise _Unusual  # a part after the closing line, or an empty part
        msg.attach(_message(text, after, next_line))
    msg.epilogue = text[delimiters[-1][1] : end]


def _delimiters(text: str, body: int, end: int, separator: str) -> list[tuple[int, int, bool]]:
    """Each boundary line in ``text[body:end]``: (where it starts, where the next line
    starts, whether it is the closing one), up to and including the first closing one."""
    found: list[tuple[int, int, bool]] = []
    pos = body
    while pos < end:
        at = text.find(separator, pos, end)
        if at < 0:
            break
        if at != body and text[at - 1] != "\n":
            pos = at + 1
            continue
        stop = text.find("\n", at, end)
        line_end = end if stop < 0 else stop + 1
        rest = text[at + len(separator) : line_end].rstrip("\r\n")
        closing = rest.startswith("--")
        if closing:
            rest = rest[2:]
        if rest.strip(" \t"):
            pos = at + 1  # a longer line that only starts with the boundary
            continue
        found.append((_line_break_before(text, at, body), line_end, closing))
        if closing:
            break
        pos = line_end
    return found


def _line_break_before(text: str, at: int, body: int) -> int:
    """Where the boundary line's own leading line break starts (RFC 2046)."""
    if at == body:
        return at
    if at - 2 >= body and text[at - 2] == "\r":
        return at - 2
    return at - 1
