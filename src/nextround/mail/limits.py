"""Bounds on the work one message can cause, applied before and while it is parsed.

A message from the outside world may be built to make a parser slow or deep:
a thousand nested multiparts (the standard library's parser recurses once per
level), ten thousand parts, a header of a megabyte, a base64 line of many
megabytes. Each bound below cuts such a message down to what a job-mail
classifier could use, and says so in the message's warnings; the message is
still read. Every scan here is one pass over the bytes (``bytes.find`` or a
pattern without nested unbounded repetition), so the work is linear in the
message's size.
"""

from __future__ import annotations

import re
from email.message import Message

#: Multipart and message/* containers read in one message; the rest is cut off.
#: This also bounds the nesting depth, which the parser pays for in recursion.
MAX_CONTAINERS = 40
#: MIME parts read in one multipart message.
MAX_PARTS = 1000
#: Characters kept of one header value.
MAX_HEADER = 8 * 1024
#: Characters of one text part's encoded payload decoded (the classifier reads far less).
MAX_DECODED = 256 * 1024
#: Messages larger than this have long base64 runs cut before parsing, so that a
#: 30 MB attachment is neither parsed line by line nor decoded.
LARGE = 1 << 20
#: Lines kept of each long run of base64 lines.
KEEP_LINES = 2000

# Both start with the newline before the line, a literal: found at memory speed,
# where a "^" under re.MULTILINE is tried at every position (1 s for 30 MB).
_CONTAINER = re.compile(
    rb"\n[Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Tt][Yy][Pp][Ee]:[ \t]*(?:\r?\n[ \t]+)?"
    rb"(?:[Mm][Uu][Ll][Tt][Ii][Pp][Aa][Rr][Tt]|[Mm][Ee][Ss][Ss][Aa][Gg][Ee])/"
)
_DELIMITER = re.compile(rb"\n--")
# A run of base64 body lines, after the newline before it: a pattern that starts
# with a literal is searched for at memory speed. A line is at most 200 characters
# (MIME writes 76), taken possessively, so a failed try costs at most a line: the
# pass is linear. (Unbounded, "{40,}" on a line of a megabyte without a newline
# backtracked through the whole line from every position in it.)
_BASE64_RUN = re.compile(rb"\n(?:[A-Za-z0-9+/]{40,200}+={0,2}\r?\n)+")


def bound(data: bytes, warnings: list[str]) -> bytes:
    """``data`` cut to the bounds above, each cut recorded in ``warnings``."""
    if len(data) > LARGE:
        data = cut_long_base64(data)
    data = _cut_at(data, _CONTAINER, MAX_CONTAINERS, warnings, "nested or multipart sections")
    if data.count(b"\n--") <= MAX_PARTS:  # the same count as the pattern's, at memory speed
        return data
    return _cut_at(data, _DELIMITER, MAX_PARTS, warnings, "MIME parts")


def _cut_at(
    data: bytes, pattern: re.Pattern[bytes], most: int, warnings: list[str], what: str
) -> bytes:
    """``data`` up to the line where ``pattern`` matches for the ``most + 1``-th time."""
    for count, found in enumerate(pattern.finditer(data), start=1):
        if count > most:
            warnings.append(f"the message has more than {most} {what}; read only the first {most}")
            return data[: found.start() + 1]  # up to the line, keeping its newline before
    return data


def cut_long_base64(data: bytes) -> bytes:
    """Keep only the first :data:`KEEP_LINES` lines of each longer run of base64 lines."""
    pieces: list[bytes] = []
    last = 0
    for run in _BASE64_RUN.finditer(data):
        first = run.start() + 1  # the run's first line
        if data.count(b"\n", first, run.end()) <= KEEP_LINES:
            continue
        end_of_kept = first
        for _ in range(KEEP_LINES):
            end_of_kept = data.index(b"\n", end_of_kept) + 1
        pieces.append(data[last:end_of_kept])
        last = run.end()
    pieces.append(data[last:])
    return b"".join(pieces)


def cap_headers(part: Message, warnings: list[str]) -> None:
    """Header values of ``part`` cut to :data:`MAX_HEADER` characters.

    Parameter parsing in the standard library (``get_param``, ``get_filename``)
    is quadratic in a value's length, so values are cut before anything reads them.
    """
    items = list(part.raw_items())
    long_names = {name.lower() for name, value in items if len(value) > MAX_HEADER}
    for lower in long_names:
        values = [value for name, value in items if name.lower() == lower]
        del part[lower]
        for value in values:
            part[lower] = value[:MAX_HEADER]
    if long_names:
        warnings.append(f"a header is longer than {MAX_HEADER // 1024} KB; read only its start")
