"""One-time form tokens, journal edits and interview deletions: what each says and keeps."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.companies import NewCompany
from nextround.domain.interviews import NewInterview
from nextround.domain.journal import JournalEntryChanges, NewJournalEntry
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import companies, forms, history, interviews, journal
from nextround.services.context import Context
from nextround.services.forms import AlreadySubmitted
from tests.services.scenario import interviewed


def test_a_form_sent_twice_creates_once_and_names_what_it_created(ctx: Context) -> None:
    token = forms.new_token()
    assert len(token) == 32 and token != forms.new_token()
    first = companies.add_company(ctx, NewCompany("Acme"), form_token=token)
    with pytest.raises(AlreadySubmitted) as again:
        companies.add_company(ctx, NewCompany("Acme"), form_token=f"  {token}  ")
    assert (again.value.kind, again.value.id) == ("company", first.id)
    assert again.value.message == "This form was already sent; here is what it created."
    assert isinstance(again.value, Conflict)
    assert companies.company_names(ctx) == ["Acme"]


@pytest.mark.parametrize(
    ("created", "kind", "number"),
    [("company:12", "company", 12), ("person:", "person", 0), ("odd", "odd", 0), ("a:x", "a", 0)],
)
def test_already_submitted_reads_what_was_created(created: str, kind: str, number: int) -> None:
    found = AlreadySubmitted(created)
    assert (found.kind, found.id) == (kind, number)


def test_a_blank_token_is_refused(ctx: Context) -> None:
    with pytest.raises(InvalidInput) as caught:
        companies.add_company(ctx, NewCompany("Acme"), form_token="   ")
    assert caught.value.message == (
        "This form is missing its one-time token; reload the page and try again."
    )
    assert companies.company_names(ctx) == []


def test_a_long_token_counts_by_its_first_64_characters(ctx: Context) -> None:
    token = "t" * 64
    companies.add_company(ctx, NewCompany("Acme"), form_token=token)
    with pytest.raises(AlreadySubmitted):
        companies.add_company(ctx, NewCompany("Globex"), form_token=token + "more")


def test_editing_an_entry_keeps_the_earlier_text(ctx: Context) -> None:
    scenario = interviewed(ctx)
    entry = journal.add_entry(ctx, NewJournalEntry(scenario.app_id, "First"))
    same = journal.edit_entry(ctx, entry.id, JournalEntryChanges(body="First"))
    assert journal.show_entry(ctx, same.id).revisions == ()  # nothing changed, nothing kept
    journal.edit_entry(
        ctx, entry.id, JournalEntryChanges(body="Second"), expected_revision=same.revision
    )
    shown = journal.show_entry(ctx, entry.id)
    assert shown.entry.body == "Second"
    assert [r.text for r in shown.revisions] == ["First"]
    assert ctx.made[-1].label == "Edited a journal entry of Backend Engineer at Acme Robotics"
    with pytest.raises(Conflict):
        journal.edit_entry(
            ctx, entry.id, JournalEntryChanges(body="Third"), expected_revision=same.revision
        )


def test_an_entry_is_tied_only_to_an_interview_of_its_application(ctx: Context) -> None:
    scenario = interviewed(ctx)
    entry = journal.add_entry(ctx, NewJournalEntry(scenario.app_id, "Notes"))
    tied = journal.edit_entry(
        ctx, entry.id, JournalEntryChanges(interview_id=scenario.interview_id)
    )
    assert tied.interview_id == scenario.interview_id
    with pytest.raises((InvalidInput, NotFound)):
        journal.edit_entry(ctx, entry.id, JournalEntryChanges(interview_id=4242))
    untied = journal.edit_entry(ctx, entry.id, JournalEntryChanges(interview_id=None))
    assert untied.interview_id is None


def test_deleting_an_interview_names_it_and_undoes(ctx: Context) -> None:
    scenario = interviewed(ctx)
    later = interviews.add_interview(
        ctx, NewInterview(scenario.app_id, date(2026, 11, 12), interviewer_ids=(scenario.lee_id,))
    ).interview
    deleted = interviews.delete_interview(ctx.fresh(), later.id)
    name = "interview of 2026-11-12 for Backend Engineer at Acme Robotics"
    assert (deleted.kind, deleted.id, deleted.name, deleted.also) == (
        "interview",
        later.id,
        name,
        (),
    )
    assert deleted.change_id is not None
    assert [i.id for i in interviews.list_interviews(ctx)] == [scenario.interview_id]
    assert history.undo(ctx).change.label == f"Deleted the {name}"
    assert [i.id for i in interviews.list_interviews(ctx)] == [scenario.interview_id, later.id]
