"""Labelling mail without the database (``mail classify``): files in, labels out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from nextround.classify import classify
from nextround.domain.mail import Label, MailMessage
from nextround.domain.mail_matching import Letter, guess_company
from nextround.mail.imap import FolderState
from nextround.mail.mailboxes import read_paths
from nextround.mail.messages import parse_message
from nextround.mail.sources import RawMail, SourceProblem
from nextround.services import mail_problems as problems


@dataclass(frozen=True)
class Classified:
    """One message classified without the database (``mail classify``)."""

    source: str
    message_id: str
    label: str
    confidence: float
    company: str | None
    evidence: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "message_id": self.message_id,
            "label": self.label,
            "confidence": round(self.confidence, 3),
            "company": self.company,
            "evidence": list(self.evidence),
        }


def classify_sources(
    items: Iterable[RawMail | SourceProblem | FolderState],
) -> Iterator[Classified | SourceProblem]:
    """Label each message of files or folders; the database is not touched."""
    for item in problems.guarded(items, "the mailbox"):
        if isinstance(item, SourceProblem):
            yield item
        elif isinstance(item, RawMail):
            yield problems.attempt(item.source, partial(_classified, item))


def _classified(item: RawMail, step: problems.Step) -> Classified:
    message = parse_message(item.data)
    step("classify")
    verdict = classify(message)
    step("match")
    company = guess_company(letter_of(message)) if verdict.label is not Label.OTHER else None
    return Classified(
        item.source,
        message.message_id,
        verdict.label.value,
        verdict.confidence,
        company,
        verdict.evidence,
    )


def classify_paths(paths: Iterable[Path]) -> Iterator[Classified | SourceProblem]:
    """``mail classify``: .eml files, mbox files and Maildir folders, no database."""
    for path in paths:
        yield from classify_sources(problems.guarded(read_paths([path]), str(path)))


def letter_of(message: MailMessage) -> Letter:
    """What matching reads of a message."""
    return Letter(message.sender, message.sender_name, message.subject, message.text)
