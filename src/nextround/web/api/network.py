"""``/api/v1/companies/{id}/people-you-know`` and ``/api/v1/contacts``: who the user knows at
a company, and the imported contacts with no company record, as the pages show them."""

from __future__ import annotations

from datetime import date

from fastapi import Request, Response
from pydantic import Field

from nextround.services import network
from nextround.web.api import api_router
from nextround.web.api.schemas import PersonOut, Shape, out, outs
from nextround.web.ids import CompanyId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("people you know")


class TieOut(Shape):
    kind: str = Field(description="interviewed, meeting, met, linkedin, address_book or tracker")
    on: date | None = Field(description="the interview's day, or since when connected")


class KnownPersonOut(Shape):
    person_id: int
    name: str
    title: str | None
    email: str | None
    linkedin_url: str | None
    source: str
    why: str = Field(description="linked (to the company), name (its organisation) or email")
    ties: list[TieOut]
    last_in_touch: date | None = Field(description="the latest day you were in touch")
    how: str = Field(description="how you know them, in words")


class PeopleYouKnowOut(Shape):
    company_id: int
    company: str
    people: list[KnownPersonOut] = Field(description="the most recently in touch first")
    summary: str = Field(description='"You know 2 people at Acme: …", or "" when no one')


class ContactOut(Shape):
    person: PersonOut
    company_id: int | None = Field(
        description="the stored company their organisation or email domain names, if any"
    )


class ContactsOut(Shape):
    rows: list[ContactOut]
    total: int
    sources: dict[str, int] = Field(description="how many contacts came from each source")
    source: str | None


@router.get("/companies/{company_id}/people-you-know")
def people_you_know(company_id: CompanyId, ctx: Ctx) -> PeopleYouKnowOut:
    """Everyone the user knows at the company, from any source: how, and when last in touch."""
    return out(PeopleYouKnowOut, network.people_you_know(ctx, company_id))


@router.get("/contacts")
def contacts(
    request: Request, response: Response, ctx: Ctx, window: Paging, source: str | None = None
) -> ContactsOut:
    """People with no company record (imported contacts), by name: ``rows`` is one page
    (``limit``, ``cursor``, the ``Link`` header), ``total`` counts them all."""
    found = network.contacts(ctx, source, window)
    rows = paged(request, response, found.page())
    return ContactsOut(
        rows=outs(ContactOut, rows), total=found.total, sources=found.sources, source=found.source
    )
