"""Parsing the raw bytes of one received e-mail into a :class:`MailMessage`.

:func:`parse_message` never gives up on a message that is merely broken: an
unknown or undeclared charset is decoded as UTF-8, else Windows-1252; a broken
MIME structure is read as far as it goes. Each such repair is recorded in
``MailMessage.warnings``. Only bytes that are not an e-mail at all (empty, no
header) raise :class:`InvalidInput`. The work is bounded by the caps of
:mod:`nextround.mail.limits`, and control characters (NUL bytes, terminal
escape sequences) are stripped from every text the message yields.

The body text prefers ``text/plain``, else converts ``text/html``; quoted
earlier messages are set apart; attachments are skipped without decoding.

The MIME structure is read by :mod:`nextround.mail.mime`, which builds the
standard library's ``compat32`` tree without its line-by-line parser on
well-formed mail (about twice as fast) and hands anything unusual to
``email.message_from_bytes``. ``compat32`` rather than ``policy.default``:
the latter's header objects made a 4 KB message take about 0.7 ms to parse,
against under 0.1 ms, and headers are decoded here anyway (RFC 2047 words,
raw 8-bit bytes) with fallbacks.
"""

from __future__ import annotations

import binascii
import email
import re
from collections.abc import Callable
from email.message import Message
from typing import TypeVar

from nextround.domain.controls import strip_controls
from nextround.domain.mail import MailMessage
from nextround.errors import InvalidInput
from nextround.mail import headers as h
from nextround.mail import mime, quick
from nextround.mail.htmltext import html_to_text, tidy
from nextround.mail.limits import MAX_DECODED, bound, cap_headers
from nextround.mail.quotes import split_quoted

_Text = TypeVar("_Text", str, bytes)
#: Characters of body text kept (enough for any classifier; bounds the work).
TEXT_LIMIT = 20_000
_POINTS_AT_HTML = re.compile(r"html|browser|web version|online version", re.IGNORECASE)
_BOUNDARY_GUESS = re.compile(r"^--([^\s-][^\r\n]*)", re.MULTILINE)
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
_TRANSFER = frozenset({"base64", "quoted-printable"})
_SPACE_LIKE = (("\r", ""), ("\u00a0", " "), ("\u200b", ""), ("\ufeff", ""))


