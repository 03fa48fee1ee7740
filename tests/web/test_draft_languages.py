"""The language of drafts in the web app and the API: an application's language, a person's
own language, form of address and register."""

from __future__ import annotations

from datetime import date

from nextround.domain.tasks import Kind
from nextround.services import applications, people, tasks
from tests.web.apihelpers import job_search
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.scenario import ctx_of, interviewed


def test_a_person_and_an_application_get_a_language_in_their_forms(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    page = client.load(f"/applications/{scene.app_id}/edit")
    assert 'name="language"' in page
    form = {**hidden_fields(page, f"/applications/{scene.app_id}"), "role": "Backend Engineer"}
    form["language"] = "de"
    response = client.post(f"/applications/{scene.app_id}", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    assert applications.show_application(ctx, scene.app_id).application.language == "de"
    assert "<dt>Drafts in</dt><dd>German</dd>" in client.load(f"/applications/{scene.app_id}")
    # Formal German with no form of address: the full name, and a hint to set one.
    assert 'e.g. "Frau Dr. Weber"' in client.load(f"/people/{scene.dana_id}")
    page = client.load(f"/people/{scene.dana_id}/edit")
    assert '<select id="f-language" name="language">' in page
    form = hidden_fields(page, f"/people/{scene.dana_id}")
    form.update(name="Dana Smith", language="fr", address_as="Madame Smith", formal="informal")
    response = client.post(f"/people/{scene.dana_id}", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    dana = people.show_person(ctx, scene.dana_id).person
    assert (dana.language, dana.address_as, dana.formal) == ("fr", "Madame Smith", False)
    shown = client.load(f"/people/{scene.dana_id}")
    assert "French, first names, addressed as Madame Smith" in shown
    assert "<dt>Greeting</dt>" not in shown
    again = client.load(f"/people/{scene.dana_id}/edit")
    assert '<option value="informal" selected>' in again
    applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    card = next(
        t
        for t in tasks.list_tasks(ctx)
        if t.kind is Kind.THANK_YOU_CARD and t.person_id == scene.dana_id
    )
    assert (card.draft or "").startswith("Chère Madame Smith,")
    form = hidden_fields(client.load(f"/people/{scene.dana_id}/edit"), f"/people/{scene.dana_id}")
    form.update(name="Dana Smith", language="it")
    refused = client.post(f"/people/{scene.dana_id}", data=form, follow_redirects=False)
    assert refused.status_code == 422, refused.text
    assert 'id="e-language">Drafts can&#39;t be written in &#39;it&#39; yet' in refused.text


def test_the_api_sets_languages_and_forms_of_address(api: Browser) -> None:
    ids = job_search(api)
    app = api.patch(f"/api/v1/applications/{ids['app']}", json={"language": "es"})
    assert app.status_code == 200 and app.json()["language"] == "es", app.text
    person = api.patch(
        f"/api/v1/people/{ids['dana']}", json={"address_as": "Sra. Smith", "formal": True}
    )
    assert person.status_code == 200, person.text
    body = person.json()
    assert (body["language"], body["address_as"], body["formal"]) == (None, "Sra. Smith", True)
    bad = api.patch(f"/api/v1/people/{ids['dana']}", json={"language": "xx"})
    assert bad.status_code == 422 and "language" in bad.json()["error"]["fields"]
    api.post(f"/api/v1/applications/{ids['app']}/reject", json={"on": "2026-11-20"})
    [card] = [t for t in api.get("/api/v1/tasks").json() if t["kind"] == "thank_you_card"]
    assert card["draft"].startswith("Estimada Sra. Smith:")
    cleared = api.patch(f"/api/v1/people/{ids['dana']}", json={"address_as": None, "formal": None})
    assert cleared.json()["address_as"] is None and cleared.json()["formal"] is None
