"""People: add, list, show, edit, delete, merge, and their answer to "OK to connect?"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from nextround.domain.people import (
    ConnectAnswer,
    ConnectState,
    NewPerson,
    Person,
    PersonChanges,
    Relationship,
)
from nextround.domain.rules import changed
from nextround.domain.suggestions import Suggestion
from nextround.domain.tasks import Kind, Task
from nextround.errors import InvalidInput
from nextround.services import drafts, duplicates, forms, lookup
from nextround.services.context import Context, last_change, relabel
from nextround.services.paging import EVERYTHING, Page, Window, page_of
from nextround.services.playbook import reconcile_for_person, reconcile_ids
from nextround.services.results import Deleted, Merged, count
from nextround.storage import companies, interviews, mail, people, records, tasks
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class Milestone:
    """One stage of a relationship: reached on a day, or waiting on an open task, or not planned."""

    label: str
    done_on: date | None
    state: str
    task: Task | None = None


@dataclass(frozen=True)
class PersonView:
    """A person, where the relationship stands, their steps and drafts, their replies."""

    person: Person
    relationship: Relationship
    state: ConnectState
    milestones: tuple[Milestone, ...]
    tasks: tuple[Task, ...]
    #: Their replies found in the mailbox (``nextround mail scan``), oldest first.
    replies: tuple[Suggestion, ...] = ()
    #: A form of address to suggest ("Frau Dr. Weber") when drafts to them are formal
    #: German, French or Spanish and greet them by full name for want of one.
    address_example: str | None = None

    @property
    def drafts(self) -> tuple[Task, ...]:
        """Open steps with a draft to send or copy."""
        return tuple(t for t in self.tasks if t.draft is not None and t.status.is_pending)

    def to_json(self) -> dict[str, object]:
        from nextround.domain.jsonable import to_jsonable

        return {
            "person": to_jsonable(self.person),
            "relationship": to_jsonable(self.relationship),
            "connect_state": self.state.value,
            "milestones": to_jsonable(self.milestones),
            "tasks": to_jsonable(self.tasks),
            "replies": to_jsonable(self.replies),
            "address_example": self.address_example,
        }


@dataclass(frozen=True)
class PersonRow:
    """A person as the list shows them: with where "OK to connect?" stands."""

    person: Person
    state: ConnectState


def add_person(
    ctx: Context,
    new: NewPerson,
    *,
    allow_duplicate: bool = False,
    form_token: str | None = None,
) -> Person:
    """Add someone met at a company; one who looks like a known person is refused unless allowed."""
    new = new.checked()
    with ctx.change(f"Added {new.name}") as c:
        forms.check(c, ctx, form_token)
        _company(c, ctx, new.company_id)
        if not allow_duplicate:
            duplicates.refuse_person_twin(
                c,
                ctx.owner,
                name=new.name,
                company_id=new.company_id,
                email=new.email,
                linkedin_url=new.linkedin_url,
            )
        person_id = people.add(c, ctx.owner, _values(new))
        forms.spend(c, ctx, form_token, "person", person_id)
        return get(c, ctx, person_id)


def _values(new: NewPerson) -> dict[str, object]:
    return {
        "name": new.name,
        "company_id": new.company_id,
        "title": new.title,
        "email": new.email,
        "linkedin_url": new.linkedin_url,
        "address": new.address,
        "notes": new.notes,
        "part": _stored(new.part),
        "language": new.language,
        "address_as": new.address_as,
        "formal": new.formal,
    }


def _stored(part: object) -> str | None:
    """A part as its column holds it (None: from the job title)."""
    return None if part is None else str(getattr(part, "value", part))


def edit_person(
    ctx: Context, person_id: int, changes: PersonChanges, *, expected_revision: int | None = None
) -> Person:
    """Change details (the name too); a found email or address moves the person's steps on.

    With ``expected_revision``, an edit of a person changed since is refused.
    """
    values = changed(changes.checked())
    if "notes" in values and values["notes"] is None:
        values["notes"] = ""
    if "part" in values:
        values["part"] = _stored(values["part"])
    with ctx.change("Edited a person") as c:
        person = get(c, ctx, person_id)
        relabel(c, f"Edited {person.name}")
        if "company_id" in values:
            _company(c, ctx, int(str(values["company_id"])))
        if values or expected_revision is not None:
            people.update(c, ctx.owner, person.id, values, expected_revision=expected_revision)
        reconcile_for_person(c, ctx, person.id)
        return get(c, ctx, person.id)


def list_people(
    ctx: Context, company_id: int | None = None, *, source: str | None = None
) -> list[PersonRow]:
    """Everyone (or everyone at one company, or from one source), in a fixed number of queries."""
    return people_page(ctx, EVERYTHING, company_id, source=source).items


def people_page(
    ctx: Context, window: Window, company_id: int | None = None, *, source: str | None = None
) -> Page[PersonRow]:
    """One page of :func:`list_people`, by name."""
    with ctx.db.read() as c:
        if company_id is not None:
            _company(c, ctx, company_id)
        found = people.list_all(c, ctx.owner, company_id, source=source, window=window)
        page = page_of(found, window, people.ORDER)
        bonds = people.relationships_of(c, ctx.owner, [p.id for p in page.items])
    return page.map(
        lambda rows: [
            PersonRow(p, bonds.get(p.id, Relationship(p.id)).connect_state(ctx.today)) for p in rows
        ]
    )


def show_person(ctx: Context, person_id: int) -> PersonView:
    with ctx.db.read() as c:
        return view(c, ctx, get(c, ctx, person_id))


def view(c: Connection, ctx: Context, person: Person) -> PersonView:
    rel = people.relationship(c, ctx.owner, person.id)
    found = drafts.current(c, ctx, tasks.of_person(c, ctx.owner, person.id))
    return PersonView(
        person,
        rel,
        rel.connect_state(ctx.today),
        tuple(milestones(rel, found, ctx.today)),
        tuple(found),
        tuple(mail.replies_of(c, ctx.owner, person.id)),
        drafts.address_example(c, ctx, person),
    )


def record_reply(ctx: Context, person_id: int, answer: ConnectAnswer | None) -> PersonView:
    """The answer to "OK to connect?": yes plans an invitation, no closes the thread kindly.

    ``None`` takes a recorded answer back (recorded by mistake).
    """
    with ctx.change("Recorded an answer") as c:
        person = get(c, ctx, person_id)
        return answer_question(c, ctx, person, answer)


def answer_question(
    c: Connection, ctx: Context, person: Person, answer: ConnectAnswer | None
) -> PersonView:
    """:func:`record_reply` inside a caller's change (a confirmed reply from the mailbox)."""
    rel = people.relationship(c, ctx.owner, person.id)
    if answer is None:
        values: dict[str, object] = {"answer": None, "answered_on": None}
        relabel(c, f"Took back {possessive(person.name)} answer")
    else:
        values = {"answer": answer.value, "answered_on": ctx.today}
        if rel.asked_to_connect_on is None:  # they answered, so the question was asked somehow
            values["asked_to_connect_on"] = ctx.today
        relabel(c, f"{person.name} said {answer.value} to connecting")
    people.update_relationship(c, ctx.owner, person.id, values)
    reconcile_for_person(c, ctx, person.id)
    return view(c, ctx, person)


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def parse_answer(text: str) -> ConnectAnswer:
    """``yes`` or ``no``, as a form or a script sends it."""
    try:
        return ConnectAnswer(text.strip().lower())
    except ValueError:
        raise InvalidInput("choose yes or no", field="answer") from None


