"""The task page: the draft, edited, copied, opened, downloaded, sent, printed."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from email import message_from_bytes
from urllib.parse import unquote

import keyring
import pytest
from keyring.backends import null

from nextround.config import Settings, UserProfile
from nextround.domain.people import ConnectAnswer
from nextround.domain.tasks import Kind, Task, TaskChanges
from nextround.services import applications, people, tasks
from nextround.services.context import Context
from tests.mail import Inbox, Running, smtp_server
from tests.web.conftest import Browser, as_api, make_client
from tests.web.forms import hidden_fields
from tests.web.scenario import ctx_of, interviewed


def planned(ctx: Context, kind: Kind) -> Task:
    """The first step of ``kind`` in Acme's plan, rejected on 20 November."""
    scene = interviewed(ctx)
    plan = applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    return next(t for t in plan.tasks if t.kind is kind)


def invitation(ctx: Context) -> Task:
    dana = planned(ctx, Kind.CONGRATS_EMAIL).person_id
    assert dana is not None
    view = people.record_reply(ctx, dana, ConnectAnswer.YES)
    return next(t for t in view.tasks if t.kind is Kind.LINKEDIN_INVITE)


def save(client: Browser, task: Task, **fields: str):  # type: ignore[no-untyped-def]
    page = client.load(f"/tasks/{task.id}")
    data = {**hidden_fields(page, f"/tasks/{task.id}/draft"), **fields}
    return client.post(f"/tasks/{task.id}/draft", data=data, follow_redirects=False)


# The draft


def test_the_page_shows_the_task_and_its_draft(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.CONGRATS_EMAIL)
    page = client.load(f"/tasks/{task.id}")
    assert "Email Dana Smith" in page
    assert "Congratulations email" in page
    assert 'data-copy="#f-body"' in page
    assert 'href="/people/' in page
    assert task.draft_subject is not None and task.draft_subject in page


def test_an_edited_draft_is_saved(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.CONGRATS_EMAIL)
    response = save(client, task, subject="Congratulations!", body="Dear Dana,\n\nWell done.")
    assert response.status_code == 303
    assert response.headers["location"] == f"/tasks/{task.id}?saved=1"
    saved = tasks.show_task(ctx_of(client), task.id)
    assert (saved.draft_subject, saved.draft, saved.draft_edited) == (
        "Congratulations!",
        "Dear Dana,\n\nWell done.",
        True,
    )
    assert "Draft saved." in client.load(response.headers["location"])


def test_an_empty_draft_comes_back_beside_the_field(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.THANK_YOU_CARD)
    response = save(client, task, body="   ")
    assert response.status_code == 422
    assert re.search(r'id="e-body">[^<]*empty', response.text)


def test_a_stale_draft_edit_is_refused(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.THANK_YOU_CARD)
    page = client.load(f"/tasks/{task.id}")
    data = {**hidden_fields(page, f"/tasks/{task.id}/draft"), "body": "Mine"}
    tasks.edit_task(ctx_of(client), task.id, TaskChanges(draft="Theirs"))
    response = client.post(f"/tasks/{task.id}/draft", data=data, follow_redirects=False)
    assert response.status_code == 409
    assert "changed meanwhile" in response.text
    assert tasks.show_task(ctx_of(client), task.id).draft == "Theirs"


# LinkedIn


def test_the_invitation_note_counts_against_the_limit(client: Browser) -> None:
    task = invitation(ctx_of(client))
    page = client.load(f"/tasks/{task.id}")
    limit = ctx_of(client).settings.playbook.note_limit
    assert f'data-limit="{limit}"' in page and 'data-counter="count-body"' in page
    assert re.search(rf'id="count-body"[^>]*>\d+ / {limit} characters', page)
    assert task.url is not None and task.url in page


def test_a_note_over_the_limit_is_refused_beside_the_field(client: Browser) -> None:
    task = invitation(ctx_of(client))
    limit = ctx_of(client).settings.playbook.note_limit
    long_note = "Hello Dana " + "x" * limit
    response = save(client, task, body=long_note)
    assert response.status_code == 422
    error = re.search(r'id="e-body">([^<]*)<', response.text)
    assert error and f"the limit is {limit}" in error.group(1)
    assert long_note in response.text  # kept for trimming
    assert tasks.show_task(ctx_of(client), task.id).draft != long_note


# Email


