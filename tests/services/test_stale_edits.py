"""An edit names the revision it started from; one made on an older revision is refused."""

from __future__ import annotations

import pytest

from nextround.domain.companies import CompanyChanges, NewCompany
from nextround.domain.people import NewPerson, PersonChanges
from nextround.errors import Conflict
from nextround.services import companies, people
from nextround.services.context import Context


def test_a_stale_company_edit_is_refused_and_changes_nothing(ctx: Context) -> None:
    start = companies.add_company(ctx, NewCompany("Acme"))
    assert start.revision == 0
    first = companies.edit_company(
        ctx, start.id, CompanyChanges(website="https://acme.example"), expected_revision=0
    )
    assert first.revision == 1
    with pytest.raises(Conflict, match="changed elsewhere"):
        companies.edit_company(
            ctx, start.id, CompanyChanges(website="https://other.example"), expected_revision=0
        )
    assert companies.show_company(ctx, start.id).company.website == "https://acme.example"


def test_a_stale_person_edit_is_refused(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    dana = people.add_person(ctx, NewPerson("Dana Smith", acme.id))
    people.edit_person(ctx, dana.id, PersonChanges(title="Lead"), expected_revision=0)
    with pytest.raises(Conflict):
        people.edit_person(ctx, dana.id, PersonChanges(title="Manager"), expected_revision=0)
    assert people.show_person(ctx, dana.id).person.title == "Lead"
    # Edits that don't name a revision (the CLI's) still go through, and count.
    assert people.edit_person(ctx, dana.id, PersonChanges(title="Manager")).revision == 2
