"""The people export: everyone, or everyone at one company, as vCards for an address book."""

from __future__ import annotations

from dataclasses import dataclass

from nextround.errors import NotFound
from nextround.renderers.vcards import render_vcards
from nextround.services.companies import get as get_company
from nextround.services.context import Context
from nextround.storage import people


@dataclass(frozen=True)
class VcardExport:
    """The ``.vcf`` bytes and how many cards they hold."""

    data: bytes
    people: int


def export_people(ctx: Context, company_id: int | None = None) -> VcardExport:
    """Cards for everyone (or everyone at one company); nobody to export is an error."""
    with ctx.db.read() as c:
        where = get_company(c, ctx, company_id) if company_id is not None else None
        found = people.list_all(c, ctx.owner, company_id)
    if not found:
        at = f" at {where.name}" if where else ""
        raise NotFound(
            f"no people{at} to export; add someone with `nextround person add NAME --company NAME`"
        )
    return VcardExport(render_vcards(found, owner=ctx.owner), len(found))