def parse_message(data: bytes) -> MailMessage:
    """Parse one message; raise :class:`InvalidInput` only when it is not an e-mail."""
    if not data.strip():
        raise InvalidInput("the message is empty")
    warnings: list[str] = []
    found = quick.read(data)
    if found is not None:  # well-formed: the headers and text parts read without a tree
        headers = found.headers
        _has_headers(headers)
        text, quoted = _shown(
            _quick_text(found.plain, warnings),
            None if found.html is None else lambda: _quick_text(found.html, warnings),
        )
    else:
        msg = mime.read(bound(data, warnings))
        cap_headers(msg, warnings)
        headers = {name.lower(): value for name, value in reversed(list(msg.raw_items()))}
        _has_headers(headers)
        text, quoted = _body(msg, warnings)
    sender_name, sender = h.address(headers.get("from", ""), warnings)
    subject = h.header_text(headers.get("subject", ""), warnings)
    # Mail is written by strangers: no NUL byte or escape sequence goes further than here.
    return MailMessage(
        message_id=_one_line(h.message_id(headers.get("message-id", ""), data)),
        sender_name=_one_line(sender_name),
        sender=_one_line(sender),
        to=tuple(_one_line(a) for a in h.recipients(headers.get("to", ""))),
        subject=" ".join(_one_line(subject).split()),
        date=h.date(headers.get("date", ""), warnings),
        text=strip_controls(text[:TEXT_LIMIT]),
        quoted=strip_controls(quoted[:TEXT_LIMIT]),
        in_reply_to=_optional(h.first_id(headers.get("in-reply-to", ""))),
        references=tuple(_one_line(r) for r in h.message_ids(headers.get("references", ""))),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _has_headers(headers: dict[str, str]) -> None:
    if not headers:
        raise InvalidInput("this is not an e-mail message: it has no headers")


def _one_line(text: str) -> str:
    """A header value as one line of valid text. Undecoded values (ids, addresses) may
    hold 8-bit bytes as lone surrogates, which no database can store (found by the
    scan fuzz test): they become U+FFFD."""
    if text.isprintable():  # no control, line break or surrogate: nothing to strip
        return text
    if not text.isascii() and h.has_raw_bytes(text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return strip_controls(text, lines=False)


def _optional(text: str | None) -> str | None:
    return None if text is None else _one_line(text)


# -- body -------------------------------------------------------------------


def _is_attachment(part: Message) -> bool:
    disposition = str(part.get("content-disposition", "")).lower()
    if disposition.split(";", 1)[0].strip() == "attachment":
        return True
    # get_filename parses every parameter: only asked when a "name" could be there.
    if "name" not in disposition and "name" not in str(part.get("content-type", "")).lower():
        return False
    return part.get_filename() is not None


def _text_parts(
    msg: Message, warnings: list[str], *, reparse: bool = True
) -> tuple[Message | None, Message | None]:
    """The first inline text/plain and text/html parts, not descending into attachments.

    A walk with a stack, not recursion: nesting costs no stack frames.
    """
    plain: Message | None = None
    html: Message | None = None
    stack = [msg]
    while stack:
        part = stack.pop()
        cap_headers(part, warnings)
        warnings.extend(f"broken MIME: {type(d).__name__}" for d in part.defects)
        if part is not msg and _is_attachment(part):
            continue
        if part.is_multipart():
            if part.get_content_maintype() != "message":
                children = part.get_payload()
                if isinstance(children, list):
                    stack.extend(p for p in reversed(children) if isinstance(p, Message))
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
        elif reparse and part.get_content_maintype() == "multipart":
            guessed_plain, guessed_html = _reparse_multipart(part, warnings)
            plain, html = plain or guessed_plain, html or guessed_html
    return plain, html


def _reparse_multipart(part: Message, warnings: list[str]) -> tuple[Message | None, Message | None]:
    """A multipart whose boundary never shows up: guess it from the first ``--`` line.

    Done once: what the guess finds inside is not guessed at again.
    """
    body = _undecoded(part, warnings)[:MAX_DECODED]
    guess = _BOUNDARY_GUESS.search(body)
    boundary = guess.group(1).strip().replace('"', "") if guess else ""
    if not boundary:
        fallback = Message()
        fallback.set_payload(body)
        return fallback, None
    warnings.append("the multipart boundary is wrong; guessed it from the body")
    head = f'Content-Type: multipart/mixed; boundary="{boundary[:200]}"\n\n'
    return _text_parts(email.message_from_string(head + body), [], reparse=False)


def _part_text(part: Message, warnings: list[str]) -> str:
    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    if encoding in _TRANSFER:
        encoded = _capped(_undecoded(part, warnings), warnings).encode("ascii", "replace")
    else:  # the bytes as they came (8-bit ones included), without a copy decoded
        raw_bytes = part.get_payload(decode=True)
        encoded = _capped(raw_bytes if isinstance(raw_bytes, bytes) else b"", warnings)
    return _decoded(encoded, encoding, _charset(part), warnings)


def _quick_text(part: quick.Part | None, warnings: list[str]) -> str:
    """:func:`_part_text` of a part :mod:`nextround.mail.quick` read (within the caps)."""
    if part is None:
        return ""
    encoded = part.body.encode("ascii", "surrogateescape")
    return _decoded(encoded, part.encoding, part.charset, warnings)


def _decoded(payload: bytes, encoding: str, charset: str | None, warnings: list[str]) -> str:
    if encoding in _TRANSFER:
        payload = _transfer_decoded(payload, encoding, warnings)
    text = h.decode_bytes(payload, charset, warnings)
    for odd, plain in _SPACE_LIKE:
        if odd in text:
            text = text.replace(odd, plain)
    return text


def _charset(part: Message) -> str | None:
    """``part.get_content_charset()``, without parsing the parameters when none is named."""
    if "charset" not in str(part.get("content-type", "")).lower():
        return None
    return part.get_content_charset()


def _undecoded(part: Message, warnings: list[str]) -> str:
    """The payload as it stands. The standard library reads 8-bit bytes in it with the
    declared charset, and a name it can't look up (a NUL byte in it) raises ValueError:
    then the charset is dropped (found by ``make fuzz``)."""
    try:
        payload = part.get_payload()
    except (LookupError, ValueError):
        warnings.append("unknown charset; read as UTF-8 or Windows-1252")
        part.del_param("charset")
        payload = part.get_payload()
    return payload if isinstance(payload, str) else ""


def _capped(raw: _Text, warnings: list[str]) -> _Text:
    if len(raw) > MAX_DECODED:
        warnings.append(f"a text part is longer than {MAX_DECODED // 1024} KB; read only its start")
        return raw[:MAX_DECODED]
    return raw


def _transfer_decoded(data: bytes, encoding: str, warnings: list[str]) -> bytes:
    """The bytes under a Content-Transfer-Encoding (bounded input: each decoder is linear)."""
    if encoding == "quoted-printable":
        return binascii.a2b_qp(data)
    if encoding != "base64":
        return data
    try:
        return binascii.a2b_base64(data)
    except binascii.Error:
        warnings.append("a part's base64 is broken; read as far as it goes")
        chars = _NOT_BASE64.sub(b"", data)
        chars = chars[: len(chars) - (len(chars) % 4 == 1)]
        return binascii.a2b_base64(chars + b"=" * (-len(chars) % 4))


def _placeholder(text: str) -> bool:
    """Whether a plain part is empty or only points at the HTML one ("view it in your browser")."""
    short = text.strip()
    return not short or (len(short) < 200 and _POINTS_AT_HTML.search(short) is not None)


def _body(msg: Message, warnings: list[str]) -> tuple[str, str]:
    plain, html = _text_parts(msg, warnings)
    text = _part_text(plain, warnings) if plain is not None else ""
    return _shown(text, None if html is None else lambda: _part_text(html, warnings))


def _shown(text: str, html: Callable[[], str] | None) -> tuple[str, str]:
    """(new text, quoted text) of the plain part's text, or of the HTML part's (decoded
    only when needed) when the plain one is missing or only points at it."""
    if html is not None and _placeholder(text):
        shown, quoted_html = html_to_text(html()[: TEXT_LIMIT * 4])
        text, quoted = split_quoted(shown)
        return text, "\n".join(q for q in (quoted_html, quoted) if q)
    text, quoted = split_quoted(tidy(text[: TEXT_LIMIT * 2]))
    return text, quoted
