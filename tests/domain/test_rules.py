"""The input rules, once for every face: plain tables, no database."""

from __future__ import annotations

import inspect
from dataclasses import fields
from datetime import date, time
from typing import Any

import pytest

from nextround.domain import rules
from nextround.domain.applications import (
    Application,
    ApplicationChanges,
    NewApplication,
    Period,
    Source,
    Status,
    WorkMode,
    check_can_reject,
    check_dates,
)
from nextround.domain.companies import CompanyChanges, NewCompany
from nextround.domain.interviews import (
    Format,
    InterviewChanges,
    InterviewStatus,
    NewInterview,
    parse_time,
)
from nextround.domain.journal import JournalEntryChanges, NewJournalEntry, prompt_template
from nextround.domain.people import NewPerson, PersonChanges
from nextround.domain.rules import UNSET, Problems
from nextround.domain.tasks import TaskChanges
from nextround.errors import InvalidInput, NotFound

TODAY = date(2026, 11, 25)
LAST = date(2031, 11, 25)
NUL, ESC, LONE = "\x00", "\x1b", "\ud800"


def faults(make: Any) -> dict[str, str]:
    """The fields an input is refused for (and their messages)."""
    with pytest.raises(InvalidInput) as refused:
        make()
    assert refused.value.message
    return refused.value.fields


# ---------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        pytest.param(f"Da{NUL}na", "a control character (U+0000)", id="nul"),
        pytest.param(f"Dana{ESC}[31m", "a control character (U+001B)", id="escape"),
        pytest.param("Dana\x7f", "a control character (U+007F)", id="delete"),
        pytest.param("Dana\x85", "a control character (U+0085)", id="c1-next-line"),
        pytest.param(f"Dana{LONE}", "a broken character (a lone surrogate)", id="lone-surrogate"),
        pytest.param("Dana\nSmith", "a line break", id="newline"),
        pytest.param("Dana\rSmith", "a line break", id="carriage-return"),
        pytest.param("Dana\u2028Smith", "a line break", id="line-separator"),
    ],
)
def test_a_line_refuses_what_cant_be_stored_or_printed(bad: str, said: str) -> None:
    found = faults(lambda: rules.line(bad, "name", "person's name"))
    assert found == {"name": f"person's name contains {said}; remove it and try again"}


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        pytest.param(f"1 Main St{NUL}", "U+0000", id="nul"),
        pytest.param(f"{ESC}]0;title\x07", "U+001B", id="escape"),
        pytest.param("\x0b", "U+000B", id="vertical-tab"),
        pytest.param(f"x{LONE}", "lone surrogate", id="lone-surrogate"),
    ],
)
def test_a_block_of_text_refuses_control_characters_too(bad: str, said: str) -> None:
    found = faults(lambda: rules.text_block(bad, "address", "address"))
    assert set(found) == {"address"}
    assert said in found["address"]


def test_a_line_is_trimmed_collapsed_and_normalised() -> None:
    assert rules.line("  Zoe\u0308 \t Smith  ", "name", "name") == "Zoë Smith"
    assert rules.line("", "name", "name") == ""
    assert rules.optional_line("   ", "title", "title") is None
    assert rules.optional_line(None, "title", "title") is None
    assert rules.required_line(" x ", "name", "name") == "x"
    assert faults(lambda: rules.required_line("  ", "name", "company name")) == {
        "name": "company name can't be empty"
    }


def test_a_block_keeps_line_breaks_and_tabs() -> None:
    text = "  Dana Smith\r\n1 Main Street\rSpringfield\n\tBack door  \n"
    assert rules.text_block(text, "address", "address") == (
        "Dana Smith\n1 Main Street\nSpringfield\n\tBack door"
    )
    assert rules.optional_block("  \n ", "address", "address") is None


@pytest.mark.parametrize(
    ("rule", "limit"),
    [
        (lambda v: rules.line(v, "f", "label"), rules.LINE_MAX),
        (lambda v: rules.line(v, "f", "label", limit=rules.NAME_MAX), rules.NAME_MAX),
        (lambda v: rules.text_block(v, "f", "label"), rules.NOTES_MAX),
        (lambda v: rules.text_block(v, "f", "label", limit=rules.ADDRESS_MAX), rules.ADDRESS_MAX),
    ],
    ids=["line", "name", "notes", "address"],
)
def test_lengths_are_bounded_at_the_limit(rule: Any, limit: int) -> None:
    assert rule("x" * limit)
    message = faults(lambda: rule("x" * (limit + 1)))["f"]
    assert f"label is {limit + 1} characters long; keep it under {limit}" == message


