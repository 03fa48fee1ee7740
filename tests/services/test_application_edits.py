"""Editing and deleting an application: what the view says, what is checked, what is kept."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.applications import ApplicationChanges, NewApplication, Salary
from nextround.domain.interviews import NewInterview
from nextround.domain.journal import NewJournalEntry
from nextround.errors import Conflict, InvalidInput
from nextround.services import applications, history, interviews, journal
from nextround.services.context import Context
from tests.services.scenario import interviewed


def test_deleting_says_what_went_with_it(ctx: Context) -> None:
    scenario = interviewed(ctx)
    interviews.add_interview(ctx, NewInterview(scenario.app_id, date(2026, 11, 12)))
    journal.add_entry(ctx, NewJournalEntry(scenario.app_id, "Went well"))
    deleted = applications.delete_application(ctx.fresh(), scenario.app_id)
    assert (deleted.kind, deleted.id, deleted.name) == (
        "application",
        scenario.app_id,
        "Backend Engineer at Acme Robotics",
    )
    assert deleted.also == ("2 interviews", "1 journal entry")
    assert deleted.change_id is not None
    assert history.undo(ctx).change.label == "Deleted Backend Engineer at Acme Robotics"


def test_deleting_a_bare_application_mentions_nothing_else(ctx: Context) -> None:
    scenario = interviewed(ctx)
    bare = applications.add_application(
        ctx, NewApplication("Data Engineer", company_id=scenario.company_id)
    ).application
    journal.add_entry(ctx, NewJournalEntry(scenario.app_id, "One"))
    journal.add_entry(ctx, NewJournalEntry(scenario.app_id, "Two"))
    assert applications.delete_application(ctx, bare.id).also == ()
    assert applications.delete_application(ctx, scenario.app_id).also == (
        "1 interview",
        "2 journal entries",
    )


def test_an_edit_is_one_change_named_after_the_application(ctx: Context) -> None:
    scenario = interviewed(ctx)
    edited = applications.edit_application(
        ctx, scenario.app_id, ApplicationChanges(location="Berlin")
    )
    assert edited.location == "Berlin"
    assert history.undo(ctx).change.label == "Edited Backend Engineer at Acme Robotics"
    assert applications.show_application(ctx, scenario.app_id).application.location is None


def test_a_stale_edit_is_refused(ctx: Context) -> None:
    scenario = interviewed(ctx)
    before = applications.show_application(ctx, scenario.app_id).application.revision
    applications.edit_application(
        ctx, scenario.app_id, ApplicationChanges(location="Berlin"), expected_revision=before
    )
    with pytest.raises(Conflict):
        applications.edit_application(
            ctx, scenario.app_id, ApplicationChanges(location="Paris"), expected_revision=before
        )
    assert applications.show_application(ctx, scenario.app_id).application.location == "Berlin"


@pytest.mark.parametrize(
    ("start", "changes", "salary"),
    [
        (None, ApplicationChanges(salary_min=50_000), Salary(50_000, None)),
        (None, ApplicationChanges(salary_max=60_000), Salary(None, 60_000)),
        ((50_000, 60_000), ApplicationChanges(salary_max=55_000), Salary(50_000, 55_000)),
        ((50_000, 60_000), ApplicationChanges(salary_min=55_000), Salary(55_000, 60_000)),
        ((50_000, 60_000), ApplicationChanges(salary_min=None, salary_max=None), None),
        ((50_000, 60_000), ApplicationChanges(location="Berlin"), Salary(50_000, 60_000)),
    ],
)
def test_one_end_of_the_salary_changes_alone(
    ctx: Context,
    start: tuple[int, int] | None,
    changes: ApplicationChanges,
    salary: Salary | None,
) -> None:
    scenario = interviewed(ctx)
    if start is not None:
        applications.edit_application(
            ctx, scenario.app_id, ApplicationChanges(salary_min=start[0], salary_max=start[1])
        )
    edited = applications.edit_application(ctx, scenario.app_id, changes)
    found = edited.salary
    pair = None if found is None else (found.minimum, found.maximum)
    assert pair == (None if salary is None else (salary.minimum, salary.maximum))


@pytest.mark.parametrize(
    "changes",
    [ApplicationChanges(salary_max=40_000), ApplicationChanges(salary_min=70_000)],
)
def test_an_edit_that_turns_the_range_upside_down_is_refused(
    ctx: Context, changes: ApplicationChanges
) -> None:
    scenario = interviewed(ctx)
    applications.edit_application(
        ctx, scenario.app_id, ApplicationChanges(salary_min=50_000, salary_max=60_000)
    )
    with pytest.raises(InvalidInput):
        applications.edit_application(ctx, scenario.app_id, changes)
    kept = applications.show_application(ctx, scenario.app_id).application.salary
    assert kept is not None and (kept.minimum, kept.maximum) == (50_000, 60_000)


def test_an_applied_date_after_the_rejection_is_refused(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    with pytest.raises(InvalidInput) as caught:
        applications.edit_application(
            ctx, scenario.app_id, ApplicationChanges(applied_on=date(2026, 11, 21))
        )
    assert caught.value.fields == {
        "applied_on": "the rejection (2026-11-20) would be before the application was sent "
        "(2026-11-21); check both dates"
    }
    moved = applications.edit_application(
        ctx, scenario.app_id, ApplicationChanges(applied_on=date(2026, 9, 1))
    )
    assert moved.applied_on == date(2026, 9, 1)


def test_a_referrer_must_be_a_known_person(ctx: Context) -> None:
    scenario = interviewed(ctx)
    with pytest.raises(InvalidInput) as caught:
        applications.edit_application(ctx, scenario.app_id, ApplicationChanges(referrer_id=4242))
    assert caught.value.fields == {"referrer_id": "no person with id 4242 to name as the referrer"}
    named = applications.edit_application(
        ctx, scenario.app_id, ApplicationChanges(referrer_id=scenario.lee_id)
    )
    assert named.referrer_id == scenario.lee_id


def test_editing_a_rejected_application_re_plans_it(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    applications.edit_application(
        ctx, scenario.app_id, ApplicationChanges(role="Platform Engineer")
    )
    titles = [t.title for t in applications.show_application(ctx, scenario.app_id).tasks]
    assert any("Acme Robotics" in t for t in titles)
    assert applications.show_application(ctx, scenario.app_id).application.role == (
        "Platform Engineer"
    )
