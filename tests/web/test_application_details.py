"""The application form's details: salary, work mode, source, referrer, description."""

from __future__ import annotations

import re

from nextround.services import applications
from tests.web.conftest import Browser
from tests.web.scenario import company, ctx_of, person
from tests.web.test_applications import add_form, post_form


def test_every_field_at_fault_is_marked_at_once(client: Browser) -> None:
    """A value the face can't parse (a date) and one the rules refuse (the role) together."""
    typed = {"company": "Globex", "role": "", "applied_on": "someday", "salary_currency": "x"}
    response = post_form(client, "/applications", add_form(client, **typed))
    assert response.status_code == 422
    for field in ("role", "applied_on", "salary_currency"):
        assert f'id="e-{field}"' in response.text, field
    assert applications.list_applications(ctx_of(client)) == []


def test_the_new_details_are_saved_and_shown(client: Browser) -> None:
    ctx = ctx_of(client)
    kim = person(ctx, "Kim Lee", company(ctx, "Initech"))
    typed = {
        "company": "Globex",
        "role": "Data Engineer",
        "location": "Lisbon",
        "work_mode": "hybrid",
        "salary_min": "70,000",
        "salary_max": "80000",
        "salary_currency": "eur",
        "salary_period": "year",
        "source": "referral",
        "referrer_id": str(kim),
        "description": "Build pipelines.\nOwn them.",
    }
    response = post_form(client, "/applications", add_form(client, **typed))
    assert response.status_code == 303
    [app] = applications.list_applications(ctx)
    assert (app.location, app.work_mode, app.source, app.referrer_id) == (
        "Lisbon",
        "hybrid",
        "referral",
        kim,
    )
    assert app.salary is not None
    assert (app.salary.minimum, app.salary.maximum, app.salary.currency) == (70000, 80000, "EUR")
    assert app.description == "Build pipelines.\nOwn them."
    page = client.load(response.headers["location"])
    assert "Lisbon · Hybrid" in page
    assert "EUR 70,000\u201380,000 a year" in page
    assert f'href="/people/{kim}">Kim Lee' in page
    assert "Build pipelines." in page


def test_the_company_is_found_by_its_id_or_its_whole_name(client: Browser) -> None:
    ctx = ctx_of(client)
    globex = company(ctx, "Globex")
    for typed in (str(globex), "GLOBEX", " globex "):
        form = add_form(client, company=typed, role=f"SRE {typed}")
        assert post_form(client, "/applications", form).status_code == 303, typed
    assert {a.company_id for a in applications.list_applications(ctx)} == {globex}
    unknown = post_form(client, "/applications", add_form(client, company="999", role="SRE"))
    assert unknown.status_code == 422
    assert re.search(r'id="e-company">[^<]*[Nn]o company with id 999', unknown.text), unknown.text[
        -2000:
    ]
    assert len(applications.list_applications(ctx)) == 3
