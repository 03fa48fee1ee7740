"""People: add, list, show, edit, and their answer to "OK to connect?"."""

from __future__ import annotations

from dataclasses import dataclass

from nextround.domain.applications import Status
from nextround.domain.people import ConnectAnswer, Person, Relationship
from nextround.domain.tasks import Task
from nextround.services import lookup, validate
from nextround.services.context import Context
from nextround.services.playbook import reconcile_application, reconcile_for_person
from nextround.storage import applications, interviews, people, tasks


@dataclass(frozen=True)
class PersonView:
    person: Person
    relationship: Relationship
    tasks: list[Task]


def add_person(
    ctx: Context,
    name: str,
    *,
    company: str,
    title: str | None = None,
    email: str | None = None,
    linkedin_url: str | None = None,
    address: str | None = None,
    notes: str | None = None,
) -> Person:
    fields = {
        "title": validate.optional_text(title),
        "email": validate.email(email),
        "linkedin_url": validate.url(linkedin_url, "LinkedIn URL"),
        "address": validate.optional_text(address),
        "notes": (notes or "").strip(),
    }
    name = validate.name(name, "person's name")
    with ctx.db.transaction() as c:
        where = lookup.company(c, ctx.owner, company)
        person_id = people.add(c, ctx.owner, name=name, company_id=where.id, **fields)
        found = people.get(c, ctx.owner, person_id)
    assert found is not None
    return found


def edit_person(
    ctx: Context,
    ref: str,
    *,
    title: str | None = None,
    email: str | None = None,
    linkedin_url: str | None = None,
    address: str | None = None,
    notes: str | None = None,
    expected_revision: int | None = None,
) -> Person:
    """Change details; a found email or address moves the person's steps on.

    With ``expected_revision``, an edit of a person changed since is refused.
    """
    values: dict[str, object] = {}
    if title is not None:
        values["title"] = validate.optional_text(title)
    if email is not None:
        values["email"] = validate.email(email)
    if linkedin_url is not None:
        values["linkedin_url"] = validate.url(linkedin_url, "LinkedIn URL")
    if address is not None:
        values["address"] = validate.optional_text(address)
    if notes is not None:
        values["notes"] = notes.strip()
    with ctx.db.transaction() as c:
        person = lookup.person(c, ctx.owner, ref)
        if values or expected_revision is not None:
            people.update(c, ctx.owner, person.id, values, expected_revision=expected_revision)
            reconcile_for_person(c, ctx, person.id)
        found = people.get(c, ctx.owner, person.id)
    assert found is not None
    return found


def list_people(ctx: Context, company: str | None = None) -> list[Person]:
    with ctx.db.transaction() as c:
        company_id = lookup.company(c, ctx.owner, company).id if company else None
        return people.list_all(c, ctx.owner, company_id)


def show_person(ctx: Context, ref: str) -> PersonView:
    with ctx.db.transaction() as c:
        person = lookup.person(c, ctx.owner, ref)
        rel = people.relationships_of(c, ctx.owner, [person.id]).get(
            person.id, Relationship(person.id)
        )
        return PersonView(person, rel, tasks.of_person(c, ctx.owner, person.id))


def record_reply(ctx: Context, ref: str, answer: ConnectAnswer) -> PersonView:
    """The person's answer to "OK to connect?": yes plans an invitation, no closes the thread."""
    with ctx.db.transaction() as c:
        person = lookup.person(c, ctx.owner, ref)
        rel = people.relationships_of(c, ctx.owner, [person.id])[person.id]
        values: dict[str, object] = {"answer": answer.value, "answered_on": ctx.today}
        if rel.asked_to_connect_on is None:  # they answered, so the question was asked somehow
            values["asked_to_connect_on"] = ctx.today
        people.update_relationship(c, ctx.owner, person.id, **values)
        reconcile_for_person(c, ctx, person.id)
        rel = people.relationships_of(c, ctx.owner, [person.id])[person.id]
        return PersonView(person, rel, tasks.of_person(c, ctx.owner, person.id))


def delete_person(ctx: Context, ref: str) -> None:
    """Delete a person, their relationship record and their steps.

    The rejected applications they interviewed for are re-planned without them.
    """
    with ctx.db.transaction() as c:
        person = lookup.person(c, ctx.owner, ref)
        app_ids = interviews.applications_of_person(c, ctx.owner, person.id)
        people.delete(c, ctx.owner, person.id)
        for app_id in app_ids:
            app = applications.get(c, ctx.owner, app_id)
            if app is not None and app.status is Status.REJECTED:
                reconcile_application(c, ctx, app)
