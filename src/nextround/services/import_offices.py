"""Offices from address books: a contact's work address for their company, when it has none.

An address book often knows the office's address better than nextround
does: a vCard's ``ADR;TYPE=work`` or a Google contact's "Work" address. For
each company record without an address, the first imported contact whose
organisation is that company (compared by :func:`~nextround.domain.orgnames.name_key`:
suffixes such as Inc or GmbH set aside, never a part of a name, so "Meta" is
not "Metabase") gives it their work address, ready for cards and envelopes.
A company's address already set is never replaced, so importing the same
file twice changes nothing the second time. Each such change is a row of
the plan (kind ``office``, *updated*), shown by a dry run like any other.
"""

from __future__ import annotations

from collections.abc import Iterable

from nextround.domain import rules
from nextround.domain.imports import Imported, ImportedPerson, Outcome, PlannedRow
from nextround.domain.orgnames import name_key
from nextround.errors import InvalidInput
from nextround.services.context import Context
from nextround.storage import companies
from nextround.storage.sql import Connection

KIND = "office"


def plan_offices(c: Connection, ctx: Context, records: Iterable[Imported]) -> list[PlannedRow]:
    """The companies without an address that an imported work address fills, first one wins."""
    waiting = {
        key: company
        for company in companies.list_all(c, ctx.owner)
        if not company.address and (key := name_key(company.name))
    }
    planned: list[PlannedRow] = []
    for record in records:
        if not waiting:
            break
        if not isinstance(record, ImportedPerson) or not record.work_address:
            continue
        company = waiting.get(name_key(record.organisation or ""))
        address = _checked(record.work_address)
        if company is None or address is None:
            continue
        del waiting[name_key(company.name)]
        planned.append(
            PlannedRow(
                record.line,
                KIND,
                Outcome.UPDATED,
                company.name,
                f"the office's address, from {record.name}'s work address",
                values={"company_id": company.id, "address": address},
            )
        )
    return planned


def _checked(address: str) -> str | None:
    try:
        return rules.optional_block(address, "address", "address", limit=rules.ADDRESS_MAX)
    except InvalidInput:
        return None


def apply_offices(c: Connection, ctx: Context, planned: Iterable[PlannedRow]) -> None:
    """Write the planned office addresses inside the caller's transaction."""
    for row in planned:
        if row.kind == KIND and row.outcome is Outcome.UPDATED:
            company_id = row.values["company_id"]
            assert isinstance(company_id, int)
            companies.update(c, ctx.owner, company_id, {"address": row.values["address"]})
