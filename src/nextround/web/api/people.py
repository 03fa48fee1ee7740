"""``/api/v1/people``: list, get, create, update, delete."""

from __future__ import annotations

from pydantic import Field
from starlette.responses import Response

from nextround.services import people
from nextround.web.api import api_router
from nextround.web.api.schemas import PersonOut, Shape, out, outs
from nextround.web.state import Ctx

router = api_router("people")


class PersonIn(Shape):
    name: str
    company_id: int
    title: str | None = None
    email: str | None = None
    linkedin_url: str | None = None
    address: str | None = None
    notes: str | None = None


class PersonPatch(Shape):
    """Fields to change; absent ones stay, an empty text clears one."""

    title: str | None = None
    email: str | None = None
    linkedin_url: str | None = None
    address: str | None = None
    notes: str | None = None
    revision: int | None = Field(None, description="The revision the edit started from")


@router.get("/people")
def list_people(ctx: Ctx, company_id: int | None = None) -> list[PersonOut]:
    company = str(company_id) if company_id is not None else None
    return outs(PersonOut, people.list_people(ctx, company))


@router.get("/people/{person_id}")
def get_person(person_id: int, ctx: Ctx) -> PersonOut:
    return out(PersonOut, people.show_person(ctx, str(person_id)).person)


@router.post("/people", status_code=201)
def create_person(body: PersonIn, ctx: Ctx) -> PersonOut:
    fields = body.model_dump(exclude={"name", "company_id"})
    person = people.add_person(ctx, body.name, company=str(body.company_id), **fields)
    return out(PersonOut, person)


@router.patch("/people/{person_id}")
def update_person(person_id: int, body: PersonPatch, ctx: Ctx) -> PersonOut:
    fields = body.model_dump(exclude={"revision"})
    person = people.edit_person(ctx, str(person_id), **fields, expected_revision=body.revision)
    return out(PersonOut, person)


@router.delete("/people/{person_id}", status_code=204, response_class=Response)
def delete_person(person_id: int, ctx: Ctx) -> Response:
    """Their relationship record and steps go too; plans they were part of are redone."""
    people.delete_person(ctx, str(person_id))
    return Response(status_code=204)