def test_the_email_limit() -> None:
    local = "d" * (rules.EMAIL_MAX - len("@acme.example"))
    assert rules.email(f"{local}@acme.example") == f"{local}@acme.example"
    assert "characters long" in faults(lambda: rules.email(f"{local}x@acme.example"))["email"]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("dana@acme.example", "dana@acme.example"),
        (" dana@acme.example ", "dana@acme.example"),
        ("", None),
        (None, None),
    ],
)
def test_emails_that_are_kept(given: str | None, kept: str | None) -> None:
    assert rules.email(given) == kept


@pytest.mark.parametrize(
    "bad", ["dana", "dana@acme", "dana@@acme.example", "Dana <dana@acme.example>", "a b@c.de"]
)
def test_emails_that_are_refused(bad: str) -> None:
    assert "is not an email address" in faults(lambda: rules.email(bad))["email"]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("acme.example", "https://acme.example"),
        ("http://acme.example/jobs?x=1", "http://acme.example/jobs?x=1"),
        ("https://www.linkedin.com/in/dana", "https://www.linkedin.com/in/dana"),
        (None, None),
        ("  ", None),
    ],
)
def test_web_addresses_that_are_kept(given: str | None, kept: str | None) -> None:
    assert rules.url(given, "website", "website") == kept


@pytest.mark.parametrize(
    "bad", ["ftp://acme.example", "localhost", "https://", "acme example.com", "https://[::1"]
)
def test_web_addresses_that_are_refused(bad: str) -> None:
    assert "is not a web address" in faults(lambda: rules.url(bad, "website", "website"))["website"]


# ---------------------------------------------------------------- dates and ids


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (date(1899, 12, 31), False),
        (date(1900, 1, 1), True),
        (TODAY, True),
        (LAST, True),
        (date(2031, 11, 26), False),
        (date(9999, 12, 31), False),
    ],
    ids=str,
)
def test_dates_run_from_1900_to_five_years_ahead(day: date, ok: bool) -> None:
    if ok:
        assert rules.day(day, "on", "interview date", TODAY) == day
    else:
        message = faults(lambda: rules.day(day, "on", "interview date", TODAY))["on"]
        assert message == (
            f"interview date {day.isoformat()} is out of range; use a date from 1900-01-01 "
            "to 2031-11-25"
        )


def test_five_years_after_a_29th_of_february_is_the_28th() -> None:
    assert rules.last_day(date(2028, 2, 29)) == date(2033, 2, 28)


def test_a_day_something_happened_is_not_in_the_future() -> None:
    assert rules.past_day(TODAY, "on", "rejection date", TODAY) == TODAY
    assert faults(lambda: rules.past_day(date(2026, 11, 26), "on", "rejection date", TODAY)) == {
        "on": "rejection date 2026-11-26 is in the future; give the day it happened"
    }
    assert (
        "out of range" in faults(lambda: rules.past_day(date(1899, 1, 1), "on", "x", TODAY))["on"]
    )


@pytest.mark.parametrize("good", [1, 2**31 - 1])
def test_ids_that_can_exist(good: int) -> None:
    assert rules.record_id(good, "person") == good


@pytest.mark.parametrize("bad", [0, -1, 2**31, 2**63])
def test_ids_that_cant_exist_are_simply_not_found(bad: int) -> None:
    with pytest.raises(NotFound, match=f"^no person with id {bad}$"):
        rules.record_id(bad, "person")


def test_lists_of_ids_are_deduplicated_in_order() -> None:
    assert rules.ids([3, 1, 3, 2], "person") == (3, 1, 2)
    with pytest.raises(NotFound, match="no person with id 0"):
        rules.ids([1, 0], "person")


