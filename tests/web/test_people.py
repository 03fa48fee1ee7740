"""The people pages: the list, a person's steps and drafts, the reply, adding, editing."""

from __future__ import annotations

import re
from datetime import date

import pytest

from nextround.domain.people import Person
from nextround.services import applications, people
from nextround.services.context import Context
from tests.web.conftest import Browser
from tests.web.querycount import statements
from tests.web.scenario import application, company, ctx_of, interview, person


def dana_rejected(ctx: Context) -> int:
    acme = company(ctx, "Acme Robotics", address="1 Main Street")
    dana = person(ctx, "Dana Smith", acme, email="dana@acme.example")
    app_id = application(ctx, acme, "Backend Engineer", date(2026, 10, 1))
    interview(ctx, app_id, date(2026, 11, 10), dana)
    applications.reject(ctx, app_id)
    return dana


def stored(client: Browser, person_id: int) -> Person:
    return people.show_person(ctx_of(client), person_id).person


def names(client: Browser) -> list[str]:
    return [row.person.name for row in people.list_people(ctx_of(client))]


def token_of(page: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_the_list_and_its_company_filter(client: Browser) -> None:
    assert "No one here yet" in client.load("/people")
    ctx = ctx_of(client)
    dana_rejected(ctx)
    other = company(ctx, "Fernway")
    person(ctx, "Lee Wong", other)
    everyone = client.load("/people")
    assert "Dana Smith" in everyone and "Lee Wong" in everyone
    filtered = client.load(f"/people?company={other}")
    assert "Lee Wong" in filtered and "Dana Smith" not in filtered
    assert client.get("/people?company=999").status_code == 404
    assert client.get("/people?company=abc").status_code == 404


def test_the_list_runs_the_same_queries_for_3_and_30_people(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme")
    for i in range(3):
        person(ctx, f"Person {i}", acme)
    few = statements(client, "/people")
    for i in range(3, 30):
        person(ctx, f"Person {i}", acme)
    assert statements(client, "/people") == few


def test_a_person_page_shows_steps_and_links_drafts(client: Browser) -> None:
    person_id = dana_rejected(ctx_of(client))
    page = client.load(f"/people/{person_id}")
    assert "Thank-you card" in page and "Congratulations email" in page
    assert "LinkedIn invitation" in page and "Connected" in page
    assert re.search(r'href="/tasks/\d+">Write a thank-you card to Dana Smith', page)
    assert "Drafts for Dana" in page
    assert client.get("/people/999").status_code == 404


def test_a_yes_plans_the_invitation(client: Browser) -> None:
    ctx = ctx_of(client)
    person_id = dana_rejected(ctx)
    client.load(f"/people/{person_id}")
    response = client.submit(f"/people/{person_id}/reply", {"answer": "yes"})
    assert response.status_code == 303
    page = client.load(f"/people/{person_id}")
    assert "Send Dana Smith a LinkedIn invitation" in page
    assert people.show_person(ctx, person_id).state.value == "yes"


def test_a_reply_that_is_neither_yes_nor_no_is_refused(client: Browser) -> None:
    person_id = dana_rejected(ctx_of(client))
    client.load(f"/people/{person_id}")
    assert client.submit(f"/people/{person_id}/reply", {"answer": "maybe"}).status_code == 422
    assert client.submit("/people/999/reply", {"answer": "no"}).status_code == 404


def test_adding_a_person_creates_once_even_when_sent_twice(client: Browser) -> None:
    fernway = company(ctx_of(client), "Fernway")
    page = client.load(f"/people/new?company={fernway}")
    form = {
        "form_token": token_of(page),
        "company_id": str(fernway),
        "name": "Noor Haddad",
        "email": "noor@fernway.example",
    }
    first = client.submit("/people", form)
    assert first.status_code == 303
    again = client.submit("/people", form)
    assert again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    assert names(client) == ["Noor Haddad"]


def test_adding_with_bad_input_shows_the_form_again(client: Browser) -> None:
    fernway = company(ctx_of(client), "Fernway")
    page = client.load(f"/people/new?company={fernway}")
    form = {
        "form_token": token_of(page),
        "company_id": str(fernway),
        "name": "",
        "title": "Kept title",
    }
    missing = client.submit("/people", form)
    assert missing.status_code == 422
    assert 'id="e-name"' in missing.text and "Kept title" in missing.text
    bad_email = client.submit("/people", {**form, "name": "Noor", "email": "noor-at-example"})
    assert bad_email.status_code == 422
    assert 'id="e-email"' in bad_email.text
    no_token = client.submit("/people", {**form, "name": "Noor", "form_token": ""})
    assert no_token.status_code == 422
    assert names(client) == []
    # the first good submit still works with the same token: failures spent nothing
    assert client.submit("/people", {**form, "name": "Noor"}).status_code == 303


def test_adding_at_an_unknown_company_is_a_404(client: Browser) -> None:
    assert client.get("/people/new?company=999").status_code == 404
    assert client.get("/people/new").status_code == 422


def test_editing_and_a_stale_edit(client: Browser) -> None:
    person_id = dana_rejected(ctx_of(client))
    page = client.load(f"/people/{person_id}/edit")
    revision = re.search(r'name="revision" value="(\d+)"', page)
    assert revision
    form = {
        "name": "Dana Smith-Jones",
        "title": "Director",
        "email": "dana@acme.example",
        "linkedin_url": "",
        "address": "",
        "notes": "",
    }
    ok = client.submit(f"/people/{person_id}", {**form, "revision": revision.group(1)})
    assert ok.status_code == 303
    saved = stored(client, person_id)
    assert (saved.name, saved.title) == ("Dana Smith-Jones", "Director")
    stale = client.submit(
        f"/people/{person_id}", {**form, "title": "VP", "revision": revision.group(1)}
    )
    assert stale.status_code == 409
    assert stored(client, person_id).title == "Director"


def test_a_malformed_linkedin_url_keeps_the_input(client: Browser) -> None:
    person_id = dana_rejected(ctx_of(client))
    client.load(f"/people/{person_id}/edit")
    revision = str(stored(client, person_id).revision)
    form = {
        "name": "Dana Smith",
        "linkedin_url": "javascript:alert(1)",
        "email": "not-an-email",
        "notes": "Kept note",
        "revision": revision,
    }
    response = client.submit(f"/people/{person_id}", form)
    assert response.status_code == 422
    assert 'id="e-linkedin_url"' in response.text and "Kept note" in response.text
    assert 'id="e-email"' in response.text  # every field at fault, at once
    assert stored(client, person_id).notes == ""


@pytest.mark.postgres
def test_adding_once_on_postgresql(pg_client: Browser) -> None:
    fernway = company(ctx_of(pg_client), "Fernway")
    page = pg_client.load(f"/people/new?company={fernway}")
    form = {"form_token": token_of(page), "company_id": str(fernway), "name": "Noor Haddad"}
    assert pg_client.submit("/people", form).status_code == 303
    assert pg_client.submit("/people", form).status_code == 303
    assert names(pg_client) == ["Noor Haddad"]
