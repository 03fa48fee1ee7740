"""Quick add from a line or a posting's address: the preview matches what is stored, the
save adds it all as one change (undone as one), and postings are read from a real server on
loopback: a JSON-LD page and a Greenhouse board."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest

from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.people import NewPerson
from nextround.errors import InvalidInput
from nextround.services import applications, companies, history, interviews, people
from nextround.services import quick_add as qa
from nextround.services.context import Context
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.watch.boardserver import BoardServer, Reply, serving

JSONLD_PAGE = b"""<!doctype html><html><head><title>Jobs</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting",
 "title": "Platform Engineer", "identifier": {"@type": "PropertyValue", "value": "PE-7"},
 "url": "https://careers.example/jobs/pe-7",
 "hiringOrganization": {"@type": "Organization", "name": "Globex &amp; Co"},
 "jobLocation": {"@type": "Place", "address": {"addressLocality": "Lisbon", "addressCountry": "PT"}},
 "description": "<p>Build the platform.</p><ul><li>Python</li><li>Postgres</li></ul>"}</script>
</head><body>Platform Engineer</body></html>"""

GREENHOUSE_JOB = {
    "id": 4242,
    "title": "Backend Engineer",
    "company_name": "Acme Robotics",
    "absolute_url": "https://boards.greenhouse.io/acme/jobs/4242",
    "location": {"name": "Berlin"},
    "content": "&lt;p&gt;Robots &amp;amp; APIs.&lt;/p&gt;&lt;p&gt;Go or Python.&lt;/p&gt;",
}


@pytest.fixture
def board(ctx: Context) -> Iterator[tuple[BoardServer, str, Context]]:
    with serving() as (server, base):
        s = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        yield server, base, ctx.fresh(settings=dataclasses.replace(ctx.settings, watch=s))


def _on(ctx: Context, day: date) -> Context:
    return ctx.fresh(settings=dataclasses.replace(ctx.settings, today=day))


def test_a_new_line_previews_new_records_and_saves_them_in_one_undoable_change(
    ctx: Context,
) -> None:
    ctx = _on(ctx, date(2026, 12, 4))
    seen = qa.read_line(ctx, "Dana Smith, Acme Robotics, interview Tuesday")
    # No application at Acme yet: it asks which role, rather than inventing one.
    assert not seen.ready
    assert "Which role at Acme Robotics" in seen.questions[0]
    draft = dataclasses.replace(seen.draft, role="Backend Engineer")
    again = qa.preview(ctx, draft)
    assert again.ready
    assert again.adds == (
        "Add the company Acme Robotics",
        "Add Dana Smith",
        "Add the application for Backend Engineer",
        "Add an interview on Tue 8 Dec 2026",
    )
    saved = qa.save(ctx, again.draft)
    assert saved.application_id is not None and saved.interview_id is not None
    view = interviews.show_interview(ctx, saved.interview_id)
    assert view.interview.on == date(2026, 12, 8)
    assert [p.name for p in view.people] == ["Dana Smith"]
    assert view.application.company == "Acme Robotics"
    # One change, undone as one: nothing is left.
    assert len(ctx.made) == 1 and ctx.made[0].label.startswith("Quick add: Backend Engineer")
    history.undo(ctx, ctx.made[0].id)
    assert companies.list_companies(ctx) == []
    assert applications.list_applications(ctx) == []


def test_known_company_person_and_open_application_are_matched_not_duplicated(
    ctx: Context,
) -> None:
    ctx = _on(ctx, date(2026, 12, 4))
    acme = companies.add_company(ctx, NewCompany(name="Acme Robotics, Inc."))
    dana = people.add_person(ctx, NewPerson(name="Dana Smith", company_id=acme.id))
    app = applications.add_application(ctx, NewApplication(role="SRE", company_id=acme.id))
    seen = qa.read_line(ctx, "dana smith, ACME Robotics, interview next friday")
    assert seen.ready, seen.questions
    assert seen.company is not None and seen.company.id == acme.id
    assert seen.person is not None and seen.person.id == dana.id
    assert seen.application is not None and seen.application.id == app.application.id
    saved = qa.save(ctx, seen.draft)
    assert (saved.company_id, saved.person_id, saved.application_id) == (
        acme.id,
        dana.id,
        app.application.id,
    )
    assert len(companies.list_companies(ctx)) == 1
    assert len(people.list_people(ctx)) == 1
    assert interviews.show_interview(ctx, saved.interview_id or 0).interview.on == date(
        2026, 12, 11
    )


def test_a_person_with_a_title_is_added_at_a_new_company(ctx: Context) -> None:
    seen = qa.read_line(ctx, "Dana Smith, recruiter at Initech")
    assert seen.ready and seen.adds == ("Add the company Initech", "Add Dana Smith, recruiter")
    saved = qa.save(ctx, seen.draft)
    person = people.show_person(ctx, saved.person_id or 0).person
    assert (person.name, person.title, person.company) == ("Dana Smith", "recruiter", "Initech")
    assert saved.application_id is None


def test_save_refuses_a_draft_that_still_asks(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="Which company"):
        qa.save(ctx, qa.Draft(role="Engineer"))
    with pytest.raises(InvalidInput, match="Add a role, a person or an interview"):
        qa.save(ctx, qa.Draft(company="Acme"))
    assert companies.list_companies(ctx) == []


def test_jsonld_posting_is_read_from_the_page(board: tuple[BoardServer, str, Context]) -> None:
    server, base, ctx = board
    server.route("/jobs/pe-7", Reply(200, JSONLD_PAGE, {"Content-Type": "text/html"}))
    seen = qa.read_line(ctx, f"{base}/jobs/pe-7")
    d = seen.draft
    assert (d.role, d.company, d.location) == ("Platform Engineer", "Globex & Co", "Lisbon, PT")
    assert d.description == "Build the platform.\nPython\nPostgres"
    assert d.source_url == f"{base}/jobs/pe-7"
    assert seen.ready
    saved = qa.save(ctx, d)
    app = applications.show_application(ctx, saved.application_id or 0).application
    assert (app.role, app.company, app.location) == (
        "Platform Engineer",
        "Globex & Co",
        "Lisbon, PT",
    )
    assert app.source_url == f"{base}/jobs/pe-7"
    assert "Postgres" in app.description


def test_greenhouse_posting_is_read_from_the_board_api(
    board: tuple[BoardServer, str, Context],
) -> None:
    server, _, ctx = board
    server.route("/v1/boards/acme/jobs/4242", Reply.json(GREENHOUSE_JOB))
    seen = qa.read_line(ctx, "https://boards.greenhouse.io/acme/jobs/4242")
    assert [s.path for s in server.requests] == ["/v1/boards/acme/jobs/4242"]
    d = seen.draft
    assert (d.role, d.company, d.location) == ("Backend Engineer", "Acme Robotics", "Berlin")
    assert d.description == "Robots & APIs.\nGo or Python."
    assert d.source_url == "https://boards.greenhouse.io/acme/jobs/4242"
    assert seen.ready


def test_a_page_with_no_posting_asks_and_keeps_the_address(
    board: tuple[BoardServer, str, Context],
) -> None:
    server, base, ctx = board
    server.route("/about", Reply(200, b"<html><body>About us</body></html>"))
    server.route("/gone", Reply(404))
    seen = qa.read_line(ctx, f"{base}/about")
    assert not seen.ready and "no schema.org JobPosting" in seen.questions[0]
    assert seen.draft.source_url == f"{base}/about"
    gone = qa.read_line(ctx, f"{base}/gone")
    assert not gone.ready and "404" in gone.questions[0]


def test_lever_posting_is_read_and_the_company_asked_for(
    board: tuple[BoardServer, str, Context],
) -> None:
    server, _, ctx = board
    job = "5a1c2e3f-0000-4000-8000-00000000abcd"
    server.route(
        f"/v0/postings/acme/{job}",
        Reply.json(
            {
                "id": job,
                "text": "Data Engineer",
                "hostedUrl": f"https://jobs.lever.co/acme/{job}",
                "categories": {"location": "Remote, EU", "team": "Data"},
                "descriptionPlain": "Pipelines all day.\n\nSpark and dbt.",
            }
        ),
    )
    seen = qa.read_line(ctx, f"https://jobs.lever.co/acme/{job}")
    assert [s.path for s in server.requests] == [f"/v0/postings/acme/{job}?mode=json"]
    d = seen.draft
    assert (d.role, d.company, d.location) == ("Data Engineer", "", "Remote, EU")
    assert d.description == "Pipelines all day.\n\nSpark and dbt."
    # Lever names no company: asked, never taken from the address.
    assert not seen.ready and "names no company" in seen.questions[0]
    saved = qa.save(ctx, dataclasses.replace(d, company="Acme"))
    assert (
        applications.show_application(ctx, saved.application_id or 0).application.company == "Acme"
    )
