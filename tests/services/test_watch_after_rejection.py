"""`[watch] after_rejection`: every new rejection watches the company, whichever way it comes
(no fetch: the board is only worked out from the careers page or a job link)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from nextround.domain.applications import Status
from nextround.domain.companies import CompanyChanges
from nextround.services import applications, companies, mail_review
from nextround.services import watch as service
from nextround.services.context import Context
from tests.services.scenario import Scenario, interviewed
from tests.services.test_mail_review import rejection, scan

CAREERS = "https://boards.greenhouse.io/acme"


@pytest.fixture
def scenario(ctx: Context) -> Scenario:
    found = interviewed(ctx)
    companies.edit_company(ctx, found.company_id, CompanyChanges(careers_url=CAREERS))
    return found


def _on(ctx: Context) -> Context:
    watch = dataclasses.replace(ctx.settings.watch, after_rejection=True)
    return ctx.fresh(settings=dataclasses.replace(ctx.settings, watch=watch))


def test_off_by_default_a_rejection_watches_nothing(ctx: Context, scenario: Scenario) -> None:
    plan = applications.reject(ctx, scenario.app_id)
    assert plan.watch_note == "" and service.list_watches(ctx) == []


def test_on_a_new_rejection_or_a_move_to_rejected_watches_once(
    ctx: Context, scenario: Scenario
) -> None:
    on = _on(ctx)
    plan = applications.set_status(on, scenario.app_id, Status.REJECTED)
    assert plan.watch_note.startswith("Watching Acme Robotics's greenhouse board")
    (watched,) = service.list_watches(on)
    assert (watched.board_kind, watched.board_name) == ("greenhouse", "acme")
    assert applications.reject(on, scenario.app_id).watch_note == ""  # already rejected
    service.remove_watch(on, watched.id)
    applications.set_status(on, scenario.app_id, Status.INTERVIEWING)
    again = applications.reject(on, scenario.app_id)
    assert again.watch_note.startswith("Watching Acme Robotics")


def test_a_company_with_no_known_board_keeps_its_rejection(
    ctx: Context, scenario: Scenario
) -> None:
    companies.edit_company(ctx, scenario.company_id, CompanyChanges(careers_url=None))
    plan = applications.reject(_on(ctx), scenario.app_id)
    assert plan.watch_note.startswith("Not watched: no job board known for Acme Robotics")
    assert plan.application.status is Status.REJECTED
    assert service.list_watches(ctx) == []


def test_a_confirmed_rejection_mail_watches_too(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    on = _on(ctx)
    [found] = scan(on, tmp_path, rejection())
    mail_review.confirm(on, found.id)
    assert [w.company for w in service.list_watches(ctx)] == ["Acme Robotics"]
