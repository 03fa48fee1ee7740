"""Decoding header values of a received message: encoded words, addresses, dates, ids.

Every function here takes time linear in the value's length (the caller caps
it, :data:`nextround.mail.limits.MAX_HEADER`) and never raises on a broken
value: what can't be read is recorded in ``warnings`` and read as it stands.

RFC 2047 encoded words are decoded here rather than by
``email.header.decode_header``: its pattern searches lazily to the end of the
value from every ``=?`` (quadratic in the length), and a broken base64 word
makes it raise ``HeaderParseError``.
"""

from __future__ import annotations

import binascii
import codecs
import email.utils
import hashlib
import re
from datetime import UTC, datetime, timedelta, timezone

# Charset and encoded text hold neither '?' nor white space, so each match is
# found in one pass without backtracking over the rest of the value.
_WORD = re.compile(r"=\?([^?\s]{1,80})\?([qQbB])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"[ \t\r\n]*")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
_SIMPLE_ADDRESS = re.compile(r'^\s*(?:"?([^"<>,]*?)"?\s*)?<?([^<>@\s",]+@[^<>\s",]+)>?\s*$')
#: Longer pieces are parsed by the standard library's tokenizer instead of the
#: pattern above, whose lazy name group backtracks on long runs without an '@'.
_SIMPLE_LIMIT = 500
#: Comments and groups an address header may hold before they are read as spaces.
_NESTING = 20
_NESTERS = str.maketrans("():", "   ")
_ANGLE_ID = re.compile(r"<([^<>\s]+)>")
_LATIN1 = frozenset({"iso8859-1", "latin-1", "iso-8859-1", "ascii"})
_DATE_LIMIT = 200
# 8-bit bytes of a header read as ASCII with "surrogateescape".
_RAW_BYTE = re.compile("[\udc80-\udcff]")


def has_raw_bytes(text: str) -> bool:
    """Whether ``text`` holds undecoded 8-bit bytes (as lone surrogates)."""
    return _RAW_BYTE.search(text) is not None


def decode_bytes(
    payload: bytes, charset: str | None, warnings: list[str], quiet: bool = False
) -> str:
    """Bytes to text: the declared charset, else UTF-8, else Windows-1252."""
    codec = None
    if charset:
        try:
            codec = codecs.lookup(charset.strip().strip('"').split("*", 1)[0]).name
        except (LookupError, ValueError):  # ValueError: a NUL byte in the name (found by fuzzing)
            warnings.append(f"unknown charset {charset[:40]!r}; read as UTF-8 or Windows-1252")
    if codec in _LATIN1:
        codec = "cp1252"  # as browsers do: Latin-1 labels usually carry Windows-1252 text
    if codec:
        try:
            return payload.decode(codec)
        except UnicodeDecodeError:
            warnings.append(f"the text is not valid {charset}")
        except (LookupError, ValueError, TypeError):  # a codec that can't decode bytes
            warnings.append(f"charset {charset!r} can't be used; read as UTF-8 or Windows-1252")
            codec = None
    elif not quiet and not payload.isascii() and charset is None:
        warnings.append("charset not declared; read as UTF-8 or Windows-1252")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode(codec or "cp1252", errors="replace")


def header_text(raw: str, warnings: list[str]) -> str:
    """Decode RFC 2047 words and raw 8-bit bytes of one header value."""
    raw = _FOLD.sub("", raw)
    if not raw.isascii() and has_raw_bytes(raw):
        warnings.append("a header has undeclared 8-bit characters")
        return decode_bytes(raw.encode("ascii", "surrogateescape"), None, warnings, quiet=True)
    if "=?" not in raw:
        return raw
    return _decode_words(raw, warnings)


def _decode_words(raw: str, warnings: list[str]) -> str:
    """Encoded words decoded; the white space between two adjacent ones dropped (RFC 2047)."""
    parts: list[str] = []
    pending: list[bytes] = []  # adjacent words in one charset: a character may span two
    pending_charset = ""
    last = 0
    for word in _WORD.finditer(raw):
        between = raw[last : word.start()]
        charset = word.group(1).split("*", 1)[0].lower()
        decoded = _word_bytes(word.group(2).lower(), word.group(3), warnings)
        adjacent = bool(pending) and _BETWEEN_WORDS.fullmatch(between) is not None
        if pending and not (adjacent and charset == pending_charset and decoded is not None):
            parts.append(decode_bytes(b"".join(pending), pending_charset, warnings))
            pending = []
        if not adjacent:
            parts.append(between)
        if decoded is None:
            parts.append(word.group(0))
        else:
            pending.append(decoded)
            pending_charset = charset
        last = word.end()
    if pending:
        parts.append(decode_bytes(b"".join(pending), pending_charset, warnings))
    parts.append(raw[last:])
    return "".join(parts)


def _word_bytes(encoding: str, text: str, warnings: list[str]) -> bytes | None:
    # Bytes read as UTF-8 with replacement (the header reader) may hold any character.
    data = text.encode("utf-8", "surrogateescape")
    if encoding == "q":
        return _QP_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data.replace(b"_", b" "))
    cleaned = _NOT_BASE64.sub(b"", data)
    cleaned += b"=" * (-len(cleaned) % 4)
    try:
        return binascii.a2b_base64(cleaned)
    except binascii.Error:
        warnings.append("a header has a broken encoded word")
        return None


