"""The coach view's services: consent given by email, withdrawn at once, and a summary that
holds the pipeline and progress and none of the seeker's private words. On a hosted site
(PostgreSQL, the app's own role under row-level security), and on SQLite, where the
owner is only the services' filter (and the mutation tests run)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.domain.applications import Status
from nextround.domain.jsonable import to_jsonable
from nextround.domain.tasks import TaskChanges
from nextround.errors import InvalidInput, NotFound
from nextround.services import coaching, tasks, users
from nextround.services.context import Context
from tests.conftest import TODAY, sqlite_template
from tests.pg_roles import roles
from tests.services.coaching_seed import PRIVATE, Seeker, leaks, seed
from tests.web.hosted import add_user, site


@dataclass
class Site:
    site: Context
    seeker: Context
    coach: Context
    stranger: Context
    made: Seeker


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def three(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    with ExitStack() as stack:
        if request.param == "postgres":
            found = stack.enter_context(
                roles(
                    request.getfixturevalue("postgres_admin_url"),
                    request.getfixturevalue("postgres_url"),
                )
            )
            url, hosted = found.app_url, True
        else:  # SQLite can't be hosted; the services don't ask
            url, hosted = str(tmp_path / "coach.db"), False
            shutil.copyfile(sqlite_template(), url)
        settings = Settings(
            db_url=url, today=TODAY, hosted=hosted, templates_dir=tmp_path / "templates"
        )
        with site(settings) as ctx:
            seeker = ctx.fresh(owner=add_user(ctx, "sam@example.org"))
            coach = ctx.fresh(owner=add_user(ctx, "coach@example.org"))
            stranger = ctx.fresh(owner=add_user(ctx, "stranger@example.org"))
            made = seed(seeker, tmp_path)
            yield Site(ctx, seeker, coach, stranger, made)


def test_a_coach_sees_the_pipeline_and_progress_once_granted(three: Site) -> None:
    seeker_id = three.seeker.owner
    with pytest.raises(NotFound):  # before any consent: as if there were no such seeker
        coaching.summary(three.coach, seeker_id)
    given = coaching.grant(three.seeker, "  Coach@Example.ORG ")
    assert (given.id, given.email) == (three.coach.owner, "coach@example.org")
    assert [p.email for p in coaching.coaches(three.seeker).items] == ["coach@example.org"]
    assert [p.id for p in coaching.seekers(three.coach).items] == [seeker_id]
    assert coaching.seekers(three.stranger).items == []

    seen = coaching.summary(three.coach, seeker_id)
    assert seen.seeker.email == "sam@example.org"
    assert [(a.company, a.role, a.status) for a in seen.applications] == [
        ("Globex Works", "Platform Engineer", Status.SCREENING),
        ("Acme Robotics", "Backend Engineer", Status.REJECTED),
    ]
    globex = seen.applications[0]
    assert [c.status for c in globex.changes][-1] is Status.SCREENING
    rejected = seen.applications[1]
    assert rejected.changes[-1].status is Status.REJECTED and rejected.changes[-1].on == TODAY
    assert seen.by_status[Status.REJECTED] == 1 and seen.by_status[Status.SCREENING] == 1
    assert seen.total == 2 and list(seen.by_status) == list(Status)
    assert (seen.applied, seen.heard_back, seen.interviewed) == (2, 2, 1)
    assert seen.outcomes == {"rejected": 1, "in_progress": 1}
    assert sum(w.applied for w in seen.weeks) == 2  # both sent within the last 12 weeks
    assert seen.steps.overdue + seen.steps.due_today + seen.steps.this_week >= 1
    assert leaks(json.dumps(to_jsonable(seen), default=str)) == []


def test_the_private_words_are_there_to_leak(three: Site) -> None:
    """The seeded words are in the seeker's own data (so the summary's not holding them means
    something)."""
    from nextround.services import exports

    data = exports.export_json(three.seeker).data.decode()
    assert set(leaks(data)) == set(PRIVATE)


def test_revoking_is_immediate(three: Site) -> None:
    coaching.grant(three.seeker, "coach@example.org")
    coaching.grant(three.seeker, "coach@example.org")  # twice is once
    assert len(coaching.coaches(three.seeker).items) == 1
    coaching.summary(three.coach, three.seeker.owner)
    coaching.revoke(three.seeker, three.coach.owner)
    with pytest.raises(NotFound, match="No job seeker"):
        coaching.summary(three.coach, three.seeker.owner)
    assert coaching.seekers(three.coach).items == []
    with pytest.raises(NotFound, match="haven't given"):
        coaching.revoke(three.seeker, three.coach.owner)


def test_only_the_coach_granted_sees_it(three: Site) -> None:
    coaching.grant(three.seeker, "coach@example.org")
    for ctx, seeker_id in (
        (three.stranger, three.seeker.owner),  # no consent of theirs
        (three.seeker, three.coach.owner),  # consent goes one way only
        (three.coach, three.stranger.owner),
        (three.coach, 987654),  # nobody at all: the same answer
        (three.seeker, three.seeker.owner),
    ):
        with pytest.raises(NotFound) as refused:
            coaching.summary(ctx, seeker_id)
        assert refused.value.message == coaching.NO_SEEKER
    with pytest.raises(NotFound):
        coaching.summary(three.coach, 2**40)  # past any id


def test_a_disabled_seeker_or_coach_shares_nothing(three: Site) -> None:
    coaching.grant(three.seeker, "coach@example.org")
    users.disable_user(three.site, "sam@example.org")
    with pytest.raises(NotFound):
        coaching.summary(three.coach, three.seeker.owner)
    assert coaching.seekers(three.coach).items == []


def test_granting_needs_a_live_user_other_than_oneself(three: Site) -> None:
    for email in ("nobody@example.org", "sam@example.org", "not an email"):
        with pytest.raises(InvalidInput) as refused:
            coaching.grant(three.seeker, email)
        assert refused.value.fields.keys() == {"email"}
        assert "\n" not in refused.value.message
    users.disable_user(three.site, "stranger@example.org")
    with pytest.raises(InvalidInput) as disabled:
        coaching.grant(three.seeker, "stranger@example.org")
    with pytest.raises(InvalidInput) as unknown:
        coaching.grant(three.seeker, "nobody@example.org")
    assert disabled.value.message == unknown.value.message  # nothing more told of either
    assert coaching.coaches(three.seeker).items == []


def test_resolving_by_email(three: Site) -> None:
    coaching.grant(three.seeker, "coach@example.org")
    assert coaching.resolve_coach(three.seeker, "COACH@example.org") == three.coach.owner
    assert coaching.resolve_seeker(three.coach, "sam@example.org") == three.seeker.owner
    with pytest.raises(NotFound):
        coaching.resolve_seeker(three.stranger, "sam@example.org")
    with pytest.raises(NotFound):
        coaching.resolve_coach(three.seeker, "stranger@example.org")


def test_the_summary_s_queries_dont_grow_with_the_applications(three: Site) -> None:
    from datetime import date

    from nextround.domain.applications import NewApplication
    from nextround.services import applications
    from tests.web.querycount import counting

    coaching.grant(three.seeker, "coach@example.org")
    with counting(three.coach.database) as few:
        before = coaching.summary(three.coach, three.seeker.owner)
    for i in range(12):
        added = applications.add_application(
            three.seeker,
            NewApplication(f"Role {i}", new_company=f"Firm {i}", applied_on=date(2026, 11, 3)),
        )
        applications.set_status(three.seeker, added.application.id, Status.SCREENING)
    with counting(three.coach.database) as many:
        after = coaching.summary(three.coach, three.seeker.owner)
    assert len(after.applications) == len(before.applications) + 12
    assert all(a.changes for a in after.applications[:12])
    assert 0 < len(many) == len(few), (len(few), len(many))


def test_withdrawing_one_coach_s_access_leaves_the_others(three: Site) -> None:
    coaching.grant(three.seeker, "coach@example.org")
    coaching.grant(three.seeker, "stranger@example.org")  # a second coach
    coaching.revoke(three.seeker, three.coach.owner)
    with pytest.raises(NotFound):
        coaching.summary(three.coach, three.seeker.owner)
    assert [p.email for p in coaching.coaches(three.seeker).items] == ["stranger@example.org"]
    assert coaching.summary(three.stranger, three.seeker.owner).total == 2


def test_the_steps_are_counted_overdue_today_and_this_week_apart(three: Site) -> None:
    pending = [t for t in tasks.list_tasks(three.seeker) if t.status.is_pending]
    assert len(pending) >= 2
    for number, step in enumerate(pending):
        due = TODAY if number == 0 else TODAY + timedelta(days=3)
        tasks.edit_task(three.seeker, step.id, TaskChanges(due=due))
    coaching.grant(three.seeker, "coach@example.org")
    seen = coaching.summary(three.coach, three.seeker.owner)
    assert seen.steps == coaching.Steps(overdue=0, due_today=1, this_week=len(pending) - 1)
