"""Quick add: one line (or a job posting's address) to a preview, then to records.

:func:`read_line` reads the line (fetching the posting when it is an address,
the one network call, made because the user asked for it) into a
:class:`Draft`; :func:`preview` says what saving it would create or reuse,
matching companies and people as the duplicate checks do, and what it still
needs to know; :func:`save` adds it all in one change, undone as one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from nextround.domain import quick_add
from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import NewInterview
from nextround.domain.people import NewPerson
from nextround.errors import BoardError, InvalidInput
from nextround.services import applications, companies, duplicates, forms, interviews, people
from nextround.services.context import Context, relabel
from nextround.storage import applications as stored_apps
from nextround.storage import companies as stored_companies
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class Draft:
    """What to add, as the preview's fields hold it; empty text is not given."""

    company: str = ""
    person: str = ""
    title: str = ""
    role: str = ""
    interview_on: date | None = None
    location: str = ""
    description: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class Match:
    """A stored record the draft names: its id, its name and why it is the one."""

    id: int
    name: str
    why: str


@dataclass(frozen=True)
class Preview:
    draft: Draft
    #: What must be answered before saving; empty when the draft can be saved.
    questions: tuple[str, ...]
    company: Match | None = None
    person: Match | None = None
    application: Match | None = None
    #: The line as typed, when it came from one.
    text: str = ""

    @property
    def ready(self) -> bool:
        return not self.questions

    @property
    def adds(self) -> tuple[str, ...]:
        """What saving does, one line each, in the words the page shows."""
        d, lines = self.draft, []
        if d.company:
            lines.append(
                f"Use {self.company.name} (already known: {self.company.why})"
                if self.company
                else f"Add the company {d.company}"
            )
        if d.person:
            lines.append(
                f"Use {self.person.name} (already known: {self.person.why})"
                if self.person
                else f"Add {d.person}" + (f", {d.title}" if d.title else "")
            )
        if d.role and self.application is None:
            lines.append(f"Add the application for {d.role}")
        elif self.application is not None:
            lines.append(f"Use the application for {self.application.name}")
        if d.interview_on:
            lines.append(f"Add an interview on {d.interview_on:%a %-d %b %Y}")
        return tuple(lines)


@dataclass(frozen=True)
class Saved:
    """What a save added or used: ids, for the pages to link to."""

    company_id: int
    person_id: int | None
    application_id: int | None
    interview_id: int | None
    label: str


def read_line(ctx: Context, text: str) -> Preview:
    """The preview of a typed line; a posting's address is fetched and read first."""
    with ctx.db.read() as c:
        known = [name for _, name in stored_companies.all_names(c, ctx.owner)]
    line = quick_add.parse(text, ctx.today, known)
    if line.url:
        return _posting(ctx, line.url)
    draft = Draft(
        company=line.company or "",
        person=line.person or "",
        title=line.title or "",
        role=line.role or "",
        interview_on=line.interview_on,
    )
    found = preview(ctx, draft, asked=line.questions)
    return replace(found, text=line.text)


def _posting(ctx: Context, url: str) -> Preview:
    from nextround.watch.http import Fetcher
    from nextround.watch.posting import read_posting

    try:
        with Fetcher(ctx.settings.watch) as fetcher:
            page = read_posting(url, fetcher, ctx.settings.watch)
    except BoardError as exc:
        draft = Draft(source_url=url)
        return replace(preview(ctx, draft, asked=(f"{exc}.",)), text=url)
    draft = Draft(
        company=page.company,
        role=page.role,
        location=page.location,
        description=page.description,
        source_url=page.url,
    )
    asked = () if page.company else ("The posting names no company: which one is it?",)
    return replace(preview(ctx, draft, asked=asked), text=url)


def preview(ctx: Context, draft: Draft, asked: tuple[str, ...] = ()) -> Preview:
    """What saving ``draft`` would add or reuse, and what it still needs to know."""
    draft = _trimmed(draft)
    questions = list(asked)
    with ctx.db.read() as c:
        company = _company(c, ctx, draft.company)
        person = _person(c, ctx, draft, company)
        application, ask = _application(c, ctx, draft, company)
    if ask and ask not in questions:
        questions.append(ask)
    if not asked:
        if not draft.company:
            questions.append("Which company is it?")
        elif not (draft.person or draft.role or draft.interview_on):
            questions.append("Add a role, a person or an interview day to save.")
    return Preview(draft, tuple(questions), company, person, application)


