"""The web journal editor asks what you talked about with each interviewer, and keeps the
answers as their topics; a paragraph there comes back beside the entry, unsaved."""

from __future__ import annotations

from nextround.services import applications, journal
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.scenario import ctx_of, interviewed


def test_the_editor_asks_about_each_interviewer_and_keeps_the_answers(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    page = client.load(f"/applications/{scene.app_id}")
    for name in ("Dana Smith", "Lee Wong"):
        assert f"## What did you talk about with {name}?" in page  # in the editor
        assert f"<strong>What did you talk about with {name}?</strong>" in page  # in the prompts
    action = f"/applications/{scene.app_id}/journal"
    body = (
        "## What did you talk about with Dana Smith?\n- the robot fleet's telemetry\n"
        "## What went well\nThe whiteboard part went well."
    )
    sent = client.post(
        action, data={**hidden_fields(page, action), "body": body}, follow_redirects=False
    )
    assert sent.status_code == 303
    ctx = ctx_of(client)
    [meeting] = applications.show_application(ctx, scene.app_id).interviews
    assert meeting.topics_with(scene.dana_id) == ("the robot fleet's telemetry",)
    assert meeting.topics_with(scene.lee_id) == ()


def test_a_paragraph_as_topics_comes_back_with_the_reason(client: Browser) -> None:
    scene = interviewed(ctx_of(client))
    page = client.load(f"/applications/{scene.app_id}")
    action = f"/applications/{scene.app_id}/journal"
    body = "## What did you talk about with Lee Wong?\nWe argued about Rust. It was fun."
    sent = client.post(
        action, data={**hidden_fields(page, action), "body": body}, follow_redirects=False
    )
    assert sent.status_code == 422
    assert 'id="e-body"' in sent.text
    assert "What you talked about with Lee Wong reads as sentences" in sent.text
    assert "We argued about Rust. It was fun.</textarea>" in sent.text
    assert journal.list_entries(ctx_of(client), scene.app_id) == []
