"""The companies pages: the list, adding, the briefing, the followed checklist, editing."""

from __future__ import annotations

import re
from datetime import date

import pytest

from nextround.domain.journal import NewJournalEntry
from nextround.services import applications, briefings, companies, journal, tasks
from nextround.services.context import Context
from tests.conftest import TODAY
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.querycount import statements
from tests.web.scenario import application, company, ctx_of, interview, person

__all__ = ["ctx_of", "rejected_at_acme"]


def rejected_at_acme(ctx: Context) -> int:
    acme = company(
        ctx,
        "Acme Robotics",
        website="acme.example",
        socials=("https://www.linkedin.com/company/acme", "https://github.com/acme"),
    )
    dana = person(ctx, "Dana Smith", acme, email="dana@acme.example")
    app_id = application(ctx, acme, "Backend Engineer", date(2026, 10, 1))
    interview(ctx, app_id, date(2026, 11, 10), dana)
    body = "## What went well\nThe **system design** talk.\n<script>x</script>"
    journal.add_entry(ctx, NewJournalEntry(app_id, body))
    applications.reject(ctx, app_id)
    return acme


def stored(client: Browser, company_id: int):  # type: ignore[no-untyped-def]
    return companies.show_company(ctx_of(client), company_id).company


def test_the_list_shows_counts_and_an_empty_state(client: Browser) -> None:
    assert "No companies yet" in client.load("/companies")
    rejected_at_acme(ctx_of(client))
    page = client.load("/companies")
    assert "Acme Robotics" in page
    assert "0 of 2" in page  # accounts followed


def test_the_list_runs_the_same_queries_for_3_and_30_companies(client: Browser) -> None:
    ctx = ctx_of(client)
    for i in range(3):
        person(ctx, f"Person {i}", company(ctx, f"Company {i}", socials=(f"https://x.com/c{i}",)))
    few = statements(client, "/companies")
    for i in range(3, 30):
        person(ctx, f"Person {i}", company(ctx, f"Company {i}", socials=(f"https://x.com/c{i}",)))
    assert statements(client, "/companies") == few
    assert few > 0  # the listener sees the statements


def test_the_briefing_shows_timeline_people_notes_and_follow_ups(client: Browser) -> None:
    company_id = rejected_at_acme(ctx_of(client))
    page = client.load(f"/companies/{company_id}")
    assert "Applied for Backend Engineer" in page
    assert "Dana Smith" in page
    assert "<strong>system design</strong>" in page  # Markdown rendered
    assert "<script>x</script>" not in page  # raw HTML never gets through
    assert "Write a thank-you card to Dana Smith" in page
    assert 'name="followed"' in page


def test_an_unknown_company_is_a_friendly_404(client: Browser) -> None:
    response = client.get("/companies/999")
    assert response.status_code == 404
    assert "no company with id 999" in response.text
    assert client.get("/companies/999/edit").status_code == 404


def test_following_every_account_finishes_the_follow_step(client: Browser) -> None:
    ctx = ctx_of(client)
    company_id = rejected_at_acme(ctx)
    client.load(f"/companies/{company_id}")
    one = {"followed": "https://github.com/acme"}
    assert client.submit(f"/companies/{company_id}/follow", one).status_code == 303
    followed = {s.url: s.followed_on for s in stored(client, company_id).socials}
    assert followed == {
        "https://www.linkedin.com/company/acme": None,
        "https://github.com/acme": ctx.today,
    }
    follow = [t for t in tasks.list_tasks(ctx) if t.kind.value == "follow_company"]
    assert follow, "the follow step is still open with one account left"
    response = client.submit(f"/companies/{company_id}/follow", {"followed": list(followed)})
    assert response.status_code == 303
    assert not [t for t in tasks.list_tasks(ctx) if t.kind.value == "follow_company"]
    assert "followed since" in client.load(f"/companies/{company_id}")


