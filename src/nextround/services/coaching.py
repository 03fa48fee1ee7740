"""The coach view: with a job seeker's consent, a coach (another user of the site) sees
their pipeline and progress, and nothing else.

- **Consent** is the seeker's alone: they give it by their coach's email (a live
  user of the site, not themselves), see whom they gave it, and withdraw it at
  any time. Withdrawing deletes the grant, so the coach's very next request is
  refused: every read checks the grant afresh.
- **What a coach sees** is :class:`CoachSummary`, and only that: the
  applications (company, role, status, the days the status changed), how many
  are at each status, the funnel's and the weeks' figures, and how many
  follow-up steps are due: counts, never the steps' text. Never journal
  entries, drafts of cards or emails, interview notes, anyone's contact
  details, or mail.
- **A coach without a live grant** is told the seeker doesn't exist, in the
  words a made-up id gets.

The seeker's rows are read in one transaction bound to the seeker (row-level
security on PostgreSQL), and the grant is checked first, in that same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from nextround.domain import rules
from nextround.domain.applications import PIPELINE, Status
from nextround.errors import InvalidInput, NotFound
from nextround.services import agenda, progress
from nextround.services.context import Context
from nextround.services.paging import EVERYTHING, Page, Window, page_of
from nextround.services.progress_weeks import Week
from nextround.services.users import normal_email
from nextround.storage import applications, coaching, users
from nextround.storage.coaching import Party

#: The most applications a summary lists (the newest); the counts cover every one.
SHOWN = 200
NO_SUCH_USER = (
    "There's no one with that email on this site; ask your coach to join it first, "
    "or check the address."
)
NO_SEEKER = "No job seeker with that id shares their progress with you."
NO_COACH = "You haven't given that person access."


@dataclass(frozen=True)
class Person:
    """A user on the other side of a grant: a seeker's coach, or a coach's seeker."""

    id: int
    email: str
    name: str
    since: datetime


@dataclass(frozen=True)
class StatusChange:
    on: date
    status: Status


@dataclass(frozen=True)
class CoachedApplication:
    """One application as a coach sees it: never its notes, description, salary or link."""

    company: str
    role: str
    status: Status
    applied_on: date | None
    changes: tuple[StatusChange, ...]


@dataclass(frozen=True)
class Steps:
    """How many follow-up steps are overdue, due today, and due in the week ahead."""

    overdue: int
    due_today: int
    this_week: int


@dataclass(frozen=True)
class CoachSummary:
    """Everything a coach sees of a job seeker, and nothing more: the one place it is said.

    No field holds free text the seeker wrote, except company names and role
    titles.
    """

    seeker: Person
    #: The newest applications first, at most :data:`SHOWN`.
    applications: tuple[CoachedApplication, ...]
    #: How many applications there are at each status, in the pipeline's order.
    by_status: dict[Status, int]
    #: The funnel: sent, heard back, interviewed; saved-for-later apart; the outcomes.
    applied: int
    heard_back: int
    interviewed: int
    saved: int
    outcomes: dict[str, int]
    #: The last weeks' figures, this one last.
    weeks: tuple[Week, ...]
    steps: Steps

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def _person(p: Party) -> Person:
    return Person(p.id, p.email, p.name, p.since)


def _people(parties: list[Party]) -> list[Person]:
    return [_person(p) for p in parties]


# -- the seeker's side ------------------------------------------------------------


def grant(ctx: Context, email: str) -> Person:
    """Let the user with this email see the pipeline and progress of ``ctx``'s user."""
    address = normal_email(email)
    with ctx.db.transaction() as c:
        found = users.by_email(c, address)
        if found is None or found.disabled_at is not None:
            raise InvalidInput(NO_SUCH_USER, field="email")
        if found.id == ctx.owner:
            raise InvalidInput(
                "That's your own email: give your coach's address instead.", field="email"
            )
        coaching.add(c, ctx.owner, found.id)
        given = coaching.grant(c, ctx.owner, found.id, side="coach", live=False)
    assert given is not None
    return _person(given)


def coaches(ctx: Context, window: Window = EVERYTHING) -> Page[Person]:
    """Whom ``ctx``'s user lets see their progress, in the order they were given access."""
    with ctx.db.read() as c:
        found = coaching.coaches_of(c, ctx.owner, window)
    return page_of(found, window, coaching.ORDER).map(_people)


def revoke(ctx: Context, coach_id: int) -> None:
    """Withdraw the consent given to this coach; their next request is refused."""
    rules.record_id(coach_id, "coach")
    with ctx.db.transaction() as c:
        if not coaching.delete(c, ctx.owner, coach_id):
            raise NotFound(NO_COACH)


def resolve_coach(ctx: Context, email: str) -> int:
    """The id of the coach ``ctx``'s user gave access, by their email (the CLI's)."""
    address = normal_email(email)
    missing = f"You haven't given {address} access (see `nextround coach list`)."
    return _id_of(coaches(ctx).items, address, missing)


# -- the coach's side -------------------------------------------------------------


def seekers(ctx: Context, window: Window = EVERYTHING) -> Page[Person]:
    """The job seekers who let ``ctx``'s user see their progress, in the order they did."""
    with ctx.db.read() as c:
        found = coaching.seekers_of(c, ctx.owner, window)
    return page_of(found, window, coaching.ORDER).map(_people)


def resolve_seeker(ctx: Context, email: str) -> int:
    """The id of a seeker who shares their progress with ``ctx``'s user, by email."""
    address = normal_email(email)
    missing = f"{address} doesn't share their progress with you."
    return _id_of(seekers(ctx).items, address, missing)


def _id_of(people: list[Person], address: str, missing: str) -> int:
    """The id of the one of ``people`` with this address; NotFound saying ``missing``."""
    for person in people:
        if person.email == address:
            return person.id
    raise NotFound(missing)


def summary(ctx: Context, seeker_id: int) -> CoachSummary:
    """What the coach (``ctx``'s user) may see of the seeker; :class:`NotFound` without a
    live grant, as for a seeker who doesn't exist."""
    rules.record_id(seeker_id, "job seeker")
    if seeker_id == ctx.owner:
        raise NotFound(NO_SEEKER)
    as_seeker = ctx.fresh(owner=seeker_id)
    # One transaction as the seeker: the grant first, then their rows (the services
    # called below join it).
    with as_seeker.db.read() as c:
        party = coaching.grant(c, seeker_id, ctx.owner, side="seeker", live=True)
        if party is None:
            raise NotFound(NO_SEEKER)
        listed = coaching.applications_in_brief(c, seeker_id, SHOWN)
        moves = coaching.status_changes(c, seeker_id, (a.id for a in listed))
        counts = applications.counts_by_status(c, seeker_id)
        figures = progress.progress(as_seeker)
        plan = agenda.today(as_seeker)
    funnel = figures.funnel
    return CoachSummary(
        seeker=_person(party),
        applications=tuple(
            CoachedApplication(
                a.company,
                a.role,
                Status(a.status),
                a.applied_on,
                tuple(StatusChange(on, Status(s)) for on, s in moves[a.id]),
            )
            for a in listed
        ),
        by_status={s: counts.get(s, 0) for s in PIPELINE},
        applied=funnel.applied,
        heard_back=funnel.replied,
        interviewed=funnel.interviewed,
        saved=funnel.saved,
        outcomes=dict(funnel.outcomes),
        weeks=figures.weeks,
        steps=Steps(len(plan.overdue), len(plan.due_today), len(plan.upcoming)),
    )
