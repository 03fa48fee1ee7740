"""The progress funnel: each application counted once along its path, and the chart's text."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.applications import Status
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import ConnectAnswer
from nextround.domain.tasks import Kind
from nextround.renderers.charts import Flow
from nextround.services import applications, companies, journal, people, progress, tasks
from nextround.services.context import Context
from nextround.services.progress import _path, chart, funnel
from tests.services.scenario import interviewed

A, R, I = ("applied", "replied", "interviewed")  # noqa: E741


@pytest.mark.parametrize(
    ("status", "held", "path"),
    [
        (Status.APPLIED, False, [(A, "waiting")]),
        (Status.SAVED, False, [(A, "waiting")]),
        (Status.GHOSTED, False, [(A, "ghosted")]),
        (Status.WITHDRAWN, False, [(A, "withdrawn")]),
        (Status.SCREENING, False, [(A, R), (R, "in_progress")]),
        (Status.REJECTED, False, [(A, R), (R, "rejected")]),
        (Status.INTERVIEWING, False, [(A, R), (R, I), (I, "in_progress")]),
        (Status.OFFER, False, [(A, R), (R, I), (I, "offer")]),
        # An interview held counts as a reply and as interviewed, whatever the status.
        (Status.APPLIED, True, [(A, R), (R, I), (I, "in_progress")]),
        (Status.REJECTED, True, [(A, R), (R, I), (I, "rejected")]),
        (Status.WITHDRAWN, True, [(A, R), (R, I), (I, "withdrawn")]),
        (Status.GHOSTED, True, [(A, R), (R, I), (I, "ghosted")]),
    ],
)
def test_the_path_of_one_application(
    status: Status, held: bool, path: list[tuple[str, str]]
) -> None:
    assert _path(status, held) == path


def test_the_funnel_counts_each_application_once() -> None:
    found = funnel(
        [
            (Status.SAVED, False, False, 4),  # saved for later: counted apart
            (Status.SAVED, True, False, 1),  # saved, but with an applied date: sent
            (Status.APPLIED, True, False, 3),
            (Status.REJECTED, True, False, 2),
            (Status.REJECTED, True, True, 5),
            (Status.OFFER, True, True, 1),
            (Status.GHOSTED, True, False, 2),
        ]
    )
    assert (found.applied, found.replied, found.interviewed, found.saved) == (14, 8, 6, 4)
    assert found.outcomes == {
        "offer": 1,
        "rejected": 7,
        "waiting": 4,
        "ghosted": 2,
    }
    assert list(found.outcomes) == ["offer", "rejected", "waiting", "ghosted"]  # drawing order
    assert found.flows == (
        Flow(A, R, 8),
        Flow(A, "waiting", 4),
        Flow(A, "ghosted", 2),
        Flow(R, I, 6),
        Flow(R, "rejected", 2),
        Flow(I, "offer", 1),
        Flow(I, "rejected", 5),
    )
    assert not found.is_empty


def test_an_empty_funnel_and_its_chart() -> None:
    found = funnel([(Status.SAVED, False, False, 2)])
    assert found.is_empty and found.saved == 2 and found.flows == () and found.outcomes == {}
    svg = str(chart(found))
    assert "Your search so far: 0 applications" in svg
    assert "No applications sent yet." in svg


def test_the_chart_describes_every_flow_in_words() -> None:
    svg = str(chart(funnel([(Status.REJECTED, True, True, 3), (Status.APPLIED, True, False, 1)])))
    assert "Your search so far: 4 applications" in svg
    assert (
        "Applied to Heard back: 3; Applied to Waiting for a reply: 1; "
        "Heard back to Interviewed: 3; Interviewed to Rejected: 3"
    ) in svg


def test_progress_of_a_search(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    found = progress.progress(ctx)
    assert (found.funnel.applied, found.funnel.replied, found.funnel.interviewed) == (1, 1, 1)
    assert found.funnel.outcomes == {"rejected": 1}
    built = found.relationships
    assert (built.cards, built.congratulated, built.connected, built.check_backs) == (0, 0, 0, 0)
    assert built.total == 0 and built.journals == 0
    assert "Your search so far: 1 application<" in str(found.chart)  # not "1 applications"


def test_progress_counts_each_relationship_built(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, on=date(2026, 11, 20))
    steps = {(t.kind, t.person_id): t for t in plan.tasks}
    for kind in (Kind.THANK_YOU_CARD, Kind.CONGRATS_EMAIL):
        tasks.mark_done(ctx, steps[kind, s.dana_id].id)
    tasks.mark_done(ctx, steps[Kind.THANK_YOU_CARD, s.lee_id].id)
    people.record_reply(ctx, s.dana_id, ConnectAnswer.YES)
    [invite] = [t for t in tasks.list_tasks(ctx) if t.kind is Kind.LINKEDIN_INVITE]
    tasks.mark_done(ctx, invite.id)
    [check_back, *_] = [t for t in plan.tasks if t.kind is Kind.CHECK_BACK]
    tasks.mark_done(ctx, check_back.id)
    journal.add_entry(ctx, NewJournalEntry(s.app_id, "## Notes\nA good day."))
    company = companies.show_company(ctx, s.company_id).company
    companies.follow_socials(ctx, s.company_id, [a.url for a in company.socials])
    built = progress.progress(ctx).relationships
    assert (built.cards, built.congratulated, built.said_yes, built.invited) == (2, 1, 1, 1)
    assert (built.check_backs, built.journals, built.accounts_followed) == (1, 1, 1)
    assert built.connected == 0
    assert built.total == 2 + 1 + 0 + 1  # cards, emails, connections, check-backs


# -- small shared views ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "one", "many", "said"),
    [
        (0, "step", None, "0 steps"),
        (1, "step", None, "1 step"),
        (2, "step", None, "2 steps"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
    ],
)
def test_count(n: int, one: str, many: str | None, said: str) -> None:
    from nextround.services.results import count

    assert count(n, one, many) == said


def test_deleted_and_merged_as_json() -> None:
    from nextround.services.results import Deleted, Merged

    assert Deleted("company", 3, "Acme", 12, ("2 open steps cancelled",)).to_json() == {
        "deleted": "company",
        "id": 3,
        "name": "Acme",
        "change_id": 12,
        "also": ["2 open steps cancelled"],
    }
    assert Merged("person", 4, 2, "Dana", ("1 interview",)).to_json() == {
        "merged": "person",
        "from_id": 4,
        "into_id": 2,
        "name": "Dana",
        "moved": ["1 interview"],
    }


def test_vcards_for_everyone_or_one_company(ctx: Context) -> None:
    from nextround.domain.companies import NewCompany
    from nextround.errors import NotFound
    from nextround.services import companies, vcards

    scenario = interviewed(ctx)
    everyone = vcards.export_people(ctx)
    assert everyone.people == 2
    assert everyone.data.count(b"BEGIN:VCARD") == 2 and b"Dana Smith" in everyone.data
    assert vcards.export_people(ctx, scenario.company_id).people == 2
    empty = companies.add_company(ctx, NewCompany("Globex"))
    with pytest.raises(NotFound) as caught:
        vcards.export_people(ctx, empty.id)
    assert caught.value.message == (
        "no people at Globex to export; add someone with `nextround person add NAME --company NAME`"
    )
