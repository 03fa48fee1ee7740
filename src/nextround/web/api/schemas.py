"""The API's shapes: the domain objects as every JSON face shows them, and what writes take.

Each response is built from :func:`nextround.domain.jsonable.to_jsonable`,
the shape the CLI's ``--json`` prints, so the two faces can't drift apart;
``extra = "forbid"`` turns a field added on one side only into a failing
test.

Request bodies of ``PATCH`` are read with ``exclude_unset``: a field left
out stays as it is, a field sent as ``null`` is cleared (see
:func:`changes`). Every rule on the values is the domain's; the shapes here
only say what JSON type each field is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from nextround.domain import rules
from nextround.domain.applications import Period, Source, Status, WorkMode
from nextround.domain.interviews import Format, InterviewKind, InterviewStatus
from nextround.domain.jsonable import to_jsonable
from nextround.domain.tasks import Kind, TaskStatus


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


M = TypeVar("M", bound=Shape)

#: The revision an edit started from: a stale one is refused (409).
Revision = Annotated[
    int | None,
    Field(ge=0, le=rules.MAX_ID, description="The revision the edit started from"),
]


def _refuse_null(value: object) -> object:
    if value is None:
        raise ValueError("can't be null; leave the field out to keep it as it is")
    return value


#: A ``PATCH`` field that may be left out but not cleared (``null`` is a 422 naming it).
NotNull = BeforeValidator(_refuse_null)


def out(model: type[M], value: object) -> M:
    """A domain object in the API's shape (the same JSON as the CLI prints)."""
    return model.model_validate(to_jsonable(value))


def outs(model: type[M], values: Iterable[object]) -> list[M]:
    return [out(model, v) for v in values]


def changes(body: Shape, *, tuples: Iterable[str] = ()) -> dict[str, Any]:
    """The fields a ``PATCH`` body sent (``null`` included, to clear), without ``revision``.

    Lists named in ``tuples`` become tuples, as the domain's inputs take them.
    """
    sent = body.model_dump(exclude_unset=True, exclude={"revision"})
    for name in tuples:
        if isinstance(sent.get(name), list):
            sent[name] = tuple(sent[name])
    return sent


class ErrorDetail(Shape):
    type: str
    message: str
    fields: dict[str, str]
    existing_id: int | None = Field(
        None, description="For a record that duplicates a stored one: the stored one's id"
    )


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
    company_id: int | None = Field(description="null: an imported contact not linked to one")
    company: str = Field(description="the company's name, else the organisation imported")
    title: str | None
    email: str | None
    linkedin_url: str | None
    address: str | None
    notes: str
    part: str | None = Field(description="as set; null: from the title (see plays)")
    plays: str = Field(description="the part drafts are written for")
    revision: int
    organisation: str | None = Field(description="the company's name as an import gave it")
    source: str = Field(description="where they came from: manual, linkedin, google, ...")
    phone: str | None
    language: str | None = Field(description="the language of drafts to them; null: the role's")
    address_as: str | None = Field(description="how drafts address them; null: first name")
    formal: bool | None = Field(description="formal address; null: the language's convention")


class SalaryOut(Shape):
    minimum: int | None
    maximum: int | None
    currency: str | None
    period: Period | None


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
    location: str | None
    work_mode: WorkMode | None
    salary: SalaryOut | None
    description: str
    source: Source | None
    referrer_id: int | None
    referrer: str | None
    language: str | None = Field(description="the language of its drafts; null: the default one")


class StatusEventOut(Shape):
    """One move along the pipeline, on the day it happened."""

    id: int
    application_id: int
    on: date
    to_status: Status
    from_status: Status | None


class InterviewOut(Shape):
    id: int
    application_id: int
    on: date
    at: time | None
    format: Format
    interviewer_ids: list[int]
    notes: str
    status: InterviewStatus
    revision: int
    topics: dict[int, list[str]] = Field(description="person id -> what you talked about")
    kind: InterviewKind | None = Field(description="screen, technical, panel, onsite, take-home")


class JournalEntryOut(Shape):
    id: int
    application_id: int
    written_on: date
    body: str
    interview_id: int | None
    revision: int


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
    draft_edited: bool
    draft_problem: str | None
    done_on: date | None
    revision: int


class PlanOut(Shape):
    """An application after a move, and its follow-up plan step by step."""

    application: ApplicationOut
    tasks: list[TaskOut]
    watch_note: str = Field(
        "", description="With the watch.after_rejection setting, what watching the company said"
    )


class MergedOut(Shape):
    """A record folded into another: what moved."""

    merged: str
    from_id: int
    into_id: int
    name: str
    moved: list[str]


class MergeIn(Shape):
    into: int = Field(description="The id of the record that stays")