def _trimmed(draft: Draft) -> Draft:
    def line(text: str) -> str:
        return " ".join(text.split())

    return replace(
        draft,
        company=line(draft.company),
        person=line(draft.person),
        title=line(draft.title),
        role=line(draft.role),
        location=line(draft.location),
        source_url=draft.source_url.strip(),
        description=draft.description.strip(),
    )


def _company(c: Connection, ctx: Context, name: str) -> Match | None:
    if not name:
        return None
    found = duplicates.company_twin(c, ctx.owner, name=name, website=None)
    return Match(*found) if found else None


def _person(c: Connection, ctx: Context, draft: Draft, company: Match | None) -> Match | None:
    if not draft.person or company is None:
        return None
    found = duplicates.person_twin(
        c, ctx.owner, name=draft.person, company_id=company.id, email=None, linkedin_url=None
    )
    return Match(found[0].id, found[0].name, found[1]) if found else None


def _application(
    c: Connection, ctx: Context, draft: Draft, company: Match | None
) -> tuple[Match | None, str]:
    """The application the draft means, when it is a stored one; and a question if unsure."""
    apps = stored_apps.list_all(c, ctx.owner, company_id=company.id) if company else []
    if draft.role:
        wanted = " ".join(draft.role.casefold().split())
        same = [a for a in apps if " ".join(a.role.casefold().split()) == wanted]
        return (Match(same[0].id, same[0].role, "the same role"), "") if same else (None, "")
    if draft.interview_on is None:
        return None, ""
    open_ones = [a for a in apps if a.status.is_open]
    if len(open_ones) == 1:
        return Match(open_ones[0].id, open_ones[0].role, "the one open application there"), ""
    where = company.name if company else (draft.company or "the company")
    if open_ones:
        roles = ", ".join(a.role for a in open_ones[:5])
        return None, f"Which role at {where} is the interview for ({roles})?"
    return None, f"Which role at {where} is the interview for? Nothing is applied for there yet."


def save(ctx: Context, draft: Draft, *, form_token: str | None = None) -> Saved:
    """Add what the draft says in one change; InvalidInput when it still asks something."""
    seen = preview(ctx, draft)
    if not seen.ready:
        raise InvalidInput(seen.questions[0])
    draft = seen.draft
    with ctx.change(f"Quick add: {draft.role or draft.person or draft.company}") as c:
        forms.check(c, ctx, form_token)
        company_id = seen.company.id if seen.company else None
        if company_id is None:
            made = companies.add_company(ctx, NewCompany(name=draft.company))
            company_id = made.id
        person_id = seen.person.id if seen.person else None
        if draft.person and person_id is None:
            new_person = NewPerson(
                name=draft.person, company_id=company_id, title=draft.title or None
            )
            person_id = people.add_person(ctx, new_person, allow_duplicate=True).id
        app_id = seen.application.id if seen.application else None
        if draft.role and app_id is None:
            new_app = NewApplication(
                role=draft.role,
                company_id=company_id,
                status=Status.SAVED,
                source_url=draft.source_url or None,
                location=draft.location or None,
                description=draft.description,
            )
            app_id = applications.add_application(ctx, new_app).application.id
        interview_id = None
        if draft.interview_on is not None and app_id is not None:
            meeting = NewInterview(
                application_id=app_id,
                on=draft.interview_on,
                interviewer_ids=(person_id,) if person_id else (),
            )
            interview_id = interviews.add_interview(ctx, meeting).interview.id
        label = _label(draft)
        relabel(c, label)
        kind, record = _first(app_id, person_id, company_id)
        forms.spend(c, ctx, form_token, kind, record)
    return Saved(company_id, person_id, app_id, interview_id, label)


def _label(draft: Draft) -> str:
    parts = [p for p in (draft.role, draft.person) if p]
    said = " and ".join(parts) or draft.company
    where = f" at {draft.company}" if parts else ""
    when = f", interview {draft.interview_on:%a %-d %b}" if draft.interview_on else ""
    return f"Quick add: {said}{where}{when}"


def _first(app_id: int | None, person_id: int | None, company_id: int) -> tuple[str, int]:
    if app_id is not None:
        return "application", app_id
    if person_id is not None:
        return "person", person_id
    return "company", company_id
