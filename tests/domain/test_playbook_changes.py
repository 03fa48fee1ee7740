"""Change detection when a plan is reconciled: which stored steps a fresh plan refreshes."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from nextround.domain.playbook import PlannedTask, reconcile
from nextround.domain.tasks import Kind, TaskStatus
from tests.domain.test_playbook import FULL, one, stored

CARD = one(FULL, Kind.THANK_YOU_CARD)
OTHER_DAY = date(2026, 4, 1)


@pytest.mark.parametrize(
    ("status", "stored_as", "refreshed"),
    [
        (TaskStatus.OPEN, {}, False),
        (TaskStatus.OPEN, {"url": "https://old.example"}, True),
        (TaskStatus.OPEN, {"title": "Write a card"}, True),
        (TaskStatus.OPEN, {"due": OTHER_DAY}, True),
        # A snoozed step keeps the day the user chose, but not an old title or link.
        (TaskStatus.SNOOZED, {"due": OTHER_DAY}, False),
        (TaskStatus.SNOOZED, {"due": OTHER_DAY, "title": "old"}, True),
        (TaskStatus.SNOOZED, {"url": "https://old.example"}, True),
        # A cancelled step planned again is reopened even when nothing else changed.
        (TaskStatus.CANCELLED, {}, True),
        # Done and skipped steps are history: never refreshed.
        (TaskStatus.DONE, {"title": "old", "due": OTHER_DAY}, False),
        (TaskStatus.SKIPPED, {"url": "https://old.example"}, False),
    ],
)
def test_a_stored_step_is_refreshed_when_what_is_shown_changed(
    status: TaskStatus, stored_as: dict[str, object], refreshed: bool
) -> None:
    task = stored(CARD, 1, status, **stored_as)
    changes = reconcile([CARD], {task.key: task}, [task])
    assert changes.refresh == ([(task, CARD)] if refreshed else [])
    assert changes.create == changes.finish == changes.cancel == []


def test_a_url_added_to_a_step_refreshes_it() -> None:
    step = dataclasses.replace(CARD, url="https://acme.example/people")
    task = stored(CARD, 1)
    assert reconcile([step], {task.key: task}, [task]).refresh == [(task, step)]


@pytest.mark.parametrize("status", [TaskStatus.OPEN, TaskStatus.SNOOZED, TaskStatus.CANCELLED])
def test_a_step_done_elsewhere_finishes_a_pending_or_cancelled_task(status: TaskStatus) -> None:
    done = dataclasses.replace(CARD, done=True)
    task = stored(CARD, 1, status)
    changes = reconcile([done], {task.key: task}, [task])
    assert (changes.finish, changes.refresh) == ([task], [])


@pytest.mark.parametrize("status", [TaskStatus.DONE, TaskStatus.SKIPPED])
def test_a_step_done_elsewhere_leaves_history_alone(status: TaskStatus) -> None:
    task = stored(CARD, 1, status)
    assert reconcile([dataclasses.replace(CARD, done=True)], {task.key: task}, [task]).is_empty()


@pytest.mark.parametrize(
    ("kind", "planned", "outcome"),
    [
        # A step asking for information no longer planned: the information is there.
        (Kind.FIND_EMAIL, True, "finish"),
        (Kind.FIND_ADDRESS, True, "finish"),
        (Kind.RECORD_INTERVIEWERS, True, "finish"),
        # Nothing planned at all (the rejection withdrawn): nothing was found, it's called off.
        (Kind.FIND_EMAIL, False, "cancel"),
        (Kind.THANK_YOU_CARD, True, "cancel"),
        (Kind.CHECK_BACK, False, "cancel"),
    ],
)
def test_a_pending_task_no_longer_planned(kind: Kind, planned: bool, outcome: str) -> None:
    gone = PlannedTask("gone:1", kind, "Gone", date(2026, 3, 1), 1)
    task = stored(gone, 9)
    changes = reconcile([CARD] if planned else [], {}, [task])
    assert changes.finish == ([task] if outcome == "finish" else [])
    assert changes.cancel == ([task] if outcome == "cancel" else [])


@pytest.mark.parametrize("status", [TaskStatus.DONE, TaskStatus.SKIPPED, TaskStatus.CANCELLED])
def test_a_finished_task_no_longer_planned_is_left_alone(status: TaskStatus) -> None:
    task = stored(PlannedTask("gone:1", Kind.FIND_EMAIL, "Gone", date(2026, 3, 1), 1), 9, status)
    assert reconcile([CARD], {}, [task]).finish == reconcile([], {}, [task]).cancel == []
