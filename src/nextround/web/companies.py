"""Companies: the list, adding one, the briefing page with its followed checklist, editing,
merging two entered twice, deleting."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.domain.companies import Company, CompanyChanges, NewCompany
from nextround.errors import Conflict, Duplicate, InvalidInput, NextroundError
from nextround.services import briefings, companies, forms
from nextround.services.context import Context
from nextround.web.fields import Errors, form_id, optional, record, sentence
from nextround.web.ids import CompanyId
from nextround.web.pages import (
    CheckedForm,
    changed,
    record_path,
    redirect,
    render,
    revision,
    templates,
    text,
)
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

FIELDS = ("name", "website", "careers_url", "address", "notes")


def path(company_id: int) -> str:
    return f"/companies/{company_id}"


@router.get("/companies")
def company_list(request: Request, ctx: Ctx) -> Response:
    rows = companies.list_companies(ctx)
    return render(request, "companies/list.html", {"title": "Companies", "rows": rows})


@router.get("/companies/new")
def new_form(request: Request) -> Response:
    return _new_page(request, {}, forms.new_token(), {})


@router.post("/companies")
def create(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    typed = {key: text(form, key) for key in FIELDS}
    token = text(form, "form_token")
    new = NewCompany(
        name=typed["name"],
        website=optional(form, "website"),
        careers_url=optional(form, "careers_url"),
        address=optional(form, "address"),
        notes=typed["notes"],
    )
    allow = text(form, "allow_duplicate") == "yes"
    errors: Errors = {}
    try:
        company = companies.add_company(ctx, new, allow_duplicate=allow, form_token=token)
    except forms.AlreadySubmitted as done:
        return redirect(record_path(done.kind, done.id))
    except InvalidInput as exc:
        record(errors, exc, "name", FIELDS)
    except Conflict as exc:
        errors["name"] = sentence(exc.message)
        return _new_page(request, typed, token, errors, twin=_twin(exc), status=409)
    else:
        return changed(path(company.id), ctx, back="/companies")
    return _new_page(request, typed, token or forms.new_token(), errors, status=422)


def _twin(exc: Conflict) -> int | None:
    return exc.existing_id if isinstance(exc, Duplicate) else None


def _new_page(
    request: Request,
    typed: dict[str, str],
    token: str,
    errors: Errors,
    *,
    twin: int | None = None,
    status: int = 200,
) -> Response:
    context = {
        "title": "Add a company",
        "values": typed,
        "form_token": token,
        "errors": errors,
        "twin": twin,
    }
    return render(request, "companies/new.html", context, status=status)


@router.get("/companies/{company_id}")
def company_page(request: Request, company_id: CompanyId, ctx: Ctx) -> Response:
    return _show(request, ctx, company_id)


def _show(
    request: Request,
    ctx: Context,
    company_id: int,
    *,
    errors: Errors | None = None,
    social: str = "",
    status: int = 200,
) -> Response:
    briefing = briefings.company_briefing(ctx, company_id)
    values: dict[str, Any] = {
        "title": briefing.company.name,
        "b": briefing,
        "company": briefing.company,
        "errors": errors or {},
        "social": social,
    }
    return render(request, "companies/show.html", values, status=status)


@router.post("/companies/{company_id}/follow")
def follow(company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    followed = [v for v in form.getlist("followed") if isinstance(v, str)]
    companies.follow_socials(ctx, company_id, followed)
    return changed(f"{path(company_id)}#accounts", ctx)


@router.post("/companies/{company_id}/socials")
def add_social(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    url = text(form, "url")
    try:
        companies.add_social(ctx, company_id, url)
    except InvalidInput as exc:
        errors: Errors = {}
        record(errors, exc, "url", ("url",))
        return _show(request, ctx, company_id, errors=errors, social=url, status=422)
    return changed(f"{path(company_id)}#accounts", ctx)


@router.get("/companies/{company_id}/edit")
def edit_form(request: Request, company_id: CompanyId, ctx: Ctx) -> Response:
    company = companies.show_company(ctx, company_id).company
    typed = {key: getattr(company, key) or "" for key in FIELDS}
    return _edit_page(request, ctx, company, typed, str(company.revision), {})


@router.post("/companies/{company_id}")
def save(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    typed = {key: text(form, key) for key in FIELDS}
    started_from = revision(form)
    try:
        companies.edit_company(ctx, company_id, _changes(form), expected_revision=started_from)
    except InvalidInput as exc:
        errors: Errors = {}
        record(errors, exc, "form", FIELDS)
        company = companies.show_company(ctx, company_id).company
        return _edit_page(request, ctx, company, typed, str(started_from), errors, status=422)
    return changed(path(company_id), ctx)


def _changes(form: FormData) -> CompanyChanges:
    return CompanyChanges(
        name=text(form, "name"),
        website=optional(form, "website"),
        careers_url=optional(form, "careers_url"),
        address=optional(form, "address"),
        notes=text(form, "notes"),
    )


@router.post("/companies/{company_id}/delete")
def delete(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    cascade = text(form, "cascade") == "yes"
    try:
        companies.delete_company(ctx, company_id, cascade=cascade)
    except Conflict as exc:
        return _refused(request, ctx, company_id, "delete", exc, 409)
    return changed("/companies", ctx)


@router.post("/companies/{company_id}/merge")
def merge(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    into = form_id(form, "into", "company")
    try:
        if into is None:
            raise InvalidInput("choose the company to merge this one into")
        merged = companies.merge_companies(ctx, company_id, into)
    except InvalidInput as exc:
        return _refused(request, ctx, company_id, "into", exc, 422)
    return changed(path(merged.into_id), ctx)


def _refused(
    request: Request, ctx: Context, company_id: int, field: str, exc: NextroundError, status: int
) -> Response:
    """The edit page again, with why a delete or a merge didn't happen beside its button."""
    company = companies.show_company(ctx, company_id).company
    typed = {key: getattr(company, key) or "" for key in FIELDS}
    errors = {field: sentence(exc.message)}
    return _edit_page(request, ctx, company, typed, str(company.revision), errors, status=status)


def _edit_page(
    request: Request,
    ctx: Context,
    company: Company,
    typed: dict[str, str],
    revision: str,
    errors: Errors,
    status: int = 200,
) -> Response:
    view = companies.show_company(ctx, company.id)
    context = {
        "title": f"Edit {company.name}",
        "company": company,
        "values": typed,
        "revision": revision,
        "errors": errors,
        "dependents": (len(view.applications), len(view.people)),
        "others": [
            (row.company.id, row.company.name)
            for row in companies.list_companies(ctx)
            if row.company.id != company.id
        ],
    }
    return render(request, "companies/edit.html", context, status=status)
