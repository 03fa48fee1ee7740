"""Reading use cases every face calls: lists, names for pickers, answers as typed."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.companies import NewCompany
from nextround.domain.interviews import NewInterview
from nextround.domain.people import ConnectAnswer
from nextround.domain.tasks import Kind, TaskStatus
from nextround.errors import InvalidInput, NotFound
from nextround.services import agenda, applications, companies, interviews, people, tasks
from nextround.services.context import Context
from tests.services.scenario import interviewed


@pytest.mark.parametrize(
    ("text", "answer"),
    [("yes", ConnectAnswer.YES), (" NO ", ConnectAnswer.NO), ("Yes\n", ConnectAnswer.YES)],
)
def test_parse_answer(text: str, answer: ConnectAnswer) -> None:
    assert people.parse_answer(text) is answer


@pytest.mark.parametrize("text", ["", "maybe", "y", "yes please"])
def test_parse_answer_refuses_anything_else(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        people.parse_answer(text)
    assert caught.value.fields == {"answer": "choose yes or no"}


@pytest.mark.parametrize(("name", "said"), [("Dana", "Dana's"), ("James", "James'")])
def test_possessive(name: str, said: str) -> None:
    assert people.possessive(name) == said


def test_company_names_for_a_picker_ignore_case(ctx: Context) -> None:
    for name in ("globex", "Acme", "Zeta", "beta"):
        companies.add_company(ctx, NewCompany(name))
    assert companies.company_names(ctx) == ["Acme", "beta", "globex", "Zeta"]


def test_an_empty_database_has_no_history(ctx: Context) -> None:
    assert not agenda.has_history(ctx)
    companies.add_company(ctx, NewCompany("Acme"))
    assert not agenda.has_history(ctx)  # a company alone is not a search yet
    interviewed(ctx)
    assert agenda.has_history(ctx)


def test_interviews_of_everyone_or_one_application(ctx: Context) -> None:
    scenario = interviewed(ctx)
    later = interviews.add_interview(
        ctx, NewInterview(scenario.app_id, date(2026, 11, 12), interviewer_ids=(scenario.lee_id,))
    ).interview
    assert [i.id for i in interviews.list_interviews(ctx)] == [scenario.interview_id, later.id]
    assert [i.id for i in interviews.list_interviews(ctx, scenario.app_id)] == [
        scenario.interview_id,
        later.id,
    ]
    with pytest.raises(NotFound):
        interviews.list_interviews(ctx, 999)


def test_find_tasks_by_status_and_day(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    pending = tasks.find_tasks(ctx)
    assert pending and all(t.status.is_pending for t in pending)
    journal_task = next(t for t in pending if t.kind is Kind.JOURNAL)
    tasks.skip(ctx, journal_task.id)
    assert journal_task.id not in {t.id for t in tasks.find_tasks(ctx)}
    skipped = tasks.find_tasks(ctx, statuses=[TaskStatus.SKIPPED])
    assert [t.id for t in skipped] == [journal_task.id]
    early = tasks.find_tasks(ctx, due_before=date(2026, 11, 23))
    assert early and all(t.due < date(2026, 11, 23) for t in early)
    assert {t.id for t in early} < {t.id for t in tasks.find_tasks(ctx)}
    # Drafts are written as they read today, even on a list.
    card = next(t for t in tasks.find_tasks(ctx) if t.kind is Kind.THANK_YOU_CARD)
    assert card.draft
