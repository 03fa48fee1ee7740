"""Quick add as a plain form (no JavaScript): the box on every page, the preview with its
questions and fields, the save with Undo, a form sent twice, and a draft that still asks."""

from __future__ import annotations

import re
from dataclasses import replace

from nextround.config import Settings
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.watch.boardserver import Reply, serving
from tests.web.conftest import Browser, make_client


def _token(html: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def test_the_box_is_on_every_page(client: Browser) -> None:
    for path in ("/", "/applications", "/companies", "/quick-add"):
        html = client.load(path)
        assert 'action="/quick-add"' in html, path
        assert 'for="quick-add-text"' in html


def test_preview_then_save_adds_the_person_and_company_with_undo(client: Browser) -> None:
    shown = client.submit("/quick-add", {"text": "Dana Smith, recruiter at Initech"})
    assert shown.status_code == 200
    assert "Add the company Initech" in shown.text
    assert "Add Dana Smith, recruiter" in shown.text
    assert 'value="Dana Smith"' in shown.text
    # Nothing is saved by the preview.
    assert "Initech" not in client.get("/companies").text
    fields = {"company": "Initech", "person": "Dana Smith", "title": "Recruiter"}
    saved = client.submit("/quick-add/save", {**fields, "form_token": _token(shown.text)})
    assert saved.status_code == 303
    assert saved.headers["location"].startswith("/people/")
    page = client.get(saved.headers["location"]).text
    assert "Dana Smith" in page and "Recruiter" in page and "Undo" in page
    # The same form sent again adds nothing more.
    twice = client.submit("/quick-add/save", {**fields, "form_token": _token(shown.text)})
    assert twice.status_code == 303
    assert twice.headers["location"] == saved.headers["location"]
    assert client.get("/companies").text.count(">Initech<") == 1


def test_an_interview_at_a_company_with_no_application_asks_for_the_role(client: Browser) -> None:
    shown = client.submit("/quick-add", {"text": "Dana Smith, Acme Robotics, interview Tuesday"})
    assert "Which role at Acme Robotics is the interview for?" in shown.text
    assert 'value="2026-12-01"' in shown.text  # Tuesday after Wednesday 25 November
    fields = {"company": "Acme Robotics", "person": "Dana Smith", "interview_on": "2026-12-01"}
    refused = client.submit("/quick-add/save", {**fields, "form_token": _token(shown.text)})
    assert refused.status_code == 422
    assert "Which role at Acme Robotics" in refused.text
    assert "Acme Robotics" not in client.get("/companies").text
    done = client.submit(
        "/quick-add/save",
        {**fields, "role": "Backend Engineer", "form_token": _token(shown.text)},
    )
    assert done.status_code == 303 and done.headers["location"].startswith("/interviews/")
    page = client.get(done.headers["location"]).text
    assert "Backend Engineer" in page and "Dana Smith" in page


def test_check_again_updates_the_preview_without_saving(client: Browser) -> None:
    shown = client.submit("/quick-add", {"text": "Acme Robotics"})
    assert "What should I add at Acme Robotics" not in shown.text  # not a known company
    assert "person or a company" in shown.text
    again = client.submit(
        "/quick-add/preview",
        {"company": "Acme Robotics", "role": "SRE", "form_token": _token(shown.text)},
    )
    assert again.status_code == 200
    assert "Add the application for SRE" in again.text
    assert "Acme Robotics" not in client.get("/companies").text


def test_bad_day_and_missing_csrf_are_refused_clearly(client: Browser) -> None:
    bad = client.submit("/quick-add/save", {"company": "Acme", "interview_on": "Tuesday"})
    assert bad.status_code in (400, 422)
    assert "not a date" in bad.text
    forged = client.post("/quick-add", data={"text": "Acme"}, follow_redirects=False)
    assert forged.status_code == 403


def test_a_posting_address_is_read_into_the_preview_and_saved(web_settings: Settings) -> None:
    from tests.services.test_quick_add import GREENHOUSE_JOB

    with serving() as (server, base):
        server.route("/v1/boards/acme/jobs/4242", Reply.json(GREENHOUSE_JOB))
        watch = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        with make_client(replace(web_settings, watch=watch)) as client:
            client.load("/")
            url = "https://boards.greenhouse.io/acme/jobs/4242"
            shown = client.submit("/quick-add", {"text": url})
            assert shown.status_code == 200
            assert 'value="Backend Engineer"' in shown.text
            assert 'value="Acme Robotics"' in shown.text
            assert 'value="Berlin"' in shown.text
            assert "Robots &amp; APIs." in shown.text
            assert "Add the application for Backend Engineer" in shown.text
            fields = {
                "company": "Acme Robotics",
                "role": "Backend Engineer",
                "location": "Berlin",
                "source_url": url,
                "description": "Robots & APIs.",
                "form_token": _token(shown.text),
            }
            saved = client.submit("/quick-add/save", fields)
            assert saved.status_code == 303
            assert saved.headers["location"].startswith("/applications/")
            page = client.get(saved.headers["location"]).text
            assert url in page and "Berlin" in page
            client.app.state.web.close()  # type: ignore[attr-defined]
        assert len(server.requests) == 1
