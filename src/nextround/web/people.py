"""People: the list, a person's page with their steps and drafts, adding and editing."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.errors import InvalidInput, NotFound
from nextround.services import companies, forms, people
from nextround.web.pages import CheckedForm, redirect, render, revision, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

_DETAILS = ("title", "email", "linkedin_url", "address", "notes")


@router.get("/people")
def people_list(request: Request, ctx: Ctx, company: str = "") -> Response:
    company_id = _company_id(company)
    where = companies.get_company(ctx, company_id) if company_id is not None else None
    rows = people.list_rows(ctx, company_id)
    return render(request, "people/list.html", {"title": "People", "rows": rows, "company": where})


@router.get("/people/new")
def new_form(request: Request, ctx: Ctx, company: str = "") -> Response:
    company_id = _company_id(company)
    if company_id is None:
        raise InvalidInput("Open this form from a company's page, so the person has a company.")
    where = companies.get_company(ctx, company_id)
    return _new_page(request, where, {}, forms.new_token(), {})


@router.post("/people")
def create(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    company_id = _company_id(text(form, "company"))
    if company_id is None:
        raise InvalidInput("Choose the company this person works at.")
    where = companies.get_company(ctx, company_id)
    values = {key: text(form, key) for key in ("name", *_DETAILS)}
    token = text(form, "form_token")
    try:
        person = people.add_person(ctx, company=str(where.id), **values, form_token=token)
    except forms.AlreadySubmitted as exc:
        return redirect(exc.location)
    except InvalidInput as exc:
        errors = {exc.field or "form": exc.message}
        return _new_page(request, where, values, token or forms.new_token(), errors, status=422)
    return redirect(people.person_path(person.id))


@router.get("/people/{person_id}")
def person_page(request: Request, person_id: int, ctx: Ctx) -> Response:
    page = people.person_page(ctx, person_id)
    context = {"title": page.person.name, "p": page, "today": ctx.today}
    return render(request, "people/show.html", context)


@router.post("/people/{person_id}/reply")
def reply(person_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    people.record_reply_by_id(ctx, person_id, text(form, "answer"))
    return redirect(f"/people/{person_id}#steps")


@router.get("/people/{person_id}/edit")
def edit_form(request: Request, person_id: int, ctx: Ctx) -> Response:
    person = people.get_person(ctx, person_id)
    values = {key: getattr(person, key) or "" for key in _DETAILS}
    return _edit_page(request, person, values, str(person.revision), {})


@router.post("/people/{person_id}")
def save(request: Request, person_id: int, form: CheckedForm, ctx: Ctx) -> Response:
    values = {key: text(form, key) for key in _DETAILS}
    started_from = revision(form)
    try:
        people.edit_person(ctx, str(person_id), **values, expected_revision=started_from)
    except InvalidInput as exc:
        person = people.get_person(ctx, person_id)
        errors = {exc.field or "form": exc.message}
        return _edit_page(request, person, values, str(started_from), errors, status=422)
    return redirect(people.person_path(person_id))


def _company_id(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise NotFound(f"There's no company with id {value!r}.")
    return int(value)


def _new_page(
    request: Request,
    company: Any,
    values: dict[str, str],
    token: str,
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    context = {
        "title": f"Add someone at {company.name}",
        "company": company,
        "values": values,
        "form_token": token,
        "errors": errors,
    }
    return render(request, "people/new.html", context, status=status)


def _edit_page(
    request: Request,
    person: Any,
    values: dict[str, str],
    revision: str,
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    context = {
        "title": f"Edit {person.name}",
        "person": person,
        "values": values,
        "revision": revision,
        "errors": errors,
    }
    return render(request, "people/edit.html", context, status=status)
