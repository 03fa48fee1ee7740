"""Companies: add, list, show, edit, delete, merge, and their social accounts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from nextround.domain import rules
from nextround.domain.applications import Application
from nextround.domain.companies import Company, CompanyChanges, NewCompany
from nextround.domain.people import Person
from nextround.domain.rules import changed
from nextround.domain.tasks import Task
from nextround.errors import InUse, InvalidInput, NameTaken
from nextround.services import duplicates, forms, lookup
from nextround.services.context import Context, last_change, relabel
from nextround.services.paging import EVERYTHING, Page, Window, page_of
from nextround.services.playbook import reconcile_for_company
from nextround.services.resolve import same_name
from nextround.services.results import Deleted, Merged, count
from nextround.storage import applications, companies, people, tasks
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class CompanyView:
    company: Company
    people: list[Person]
    applications: list[Application]
    tasks: list[Task]


@dataclass(frozen=True)
class CompanyRow:
    """A company as the list shows it: with how many applications and people there."""

    company: Company
    applications: int
    people: int


def add_company(
    ctx: Context,
    new: NewCompany,
    *,
    allow_duplicate: bool = False,
    form_token: str | None = None,
) -> Company:
    """Add a company; one that looks like a known one is refused unless ``allow_duplicate``."""
    new = new.checked()
    with ctx.change(f"Added {new.name}") as c:
        forms.check(c, ctx, form_token)
        _refuse_same_name(c, ctx, new.name)
        if not allow_duplicate:
            duplicates.refuse_company_twin(c, ctx.owner, name=new.name, website=new.website)
        company_id = companies.add(
            c,
            ctx.owner,
            {
                "name": new.name,
                "website": new.website,
                "address": new.address,
                "careers_url": new.careers_url,
                "notes": new.notes,
            },
            new.socials,
        )
        forms.spend(c, ctx, form_token, "company", company_id)
        return get(c, ctx, company_id)


def _refuse_same_name(c: Connection, ctx: Context, name: str, not_id: int | None = None) -> None:
    for company_id, known in companies.all_names(c, ctx.owner):
        if same_name(known, name) and company_id != not_id:
            raise NameTaken(
                f"a company named {name!r} already exists (id {company_id})",
                existing_id=company_id,
                kind="company",
            )


def edit_company(
    ctx: Context, company_id: int, changes: CompanyChanges, *, expected_revision: int | None = None
) -> Company:
    """Change details; plans of rejected applications there follow (the follow step, the address).

    With ``expected_revision``, an edit of a company changed since is refused.
    """
    changes = changes.checked()
    values = changed(changes)
    socials = values.pop("add_socials", ())
    with ctx.change("Edited a company") as c:
        company = get(c, ctx, company_id)
        relabel(c, f"Edited {company.name}")
        if "name" in values:
            _refuse_same_name(c, ctx, str(values["name"]), not_id=company.id)
        if values or expected_revision is not None:
            companies.update(c, ctx.owner, company.id, values, expected_revision=expected_revision)
        for url in socials:  # type: ignore[attr-defined]
            companies.add_social(c, ctx.owner, company.id, url)
        reconcile_for_company(c, ctx, company.id)
        return get(c, ctx, company.id)


def list_companies(ctx: Context) -> list[CompanyRow]:
    """Every company with its counts, in a fixed number of queries."""
    return company_page(ctx, EVERYTHING).items


def company_page(ctx: Context, window: Window) -> Page[CompanyRow]:
    """One page of :func:`list_companies`, by name."""
    with ctx.db.read() as c:
        page = page_of(companies.list_all(c, ctx.owner, window), window, companies.ORDER)
        shown = None if window.limit is None else [co.id for co in page.items]
        counts = companies.counts(c, ctx.owner, shown)
    return page.map(lambda found: [CompanyRow(co, *counts.get(co.id, (0, 0))) for co in found])


def show_company(ctx: Context, company_id: int) -> CompanyView:
    with ctx.db.read() as c:
        company = get(c, ctx, company_id)
        return CompanyView(
            company,
            people.list_all(c, ctx.owner, company.id),
            applications.list_all(c, ctx.owner, company_id=company.id),
            tasks.of_company(c, ctx.owner, company.id),
        )


def company_names(ctx: Context) -> list[str]:
    """Every company's name, for picking one on a form."""
    with ctx.db.read() as c:
        return sorted((n for _, n in companies.all_names(c, ctx.owner)), key=str.casefold)