def test_the_eml_download_is_an_unsent_draft(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.CONGRATS_EMAIL)
    response = client.get(f"/tasks/{task.id}/email.eml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("message/rfc822")
    assert response.headers["content-disposition"].startswith("attachment;")
    message = message_from_bytes(response.content)
    assert message["X-Unsent"] == "1"
    assert "dana@acme.example" in message["To"]


def test_the_mailto_link_carries_the_draft(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.CONGRATS_EMAIL)
    page = client.load(f"/tasks/{task.id}")
    link = re.search(r'href="(mailto:[^"]+)">Open in your mail app', page)
    assert link and "dana@acme.example" in unquote(link.group(1))
    assert "subject=" in link.group(1)


def test_without_smtp_the_page_says_how_to_set_it_up(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.CONGRATS_EMAIL)
    page = client.load(f"/tasks/{task.id}")
    assert f'action="/tasks/{task.id}/send"' not in page
    assert "NEXTROUND_SMTP_HOST" in page
    response = client.submit(f"/tasks/{task.id}/send")
    assert response.status_code == 409
    assert "Not sent" in response.text and "set one up" in response.text
    assert tasks.show_task(ctx_of(client), task.id).status.value == "open"


def test_an_eml_of_a_card_task_is_refused(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.THANK_YOU_CARD)
    assert client.get(f"/tasks/{task.id}/email.eml").status_code == 422


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def smtp_client(web_settings: Settings, inbox: Inbox) -> Iterator[Browser]:
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    with smtp_server(inbox) as running:
        settings = _with_smtp(web_settings, running)
        with make_client(settings) as browser:
            browser.load("/")
            yield browser
    keyring.set_keyring(previous)


def _with_smtp(settings: Settings, running: Running) -> Settings:
    return replace(
        settings,
        user=UserProfile(name="Sam Doe", email="sam@home.example"),
        smtp=running.settings(password="s3cret-pw"),
    )


def test_sending_by_smtp_sends_once_and_marks_the_step_done(
    smtp_client: Browser, inbox: Inbox
) -> None:
    task = planned(ctx_of(smtp_client), Kind.CONGRATS_EMAIL)
    page = smtp_client.load(f"/tasks/{task.id}")
    assert "s3cret-pw" not in page
    data = hidden_fields(page, f"/tasks/{task.id}/send")
    response = smtp_client.post(f"/tasks/{task.id}/send", data=data, follow_redirects=False)
    assert response.status_code == 303
    assert len(inbox.messages) == 1
    assert tasks.show_task(ctx_of(smtp_client), task.id).status.value == "done"
    shown = smtp_client.load(response.headers["location"])
    assert "Sent." in shown
    again = smtp_client.post(f"/tasks/{task.id}/send", data=data, follow_redirects=False)
    assert again.status_code == 409
    assert "Not sent" in again.text and "s3cret-pw" not in again.text
    assert len(inbox.messages) == 1


# Cards


def test_the_card_pdf_prints_inline(client: Browser) -> None:
    assert client.submit("/setup", {"user.name": "Sam Rivera"}).status_code == 303
    task = planned(ctx_of(client), Kind.THANK_YOU_CARD)
    page = client.load(f"/tasks/{task.id}")
    assert f'action="/tasks/{task.id}/card.pdf"' in page
    assert '<option value="a2" selected>' in page and '<option value="letter" selected>' in page
    assert "Straight on the card and the envelope" in page
    response = client.get(f"/tasks/{task.id}/card.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    assert response.content.startswith(b"%PDF")
    assert "x-nextround-warning" not in response.headers


def test_the_card_pdf_takes_a_size_and_a_sheet_and_warns_of_a_second_card(
    client: Browser,
) -> None:
    from pypdf import PdfReader

    assert client.submit("/setup", {"user.name": "Sam Rivera"}).status_code == 303
    ctx = ctx_of(client)
    task = planned(ctx, Kind.THANK_YOU_CARD)
    response = client.get(f"/tasks/{task.id}/card.pdf?size=dl&sheet=envelope")
    assert response.status_code == 200
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(response.content)).pages
    ]
    assert sizes == [(595, 281), (595, 281), (624, 312)]  # DL card, DL card, DL envelope
    folded = client.get(f"/tasks/{task.id}/card.pdf?size=a6&sheet=a4&folded=1")
    page_2 = PdfReader(io.BytesIO(folded.content)).pages[1].mediabox
    assert (round(float(page_2.width)), round(float(page_2.height))) == (595, 842)
    bad = client.get(f"/tasks/{task.id}/card.pdf?size=b5")
    assert bad.status_code in {400, 422}
    assert "unknown card size" in bad.text
    long = "\n\n".join(["Thank you again for the tour of the lab and the long demo."] * 12)
    tasks.edit_task(ctx, task.id, TaskChanges(draft=f"Dear Dana,\n\n{long}"))
    page = client.load(f"/tasks/{task.id}")
    assert "continues on a second card" in page
    warned = client.get(f"/tasks/{task.id}/card.pdf")
    assert "so it continues on a second card" in warned.headers["x-nextround-warning"]
    api = as_api(client).get(f"/api/v1/tasks/{task.id}/card.pdf?size=a6&sheet=a4")
    assert api.status_code == 200 and "x-nextround-warning" in api.headers


def test_marking_a_card_mailed_finishes_it(client: Browser) -> None:
    task = planned(ctx_of(client), Kind.THANK_YOU_CARD)
    page = client.load(f"/tasks/{task.id}")
    data = hidden_fields(page, f"/tasks/{task.id}/done")
    response = client.post(f"/tasks/{task.id}/done", data=data, follow_redirects=False)
    assert response.headers["location"] == f"/tasks/{task.id}"
    assert tasks.show_task(ctx_of(client), task.id).status.value == "done"
    assert "I mailed it" not in client.load(f"/tasks/{task.id}")
