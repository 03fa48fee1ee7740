"""Today in place: one line per step, the list and a draft as fragments, stale rows."""

from __future__ import annotations

import re
from datetime import date, timedelta

from nextround.domain.tasks import Kind, Task, TaskChanges, TaskStatus
from nextround.services import applications, tasks
from nextround.services.context import Context
from nextround.web.today import FRAGMENT_HEADER, LIST, snooze_choices
from tests.conftest import TODAY
from tests.web.conftest import Browser
from tests.web.forms import hidden_fields
from tests.web.scenario import ctx_of, interviewed


def planned(ctx: Context) -> list[Task]:
    """Acme's plan after a rejection on 20 November: steps due on Today."""
    scene = interviewed(ctx)
    return applications.reject(ctx, scene.app_id, date(2026, 11, 20)).tasks


def of_kind(found: list[Task], kind: Kind) -> Task:
    return next(t for t in found if t.kind is kind)


def row_form(page: str, task: Task, action: str) -> dict[str, str]:
    """The hidden fields of a row's form, as the browser would send them."""
    return hidden_fields(page, f"/tasks/{task.id}/{action}")


def test_a_row_is_one_line_with_done_a_menu_and_its_draft(client: Browser) -> None:
    steps = planned(ctx_of(client))
    email = of_kind(steps, Kind.CONGRATS_EMAIL)
    page = client.load("/")
    row = page[page.index(f'id="task-{email.id}"') :]
    row = row[: row.index("</li>")]
    assert f'aria-label="Mark done: {email.title}"' in row
    assert '<details class="today-menu">' in row
    assert f'aria-label="Skip: {email.title}"' in row
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert f'name="until" value="{tomorrow}"' in row
    assert f'data-draft="/today/tasks/{email.id}/draft"' in row
    assert f'name="revision" value="{email.revision}"' in row
    assert "Dana Smith" in row and "Acme" in row
    assert "today.js" in page


def test_the_list_fragment_is_the_list_alone(client: Browser) -> None:
    planned(ctx_of(client))
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.headers[FRAGMENT_HEADER] == "list"
    assert '<div id="today-list"' in response.text
    assert "<html" not in response.text and "<nav" not in response.text


