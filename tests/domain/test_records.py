"""Small rules of the records: names and keys compared for duplicates, salaries, JSON shapes."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

import pytest

from nextround.domain.applications import (
    Application,
    Period,
    Salary,
    Status,
    _choice,
    check_salary,
)
from nextround.domain.companies import normal_name, site_domain
from nextround.domain.history import Change, ChangeKind
from nextround.domain.interviews import Interview, InterviewStatus, _status
from nextround.domain.people import email_key, profile_key
from nextround.domain.playbook import met_at, plan_notes, to_call_off
from nextround.domain.suggestions import Suggestion, SuggestionKind, SuggestionStatus
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.errors import InvalidInput
from tests.domain.test_playbook import DANA, make_input


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("ACME Robotics, Inc.", "acme robotics"),
        ("Acme Robotics Inc", "acme robotics"),
        ("Zürich Analytics AG", "zurich analytics"),
        ("Smith & Sons Ltd.", "smith and sons"),
        ("Foo_Bar GmbH & Co. KG", "foo bar gmbh and"),
        ("Inc", "inc"),  # a name is never emptied
        ("  Acme   Labs  ", "acme labs"),
        ("The Company", "the"),  # "company" is a legal suffix too
        ("Ltd Inc LLC", "ltd"),
    ],
)
def test_normal_name(name: str, normal: str) -> None:
    assert normal_name(name) == normal


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.acme.example/jobs", "acme.example"),
        ("acme.example", "acme.example"),
        ("http://Careers.Acme.example:8080/x", "careers.acme.example"),
        ("www.acme.example", "acme.example"),
        ("", None),
        (None, None),
        ("https://", None),
        ("http://[::1", None),
    ],
)
def test_site_domain(url: str | None, domain: str | None) -> None:
    assert site_domain(url) == domain


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/Dana-Scully/", "linkedin.com/in/dana-scully"),
        ("linkedin.com/in/dana-scully?trk=x", "linkedin.com/in/dana-scully"),
        ("https://LinkedIn.com/in/j%C3%BCrgen", "linkedin.com/in/jürgen"),
        ("", None),
        (None, None),
        ("https:///in/x", None),
        ("http://[::1", None),
    ],
)
def test_profile_key(url: str | None, key: str | None) -> None:
    assert profile_key(url) == key


def test_email_key() -> None:
    assert email_key("  Dana@Acme.Example ") == "dana@acme.example"
    assert email_key("") is None
    assert email_key(None) is None


@pytest.mark.parametrize(
    ("salary", "shown"),
    [
        (Salary(50_000, 60_000, "EUR", Period.YEAR), "EUR 50,000\u201360,000 a year"),
        (Salary(50_000, 50_000, "EUR", Period.YEAR), "EUR 50,000 a year"),
        (Salary(50_000, None, "USD"), "USD 50,000"),
        (Salary(None, 4_000, None, Period.MONTH), "4,000 a month"),
        (Salary(None, None, "GBP", Period.DAY), "GBP a day"),
        (Salary(None, None, None, Period.HOUR), ""),
        (Salary(1_000, 2_000), "1,000\u20132,000"),
    ],
)
def test_salary_as_shown(salary: Salary, shown: str) -> None:
    assert str(salary) == shown


def test_check_salary_refuses_a_range_upside_down() -> None:
    app = Application(1, 1, "Engineer", Status.APPLIED, salary=Salary(70_000, 60_000))
    with pytest.raises(InvalidInput) as caught:
        check_salary(app)
    assert "70,000" in caught.value.message or "70000" in caught.value.message
    check_salary(Application(1, 1, "Engineer", Status.APPLIED, salary=Salary(60_000, 70_000)))
    check_salary(Application(1, 1, "Engineer", Status.APPLIED))


def test_choice_rules_read_words_as_people_type_them() -> None:
    rule = _choice(Period, "salary_period", "salary period")
    assert rule("Year") is Period.YEAR
    assert rule(" HOUR ") is Period.HOUR
    assert rule("") is None
    assert rule(None) is None
    with pytest.raises(InvalidInput) as caught:
        rule("fortnight")
    assert caught.value.fields == {
        "salary_period": "salary period 'fortnight' is not one of: year, month, week, day, hour"
    }


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (InterviewStatus.CANCELLED, InterviewStatus.CANCELLED),
        ("planned", InterviewStatus.PLANNED),
        (" Cancelled ", InterviewStatus.CANCELLED),
        ("CALLED_OFF", InterviewStatus.CALLED_OFF),
    ],
)
def test_interview_status(value: object, status: InterviewStatus) -> None:
    assert _status(value) is status


def test_an_unknown_interview_status_names_the_choices() -> None:
    with pytest.raises(InvalidInput) as caught:
        _status("done")
    assert caught.value.message == "unknown interview status 'done'; choose planned or cancelled"
    assert caught.value.fields == {"status": caught.value.message}


def test_a_deletion_leaves_the_trash_after_thirty_days() -> None:
    change = Change(1, "delete Acme", ChangeKind.TRASH, datetime(2026, 11, 25, 23, 30))
    assert change.expires_on() == date(2026, 12, 25)
    assert not change.undone
    assert Change(2, "x", ChangeKind.CHANGE, datetime(2026, 1, 1), datetime(2026, 1, 2)).undone


# -- who was met, and which interviews a rejection calls off ----------------------------

REJECTED = date(2026, 3, 10)


def interview(
    id: int,
    on: date,
    people: tuple[int, ...],
    at: time | None = None,
    status: InterviewStatus = InterviewStatus.PLANNED,
) -> Interview:
    return Interview(id, 7, on, at, interviewer_ids=people, status=status)


def test_met_at_lists_the_people_of_held_interviews_first_met_first() -> None:
    interviews = [
        interview(1, date(2026, 3, 5), (3, 1), time(15, 0)),
        interview(2, date(2026, 3, 5), (2,), time(9, 0)),
        interview(3, date(2026, 3, 5), (4,)),  # no time: before the timed ones that day
        interview(4, date(2026, 3, 1), (5, 3)),
        interview(5, REJECTED, (6,)),  # on the day of the rejection: held
        interview(6, date(2026, 3, 11), (7,)),  # after it: never held
        interview(7, date(2026, 3, 2), (8,), status=InterviewStatus.CANCELLED),
        interview(8, date(2026, 3, 2), (9,), status=InterviewStatus.CALLED_OFF),
    ]
    assert met_at(interviews, REJECTED) == [5, 3, 4, 2, 1, 6]


def test_met_at_orders_same_time_interviews_by_id() -> None:
    same = [interview(9, REJECTED, (2,), time(9)), interview(8, REJECTED, (1,), time(9))]
    assert met_at(same, REJECTED) == [1, 2]


def test_to_call_off_and_back() -> None:
    interviews = [
        interview(1, date(2026, 3, 9), ()),
        interview(2, REJECTED, ()),
        interview(3, date(2026, 3, 11), ()),
        interview(4, date(2026, 3, 12), (), status=InterviewStatus.CALLED_OFF),
        interview(5, date(2026, 3, 9), (), status=InterviewStatus.CALLED_OFF),
        interview(6, date(2026, 3, 12), (), status=InterviewStatus.CANCELLED),
    ]
    # Still to come after the rejection: called off; called off but held by then: back.
    assert to_call_off(interviews, REJECTED) == ([3], [5])
    # The rejection withdrawn: every interview it called off is planned again.
    assert to_call_off(interviews, None) == ([], [4, 5])


def test_plan_notes_name_who_was_still_to_be_met() -> None:
    fox = DANA.__class__(12, "Fox Mulder", DANA.company_id)
    inp = dataclasses.replace(make_input(interviewers=[DANA]), not_met=[DANA, fox])
    assert plan_notes(inp) == (
        "No card or email for Fox Mulder: you were still to meet them when "
        "Acme said no, so that interview is called off.",
    )
    assert plan_notes(make_input(interviewers=[DANA])) == ()


# -- JSON shapes every face shares -------------------------------------------------------


def test_task_to_json() -> None:
    task = Task(
        3,
        "journal:a7",
        Kind.JOURNAL,
        "Write it down",
        date(2026, 3, 10),
        TaskStatus.DONE,
        application_id=7,
        company_id=1,
        company="Acme",
        person_id=11,
        person="Dana",
        url="https://x.example",
        draft_subject="Hi",
        draft="Body",
        draft_edited=True,
        done_on=date(2026, 3, 11),
        revision=4,
        draft_problem="too long",
    )
    assert task.to_json() == {
        "id": 3,
        "kind": "journal",
        "title": "Write it down",
        "due": "2026-03-10",
        "status": "done",
        "company": "Acme",
        "person": "Dana",
        "application_id": 7,
        "company_id": 1,
        "person_id": 11,
        "url": "https://x.example",
        "draft_subject": "Hi",
        "draft": "Body",
        "draft_edited": True,
        "draft_problem": "too long",
        "done_on": "2026-03-11",
        "revision": 4,
    }
    bare = Task(4, "k", Kind.CHECK_BACK, "t", date(2026, 3, 10), TaskStatus.OPEN)
    assert bare.to_json()["done_on"] is None


def test_suggestion_to_json() -> None:
    found = Suggestion(
        5,
        "<m@x>",
        "inbox.mbox",
        SuggestionKind.JOB,
        datetime(2026, 11, 20, 9, 30),
        "jobs@acme.example",
        "Acme Jobs",
        "Your application",
        "We regret...",
        "rejection",
        0.87654,
        ("rejection: x",),
        None,
        1,
        7,
        None,
        SuggestionStatus.PENDING,
        None,
        company="Acme",
        role="Engineer",
    )
    assert found.to_json() == {
        "id": 5,
        "kind": "job",
        "status": "pending",
        "label": "rejection",
        "confidence": 0.877,
        "evidence": ["rejection: x"],
        "answer": None,
        "message_id": "<m@x>",
        "source": "inbox.mbox",
        "received_at": "2026-11-20T09:30:00",
        "sender": "jobs@acme.example",
        "sender_name": "Acme Jobs",
        "subject": "Your application",
        "company_id": 1,
        "company": "Acme",
        "application_id": 7,
        "role": "Engineer",
        "person_id": None,
        "person": None,
        "decided_on": None,
    }
    decided = Suggestion(
        **{**found.__dict__, "received_at": None, "decided_on": date(2026, 11, 21)}
    )
    assert (decided.to_json()["received_at"], decided.to_json()["decided_on"]) == (
        None,
        "2026-11-21",
    )
