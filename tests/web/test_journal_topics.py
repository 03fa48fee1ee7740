"""The web journal editor asks what you talked about with each interviewer, and keeps the
answers as their topics; a paragraph there comes back beside the entry, unsaved."""

from __future__ import annotations

import html
from datetime import date

from nextround.domain.journal import NewJournalEntry
from nextround.services import applications, interviews, journal
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.scenario import ctx_of, interview, interviewed, person


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


def test_editing_an_entry_asks_about_interviewers_met_since(client: Browser) -> None:
    ctx = ctx_of(client)
    scene = interviewed(ctx)
    body = "## What did you talk about with Dana Smith?\n- telemetry\n\n## What went well\nAll."
    entry = journal.add_entry(ctx, NewJournalEntry(scene.app_id, body)).id
    priya = person(ctx, "Priya Raman", scene.company_id, title="Director of Engineering")
    second = interview(ctx, scene.app_id, date(2026, 11, 17), priya)
    page = client.load(f"/journal/{entry}/edit")
    # Dana was asked already (once); Lee, and Priya who came later, are asked now.
    assert page.count("## What did you talk about with Dana Smith?") == 1
    for name in ("Lee Wong", "Priya Raman"):
        assert f"## What did you talk about with {name}?" in page
    typed = page.split('name="body"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    answered = html.unescape(typed).replace(
        "## What did you talk about with Priya Raman?\n",
        "## What did you talk about with Priya Raman?\n- the on-call rota\n",
    )
    assert answered != typed
    action = f"/journal/{entry}"
    form = {**hidden_fields(page, action), "body": answered}
    sent = client.post(action, data=form, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    meeting = interviews.show_interview(ctx, second).interview
    assert meeting.topics_with(priya) == ("the on-call rota",)
    saved = journal.show_entry(ctx, entry).entry.body
    assert "Priya Raman?\n- the on-call rota" in saved
    assert "Lee Wong" not in saved and "<!--" not in saved  # left unanswered: dropped