def test_done_from_a_row_returns_the_list_without_it_and_offers_undo(client: Browser) -> None:
    email = of_kind(planned(ctx_of(client)), Kind.CONGRATS_EMAIL)
    page = client.load("/")
    form = {**row_form(page, email, "done"), "next": LIST}
    response = client.post(f"/tasks/{email.id}/done", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == LIST
    listed = client.get(LIST)
    assert f'id="task-{email.id}"' not in listed.text
    assert 'action="/undo"' in listed.text
    assert tasks.show_task(ctx_of(client), email.id).status is TaskStatus.DONE


def test_without_javascript_the_forms_post_and_redirect_as_before(client: Browser) -> None:
    steps = planned(ctx_of(client))
    email, card = of_kind(steps, Kind.CONGRATS_EMAIL), of_kind(steps, Kind.THANK_YOU_CARD)
    page = client.load("/")
    response = client.post(
        f"/tasks/{email.id}/skip", data=row_form(page, email, "skip"), follow_redirects=False
    )
    assert (response.status_code, response.headers["location"]) == (303, "/")
    until = snooze_choices(TODAY)["next_week"]
    form = {**row_form(page, card, "snooze"), "until": until.isoformat()}
    response = client.post(f"/tasks/{card.id}/snooze", data=form, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/")
    snoozed = tasks.show_task(ctx_of(client), card.id)
    assert (snoozed.status, snoozed.due) == (TaskStatus.SNOOZED, until)
    assert tasks.show_task(ctx_of(client), email.id).status is TaskStatus.SKIPPED


def test_a_stale_row_refreshes_and_says_so(client: Browser) -> None:
    ctx = ctx_of(client)
    email = of_kind(planned(ctx), Kind.CONGRATS_EMAIL)
    page = client.load("/")
    form = row_form(page, email, "done")
    # Another window moves the step to tomorrow after this page was drawn.
    tasks.edit_task(ctx, email.id, TaskChanges(due=TODAY + timedelta(days=1)))

    response = client.post(f"/tasks/{email.id}/done", data={**form, "next": LIST})
    assert response.status_code == 409
    assert response.headers[FRAGMENT_HEADER] == "list"
    assert "changed elsewhere" in response.text
    assert f'class="task today-row kind-congrats_email stale" id="task-{email.id}"' in response.text
    fresh = tasks.show_task(ctx, email.id)
    assert fresh.status is TaskStatus.OPEN
    assert f'name="revision" value="{fresh.revision}"' in response.text

    # Without JavaScript: the whole page, saying so, and still nothing done.
    plain = client.post(f"/tasks/{email.id}/done", data=form)
    assert plain.status_code == 409
    assert "<nav" in plain.text and "changed elsewhere" in plain.text
    assert tasks.show_task(ctx, email.id).status is TaskStatus.OPEN


def test_a_row_done_elsewhere_comes_back_as_a_conflict(client: Browser) -> None:
    ctx = ctx_of(client)
    email = of_kind(planned(ctx), Kind.CONGRATS_EMAIL)
    page = client.load("/")
    form = row_form(page, email, "skip")
    tasks.mark_done(ctx, email.id)
    response = client.post(f"/tasks/{email.id}/skip", data={**form, "next": LIST})
    assert response.status_code == 409
    assert f'id="task-{email.id}"' not in response.text
    assert "changed elsewhere" in response.text
    assert tasks.show_task(ctx, email.id).status is TaskStatus.DONE


def test_rows_elsewhere_without_a_revision_keep_their_error_page(client: Browser) -> None:
    ctx = ctx_of(client)
    email = of_kind(planned(ctx), Kind.CONGRATS_EMAIL)
    tasks.mark_done(ctx, email.id)
    response = client.submit(f"/tasks/{email.id}/skip", {"next": "/"})
    assert response.status_code == 409
    assert FRAGMENT_HEADER not in response.headers


def test_the_draft_fragment_has_copy_mailto_eml_and_edit(client: Browser) -> None:
    email = of_kind(planned(ctx_of(client)), Kind.CONGRATS_EMAIL)
    response = client.get(f"/today/tasks/{email.id}/draft")
    assert response.status_code == 200
    assert response.headers[FRAGMENT_HEADER] == "draft"
    text = response.text
    assert f'data-copy="#draft-text-{email.id}"' in text
    assert email.draft is not None and email.draft.split("\n")[0] in text
    mailto = re.search(r'href="(mailto:[^"]+)"', text)
    assert mailto and "Open in mail app" in text
    assert f'href="/tasks/{email.id}/email.eml"' in text
    assert f'href="/tasks/{email.id}"' in text and ">Edit<" in text
    assert "card.pdf" not in text


def test_a_card_draft_prints_and_opens_in_place_without_javascript(client: Browser) -> None:
    card = of_kind(planned(ctx_of(client)), Kind.THANK_YOU_CARD)
    text = client.get(f"/today/tasks/{card.id}/draft").text
    assert f'href="/tasks/{card.id}/card.pdf"' in text and "mailto:" not in text
    page = client.load(f"/?draft={card.id}")
    row = page[page.index(f'id="task-{card.id}"') :]
    assert f'data-draft="/today/tasks/{card.id}/draft" open' in row
    assert f'id="draft-text-{card.id}"' in row
    assert client.load("/?draft=999999")  # a step since deleted: Today all the same


def test_the_draft_of_a_missing_step_is_not_found(client: Browser) -> None:
    assert client.get("/today/tasks/999999/draft").status_code == 404


def test_next_week_is_a_monday_and_never_tomorrow() -> None:
    for offset in range(7):
        day = date(2026, 11, 23) + timedelta(days=offset)
        chosen = snooze_choices(day)
        assert chosen["next_week"].weekday() == 0
        assert chosen["next_week"] > chosen["tomorrow"] > day
        assert (chosen["next_week"] - day).days <= 8
