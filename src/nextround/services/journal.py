"""The interview journal: writing entries, editing them (the earlier text is kept),
reading them back, searching them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nextround.domain import rules
from nextround.domain.applications import Application
from nextround.domain.history import Revision, RevisionKind
from nextround.domain.journal import (
    JournalEntry,
    JournalEntryChanges,
    NewJournalEntry,
    topics_in,
)
from nextround.domain.people import Person
from nextround.domain.rules import changed
from nextround.errors import InvalidInput
from nextround.services import applications as apps
from nextround.services import forms, lookup
from nextround.services.context import Context, last_change, relabel
from nextround.services.paging import EVERYTHING, Page, Window, page_of
from nextround.services.playbook import reconcile_application
from nextround.services.results import Deleted
from nextround.storage import interviews, journal, people, revisions
from nextround.storage.sql import Connection

if TYPE_CHECKING:
    from markupsafe import Markup


@dataclass(frozen=True)
class EntryView:
    """A journal entry with its application and the versions it replaced."""

    entry: JournalEntry
    application: Application
    revisions: tuple[Revision, ...] = ()

    def to_json(self) -> dict[str, object]:
        from nextround.domain.jsonable import to_jsonable

        return {
            "entry": to_jsonable(self.entry),
            "application_id": self.application.id,
            "revisions": to_jsonable(self.revisions),
        }


@dataclass(frozen=True)
class SearchHit:
    entry: JournalEntry
    application: Application


@dataclass(frozen=True)
class SearchResults:
    entries: list[SearchHit]
    people: list[Person]


def add_entry(ctx: Context, new: NewJournalEntry, *, form_token: str | None = None) -> JournalEntry:
    """Write an entry; with ``form_token``, a form sent twice writes once (see ``forms``)."""
    new = new.checked()
    with ctx.change("Wrote in the journal") as c:
        forms.check(c, ctx, form_token)
        app = apps.get(c, ctx, new.application_id)
        _check_interview(c, ctx, app, new.interview_id)
        entry_id = journal.add(
            c,
            ctx.owner,
            {
                "application_id": app.id,
                "written_on": ctx.today,
                "body": new.body,
                "interview_id": new.interview_id,
            },
        )
        _keep_topics(c, ctx, app, new.interview_id, new.body)
        relabel(c, f"Wrote in the journal of {app.role} at {app.company}")
        reconcile_application(c, ctx, app)
        forms.spend(c, ctx, form_token, "journal_entry", entry_id)
        return get(c, ctx, entry_id)


def _check_interview(
    c: Connection, ctx: Context, app: Application, interview_id: int | None
) -> None:
    if interview_id is not None and interview_id not in {
        i.id for i in interviews.of_application(c, ctx.owner, app.id)
    }:
        raise InvalidInput(
            f"interview {interview_id} is not part of application {app.id}", field="interview_id"
        )


def interviewer_names(ctx: Context, app_id: int) -> list[str]:
    """Who interviewed for the application: the journal asks what you talked about with each
    (``domain.journal.prompt_template``)."""
    with ctx.db.read() as c:
        return [p.name for p in _interviewers(c, ctx, apps.get(c, ctx, app_id))]


def _interviewers(c: Connection, ctx: Context, app: Application) -> list[Person]:
    """Who interviewed for the application, in the order they were first met."""
    held = sorted(interviews.of_application(c, ctx.owner, app.id), key=lambda i: (i.on, i.id))
    ids = list(dict.fromkeys(pid for i in held for pid in i.interviewer_ids))
    found = {p.id: p for p in people.get_many(c, ctx.owner, ids)}
    return [found[pid] for pid in ids if pid in found]


def _keep_topics(
    c: Connection, ctx: Context, app: Application, interview_id: int | None, body: str
) -> None:
    """The answers to "What did you talk about with NAME?" kept as that person's topics on
    the interview the entry is about (if they sat in it), else their latest one."""
    answered = {name: found for name, found in topics_in(body).items() if found}
    if not answered:
        return
    held = sorted(interviews.of_application(c, ctx.owner, app.id), key=lambda i: (i.on, i.id))
    by_name = {p.name.casefold(): p for p in _interviewers(c, ctx, app)}
    for name, found in answered.items():
        person = by_name.get(name.casefold())
        if person is None:
            known = ", ".join(p.name for p in by_name.values()) or "nobody yet"
            raise InvalidInput(
                f"{name!r} is not among the interviewers of application {app.id} ({known}); "
                "ask about someone who interviewed you, or record them on the interview first",
                field="body",
            )
        sat = [i for i in held if person.id in i.interviewer_ids]
        chosen = next((i for i in sat if i.id == interview_id), sat[-1])
        interviews.set_topics(c, ctx.owner, chosen.id, {person.id: found})


def as_html(entry: JournalEntry) -> Markup:
    """An entry's Markdown as HTML that is safe to show (sanitised; raw HTML never gets through)."""
    from nextround.renderers.briefings import journal_html

    return journal_html(entry.body)


