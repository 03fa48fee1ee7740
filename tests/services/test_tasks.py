"""Steps change only from the state the user saw: of two clients acting at once, one wins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest

from nextround.domain.people import PersonChanges
from nextround.domain.tasks import Kind, Task, TaskChanges, TaskStatus
from nextround.errors import Conflict, NextroundError
from nextround.services import applications, history, people, tasks
from nextround.services.context import Context, open_context
from nextround.storage import records
from tests.services.scenario import Scenario, interviewed
from tests.tables import fingerprint


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


ACTS: dict[str, Callable[[Context, int], object]] = {
    "done": tasks.mark_done,
    "skipped": tasks.skip,
    "snoozed": lambda ctx, task_id: tasks.snooze(ctx, task_id, date(2026, 12, 9)),
}


@pytest.mark.parametrize("first", ["done", "skipped"])
@pytest.mark.parametrize("then", list(ACTS))
def test_a_finished_step_is_a_conflict_and_nothing_changes(
    ctx: Context, first: str, then: str
) -> None:
    s = rejected(ctx)
    task = card(ctx, s.dana_id)
    ACTS[first](ctx, task.id)
    before = fingerprint(ctx.db)
    changes = len(history.recent(ctx, 100))
    with pytest.raises(Conflict, match=f"task {task.id} is already {first} on 2026-11-25"):
        ACTS[then](ctx, task.id)
    assert fingerprint(ctx.db) == before
    assert len(history.recent(ctx, 100)) == changes


def test_a_snoozed_step_can_still_be_done(ctx: Context) -> None:
    s = rejected(ctx)
    task = card(ctx, s.dana_id)
    tasks.snooze(ctx, task.id, date(2026, 12, 9))
    done = tasks.mark_done(ctx, task.id)
    assert (done.status, done.done_on) == (TaskStatus.DONE, date(2026, 11, 25))
    assert people.show_person(ctx, s.dana_id).relationship.card_mailed_on == date(2026, 11, 25)


@pytest.mark.parametrize("act", list(ACTS))
def test_a_step_changed_since_the_user_saw_it_is_refused(ctx: Context, act: str) -> None:
    s = rejected(ctx)
    seen = card(ctx, s.dana_id)
    tasks.edit_task(ctx, seen.id, TaskChanges(draft="Dear Dana, thanks."))  # another window
    before = fingerprint(ctx.db)
    verb = {"done": "done", "skipped": "skipped", "snoozed": "snoozed"}[act]
    call: dict[str, Callable[[], object]] = {
        "done": lambda: tasks.mark_done(ctx, seen.id, expected_revision=seen.revision),
        "skipped": lambda: tasks.skip(ctx, seen.id, expected_revision=seen.revision),
        "snoozed": lambda: tasks.snooze(
            ctx, seen.id, date(2026, 12, 9), expected_revision=seen.revision
        ),
    }
    with pytest.raises(Conflict, match=f"changed meanwhile .* it was not marked {verb}"):
        call[act]()
    assert fingerprint(ctx.db) == before
    fresh = tasks.show_task(ctx, seen.id)
    ACTS[act](ctx, fresh.id)


def test_a_stale_draft_edit_is_refused(ctx: Context) -> None:
    s = rejected(ctx)
    seen = card(ctx, s.lee_id)
    tasks.edit_task(ctx, seen.id, TaskChanges(draft="First."), expected_revision=seen.revision)
    with pytest.raises(Conflict):
        tasks.edit_task(ctx, seen.id, TaskChanges(draft="Second."), expected_revision=seen.revision)
    assert tasks.show_task(ctx, seen.id).draft == "First."


def test_a_row_updated_on_an_old_revision_is_a_conflict(ctx: Context) -> None:
    s = rejected(ctx)
    seen = people.show_person(ctx, s.dana_id).person
    people.edit_person(ctx, s.dana_id, PersonChanges(title="Director"))
    before = fingerprint(ctx.db)
    with pytest.raises(Conflict, match="changed elsewhere"), ctx.db.transaction() as c:
        records.update(
            c, "people", ctx.owner, s.dana_id, {"title": "Mine"}, expect={"revision": seen.revision}
        )
    assert fingerprint(ctx.db) == before


def test_two_clients_marking_one_step_done_at_once_do_it_once(ctx: Context) -> None:
    s = rejected(ctx)
    task = card(ctx, s.dana_id)
    contexts = [open_context(ctx.settings) for _ in range(2)]
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def act(other: Context) -> None:
        start.wait()
        try:
            outcomes.append(tasks.mark_done(other, task.id, expected_revision=task.revision))
        except NextroundError as exc:
            outcomes.append(exc)

    try:
        threads = [threading.Thread(target=act, args=(c,)) for c in contexts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        for other in contexts:
            other.close()
    done = [o for o in outcomes if isinstance(o, Task)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert (len(done), len(refused)) == (1, 1), outcomes
    marked = [c for c in history.recent(ctx, 100) if c.label.startswith("Done: Write a thank-you")]
    assert len(marked) == 1
    assert tasks.show_task(ctx, task.id).revision == task.revision + 1
