"""E-mail messages and ``mailto:`` links built from plain data (no database).

One :class:`Letter` describes a message: who it is from and to, the subject,
the body, its ``Message-ID`` and its date. :func:`build_message` turns it into
an RFC 5322 message, either a draft (``X-Unsent: 1``, so mail clients open
the ``.eml`` file as an editable draft) or the message to send. Non-ASCII
names and text are encoded (RFC 2047 headers, quoted-printable body), so the
bytes are 7-bit clean for any server; non-ASCII domains travel as IDNA.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.errors import HeaderParseError, MessageDefect
from email.headerregistry import Address
from email.message import EmailMessage
from urllib.parse import quote

from nextround.domain.controls import refuse_controls
from nextround.errors import InvalidInput

#: Where a ``Message-ID`` is anchored when no sender address is known.
FALLBACK_DOMAIN = "nextround.invalid"
#: The longest ``mailto:`` link offered: some clients and OS handlers cut
#: links near 2,048 characters.
MAILTO_LIMIT = 2000
# RFC 5322: a line holds at most 998 characters before its CRLF.
_MAX_LINE = 998
#: RFC 6068 ``some-delims`` allowed as-is in the address part of a mailto: URI.
_ADDRESS_SAFE = "!$'()*+,;:@"


@dataclass(frozen=True)
class Letter:
    """One message, as plain values."""

    sender_name: str
    sender_email: str | None
    recipient_name: str
    recipient_email: str
    subject: str
    body: str
    message_id: str
    date: datetime


def build_message(letter: Letter, *, draft: bool) -> EmailMessage:
    """The RFC 5322 message; ``draft`` adds ``X-Unsent: 1``.

    Text holding control characters (a NUL byte, an escape sequence) is refused.
    """
    refuse_controls(
        "The email",
        {
            "sender name": letter.sender_name,
            "sender address": letter.sender_email,
            "recipient name": letter.recipient_name,
            "recipient address": letter.recipient_email,
            "subject": letter.subject,
            "text": letter.body,
            "Message-ID": letter.message_id,
        },
    )
    message = EmailMessage(policy=policy.SMTP)
    if letter.sender_email:
        message["From"] = address(letter.sender_name, letter.sender_email)
    message["To"] = address(letter.recipient_name, letter.recipient_email)
    message["Subject"] = one_line(letter.subject)
    message["Date"] = letter.date
    message["Message-ID"] = letter.message_id
    if draft:
        message["X-Unsent"] = "1"
    body = letter.body.rstrip() + "\n"
    message.set_content(body, cte=_transfer_encoding(body))
    return message


def _transfer_encoding(body: str) -> str:
    """Plain 7-bit text when it is ASCII in lines SMTP accepts; quoted-printable otherwise."""
    fits = all(len(line) <= _MAX_LINE for line in body.splitlines())
    return "7bit" if body.isascii() and fits else "quoted-printable"


def message_bytes(message: EmailMessage) -> bytes:
    """The message as sent on the wire and saved in ``.eml`` files (CRLF line ends)."""
    return message.as_bytes(policy=policy.SMTP)


def address(name: str, email: str) -> Address:
    """A display name and an address; an international domain becomes IDNA."""
    local, at, domain = email.strip().rpartition("@")
    if not at or not local or not domain:
        raise InvalidInput(f"{email!r} is not an email address")
    if not local.isascii():
        raise InvalidInput(
            f"{email!r} has non-ASCII characters before the @, which nextround can't encode; "
            "use another address"
        )
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
        return Address(one_line(name), addr_spec=f"{local}@{ascii_domain}")
    except (UnicodeError, ValueError, HeaderParseError, MessageDefect):
        raise InvalidInput(f"{email!r} is not an email address nextround can write") from None


def one_line(text: str) -> str:
    """Header text on one line: a pasted line break must not start a new header."""
    return " ".join(text.split())


def message_id(*parts: object, domain: str | None) -> str:
    """A ``Message-ID`` derived from ``parts``: the same parts give the same id.

    The parts (task, person, addresses, day) make it unique in practice; the
    local part is a hash, so it reveals nothing about the user's data.
    """
    seed = "\x1f".join(str(p) for p in parts).encode()
    digest = hashlib.sha256(seed).hexdigest()[:32]
    return f"<{digest}@{_id_domain(domain)}>"


def domain_of(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rpartition("@")[2].strip().lower() or None


def _id_domain(domain: str | None) -> str:
    if not domain:
        return FALLBACK_DOMAIN
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return FALLBACK_DOMAIN


def mailto(to: str, subject: str, body: str, *, limit: int = MAILTO_LIMIT) -> str:
    """A ``mailto:`` link (RFC 6068): spaces as ``%20``, line breaks as ``%0D%0A``."""
    crlf = "\r\n".join(body.rstrip().splitlines())
    link = (
        f"mailto:{quote(to.strip(), safe=_ADDRESS_SAFE)}"
        f"?subject={quote(one_line(subject), safe='')}&body={quote(crlf, safe='')}"
    )
    if len(link) > limit:
        raise InvalidInput(
            f"the mailto: link would be {len(link)} characters long, more than the {limit} "
            "that mail clients reliably accept; shorten the draft, or write an .eml file "
            "with `nextround email draft`"
        )
    return link


def as_text(message: EmailMessage) -> str:
    """Headers and body as a person reads them (decoded), for previews."""
    lines = [f"{name}: {value}" for name, value in message.items() if name != "Content-Type"]
    lines = [line for line in lines if not line.startswith(_TRANSPORT_HEADERS)]
    content = message.get_content()
    return "\n".join(lines) + "\n\n" + str(content).rstrip("\n")


_TRANSPORT_HEADERS = ("Content-Transfer-Encoding:", "MIME-Version:")
