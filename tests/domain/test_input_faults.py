"""Each field of each input names itself when refused: the field, and a message about it.

The faces show ``InvalidInput.fields`` beside the field at fault (web), in the
422 body (API) and as one line (CLI), so a wrong field name or label is a bug
every face shows. One row per field and fault.
"""

from __future__ import annotations

import inspect
from datetime import date
from typing import Any

import pytest

from nextround.domain.applications import ApplicationChanges, NewApplication, Status
from nextround.domain.companies import CompanyChanges, NewCompany
from nextround.domain.interviews import Format, InterviewChanges, InterviewStatus, NewInterview
from nextround.domain.journal import JournalEntryChanges, NewJournalEntry
from nextround.domain.tasks import TaskChanges
from nextround.errors import InvalidInput, NotFound

TODAY = date(2026, 11, 25)
TOO_EARLY = date(1899, 12, 31)
RANGE = "is out of range; use a date from 1900-01-01 to 2031-11-25"
NUL = "contains a control character (U+0000); remove it and try again"


def faults(value: Any) -> dict[str, str]:
    checked = value.checked
    with pytest.raises(InvalidInput) as caught:
        checked(TODAY) if "today" in inspect.signature(checked).parameters else checked()
    assert caught.value.message == "; ".join(dict.fromkeys(caught.value.fields.values()))
    return caught.value.fields


@pytest.mark.parametrize(
    ("value", "fields"),
    [
        # Steps: the day and the draft.
        (TaskChanges(due=None), {"due": "due date can't be empty"}),  # type: ignore[arg-type]
        (TaskChanges(due=TOO_EARLY), {"due": f"due date 1899-12-31 {RANGE}"}),
        (TaskChanges(draft=" \n "), {"draft": "the draft can't be empty"}),
        (TaskChanges(draft="a\x00"), {"draft": f"the draft {NUL}"}),
        (
            TaskChanges(draft_subject="s" * 501),
            {"draft_subject": "subject is 501 characters long; keep it under 500"},
        ),
        (
            TaskChanges(draft_subject="line\nbreak"),
            {"draft_subject": "subject contains a line break; remove it and try again"},
        ),
        # Interviews.
        (InterviewChanges(on=None), {"on": "interview date can't be empty"}),  # type: ignore[arg-type]
        (InterviewChanges(on=TOO_EARLY), {"on": f"interview date 1899-12-31 {RANGE}"}),
        (InterviewChanges(format=None), {"format": "interview format can't be empty"}),  # type: ignore[arg-type]
        (
            InterviewChanges(format="lunch"),  # type: ignore[arg-type]
            {
                "format": "unknown interview format 'lunch'; choose one of: "
                "phone, video, onsite, take-home, other"
            },
        ),
        (InterviewChanges(status=None), {"status": "interview status can't be empty"}),  # type: ignore[arg-type]
        (
            InterviewChanges(status="held"),  # type: ignore[arg-type]
            {"status": "unknown interview status 'held'; choose planned or cancelled"},
        ),
        (
            InterviewChanges(new_interviewers=("Dana", " ")),
            {"interviewers": "interviewer's name can't be empty"},
        ),
        (
            InterviewChanges(new_interviewers=("D" * 201,)),
            {"interviewers": "interviewer's name is 201 characters long; keep it under 200"},
        ),
        (InterviewChanges(notes="a\x00"), {"notes": f"notes {NUL}"}),
        (
            InterviewChanges(on=TOO_EARLY, notes="a\x00", status=None),  # type: ignore[arg-type]
            {
                "on": f"interview date 1899-12-31 {RANGE}",
                "notes": f"notes {NUL}",
                "status": "interview status can't be empty",
            },
        ),
        (NewInterview(1, TOO_EARLY), {"on": f"interview date 1899-12-31 {RANGE}"}),
        # Journal entries.
        (
            NewJournalEntry(1, "## What went well\n<!-- hint -->\n"),
            {"body": "the journal entry is empty; write at least a line"},
        ),
        (
            JournalEntryChanges(body=""),
            {"body": "the journal entry is empty; write at least a line"},
        ),
        (JournalEntryChanges(body="a\x00"), {"body": f"the journal entry {NUL}"}),
        # Applications.
        (
            NewApplication("Engineer", company_id=1, applied_on=date(2026, 11, 26)),
            {"applied_on": "applied date 2026-11-26 is in the future; give the day it happened"},
        ),
        (
            NewApplication("Engineer", new_company="C" * 201),
            {"company": "company name is 201 characters long; keep it under 200"},
        ),
        (NewApplication("Engineer"), {"company": "give the company (its name or id)"}),
        (
            NewApplication("Engineer", company_id=1, status=Status.REJECTED),
            {"status": "add the application first, then record the rejection"},
        ),
        (
            ApplicationChanges(salary_currency="EURO"),
            {"salary_currency": "currency is 4 characters long; keep it under 3"},
        ),
        (
            ApplicationChanges(salary_currency="E1R"),
            {
                "salary_currency": "currency 'E1R' is not a currency code; "
                "use three letters such as EUR or USD"
            },
        ),
        (
            ApplicationChanges(salary_currency="ÉUR"),
            {
                "salary_currency": "currency 'ÉUR' is not a currency code; "
                "use three letters such as EUR or USD"
            },
        ),
        (
            ApplicationChanges(applied_on=date(2026, 12, 1)),
            {"applied_on": "applied date 2026-12-01 is in the future; give the day it happened"},
        ),
        # Companies.
        (CompanyChanges(name=" "), {"name": "company name can't be empty"}),
        (
            NewCompany("Acme", website="not a site"),
            {
                "website": "website 'https://not a site' is not a web address; "
                "use one like https://example.com"
            },
        ),
        (
            NewCompany("Acme", careers_url="ftp://acme.example"),
            {
                "careers_url": "careers URL 'ftp://acme.example' is not a web address; "
                "use one like https://example.com"
            },
        ),
        (CompanyChanges(notes="a\x00"), {"notes": f"notes {NUL}"}),
        (
            NewCompany("Acme", socials=("https://ok.example/a", "not a site")),
            {
                "socials": "social account 'https://not a site' is not a web address; "
                "use one like https://example.com"
            },
        ),
        (CompanyChanges(address="a\x00"), {"address": f"address {NUL}"}),
    ],
)
def test_a_refused_field_is_named_with_its_own_message(value: Any, fields: dict[str, str]) -> None:
    assert faults(value) == fields


