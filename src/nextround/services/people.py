"""People: add, list, show, edit, and their answer to "OK to connect?"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from nextround.domain.applications import Status
from nextround.domain.people import ConnectAnswer, ConnectState, Person, Relationship
from nextround.domain.suggestions import Suggestion
from nextround.domain.tasks import Kind, Task
from nextround.errors import InvalidInput, NotFound
from nextround.services import forms, lookup, validate
from nextround.services.context import Context
from nextround.services.playbook import reconcile_application, reconcile_for_person
from nextround.storage import applications, companies, interviews, mail, people, tasks


@dataclass(frozen=True)
class PersonView:
    person: Person
    relationship: Relationship
    tasks: list[Task]
    #: Their replies found in the mailbox (``nextround mail scan``), oldest first.
    replies: list[Suggestion] = field(default_factory=list)


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
    form_token: str | None = None,
) -> Person:
    """Add someone met at ``company``; with ``form_token``, a second submit creates nothing."""
    fields = {
        "title": validate.optional_text(title),
        "email": validate.email(email, field="email"),
        "linkedin_url": validate.url(linkedin_url, "LinkedIn URL", field="linkedin_url"),
        "address": validate.optional_text(address),
        "notes": (notes or "").strip(),
    }
    name = validate.name(name, "person's name", field="name")
    with ctx.db.transaction() as c:
        where = lookup.company(c, ctx.owner, company)
        person_id = people.add(c, ctx.owner, name=name, company_id=where.id, **fields)
        if form_token is not None:
            forms.spend(c, ctx, form_token, person_path(person_id))
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
        values["email"] = validate.email(email, field="email")
    if linkedin_url is not None:
        values["linkedin_url"] = validate.url(linkedin_url, "LinkedIn URL", field="linkedin_url")
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
        return PersonView(
            person,
            rel,
            tasks.of_person(c, ctx.owner, person.id),
            mail.replies_of(c, ctx.owner, person.id),
        )


def record_reply(ctx: Context, ref: str, answer: ConnectAnswer) -> PersonView:
    """The person's answer to "OK to connect?": yes plans an invitation, no closes the thread."""
    with ctx.db.transaction() as c:
        return answer_question(c, ctx, lookup.person(c, ctx.owner, ref), answer)


def answer_question(
    c: sa.Connection, ctx: Context, person: Person, answer: ConnectAnswer
) -> PersonView:
    """:func:`record_reply` inside a caller's transaction (a confirmed reply from the mailbox)."""
    rel = people.relationships_of(c, ctx.owner, [person.id])[person.id]
    values: dict[str, object] = {"answer": answer.value, "answered_on": ctx.today}
    if rel.asked_to_connect_on is None:  # they answered, so the question was asked somehow
        values["asked_to_connect_on"] = ctx.today
    people.update_relationship(c, ctx.owner, person.id, **values)
    reconcile_for_person(c, ctx, person.id)
    rel = people.relationships_of(c, ctx.owner, [person.id])[person.id]
    return PersonView(person, rel, tasks.of_person(c, ctx.owner, person.id))


def person_path(person_id: int) -> str:
    """Where a person's page is: what a spent form token leads back to."""
    return f"/people/{person_id}"


@dataclass(frozen=True)
class PersonRow:
    """A person as the list shows them: with where "OK to connect?" stands."""

    person: Person
    state: ConnectState


@dataclass(frozen=True)
class Step:
    """One step of the relationship: done on a day, or waiting on a task, or not planned."""

    label: str
    done_on: date | None
    state: str
    task: Task | None = None


@dataclass(frozen=True)
class PersonPage:
    person: Person
    relationship: Relationship
    state: ConnectState
    steps: tuple[Step, ...]
    drafts: tuple[Task, ...]
    tasks: tuple[Task, ...]
    replies: tuple[Suggestion, ...] = ()


def list_rows(ctx: Context, company_id: int | None = None) -> list[PersonRow]:
    """Everyone (or everyone at one company), in a fixed number of queries."""
    with ctx.db.transaction() as c:
        if company_id is not None:
            _company(c, ctx, company_id)
        found = people.list_all(c, ctx.owner, company_id)
        bonds = people.relationships_of(c, ctx.owner, [p.id for p in found])
    return [
        PersonRow(p, bonds.get(p.id, Relationship(p.id)).connect_state(ctx.today)) for p in found
    ]


def person_page(ctx: Context, person_id: int) -> PersonPage:
    view = show_person(ctx, _id_ref(person_id))
    rel, found = view.relationship, view.tasks
    return PersonPage(
        view.person,
        rel,
        rel.connect_state(ctx.today),
        tuple(relationship_steps(rel, found, ctx.today)),
        tuple(t for t in found if t.draft is not None and t.status.is_pending),
        tuple(found),
        tuple(view.replies),
    )


def record_reply_by_id(ctx: Context, person_id: int, answer: str) -> PersonView:
    """The answer to "OK to connect?" as the form sends it: ``yes`` or ``no``."""
    try:
        parsed = ConnectAnswer(answer.strip().lower())
    except ValueError:
        raise InvalidInput("choose yes or no", field="answer") from None
    return record_reply(ctx, _id_ref(person_id), parsed)


def relationship_steps(rel: Relationship, found: Sequence[Task], today: date) -> list[Step]:
    """Card, email, answer, invitation, connected: each with its day or its open task."""

    def step(label: str, done: date | None, verb: str, *kinds: Kind) -> Step:
        task = next((t for t in found if t.kind in kinds and t.status.is_pending), None)
        if done is not None:
            return Step(label, done, verb, None)
        return Step(label, None, "to do" if task else "not planned", task)

    state = rel.connect_state(today)
    return [
        step(
            "Thank-you card", rel.card_mailed_on, "mailed", Kind.THANK_YOU_CARD, Kind.FIND_ADDRESS
        ),
        step(
            "Congratulations email",
            rel.congratulated_on,
            "sent",
            Kind.CONGRATS_EMAIL,
            Kind.FIND_EMAIL,
        ),
        Step("Answer to \u201cOK to connect?\u201d", rel.answered_on, state.value),
        step("LinkedIn invitation", rel.invited_on, "sent", Kind.LINKEDIN_INVITE),
        step("Connected", rel.connected_on, "connected"),
    ]


def _id_ref(person_id: int) -> str:
    """The lookup's reference for an id (an unknown id is NotFound there)."""
    return str(person_id)


def _company(c: sa.Connection, ctx: Context, company_id: int) -> None:
    if companies.get(c, ctx.owner, company_id) is None:
        raise NotFound(f"There's no company with id {company_id}.")


def get_person(ctx: Context, person_id: int) -> Person:
    with ctx.db.transaction() as c:
        return lookup.person(c, ctx.owner, str(person_id))


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
