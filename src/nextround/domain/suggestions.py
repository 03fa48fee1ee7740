"""What a mailbox scan proposes: job mail and interviewers' replies, for the user to confirm."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from nextround.domain.mail_matching import SEVERAL_MATCH


class SuggestionKind(enum.StrEnum):
    JOB = "job"  # a rejection, an invitation, a receipt or an offer
    REPLY = "reply"  # an interviewer answering the congratulations email


class SuggestionStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    AUTO = "auto"  # confirmed by the auto-confirm setting
    DISMISSED = "dismissed"
    FOLDED = "folded"  # a newsletter or job alert, kept out of the review list


@dataclass(frozen=True)
class Suggestion:
    id: int
    message_id: str
    source: str
    kind: SuggestionKind
    received_at: datetime | None
    sender: str
    sender_name: str
    subject: str
    excerpt: str
    label: str
    confidence: float
    evidence: tuple[str, ...]
    answer: str | None
    company_id: int | None
    application_id: int | None
    person_id: int | None
    status: SuggestionStatus
    decided_on: date | None
    company: str | None = None
    role: str | None = None
    person: str | None = None

    @property
    def application_guessed(self) -> bool:
        """Tied to the most recent of several applications that fit: a guess to check."""
        return SEVERAL_MATCH in self.evidence

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "status": self.status.value,
            "label": self.label,
            "confidence": round(self.confidence, 3),
            "evidence": list(self.evidence),
            "answer": self.answer,
            "message_id": self.message_id,
            "source": self.source,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "sender": self.sender,
            "sender_name": self.sender_name,
            "subject": self.subject,
            "company_id": self.company_id,
            "company": self.company,
            "application_id": self.application_id,
            "role": self.role,
            "person_id": self.person_id,
            "person": self.person,
            "decided_on": self.decided_on.isoformat() if self.decided_on else None,
        }


@dataclass(frozen=True)
class MailProblem:
    """A message (or a file, folder or server) a scan could not read or file.

    ``step`` says where it went wrong: ``read`` (the mailbox), ``parse``,
    ``classify``, ``match`` or ``store``. ``source`` says where the message is
    (``mbox:/path#12``, a Maildir file, an IMAP UID). A later scan reads it
    again; the problem goes once the message is read without one.
    """

    id: int
    source: str
    step: str
    reason: str
    seen_at: datetime | None
    subject: str = ""
    sender: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "step": self.step,
            "reason": self.reason,
            "seen_at": self.seen_at.isoformat() if self.seen_at else None,
            "subject": self.subject,
            "sender": self.sender,
        }
