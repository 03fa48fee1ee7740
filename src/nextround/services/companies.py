"""Companies: add, list, show, edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nextround.domain.applications import Application
from nextround.domain.companies import Company
from nextround.domain.people import Person
from nextround.domain.tasks import Task
from nextround.errors import Conflict
from nextround.services import lookup, validate
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
) -> Company:
    name = validate.name(name, "company name")
    with ctx.db.transaction() as c:
        if any(lookup.same_name(known, name) for _, known in companies.all_names(c, ctx.owner)):
            raise Conflict(f"a company named {name!r} already exists")
        company_id = companies.add(
            c,
            ctx.owner,
            name=name,
            website=validate.url(website, "website"),
            address=validate.optional_text(address),
            careers_url=validate.url(careers_url, "careers URL"),
            socials=[u for s in socials if (u := validate.url(s, "social account"))],
        )
        found = companies.get(c, ctx.owner, company_id)
    assert found is not None
    return found


def edit_company(
    ctx: Context,
    ref: str,
    *,
    website: str | None = None,
    address: str | None = None,
    careers_url: str | None = None,
    socials: Sequence[str] = (),
    expected_revision: int | None = None,
) -> Company:
    """Fill in or change details; the plans of rejected applications there follow.

    With ``expected_revision``, an edit of a company changed since is refused.
    """
    values: dict[str, object] = {}
    if website is not None:
        values["website"] = validate.url(website, "website")
    if address is not None:
        values["address"] = validate.optional_text(address)
    if careers_url is not None:
        values["careers_url"] = validate.url(careers_url, "careers URL")
    with ctx.db.transaction() as c:
        company = lookup.company(c, ctx.owner, ref)
        if values or expected_revision is not None:
            companies.update(c, ctx.owner, company.id, values, expected_revision=expected_revision)
        for social in socials:
            if url := validate.url(social, "social account"):
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