def get(c: Connection, ctx: Context, company_id: int) -> Company:
    return lookup.by_id(companies.get, c, ctx, company_id, "company")


def add_social(ctx: Context, company_id: int, url: str) -> Company:
    """Record one of the company's accounts; the follow step then names it."""
    checked = rules.url(url, "url", "the account's address")
    if checked is None:
        raise InvalidInput("give the address of the account", field="url")
    with ctx.change("Added an account") as c:
        company = get(c, ctx, company_id)
        companies.add_social(c, ctx.owner, company.id, checked)
        reconcile_for_company(c, ctx, company.id)
        return get(c, ctx, company.id)


def follow_socials(
    ctx: Context, company_id: int, followed_urls: Sequence[str], on: date | None = None
) -> Company:
    """Mark exactly ``followed_urls`` as followed; all of them done finishes the follow step."""
    day = on or ctx.today
    with ctx.change("Followed a company's accounts") as c:
        company = get(c, ctx, company_id)
        known = {s.url for s in company.socials}
        if unknown := [u for u in followed_urls if u not in known]:
            raise InvalidInput(
                f"{unknown[0]!r} is not one of {company.name}'s accounts", field="followed"
            )
        companies.set_followed(c, ctx.owner, company.id, followed_urls, day)
        reconcile_for_company(c, ctx, company.id)
        return get(c, ctx, company.id)


def delete_company(ctx: Context, company_id: int, *, cascade: bool = False) -> Deleted:
    """Move a company to the trash, refusing while applications or people belong to it.

    With ``cascade``, those go too, each with what hangs off it (interviews,
    journal entries, plans, relationship records), as one change.
    """
    with ctx.change("Deleted a company", trash=True) as c:
        company = get(c, ctx, company_id)
        apps, folks = companies.dependents(c, ctx.owner, company.id)
        if (apps or folks) and not cascade:
            raise InUse(
                f"{company.name} still has {count(apps, 'application')} and "
                f"{count(folks, 'person', 'people')}; delete them first, "
                "or delete everything together"
            )
        for app in applications.list_all(c, ctx.owner, company_id=company.id):
            applications.delete(c, ctx.owner, app.id)
        for person in people.list_all(c, ctx.owner, company.id):
            people.delete(c, ctx.owner, person.id)
        companies.delete(c, ctx.owner, company.id)
        relabel(c, f"Deleted {company.name}")
        also = tuple(
            part
            for part, n in (
                (count(apps, "application"), apps),
                (count(folks, "person", "people"), folks),
            )
            if n
        )
    return Deleted("company", company.id, company.name, last_change(ctx), also)


def merge_companies(ctx: Context, from_id: int, into_id: int) -> Merged:
    """Fold a company entered twice into the other: its applications, people and steps move."""
    if from_id == into_id:
        raise InvalidInput("a company can't be merged into itself; give two different ids")
    with ctx.change("Merged companies") as c:
        source, target = get(c, ctx, from_id), get(c, ctx, into_id)
        apps, folks = companies.dependents(c, ctx.owner, source.id)
        companies.move_dependents(c, ctx.owner, source.id, target.id)
        duplicates.fill_gaps(
            companies.update, c, ctx.owner, source, target, ("website", "address", "careers_url")
        )
        companies.delete(c, ctx.owner, source.id)
        reconcile_for_company(c, ctx, target.id)
        relabel(c, f"Merged {source.name} into {target.name}")
    moved = (count(apps, "application"), count(folks, "person", "people"))
    return Merged("company", source.id, target.id, target.name, moved)