def milestones(rel: Relationship, found: Sequence[Task], today: date) -> list[Milestone]:
    """Card, email, answer, invitation, connected: each with its day or its open task."""

    def stage(label: str, done: date | None, verb: str, *kinds: Kind) -> Milestone:
        task = next((t for t in found if t.kind in kinds and t.status.is_pending), None)
        if done is not None:
            return Milestone(label, done, verb, None)
        return Milestone(label, None, "to do" if task else "not planned", task)

    state = rel.connect_state(today)
    return [
        stage(
            "Thank-you card", rel.card_mailed_on, "mailed", Kind.THANK_YOU_CARD, Kind.FIND_ADDRESS
        ),
        stage(
            "Congratulations email",
            rel.congratulated_on,
            "sent",
            Kind.CONGRATS_EMAIL,
            Kind.FIND_EMAIL,
        ),
        Milestone("Answer to \u201cOK to connect?\u201d", rel.answered_on, state.value),
        stage("LinkedIn invitation", rel.invited_on, "sent", Kind.LINKEDIN_INVITE),
        stage("Connected", rel.connected_on, "connected"),
    ]


def get(c: Connection, ctx: Context, person_id: int) -> Person:
    return lookup.by_id(people.get, c, ctx, person_id, "person", pronoun="they")


def _company(c: Connection, ctx: Context, company_id: int) -> None:
    lookup.by_id(companies.get, c, ctx, company_id, "company")


