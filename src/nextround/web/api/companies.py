"""``/api/v1/companies``: list, get, create, update, delete, merge."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from nextround.domain.companies import CompanyChanges, NewCompany
from nextround.services import companies
from nextround.web.api import api_router
from nextround.web.api.schemas import (
    CompanyOut,
    MergedOut,
    MergeIn,
    NotNull,
    Revision,
    Shape,
    changes,
    out,
    outs,
)
from nextround.web.ids import CompanyId
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("companies")


class CompanyIn(Shape):
    name: str
    website: str | None = None
    address: str | None = None
    careers_url: str | None = None
    notes: str = ""
    socials: list[str] = Field(default_factory=list)
    allow_duplicate: bool = Field(
        False, description="Add it even if it looks like a stored company (otherwise a 409)"
    )


class CompanyPatch(Shape):
    """Fields to change: absent ones stay, ``null`` clears one. ``add_socials`` adds accounts."""

    name: Annotated[str | None, NotNull] = None
    website: str | None = None
    address: str | None = None
    careers_url: str | None = None
    notes: str | None = None
    add_socials: list[str] = Field(default_factory=list)
    revision: Revision = None


@router.get("/companies")
def list_companies(
    ctx: Ctx, request: Request, response: Response, window: Paging
) -> list[CompanyOut]:
    """By name; paged (``limit``, ``cursor``, the ``Link`` header)."""
    rows = paged(request, response, companies.company_page(ctx, window))
    return outs(CompanyOut, [row.company for row in rows])


@router.get("/companies/{company_id}")
def get_company(company_id: CompanyId, ctx: Ctx) -> CompanyOut:
    return out(CompanyOut, companies.show_company(ctx, company_id).company)


@router.post("/companies", status_code=201)
def create_company(body: CompanyIn, ctx: Ctx) -> CompanyOut:
    """A company that looks like a stored one (same name, same website) is a 409 naming it
    (``existing_id``), unless ``allow_duplicate``."""
    new = NewCompany(
        **body.model_dump(exclude={"allow_duplicate", "socials"}), socials=tuple(body.socials)
    )
    company = companies.add_company(ctx, new, allow_duplicate=body.allow_duplicate)
    return out(CompanyOut, company)


@router.patch("/companies/{company_id}")
def update_company(company_id: CompanyId, body: CompanyPatch, ctx: Ctx) -> CompanyOut:
    edit = CompanyChanges(**changes(body, tuples=["add_socials"]))
    company = companies.edit_company(ctx, company_id, edit, expected_revision=body.revision)
    return out(CompanyOut, company)


@router.delete("/companies/{company_id}", status_code=204, response_class=Response)
def delete_company(company_id: CompanyId, ctx: Ctx, cascade: bool = False) -> Response:
    """To the trash. Refused (409) while applications or people belong to it, unless
    ``cascade=true``: then they go too."""
    companies.delete_company(ctx, company_id, cascade=cascade)
    return Response(status_code=204)


@router.post("/companies/{company_id}/merge")
def merge_company(company_id: CompanyId, body: MergeIn, ctx: Ctx) -> MergedOut:
    """Fold a company entered twice into ``into``: its applications, people and steps move."""
    return out(MergedOut, companies.merge_companies(ctx, company_id, body.into))
