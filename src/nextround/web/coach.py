"""The coach view's pages: a job seeker's coaches (give access by email, see whom,
withdraw), and a coach's seekers and each one's summary.

``/settings/coaches`` is the seeker's own; ``/coach`` lists the seekers who share
their progress with the logged-in user, and ``/coach/{seeker_id}`` shows one:
the same 404 as any unknown address without their live consent
(:mod:`nextround.services.coaching`).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.applications import PIPELINE
from nextround.errors import InvalidInput
from nextround.services import coaching, progress
from nextround.services.progress_weeks import activity_chart
from nextround.web.ids import CoachId, SeekerId
from nextround.web.pages import CheckedForm, redirect, render, text
from nextround.web.paging import Paging, links
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.get("/settings/coaches")
def coaches_page(request: Request, ctx: Ctx) -> Response:
    return _coaches(request, ctx)


@router.post("/settings/coaches")
def give_access(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    email = text(form, "email")
    try:
        coaching.grant(ctx, email)
    except InvalidInput as exc:
        return _coaches(request, ctx, errors=exc.fields or {"email": exc.message}, email=email)
    return redirect("/settings/coaches")


@router.post("/settings/coaches/{coach_id}/revoke")
def withdraw_access(coach_id: CoachId, form: CheckedForm, ctx: Ctx) -> Response:
    coaching.revoke(ctx, coach_id)
    return redirect("/settings/coaches")


def _coaches(
    request: Request, ctx: Ctx, *, errors: dict[str, str] | None = None, email: str = ""
) -> Response:
    context = {
        "title": "Coaches",
        "coaches": coaching.coaches(ctx).items,
        "errors": errors or {},
        "email": email,
    }
    return render(request, "coach/coaches.html", context, status=422 if errors else 200)


@router.get("/coach")
def seekers_page(request: Request, ctx: Ctx, window: Paging) -> Response:
    found = coaching.seekers(ctx, window)
    context = {"title": "Coaching", "seekers": found.items, **links(request, found)}
    return render(request, "coach/seekers.html", context)


@router.get("/coach/{seeker_id}")
def summary_page(request: Request, seeker_id: SeekerId, ctx: Ctx) -> Response:
    found = coaching.summary(ctx, seeker_id)
    context = {
        "title": f"{found.seeker.name}'s progress",
        "s": found,
        "pipeline": PIPELINE,
        "labels": progress.LABELS,
        "chart": activity_chart(found.weeks),
        "today": ctx.today,
    }
    return render(request, "coach/summary.html", context)
