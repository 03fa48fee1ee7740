"""Who the follow-up plan is for: the people actually met before the company said no."""

from __future__ import annotations

from datetime import date

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import CompanyChanges
from nextround.domain.interviews import InterviewChanges, InterviewStatus, NewInterview
from nextround.domain.people import NewPerson, PersonChanges
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.services import applications, companies, interviews, people, tasks
from nextround.services.context import Context
from tests.services.scenario import Scenario, interviewed

REJECTED_ON = date(2026, 11, 20)


def pat_later(ctx: Context, s: Scenario, on: date = date(2026, 11, 24)) -> tuple[int, int]:
    """Pat, met only in a later interview; returns (Pat's id, that interview's id)."""
    pat = people.add_person(ctx, NewPerson("Pat Doe", s.company_id, email="pat@acme.example"))
    later = interviews.add_interview(
        ctx, NewInterview(s.app_id, on, interviewer_ids=(pat.id, s.dana_id))
    )
    return pat.id, later.interview.id


def of(found: list[Task], person_id: int) -> set[Kind]:
    return {t.kind for t in found if t.person_id == person_id and t.status.is_pending}


def status_of(ctx: Context, interview_id: int) -> InterviewStatus:
    return interviews.show_interview(ctx, interview_id).interview.status


NOTE = (
    "No card or email for Pat Doe: you were still to meet them when Acme Robotics said no, "
    "so that interview is called off."
)


def test_an_interview_after_the_rejection_is_called_off_and_its_people_get_nothing(
    ctx: Context,
) -> None:
    s = interviewed(ctx)
    pat, later = pat_later(ctx, s)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    assert status_of(ctx, later) is InterviewStatus.CALLED_OFF
    assert status_of(ctx, s.interview_id) is InterviewStatus.PLANNED
    assert of(plan.tasks, pat) == set()
    assert not [t for t in plan.tasks if t.person_id == pat]
    assert of(plan.tasks, s.dana_id) == {Kind.THANK_YOU_CARD, Kind.CONGRATS_EMAIL}
    assert plan.notes == (NOTE,)
    assert applications.show_application(ctx, s.app_id).notes == (NOTE,)
    assert "Pat Doe" not in " ".join(t.title for t in plan.tasks)


def test_withdrawing_the_rejection_reinstates_the_interview(ctx: Context) -> None:
    s = interviewed(ctx)
    pat, later = pat_later(ctx, s)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    withdrawn = applications.set_status(ctx, s.app_id, Status.INTERVIEWING)
    assert status_of(ctx, later) is InterviewStatus.PLANNED
    assert withdrawn.notes == ()
    assert applications.show_application(ctx, s.app_id).notes == ()
    # Rejected after that interview after all: Pat was met, and gets a card and an email.
    again = applications.reject(ctx, s.app_id, date(2026, 11, 25))
    assert status_of(ctx, later) is InterviewStatus.PLANNED
    assert of(again.tasks, pat) == {Kind.THANK_YOU_CARD, Kind.CONGRATS_EMAIL}
    assert again.notes == ()


def test_an_interview_added_after_the_rejection_day_is_called_off_at_once(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    pat, later = pat_later(ctx, s, on=date(2026, 12, 3))
    assert status_of(ctx, later) is InterviewStatus.CALLED_OFF
    view = applications.show_application(ctx, s.app_id)
    assert of(view.tasks, pat) == set()
    assert view.notes == (NOTE,)


def test_moving_the_rejection_before_an_interview_calls_it_off(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    assert of(plan.tasks, s.lee_id)
    moved = applications.reject(ctx, s.app_id, date(2026, 11, 5))
    assert status_of(ctx, s.interview_id) is InterviewStatus.CALLED_OFF
    assert of(moved.tasks, s.lee_id) == set()
    assert of(moved.tasks, s.dana_id) == set()
    assert {t.kind for t in moved.tasks if t.status.is_pending} >= {Kind.RECORD_INTERVIEWERS}
    cancelled = {t.kind for t in moved.tasks if t.status is TaskStatus.CANCELLED}
    assert Kind.THANK_YOU_CARD in cancelled


def test_an_interview_the_user_cancelled_gives_no_card_and_no_called_off_note(
    ctx: Context,
) -> None:
    s = interviewed(ctx)
    pat = people.add_person(ctx, NewPerson("Pat Doe", s.company_id, email="pat@acme.example"))
    meeting = interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 11, 12), interviewer_ids=(pat.id,))
    ).interview
    interviews.edit_interview(ctx, meeting.id, InterviewChanges(status=InterviewStatus.CANCELLED))
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    assert status_of(ctx, meeting.id) is InterviewStatus.CANCELLED
    assert of(plan.tasks, pat.id) == set()
    assert plan.notes == ()


