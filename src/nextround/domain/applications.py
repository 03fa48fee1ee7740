"""Applications and their status pipeline."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from nextround.errors import InvalidInput


class Status(enum.StrEnum):
    """saved -> applied -> screening -> interviewing -> offer / rejected / withdrawn / ghosted."""

    SAVED = "saved"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @classmethod
    def parse(cls, text: str) -> Status:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise InvalidInput(f"unknown status {text!r}; choose one of: {names}") from None

    @property
    def is_open(self) -> bool:
        return self in _OPEN


_OPEN = frozenset({Status.SAVED, Status.APPLIED, Status.SCREENING, Status.INTERVIEWING})

#: The order the pipeline is shown in.
PIPELINE = tuple(Status)


@dataclass(frozen=True)
class Application:
    id: int
    company_id: int
    role: str
    status: Status
    company: str = ""
    applied_on: date | None = None
    rejected_on: date | None = None
    source_url: str | None = None
    requisition_id: str | None = None
    notes: str = ""
    #: Counts the stored edits: an edit started from an older one is stale.
    revision: int = 0

    @property
    def was_applied(self) -> bool:
        return self.status is not Status.SAVED or self.applied_on is not None


def check_can_reject(app: Application) -> None:
    """A rejection needs an application that was actually sent."""
    if not app.was_applied:
        raise InvalidInput(
            f"application {app.id} ({app.role} at {app.company}) was never applied to; "
            "record it as applied first"
        )
