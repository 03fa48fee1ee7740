"""People imported without a company on the web pages: listed, shown, edited, searched, deleted."""

from __future__ import annotations

import io
from pathlib import Path

from nextround.services import imports, people
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.scenario import company, ctx_of

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures" / "linkedin"


def _imported(client: Browser) -> dict[str, int]:
    ctx = ctx_of(client)
    data = (FIXTURES / "Connections.csv").read_bytes()
    imports.import_file(ctx, "linkedin", io.BytesIO(data), name="Connections.csv")
    return {row.person.name: row.person.id for row in people.list_people(ctx)}


def test_the_list_and_the_page_of_someone_without_a_company(client: Browser) -> None:
    found = _imported(client)
    listed = client.load("/people")
    assert "Ada Lovelace" in listed and "Analytical Engines Ltd" in listed
    assert "/companies/None" not in listed
    page = client.load(f"/people/{found['Ada Lovelace']}")
    assert "Analytical Engines Ltd" in page and "/companies/" not in page
    assert "Linkedin, connected" in page


def _edit(client: Browser, person_id: int, **values: str) -> int:
    page = client.load(f"/people/{person_id}/edit")
    form = {**hidden_fields(page, f"/people/{person_id}"), "name": "Grace Hopper", **values}
    return client.post(f"/people/{person_id}", data=form, follow_redirects=False).status_code


def test_editing_keeps_them_without_a_company_until_one_is_chosen(client: Browser) -> None:
    person_id = _imported(client)["Grace Hopper"]
    page = client.load(f"/people/{person_id}/edit")
    choices = page.split('name="company_id"')[1].split("</select>")[0]
    assert '<option value="">Not linked to a company (imported)</option>' in choices
    assert " selected>" not in choices  # the blank choice is the one sent: it stays unlinked
    assert _edit(client, person_id, title="Commodore", company_id="") == 303
    grace = people.show_person(ctx_of(client), person_id).person
    assert (grace.title, grace.company_id) == ("Commodore", None)
    navy = company(ctx_of(client), "US Navy")
    assert _edit(client, person_id, company_id=str(navy)) == 303
    assert people.show_person(ctx_of(client), person_id).person.company_id == navy


def test_search_finds_them_by_their_organisation(client: Browser) -> None:
    _imported(client)
    page = client.load("/search?q=Metabase")
    assert "Dana Smith" in page


def test_deleting_one_goes_back_to_the_people(client: Browser) -> None:
    person_id = _imported(client)["Zoë Müller"]
    client.load(f"/people/{person_id}")
    response = client.submit(f"/people/{person_id}/delete")
    assert response.headers["location"].startswith("/people")
