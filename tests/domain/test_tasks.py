"""Tasks: the daily agenda, snoozing rules and the machine-readable shape."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from nextround.domain.tasks import Kind, Task, TaskStatus, agenda_end, build_agenda, check_snooze
from nextround.errors import InvalidInput

TODAY = date(2026, 3, 10)


def task(
    task_id: int,
    due: date,
    status: TaskStatus = TaskStatus.OPEN,
    kind: Kind = Kind.JOURNAL,
    **kw: object,
) -> Task:
    return Task(
        id=task_id,
        key=f"{kind.value}:t{task_id}",
        kind=kind,
        title=f"task {task_id}",
        due=due,
        status=status,
        **kw,  # type: ignore[arg-type]
    )


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --------------------------------------------------------------------------- build_agenda()


@pytest.mark.parametrize(
    ("due", "status", "group"),
    [
        pytest.param(days(-30), TaskStatus.OPEN, "overdue", id="month-overdue"),
        pytest.param(days(-1), TaskStatus.OPEN, "overdue", id="yesterday-overdue"),
        pytest.param(days(0), TaskStatus.OPEN, "due_today", id="today"),
        pytest.param(days(1), TaskStatus.OPEN, "upcoming", id="tomorrow-upcoming"),
        pytest.param(days(7), TaskStatus.OPEN, "upcoming", id="day-7-upcoming"),
        pytest.param(days(8), TaskStatus.OPEN, None, id="day-8-beyond-agenda"),
        pytest.param(days(90), TaskStatus.OPEN, None, id="far-future-beyond-agenda"),
        pytest.param(days(-1), TaskStatus.SNOOZED, "overdue", id="snoozed-overdue"),
        pytest.param(days(3), TaskStatus.SNOOZED, "upcoming", id="snoozed-upcoming"),
        pytest.param(days(0), TaskStatus.DONE, None, id="done-excluded"),
        pytest.param(days(-2), TaskStatus.SKIPPED, None, id="skipped-excluded"),
        pytest.param(days(2), TaskStatus.CANCELLED, None, id="cancelled-excluded"),
    ],
)
def test_agenda_groups(due: date, status: TaskStatus, group: str | None) -> None:
    t = task(1, due, status)
    agenda = build_agenda(TODAY, [t])
    groups = {
        "overdue": agenda.overdue,
        "due_today": agenda.due_today,
        "upcoming": agenda.upcoming,
    }
    assert {name: [x.id for x in tasks] for name, tasks in groups.items()} == {
        name: [1] if name == group else [] for name in groups
    }
    assert agenda.today == TODAY
    assert agenda.is_empty() is (group is None)


def test_agenda_sorted_by_due_then_id() -> None:
    tasks = [
        task(5, days(2)),
        task(3, days(-1)),
        task(9, days(0)),
        task(2, days(2)),
        task(1, days(-3)),
        task(4, days(-1)),
        task(8, days(0)),
        task(7, days(1)),
    ]
    agenda = build_agenda(TODAY, tasks)
    assert [t.id for t in agenda.overdue] == [1, 3, 4]
    assert [t.id for t in agenda.due_today] == [8, 9]
    assert [t.id for t in agenda.upcoming] == [7, 2, 5]


def test_agenda_of_nothing_is_empty() -> None:
    agenda = build_agenda(TODAY, [])
    assert agenda.is_empty()
    assert (agenda.overdue, agenda.due_today, agenda.upcoming) == ([], [], [])


def test_agenda_accepts_any_iterable() -> None:
    agenda = build_agenda(TODAY, (task(i, days(i)) for i in range(3)))
    assert [t.id for t in agenda.due_today] == [0]
    assert [t.id for t in agenda.upcoming] == [1, 2]


def test_agenda_end_is_a_week_ahead() -> None:
    assert agenda_end(TODAY) == date(2026, 3, 17)
    assert agenda_end(date(2026, 12, 28)) == date(2027, 1, 4)


# --------------------------------------------------------------------------- check_snooze()


@pytest.mark.parametrize(
    ("status", "until", "error"),
    [
        pytest.param(TaskStatus.DONE, days(3), "task 5 is done", id="done"),
        pytest.param(TaskStatus.SKIPPED, days(3), "task 5 is skipped", id="skipped"),
        pytest.param(TaskStatus.CANCELLED, days(3), "task 5 is cancelled", id="cancelled"),
        pytest.param(
            TaskStatus.OPEN, days(0), "snooze until 2026-03-10 is not after today", id="until-today"
        ),
        pytest.param(
            TaskStatus.OPEN,
            days(-4),
            "snooze until 2026-03-06 is not after today",
            id="in-the-past",
        ),
        pytest.param(TaskStatus.OPEN, days(1), None, id="tomorrow-ok"),
        pytest.param(TaskStatus.SNOOZED, days(30), None, id="snoozed-again-ok"),
    ],
)
def test_check_snooze(status: TaskStatus, until: date, error: str | None) -> None:
    t = task(5, days(0), status)
    if error is None:
        check_snooze(t, until, TODAY)
        return
    with pytest.raises(InvalidInput) as err:
        check_snooze(t, until, TODAY)
    assert error in err.value.message
    assert "\n" not in err.value.message


# --------------------------------------------------------------------------- to_json()


def test_to_json_shape() -> None:
    t = task(
        42,
        date(2026, 3, 12),
        TaskStatus.SNOOZED,
        Kind.THANK_YOU_CARD,
        application_id=7,
        company_id=1,
        company="Acme",
        person_id=11,
        person="Dana Scully",
        url="https://acme.example",
        draft_subject=None,
        draft="Dear Dana,",
        done_on=None,
    )
    data = t.to_json()
    assert {
        "id": 42,
        "kind": "thank_you_card",
        "title": "task 42",
        "due": "2026-03-12",
        "status": "snoozed",
        "company": "Acme",
        "person": "Dana Scully",
        "application_id": 7,
    }.items() <= data.items()
    assert type(data["kind"]) is str
    assert type(data["status"]) is str
    assert data["done_on"] is None
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("done_on", "expected"),
    [
        pytest.param(None, None, id="not-done"),
        pytest.param(date(2026, 3, 9), "2026-03-09", id="done-iso"),
    ],
)
def test_to_json_done_on(done_on: date | None, expected: str | None) -> None:
    assert task(1, TODAY, TaskStatus.DONE, done_on=done_on).to_json()["done_on"] == expected


@pytest.mark.parametrize(
    ("kind", "gap"),
    [
        pytest.param(
            k, k in {Kind.RECORD_INTERVIEWERS, Kind.FIND_ADDRESS, Kind.FIND_EMAIL}, id=k.value
        )
        for k in Kind
    ],
)
def test_kind_fills_a_gap(kind: Kind, gap: bool) -> None:
    assert kind.fills_a_gap is gap


@pytest.mark.parametrize(
    ("status", "pending"),
    [
        pytest.param(TaskStatus.OPEN, True, id="open"),
        pytest.param(TaskStatus.SNOOZED, True, id="snoozed"),
        pytest.param(TaskStatus.DONE, False, id="done"),
        pytest.param(TaskStatus.SKIPPED, False, id="skipped"),
        pytest.param(TaskStatus.CANCELLED, False, id="cancelled"),
    ],
)
def test_status_is_pending(status: TaskStatus, pending: bool) -> None:
    assert status.is_pending is pending


def test_six_playbook_kinds_keep_their_names() -> None:
    assert {k.value for k in Kind} >= {
        "journal",
        "thank_you_card",
        "congrats_email",
        "linkedin_invite",
        "follow_company",
        "check_back",
    }
