"""The Contacts page: imported people with no company record, by source, a page at a time."""

from __future__ import annotations

import pytest

from nextround.errors import InvalidInput
from nextround.services import network
from nextround.storage import records
from tests.web.conftest import Browser
from tests.web.querycount import statements
from tests.web.scenario import company, ctx_of, person
from tests.web.test_people_you_know import contact


def test_contacts_by_source_with_their_company_when_stored(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics", website="https://acme.example")
    person(ctx, "Linked Larry", acme)  # has a company record: listed under People only
    fox = contact(ctx, "Fox Mulder", "ACME Robotics, Inc.")
    contact(ctx, "Zed <Nobody>", "Somewhere Else")
    page = client.load("/contacts")
    assert "Linked Larry" not in page
    assert f'<a href="/people/{fox}">Fox Mulder</a>' in page
    assert f'<a href="/companies/{acme}">ACME Robotics, Inc.</a>' in page
    assert "Zed &lt;Nobody&gt;" in page
    assert "LinkedIn (2)" in page
    assert 'href="/contacts"' in client.load("/")  # in the navigation
    assert "No one here." in client.load("/contacts?source=vcard")


def test_an_email_at_a_company_domain_links_it(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics", website="https://www.acme.example")
    found = network.contacts(ctx)
    assert found.rows == ()
    with ctx.db.transaction() as c:
        records.insert(
            c,
            "people",
            ctx.owner,
            {"name": "Jo", "email": "jo@eu.acme.example", "source": "google"},
        )
    (row,) = network.contacts(ctx, "google").rows
    assert row.company_id == acme


def test_pages_of_a_hundred_and_the_same_queries(client: Browser) -> None:
    ctx = ctx_of(client)
    for i in range(3):
        contact(ctx, f"Person {i:03}", "Org")
    few = statements(client, "/contacts")
    for i in range(3, 205):
        contact(ctx, f"Person {i:03}", f"Org {i}")
    assert statements(client, "/contacts") == few
    first = client.load("/contacts?source=linkedin")
    assert "Page 1 of 3 (205 contacts)" in first
    assert 'href="/contacts?source=linkedin&amp;page=2" rel="next"' in first
    last = client.load("/contacts?page=3")
    assert "Person 204" in last and "Person 099" not in last
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_bad_filters_are_refused_clearly(client: Browser) -> None:
    assert client.get("/contacts?page=x").status_code == 422
    bad = client.get("/contacts?source=myspace")
    assert bad.status_code == 422
    assert "no source" in bad.text.lower()
    with pytest.raises(InvalidInput, match="numbered from 1"):
        network.contacts(ctx_of(client), page=0)
