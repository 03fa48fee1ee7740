"""The applications pages: the pipeline, adding, editing, moving, rejecting, the application page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from nextround.domain.applications import ApplicationChanges, NewApplication
from nextround.services import applications, journal, tasks
from nextround.services.context import Context
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.querycount import counting
from tests.web.scenario import Scenario, ctx_of, interviewed


def add_form(client: Browser, **fields: str) -> dict[str, str]:
    """The add form as the page serves it, filled in with ``fields``."""
    page = client.load("/applications/new")
    return {**hidden_fields(page, "/applications"), **fields}


def post_form(client: Browser, path: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.post(path, data=data, follow_redirects=False)


# The pipeline


def test_no_applications_is_a_clear_start(client: Browser) -> None:
    page = client.load("/applications")
    assert "No applications yet" in page
    assert 'href="/applications/new"' in page


def test_an_added_application_shows_on_the_board_and_the_list(client: Browser) -> None:
    data = add_form(
        client,
        company="Globex",
        role="Data Engineer",
        status="applied",
        applied_on="2026-11-02",
        source_url="jobs.globex.example/42",
        requisition_id="R-42",
        notes="Referred by Kim",
    )
    response = post_form(client, "/applications", data)
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/applications/\d+", location)

    board = client.load("/applications")
    column = board[board.index('id="col-applied"') : board.index('id="col-screening"')]
    assert "Data Engineer" in column and "Globex" in column
    listing = client.load("/applications?view=list")
    assert re.search(r"Globex.*Data Engineer.*Applied.*2026-11-02", listing, flags=re.S)

    page = client.load(location)
    assert "https://jobs.globex.example/42" in page
    assert "R-42" in page and "Referred by Kim" in page


def test_the_board_filters_by_status(client: Browser) -> None:
    ctx = ctx_of(client)
    ctx_add(ctx, "Initech", "Analyst", date(2026, 11, 1))
    ctx_add(ctx, "Hooli", "PM", None)
    page = client.load("/applications?status=saved")
    assert "PM" in page and "Analyst" not in page
    assert client.get("/applications?status=nonsense").status_code == 422


def test_a_double_submit_creates_once_and_leads_to_the_same_place(client: Browser) -> None:
    data = add_form(client, company="Globex", role="Data Engineer", applied_on="2026-11-02")
    first = post_form(client, "/applications", data)
    second = post_form(client, "/applications", data)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert len(applications.list_applications(ctx_of(client))) == 1


def test_two_add_forms_create_two(client: Browser) -> None:
    for role in ("One", "Two"):
        post_form(client, "/applications", add_form(client, company="Globex", role=role))
    assert [a.role for a in applications.list_applications(ctx_of(client))] == ["One", "Two"]


def test_an_existing_company_is_reused(client: Browser) -> None:
    for role in ("One", "Two"):
        post_form(client, "/applications", add_form(client, company="globex  ", role=role))
    found = applications.list_applications(ctx_of(client))
    assert len({a.company_id for a in found}) == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"role": ""}, "role", "Role can&#39;t be empty"),
        ({"company": ""}, "company", "Give the company"),
        ({"applied_on": "2026-13-40"}, "applied_on", "is not a date"),
        ({"applied_on": "2027-01-01"}, "applied_on", "is in the future"),
        ({"source_url": "not a url"}, "source_url", "is not a web address"),
        ({"status": "rejected"}, "status", "record the rejection"),
        ({"salary_min": "lots"}, "salary_min", "is not a whole number"),
        ({"salary_min": "90000", "salary_max": "80000"}, "salary_min", "swap them"),
        ({"salary_currency": "e1r"}, "salary_currency", "three letters"),
        ({"work_mode": "moon"}, "work_mode", "is not one of"),
        ({"location": "x" * 201}, "location", "keep it under 200"),
    ],
)
def test_bad_input_comes_back_beside_the_field_with_the_input_kept(
    client: Browser, fields: dict[str, str], field: str, message: str
) -> None:
    typed = {"company": "Globex", "role": "Data Engineer", "notes": "Kim <3", **fields}
    response = post_form(client, "/applications", add_form(client, **typed))
    assert response.status_code == 422
    error = re.search(rf'<p class="field-error" id="e-{field}">([^<]*)</p>', response.text)
    assert error and message in error.group(1)
    assert f'aria-describedby="e-{field}"' in response.text
    assert "Kim &lt;3" in response.text  # kept, and escaped
    for name, typed_value in fields.items():
        if name not in {"status", "work_mode"}:  # a select offers only its choices
            assert f'value="{typed_value}"' in response.text  # what was typed comes back
    assert applications.list_applications(ctx_of(client)) == []


def test_the_form_still_works_after_an_error(client: Browser) -> None:
    data = add_form(client, company="Globex", role="")
    again = post_form(client, "/applications", data)
    fixed = {**hidden_fields(again.text, "/applications"), "company": "Globex", "role": "SRE"}
    assert post_form(client, "/applications", fixed).status_code == 303
    assert [a.role for a in applications.list_applications(ctx_of(client))] == ["SRE"]


def test_a_form_without_its_csrf_token_is_refused(client: Browser) -> None:
    data = add_form(client, company="Globex", role="SRE")
    del data["csrf"]
    assert post_form(client, "/applications", data).status_code == 403


# Editing


def test_an_edit_is_saved(client: Browser) -> None:
    app = ctx_add(ctx_of(client), "Initech", "Analyst", date(2026, 11, 1))
    page = client.load(f"/applications/{app}/edit")
    data = {
        **hidden_fields(page, f"/applications/{app}"),
        "role": "Senior Analyst",
        "applied_on": "2026-10-30",
        "source_url": "",
        "requisition_id": "A-1",
        "notes": "Second round soon",
    }
    response = post_form(client, f"/applications/{app}", data)
    assert response.status_code == 303
    assert response.headers["location"] == f"/applications/{app}"
    saved = applications.show_application(ctx_of(client), app).application
    assert (saved.role, saved.applied_on, saved.requisition_id, saved.notes) == (
        "Senior Analyst",
        date(2026, 10, 30),
        "A-1",
        "Second round soon",
    )


def test_a_stale_edit_is_refused_with_a_409(client: Browser) -> None:
    app = ctx_add(ctx_of(client), "Initech", "Analyst", date(2026, 11, 1))
    page = client.load(f"/applications/{app}/edit")
    data = {**hidden_fields(page, f"/applications/{app}"), "role": "Mine", "applied_on": ""}
    applications.edit_application(ctx_of(client), app, ApplicationChanges(role="Theirs"))
    response = post_form(client, f"/applications/{app}", data)
    assert response.status_code == 409
    assert "reload" in response.text
    assert applications.show_application(ctx_of(client), app).application.role == "Theirs"


def test_an_edit_with_a_missing_role_comes_back(client: Browser) -> None:
    app = ctx_add(ctx_of(client), "Initech", "Analyst", date(2026, 11, 1))
    page = client.load(f"/applications/{app}/edit")
    data = {**hidden_fields(page, f"/applications/{app}"), "role": "", "notes": "kept"}
    response = post_form(client, f"/applications/{app}", data)
    assert response.status_code == 422
    assert 'id="e-role"' in response.text and ">kept</textarea>" in response.text


@pytest.mark.parametrize(
    "path", ["/applications/999", "/applications/999/edit", "/tasks/999", "/tasks/999/email.eml"]
)
def test_an_unknown_id_is_a_friendly_404(client: Browser, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "no " in response.text and "Back to Today" in response.text


def test_posting_to_an_unknown_application_is_a_404(client: Browser) -> None:
    assert client.submit("/applications/999/status", {"status": "offer"}).status_code == 404


# Moving and rejecting


def test_moving_on_the_board_returns_to_the_board(client: Browser) -> None:
    app = ctx_add(ctx_of(client), "Initech", "Analyst", date(2026, 11, 1))
    page = client.load("/applications")
    data = {**hidden_fields(page, f"/applications/{app}/status"), "status": "interviewing"}
    response = post_form(client, f"/applications/{app}/status", data)
    assert response.headers["location"] == f"/applications#app-{app}"
    board = client.load("/applications")
    column = board[board.index('id="col-interviewing"') : board.index('id="col-offer"')]
    assert "Analyst" in column


def test_a_rejection_shows_its_plan_with_a_kind_word(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    page = client.load(f"/applications/{scene.app_id}")
    data = {**hidden_fields(page, f"/applications/{scene.app_id}/reject"), "on": "2026-11-20"}
    response = post_form(client, f"/applications/{scene.app_id}/reject", data)
    assert response.status_code == 303
    assert response.headers["location"] == f"/applications/{scene.app_id}?rejected=1#plan"
    shown = client.load(response.headers["location"])
    assert "That's a hard one to hear" in shown.replace("&#39;", "'")
    plan = shown[shown.index('id="plan"') : shown.index('id="interviews"')]
    cards = re.findall(r'step-kind">Thank-you card<', plan)
    assert len(cards) == 2  # one per interviewer: Dana and Lee
    assert "Dana Smith" in plan and "Lee Wong" in plan
    assert plan.count('<li class="step') == len(
        applications.show_application(ctx_of(client), scene.app_id).tasks
    )
    # the kind word is for the moment of the news, not every visit
    assert "hard one to hear" not in client.load(f"/applications/{scene.app_id}")


def test_moving_to_rejected_through_the_select_shows_the_plan_too(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    response = client.submit(f"/applications/{scene.app_id}/status", {"status": "rejected"})
    assert response.headers["location"].endswith("?rejected=1#plan")


def test_a_rejection_dated_in_the_future_is_refused(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    response = client.submit(f"/applications/{scene.app_id}/reject", {"on": "2027-01-01"})
    assert response.status_code == 422
    assert "in the future" in response.text
    assert applications.show_application(ctx_of(client), scene.app_id).tasks == []


# Interviews and the journal


def test_an_interview_with_a_new_and_a_known_interviewer(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    page = client.load(f"/applications/{scene.app_id}")
    action = f"/applications/{scene.app_id}/interviews"
    data = {
        **hidden_fields(page, action),
        "on": "2026-11-18",
        "at": "14:30",
        "format": "onsite",
        "interviewers": "dana smith\nPriya Patel",
    }
    response = post_form(client, action, data)
    assert response.status_code == 303
    again = post_form(client, action, data)  # a double submit records it once
    shown = client.get(again.headers["location"], follow_redirects=False)
    assert shown.headers["location"] == response.headers["location"]  # the same interview
    view = applications.show_application(ctx_of(client), scene.app_id)
    assert len(view.interviews) == 2
    newest = view.interviews[-1]
    names = sorted(view.people[p].name for p in newest.interviewer_ids)
    assert names == ["Dana Smith", "Priya Patel"]
    assert "Priya Patel" in client.load(f"/applications/{scene.app_id}")


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"on": ""}, "on"), ({"on": "18/11/2026"}, "on"), ({"at": "25:00"}, "at")],
)
def test_a_bad_interview_comes_back_beside_the_field(
    client: Browser, fields: dict[str, str], field: str
) -> None:
    scene = interviewed(ctx_of(client))
    page = client.load(f"/applications/{scene.app_id}")
    action = f"/applications/{scene.app_id}/interviews"
    data = {**hidden_fields(page, action), "on": "2026-11-18", "interviewers": "Kim", **fields}
    response = post_form(client, action, data)
    assert response.status_code == 422
    assert f'id="e-{field}"' in response.text
    assert ">Kim</textarea>" in response.text
    assert len(applications.show_application(ctx_of(client), scene.app_id).interviews) == 1


def test_a_journal_entry_is_written_and_shown_sanitised(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    page = client.load(f"/applications/{scene.app_id}")
    assert "Questions they asked" in page  # the prompts guide the editor
    action = f"/applications/{scene.app_id}/journal"
    body = "## What went well\n**The demo** <script>alert(1)</script> [x](javascript:alert(1))"
    data = {**hidden_fields(page, action), "body": body}
    response = post_form(client, action, data)
    assert response.status_code == 303
    assert post_form(client, action, data).status_code == 303  # sent twice, written once
    assert len(journal.list_entries(ctx_of(client), scene.app_id)) == 1
    shown = client.load(f"/applications/{scene.app_id}")
    assert "<strong>The demo</strong>" in shown
    assert "<script>alert" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert 'href="javascript' not in shown


def test_an_empty_journal_entry_comes_back(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    page = client.load(f"/applications/{scene.app_id}")
    action = f"/applications/{scene.app_id}/journal"
    response = post_form(client, action, {**hidden_fields(page, action), "body": "## Who I met\n"})
    assert response.status_code == 422
    assert 'id="e-body"' in response.text and "empty" in response.text


def test_plan_steps_can_be_finished_from_the_application_page(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    plan = applications.reject(ctx_of(client), scene.app_id, date(2026, 11, 20))
    first = plan.tasks[0]
    page = client.load(f"/applications/{scene.app_id}")
    response = post_form(
        client, f"/tasks/{first.id}/done", hidden_fields(page, f"/tasks/{first.id}/done")
    )
    assert response.headers["location"] == f"/applications/{scene.app_id}#plan"
    assert tasks.show_task(ctx_of(client), first.id).status.value == "done"


# Query counts


@pytest.mark.parametrize("view", ["board", "list"])
def test_the_pipeline_does_not_query_once_per_row(client: Browser, view: str) -> None:
    ctx = ctx_of(client)
    counts = []
    for rows in (3, 30):
        while len(applications.list_applications(ctx)) < rows:
            ctx_add(ctx, f"Company {len(applications.list_applications(ctx))}", "Role", None)
        with counting(ctx.db) as seen:
            assert client.get(f"/applications?view={view}").status_code == 200
        counts.append(len(seen))
    assert counts[0] == counts[1], counts


# PostgreSQL


@pytest.fixture
def pg(pg_client: Browser) -> Iterator[Browser]:
    """``pg_client``, its connections closed afterwards (the app keeps a pool)."""
    yield pg_client
    ctx_of(pg_client).db.close()


@pytest.mark.postgres
def test_add_and_reject_on_postgresql(pg: Browser) -> None:
    pg_client = pg
    data = add_form(pg_client, company="Globex", role="Data Engineer", applied_on="2026-11-02")
    first = post_form(pg_client, "/applications", data)
    assert (
        post_form(pg_client, "/applications", data).headers["location"] == first.headers["location"]
    )
    ctx = ctx_of(pg_client)
    assert len(applications.list_applications(ctx)) == 1
    scene: Scenario = interviewed(ctx)
    response = pg_client.submit(f"/applications/{scene.app_id}/reject", {"on": "2026-11-20"})
    shown = pg_client.load(response.headers["location"])
    assert "hard one to hear" in shown


def ctx_add(ctx: Context, company: str, role: str, applied: date | None) -> int:
    new = NewApplication(role, new_company=company, applied_on=applied)
    return applications.add_application(ctx, new).application.id
