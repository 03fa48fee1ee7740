"""Companies: the list, adding one, the briefing page with its followed checklist, editing,
merging two entered twice, deleting."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.domain.companies import Company, CompanyChanges, NewCompany
from nextround.errors import Conflict, InvalidInput
from nextround.services import briefings, companies, forms, network
from nextround.services.context import Context
from nextround.services.results import Merged
from nextround.web import record_forms
from nextround.web.fields import Errors, optional, record
from nextround.web.ids import CompanyId
from nextround.web.pages import CheckedForm, changed, render, templates, text
from nextround.web.paging import Paging, links
from nextround.web.state import Ctx
from nextround.web.watch import section as watch_section

router = APIRouter(include_in_schema=False)

templates.env.globals.update(
    briefing_when=briefings.when,
    event_text=briefings.event_text,
    person_line=briefings.person_line,
    note_title=briefings.note_title,
    application_title=briefings.application_title,
    since_no_heading=briefings.since_no_heading,
    since_no_items=briefings.since_no_items,
)
templates.env.filters["journal_html"] = briefings.journal_html

FIELDS = ("name", "website", "careers_url", "address", "notes")
#: How many of the people known at a company are listed before "and N more".
SHOWN = 12


def path(company_id: int) -> str:
    return f"/companies/{company_id}"


@router.get("/companies")
def company_list(request: Request, ctx: Ctx, window: Paging) -> Response:
    """By name, 100 a page (``limit``, ``cursor``)."""
    found = companies.company_page(ctx, window)
    context = {"title": "Companies", "rows": found.items, **links(request, found)}
    return render(request, "companies/list.html", context)


@router.get("/companies/new")
def new_form(request: Request) -> Response:
    return _new_page(request, {}, forms.new_token(), {})


@router.post("/companies")
def create(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    def add(allow: bool, token: str) -> Company:
        new = NewCompany(**_details(form))
        return companies.add_company(ctx, new, allow_duplicate=allow, form_token=token)

    again = partial(_new_page, request)
    return record_forms.create(
        ctx, form, "company", FIELDS, add, again, back="/companies", look_alikes=Conflict
    )


def _details(form: FormData) -> dict[str, Any]:
    """The fields as the domain takes them: an empty website or address is None."""
    return {
        "name": text(form, "name"),
        "website": optional(form, "website"),
        "careers_url": optional(form, "careers_url"),
        "address": optional(form, "address"),
        "notes": text(form, "notes"),
    }


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
def company_page(
    request: Request, company_id: CompanyId, ctx: Ctx, ran: int = 0, board: str = ""
) -> Response:
    extra = watch_section(ctx, company_id, ran=bool(ran), needed=board == "needed")
    return _show(request, ctx, company_id, extra=extra)


def show_page(
    request: Request, ctx: Context, company_id: int, *, extra: dict[str, Any], status: int
) -> Response:
    """The company page with ``extra`` values (the watch section's form and errors)."""
    return _show(request, ctx, company_id, extra=extra, status=status)


def _show(
    request: Request,
    ctx: Context,
    company_id: int,
    *,
    errors: Errors | None = None,
    social: str = "",
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> Response:
    briefing = briefings.company_briefing(ctx, company_id)
    values: dict[str, Any] = {
        "title": briefing.company.name,
        "b": briefing,
        "known": network.people_you_know(ctx, company_id),
        "shown": SHOWN,
        "company": briefing.company,
        "errors": errors or {},
        "social": social,
        **(extra if extra is not None else watch_section(ctx, company_id)),
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
    return _edit_page(request, ctx, company_id, {})


@router.post("/companies/{company_id}")
def save(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    def edit(started_from: int) -> Company:
        changes = CompanyChanges(**_details(form))
        return companies.edit_company(ctx, company_id, changes, expected_revision=started_from)

    again = partial(_edit_page, request, ctx, company_id)
    return record_forms.save(ctx, form, path(company_id), FIELDS, edit, again)


@router.post("/companies/{company_id}/delete")
def delete(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    cascade = text(form, "cascade") == "yes"
    try:
        companies.delete_company(ctx, company_id, cascade=cascade)
    except Conflict as exc:
        again = partial(_edit_page, request, ctx, company_id)
        return record_forms.refused(again, "delete", exc, 409)
    return changed("/companies", ctx)


@router.post("/companies/{company_id}/merge")
def merge(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    def merge_into(into: int) -> Merged:
        return companies.merge_companies(ctx, company_id, into)

    again = partial(_edit_page, request, ctx, company_id)
    return record_forms.merge(ctx, form, "company", merge_into, again)


def _edit_page(
    request: Request,
    ctx: Context,
    company_id: int,
    errors: Errors,
    *,
    typed: dict[str, str] | None = None,
    started_from: str | None = None,
    status: int = 200,
) -> Response:
    view = companies.show_company(ctx, company_id)
    company = view.company
    context = {
        "title": f"Edit {company.name}",
        "company": company,
        "values": record_forms.stored(company, FIELDS) if typed is None else typed,
        "revision": str(company.revision) if started_from is None else started_from,
        "errors": errors,
        "dependents": (len(view.applications), len(view.people)),
        "others": [
            (row.company.id, row.company.name)
            for row in companies.list_companies(ctx)
            if row.company.id != company.id
        ],
    }
    return render(request, "companies/edit.html", context, status=status)
