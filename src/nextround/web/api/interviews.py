"""``/api/v1/interviews``: list, get, create, update, delete."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from nextround.domain.interviews import (
    Format,
    InterviewChanges,
    InterviewKind,
    InterviewStatus,
    NewInterview,
)
from nextround.services import interviews
from nextround.web.api import api_router
from nextround.web.api.schemas import InterviewOut, NotNull, Revision, Shape, changes, out, outs
from nextround.web.ids import ApplicationId, InterviewId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("interviews")

_NEW_PEOPLE = "Names of interviewers not recorded yet: added as people at the company"
_KIND = "What it was (drafts name it); null: not said"


class InterviewIn(Shape):
    application_id: int
    on: date
    at: time | None = None
    format: Format = Format.VIDEO
    interviewer_ids: list[int] = Field(
        default_factory=list, description="People at the application's company"
    )
    new_interviewers: list[str] = Field(default_factory=list, description=_NEW_PEOPLE)
    notes: str = ""
    kind: InterviewKind | None = Field(None, description=_KIND)


class InterviewPatch(Shape):
    """Fields to change: absent ones stay; ``interviewer_ids`` (with ``new_interviewers``)
    replaces the list."""

    on: Annotated[date | None, NotNull] = None
    at: time | None = None
    format: Annotated[Format | None, NotNull] = None
    interviewer_ids: Annotated[list[int] | None, NotNull] = Field(
        None, description="Replaces the list"
    )
    new_interviewers: Annotated[list[str] | None, NotNull] = Field(None, description=_NEW_PEOPLE)
    notes: str | None = None
    status: Annotated[InterviewStatus | None, NotNull] = Field(
        None, description="planned or cancelled"
    )
    kind: InterviewKind | None = Field(None, description=_KIND)
    topics: Annotated[dict[int, list[str]] | None, NotNull] = Field(
        None,
        description="Person id -> what you talked about with them, a few words each "
        "('the data platform'); replaces that person's topics, [] clears them",
    )
    revision: Revision = None


_LISTS = ("interviewer_ids", "new_interviewers")


@router.get("/interviews")
def list_interviews(
    ctx: Ctx,
    request: Request,
    response: Response,
    window: Paging,
    application_id: ApplicationId | None = None,
) -> list[InterviewOut]:
    """By day and time; paged (``limit``, ``cursor``, the ``Link`` header)."""
    found = interviews.interview_page(ctx, window, application_id)
    items = paged(request, response, found)
    return outs(InterviewOut, items)


@router.get("/interviews/{interview_id}")
def get_interview(interview_id: InterviewId, ctx: Ctx) -> InterviewOut:
    return out(InterviewOut, interviews.show_interview(ctx, interview_id).interview)


@router.post("/interviews", status_code=201)
def create_interview(body: InterviewIn, ctx: Ctx) -> InterviewOut:
    sent = body.model_dump()
    new = NewInterview(**{**sent, **{k: tuple(sent[k]) for k in _LISTS}})
    return out(InterviewOut, interviews.add_interview(ctx, new).interview)


@router.patch("/interviews/{interview_id}")
def update_interview(interview_id: InterviewId, body: InterviewPatch, ctx: Ctx) -> InterviewOut:
    sent = changes(body, tuples=_LISTS)
    if "topics" in sent:
        sent["topics"] = {pid: tuple(t) for pid, t in sent["topics"].items()}
    edit = InterviewChanges(**sent)
    view = interviews.edit_interview(ctx, interview_id, edit, expected_revision=body.revision)
    return out(InterviewOut, view.interview)


@router.delete("/interviews/{interview_id}", status_code=204, response_class=Response)
def delete_interview(interview_id: InterviewId, ctx: Ctx) -> Response:
    """To the trash; journal entries about the interview stay with the application."""
    interviews.delete_interview(ctx, interview_id)
    return Response(status_code=204)