def test_unchecking_an_account_unfollows_it(client: Browser) -> None:
    ctx = ctx_of(client)
    company_id = rejected_at_acme(ctx)
    client.load(f"/companies/{company_id}")
    client.submit(f"/companies/{company_id}/follow", {"followed": "https://github.com/acme"})
    client.submit(f"/companies/{company_id}/follow", {})
    assert all(s.followed_on is None for s in stored(client, company_id).socials)


def test_following_an_account_of_another_company_is_refused(client: Browser) -> None:
    company_id = rejected_at_acme(ctx_of(client))
    client.load(f"/companies/{company_id}")
    response = client.submit(
        f"/companies/{company_id}/follow", {"followed": "https://evil.example"}
    )
    assert response.status_code == 422


def test_adding_an_account_and_a_malformed_one(client: Browser) -> None:
    company_id = company(ctx_of(client), "Fernway")
    client.load(f"/companies/{company_id}")
    bad = client.submit(f"/companies/{company_id}/socials", {"url": "not a url"})
    assert bad.status_code == 422
    assert "not a web address" in bad.text
    assert 'value="not a url"' in bad.text  # the input is kept
    good = client.submit(f"/companies/{company_id}/socials", {"url": "bsky.app/profile/fernway"})
    assert good.status_code == 303
    assert "Bluesky" in client.load(f"/companies/{company_id}")


