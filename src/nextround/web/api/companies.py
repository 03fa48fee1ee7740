"""``/api/v1/companies``: list, get, create, update, delete."""

from __future__ import annotations

from pydantic import Field
from starlette.responses import Response

from nextround.services import companies
from nextround.web.api import api_router
from nextround.web.api.schemas import CompanyOut, Shape, out, outs
from nextround.web.state import Ctx

router = api_router("companies")


class CompanyIn(Shape):
    name: str
    website: str | None = None
    address: str | None = None
    careers_url: str | None = None
    socials: list[str] = Field(default_factory=list)


class CompanyPatch(Shape):
    """Fields to change; absent ones stay. ``socials`` are added to the known ones."""

    website: str | None = None
    address: str | None = None
    careers_url: str | None = None
    socials: list[str] = Field(default_factory=list)
    revision: int | None = Field(None, description="The revision the edit started from")


@router.get("/companies")
def list_companies(ctx: Ctx) -> list[CompanyOut]:
    return outs(CompanyOut, companies.list_companies(ctx))


@router.get("/companies/{company_id}")
def get_company(company_id: int, ctx: Ctx) -> CompanyOut:
    return out(CompanyOut, companies.show_company(ctx, str(company_id)).company)


@router.post("/companies", status_code=201)
def create_company(body: CompanyIn, ctx: Ctx) -> CompanyOut:
    company = companies.add_company(
        ctx,
        body.name,
        website=body.website,
        address=body.address,
        careers_url=body.careers_url,
        socials=body.socials,
    )
    return out(CompanyOut, company)


@router.patch("/companies/{company_id}")
def update_company(company_id: int, body: CompanyPatch, ctx: Ctx) -> CompanyOut:
    company = companies.edit_company(
        ctx,
        str(company_id),
        website=body.website,
        address=body.address,
        careers_url=body.careers_url,
        socials=body.socials,
        expected_revision=body.revision,
    )
    return out(CompanyOut, company)


@router.delete("/companies/{company_id}", status_code=204, response_class=Response)
def delete_company(company_id: int, ctx: Ctx, cascade: bool = False) -> Response:
    """Refused (409) while applications or people belong to it, unless ``cascade=true``."""
    companies.delete_company(ctx, str(company_id), cascade=cascade)
    return Response(status_code=204)
