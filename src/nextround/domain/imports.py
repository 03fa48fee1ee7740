"""Imports as plain records, and the plan of what an import would do with each row.

Importers (``nextround.importers``) turn a file into the records below, each
with the line it starts on. :func:`~.import_plan.plan_people` compares them with the people
already stored (:class:`Known`) and decides, row by row, what happens:

- **created**: nobody stored matches; a new person is made.
- **matched**: a stored person matches and the row adds nothing new.
- **updated**: a stored person matches and the row fills a gap (an email, a
  title, the day you connected) or finishes a planned LinkedIn step.
- **skipped**: the row can't be used (no name), repeats an earlier row of
  the same file, or says nothing about anyone nextround knows; the reason
  says which.

Matching, in order: the LinkedIn profile (:func:`~.people.profile_key`), then
the email (any case), then the name as a name parser reads it (``name_key``,
given by the caller) together with the company's name
(:func:`~.companies.normal_name`); never a part of a name. Stored values are
never overwritten: an import only fills what is empty. So importing the same
file twice plans nothing the second time.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
#: What an import can be asked to read; each has its importer.
KINDS = ("linkedin", "google", "vcard", "csv")


class Outcome(enum.StrEnum):
    CREATED = "created"
    MATCHED = "matched"
    UPDATED = "updated"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class ImportedPerson:
    """One person as a file describes them; ``line`` is where the row starts."""

    line: int
    name: str
    organisation: str | None = None
    title: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    linkedin_url: str | None = None
    #: The address a card goes to.
    address: str | None = None
    #: Their office's address, when the source labelled one as work.
    work_address: str | None = None
    notes: str = ""
    #: The day you connected (LinkedIn's ``Connected On``).
    connected_on: date | None = None
    #: The file inside an archive the row comes from ("" for the file itself).
    file: str = ""
    #: What the importer left out of the row and why ("the date ... can't be read").
    note: str = ""


@dataclass(frozen=True, slots=True)
class ImportedInvitation:
    """One LinkedIn invitation: to someone (outgoing) or from someone (incoming)."""

    line: int
    #: The other side: the invitee of an outgoing invitation, the inviter of an incoming one.
    name: str
    linkedin_url: str | None
    sent_on: date | None
    outgoing: bool
    message: str = ""
    file: str = ""


@dataclass(frozen=True, slots=True)
class ImportedApplication:
    """One application from another tracker, with its contact when the row names one."""

    line: int
    company: str
    role: str
    status: str | None = None
    applied_on: date | None = None
    source_url: str | None = None
    location: str | None = None
    salary: str | None = None
    notes: str = ""
    contact: ImportedPerson | None = None
    file: str = ""


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row an importer could not use, and why (the user reads the reason)."""

    line: int
    reason: str
    name: str = ""
    file: str = ""


Imported = ImportedPerson | ImportedInvitation | ImportedApplication | SkippedRow


@dataclass(frozen=True, slots=True)
class Known:
    """A stored person as matching and gap-filling see them."""

    id: int
    name: str
    #: The company record's name, else the organisation an import gave, else "".
    company: str = ""
    has_company: bool = False
    email: str | None = None
    linkedin_url: str | None = None
    title: str | None = None
    organisation: str | None = None
    phone: str | None = None
    address: str | None = None
    connected_on: date | None = None
    invited_on: date | None = None
    #: The id of their open "send a LinkedIn invitation" step, if one is planned.
    invite_step: int | None = None


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """What the import does with one row."""

    line: int
    kind: str
    outcome: Outcome
    name: str
    reason: str
    #: The stored person matched (None for a created or skipped row).
    person_id: int | None = None
    #: Columns of ``people`` to write: every one for a created person, the gaps for an update.
    values: Mapping[str, object] = field(default_factory=dict)
    #: Columns of ``relationships`` to fill.
    relationship: Mapping[str, object] = field(default_factory=dict)
    #: An open LinkedIn-invitation step to mark done, and the day it was done.
    step_done: int | None = None
    step_day: date | None = None
    #: The file inside an archive the row comes from ("" for the file itself).
    file: str = ""

    @property
    def where(self) -> str:
        """``line 12`` or ``Connections.csv line 12``."""
        return f"{self.file} line {self.line}" if self.file else f"line {self.line}"

    def to_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "kind": self.kind,
            "outcome": self.outcome.value,
            "name": self.name,
            "reason": self.reason,
        }
        if self.person_id is not None:
            found["person_id"] = self.person_id
        return found


def fold(text: str) -> str:
    """Text as compared: case and accents set aside, runs of spaces made one."""
    if text.isascii():
        return " ".join(text.casefold().split())
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in plain if not unicodedata.combining(ch)).split())


def one_line(text: str) -> str:
    """Text as one line: control characters and runs of spaces made one space."""
    return " ".join(_UNPRINTABLE.sub(" ", text).split())


def short(text: str | None, limit: int) -> str | None:
    """A value made one line and cut to what its column holds (an ellipsis says it was cut)."""
    text = one_line(text or "")
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def block(text: str | None, limit: int) -> str | None:
    """Text of several lines (an address, notes) without control characters, cut to ``limit``."""
    lines = (one_line(line) for line in (text or "").splitlines())
    found = "\n".join(line for line in lines if line)
    return found[:limit] or None


def counts(rows: Iterable[PlannedRow]) -> dict[str, int]:
    """How many rows had each outcome, every outcome named."""
    found = {o.value: 0 for o in Outcome}
    for row in rows:
        found[row.outcome.value] += 1
    return found
