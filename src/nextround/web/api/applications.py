"""``/api/v1/applications``: CRUD, status moves, the rejection that returns its plan, and
the history of moves."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from nextround.domain.applications import (
    ApplicationChanges,
    NewApplication,
    Period,
    Source,
    Status,
    WorkMode,
)
from nextround.services import application_list, applications
from nextround.web.api import api_router
from nextround.web.api.schemas import (
    ApplicationOut,
    NotNull,
    PlanOut,
    Revision,
    Shape,
    StatusEventOut,
    TaskOut,
    changes,
    out,
    outs,
)
from nextround.web.ids import ApplicationId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("applications")


class ApplicationDetails(Shape):
    """What an application records besides its company and status."""

    applied_on: date | None = None
    source_url: str | None = None
    requisition_id: str | None = None
    notes: str | None = None
    location: str | None = None
    work_mode: WorkMode | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = Field(None, description="Three letters, such as EUR")
    salary_period: Period | None = None
    description: str | None = Field(None, description="The job description")
    source: Source | None = Field(None, description="How you came to apply")
    referrer_id: int | None = Field(None, description="The person who referred you")
    language: str | None = Field(
        None,
        description="en, de, fr or es: the language the process runs in and its drafts are "
        "written in; null: the default language of drafts",
    )


class ApplicationIn(ApplicationDetails):
    company_id: int
    role: str
    status: Status | None = Field(None, description="saved, or applied when applied_on is given")


class ApplicationPatch(ApplicationDetails):
    """Details to change: absent ones stay, ``null`` clears one (not the status: see
    ``/status`` and ``/reject``)."""

    role: Annotated[str | None, NotNull] = None
    revision: Revision = None


class StatusIn(Shape):
    status: Status
    on: date | None = Field(None, description="The day of the move (default today)")
    revision: Revision = None


class RejectIn(Shape):
    on: date | None = Field(None, description="The day the rejection came (default today)")


@router.get("/applications")
def list_applications(
    ctx: Ctx, request: Request, response: Response, window: Paging, status: Status | None = None
) -> list[ApplicationOut]:
    """As added; paged (``limit``, ``cursor``, the ``Link`` header)."""
    found = application_list.page(ctx, window, status)
    items = paged(request, response, found)
    return outs(ApplicationOut, items)


@router.get("/applications/{app_id}")
def get_application(app_id: ApplicationId, ctx: Ctx) -> ApplicationOut:
    return out(ApplicationOut, applications.show_application(ctx, app_id).application)


@router.get("/applications/{app_id}/history")
def application_history(app_id: ApplicationId, ctx: Ctx) -> list[StatusEventOut]:
    """Each move along the pipeline, with its day, oldest first."""
    return outs(StatusEventOut, applications.show_application(ctx, app_id).history)


@router.post("/applications", status_code=201)
def create_application(body: ApplicationIn, ctx: Ctx) -> ApplicationOut:
    sent = body.model_dump(exclude_none=True)
    added = applications.add_application(ctx, NewApplication(**sent))
    return out(ApplicationOut, added.application)


@router.patch("/applications/{app_id}")
def update_application(app_id: ApplicationId, body: ApplicationPatch, ctx: Ctx) -> ApplicationOut:
    edit = ApplicationChanges(**changes(body))
    app = applications.edit_application(ctx, app_id, edit, expected_revision=body.revision)
    return out(ApplicationOut, app)


@router.delete("/applications/{app_id}", status_code=204, response_class=Response)
def delete_application(app_id: ApplicationId, ctx: Ctx) -> Response:
    """To the trash, with its interviews, journal entries and plan."""
    applications.delete_application(ctx, app_id)
    return Response(status_code=204)


@router.post("/applications/{app_id}/status")
def move_application(app_id: ApplicationId, body: StatusIn, ctx: Ctx) -> PlanOut:
    """Move along the pipeline; to ``rejected`` plans the follow-up, away cancels it."""
    moved = applications.set_status(
        ctx, app_id, body.status, body.on, expected_revision=body.revision
    )
    return _plan(moved)


@router.post("/applications/{app_id}/reject")
def reject_application(app_id: ApplicationId, ctx: Ctx, body: RejectIn | None = None) -> PlanOut:
    """Record the rejection (again, harmlessly) and return the whole follow-up plan."""
    return _plan(applications.reject(ctx, app_id, body.on if body else None))


def _plan(plan: applications.Plan) -> PlanOut:
    return PlanOut(
        application=out(ApplicationOut, plan.application),
        tasks=outs(TaskOut, plan.tasks),
        watch_note=plan.watch_note,
    )
