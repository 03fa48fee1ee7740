"""The Contacts page: imported people with no company record, by source, a page at a time."""

from __future__ import annotations

import html
import re

import pytest

from nextround.errors import InvalidInput
from nextround.services import network
from nextround.storage import records
from tests.web.conftest import Browser
from tests.web.querycount import statements
from tests.web.scenario import company, ctx_of, person
from tests.web.test_people_you_know import contact

NEXT = re.compile(r'<a href="([^"]+)" rel="next">Next page</a>')


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
    assert "205 contacts from LinkedIn in all." in first
    assert "Person 099" in first and "Person 100" not in first  # 100 a page by default
    following = NEXT.search(first)
    assert following is not None and "source=linkedin" in following.group(1)
    second = client.load(html.unescape(following.group(1)))
    assert "Person 100" in second and "Person 199" in second and "Person 099" not in second
    assert 'rel="first"' in second
    third = client.load(html.unescape(NEXT.search(second).group(1)))  # type: ignore[union-attr]
    assert "Person 204" in third and "Person 199" not in third
    assert 'rel="next"' not in third
    assert statements(client, html.unescape(NEXT.search(second).group(1))) == few  # type: ignore[union-attr]


def test_a_page_goes_on_after_its_last_row_not_by_counting(client: Browser) -> None:
    """Keyset, not OFFSET: a contact filed under a company meanwhile shifts no one."""
    ctx = ctx_of(client)
    ids = [contact(ctx, f"Person {i}", "Org") for i in range(5)]
    first = client.load("/contacts?limit=2")
    acme = company(ctx, "Acme")
    with ctx.db.transaction() as c:
        records.update(c, "people", ctx.owner, ids[0], {"company_id": acme})
    second = client.load(html.unescape(NEXT.search(first).group(1)))  # type: ignore[union-attr]
    assert "Person 2" in second and "Person 3" in second and "Person 1" not in second


def test_bad_filters_are_refused_clearly(client: Browser) -> None:
    for wrong in ("limit=0", "limit=x", "cursor=nonsense"):
        assert client.get(f"/contacts?{wrong}").status_code == 422, wrong
    bad = client.get("/contacts?source=myspace")
    assert bad.status_code == 422
    assert "no source" in bad.text.lower()
    with pytest.raises(InvalidInput, match="no source"):
        network.contacts(ctx_of(client), "myspace")
