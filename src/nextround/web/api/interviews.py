"""``/api/v1/interviews``: list, get, create, update, delete."""

from __future__ import annotations

from datetime import date, time

from pydantic import Field
from starlette.responses import Response

from nextround.domain.interviews import Format
from nextround.services import interviews
from nextround.web.api import api_router
from nextround.web.api.schemas import InterviewOut, Shape, out, outs
from nextround.web.state import Ctx

router = api_router("interviews")


class InterviewIn(Shape):
    application_id: int
    on: date
    at: time | None = None
    format: Format = Format.VIDEO
    interviewer_ids: list[int] = Field(
        default_factory=list, description="People at the application's company"
    )


class InterviewPatch(Shape):
    """Fields to change; absent ones stay; ``interviewer_ids`` replaces the list."""

    on: date | None = None
    at: time | None = None
    format: Format | None = None
    interviewer_ids: list[int] | None = None


@router.get("/interviews")
def list_interviews(ctx: Ctx, application_id: int | None = None) -> list[InterviewOut]:
    return outs(InterviewOut, interviews.list_interviews(ctx, application_id))


@router.get("/interviews/{interview_id}")
def get_interview(interview_id: int, ctx: Ctx) -> InterviewOut:
    return out(InterviewOut, interviews.show_interview(ctx, interview_id))


@router.post("/interviews", status_code=201)
def create_interview(body: InterviewIn, ctx: Ctx) -> InterviewOut:
    meeting = interviews.add_interview(
        ctx,
        body.application_id,
        on=body.on,
        at=body.at,
        format=body.format,
        interviewers=[str(i) for i in body.interviewer_ids],
    )
    return out(InterviewOut, meeting)


@router.patch("/interviews/{interview_id}")
def update_interview(interview_id: int, body: InterviewPatch, ctx: Ctx) -> InterviewOut:
    ids = body.interviewer_ids
    meeting = interviews.edit_interview(
        ctx,
        interview_id,
        on=body.on,
        at=body.at,
        format=body.format,
        interviewers=None if ids is None else [str(i) for i in ids],
    )
    return out(InterviewOut, meeting)


@router.delete("/interviews/{interview_id}", status_code=204, response_class=Response)
def delete_interview(interview_id: int, ctx: Ctx) -> Response:
    """Journal entries about the interview stay with the application."""
    interviews.delete_interview(ctx, interview_id)
    return Response(status_code=204)
