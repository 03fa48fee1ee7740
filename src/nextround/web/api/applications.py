"""``/api/v1/applications``: CRUD, status moves, and the rejection that returns its plan."""

from __future__ import annotations

from datetime import date

from pydantic import Field
from starlette.responses import Response

from nextround.domain.applications import Status
from nextround.services import applications
from nextround.web.api import api_router
from nextround.web.api.schemas import ApplicationOut, PlanOut, Shape, TaskOut, out, outs
from nextround.web.state import Ctx

router = api_router("applications")


class ApplicationIn(Shape):
    company_id: int
    role: str
    applied_on: date | None = None
    status: Status | None = Field(None, description="saved, or applied when applied_on is given")
    source_url: str | None = None
    requisition_id: str | None = None


class ApplicationPatch(Shape):
    """Details to change (not the status: see ``/status`` and ``/reject``)."""

    role: str | None = None
    applied_on: date | None = None
    source_url: str | None = None
    requisition_id: str | None = None
    notes: str | None = None
    revision: int | None = Field(None, description="The revision the edit started from")


class StatusIn(Shape):
    status: Status
    on: date | None = Field(None, description="For a rejection: the day it came (default today)")


class RejectIn(Shape):
    on: date | None = Field(None, description="The day the rejection came (default today)")


@router.get("/applications")
def list_applications(ctx: Ctx, status: Status | None = None) -> list[ApplicationOut]:
    return outs(ApplicationOut, applications.list_applications(ctx, status))


@router.get("/applications/{app_id}")
def get_application(app_id: int, ctx: Ctx) -> ApplicationOut:
    return out(ApplicationOut, applications.show_application(ctx, app_id).application)


@router.post("/applications", status_code=201)
def create_application(body: ApplicationIn, ctx: Ctx) -> ApplicationOut:
    added = applications.add_application(
        ctx,
        company=str(body.company_id),
        role=body.role,
        applied_on=body.applied_on,
        status=body.status,
        source_url=body.source_url,
        requisition_id=body.requisition_id,
    )
    return out(ApplicationOut, added.application)


@router.patch("/applications/{app_id}")
def update_application(app_id: int, body: ApplicationPatch, ctx: Ctx) -> ApplicationOut:
    fields = body.model_dump(exclude={"revision"})
    app = applications.edit_application(ctx, app_id, **fields, expected_revision=body.revision)
    return out(ApplicationOut, app)


@router.delete("/applications/{app_id}", status_code=204, response_class=Response)
def delete_application(app_id: int, ctx: Ctx) -> Response:
    """Its interviews, journal entries and plan go too."""
    applications.delete_application(ctx, app_id)
    return Response(status_code=204)


@router.post("/applications/{app_id}/status")
def move_application(app_id: int, body: StatusIn, ctx: Ctx) -> PlanOut:
    """Move along the pipeline; to ``rejected`` plans the follow-up, away cancels it."""
    return _plan(applications.set_status(ctx, app_id, body.status, body.on))


@router.post("/applications/{app_id}/reject")
def reject_application(app_id: int, ctx: Ctx, body: RejectIn | None = None) -> PlanOut:
    """Record the rejection (again, harmlessly) and return the whole follow-up plan."""
    return _plan(applications.reject(ctx, app_id, body.on if body else None))


def _plan(plan: applications.Plan) -> PlanOut:
    return PlanOut(
        application=out(ApplicationOut, plan.application), tasks=outs(TaskOut, plan.tasks)
    )
