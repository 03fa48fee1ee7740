"""``/api/v1/coaches`` (a job seeker's coaches: give access, list, withdraw) and
``/api/v1/coach/seekers`` (a coach's seekers and each one's summary): the shapes say
exactly what a coach gets (:class:`nextround.services.coaching.CoachSummary`)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from nextround.domain.applications import Status
from nextround.services import coaching
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape, out, outs
from nextround.web.ids import CoachId, SeekerId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("coaching")


class PersonOut(Shape):
    id: int
    email: str
    name: str
    since: datetime = Field(description="When access was given (UTC)")


class CoachIn(Shape):
    email: str = Field(description="The coach's email: a user of this site")


class StatusChangeOut(Shape):
    on: date
    status: Status


class CoachedApplicationOut(Shape):
    company: str
    role: str
    status: Status
    applied_on: date | None
    changes: list[StatusChangeOut]


class WeekOut(Shape):
    start: date = Field(description="The week's Monday")
    applied: int
    interviews: int
    done: int = Field(description="Follow-up steps done")
    cards: int
    connected: int
    cards_so_far: int
    connected_so_far: int


class StepsOut(Shape):
    overdue: int
    due_today: int
    this_week: int


class SummaryOut(Shape):
    """Everything a coach sees of a job seeker: never their journal, drafts, notes,
    contacts or mail."""

    seeker: PersonOut
    applications: list[CoachedApplicationOut] = Field(description="The newest first")
    by_status: dict[Status, int]
    applied: int
    heard_back: int
    interviewed: int
    saved: int
    outcomes: dict[str, int]
    weeks: list[WeekOut]
    steps: StepsOut


@router.get("/coaches")
def list_coaches(ctx: Ctx, request: Request, response: Response, window: Paging) -> list[PersonOut]:
    """Whom you let see your pipeline and progress, in the order you gave access; paged
    (``limit``, ``cursor``, the ``Link`` header)."""
    found = paged(request, response, coaching.coaches(ctx, window))
    return outs(PersonOut, found)


@router.post("/coaches", status_code=201)
def give_access(body: CoachIn, ctx: Ctx) -> PersonOut:
    """Let a user of this site (by email) see your pipeline and progress, never your journal,
    drafts, notes, contacts or mail. Giving it twice is giving it once."""
    return out(PersonOut, coaching.grant(ctx, body.email))


@router.delete("/coaches/{coach_id}", status_code=204, response_class=Response)
def withdraw_access(coach_id: CoachId, ctx: Ctx) -> Response:
    """Stop sharing with this coach: their next request is refused."""
    coaching.revoke(ctx, coach_id)
    return Response(status_code=204)


@router.get("/coach/seekers")
def list_seekers(ctx: Ctx, request: Request, response: Response, window: Paging) -> list[PersonOut]:
    """The job seekers who share their progress with you, in the order they did; paged
    (``limit``, ``cursor``, the ``Link`` header)."""
    found = paged(request, response, coaching.seekers(ctx, window))
    return outs(PersonOut, found)


@router.get("/coach/seekers/{seeker_id}")
def seeker_summary(seeker_id: SeekerId, ctx: Ctx) -> SummaryOut:
    """One job seeker's pipeline and progress; 404 unless they share it with you."""
    return out(SummaryOut, coaching.summary(ctx, seeker_id))
