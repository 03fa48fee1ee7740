"""Quick add: the box in every page's header, its preview, and the save.

The box posts its line to ``/quick-add``, which shows what saving would
create or reuse (and asks what it could not read) with the fields to edit;
``/quick-add/save`` adds it all as one change, with Undo offered. A job
posting's address is fetched only here, when the user sends it.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.errors import InvalidInput
from nextround.services import forms
from nextround.services import quick_add as qa
from nextround.web.pages import CheckedForm, changed, record_path, render, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.get("/quick-add")
def box(request: Request) -> Response:
    """The box alone, for a page without a header or a link to it."""
    return render(request, "quick_add.html", {"title": "Quick add", "p": None})


@router.post("/quick-add")
def read(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    line = text(form, "text")
    return _page(request, qa.read_line(ctx, line), status=200)


@router.post("/quick-add/preview")
def again(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """The preview of the fields as edited."""
    seen = qa.preview(ctx, _draft(form))
    return _page(request, seen, token=text(form, "form_token"))


@router.post("/quick-add/save")
def save(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    draft = _draft(form)
    token = text(form, "form_token")
    try:
        saved = qa.save(ctx, draft, form_token=token)
    except forms.AlreadySubmitted as done:
        return changed(record_path(done.kind, done.id), ctx)
    except InvalidInput as problem:
        seen = qa.preview(ctx, draft)
        return _page(request, seen, token=token, problem=str(problem), status=422)
    if saved.interview_id is not None:
        where = record_path("interview", saved.interview_id)
    elif saved.application_id is not None:
        where = record_path("application", saved.application_id)
    elif saved.person_id is not None:
        where = record_path("person", saved.person_id)
    else:
        where = record_path("company", saved.company_id)
    return changed(where, ctx, back="/")


def _draft(form: FormData) -> qa.Draft:
    day = text(form, "interview_on")
    try:
        on = date.fromisoformat(day) if day else None
    except ValueError:
        raise InvalidInput(
            f"{day!r} is not a date; pick the interview's day or leave it empty",
            field="interview_on",
        ) from None
    return qa.Draft(
        company=text(form, "company"),
        person=text(form, "person"),
        title=text(form, "title"),
        role=text(form, "role"),
        interview_on=on,
        location=text(form, "location"),
        description=text(form, "description"),
        source_url=text(form, "source_url"),
    )


def _page(
    request: Request,
    seen: qa.Preview,
    *,
    token: str = "",
    problem: str = "",
    status: int = 200,
) -> Response:
    context = {
        "title": "Quick add: check before saving",
        "p": seen,
        "form_token": token or forms.new_token(),
        "problem": problem,
    }
    return render(request, "quick_add.html", context, status=status)
