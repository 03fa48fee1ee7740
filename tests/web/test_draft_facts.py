"""What drafts are written from, set in the web app and the API: a person's part, the topics
talked about with each interviewer, and another wording for a draft."""

from __future__ import annotations

import re
from datetime import date

from nextround.domain.interviews import InterviewKind
from nextround.domain.people import Part
from nextround.domain.tasks import Kind, TaskChanges
from nextround.services import applications, interviews, people, tasks
from tests.web.apihelpers import job_search
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.scenario import ctx_of, interviewed


def test_another_wording_from_the_task_page(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    plan = applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD)
    page = client.load(f"/tasks/{card.id}")
    assert "Word it another way" in page
    form = hidden_fields(page, f"/tasks/{card.id}/draft/redraft")
    response = client.post(f"/tasks/{card.id}/draft/redraft", data=form, follow_redirects=False)
    assert response.status_code == 303
    again = tasks.show_task(ctx, card.id)
    assert again.draft and again.draft != card.draft and again.draft.startswith("Dear Dana,")
    # An edited draft is the user's: no button offers to replace it.
    tasks.edit_task(ctx, card.id, TaskChanges(draft="Dear Dana, my own words."))
    assert "Word it another way" not in client.load(f"/tasks/{card.id}")


def test_the_part_is_chosen_on_the_edit_page(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    page = client.load(f"/people/{scene.lee_id}/edit")
    assert '<select id="f-part" name="part">' in page
    form = hidden_fields(page, f"/people/{scene.lee_id}")
    form.update(name="Lee Wong", title="Staff Engineer", part="peer")
    response = client.post(f"/people/{scene.lee_id}", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    lee = people.show_person(ctx, scene.lee_id).person
    assert (lee.part, lee.plays) == (Part.PEER, Part.PEER)
    assert "Peer" in client.load(f"/people/{scene.lee_id}")


def test_topics_are_typed_per_interviewer_on_the_interview_page(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    [meeting] = interviews.list_interviews(ctx, scene.app_id)
    page = client.load(f"/interviews/{meeting.id}/edit")
    assert "What did you talk about with Dana?" in page
    form = hidden_fields(page, f"/interviews/{meeting.id}")
    form.update(
        on="2026-11-10",
        format="video",
        interviewers="Dana Smith\nLee Wong",
        status="planned",
        kind="technical",
        **{f"topics-{scene.dana_id}": "the robot fleet, on-call", f"topics-{scene.lee_id}": ""},
    )
    response = client.post(f"/interviews/{meeting.id}", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    saved = interviews.show_interview(ctx, meeting.id).interview
    assert saved.topics_with(scene.dana_id) == ("the robot fleet", "on-call")
    assert saved.topics_with(scene.lee_id) == ()
    assert saved.kind is InterviewKind.TECHNICAL
    form[f"topics-{scene.dana_id}"] = "x" * 80
    response = client.post(f"/interviews/{meeting.id}", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert "a topic is a few words" in response.text


def test_the_api_sets_a_part_topics_and_asks_for_another_wording(api: Browser) -> None:
    ids = job_search(api)
    person = api.patch(f"/api/v1/people/{ids['dana']}", json={"part": "hiring_manager"})
    assert person.status_code == 200, person.text
    assert (person.json()["part"], person.json()["plays"]) == ("hiring_manager", "hiring_manager")
    bad = api.patch(f"/api/v1/people/{ids['dana']}", json={"part": "boss"})
    assert bad.status_code == 422 and "part" in bad.json()["error"]["fields"]
    meeting = api.patch(
        f"/api/v1/interviews/{ids['interview']}",
        json={"topics": {str(ids["dana"]): ["the sailing club"]}},
    )
    assert meeting.status_code == 200, meeting.text
    assert meeting.json()["topics"] == {str(ids["dana"]): ["the sailing club"]}
    kind = api.patch(f"/api/v1/interviews/{ids['interview']}", json={"kind": "onsite"})
    assert kind.status_code == 200 and kind.json()["kind"] == "onsite"
    api.post(f"/api/v1/applications/{ids['app']}/reject", json={"on": "2026-11-20"})
    [card] = [t for t in api.get("/api/v1/tasks").json() if t["kind"] == "thank_you_card"]
    assert "the sailing club" in card["draft"]
    again = api.post(f"/api/v1/tasks/{card['id']}/redraft")
    assert again.status_code == 200, again.text
    assert again.json()["draft"] != card["draft"]
    api.patch(f"/api/v1/tasks/{card['id']}", json={"draft": "Dear Dana, my own words."})
    refused = api.post(f"/api/v1/tasks/{card['id']}/redraft")
    assert refused.status_code == 409


def test_the_kind_is_chosen_when_an_interview_is_recorded(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    page = client.load(f"/applications/{scene.app_id}")
    assert '<select id="f-kind" name="kind">' in page
    form = hidden_fields(page, f"/applications/{scene.app_id}/interviews")
    form.update(on="2026-11-12", format="video", kind="panel", interviewers="Dana Smith")
    response = client.post(
        f"/applications/{scene.app_id}/interviews", data=form, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    kinds = [i.kind for i in interviews.list_interviews(ctx, scene.app_id)]
    assert InterviewKind.PANEL in kinds
    form.update(kind="coffee", on="2026-11-13")
    refused = client.post(
        f"/applications/{scene.app_id}/interviews", data=form, follow_redirects=False
    )
    assert refused.status_code == 422, refused.text
    assert "Unknown interview kind" in refused.text, re.findall(r"field-error[^<]*<", refused.text)