def delete_person(ctx: Context, person_id: int) -> Deleted:
    """Move a person to the trash with their relationship record and their steps.

    Their open steps are cancelled with them; the rejected applications they
    interviewed for are re-planned without them.
    """
    with ctx.change("Deleted a person", trash=True) as c:
        person = get(c, ctx, person_id)
        app_ids = set(interviews.applications_of_person(c, ctx.owner, person.id))
        pending = [t for t in tasks.of_person(c, ctx.owner, person.id) if t.status.is_pending]
        people.delete(c, ctx.owner, person.id)
        reconcile_ids(c, ctx, app_ids)
        relabel(c, f"Deleted {person.name}")
    also = (f"{count(len(pending), 'open step')} cancelled",) if pending else ()
    return Deleted("person", person.id, person.name, last_change(ctx), also)


#: What a merged person's record gives the one it is merged into, where that one has nothing.
_MERGED = (
    *("title", "email", "linkedin_url", "address", "part", "language", "address_as"),
    *("company_id", "organisation", "phone"),
)


def merge_people(ctx: Context, from_id: int, into_id: int) -> Merged:
    """Fold a person entered twice into the other: interviews, steps and replies move."""
    if from_id == into_id:
        raise InvalidInput("a person can't be merged into themselves; give two different ids")
    with ctx.change("Merged people") as c:
        source, target = get(c, ctx, from_id), get(c, ctx, into_id)
        seats = people.seats(c, ctx.owner, source.id)
        _move_seats(c, ctx, source.id, target.id, seats)
        moved = _move_rows(c, ctx, source.id, target.id)
        _merge_relationships(c, ctx, source.id, target.id)
        duplicates.fill_gaps(
            people.update,
            c,
            ctx.owner,
            source,
            target,
            _MERGED,
        )
        app_ids = set(interviews.applications_of_person(c, ctx.owner, target.id))
        people.delete(c, ctx.owner, source.id)
        reconcile_ids(c, ctx, app_ids)
        relabel(c, f"Merged {source.name} into {target.name}")
    parts = [count(len(seats), "interview")]
    parts += [count(n, what) for what, n in moved.items() if n]
    return Merged("person", source.id, target.id, target.name, tuple(parts))


def _move_seats(c: Connection, ctx: Context, from_id: int, to_id: int, seats: list[int]) -> None:
    taken = set(people.seats(c, ctx.owner, to_id))
    for interview_id in seats:
        key = {"interview_id": interview_id, "person_id": from_id}
        meeting = interviews.get(c, ctx.owner, interview_id)
        said = "\n".join(meeting.topics_with(from_id)) if meeting is not None else ""
        records.delete(c, "interview_people", ctx.owner, key)
        if interview_id not in taken:
            records.insert(
                c,
                "interview_people",
                ctx.owner,
                {"interview_id": interview_id, "person_id": to_id, "topics": said},
            )


def _move_rows(c: Connection, ctx: Context, from_id: int, to_id: int) -> dict[str, int]:
    params = {"from": from_id}
    done = records.update_where(
        c,
        "tasks",
        ctx.owner,
        "person_id = :from AND status NOT IN ('open', 'snoozed')",
        params,
        {"person_id": to_id},
    )
    replies = records.update_where(
        c, "mail_suggestions", ctx.owner, "person_id = :from", params, {"person_id": to_id}
    )
    referrals = records.update_where(
        c, "applications", ctx.owner, "referrer_id = :from", params, {"referrer_id": to_id}
    )
    return {"finished step": done, "reply": replies, "referral": referrals}


def _merge_relationships(c: Connection, ctx: Context, from_id: int, to_id: int) -> None:
    """The target keeps each stage reached by either of the two, on the earlier day."""
    source = people.relationship(c, ctx.owner, from_id)
    target = people.relationship(c, ctx.owner, to_id)
    values: dict[str, object] = {}
    for name in (
        "card_mailed_on",
        "congratulated_on",
        "asked_to_connect_on",
        "invited_on",
        "connected_on",
    ):
        mine, theirs = getattr(target, name), getattr(source, name)
        if theirs is not None and (mine is None or theirs < mine):
            values[name] = theirs
    if target.answer is None and source.answer is not None:
        values.update(answer=source.answer.value, answered_on=source.answered_on)
    if target.congrats_message_id is None and source.congrats_message_id:
        values["congrats_message_id"] = source.congrats_message_id
    if values:
        people.update_relationship(c, ctx.owner, to_id, values)