def test_someone_met_in_two_interviews_gets_one_card(ctx: Context) -> None:
    s = interviewed(ctx)
    interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 11, 15), interviewer_ids=(s.dana_id,))
    )
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    cards = [t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD]
    assert sorted(t.person_id or 0 for t in cards) == sorted([s.dana_id, s.lee_id])
    emails = [t for t in plan.tasks if t.kind is Kind.CONGRATS_EMAIL]
    assert [t.person_id for t in emails] == [s.dana_id]


def test_someone_met_for_two_applications_gets_a_card_for_each(ctx: Context) -> None:
    s = interviewed(ctx)
    other = applications.add_application(
        ctx,
        NewApplication("Platform Engineer", company_id=s.company_id, applied_on=date(2026, 9, 1)),
    ).application
    interviews.add_interview(
        ctx, NewInterview(other.id, date(2026, 9, 20), interviewer_ids=(s.dana_id,))
    )
    applications.reject(ctx, s.app_id, REJECTED_ON)
    applications.reject(ctx, other.id, date(2026, 10, 1))
    dana = people.show_person(ctx, s.dana_id)
    cards = [t for t in dana.tasks if t.kind is Kind.THANK_YOU_CARD]
    assert sorted(t.application_id or 0 for t in cards) == sorted([s.app_id, other.id])


def test_interviewers_and_a_company_without_addresses_share_one_address_step(
    ctx: Context,
) -> None:
    s = interviewed(ctx)
    kim = people.add_person(ctx, NewPerson("Kim Park", s.company_id))
    interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 11, 12), interviewer_ids=(kim.id,))
    )
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    [find] = [t for t in plan.tasks if t.kind is Kind.FIND_ADDRESS]
    assert find.key == f"find_address:c{s.company_id}"
    assert (find.person_id, find.company_id) == (None, s.company_id)
    assert find.title == (
        "Find a postal address for Acme Robotics' office (for the cards to Lee Wong and Kim Park)"
    )
    assert find.due == date(2026, 11, 21)
    assert find.url == "https://acme.example"
    needing = [t for t in plan.tasks if t.title.endswith("(address needed)")]
    assert sorted(t.person_id or 0 for t in needing) == sorted([s.lee_id, kim.id])
    # One of them found: the step now names only the other.
    people.edit_person(ctx, kim.id, PersonChanges(address="9 Elm"))
    [find] = [
        t for t in applications.show_application(ctx, s.app_id).tasks if t.kind is Kind.FIND_ADDRESS
    ]
    assert find.title.endswith("(for the cards to Lee Wong)")
    assert find.status is TaskStatus.OPEN
    # The office's address serves everyone: the step is done.
    companies.edit_company(ctx, s.company_id, CompanyChanges(address="1 Dock Road\nPortsmouth"))
    view = applications.show_application(ctx, s.app_id)
    [find] = [t for t in view.tasks if t.kind is Kind.FIND_ADDRESS]
    assert find.status is TaskStatus.DONE
    assert not [t for t in view.tasks if t.title.endswith("(address needed)")]


def test_a_card_already_mailed_needs_no_address_step(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    lee_card = next(
        t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person_id == s.lee_id
    )
    tasks.mark_done(ctx, lee_card.id)  # mailed: the address was found somewhere
    [find] = [
        t for t in applications.show_application(ctx, s.app_id).tasks if t.kind is Kind.FIND_ADDRESS
    ]
    assert find.status is TaskStatus.DONE
