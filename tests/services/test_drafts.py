"""Drafts are written when shown: showing one writes nothing, and later data reaches it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from nextround.config import UserProfile
from nextround.domain.interviews import InterviewChanges
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import PersonChanges
from nextround.domain.tasks import Kind, Task, TaskChanges
from nextround.services import applications, cards, emails, interviews, journal, people, tasks
from nextround.services.context import Context
from tests.services.scenario import Scenario, interviewed
from tests.tables import fingerprint

WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")


def rejected(ctx: Context) -> Scenario:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, date(2026, 11, 20))
    return s


def card(ctx: Context, person_id: int) -> Task:
    return next(
        t
        for t in tasks.list_tasks(ctx)
        if t.kind is Kind.THANK_YOU_CARD and t.person_id == person_id
    )


def statements(ctx: Context, read: Callable[[], object]) -> list[str]:
    """Every statement ``read`` sends."""
    seen: list[str] = []
    ctx.db.listeners.append(seen.append)
    try:
        read()
    finally:
        ctx.db.listeners.remove(seen.append)
    return seen


READS: dict[str, Callable[[Context, Scenario], object]] = {
    "show a step": lambda ctx, s: tasks.show_task(ctx, card(ctx, s.lee_id).id),
    "list the steps": lambda ctx, s: tasks.list_tasks(ctx, include_closed=True),
    "show the application": lambda ctx, s: applications.show_application(ctx, s.app_id),
    "show a person": lambda ctx, s: people.show_person(ctx, s.dana_id),
    "draft an email": lambda ctx, s: emails.draft(
        ctx, next(t for t in tasks.list_tasks(ctx) if t.kind is Kind.CONGRATS_EMAIL).id
    ),
}


@pytest.mark.parametrize("name", list(READS))
def test_showing_drafts_writes_nothing(ctx: Context, name: str) -> None:
    s = rejected(ctx)
    before = fingerprint(ctx.db)
    sent = statements(ctx, lambda: READS[name](ctx, s))
    assert sent, "the listener sees the reads"
    assert [q for q in sent if q.lstrip().upper().startswith(WRITES)] == []
    assert fingerprint(ctx.db) == before


def test_printing_a_card_writes_nothing(ctx: Context) -> None:
    from tests.pdfcheck import require_fonts, require_tools

    require_tools()
    require_fonts()
    ctx.settings = replace(ctx.settings, user=UserProfile(name="Sam Rivera"))
    s = rejected(ctx)
    before = fingerprint(ctx.db)
    sent = statements(ctx, lambda: cards.card_for_task(ctx, card(ctx, s.dana_id).id))
    assert [q for q in sent if q.lstrip().upper().startswith(WRITES)] == []
    assert fingerprint(ctx.db) == before


def test_unedited_drafts_are_not_stored(ctx: Context) -> None:
    s = rejected(ctx)
    shown = tasks.show_task(ctx, card(ctx, s.dana_id).id)
    assert shown.draft and not shown.draft_edited
    with ctx.db.read() as c:
        stored = c.scalars("SELECT draft FROM tasks WHERE draft IS NOT NULL")
    assert stored == []
    tasks.edit_task(ctx, shown.id, TaskChanges(draft="Dear Dana, in my words."))
    with ctx.db.read() as c:
        assert c.scalars("SELECT draft FROM tasks WHERE draft IS NOT NULL") == [
            "Dear Dana, in my words."
        ]


def test_a_name_set_later_appears_in_an_unedited_draft(ctx: Context) -> None:
    s = rejected(ctx)
    lee_card = card(ctx, s.lee_id)
    assert lee_card.draft and lee_card.draft.startswith("Dear Lee,")
    people.edit_person(ctx, s.lee_id, PersonChanges(name="Leigh Wong"))
    again = tasks.show_task(ctx, lee_card.id)
    assert again.draft and again.draft.startswith("Dear Leigh,")
    assert again.title == "Write a thank-you card to Leigh Wong (address needed)"
    assert again.person == "Leigh Wong"


def test_a_topic_recorded_later_appears_but_an_edited_draft_stays(ctx: Context) -> None:
    s = rejected(ctx)
    dana_card, lee_card = card(ctx, s.dana_id), card(ctx, s.lee_id)
    tasks.edit_task(ctx, lee_card.id, TaskChanges(draft="Dear Lee, my own words."))
    journal.add_entry(
        ctx,
        NewJournalEntry(
            s.app_id,
            "## Thank-you details\n- Dana: walked me through the test lab\n- Lee: the pairing\n",
        ),
    )
    # The journal is the user's own notes: no draft quotes it.
    assert "walked me through" not in (tasks.show_task(ctx, dana_card.id).draft or "")
    topics = {s.dana_id: ("the test lab",), s.lee_id: ("pair programming",)}
    interviews.edit_interview(ctx, s.interview_id, InterviewChanges(topics=topics))
    assert "the test lab" in (tasks.show_task(ctx, dana_card.id).draft or "")
    assert tasks.show_task(ctx, lee_card.id).draft == "Dear Lee, my own words."


def test_the_same_draft_is_written_every_time(ctx: Context) -> None:
    s = rejected(ctx)
    first = tasks.show_task(ctx, card(ctx, s.dana_id).id)
    assert tasks.show_task(ctx, first.id) == first
    assert [t for t in tasks.list_tasks(ctx) if t.id == first.id] == [first]
