"""The companies pages: the list, the briefing, the followed checklist, editing."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.services import applications, briefings, companies, journal, people, tasks
from nextround.services.context import Context
from tests.web.conftest import Browser
from tests.web.querycount import statements


def ctx_of(client: Browser) -> Context:
    context: Context = client.app.state.web.context()  # type: ignore[attr-defined]
    return context


def rejected_at_acme(ctx: Context) -> int:
    companies.add_company(
        ctx,
        "Acme Robotics",
        website="acme.example",
        socials=["https://www.linkedin.com/company/acme", "https://github.com/acme"],
    )
    people.add_person(ctx, "Dana Smith", company="Acme Robotics", email="dana@acme.example")
    app = applications.add_application(
        ctx, company="Acme Robotics", role="Backend Engineer", applied_on=date(2026, 10, 1)
    ).application
    from nextround.services import interviews

    interviews.add_interview(ctx, app.id, on=date(2026, 11, 10), interviewers=["Dana Smith"])
    journal.add_entry(
        ctx, app.id, "## What went well\nThe **system design** talk.\n<script>x</script>"
    )
    applications.reject(ctx, app.id)
    return companies.list_companies(ctx)[0].id


def test_the_list_shows_counts_and_an_empty_state(client: Browser) -> None:
    assert "No companies yet" in client.load("/companies")
    rejected_at_acme(ctx_of(client))
    page = client.load("/companies")
    assert "Acme Robotics" in page
    assert "0 of 2" in page  # accounts followed


def test_the_list_runs_the_same_queries_for_3_and_30_companies(client: Browser) -> None:
    ctx = ctx_of(client)
    for i in range(3):
        companies.add_company(ctx, f"Company {i}", socials=[f"https://x.com/c{i}"])
        people.add_person(ctx, f"Person {i}", company=f"Company {i}")
    few = statements(client, "/companies")
    for i in range(3, 30):
        companies.add_company(ctx, f"Company {i}", socials=[f"https://x.com/c{i}"])
        people.add_person(ctx, f"Person {i}", company=f"Company {i}")
    assert statements(client, "/companies") == few


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
    followed = {s.url: s.followed_on for s in companies.get_company(ctx, company_id).socials}
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
    assert all(s.followed_on is None for s in companies.get_company(ctx, company_id).socials)


def test_following_an_account_of_another_company_is_refused(client: Browser) -> None:
    company_id = rejected_at_acme(ctx_of(client))
    client.load(f"/companies/{company_id}")
    response = client.submit(
        f"/companies/{company_id}/follow", {"followed": "https://evil.example"}
    )
    assert response.status_code == 422


def test_adding_an_account_and_a_malformed_one(client: Browser) -> None:
    ctx = ctx_of(client)
    company_id = companies.add_company(ctx, "Fernway").id
    client.load(f"/companies/{company_id}")
    bad = client.submit(f"/companies/{company_id}/socials", {"url": "not a url"})
    assert bad.status_code == 422
    assert "not a web address" in bad.text
    assert 'value="not a url"' in bad.text  # the input is kept
    good = client.submit(f"/companies/{company_id}/socials", {"url": "bsky.app/profile/fernway"})
    assert good.status_code == 303
    assert "Bluesky" in client.load(f"/companies/{company_id}")


def test_editing_saves_and_a_stale_edit_is_refused(client: Browser) -> None:
    ctx = ctx_of(client)
    company_id = companies.add_company(ctx, "Fernway").id
    page = client.load(f"/companies/{company_id}/edit")
    assert 'name="revision" value="0"' in page
    form = {
        "website": "fernway.example",
        "address": "1 Dock Road",
        "careers_url": "",
        "notes": "Warm team",
    }
    response = client.submit(f"/companies/{company_id}", {**form, "revision": "0"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/companies/{company_id}"
    saved = companies.get_company(ctx, company_id)
    assert (saved.website, saved.address, saved.notes) == (
        "https://fernway.example",
        "1 Dock Road",
        "Warm team",
    )
    stale = client.submit(f"/companies/{company_id}", {**form, "notes": "Other", "revision": "0"})
    assert stale.status_code == 409
    assert "reload" in stale.text
    assert companies.get_company(ctx, company_id).notes == "Warm team"


def test_a_malformed_website_shows_the_form_again_with_the_message(client: Browser) -> None:
    company_id = companies.add_company(ctx_of(client), "Fernway").id
    client.load(f"/companies/{company_id}/edit")
    form = {"website": "ftp://nope", "address": "Kept address", "revision": "0"}
    response = client.submit(f"/companies/{company_id}", form)
    assert response.status_code == 422
    assert 'id="e-website"' in response.text
    assert "Kept address" in response.text


def test_an_edit_without_its_revision_is_refused(client: Browser) -> None:
    company_id = companies.add_company(ctx_of(client), "Fernway").id
    client.load(f"/companies/{company_id}/edit")
    assert client.submit(f"/companies/{company_id}", {"website": ""}).status_code == 422


def test_journal_html_is_sanitised_by_the_service() -> None:
    html = str(briefings.journal_html("[x](javascript:alert(1)) <img src=x onerror=alert(1)>"))
    assert "href" not in html  # markdown-it refuses the javascript: link
    assert "<img" not in html


@pytest.mark.postgres
def test_following_on_postgresql(pg_client: Browser) -> None:
    ctx = ctx_of(pg_client)
    company_id = rejected_at_acme(ctx)
    pg_client.load(f"/companies/{company_id}")
    response = pg_client.submit(
        f"/companies/{company_id}/follow", {"followed": "https://github.com/acme"}
    )
    assert response.status_code == 303
    assert [s.followed_on for s in companies.get_company(ctx, company_id).socials] == [
        None,
        ctx.today,
    ]
