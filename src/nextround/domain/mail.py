"""Job mail as plain records: one received message, and what kind of message it is.

The mail adapter turns raw bytes into a :class:`MailMessage`; the rules in
:mod:`nextround.classify` turn a message into a :class:`Classification`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class Label(enum.StrEnum):
    """What an employer's message means for the application it is about."""

    REJECTION = "rejection"
    INTERVIEW_INVITE = "interview_invite"  # also scheduling, rescheduling, assessments
    APPLICATION_RECEIVED = "application_received"
    OFFER = "offer"
    OTHER = "other"  # job alerts, outreach, newsletters, withdrawals, anything else


#: What a suggestion is, in words, by its label (and ``reply`` for an answer to "OK to connect?").
LABEL_NAMES = {
    "rejection": "Rejection",
    "interview_invite": "Interview invitation",
    "application_received": "Application received",
    "offer": "Offer",
    "reply": "Reply",
}


@dataclass(frozen=True)
class MailMessage:
    """One received message, decoded.

    ``text`` is the new text of the body (quoted earlier messages removed and
    capped in length); ``quoted`` is what was removed. ``warnings`` lists what
    went wrong while decoding (an unknown charset, a broken MIME structure) so
    that a caller can report it; the message is still usable.
    """

    message_id: str
    sender_name: str
    sender: str
    to: tuple[str, ...]
    subject: str
    date: datetime | None
    text: str
    quoted: str = ""
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def sender_domain(self) -> str:
        """The part of the sender's address after the ``@`` ("" when there is none)."""
        return self.sender.rpartition("@")[2]


@dataclass(frozen=True)
class Classification:
    """A label, how sure the rules are (0..1), and the phrases that decided it."""

    label: Label
    confidence: float
    evidence: tuple[str, ...] = ()
