"""The people export: everyone, or everyone at one company, as vCards for an address book."""

from __future__ import annotations

from dataclasses import dataclass

from nextround.errors import NotFound
from nextround.renderers.vcards import render_vcards
from nextround.services import lookup
from nextround.services.context import Context
from nextround.storage import people


@dataclass(frozen=True)
class VcardExport:
    """The ``.vcf`` bytes and how many cards they hold."""

    data: bytes
    people: int


def export_people(ctx: Context, company: str | None = None) -> VcardExport:
    """Cards for everyone (or everyone at ``company``); nobody to export is an error."""
    with ctx.db.transaction() as c:
        where = lookup.company(c, ctx.owner, company) if company else None
        found = people.list_all(c, ctx.owner, where.id if where else None)
    if not found:
        at = f" at {where.name}" if where else ""
        raise NotFound(
            f"no people{at} to export; add someone with `nextround person add NAME --company NAME`"
        )
    return VcardExport(render_vcards(found, owner=ctx.owner), len(found))