def test_editing_saves_and_a_stale_edit_is_refused(client: Browser) -> None:
    company_id = company(ctx_of(client), "Fernway")
    page = client.load(f"/companies/{company_id}/edit")
    assert 'name="revision" value="0"' in page
    form = {
        "name": "Fernway Labs",
        "website": "fernway.example",
        "address": "1 Dock Road",
        "careers_url": "",
        "notes": "Warm team",
    }
    response = client.submit(f"/companies/{company_id}", {**form, "revision": "0"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/companies/{company_id}"
    saved = stored(client, company_id)
    assert (saved.name, saved.website, saved.address, saved.notes) == (
        "Fernway Labs",
        "https://fernway.example",
        "1 Dock Road",
        "Warm team",
    )
    stale = client.submit(f"/companies/{company_id}", {**form, "notes": "Other", "revision": "0"})
    assert stale.status_code == 409
    assert "reload" in stale.text
    assert stored(client, company_id).notes == "Warm team"


def test_every_bad_field_of_an_edit_is_marked_beside_it(client: Browser) -> None:
    company_id = company(ctx_of(client), "Fernway")
    client.load(f"/companies/{company_id}/edit")
    form = {
        "name": "",
        "website": "ftp://nope",
        "careers_url": "not a site",
        "address": "Kept address",
        "revision": "0",
    }
    response = client.submit(f"/companies/{company_id}", form)
    assert response.status_code == 422
    for name in ("name", "website", "careers_url"):
        assert f'id="e-{name}"' in response.text, name
    assert "Kept address" in response.text
    assert stored(client, company_id).address is None


def test_an_edit_without_its_revision_is_refused(client: Browser) -> None:
    company_id = company(ctx_of(client), "Fernway")
    client.load(f"/companies/{company_id}/edit")
    form = {"name": "Renamed", "website": ""}
    assert client.submit(f"/companies/{company_id}", form).status_code == 422
    assert stored(client, company_id).name == "Fernway"


def test_journal_html_is_sanitised_by_the_service() -> None:
    html = str(briefings.journal_html("[x](javascript:alert(1)) <img src=x onerror=alert(1)>"))
    assert "href" not in html  # markdown-it refuses the javascript: link
    assert "<img" not in html


@pytest.mark.postgres
def test_following_on_postgresql(pg_client: Browser) -> None:
    company_id = rejected_at_acme(ctx_of(pg_client))
    pg_client.load(f"/companies/{company_id}")
    response = pg_client.submit(
        f"/companies/{company_id}/follow", {"followed": "https://github.com/acme"}
    )
    assert response.status_code == 303
    assert [s.followed_on for s in stored(pg_client, company_id).socials] == [
        None,
        TODAY,
    ]


# -- adding a company by its own form ----------------------------------------------------


def company_form(client: Browser, **fields: str) -> dict[str, str]:
    """The add form as the page serves it (its one-time token), filled in with ``fields``."""
    page = client.load("/companies/new")
    return {**hidden_fields(page, "/companies"), **fields}


def test_the_list_offers_to_add_a_company(client: Browser) -> None:
    page = client.load("/companies")
    assert 'href="/companies/new"' in page and "No companies yet" in page


def test_adding_a_company_opens_its_page(client: Browser) -> None:
    form = company_form(client, name="Fernway", website="fernway.example", address="1 Quay St")
    response = client.submit("/companies", form)
    assert response.status_code == 303
    added = [row.company for row in companies.list_companies(ctx_of(client))]
    assert [(c.name, c.website, c.address) for c in added] == [
        ("Fernway", "https://fernway.example", "1 Quay St")
    ]
    assert response.headers["location"] == f"/companies/{added[0].id}"
    assert "Fernway" in client.load(response.headers["location"])


@pytest.mark.parametrize(
    ("fields", "beside", "message"),
    [
        ({"name": "", "website": "kept.example"}, "name", "Company name can&#39;t be empty"),
        ({"name": "Kept", "website": "javascript:alert(1)"}, "website", "website"),
        ({"name": "Kept", "careers_url": "ftp://x"}, "careers_url", "careers URL"),
    ],
)
def test_a_bad_company_form_comes_back_with_the_message_beside_the_field(
    client: Browser, fields: dict[str, str], beside: str, message: str
) -> None:
    response = client.submit("/companies", company_form(client, **fields))
    assert response.status_code == 422
    error = re.search(rf'<p class="field-error" id="e-{beside}">([^<]*)</p>', response.text)
    assert error and message.lower() in error.group(1).lower(), response.text
    assert "kept" in response.text.lower()  # what was typed is shown again
    assert companies.list_companies(ctx_of(client)) == []


def test_a_company_name_already_known_is_refused_beside_the_name(client: Browser) -> None:
    known = company(ctx_of(client), "Fernway")
    response = client.submit("/companies", company_form(client, name="Fernway"))
    assert response.status_code == 409
    assert 'id="e-name"' in response.text and "already exists" in response.text
    assert f'href="/companies/{known}"' in response.text  # the one already there
    assert len(companies.list_companies(ctx_of(client))) == 1


def test_a_look_alike_can_be_added_anyway(client: Browser) -> None:
    known = company(ctx_of(client), "Fernway")
    form = company_form(client, name="FERNWAY Ltd")
    response = client.submit("/companies", form)
    assert response.status_code == 409
    assert "same name" in response.text and f'href="/companies/{known}"' in response.text
    assert 'name="allow_duplicate"' in response.text
    assert len(companies.list_companies(ctx_of(client))) == 1
    anyway = client.submit("/companies", {**form, "allow_duplicate": "yes"})
    assert anyway.status_code == 303
    assert len(companies.list_companies(ctx_of(client))) == 2


def test_a_double_submit_adds_the_company_once(client: Browser) -> None:
    form = company_form(client, name="Fernway")
    first = client.submit("/companies", form)
    second = client.submit("/companies", form)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == first.headers["location"]
    assert len(companies.list_companies(ctx_of(client))) == 1


@pytest.mark.postgres
def test_adding_a_company_once_on_postgresql(pg_client: Browser) -> None:
    form = company_form(pg_client, name="Fernway")
    assert pg_client.submit("/companies", form).status_code == 303
    assert pg_client.submit("/companies", form).status_code == 303
    assert [r.company.name for r in companies.list_companies(ctx_of(pg_client))] == ["Fernway"]


def test_line_breaks_from_a_browser_are_stored_plain(client: Browser) -> None:
    """Browsers send a textarea's line breaks as CRLF; nothing stores the ``\\r``."""
    form = company_form(client, name="Fernway", address="1 Quay St\r\nHarbourside\r\n")
    location = client.submit("/companies", form).headers["location"]
    assert stored(client, int(location.rsplit("/", 1)[1])).address == "1 Quay St\nHarbourside"