def address(raw: str, warnings: list[str]) -> tuple[str, str]:
    """``"Dana <dana@acme.example>"`` -> ``("Dana", "dana@acme.example")``."""
    simple = _SIMPLE_ADDRESS.match(raw) if len(raw) <= _SIMPLE_LIMIT else None
    name, found = simple.groups("") if simple else email.utils.parseaddr(_flat(raw))
    if not found and raw.strip():
        warnings.append("the From header has no readable address")
    return header_text(name, warnings).strip(), found.strip().lower()


def recipients(raw: str) -> tuple[str, ...]:
    if not any(c in raw for c in '"(\\'):
        pieces = (
            _SIMPLE_ADDRESS.match(piece) for piece in raw.split(",") if len(piece) <= _SIMPLE_LIMIT
        )
        return tuple(found.group(2).lower() for found in pieces if found)
    pairs = email.utils.getaddresses([_flat(raw)])
    return tuple(found.lower() for _name, found in pairs if "@" in found)


def _flat(raw: str) -> str:
    """Address text that can't nest deep: the standard library's address parser
    recurses once per comment "(" and per group ":" (RecursionError at a thousand,
    found by ``make fuzz``). Real headers hold one or two; past a few, they are
    read as spaces."""
    if raw.count("(") + raw.count(":") <= _NESTING:
        return raw
    return raw.translate(_NESTERS)


def date(raw: str, warnings: list[str]) -> datetime | None:
    raw = raw.strip()[:_DATE_LIMIT]
    if not raw:
        return None
    common = _common_date(raw)
    if common is not None:
        return common
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (ValueError, TypeError, IndexError, OverflowError):
        warnings.append(f"unreadable Date header: {raw[:60]!r}")
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


# The form nearly every mailer writes, "Thu, 01 Jan 2026 09:00:00 +0000": read directly,
# as email.utils.parsedate_to_datetime reads it (a year from 1000, a numeric zone but
# "-0000", which it reads as no zone); anything else is left to it.
_COMMON_DATE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?([0-9]{1,2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9][0-9]{3}) "
    r"([0-9]{2}):([0-9]{2}):([0-9]{2}) ([+-])([0-9]{2})([0-9]{2})"
)
_MONTHS = {
    name: n
    for n, name in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


def _common_date(raw: str) -> datetime | None:
    found = _COMMON_DATE.fullmatch(raw)
    if found is None or found.group(7, 8, 9) == ("-", "00", "00"):
        return None
    day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = found.groups()
    offset = int(zone_hours) * 3600 + int(zone_minutes) * 60
    try:
        zone = timezone(timedelta(seconds=-offset if sign == "-" else offset))
        return datetime(
            int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second), tzinfo=zone
        )
    except ValueError:  # an impossible day or time, a zone of a day or more: the full reading
        return None


def message_ids(raw: str) -> tuple[str, ...]:
    """The ``<...>`` ids of a References header."""
    return tuple(_ANGLE_ID.findall(raw))


def first_id(raw: str) -> str | None:
    found = _ANGLE_ID.search(raw)
    if found:
        return found.group(1)
    bare = raw.strip()
    return bare if bare and " " not in bare else None


def message_id(raw: str, data: bytes) -> str:
    """The Message-ID, or one made from the bytes (the same bytes give the same id)."""
    return first_id(raw) or f"sha256-{hashlib.sha256(data).hexdigest()[:16]}@nextround.invalid"
