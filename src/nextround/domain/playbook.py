"""The follow-up playbook: which steps a rejection creates, when they are due, and
how a stored plan is reconciled with a fresh one (never duplicated).

Pure rules: every input is a parameter, including the day of the rejection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote_plus

from nextround.domain.applications import Application
from nextround.domain.companies import Company
from nextround.domain.dates import add_days, add_months
from nextround.domain.interviews import Interview, InterviewStatus
from nextround.domain.people import ConnectAnswer, Person, Relationship
from nextround.domain.settings import (
    LINKEDIN_FREE_NOTE_LIMIT,
    LINKEDIN_NOTE_LIMIT,
    STEPS,
    PlaybookSettings,
)
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.errors import InvalidInput

__all__ = [
    "LINKEDIN_FREE_NOTE_LIMIT",
    "LINKEDIN_NOTE_LIMIT",
    "STEPS",
    "Changes",
    "PlanInput",
    "PlannedTask",
    "PlaybookSettings",
    "check_note",
    "met_at",
    "plan",
    "reconcile",
]

#: The draft template each kind of step carries.
DRAFTS: dict[Kind, str] = {
    Kind.THANK_YOU_CARD: "thank_you_card",
    Kind.CONGRATS_EMAIL: "congrats_email",
    Kind.LINKEDIN_INVITE: "linkedin_invite",
    Kind.FIND_EMAIL: "linkedin_message",
    Kind.CHECK_BACK: "check_back",
}


@dataclass(frozen=True)
class PlanInput:
    """Everything the plan for one rejected application depends on."""

    application: Application
    company: Company
    rejected_on: date
    #: The people met in interviews held up to the rejection, in the order met.
    interviewers: Sequence[Person]
    relationships: Mapping[int, Relationship]
    has_journal: bool
    #: People the user was still to meet when the company said no.
    not_met: Sequence[Person] = ()


def met_at(interviews: Iterable[Interview], rejected_on: date) -> list[int]:
    """Who the user met: interviewers of the interviews held by the rejection, first met first."""
    held = sorted(
        (i for i in interviews if i.status is InterviewStatus.PLANNED and i.on <= rejected_on),
        key=lambda i: (i.on, i.at is not None, i.at, i.id),
    )
    return list(dict.fromkeys(pid for i in held for pid in i.interviewer_ids))


def to_call_off(
    interviews: Iterable[Interview], rejected_on: date | None
) -> tuple[list[int], list[int]]:
    """(interviews to call off, interviews to reinstate) when the rejection is (un)recorded.

    Interviews still to come on the day of a rejection won't happen; when the
    rejection is withdrawn, the ones it called off are planned again.
    """
    off, back = [], []
    for interview in interviews:
        after = rejected_on is not None and interview.on > rejected_on
        if interview.status is InterviewStatus.PLANNED and after:
            off.append(interview.id)
        elif interview.status is InterviewStatus.CALLED_OFF and not after:
            back.append(interview.id)
    return off, back


def plan_notes(inp: PlanInput) -> tuple[str, ...]:
    """Why someone the user was to meet gets no card or email."""
    met = {p.id for p in inp.interviewers}
    return tuple(
        f"No card or email for {p.name}: you were still to meet them when "
        f"{inp.company.name} said no, so that interview is called off."
        for p in inp.not_met
        if p.id not in met
    )


@dataclass(frozen=True)
class PlannedTask:
    key: str
    kind: Kind
    title: str
    due: date
    company_id: int
    person_id: int | None = None
    url: str | None = None
    done: bool = False


def card_address(person: Person, company: Company) -> str | None:
    """Where a card to ``person`` goes: their own address, else the company's office."""
    return person.address or company.address or None


def plan(inp: PlanInput, settings: PlaybookSettings) -> list[PlannedTask]:
    """The full plan for a rejected application, each step with its due date."""
    app, company, day = inp.application, inp.company, inp.rejected_on
    on = settings.steps
    tasks: list[PlannedTask] = []
    if Kind.JOURNAL in on:
        tasks.append(
            PlannedTask(
                f"journal:a{app.id}",
                Kind.JOURNAL,
                f"Write down how the interviews at {company.name} went, while it's fresh",
                add_days(day, settings.journal_days),
                company.id,
                done=inp.has_journal,
            )
        )
    if not inp.interviewers:
        tasks.append(
            PlannedTask(
                f"record_interviewers:a{app.id}",
                Kind.RECORD_INTERVIEWERS,
                f"Record who you met at {company.name}, so cards and emails can follow",
                day,
                company.id,
            )
        )
    for person in inp.interviewers:
        rel = inp.relationships.get(person.id, Relationship(person.id))
        tasks.extend(_person_steps(inp, person, rel, settings))
    tasks.extend(_address_step(inp, settings))
    if Kind.FOLLOW_COMPANY in on:
        tasks.append(_follow_step(company, add_days(day, settings.follow_days)))
    if Kind.CHECK_BACK in on:
        for months in settings.check_back_months:
            tasks.append(
                PlannedTask(
                    f"check_back:a{app.id}:{months}m",
                    Kind.CHECK_BACK,
                    f"Check back with {company.name} ({months} months on): new roles and news",
                    add_months(day, months),
                    company.id,
                    url=company.careers_url or company.website,
                )
            )
    return tasks


