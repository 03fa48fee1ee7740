"""What happened, kept: each status move with its day, and the earlier text of edited records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.domain.history import RevisionKind
from nextround.domain.interviews import Format, InterviewChanges, NewInterview
from nextround.domain.journal import JournalEntryChanges, NewJournalEntry
from nextround.domain.tasks import Kind, TaskChanges
from nextround.errors import Conflict, InvalidInput
from nextround.services import applications, companies, history, interviews, journal, tasks
from nextround.services.context import Context
from tests.services.scenario import interviewed
from tests.tables import fingerprint


def on(ctx: Context, day: date) -> Context:
    return ctx.fresh(settings=replace(ctx.settings, today=day))


def moves(ctx: Context, app_id: int) -> list[tuple[date, str | None, str]]:
    return [
        (e.on, e.from_status, e.to_status)
        for e in applications.show_application(ctx, app_id).history
    ]


def test_every_status_move_is_kept_with_its_day(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    saved = applications.add_application(ctx, NewApplication("QA", company_id=acme.id)).application
    assert moves(ctx, saved.id) == []  # saved: nothing happened yet
    applications.set_status(ctx, saved.id, Status.APPLIED, date(2026, 10, 1))
    applications.set_status(ctx, saved.id, Status.SCREENING, date(2026, 10, 8))
    applications.set_status(on(ctx, date(2026, 10, 20)), saved.id, Status.INTERVIEWING)
    applications.reject(ctx, saved.id, date(2026, 11, 20))
    applications.reject(ctx, saved.id)  # again: the same day, nothing new
    applications.reject(ctx, saved.id, date(2026, 11, 21))  # a corrected day is a move too
    applications.set_status(ctx, saved.id, Status.INTERVIEWING)  # withdrawn today
    assert moves(ctx, saved.id) == [
        (date(2026, 10, 1), "saved", "applied"),
        (date(2026, 10, 8), "applied", "screening"),
        (date(2026, 10, 20), "screening", "interviewing"),
        (date(2026, 11, 20), "interviewing", "rejected"),
        (date(2026, 11, 21), "rejected", "rejected"),
        (date(2026, 11, 25), "rejected", "interviewing"),
    ]
    app = applications.show_application(ctx, saved.id).application
    assert (app.applied_on, app.rejected_on) == (date(2026, 10, 1), None)


def test_an_application_added_as_applied_starts_its_history(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    added = applications.add_application(
        ctx, NewApplication("QA", company_id=acme.id, applied_on=date(2026, 9, 30))
    ).application
    offered = applications.add_application(
        ctx, NewApplication("Lead", company_id=acme.id, status=Status.OFFER)
    ).application
    assert moves(ctx, added.id) == [(date(2026, 9, 30), None, "applied")]
    assert moves(ctx, offered.id) == [(ctx.today, None, "offer")]


def test_an_undone_move_leaves_no_trace_in_the_history(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, date(2026, 11, 20))
    history.undo(ctx)
    assert moves(ctx, s.app_id) == [(date(2026, 10, 1), None, "applied")]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2026, 9, 30), "rejection date 2026-09-30 is before the application was sent"),
        (date(2026, 11, 26), "is in the future"),
        (date(1899, 12, 31), "out of range"),
    ],
)
def test_a_rejection_on_an_impossible_day_is_refused(ctx: Context, day: date, message: str) -> None:
    s = interviewed(ctx)
    before = fingerprint(ctx.db)
    with pytest.raises(InvalidInput, match=message) as refused:
        applications.reject(ctx, s.app_id, day)
    assert set(refused.value.fields) == {"on"}
    assert fingerprint(ctx.db) == before


def test_an_edit_putting_the_rejection_before_the_application_is_refused(ctx: Context) -> None:
    from nextround.domain.applications import ApplicationChanges

    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, date(2026, 11, 20))
    with pytest.raises(InvalidInput, match="would be before the application was sent") as refused:
        applications.edit_application(
            ctx, s.app_id, ApplicationChanges(applied_on=date(2026, 11, 21))
        )
    assert set(refused.value.fields) == {"applied_on"}


def test_an_interview_before_the_application_is_kept_with_a_warning(ctx: Context) -> None:
    s = interviewed(ctx)
    early = interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 9, 20), format=Format.PHONE)
    )
    assert early.interview.on == date(2026, 9, 20)
    assert early.warnings == (
        "this interview (2026-09-20) is before the application was sent (2026-10-01); "
        "kept as given, since recruiter screens often come first",
    )
    assert interviews.show_interview(ctx, early.interview.id).warnings == early.warnings
    assert interviews.show_interview(ctx, s.interview_id).warnings == ()


def test_an_edited_interview_keeps_each_earlier_version(ctx: Context) -> None:
    s = interviewed(ctx)
    interviews.edit_interview(
        ctx, s.interview_id, InterviewChanges(at=time(14, 30), notes="Systems design, 1 hour")
    )
    edited = interviews.edit_interview(
        ctx,
        s.interview_id,
        InterviewChanges(format=Format.ONSITE, interviewer_ids=(s.dana_id,), notes=None),
    )
    assert edited.interview.format is Format.ONSITE
    assert edited.interview.notes == ""
    kept = interviews.show_interview(ctx, s.interview_id).revisions
    assert [(r.number, r.kind) for r in kept] == [
        (1, RevisionKind.INTERVIEW),
        (2, RevisionKind.INTERVIEW),
    ]
    assert kept[0].text == "2026-11-10, video, planned\nwith Dana Smith, Lee Wong"
    assert kept[1].text == (
        "2026-11-10 14:30, video, planned\nwith Dana Smith, Lee Wong\n\nSystems design, 1 hour"
    )


def test_a_stale_interview_edit_is_refused(ctx: Context) -> None:
    s = interviewed(ctx)
    interviews.edit_interview(ctx, s.interview_id, InterviewChanges(notes="a"), expected_revision=0)
    with pytest.raises(Conflict):
        interviews.edit_interview(
            ctx, s.interview_id, InterviewChanges(notes="b"), expected_revision=0
        )
    assert interviews.show_interview(ctx, s.interview_id).interview.notes == "a"


def test_an_edited_journal_entry_keeps_its_earlier_text(ctx: Context) -> None:
    s = interviewed(ctx)
    entry = journal.add_entry(ctx, NewJournalEntry(s.app_id, "## What went well\nThe pairing."))
    journal.edit_entry(ctx, entry.id, JournalEntryChanges(body=entry.body))  # the same text
    assert journal.show_entry(ctx, entry.id).revisions == ()
    journal.edit_entry(
        ctx, entry.id, JournalEntryChanges(body="## What went well\nThe pairing, and lunch.")
    )
    latest = journal.edit_entry(
        ctx, entry.id, JournalEntryChanges(interview_id=s.interview_id), expected_revision=2
    )
    assert latest.interview_id == s.interview_id
    view = journal.show_entry(ctx, entry.id)
    assert view.entry.body == "## What went well\nThe pairing, and lunch."
    assert [(r.number, r.text) for r in view.revisions] == [(1, "## What went well\nThe pairing.")]
    with pytest.raises(Conflict):
        journal.edit_entry(ctx, entry.id, JournalEntryChanges(body="x"), expected_revision=2)


def test_an_interview_of_another_application_is_refused_for_an_entry(ctx: Context) -> None:
    s = interviewed(ctx)
    other = applications.add_application(
        ctx, NewApplication("QA", company_id=s.company_id, applied_on=date(2026, 10, 2))
    ).application
    with pytest.raises(InvalidInput, match="is not part of application") as refused:
        journal.add_entry(ctx, NewJournalEntry(other.id, "Notes", interview_id=s.interview_id))
    assert set(refused.value.fields) == {"interview_id"}


def test_a_reedited_draft_keeps_the_users_earlier_edit(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, date(2026, 11, 20))
    email = next(t for t in plan.tasks if t.kind is Kind.CONGRATS_EMAIL)
    tasks.edit_task(ctx, email.id, TaskChanges(draft="Hi Dana, first try.", draft_subject="One"))
    assert tasks.draft_history(ctx, email.id) == []  # the written draft isn't kept: it is data
    tasks.edit_task(ctx, email.id, TaskChanges(draft="Hi Dana, second try."))
    [kept] = tasks.draft_history(ctx, email.id)
    assert (kept.text, kept.subject, kept.kind) == (
        "Hi Dana, first try.",
        "One",
        RevisionKind.DRAFT,
    )
    shown = tasks.show_task(ctx, email.id)
    assert (shown.draft, shown.draft_subject, shown.draft_edited) == (
        "Hi Dana, second try.",
        "One",
        True,
    )
    back = tasks.edit_task(ctx, email.id, TaskChanges(draft=None))  # back to the written draft
    assert not back.draft_edited
    assert back.draft and back.draft.startswith("Hi Dana,") and "second try" not in back.draft
    assert len(tasks.draft_history(ctx, email.id)) == 2
