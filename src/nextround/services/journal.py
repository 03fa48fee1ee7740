"""The interview journal: writing entries, reading them back, searching them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from nextround.domain.applications import Application
from nextround.domain.journal import JournalEntry, clean_entry
from nextround.domain.people import Person
from nextround.errors import InvalidInput, NotFound
from nextround.services import forms, lookup
from nextround.services.context import Context
from nextround.services.playbook import reconcile_application
from nextround.storage import interviews, journal, people

if TYPE_CHECKING:
    from markupsafe import Markup


@dataclass(frozen=True)
class SearchHit:
    entry: JournalEntry
    application: Application


@dataclass(frozen=True)
class SearchResults:
    entries: list[SearchHit]
    people: list[Person]


def add_entry(
    ctx: Context,
    app_id: int,
    text: str,
    interview_id: int | None = None,
    *,
    form_token: str | None = None,
) -> JournalEntry:
    """Write an entry; with ``form_token``, a form sent twice writes once (see ``forms``)."""
    body = clean_entry(text)
    if not body:
        raise InvalidInput("the journal entry is empty; write at least a line", field="body")
    with ctx.db.transaction() as c:
        forms.check(c, ctx, form_token)
        app = lookup.application(c, ctx.owner, app_id)
        if interview_id is not None and interview_id not in {
            i.id for i in interviews.of_application(c, ctx.owner, app.id)
        }:
            raise InvalidInput(
                f"interview {interview_id} is not part of application {app.id}",
                field="interview_id",
            )
        entry_id = journal.add(
            c,
            ctx.owner,
            application_id=app.id,
            written_on=ctx.today,
            body=body,
            interview_id=interview_id,
        )
        reconcile_application(c, ctx, app)
        forms.spend(c, ctx, form_token, f"/applications/{app.id}#entry-{entry_id}")
        return next(e for e in journal.of_application(c, ctx.owner, app.id) if e.id == entry_id)


def as_html(entry: JournalEntry) -> Markup:
    """An entry's Markdown as HTML that is safe to show (sanitised; raw HTML never gets through)."""
    from nextround.renderers.briefings import journal_html

    return journal_html(entry.body)


def entries(ctx: Context, app_id: int) -> tuple[Application, list[JournalEntry]]:
    with ctx.db.transaction() as c:
        app = lookup.application(c, ctx.owner, app_id)
        return app, journal.of_application(c, ctx.owner, app.id)


def search(ctx: Context, query: str) -> SearchResults:
    if not query.strip():
        raise InvalidInput("give some words to search for")
    with ctx.db.transaction() as c:
        found = journal.search(c, ctx.owner, query)
        apps = {i: lookup.application(c, ctx.owner, i) for i in {e.application_id for e in found}}
        hits = [SearchHit(e, apps[e.application_id]) for e in found]
        person_ids = journal.search_people_notes(c, ctx.owner, query)
        return SearchResults(hits, people.get_many(c, ctx.owner, person_ids))


def show_journal_entry(ctx: Context, entry_id: int) -> JournalEntry:
    with ctx.db.transaction() as c:
        return _entry(c, ctx, entry_id)


def list_journal_entries(ctx: Context, app_id: int | None = None) -> list[JournalEntry]:
    """Every journal entry (of one application, if given), oldest first."""
    with ctx.db.transaction() as c:
        if app_id is not None:
            app_id = lookup.application(c, ctx.owner, app_id).id
        return journal.list_all(c, ctx.owner, app_id)


def edit_journal_entry(ctx: Context, entry_id: int, text: str) -> JournalEntry:
    """Rewrite an entry; unedited drafts of its application pick up new details."""
    body = clean_entry(text)
    if not body:
        raise InvalidInput("the journal entry is empty; write at least a line")
    with ctx.db.transaction() as c:
        entry = _entry(c, ctx, entry_id)
        journal.update(c, ctx.owner, entry.id, body)
        reconcile_application(c, ctx, lookup.application(c, ctx.owner, entry.application_id))
        return _entry(c, ctx, entry.id)


def delete_journal_entry(ctx: Context, entry_id: int) -> None:
    with ctx.db.transaction() as c:
        entry = _entry(c, ctx, entry_id)
        journal.delete(c, ctx.owner, entry.id)
        reconcile_application(c, ctx, lookup.application(c, ctx.owner, entry.application_id))


def _entry(c: sa.Connection, ctx: Context, entry_id: int) -> JournalEntry:
    found = journal.get(c, ctx.owner, entry_id)
    if found is None:
        raise NotFound(f"no journal entry with id {entry_id}")
    return found
