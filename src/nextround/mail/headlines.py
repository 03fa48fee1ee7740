"""A few header fields read straight from a message's bytes, before (or instead of) parsing it.

A scan asks two things of a message that the full parse
(:mod:`nextround.mail.messages`) does not keep: when it was sent (to skip
mail older than ``--since`` without parsing it) and whether it is bulk mail
(``List-Id``, ``List-Unsubscribe``, ``Precedence``; to fold newsletters and
job alerts away). :func:`top_fields` reads only the header block, at most
:data:`HEAD_LIMIT` bytes of it, in one pass, and never raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from nextround.mail.headers import date, header_text

#: How much of a message is looked at for its header block (bytes).
HEAD_LIMIT = 64 * 1024
#: How much of one field's value is kept (characters).
VALUE_LIMIT = 2000
BULK_FIELDS = ("list-id", "list-unsubscribe", "precedence", "auto-submitted", "subject", "from")


def top_fields(data: bytes, names: Iterable[str]) -> dict[str, str]:
    """The first value of each of ``names`` (lower case) in the header block, unfolded.

    Values are decoded as UTF-8 with replacement, then RFC 2047 words are
    decoded; a field that is missing is missing from the answer.
    """
    wanted = {n.lower() for n in names}
    found: dict[str, str] = {}
    current: str | None = None
    for raw in _head(data).split(b"\n"):
        line = raw.removesuffix(b"\r")
        if not line:
            break  # the end of the header block
        if line[:1] in {b" ", b"\t"}:
            if current is not None and len(found[current]) < VALUE_LIMIT:
                found[current] += " " + line.strip().decode("utf-8", "replace")
            continue
        current = None
        name, colon, value = line.partition(b":")
        if not colon or line.startswith(b"From "):
            continue  # an mbox separator or a broken line: not a field
        key = name.strip().decode("ascii", "replace").lower()
        if key in wanted and key not in found:
            found[key] = value.strip().decode("utf-8", "replace")
            current = key
    warnings: list[str] = []
    return {k: header_text(v[:VALUE_LIMIT], warnings) for k, v in found.items()}


def sent_at(data: bytes) -> datetime | None:
    """The message's Date, timezone-aware; None when it is missing or can't be read."""
    raw = top_fields(data, ("date",)).get("date")
    if not raw:
        return None
    try:
        return date(raw, [])
    except (ValueError, TypeError, OverflowError, IndexError):
        return None


def _head(data: bytes) -> bytes:
    head = data[:HEAD_LIMIT]
    end = head.find(b"\n\n")
    crlf = head.find(b"\r\n\r\n")
    ends = [e for e in (end, crlf) if e >= 0]
    return head[: min(ends) + 1] if ends else head