def search(ctx: Context, query: str) -> SearchResults:
    words = rules.line(query, "q", "search")
    if not words:
        raise InvalidInput("give some words to search for", field="q")
    with ctx.db.read() as c:
        found = journal.search(c, ctx.owner, words)
        by_id = {a.id: a for a in apps_of(c, ctx, {e.application_id for e in found})}
        hits = [SearchHit(e, by_id[e.application_id]) for e in found if e.application_id in by_id]
        person_ids = journal.search_people_notes(c, ctx.owner, words)
        return SearchResults(hits, people.get_many(c, ctx.owner, person_ids))


def apps_of(c: Connection, ctx: Context, ids: set[int]) -> list[Application]:
    from nextround.storage import applications

    return applications.get_many(c, ctx.owner, sorted(ids))


def show_entry(ctx: Context, entry_id: int) -> EntryView:
    with ctx.db.read() as c:
        entry = get(c, ctx, entry_id)
        return EntryView(
            entry,
            apps.get(c, ctx, entry.application_id),
            tuple(revisions.of(c, ctx.owner, RevisionKind.JOURNAL_ENTRY, entry.id)),
        )


def list_entries(ctx: Context, app_id: int | None = None) -> list[JournalEntry]:
    """Every journal entry (of one application, if given), oldest first."""
    return entry_page(ctx, EVERYTHING, app_id).items


def entry_page(ctx: Context, window: Window, app_id: int | None = None) -> Page[JournalEntry]:
    """One page of :func:`list_entries`, oldest first."""
    with ctx.db.read() as c:
        if app_id is not None:
            app_id = apps.get(c, ctx, app_id).id
        found = journal.list_all(c, ctx.owner, app_id, window)
    return page_of(found, window, journal.ORDER)


def edit_entry(
    ctx: Context,
    entry_id: int,
    changes: JournalEntryChanges,
    *,
    expected_revision: int | None = None,
) -> JournalEntry:
    """Rewrite an entry; the earlier text is kept as a revision, and drafts pick up new details."""
    values = changed(changes.checked())
    with ctx.change("Edited a journal entry") as c:
        entry = get(c, ctx, entry_id)
        app = apps.get(c, ctx, entry.application_id)
        if "interview_id" in values:
            _check_interview(c, ctx, app, values["interview_id"])  # type: ignore[arg-type]
        if values.get("body", entry.body) != entry.body:
            revisions.keep(c, ctx.owner, RevisionKind.JOURNAL_ENTRY, entry.id, entry.body)
        journal.update(c, ctx.owner, entry.id, values, expected_revision=expected_revision)
        if "body" in values:
            about = values.get("interview_id", entry.interview_id)
            _keep_topics(c, ctx, app, about, str(values["body"]))  # type: ignore[arg-type]
        relabel(c, f"Edited a journal entry of {app.role} at {app.company}")
        reconcile_application(c, ctx, app)
        return get(c, ctx, entry.id)


def delete_entry(ctx: Context, entry_id: int) -> Deleted:
    with ctx.change("Deleted a journal entry", trash=True) as c:
        entry = get(c, ctx, entry_id)
        app = apps.get(c, ctx, entry.application_id)
        journal.delete(c, ctx.owner, entry.id)
        relabel(c, f"Deleted a journal entry of {app.role} at {app.company}")
        reconcile_application(c, ctx, app)
    name = f"journal entry of {entry.written_on} ({app.role} at {app.company})"
    return Deleted("journal entry", entry.id, name, last_change(ctx))


def get(c: Connection, ctx: Context, entry_id: int) -> JournalEntry:
    return lookup.by_id(journal.get, c, ctx, entry_id, "journal entry")
