"""People: the list, a person's page with their steps and drafts, adding, editing, the answer
to "OK to connect?", merging someone entered twice, deleting."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.domain.people import NewPerson, Person, PersonChanges
from nextround.domain.rules import UNSET
from nextround.errors import InvalidInput, NotFound
from nextround.services import companies, forms, people
from nextround.services.context import Context
from nextround.services.results import Merged
from nextround.web import record_forms
from nextround.web.fields import Errors, form_id, optional
from nextround.web.ids import PersonId
from nextround.web.pages import CheckedForm, changed, render, text
from nextround.web.paging import Paging, links
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

DETAILS = (
    "title",
    "part",
    "email",
    "linkedin_url",
    "address",
    "notes",
    "language",
    "address_as",
    "formal",
)
#: The register as the form's choice names it ("": the language's convention).
REGISTERS = {"formal": True, "informal": False}
FIELDS = ("name", "company_id", *DETAILS)


def path(person_id: int) -> str:
    return f"/people/{person_id}"


@router.get("/people")
def people_list(request: Request, ctx: Ctx, window: Paging, company: str = "") -> Response:
    """By name, 100 a page (``limit``, ``cursor``)."""
    company_id = _company_id(company)
    where = companies.show_company(ctx, company_id).company if company_id is not None else None
    found = people.people_page(ctx, window, company_id)
    context = {"title": "People", "rows": found.items, "company": where}
    return render(request, "people/list.html", {**context, **links(request, found)})


@router.get("/people/new")
def new_form(request: Request, ctx: Ctx, company: str = "") -> Response:
    company_id = _company_id(company)
    if company_id is None:
        raise InvalidInput("Open this form from a company's page, so the person has a company.")
    return _new_page(request, ctx, company_id, {}, forms.new_token(), {})


@router.post("/people")
def create(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    company_id = form_id(form, "company_id", "company")
    if company_id is None:
        raise InvalidInput("Choose the company this person works at.", field="company_id")

    def add(allow: bool, token: str) -> Person:
        new = NewPerson(name=text(form, "name"), company_id=company_id, **_details(form))
        return people.add_person(ctx, new, allow_duplicate=allow, form_token=token)

    again = partial(_new_page, request, ctx, company_id)
    back = f"/companies/{company_id}"
    return record_forms.create(ctx, form, "person", FIELDS, add, again, back=back)


def _details(form: FormData) -> dict[str, Any]:
    """The optional details as the domain takes them: empty is None, notes are text."""
    found: dict[str, Any] = {key: optional(form, key) for key in DETAILS}
    found["notes"] = text(form, "notes")
    found["formal"] = REGISTERS.get(text(form, "formal"))
    return found


def _stored(person: Person) -> dict[str, str]:
    """The person's fields as the edit form shows them, the register as its choice."""
    register = {True: "formal", False: "informal", None: ""}[person.formal]
    return {**record_forms.stored(person, FIELDS), "formal": register}


@router.get("/people/{person_id}")
def person_page(request: Request, person_id: PersonId, ctx: Ctx) -> Response:
    view = people.show_person(ctx, person_id)
    context = {"title": view.person.name, "p": view, "today": ctx.today}
    return render(request, "people/show.html", context)


@router.post("/people/{person_id}/reply")
def reply(person_id: PersonId, form: CheckedForm, ctx: Ctx) -> Response:
    """Yes, no, or "clear" to take back an answer recorded by mistake."""
    answer = text(form, "answer")
    people.record_reply(ctx, person_id, None if answer == "clear" else people.parse_answer(answer))
    return changed(f"{path(person_id)}#steps", ctx)


@router.get("/people/{person_id}/edit")
def edit_form(request: Request, person_id: PersonId, ctx: Ctx) -> Response:
    return _edit_page(request, ctx, person_id, {})


@router.post("/people/{person_id}")
def save(request: Request, person_id: PersonId, form: CheckedForm, ctx: Ctx) -> Response:
    def edit(started_from: int) -> Person:
        company_id = form_id(form, "company_id", "company")
        changes = PersonChanges(
            name=text(form, "name"),
            company_id=UNSET if company_id is None else company_id,
            **_details(form),
        )
        return people.edit_person(ctx, person_id, changes, expected_revision=started_from)

    again = partial(_edit_page, request, ctx, person_id)
    return record_forms.save(ctx, form, path(person_id), FIELDS, edit, again)


@router.post("/people/{person_id}/delete")
def delete(person_id: PersonId, form: CheckedForm, ctx: Ctx) -> Response:
    person = people.show_person(ctx, person_id).person
    people.delete_person(ctx, person_id)
    back = "/people" if person.company_id is None else f"/companies/{person.company_id}"
    return changed(back, ctx)


@router.post("/people/{person_id}/merge")
def merge(request: Request, person_id: PersonId, form: CheckedForm, ctx: Ctx) -> Response:
    def merge_into(into: int) -> Merged:
        return people.merge_people(ctx, person_id, into)

    again = partial(_edit_page, request, ctx, person_id)
    return record_forms.merge(ctx, form, "person", merge_into, again)


def _company_id(value: str) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise NotFound(f"There's no company with id {value!r}.")
    return int(value)


def _new_page(
    request: Request,
    ctx: Context,
    company_id: int,
    typed: dict[str, str],
    token: str,
    errors: Errors,
    *,
    twin: int | None = None,
    status: int = 200,
) -> Response:
    company = companies.show_company(ctx, company_id).company
    context = {
        "title": f"Add someone at {company.name}",
        "company": company,
        "values": typed,
        "form_token": token,
        "errors": errors,
        "twin": twin,
    }
    return render(request, "people/new.html", context, status=status)


def _edit_page(
    request: Request,
    ctx: Context,
    person_id: int,
    errors: Errors,
    *,
    typed: dict[str, str] | None = None,
    started_from: str | None = None,
    status: int = 200,
) -> Response:
    person = people.show_person(ctx, person_id).person
    everyone = people.list_people(ctx)
    context = {
        "title": f"Edit {person.name}",
        "person": person,
        "values": _stored(person) if typed is None else typed,
        "revision": str(person.revision) if started_from is None else started_from,
        "errors": errors,
        "companies": [(row.company.id, row.company.name) for row in companies.list_companies(ctx)],
        "others": [
            (row.person.id, f"{row.person.name}, {row.person.company}")
            for row in everyone
            if row.person.id != person.id
        ],
    }
    return render(request, "people/edit.html", context, status=status)
