"""``/api/v1/people``: list, get, create, update, delete, merge, and their answer to
"OK to connect?"."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from nextround.domain.people import ConnectAnswer, NewPerson, PersonChanges
from nextround.services import people
from nextround.web.api import api_router
from nextround.web.api.schemas import (
    MergedOut,
    MergeIn,
    NotNull,
    PersonOut,
    Revision,
    Shape,
    TaskOut,
    changes,
    out,
    outs,
)
from nextround.web.ids import CompanyId, PersonId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("people")


class PersonIn(Shape):
    name: str
    company_id: int
    title: str | None = None
    email: str | None = None
    linkedin_url: str | None = None
    address: str | None = None
    notes: str = ""
    part: str | None = Field(
        None,
        description="recruiter, hiring_manager, interviewer, peer or executive; null: from the title",
    )
    language: str | None = Field(
        None,
        description="en, de, fr or es: the language of drafts to them; null: the application's",
    )
    address_as: str | None = Field(
        None, description='How drafts address them ("Frau Dr. Weber"); null: their first name'
    )
    formal: bool | None = Field(
        None,
        description="Sie/vous/usted (true) or du/tu/tú (false); null: the language's convention",
    )
    allow_duplicate: bool = Field(
        False, description="Add them even if they look like a stored person (otherwise a 409)"
    )


class PersonPatch(Shape):
    """Fields to change: absent ones stay, ``null`` clears one."""

    name: Annotated[str | None, NotNull] = None
    company_id: Annotated[int | None, NotNull] = Field(None, description="Where they work now")
    title: str | None = None
    email: str | None = None
    linkedin_url: str | None = None
    address: str | None = None
    notes: str | None = None
    part: str | None = Field(None, description="null goes back to the part the title suggests")
    language: str | None = Field(None, description="null goes back to the application's language")
    address_as: str | None = Field(None, description="null goes back to their first name")
    formal: bool | None = Field(None, description="null goes back to the language's convention")
    revision: Revision = None


class ReplyIn(Shape):
    answer: ConnectAnswer | None = Field(
        description="yes or no; null takes back an answer recorded by mistake"
    )


class ReplyOut(Shape):
    """Where "OK to connect?" stands now, and the person's steps as planned after it."""

    connect_state: str
    tasks: list[TaskOut]


@router.get("/people")
def list_people(
    ctx: Ctx,
    request: Request,
    response: Response,
    window: Paging,
    company_id: CompanyId | None = None,
) -> list[PersonOut]:
    """By name; paged (``limit``, ``cursor``, the ``Link`` header)."""
    rows = paged(request, response, people.people_page(ctx, window, company_id))
    return outs(PersonOut, [row.person for row in rows])


@router.get("/people/{person_id}")
def get_person(person_id: PersonId, ctx: Ctx) -> PersonOut:
    return out(PersonOut, people.show_person(ctx, person_id).person)


@router.post("/people", status_code=201)
def create_person(body: PersonIn, ctx: Ctx) -> PersonOut:
    """Someone who looks like a stored person (same email, LinkedIn profile, or name at the
    company) is a 409 naming them (``existing_id``), unless ``allow_duplicate``."""
    new = NewPerson(**body.model_dump(exclude={"allow_duplicate"}))
    person = people.add_person(ctx, new, allow_duplicate=body.allow_duplicate)
    return out(PersonOut, person)


@router.patch("/people/{person_id}")
def update_person(person_id: PersonId, body: PersonPatch, ctx: Ctx) -> PersonOut:
    edit = PersonChanges(**changes(body))
    person = people.edit_person(ctx, person_id, edit, expected_revision=body.revision)
    return out(PersonOut, person)


@router.delete("/people/{person_id}", status_code=204, response_class=Response)
def delete_person(person_id: PersonId, ctx: Ctx) -> Response:
    """To the trash, with their steps; plans they were part of are made again without them."""
    people.delete_person(ctx, person_id)
    return Response(status_code=204)


@router.post("/people/{person_id}/merge")
def merge_person(person_id: PersonId, body: MergeIn, ctx: Ctx) -> MergedOut:
    """Fold a person entered twice into ``into``: interviews, steps and replies move."""
    return out(MergedOut, people.merge_people(ctx, person_id, body.into))


@router.put("/people/{person_id}/reply")
def record_reply(person_id: PersonId, body: ReplyIn, ctx: Ctx) -> ReplyOut:
    """The answer to "OK to connect?": yes plans an invitation, no closes the thread kindly."""
    view = people.record_reply(ctx, person_id, body.answer)
    return ReplyOut(connect_state=view.state.value, tasks=outs(TaskOut, view.tasks))
