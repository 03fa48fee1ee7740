"""Editing, deleting and merging from the pages: every record kind, each delete asking twice.

A delete or a merge sits in a ``<details>`` whose form is the second click:
it works without JavaScript, and these tests post it as the browser would.
"""

from __future__ import annotations

import re
from datetime import date

from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import ConnectAnswer
from nextround.services import applications, companies, history, interviews, journal, people
from nextround.services import tasks as task_service
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields, notice
from tests.web.scenario import Scenario, company, ctx_of, interview, interviewed, person


def confirmed(client: Browser, page_path: str, action: str, **fields: str):  # type: ignore[no-untyped-def]
    """Open ``page_path`` and post its confirm form for ``action`` (the second click)."""
    page = client.load(page_path)
    block = re.search(
        rf'<details class="confirm"[^>]*>(?:(?!</details>).)*action="{re.escape(action)}"',
        page,
        flags=re.S,
    )
    assert block, f"no confirmation step for {action} on {page_path}"
    return client.post(
        action, data={**hidden_fields(page, action), **fields}, follow_redirects=False
    )


def change_count(client: Browser) -> int:
    return len(history.recent(ctx_of(client), 1000))


# Companies


def test_deleting_a_company_with_records_needs_the_cascade_box(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    edit = f"/companies/{scene.company_id}/edit"
    assert "Also delete its 1 application and 2 people" in client.load(edit)
    before = change_count(client)
    refused = confirmed(client, edit, f"/companies/{scene.company_id}/delete")
    assert refused.status_code == 409
    assert re.search(r'id="e-delete">[^<]*still has 1 application and 2 people', refused.text)
    assert change_count(client) == before
    done = confirmed(client, edit, f"/companies/{scene.company_id}/delete", cascade="yes")
    assert (done.status_code, done.headers["location"]) == (303, "/companies")
    assert companies.list_companies(ctx_of(client)) == []
    assert people.list_people(ctx_of(client)) == []
    assert notice(client.load("/companies")) == "Deleted Acme Robotics. Undo"


def test_merging_a_company_moves_its_records(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    twin = company(ctx, "Acme Robotics GmbH", twin=True, address="1 Dock Road")
    person(ctx, "Kim Park", twin)
    edit = f"/companies/{twin}/edit"
    assert re.search(
        rf'<option value="{scene.company_id}">Acme Robotics</option>', client.load(edit)
    )
    merged = confirmed(client, edit, f"/companies/{twin}/merge", into=str(scene.company_id))
    assert merged.headers["location"] == f"/companies/{scene.company_id}"
    assert [r.company.name for r in companies.list_companies(ctx)] == ["Acme Robotics"]
    kept = companies.show_company(ctx, scene.company_id)
    assert kept.company.address == "1 Dock Road"  # what the target lacked
    assert "Kim Park" in [p.name for p in kept.people]
    page = client.load(merged.headers["location"])
    assert notice(page) == "Merged Acme Robotics GmbH into Acme Robotics. Undo"


def test_a_merge_without_a_target_comes_back_beside_the_choice(client: Browser) -> None:
    ctx = ctx_of(client)
    one, other = company(ctx, "One"), company(ctx, "Other")
    before = change_count(client)
    response = confirmed(client, f"/companies/{one}/edit", f"/companies/{one}/merge", into="")
    assert response.status_code == 422
    assert 'id="e-into"' in response.text and "Choose the company" in response.text
    itself = confirmed(client, f"/companies/{one}/edit", f"/companies/{one}/merge", into=str(one))
    assert itself.status_code == 422 and "into itself" in itself.text
    assert change_count(client) == before
    assert len(companies.list_companies(ctx)) == 2 and other


# People


def test_a_person_is_renamed_and_moved_to_another_company(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    fernway = company(ctx, "Fernway")
    page = client.load(f"/people/{scene.lee_id}/edit")
    assert f'<option value="{scene.company_id}" selected>Acme Robotics' in page
    form = {
        **hidden_fields(page, f"/people/{scene.lee_id}"),
        "name": "Lee Wong-Park",
        "company_id": str(fernway),
    }
    saved = client.post(f"/people/{scene.lee_id}", data=form, follow_redirects=False)
    assert saved.status_code == 303
    lee = people.show_person(ctx, scene.lee_id).person
    assert (lee.name, lee.company) == ("Lee Wong-Park", "Fernway")


def test_merging_a_person_entered_twice(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    twin = person(ctx, "D. Smith", scene.company_id, linkedin_url="linkedin.com/in/dana")
    action = f"/people/{twin}/merge"
    merged = confirmed(client, f"/people/{twin}/edit", action, into=str(scene.dana_id))
    assert merged.headers["location"] == f"/people/{scene.dana_id}"
    dana = people.show_person(ctx, scene.dana_id).person
    assert dana.linkedin_url == "https://linkedin.com/in/dana"
    assert sorted(r.person.name for r in people.list_people(ctx)) == ["Dana Smith", "Lee Wong"]


def test_deleting_a_person_goes_to_their_company(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    done = confirmed(client, f"/people/{scene.lee_id}/edit", f"/people/{scene.lee_id}/delete")
    assert done.headers["location"] == f"/companies/{scene.company_id}"
    assert client.get(f"/people/{scene.lee_id}").status_code == 404


def test_a_reply_can_be_changed_and_cleared(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    applications.reject(ctx, scene.app_id)
    path = f"/people/{scene.dana_id}"
    client.load(path)
    assert client.submit(f"{path}/reply", {"answer": "yes"}).status_code == 303
    page = client.load(path)
    assert "said yes to connecting" in page and 'value="clear"' in page
    client.submit(f"{path}/reply", {"answer": "no"})
    assert people.show_person(ctx, scene.dana_id).relationship.answer is ConnectAnswer.NO
    client.submit(f"{path}/reply", {"answer": "clear"})
    assert people.show_person(ctx, scene.dana_id).relationship.answer is None
    assert "Did Dana answer" in client.load(path)


# Applications


def test_deleting_an_application_takes_its_interviews(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    edit = f"/applications/{scene.app_id}/edit"
    done = confirmed(client, edit, f"/applications/{scene.app_id}/delete")
    assert done.headers["location"] == "/applications"
    assert applications.list_applications(ctx_of(client)) == []
    assert interviews.list_interviews(ctx_of(client)) == []
    assert len(people.list_people(ctx_of(client))) == 2  # the people stay


def test_the_application_page_shows_its_history_and_plan_notes(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    priya = person(ctx, "Priya Patel", scene.company_id)
    interview(ctx, scene.app_id, date(2026, 12, 1), priya)  # still to come
    applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    page = client.load(f"/applications/{scene.app_id}")
    history_part = page[page.index('id="history"') :]
    assert re.search(r"1 October 2026</time>\s*Applied</li>", history_part)
    assert re.search(r"20 November 2026</time>\s*Applied → Rejected</li>", history_part)
    assert "No card or email for Priya" in page  # why the plan leaves Priya out
    assert "called off" in page


# Interviews


def _interview_of(scene: Scenario, client: Browser) -> int:
    return interviews.list_interviews(ctx_of(client), scene.app_id)[0].id


def test_an_interview_is_edited_from_its_page(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    interview_id = _interview_of(scene, client)
    assert f'href="/interviews/{interview_id}/edit"' in client.load(f"/applications/{scene.app_id}")
    page = client.load(f"/interviews/{interview_id}/edit")
    assert "Dana Smith\nLee Wong</textarea>" in page
    form = {
        **hidden_fields(page, f"/interviews/{interview_id}"),
        "on": "2026-11-11",
        "at": "09:15",
        "format": "phone",
        "interviewers": "Lee Wong, Priya Patel",
        "status": "planned",
        "notes": "Rescheduled",
    }
    saved = client.post(f"/interviews/{interview_id}", data=form, follow_redirects=False)
    assert saved.headers["location"] == f"/applications/{scene.app_id}#interview-{interview_id}"
    view = interviews.show_interview(ctx_of(client), interview_id)
    assert (str(view.interview.on), str(view.interview.at), view.interview.format.value) == (
        "2026-11-11",
        "09:15:00",
        "phone",
    )
    assert sorted(p.name for p in view.people) == ["Lee Wong", "Priya Patel"]
    assert len(view.revisions) == 1  # the earlier version is kept
    stale = client.post(f"/interviews/{interview_id}", data=form, follow_redirects=False)
    assert stale.status_code == 409


def test_a_bad_interview_edit_comes_back_beside_the_fields(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    interview_id = _interview_of(scene, client)
    page = client.load(f"/interviews/{interview_id}/edit")
    form = {**hidden_fields(page, f"/interviews/{interview_id}"), "on": "9999-12-31", "at": "25:00"}
    before = change_count(client)
    response = client.post(f"/interviews/{interview_id}", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert 'id="e-at"' in response.text
    assert change_count(client) == before
    form["at"] = ""
    response = client.post(f"/interviews/{interview_id}", data=form, follow_redirects=False)
    assert re.search(r'id="e-on">[^<]*out of range', response.text)
    assert change_count(client) == before


def test_an_interview_is_deleted_and_the_entry_about_it_stays(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    interview_id = _interview_of(scene, client)
    journal.add_entry(ctx, NewJournalEntry(scene.app_id, "Dana: the lab", interview_id))
    done = confirmed(
        client, f"/interviews/{interview_id}/edit", f"/interviews/{interview_id}/delete"
    )
    assert done.headers["location"] == f"/applications/{scene.app_id}#interviews"
    assert interviews.list_interviews(ctx, scene.app_id) == []
    assert [e.interview_id for e in journal.list_entries(ctx, scene.app_id)] == [None]


# Journal entries


def test_a_journal_entry_is_edited_and_deleted(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    entry = journal.add_entry(ctx, NewJournalEntry(scene.app_id, "First thoughts"))
    assert f'href="/journal/{entry.id}/edit"' in client.load(f"/applications/{scene.app_id}")
    shown = client.get(f"/journal/{entry.id}", follow_redirects=False)  # its page is the app's
    assert shown.headers["location"] == f"/applications/{scene.app_id}#entry-{entry.id}"
    page = client.load(f"/journal/{entry.id}/edit")
    form = {**hidden_fields(page, f"/journal/{entry.id}"), "body": "Second thoughts"}
    saved = client.post(f"/journal/{entry.id}", data=form, follow_redirects=False)
    assert saved.headers["location"] == f"/applications/{scene.app_id}#entry-{entry.id}"
    assert journal.show_entry(ctx, entry.id).entry.body == "Second thoughts"
    assert "First thoughts" in client.load(f"/journal/{entry.id}/edit")  # the earlier text
    stale = client.post(f"/journal/{entry.id}", data=form, follow_redirects=False)
    assert stale.status_code == 409
    empty = {**form, "body": "  ", "revision": "1"}
    refused = client.post(f"/journal/{entry.id}", data=empty, follow_redirects=False)
    assert refused.status_code == 422 and 'id="e-body"' in refused.text
    confirmed(client, f"/journal/{entry.id}/edit", f"/journal/{entry.id}/delete")
    assert journal.list_entries(ctx, scene.app_id) == []


# Tasks


def test_a_task_moves_to_another_day_and_its_draft_goes_back(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    plan = applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    card = next(t for t in plan.tasks if t.kind.value == "thank_you_card")
    page = client.load(f"/tasks/{card.id}")
    moved = client.post(
        f"/tasks/{card.id}/due",
        data={**hidden_fields(page, f"/tasks/{card.id}/due"), "due": "2026-12-03"},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert str(task_service.show_task(ctx, card.id).due) == "2026-12-03"
    page = client.load(f"/tasks/{card.id}")
    data = {**hidden_fields(page, f"/tasks/{card.id}/draft"), "body": "My own words"}
    client.post(f"/tasks/{card.id}/draft", data=data, follow_redirects=False)
    page = client.load(f"/tasks/{card.id}")
    assert "Go back to the written draft" in page
    reset = client.post(
        f"/tasks/{card.id}/draft/reset",
        data=hidden_fields(page, f"/tasks/{card.id}/draft/reset"),
        follow_redirects=False,
    )
    assert reset.status_code == 303
    back = task_service.show_task(ctx, card.id)
    assert (back.draft_edited, back.draft) == (False, card.draft)


def test_a_task_day_out_of_range_is_refused_beside_the_field(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    card = applications.reject(ctx, scene.app_id).tasks[0]
    page = client.load(f"/tasks/{card.id}")
    before = change_count(client)
    for day, message in (("9999-12-31", "out of range"), ("", "Give the day")):
        data = {**hidden_fields(page, f"/tasks/{card.id}/due"), "due": day}
        response = client.post(f"/tasks/{card.id}/due", data=data, follow_redirects=False)
        assert response.status_code == 422
        assert re.search(rf'id="e-due">[^<]*{message}', response.text), day
    assert change_count(client) == before
    assert task_service.show_task(ctx, card.id).due == card.due