def _person_steps(
    inp: PlanInput, person: Person, rel: Relationship, settings: PlaybookSettings
) -> Iterable[PlannedTask]:
    app, company, day, on = inp.application, inp.company, inp.rejected_on, settings.steps
    if Kind.THANK_YOU_CARD in on:
        address = card_address(person, company)
        yield PlannedTask(
            f"thank_you_card:a{app.id}:p{person.id}",
            Kind.THANK_YOU_CARD,
            f"Write a thank-you card to {person.name}" + ("" if address else " (address needed)"),
            add_days(day, settings.card_days),
            company.id,
            person.id,
            done=rel.card_mailed_on is not None,
        )
    if Kind.CONGRATS_EMAIL in on:
        if person.email:
            yield PlannedTask(
                f"congrats_email:a{app.id}:p{person.id}",
                Kind.CONGRATS_EMAIL,
                f"Email {person.name}: congratulations on the hire, and OK to connect?",
                add_days(day, settings.email_days),
                company.id,
                person.id,
                url=f"mailto:{person.email}",
                # Sent, or no longer needed: they have answered "OK to connect?" already.
                done=rel.congratulated_on is not None or rel.answer is not None,
            )
        else:
            yield PlannedTask(
                f"find_email:p{person.id}",
                Kind.FIND_EMAIL,
                f"Find an email address for {person.name} (or send a LinkedIn message)",
                add_days(day, settings.find_info_days),
                company.id,
                person.id,
                url=person.linkedin_url,
            )
    if Kind.LINKEDIN_INVITE in on and rel.answer is ConnectAnswer.YES:
        yield PlannedTask(
            f"linkedin_invite:p{person.id}",
            Kind.LINKEDIN_INVITE,
            f"Send {person.name} a LinkedIn invitation with a note",
            add_days(rel.answered_on or day, settings.invite_days),
            company.id,
            person.id,
            url=person.linkedin_url or linkedin_search_url(person),
            done=rel.invited_on is not None,
        )


def _address_step(inp: PlanInput, settings: PlaybookSettings) -> list[PlannedTask]:
    """One step for the company's address when cards have nowhere to go (not one per person)."""
    company = inp.company
    if Kind.THANK_YOU_CARD not in settings.steps:
        return []
    waiting = [
        p
        for p in inp.interviewers
        if not card_address(p, company)
        and inp.relationships.get(p.id, Relationship(p.id)).card_mailed_on is None
    ]
    if not waiting:
        return []
    names = _and([p.name for p in waiting])
    return [
        PlannedTask(
            f"find_address:c{company.id}",
            Kind.FIND_ADDRESS,
            f"Find a postal address for {possessive(company.name)} office (for the cards to {names})",
            add_days(inp.rejected_on, settings.find_info_days),
            company.id,
            url=company.website,
        )
    ]


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _follow_step(company: Company, due: date) -> PlannedTask:
    key = f"follow_company:c{company.id}"
    if company.socials:
        networks = ", ".join(dict.fromkeys(s.network for s in company.socials))
        return PlannedTask(
            key,
            Kind.FOLLOW_COMPANY,
            f"Follow {company.name} on {networks}",
            due,
            company.id,
            url=company.socials[0].url,
            done=all(s.followed_on for s in company.socials),
        )
    return PlannedTask(
        key,
        Kind.FOLLOW_COMPANY,
        f"Find {possessive(company.name)} social accounts and news, then follow them",
        due,
        company.id,
        url=web_search_url(f"{company.name} LinkedIn"),
    )


def possessive(name: str) -> str:
    """ "Acme's", but "Brightwater Robotics'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def web_search_url(terms: str) -> str:
    return f"https://duckduckgo.com/?q={quote_plus(terms)}"


def linkedin_search_url(person: Person) -> str:
    terms = quote_plus(f"{person.name} {person.company}".strip())
    return f"https://www.linkedin.com/search/results/people/?keywords={terms}"


def check_note(note: str, settings: PlaybookSettings) -> str:
    """A LinkedIn invitation note within the limit, or an error showing the count."""
    note = note.strip()
    if len(note) > settings.note_limit:
        raise InvalidInput(
            f"the LinkedIn note is {len(note)} characters; the limit is {settings.note_limit}. "
            "Shorten the note (or its template) and try again"
        )
    return note


@dataclass
class Changes:
    """What reconciling a fresh plan with the stored tasks asks the storage to do."""

    create: list[PlannedTask] = field(default_factory=list)
    refresh: list[tuple[Task, PlannedTask]] = field(default_factory=list)
    finish: list[Task] = field(default_factory=list)
    cancel: list[Task] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.create or self.refresh or self.finish or self.cancel)


def reconcile(
    planned: Sequence[PlannedTask],
    by_key: Mapping[str, Task],
    of_application: Iterable[Task],
) -> Changes:
    """Compare a fresh plan with stored tasks.

    ``by_key`` holds stored tasks sharing a key with the plan (any application);
    ``of_application`` holds every stored task of the application. Done and
    skipped tasks are never touched; cancelled ones are reopened when planned
    again; pending ones no longer planned are finished when they asked for
    information that is now there, and cancelled otherwise.
    """
    changes = Changes()
    keys = {p.key for p in planned}
    for step in planned:
        task = by_key.get(step.key)
        if task is None:
            changes.create.append(step)
        elif step.done and (task.status.is_pending or task.status is TaskStatus.CANCELLED):
            changes.finish.append(task)
        elif (task.status.is_pending or task.status is TaskStatus.CANCELLED) and _differs(
            task, step
        ):
            changes.refresh.append((task, step))
    for task in of_application:
        if task.key in keys or not task.status.is_pending:
            continue
        filled = task.kind.fills_a_gap and bool(planned)
        (changes.finish if filled else changes.cancel).append(task)
    return changes


def _differs(task: Task, step: PlannedTask) -> bool:
    due_moved = task.status is not TaskStatus.SNOOZED and task.due != step.due
    return (
        task.status is TaskStatus.CANCELLED
        or due_moved
        or task.title != step.title
        or task.url != step.url
    )
