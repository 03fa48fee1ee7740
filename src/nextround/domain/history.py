"""What happened and can be taken back: changes (for undo and the trash), the
dated status history of applications, and earlier versions of edited texts."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

#: How many of the latest changes can always be undone, whatever their age.
UNDO_KEPT = 100
#: How long deleted records wait in the trash, and older changes stay undoable.
TRASH_DAYS = 30


class ChangeKind(enum.StrEnum):
    CHANGE = "change"
    #: A deletion: what it removed waits in the trash.
    TRASH = "trash"
    #: Records brought back from the trash.
    RESTORE = "restore"


@dataclass(frozen=True)
class Change:
    """One thing the user did, as one unit: a reject, a merge, an import, a delete."""

    id: int
    label: str
    kind: ChangeKind
    made_at: datetime
    undone_at: datetime | None = None
    #: What happened outside nextround and can't be taken back (an email sent).
    note: str = ""
    restores_id: int | None = None

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    def expires_on(self) -> date:
        """The day a deletion leaves the trash for good."""
        return (self.made_at + timedelta(days=TRASH_DAYS)).date()


@dataclass(frozen=True)
class StatusEvent:
    """An application moved from one status to another on a day."""

    id: int
    application_id: int
    on: date
    to_status: str
    from_status: str | None = None


class RevisionKind(enum.StrEnum):
    INTERVIEW = "interview"
    JOURNAL_ENTRY = "journal_entry"
    DRAFT = "draft"


@dataclass(frozen=True)
class Revision:
    """An earlier version of an edited text, kept when it was replaced."""

    id: int
    kind: RevisionKind
    record_id: int
    number: int
    saved_at: datetime
    text: str
    subject: str | None = None
