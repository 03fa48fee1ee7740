"""What reading mail yields, wherever it was read from: a message's bytes, or a problem.

Readers (:mod:`nextround.mail.mailboxes` for files and folders,
:mod:`nextround.mail.imap` for a server) never change the mail they read, and
never stop at a bad message: they yield a :class:`SourceProblem` for it and go
on with the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Messages larger than this are skipped with a problem (bytes).
MAX_MESSAGE_SIZE = 50 * 1024 * 1024


@dataclass(frozen=True)
class RawMail:
    """One message as it was stored, and where it came from.

    ``source`` names the place for people: ``mbox:/path/x.mbox#12`` (the 12th
    message), ``maildir:/path/cur/123.abc:2,S``, ``eml:/path/x.eml`` or
    ``imap://user@host:993/INBOX;UIDVALIDITY=7/;UID=42`` (RFC 5092). It never
    holds a password.
    """

    source: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class SourceProblem:
    """A message, file, folder or server that could not be read.

    ``message`` is one line for the user: what is wrong and how to fix it.
    ``step`` is where it went wrong: ``read`` for the readers here; a scan
    adds its own (``parse``, ``classify``, ``match``, ``store``).
    """

    source: str
    message: str
    step: str = "read"


def megabytes(size: int) -> str:
    """``52428800`` -> ``"50 MB"``, for messages about sizes (small ones in bytes)."""
    if size < 1024 * 1024:
        return f"{size} bytes"
    return f"{size / (1024 * 1024):.0f} MB"
