"""Companies: the list, adding one, the briefing page with its followed checklist, editing."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.errors import Conflict, InvalidInput
from nextround.services import briefings, companies, forms
from nextround.web.fields import sentence
from nextround.web.pages import CheckedForm, redirect, render, revision, templates, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

templates.env.globals.update(
    briefing_when=briefings.when,
    event_text=briefings.event_text,
    person_line=briefings.person_line,
    note_title=briefings.note_title,
    application_title=briefings.application_title,
)
templates.env.filters["journal_html"] = briefings.journal_html

_EDITABLE = ("website", "address", "careers_url", "notes")
_NEW = ("name", "website", "careers_url", "address")


@router.get("/companies")
def company_list(request: Request, ctx: Ctx) -> Response:
    rows = companies.list_with_counts(ctx)
    return render(request, "companies/list.html", {"title": "Companies", "rows": rows})


@router.get("/companies/new")
def new_form(request: Request) -> Response:
    return _new_page(request, {}, forms.new_token(), {})


@router.post("/companies")
def create(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    values = {key: text(form, key) for key in _NEW}
    token = text(form, "form_token")
    try:
        company = companies.add_company(ctx, **values, form_token=token)
    except forms.AlreadySubmitted as exc:
        return redirect(exc.location)
    except (InvalidInput, Conflict) as exc:
        field = exc.field if isinstance(exc, InvalidInput) and exc.field else "name"
        errors = {field: sentence(exc.message)}
        return _new_page(request, values, token or forms.new_token(), errors, status=422)
    return redirect(companies.company_path(company.id))


def _new_page(
    request: Request,
    values: dict[str, str],
    token: str,
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    context = {"title": "Add a company", "values": values, "form_token": token, "errors": errors}
    return render(request, "companies/new.html", context, status=status)


@router.get("/companies/{company_id}")
def company_page(request: Request, company_id: int, ctx: Ctx) -> Response:
    return _show(request, ctx, company_id)


def _show(
    request: Request,
    ctx: Ctx,
    company_id: int,
    *,
    errors: dict[str, str] | None = None,
    social: str = "",
    status: int = 200,
) -> Response:
    briefing = briefings.company_briefing(ctx, str(company_id))
    values: dict[str, Any] = {
        "title": briefing.company.name,
        "b": briefing,
        "company": briefing.company,
        "errors": errors or {},
        "social": social,
    }
    return render(request, "companies/show.html", values, status=status)


@router.post("/companies/{company_id}/follow")
def follow(company_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    followed = [v for v in form.getlist("followed") if isinstance(v, str)]
    companies.follow_socials(ctx, company_id, followed)
    return redirect(f"/companies/{company_id}#accounts")


@router.post("/companies/{company_id}/socials")
def add_social(request: Request, company_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    url = text(form, "url")
    try:
        companies.add_social(ctx, company_id, url)
    except InvalidInput as exc:
        errors = {"url": exc.message}
        return _show(request, ctx, company_id, errors=errors, social=url, status=422)
    return redirect(f"/companies/{company_id}#accounts")


@router.get("/companies/{company_id}/edit")
def edit_form(request: Request, company_id: int, ctx: Ctx) -> Response:
    company = companies.get_company(ctx, company_id)
    values = {key: getattr(company, key) or "" for key in _EDITABLE}
    return _edit_page(request, company, values, str(company.revision), {})


@router.post("/companies/{company_id}")
def save(request: Request, company_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    values = {key: text(form, key) for key in _EDITABLE}
    started_from = revision(form)
    try:
        companies.edit_company(ctx, str(company_id), **values, expected_revision=started_from)
    except InvalidInput as exc:
        company = companies.get_company(ctx, company_id)
        errors = {exc.field or "form": exc.message}
        return _edit_page(request, company, values, str(started_from), errors, status=422)
    return redirect(f"/companies/{company_id}")


def _edit_page(
    request: Request,
    company: Any,
    values: dict[str, str],
    revision: str,
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    context = {
        "title": f"Edit {company.name}",
        "company": company,
        "values": values,
        "revision": revision,
        "errors": errors,
    }
    return render(request, "companies/edit.html", context, status=status)