def test_whole_numbers_and_choices() -> None:
    assert rules.whole_number(None, "n", "number") is None
    assert rules.whole_number(0, "n", "number") == 0
    assert "use a number from 0 to" in faults(lambda: rules.whole_number(-1, "n", "number"))["n"]
    allowed = ("job_board", "company_site")
    assert rules.choice(" Job-Board ", "source", "source", allowed) == "job_board"
    assert rules.choice("company site", "source", "source", allowed) == "company_site"
    assert rules.choice("  ", "source", "source", allowed) is None
    assert faults(lambda: rules.choice("fax", "source", "source", allowed)) == {
        "source": "source 'fax' is not one of: job_board, company_site"
    }


# ---------------------------------------------------------------- gathering faults


def test_problems_gather_every_field_and_keep_the_first_message_of_each() -> None:
    problems = Problems()
    assert problems.check(lambda: rules.required_line("", "name", "name")) is None
    assert problems.check(lambda: rules.email("nope")) is None
    assert problems.check(lambda: rules.line("ok", "title", "title")) == "ok"
    problems.add("name", "a second message for name")
    problems.add("", "not about one field")
    assert problems.fields == {
        "name": "name can't be empty",
        "email": "email 'nope' is not an email address; use one like dana@example.com",
        "": "not about one field",
    }
    with pytest.raises(InvalidInput) as raised:
        problems.raise_any()
    assert raised.value.fields == problems.fields
    assert raised.value.message == "; ".join(problems.fields.values())
    Problems().raise_any()  # nothing gathered: nothing raised


def test_a_fault_without_a_field_is_kept_under_no_field() -> None:
    problems = Problems()

    def fails() -> None:
        raise InvalidInput("something is off")

    problems.check(fails)
    assert problems.fields == {"": "something is off"}


def test_unset_is_falsy_and_only_set_fields_count_as_changed() -> None:
    assert not UNSET
    assert repr(UNSET) == "UNSET"
    assert rules.changed(PersonChanges(title=None, notes="x")) == {"title": None, "notes": "x"}
    assert rules.changed(PersonChanges()) == {}


# ---------------------------------------------------------------- each input's checked()


def test_a_new_company_is_cleaned() -> None:
    checked = NewCompany(
        "  Acme   Robotics ",
        website="acme.example",
        address="Acme\n1 Dock Road\n",
        socials=("linkedin.com/company/acme", "https://linkedin.com/company/acme"),
    ).checked()
    assert checked.name == "Acme Robotics"
    assert checked.website == "https://acme.example"
    assert checked.address == "Acme\n1 Dock Road"
    assert checked.socials == ("https://linkedin.com/company/acme",)


def test_a_new_company_names_every_field_at_fault() -> None:
    found = faults(
        lambda: NewCompany(
            f"Acme{NUL}",
            website="not a site",
            address=f"1 Dock{ESC}",
            careers_url="ftp://x.example",
            notes="n" * (rules.NOTES_MAX + 1),
            socials=("nope",),
        ).checked()
    )
    assert set(found) == {"name", "website", "address", "careers_url", "notes", "socials"}


def test_company_changes_leave_unset_fields_and_clear_none() -> None:
    checked = CompanyChanges(website=None, notes=" x ").checked()
    assert rules.changed(checked) == {"website": None, "notes": "x", "add_socials": ()}
    assert set(faults(lambda: CompanyChanges(name="A\nB").checked())) == {"name"}
    assert set(faults(lambda: CompanyChanges(name="  ").checked())) == {"name"}


def test_a_new_person_allows_line_breaks_in_the_address_and_notes_only() -> None:
    checked = NewPerson(
        "Dana  Smith", 1, address="Dana Smith\n1 Main Street", notes="Met at\n\tthe meetup"
    ).checked()
    assert (checked.name, checked.address, checked.notes) == (
        "Dana Smith",
        "Dana Smith\n1 Main Street",
        "Met at\n\tthe meetup",
    )
    found = faults(lambda: NewPerson("Dana\nSmith", 1, title="Lead\nEngineer").checked())
    assert set(found) == {"name", "title"}
    assert "a line break" in found["name"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", f"Dana{LONE}"),
        ("title", f"Lead{NUL}"),
        ("email", f"dana{ESC}@acme.example"),
        ("linkedin_url", f"https://linkedin.com/in/{NUL}"),
        ("address", f"1 Main{NUL}"),
        ("notes", f"notes{LONE}"),
    ],
)
def test_person_changes_name_the_field_with_an_unprintable_character(
    field: str, value: str
) -> None:
    assert set(faults(lambda: PersonChanges(**{field: value}).checked())) == {field}


