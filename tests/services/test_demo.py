"""The demo job search: a consistent, fictional database that shows the product at work."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from nextround.config import Settings, UserProfile
from nextround.domain.applications import Status
from nextround.domain.people import ConnectState
from nextround.domain.playbook import STEPS, PlaybookSettings
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.errors import Conflict, StorageError
from nextround.services import (
    agenda,
    applications,
    companies,
    demo,
    history,
    journal,
    people,
    tasks,
)
from nextround.services.context import Context, open_context

TODAY = date(2026, 11, 25)


def open_at(folder: Path, *, today: date = TODAY, **settings: Any) -> Context:
    return open_context(Settings(db_url=str(folder / "n.db"), today=today, **settings))


@dataclass(frozen=True)
class Loaded:
    ctx: Context
    report: demo.DemoReport


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """One demo database shared by the tests that only read it (a load takes a few seconds)."""
    ctx = open_at(tmp_path_factory.mktemp("demo"))
    report = demo.load_demo(ctx)
    yield Loaded(ctx, report)
    ctx.close()


def all_tasks(ctx: Context) -> list[Task]:
    return tasks.list_tasks(ctx, include_closed=True)


def stored_counts(ctx: Context) -> tuple[int, ...]:
    return (
        len(companies.list_companies(ctx)),
        len(applications.list_applications(ctx)),
        len(people.list_people(ctx)),
        len(all_tasks(ctx)),
    )


def test_report_matches_what_is_stored(loaded: Loaded) -> None:
    ctx, report = loaded.ctx, loaded.report
    rejected = applications.list_applications(ctx, Status.REJECTED)
    assert (report.companies, report.applications, report.people, report.tasks) == stored_counts(
        ctx
    )
    assert report.rejections == len(rejected)
    assert report.companies >= 12
    assert 15 <= report.applications <= 20
    assert report.people >= 12


def test_rejections_have_several_ages(loaded: Loaded) -> None:
    ages = sorted(
        (TODAY - a.rejected_on).days
        for a in applications.list_applications(loaded.ctx, Status.REJECTED)
        if a.rejected_on
    )
    assert len(ages) >= 5
    assert ages[0] == 0  # rejected today
    assert any(1 <= d <= 14 for d in ages)  # fresh: cards and emails due
    assert any(30 <= d <= 60 for d in ages)  # relationships under way
    assert any(80 <= d <= 130 for d in ages)  # first check-back
    assert ages[-1] >= 182  # second check-back


def test_every_status_of_the_pipeline_appears(loaded: Loaded) -> None:
    assert {a.status for a in applications.list_applications(loaded.ctx)} == set(Status)


def test_agenda_has_overdue_today_and_upcoming(loaded: Loaded) -> None:
    found = agenda.today(loaded.ctx)
    assert found.overdue
    assert found.due_today
    assert found.upcoming
    assert all(t.due < TODAY for t in found.overdue)
    assert all(t.due > TODAY for t in found.upcoming)


def test_every_task_kind_exists(loaded: Loaded) -> None:
    kinds = {t.kind for t in all_tasks(loaded.ctx)}
    assert set(STEPS) <= kinds
    assert {Kind.RECORD_INTERVIEWERS, Kind.FIND_EMAIL, Kind.FIND_ADDRESS} <= kinds


def test_missing_information_shows_up_as_tasks(loaded: Loaded) -> None:
    titles = [t.title for t in all_tasks(loaded.ctx) if t.status.is_pending]
    assert any(t.endswith("(address needed)") for t in titles)
    assert any(t.startswith("Find") and "social accounts" in t for t in titles)


def test_every_step_already_taken_found_its_task(loaded: Loaded) -> None:
    """Each ``Done`` in the stories marked a real task: none was silently skipped."""
    steps = [s for story in demo.STORIES for s in story.steps if isinstance(s, demo.Done)]
    done = [
        t
        for t in all_tasks(loaded.ctx)
        if t.status is TaskStatus.DONE and t.kind is not Kind.JOURNAL
    ]
    assert len(done) == sum(len(s.people) or 1 for s in steps)
    assert all(t.status is not TaskStatus.CANCELLED for t in all_tasks(loaded.ctx))


def test_relationships_are_at_different_stages(loaded: Loaded) -> None:
    ctx = loaded.ctx
    states = {
        people.show_person(ctx, row.person.id).relationship.connect_state(TODAY)
        for row in people.list_people(ctx)
    }
    assert {
        ConnectState.NOT_ASKED,
        ConnectState.WAITING,
        ConnectState.YES,
        ConnectState.NO,
        ConnectState.NO_REPLY,
    } <= states
    invites = [t for t in all_tasks(ctx) if t.kind is Kind.LINKEDIN_INVITE]
    assert {t.status for t in invites} == {TaskStatus.OPEN, TaskStatus.DONE}


def test_drafts_mention_a_topic_recorded_for_the_person(loaded: Loaded) -> None:
    [card] = [
        t
        for t in all_tasks(loaded.ctx)
        if t.kind is Kind.THANK_YOU_CARD and t.person == "Priya Raman"
    ]
    assert card.draft and "about the ingest pipeline" in card.draft
    # The journal's own words stay in the journal.
    assert "whiteboard" not in card.draft


def test_one_application_has_no_interviewers_recorded(loaded: Loaded) -> None:
    [task] = [t for t in all_tasks(loaded.ctx) if t.kind is Kind.RECORD_INTERVIEWERS]
    assert (task.status, task.due) == (TaskStatus.OPEN, TODAY)


def test_everything_is_fictional(loaded: Loaded) -> None:
    ctx = loaded.ctx
    found = [row.company for row in companies.list_companies(ctx)]
    assert all((urlsplit(c.website or "").hostname or "").endswith(".example") for c in found)
    assert any(c.address for c in found) and any(not c.address for c in found)
    assert any(c.socials for c in found) and any(not c.socials for c in found)
    everyone = [row.person for row in people.list_people(ctx)]
    emails = [p.email for p in everyone if p.email]
    assert emails and all(e.endswith(".example") for e in emails)
    assert any(p.email is None for p in everyone)


def test_second_load_is_refused_and_writes_nothing(loaded: Loaded) -> None:
    before = stored_counts(loaded.ctx)
    with pytest.raises(Conflict, match="already holds a job search"):
        demo.load_demo(loaded.ctx)
    assert stored_counts(loaded.ctx) == before


@pytest.mark.parametrize("today", [date(2027, 1, 1), date(2028, 2, 29), date(2027, 8, 31)], ids=str)
def test_consistent_on_any_day(tmp_path: Path, today: date) -> None:
    """Every date follows ``today``: nothing happened in its future, and the agenda is full."""
    ctx = open_at(tmp_path, today=today)
    try:
        demo.load_demo(ctx)
        found = agenda.today(ctx)
        assert found.overdue and found.due_today and found.upcoming
        assert all(t.done_on is None or t.done_on <= today for t in all_tasks(ctx))
        for app in applications.list_applications(ctx):
            assert app.applied_on is None or app.applied_on <= today
            assert app.rejected_on is None or app.rejected_on <= today
            entries = journal.list_entries(ctx, app.id)
            assert all(e.written_on <= today for e in entries)
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "settings",
    [
        {"playbook": PlaybookSettings(steps=frozenset({Kind.JOURNAL, Kind.CHECK_BACK}))},
        {
            "playbook": PlaybookSettings(linkedin_free_account=True),
            "user": UserProfile(name="Alexandra Rivera"),
        },
    ],
    ids=["few-steps", "free-linkedin"],
)
def test_loads_with_the_users_own_settings(tmp_path: Path, settings: dict[str, Any]) -> None:
    ctx = open_at(tmp_path, **settings)
    try:
        report = demo.load_demo(ctx)
        assert report.tasks == len(all_tasks(ctx))
        assert report.rejections == 7
    finally:
        ctx.close()


def test_a_note_over_the_limit_loads_and_shows_the_problem_on_its_step(tmp_path: Path) -> None:
    # Drafts are written when shown, so a template the user broke never stops the load;
    # each invitation says what is wrong with its note.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "linkedin_invite.txt.j2").write_text("Hi {{ person.first_name }}! " + "x" * 400)
    ctx = open_at(tmp_path, templates_dir=templates)
    try:
        report = demo.load_demo(ctx)
        assert report.rejections == 7
        invites = [t for t in all_tasks(ctx) if t.kind is Kind.LINKEDIN_INVITE]
        # The English template is overridden; Elena's invitation is German (its own template).
        english = [t for t in invites if t.person != "Elena Marsh"]
        assert english and len(english) < len(invites)
        for task in english:
            assert task.draft_problem is not None
            assert "LinkedIn note" in task.draft_problem
        assert all(t.draft_problem is None for t in invites if t not in english)
    finally:
        ctx.close()


def test_the_demo_is_one_change_and_undoes_as_one(tmp_path: Path) -> None:
    ctx = open_at(tmp_path)
    try:
        demo.load_demo(ctx)
        assert [m.label for m in ctx.made] == ["Loaded the demo"]
        assert [c.label for c in history.recent(ctx)] == ["Loaded the demo"]
        history.undo(ctx)
        assert stored_counts(ctx) == (0, 0, 0, 0)
        demo.load_demo(ctx)  # an empty database again: it loads
    finally:
        ctx.close()


def test_a_failure_partway_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All or nothing: a failure in the middle leaves the database as it was."""
    ctx = open_at(tmp_path)

    def failing(c: Context, *args: object, **kwargs: object) -> object:
        raise StorageError("disk I/O error")

    monkeypatch.setattr(journal, "add_entry", failing)
    try:
        with pytest.raises(StorageError, match="disk I/O error"):
            demo.load_demo(ctx)
        assert stored_counts(ctx) == (0, 0, 0, 0)
        assert history.recent(ctx) == []
        assert ctx.made == []
    finally:
        ctx.close()


def test_one_process_ran_in_german_and_its_drafts_are_german(loaded: Loaded) -> None:
    written = [t for t in all_tasks(loaded.ctx) if t.person == "Elena Marsh" and t.draft]
    card = next(t for t in written if t.kind is Kind.THANK_YOU_CARD)
    assert (card.draft or "").startswith("Sehr geehrte Frau Marsh,\n\n")
    assert "über den Abschied vom alten Job-Scheduler" in (card.draft or "")
    assert all("Thank" not in (t.draft or "") for t in written)
