"""The API's response shapes: the domain objects as every JSON face shows them.

Each is built from :func:`nextround.domain.jsonable.to_jsonable`, the shape
the CLI's ``--json`` prints, so the two faces can't drift apart; ``extra =
"forbid"`` turns a field added on one side only into a failing test.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from nextround.domain.applications import Status
from nextround.domain.interviews import Format
from nextround.domain.jsonable import to_jsonable
from nextround.domain.tasks import Kind, TaskStatus


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


M = TypeVar("M", bound=Shape)


def out(model: type[M], value: object) -> M:
    """A domain object in the API's shape (the same JSON as the CLI prints)."""
    return model.model_validate(to_jsonable(value))


def outs(model: type[M], values: Iterable[object]) -> list[M]:
    return [out(model, v) for v in values]


class ErrorDetail(Shape):
    type: str
    message: str
    fields: dict[str, str]


class ErrorOut(Shape):
    """Every API error: ``{"error": {"type", "message", "fields"}}``."""

    error: ErrorDetail


class SocialOut(Shape):
    url: str
    followed_on: date | None


class CompanyOut(Shape):
    id: int
    name: str
    website: str | None
    address: str | None
    careers_url: str | None
    notes: str
    socials: list[SocialOut]
    revision: int


class PersonOut(Shape):
    id: int
    name: str
    company_id: int
    company: str
    title: str | None
    email: str | None
    linkedin_url: str | None
    address: str | None
    notes: str
    revision: int


class ApplicationOut(Shape):
    id: int
    company_id: int
    role: str
    status: Status
    company: str
    applied_on: date | None
    rejected_on: date | None
    source_url: str | None
    requisition_id: str | None
    notes: str
    revision: int


class InterviewOut(Shape):
    id: int
    application_id: int
    on: date
    at: time | None
    format: Format
    interviewer_ids: list[int]
    notes: str


class JournalEntryOut(Shape):
    id: int
    application_id: int
    written_on: date
    body: str
    interview_id: int | None


class TaskOut(Shape):
    """Exactly the fields of ``Task.to_json()``, as ``nextround --json tasks`` prints them."""

    id: int
    kind: Kind
    title: str
    due: date
    status: TaskStatus
    company: str | None
    person: str | None
    application_id: int | None
    company_id: int | None
    person_id: int | None
    url: str | None
    draft_subject: str | None
    draft: str | None
    done_on: date | None


class PlanOut(Shape):
    """A rejected application and its follow-up plan, step by step."""

    application: ApplicationOut
    tasks: list[TaskOut]