def test_person_changes_gather_all_faults_at_once() -> None:
    found = faults(
        lambda: PersonChanges(
            name="", email="x", linkedin_url="nope", title="t" * (rules.NAME_MAX + 1)
        ).checked()
    )
    assert set(found) == {"name", "email", "linkedin_url", "title"}


@pytest.mark.parametrize("bad", [0, 2**31])
def test_a_person_at_a_company_that_cant_exist_is_not_found(bad: int) -> None:
    with pytest.raises(NotFound, match=f"no company with id {bad}"):
        NewPerson("Dana", bad).checked()
    with pytest.raises(NotFound, match=f"no company with id {bad}"):
        PersonChanges(company_id=bad).checked()


def test_a_new_application_is_cleaned() -> None:
    checked = NewApplication(
        " Backend  Engineer ",
        company_id=3,
        applied_on=date(2026, 10, 1),
        work_mode="Remote",
        salary_min=50_000,
        salary_max=60_000,
        salary_currency="eur",
        salary_period="year",
        source="job board",
    ).checked(TODAY)
    assert checked.role == "Backend Engineer"
    assert (checked.work_mode, checked.salary_currency, checked.salary_period) == (
        WorkMode.REMOTE,
        "EUR",
        Period.YEAR,
    )
    assert checked.source is Source.JOB_BOARD
    assert NewApplication("QA", new_company=" Initech ").checked(TODAY).new_company == "Initech"


def test_a_new_application_names_every_field_at_fault() -> None:
    found = faults(
        lambda: NewApplication(
            "",
            applied_on=date(2026, 11, 26),
            salary_currency="euro",
            work_mode="moon",
            source_url="nope",
        ).checked(TODAY)
    )
    assert set(found) == {"role", "applied_on", "salary_currency", "work_mode", "source_url"}
    assert faults(lambda: NewApplication("QA").checked(TODAY)) == {
        "company": "give the company (its name or id)"
    }
    assert set(faults(lambda: NewApplication("QA", 1, status=Status.REJECTED).checked(TODAY))) == {
        "status"
    }
    assert set(
        faults(lambda: NewApplication("QA", 1, salary_min=9, salary_max=1).checked(TODAY))
    ) == {"salary_min"}
    assert set(
        faults(lambda: NewApplication("QA", 1, applied_on=date(1899, 12, 31)).checked(TODAY))
    ) == {"applied_on"}
    with pytest.raises(NotFound, match="no person with id 0"):
        NewApplication("QA", 1, referrer_id=0).checked(TODAY)


def test_application_changes_follow_the_same_rules() -> None:
    assert rules.changed(ApplicationChanges(location=None).checked(TODAY)) == {"location": None}
    found = faults(
        lambda: ApplicationChanges(
            role=f"QA{NUL}", applied_on=date(2026, 12, 1), description=f"x{LONE}"
        ).checked(TODAY)
    )
    assert set(found) == {"role", "applied_on", "description"}


def test_a_rejection_is_never_before_the_application_was_sent() -> None:
    check_dates(date(2026, 10, 1), date(2026, 10, 1))
    check_dates(None, date(2026, 10, 1))
    assert faults(lambda: check_dates(date(2026, 10, 2), date(2026, 10, 1))) == {
        "applied_on": "the rejection (2026-10-01) would be before the application was sent "
        "(2026-10-02); check both dates"
    }


def test_only_an_application_that_was_sent_can_be_rejected() -> None:
    saved = Application(4, 1, "QA", Status.SAVED, company="Acme")
    with pytest.raises(InvalidInput, match="never applied to"):
        check_can_reject(saved)
    check_can_reject(Application(4, 1, "QA", Status.SAVED, applied_on=date(2026, 1, 1)))
    check_can_reject(Application(4, 1, "QA", Status.APPLIED))


@pytest.mark.parametrize(
    ("on", "ok"),
    [
        (date(1899, 12, 31), False),
        (date(1900, 1, 1), True),
        (LAST, True),
        (date(2031, 11, 26), False),
    ],
    ids=str,
)
def test_interview_dates_are_bounded(on: date, ok: bool) -> None:
    new = NewInterview(1, on)
    if ok:
        assert new.checked(TODAY).on == on
    else:
        assert set(faults(lambda: new.checked(TODAY))) == {"on"}


