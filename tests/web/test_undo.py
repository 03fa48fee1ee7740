"""Undo after every change, and the trash: the notice, the button, restoring, emptying."""

from __future__ import annotations

import re

from nextround.domain.companies import NewCompany
from nextround.services import companies, history, people
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields, notice
from tests.web.scenario import company, ctx_of, interviewed, person


def undo_form(page: str) -> dict[str, str]:
    return hidden_fields(page, "/undo")


def change_count(client: Browser) -> int:
    return len(history.recent(ctx_of(client), 1000))


def edit_company(client: Browser, company_id: int, **fields: str):  # type: ignore[no-untyped-def]
    page = client.load(f"/companies/{company_id}/edit")
    form = {**hidden_fields(page, f"/companies/{company_id}"), "name": "Fernway", **fields}
    return client.post(f"/companies/{company_id}", data=form, follow_redirects=False)


def test_each_request_gets_its_own_context(client: Browser) -> None:
    state = client.app.state.web  # type: ignore[attr-defined]
    first, second = state.context(), state.context()
    assert first.made is not second.made
    companies.add_company(first, NewCompany("Fernway"))
    assert [m.label for m in first.made] == ["Added Fernway"]
    assert second.made == [] and state.base.made == []
    client.load("/companies")
    assert state.base.made == []  # a page's change never lands in the shared context


def test_an_edit_offers_undo_once_and_undo_takes_it_back(client: Browser) -> None:
    company_id = company(ctx_of(client), "Fernway")
    response = edit_company(client, company_id, notes="Warm team")
    assert response.status_code == 303
    page = client.load(response.headers["location"])
    assert notice(page) == "Edited Fernway. Undo"
    form = undo_form(page)
    assert form["next"] == f"/companies/{company_id}"
    assert "Undo" not in notice(client.load(f"/companies/{company_id}"))  # shown once
    undone = client.post("/undo", data=form, follow_redirects=False)
    assert (undone.status_code, undone.headers["location"]) == (303, form["next"])
    assert notice(client.load(form["next"])) == "Undone: Edited Fernway."
    assert companies.show_company(ctx_of(client), company_id).company.notes == ""


def test_undoing_an_add_goes_back_to_the_list(client: Browser) -> None:
    page = client.load("/companies/new")
    form = {**hidden_fields(page, "/companies"), "name": "Fernway"}
    added = client.post("/companies", data=form, follow_redirects=False)
    shown = client.load(added.headers["location"])
    assert notice(shown) == "Added Fernway. Undo"
    undone = client.post("/undo", data=undo_form(shown), follow_redirects=False)
    assert undone.headers["location"] == "/companies"  # the added page is gone with it
    assert "No companies yet" in client.load("/companies")


def test_an_undo_from_an_old_page_is_refused_when_something_came_after(client: Browser) -> None:
    company_id = company(ctx_of(client), "Fernway")
    page = client.load(edit_company(client, company_id, notes="first").headers["location"])
    old = undo_form(page)
    edit_company(client, company_id, notes="second")
    before = change_count(client)
    refused = client.post("/undo", data=old, follow_redirects=False)
    assert refused.status_code == 409
    assert "came after that change" in refused.text
    assert companies.show_company(ctx_of(client), company_id).company.notes == "second"
    assert change_count(client) == before
    assert len([c for c in history.recent(ctx_of(client)) if c.undone]) == 0


def test_undo_needs_the_form_token(client: Browser) -> None:
    company_id = company(ctx_of(client), "Fernway")
    page = client.load(edit_company(client, company_id, notes="kept").headers["location"])
    form = {**undo_form(page), "csrf": "x" * 43}
    assert client.post("/undo", data=form, follow_redirects=False).status_code == 403
    assert companies.show_company(ctx_of(client), company_id).company.notes == "kept"


def test_a_task_done_on_today_can_be_undone_there(client: Browser) -> None:
    from nextround.services import applications, tasks

    scene = interviewed(ctx_of(client))
    applications.reject(ctx_of(client), scene.app_id)
    page = client.load("/")
    first = re.search(r'action="/tasks/(\d+)/done"', page)
    assert first
    task_id = int(first.group(1))
    done = client.post(
        f"/tasks/{task_id}/done",
        data=hidden_fields(page, f"/tasks/{task_id}/done"),
        follow_redirects=False,
    )
    assert done.headers["location"] == "/"
    today = client.load("/")
    assert notice(today).startswith("Done: ") and f'id="task-{task_id}"' not in today
    client.post("/undo", data=undo_form(today), follow_redirects=False)
    assert tasks.show_task(ctx_of(client), task_id).status.value == "open"


# The trash


def test_the_trash_lists_restores_and_empties(client: Browser) -> None:
    ctx = ctx_of(client)
    fernway = company(ctx, "Fernway")
    noor = person(ctx, "Noor Haddad", fernway)
    lee = person(ctx, "Lee Wong", fernway)
    assert "The trash is empty." in client.load("/trash")
    assert 'href="/trash"' in client.load("/settings")
    for person_id in (noor, lee):
        page = client.load(f"/people/{person_id}/edit")
        client.post(
            f"/people/{person_id}/delete",
            data=hidden_fields(page, f"/people/{person_id}/delete"),
            follow_redirects=False,
        )
    trash = client.load("/trash")
    assert "Deleted Noor Haddad" in trash and "Deleted Lee Wong" in trash
    assert "1 person" in trash and "kept until" in trash
    [noor_change] = [i.change.id for i in history.trash(ctx) if "Noor" in i.change.label]
    restored = client.post(
        f"/trash/{noor_change}/restore",
        data=hidden_fields(trash, f"/trash/{noor_change}/restore"),
        follow_redirects=False,
    )
    assert restored.headers["location"] == "/trash"
    assert notice(client.load("/trash")).startswith("Restored: Noor Haddad")
    assert [r.person.name for r in people.list_people(ctx)] == ["Noor Haddad"]
    trash = client.load("/trash")
    assert '<details class="confirm">' in trash  # emptying asks twice
    emptied = client.post(
        "/trash/empty", data=hidden_fields(trash, "/trash/empty"), follow_redirects=False
    )
    assert emptied.headers["location"] == "/trash?emptied=1"
    assert "one deletion is gone for good" in client.load(emptied.headers["location"])
    assert history.trash(ctx) == []


def test_restoring_the_latest_deletion_undoes_it(client: Browser) -> None:
    ctx = ctx_of(client)
    noor = person(ctx, "Noor Haddad", company(ctx, "Fernway"))
    page = client.load(f"/people/{noor}/edit")
    client.post(
        f"/people/{noor}/delete",
        data=hidden_fields(page, f"/people/{noor}/delete"),
        follow_redirects=False,
    )
    [item] = history.trash(ctx)
    trash = client.load("/trash")
    client.post(
        f"/trash/{item.change.id}/restore",
        data=hidden_fields(trash, f"/trash/{item.change.id}/restore"),
        follow_redirects=False,
    )
    assert notice(client.load("/trash")) == "Undone: Deleted Noor Haddad."
    assert people.show_person(ctx, noor).person.name == "Noor Haddad"


def test_restoring_what_is_not_in_the_trash_is_a_404(client: Browser) -> None:
    client.load("/trash")
    before = change_count(client)
    for change_id in (999, 2**31, 2**63, 2**70):
        response = client.submit(f"/trash/{change_id}/restore")
        assert response.status_code == 404, change_id
        assert "Back to Today" in response.text
    assert change_count(client) == before
