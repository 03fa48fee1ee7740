"""The company briefing gathered through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from nextround.domain.applications import NewApplication, Status
from nextround.domain.briefings import EventKind
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import Format, NewInterview
from nextround.domain.journal import PROMPTS, NewJournalEntry
from nextround.domain.people import ConnectAnswer, ConnectState, NewPerson
from nextround.domain.tasks import Kind, TaskStatus
from nextround.errors import Ambiguous, NotFound
from nextround.services import (
    applications,
    briefings,
    companies,
    interviews,
    journal,
    people,
    resolve,
    tasks,
)
from nextround.services.briefings import HIGHLIGHTS, company_briefing
from nextround.services.context import Context
from tests.services.scenario import interviewed

REJECTED_ON = date(2026, 11, 20)

ENTRY = """\
Felt calm from the start.
## Who I met
- Dana: runs the platform team
## what i would do differently
Ask about the on-call rota earlier.
## Questions they asked
- Design a rate limiter for the public API.
## What went well
The pairing exercise.
"""


def on(ctx: Context, day: date) -> Context:
    """The context as it was on ``day``: entries and steps keep their own dates."""
    return replace(ctx, settings=replace(ctx.settings, today=day))


def test_timeline_in_date_order_with_formats_times_and_who_sat_in(ctx: Context) -> None:
    s = interviewed(ctx)
    interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 10, 20), at=time(9, 30), format=Format.PHONE)
    )
    applications.reject(ctx, s.app_id, REJECTED_ON)
    found = company_briefing(ctx, s.company_id)
    assert [(e.kind, e.on) for e in found.timeline] == [
        (EventKind.APPLIED, date(2026, 10, 1)),
        (EventKind.INTERVIEW, date(2026, 10, 20)),
        (EventKind.INTERVIEW, date(2026, 11, 10)),
        (EventKind.REJECTED, REJECTED_ON),
    ]
    phone, video = found.timeline[1:3]
    assert (phone.at, phone.format, phone.people) == (time(9, 30), Format.PHONE, ())
    assert video.format is Format.VIDEO
    assert [p.name for p in video.people] == ["Dana Smith", "Lee Wong"]
    assert {e.status for e in found.timeline} == {Status.REJECTED}
    assert not any(e.upcoming for e in found.timeline)


def test_people_met_with_roles_and_each_step_of_the_relationship(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    email = next(t for t in plan.tasks if t.kind is Kind.CONGRATS_EMAIL)
    tasks.mark_done(on(ctx, date(2026, 11, 22)), email.id)
    people.record_reply(on(ctx, date(2026, 11, 23)), s.dana_id, ConnectAnswer.YES)
    found = {m.person.name: m for m in company_briefing(ctx, s.company_id).people}
    dana, lee = found["Dana Smith"], found["Lee Wong"]
    assert (dana.person.title, dana.met_on) == ("Engineering Manager", (date(2026, 11, 10),))
    assert dana.connect_state is ConnectState.YES
    assert dict(dana.steps)["congratulated"] == "2026-11-22"
    assert dict(dana.steps)["answer"] == "yes"
    assert not dana.untouched
    assert lee.connect_state is ConnectState.NOT_ASKED
    assert not lee.touched  # nothing taken with Lee yet, but steps are planned:
    assert lee.tasks and all(t.person_id == s.lee_id for t in lee.tasks)
    assert not lee.untouched  # so the page lists them, not "no follow-up steps"
    assert [step for step, _ in lee.steps] == [step for step, _ in dana.steps]


def test_journal_by_application_newest_first_with_highlights_first(ctx: Context) -> None:
    s = interviewed(ctx)
    journal.add_entry(on(ctx, date(2026, 11, 11)), NewJournalEntry(s.app_id, ENTRY))
    journal.add_entry(
        on(ctx, date(2026, 11, 12)), NewJournalEntry(s.app_id, "## What went well\nThe follow-up.")
    )
    later = applications.add_application(
        ctx,
        NewApplication("Platform Engineer", company_id=s.company_id, applied_on=date(2026, 11, 15)),
    ).application
    journal.add_entry(
        on(ctx, date(2026, 11, 18)), NewJournalEntry(later.id, "## Questions they asked\n- Why us?")
    )
    found = company_briefing(ctx, s.company_id).journal
    assert [g.application.role for g in found] == ["Platform Engineer", "Backend Engineer"]
    assert [n.entry.written_on for n in found[1].notes] == [date(2026, 11, 12), date(2026, 11, 11)]
    first = found[1].notes[1]
    assert [x.heading for x in first.highlights] == [
        "Questions they asked",
        "What went well",
        "what i would do differently",
    ]
    assert first.highlights[0].text == "- Design a rate limiter for the public API."
    assert [(x.heading, x.text) for x in first.other] == [
        ("Notes", "Felt calm from the start."),
        ("Who I met", "- Dana: runs the platform team"),
    ]


def test_journal_entry_about_an_interview_names_it(ctx: Context) -> None:
    s = interviewed(ctx)
    [held] = applications.show_application(ctx, s.app_id).interviews
    journal.add_entry(
        ctx, NewJournalEntry(s.app_id, "## What went well\nAll of it.", interview_id=held.id)
    )
    [group] = company_briefing(ctx, s.company_id).journal
    assert (group.notes[0].interview_on, group.notes[0].interview_format) == (
        date(2026, 11, 10),
        Format.VIDEO,
    )


def test_highlights_are_journal_prompts() -> None:
    assert set(HIGHLIGHTS) <= {heading for heading, _ in PROMPTS}


def test_open_follow_ups_and_social_accounts(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    follow = next(t for t in plan.tasks if t.kind is Kind.FOLLOW_COMPANY)
    skipped = next(t for t in plan.tasks if t.kind is Kind.JOURNAL)
    tasks.mark_done(on(ctx, date(2026, 11, 23)), follow.id)
    tasks.skip(ctx, skipped.id)
    found = company_briefing(ctx, s.company_id)
    pending = {t.id for t in plan.tasks} - {follow.id, skipped.id}
    assert {t.id for t in found.follow_ups} == pending
    assert all(t.status is TaskStatus.OPEN for t in found.follow_ups)
    assert [t.due for t in found.follow_ups] == sorted(t.due for t in found.follow_ups)
    [account] = found.company.socials
    assert (account.network, account.followed_on) == ("LinkedIn", date(2026, 11, 23))


def test_another_company_stays_out_of_the_briefing(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    globex = companies.add_company(ctx, NewCompany("Globex"))
    people.add_person(ctx, NewPerson("Hank Scorpio", globex.id))
    other = applications.add_application(
        ctx, NewApplication("Villain", company_id=globex.id)
    ).application
    found = company_briefing(ctx, globex.id)
    assert [p.person.name for p in found.people] == ["Hank Scorpio"]
    assert found.applications == (other,)
    assert (found.timeline, found.journal, found.follow_ups) == ((), (), ())
    assert "Acme" not in found.opening


def test_a_company_with_no_history_is_a_short_friendly_briefing(ctx: Context) -> None:
    initech = companies.add_company(ctx, NewCompany("Initech", website="initech.example"))
    found = company_briefing(ctx, resolve.company(ctx, "initech"))
    assert found.company.id == initech.id
    assert found.company.name == "Initech"
    assert found.today == ctx.today
    assert (found.applications, found.timeline, found.people) == ((), (), ())
    assert (found.journal, found.follow_ups) == ((), ())
    assert "clean slate" in found.opening


def test_an_interview_still_to_come_leads_the_opening(ctx: Context) -> None:
    s = interviewed(ctx)
    interviews.add_interview(
        ctx,
        NewInterview(
            s.app_id,
            date(2026, 12, 2),
            at=time(10),
            format=Format.ONSITE,
            interviewer_ids=(s.lee_id,),
        ),
    )
    found = company_briefing(ctx, s.company_id)
    assert found.timeline[-1].upcoming
    assert found.opening.startswith("Next up: your onsite interview for Backend Engineer")
    lee = next(m for m in found.people if m.person.name == "Lee Wong")
    assert (lee.met_on, lee.meeting_on) == ((date(2026, 11, 10),), (date(2026, 12, 2),))


def test_a_rejection_opens_warmly(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    opening = company_briefing(ctx, s.company_id).opening
    assert "said no to Backend Engineer on 2026-11-20" in opening
    assert "two people" in opening
    assert not any(word in opening.lower() for word in ("fail", "unfortunately", "should have"))


def test_a_saved_application_is_listed_without_a_date(ctx: Context) -> None:
    initech = companies.add_company(ctx, NewCompany("Initech"))
    saved = applications.add_application(
        ctx, NewApplication("TPS Analyst", company_id=initech.id)
    ).application
    found = company_briefing(ctx, initech.id)
    assert found.timeline == ()
    assert found.saved == (saved,)


@pytest.mark.parametrize(
    ("ref", "error", "message"),
    [
        ("Umbrella", NotFound, "no company named 'Umbrella'"),
        ("Acme Robotcs", NotFound, "Did you mean 'Acme Robotics'"),
        ("999", NotFound, "no company with id 999"),
        ("Acme", Ambiguous, "company 'Acme' matches 2"),
    ],
)
def test_unknown_or_ambiguous_company_names(
    ctx: Context, ref: str, error: type[Exception], message: str
) -> None:
    # Names are resolved before the service is called; the service takes the id.
    companies.add_company(ctx, NewCompany("Acme Robotics"))
    companies.add_company(ctx, NewCompany("Acme Logistics"))
    with pytest.raises(error, match=message):
        company_briefing(ctx, resolve.company(ctx, ref))


def test_ambiguous_company_lists_its_candidates(ctx: Context) -> None:
    robotics = companies.add_company(ctx, NewCompany("Acme Robotics"))
    logistics = companies.add_company(ctx, NewCompany("Acme Logistics"))
    with pytest.raises(Ambiguous) as found:
        resolve.company(ctx, "acme")
    assert sorted(i for i, _ in found.value.candidates) == sorted([robotics.id, logistics.id])


@pytest.mark.parametrize("company_id", [999, 0, -1, 2**31])
def test_an_unknown_company_id_is_not_found(ctx: Context, company_id: int) -> None:
    companies.add_company(ctx, NewCompany("Acme Robotics"))
    with pytest.raises(NotFound, match=f"no company with id {company_id}"):
        company_briefing(ctx, company_id)


def test_the_briefing_renders_as_markdown_or_a_sanitised_page(ctx: Context) -> None:
    s = interviewed(ctx)
    entry = journal.add_entry(
        ctx, NewJournalEntry(s.app_id, "## Notes\nCalm <script>alert(1)</script> day.")
    )
    found = company_briefing(ctx, s.company_id)
    markdown = briefings.render_briefing(found, "markdown")
    page = briefings.render_briefing(found, "html")
    assert markdown.startswith("# ") and "Acme" in markdown.splitlines()[0]
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    shown = str(journal.as_html(entry))
    assert "<script>" not in shown and "Calm" in shown
