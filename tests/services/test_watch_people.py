"""On a new or reopened role, the watch's report names the people the user knows there."""

from __future__ import annotations

from datetime import date, timedelta

from nextround.domain.watch import NewWatch
from nextround.services import applications
from nextround.services import watch as service
from nextround.storage import records
from tests.services.scenario import interviewed
from tests.services.test_watch import REJECTED, _job, _jobs, _on, board

__all__ = ["board"]


def test_a_reopened_role_names_the_people_known_there(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    scenario = interviewed(ctx)
    with ctx.db.transaction() as c:
        fox = records.insert(
            c,
            "people",
            ctx.owner,
            {"name": "Fox Mulder", "organisation": "ACME Robotics GmbH", "source": "linkedin"},
        )
        records.insert(
            c, "relationships", ctx.owner, {"person_id": fox, "connected_on": date(2026, 2, 8)}
        )
    applications.reject(ctx, scenario.app_id, on=REJECTED)
    service.add_watch(ctx, NewWatch(scenario.company_id, board="boards.greenhouse.io/acme"))
    _jobs(server, _job(1, "Designer"))
    service.run_watches(_on(ctx, REJECTED + timedelta(days=1)))

    unchanged = service.run_watches(_on(ctx, REJECTED + timedelta(days=2)))
    assert unchanged.boards[0].people_you_know is None  # nothing new: nothing to say

    _jobs(server, _job(1, "Designer"), _job(2, "Backend Engineer"))
    run = service.run_watches(_on(ctx, REJECTED + timedelta(days=5)))
    (outcome,) = run.boards
    assert outcome.reopened
    known = outcome.people_you_know
    assert known is not None
    assert [p.name for p in known.people] == ["Dana Smith", "Lee Wong", "Fox Mulder"]
    assert known.summary.startswith("You know 3 people at Acme Robotics: Dana Smith, ")
    assert "Fox Mulder (LinkedIn connection since 8 Feb 2026)" in known.summary


def test_a_new_role_where_no_one_is_known_says_so_quietly(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    from nextround.domain.companies import NewCompany
    from nextround.services import companies

    initech = companies.add_company(ctx, NewCompany("Initech"))
    service.add_watch(ctx, NewWatch(initech.id, board="boards.greenhouse.io/acme"))
    _jobs(server, _job(1, "Designer"))
    (outcome,) = service.run_watches(_on(ctx, date(2026, 11, 25))).boards
    assert outcome.new == 1
    assert outcome.people_you_know is not None
    assert outcome.people_you_know.people == ()
    assert outcome.people_you_know.summary == ""
