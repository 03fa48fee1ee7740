"""Companies: add, list, show, edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from nextround.domain.applications import Application
from nextround.domain.companies import Company
from nextround.domain.people import Person
from nextround.domain.tasks import Task
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import forms, lookup, validate
from nextround.services.context import Context
from nextround.services.playbook import reconcile_for_company
from nextround.storage import applications, companies, people, tasks


@dataclass(frozen=True)
class CompanyView:
    company: Company
    people: list[Person]
    applications: list[Application]
    tasks: list[Task]


def add_company(
    ctx: Context,
    name: str,
    *,
    website: str | None = None,
    address: str | None = None,
    careers_url: str | None = None,
    socials: Sequence[str] = (),
    form_token: str | None = None,
) -> Company:
    """Add a company; with ``form_token``, a second submit of the same form creates nothing."""
    name = validate.name(name, "company name", field="name")
    website = validate.url(website, "website", field="website")
    careers_url = validate.url(careers_url, "careers URL", field="careers_url")
    with ctx.db.transaction() as c:
        forms.check(c, ctx, form_token)
        if any(lookup.same_name(known, name) for _, known in companies.all_names(c, ctx.owner)):
            raise Conflict(f"a company named {name!r} already exists")
        company_id = companies.add(
            c,
            ctx.owner,
            name=name,
            website=website,
            address=validate.optional_text(address),
            careers_url=careers_url,
            socials=[u for s in socials if (u := validate.url(s, "social account"))],
        )
        if form_token is not None:
            forms.spend(c, ctx, form_token, company_path(company_id))
        found = companies.get(c, ctx.owner, company_id)
    assert found is not None
    return found


def company_path(company_id: int) -> str:
    """Where a company's page is."""
    return f"/companies/{company_id}"


def edit_company(
    ctx: Context,
    ref: str,
    *,
    website: str | None = None,
    address: str | None = None,
    careers_url: str | None = None,
    notes: str | None = None,
    socials: Sequence[str] = (),
    expected_revision: int | None = None,
) -> Company:
    """Fill in or change details; the plans of rejected applications there follow.

    With ``expected_revision``, an edit of a company changed since is refused.
    """
    values: dict[str, object] = {}
    if website is not None:
        values["website"] = validate.url(website, "website", field="website")
    if address is not None:
        values["address"] = validate.optional_text(address)
    if careers_url is not None:
        values["careers_url"] = validate.url(careers_url, "careers URL", field="careers_url")
    if notes is not None:
        values["notes"] = notes.strip()
    with ctx.db.transaction() as c:
        company = lookup.company(c, ctx.owner, ref)
        if values or expected_revision is not None:
            companies.update(c, ctx.owner, company.id, values, expected_revision=expected_revision)
        for social in socials:
            if url := validate.url(social, "social account", field="url"):
                companies.add_social(c, ctx.owner, company.id, url)
        reconcile_for_company(c, ctx, company.id)
        found = companies.get(c, ctx.owner, company.id)
    assert found is not None
    return found


def list_companies(ctx: Context) -> list[Company]:
    with ctx.db.transaction() as c:
        return companies.list_all(c, ctx.owner)


def show_company(ctx: Context, ref: str) -> CompanyView:
    with ctx.db.transaction() as c:
        company = lookup.company(c, ctx.owner, ref)
        return CompanyView(
            company,
            people.list_all(c, ctx.owner, company.id),
            applications.list_all(c, ctx.owner, company_id=company.id),
            tasks.of_company(c, ctx.owner, company.id),
        )


@dataclass(frozen=True)
class CompanyRow:
    """A company as the list shows it: with how many applications and people there."""

    company: Company
    applications: int
    people: int


def list_with_counts(ctx: Context) -> list[CompanyRow]:
    """Every company with its counts, in a fixed number of queries."""
    with ctx.db.transaction() as c:
        found = companies.list_all(c, ctx.owner)
        counts = companies.counts(c, ctx.owner)
    return [CompanyRow(co, *counts.get(co.id, (0, 0))) for co in found]


def get_company(ctx: Context, company_id: int) -> Company:
    with ctx.db.transaction() as c:
        return _by_id(c, ctx, company_id)


def add_social(ctx: Context, company_id: int, url: str) -> Company:
    """Record one of the company's accounts; the follow step then names it."""
    if not url.strip():
        raise InvalidInput("give the address of the account", field="url")
    with ctx.db.transaction() as c:
        company = _by_id(c, ctx, company_id)
        checked = validate.url(url, "social account", field="url")
        assert checked is not None
        companies.add_social(c, ctx.owner, company.id, checked)
        reconcile_for_company(c, ctx, company.id)
        return _by_id(c, ctx, company.id)


def follow_socials(
    ctx: Context, company_id: int, followed_urls: Sequence[str], on: date | None = None
) -> Company:
    """Mark exactly ``followed_urls`` as followed; all of them done finishes the follow step."""
    day = on or ctx.today
    with ctx.db.transaction() as c:
        company = _by_id(c, ctx, company_id)
        known = {s.url for s in company.socials}
        if unknown := [u for u in followed_urls if u not in known]:
            raise InvalidInput(f"{unknown[0]!r} is not one of {company.name}'s accounts")
        companies.set_followed(c, ctx.owner, company.id, followed_urls, day)
        reconcile_for_company(c, ctx, company.id)
        return _by_id(c, ctx, company.id)


def _by_id(c: sa.Connection, ctx: Context, company_id: int) -> Company:
    found = companies.get(c, ctx.owner, company_id)
    if found is None:
        raise NotFound(f"There's no company with id {company_id}. It may have been deleted.")
    return found


def delete_company(ctx: Context, ref: str, *, cascade: bool = False) -> None:
    """Delete a company, refusing while applications or people still belong to it.

    With ``cascade``, those go too, each with what hangs off it (interviews,
    journal entries, plans, relationship records), in the same transaction.
    """
    with ctx.db.transaction() as c:
        company = lookup.company(c, ctx.owner, ref)
        apps, folks = companies.dependents(c, ctx.owner, company.id)
        if (apps or folks) and not cascade:
            raise Conflict(
                f"{company.name} still has {_count(apps, 'application')} and "
                f"{_count(folks, 'person', 'people')}; delete them first, "
                "or delete everything together (cascade)"
            )
        for app in applications.list_all(c, ctx.owner, company_id=company.id):
            applications.delete(c, ctx.owner, app.id)
        for person in people.list_all(c, ctx.owner, company.id):
            people.delete(c, ctx.owner, person.id)
        companies.delete(c, ctx.owner, company.id)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