def test_fields_that_may_be_cleared_or_left_out() -> None:
    assert TaskChanges(draft=None, draft_subject="").checked(TODAY) == TaskChanges(
        draft=None, draft_subject=None
    )
    assert TaskChanges(draft="  Hi\r\nthere  ").checked(TODAY).draft == "Hi\nthere"
    assert TaskChanges(draft_subject="s" * 500).checked(TODAY).draft_subject == "s" * 500
    changes = InterviewChanges(
        format=" Take-Home ",  # type: ignore[arg-type]
        status="Cancelled",  # type: ignore[arg-type]
        notes=None,
        interviewer_ids=None,  # type: ignore[arg-type]
        new_interviewers=("Dana", " Dana ", "Lee"),
    ).checked(TODAY)
    assert (changes.format, changes.status, changes.notes) == (
        Format.TAKE_HOME,
        InterviewStatus.CANCELLED,
        "",
    )
    assert changes.interviewer_ids == ()
    assert changes.new_interviewers == ("Dana", "Lee")
    assert NewJournalEntry(1, " note ", interview_id=None).checked().body == "note"
    assert JournalEntryChanges(interview_id=None).checked().interview_id is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (NewApplication("Engineer", company_id=0), "no company with id 0"),
        (NewJournalEntry(0, "Notes"), "no application with id 0"),
        (NewJournalEntry(1, "Notes", interview_id=-1), "no interview with id -1"),
        (JournalEntryChanges(interview_id=2**31), f"no interview with id {2**31}"),
    ],
)
def test_an_id_that_cant_exist_is_not_found(value: Any, message: str) -> None:
    with pytest.raises(NotFound) as caught:
        value.checked(TODAY) if "today" in inspect.signature(value.checked).parameters else (
            value.checked()
        )
    assert caught.value.message == message


def test_ids_that_can_exist_are_kept() -> None:
    assert NewJournalEntry(1, "Notes", interview_id=5).checked().interview_id == 5
    assert JournalEntryChanges(interview_id=2**31 - 1).checked().interview_id == 2**31 - 1
    app = NewApplication("Engineer", company_id=7, applied_on=TODAY).checked(TODAY)
    assert (app.company_id, app.applied_on) == (7, TODAY)


def test_an_unknown_status_names_the_field_and_the_choices() -> None:
    with pytest.raises(InvalidInput) as caught:
        Status.parse(" hired ")
    assert caught.value.fields == {
        "status": "unknown status ' hired '; choose one of: saved, applied, screening, "
        "interviewing, offer, rejected, withdrawn, ghosted"
    }
