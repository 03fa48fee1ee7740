"""Deleting and merging companies: what the answer says went or moved, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.people import NewPerson
from nextround.errors import InUse, InvalidInput, NotFound
from nextround.services import applications, companies, history, people
from nextround.services.context import Context
from tests.services.scenario import interviewed


def test_a_company_in_use_is_kept_and_says_why(ctx: Context) -> None:
    scenario = interviewed(ctx)
    with pytest.raises(InUse) as caught:
        companies.delete_company(ctx, scenario.company_id)
    assert caught.value.message == (
        "Acme Robotics still has 1 application and 2 people; delete them first, "
        "or delete everything together"
    )
    assert companies.show_company(ctx, scenario.company_id).company.name == "Acme Robotics"


def test_deleting_everything_together_says_what_went(ctx: Context) -> None:
    scenario = interviewed(ctx)
    deleted = companies.delete_company(ctx.fresh(), scenario.company_id, cascade=True)
    assert (deleted.kind, deleted.id, deleted.name) == (
        "company",
        scenario.company_id,
        "Acme Robotics",
    )
    assert deleted.also == ("1 application", "2 people")
    assert deleted.change_id is not None
    with pytest.raises(NotFound):
        applications.show_application(ctx, scenario.app_id)
    with pytest.raises(NotFound):
        people.show_person(ctx, scenario.dana_id)
    assert history.undo(ctx).change.label == "Deleted Acme Robotics"
    assert people.show_person(ctx, scenario.dana_id).person.name == "Dana Smith"


def test_an_empty_company_goes_alone(ctx: Context) -> None:
    globex = companies.add_company(ctx, NewCompany("Globex"))
    deleted = companies.delete_company(ctx, globex.id)
    assert (deleted.name, deleted.also) == ("Globex", ())
    one = companies.add_company(ctx, NewCompany("Initech"))
    people.add_person(ctx, NewPerson("Bill", one.id))
    assert companies.delete_company(ctx, one.id, cascade=True).also == ("1 person",)


def test_merging_moves_everything_and_fills_gaps(ctx: Context) -> None:
    scenario = interviewed(ctx)
    twin = companies.add_company(
        ctx,
        NewCompany("Acme Robotic", address="1 Main St", careers_url="acme.example/jobs"),
        allow_duplicate=True,
    )
    people.add_person(ctx, NewPerson("Kim Park", twin.id))
    applications.add_application(
        ctx, NewApplication("Data Engineer", company_id=twin.id, applied_on=date(2026, 10, 2))
    )
    applications.add_application(
        ctx, NewApplication("Analyst", company_id=twin.id, applied_on=date(2026, 10, 3))
    )
    merged = companies.merge_companies(ctx, twin.id, scenario.company_id)
    assert (merged.kind, merged.from_id, merged.into_id, merged.name) == (
        "company",
        twin.id,
        scenario.company_id,
        "Acme Robotics",
    )
    assert merged.moved == ("2 applications", "1 person")
    target = companies.show_company(ctx, scenario.company_id).company
    assert (target.website, target.address, target.careers_url) == (
        "https://acme.example",  # kept: the target had one
        "1 Main St",  # filled from the twin
        "https://acme.example/jobs",
    )
    with pytest.raises(NotFound):
        companies.show_company(ctx, twin.id)
    assert history.undo(ctx).change.label == "Merged Acme Robotic into Acme Robotics"


def test_a_company_is_not_merged_into_itself(ctx: Context) -> None:
    scenario = interviewed(ctx)
    with pytest.raises(InvalidInput) as caught:
        companies.merge_companies(ctx, scenario.company_id, scenario.company_id)
    assert caught.value.message == "a company can't be merged into itself; give two different ids"