def test_a_new_interview_is_cleaned_and_its_ids_checked() -> None:
    checked = NewInterview(
        1,
        TODAY,
        at=time(9, 30),
        format="Phone",  # type: ignore[arg-type]
        interviewer_ids=(2, 2, 3),
        new_interviewers=(" Lee  Wong ", "Lee Wong"),
        notes=" panel \n of two ",
    ).checked(TODAY)
    assert (checked.format, checked.interviewer_ids) == (Format.PHONE, (2, 3))
    assert (checked.new_interviewers, checked.notes) == (("Lee Wong",), "panel \n of two")
    with pytest.raises(NotFound, match="no application with id 0"):
        NewInterview(0, TODAY).checked(TODAY)
    with pytest.raises(NotFound, match=f"no person with id {2**31}"):
        NewInterview(1, TODAY, interviewer_ids=(2**31,)).checked(TODAY)
    assert set(
        faults(lambda: NewInterview(1, TODAY, new_interviewers=(f"Lee{NUL}",)).checked(TODAY))
    ) == {"interviewers"}


def test_interview_changes_take_a_status_by_name() -> None:
    checked = InterviewChanges(status=" Cancelled ").checked(TODAY)  # type: ignore[arg-type]
    assert checked.status is InterviewStatus.CANCELLED
    assert set(faults(lambda: InterviewChanges(status="maybe").checked(TODAY))) == {"status"}  # type: ignore[arg-type]
    assert rules.changed(InterviewChanges(at=None).checked(TODAY)) == {"at": None}


def test_journal_entries_need_words_and_keep_their_lines() -> None:
    checked = NewJournalEntry(1, "## What went well\r\nThe pairing.\n").checked()
    assert checked.body == "## What went well\nThe pairing."
    assert faults(lambda: NewJournalEntry(1, prompt_template()).checked()) == {
        "body": "the journal entry is empty; write at least a line"
    }
    assert set(faults(lambda: NewJournalEntry(1, f"x{NUL}").checked())) == {"body"}
    with pytest.raises(NotFound, match="no interview with id 0"):
        JournalEntryChanges(interview_id=0).checked()
    assert JournalEntryChanges(interview_id=None).checked().interview_id is None


def test_step_changes_bound_the_day_and_the_draft() -> None:
    assert set(faults(lambda: TaskChanges(due=date(2031, 11, 26)).checked(TODAY))) == {"due"}
    assert TaskChanges(due=LAST).checked(TODAY).due == LAST
    assert faults(lambda: TaskChanges(draft=" \n ").checked(TODAY)) == {
        "draft": "the draft can't be empty"
    }
    assert TaskChanges(draft=None).checked(TODAY).draft is None  # back to the written draft
    assert set(faults(lambda: TaskChanges(draft_subject="Hi\nthere").checked(TODAY))) == {
        "draft_subject"
    }
    assert set(faults(lambda: TaskChanges(draft=f"Dear {ESC}").checked(TODAY))) == {"draft"}


def test_parsing_words_from_the_command_line() -> None:
    assert Status.parse(" Rejected ") is Status.REJECTED
    with pytest.raises(InvalidInput, match="unknown status 'nope'"):
        Status.parse("nope")
    assert Format.parse("TAKE-HOME") is Format.TAKE_HOME
    assert parse_time("9:05") == time(9, 5)
    with pytest.raises(InvalidInput, match="use HH:MM"):
        parse_time("25:00")


@pytest.mark.parametrize(
    "changes",
    [
        CompanyChanges(),
        PersonChanges(),
        ApplicationChanges(),
        InterviewChanges(),
        JournalEntryChanges(),
        TaskChanges(),
    ],
    ids=lambda c: type(c).__name__,
)
def test_changes_with_nothing_set_check_clean_and_change_nothing(changes: Any) -> None:
    checked = (
        changes.checked(TODAY)
        if "today" in inspect.signature(changes.checked).parameters
        else changes.checked()
    )
    assert checked == changes
    assert all(
        getattr(checked, f.name) is UNSET for f in fields(checked) if f.name != "add_socials"
    )
