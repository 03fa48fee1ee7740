"""One way of saying things across the pages: dates, Markdown, a company's steps."""

from __future__ import annotations

import re
from datetime import date, timedelta

from nextround.domain.journal import NewJournalEntry
from nextround.services import applications, journal, tasks
from tests.conftest import TODAY
from tests.web.conftest import Browser
from tests.web.scenario import application, company, ctx_of, interview, person


def _rejected_with_steps(client: Browser) -> tuple[int, int]:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics")
    dana = person(ctx, "Dana Smith", acme, email="dana@acme.example")
    app_id = application(ctx, acme, "Backend Engineer", date(2026, 10, 1))
    interview(ctx, app_id, date(2026, 11, 10), dana)
    applications.reject(ctx, app_id)
    return acme, dana


def test_search_results_show_journal_markdown_as_html(client: Browser) -> None:
    ctx = ctx_of(client)
    app_id = application(ctx, company(ctx, "Harborlight"), "Data Engineer", date(2026, 10, 1))
    body = "They asked about **backpressure**.\nThen `kafka` lag.\n\n<script>alert(1)</script>"
    journal.add_entry(ctx, NewJournalEntry(app_id, body))
    page = client.load("/search?q=backpressure")
    assert "<strong>backpressure</strong>" in page
    assert "**backpressure**" not in page
    assert "<code>kafka</code>" in page
    assert "<br" in page  # the lines stay lines
    assert "<script>alert" not in page


def test_journal_lines_and_paragraphs_are_kept(client: Browser) -> None:
    ctx = ctx_of(client)
    app_id = application(ctx, company(ctx, "Harborlight"), "Data Engineer", date(2026, 10, 1))
    journal.add_entry(ctx, NewJournalEntry(app_id, "First line\nsecond line\n\nNew paragraph"))
    page = client.load(f"/applications/{app_id}")
    assert re.search(r"<p>First line<br ?/?>\s*second line</p>\s*<p>New paragraph</p>", page)


def test_the_company_page_lists_the_steps_planned_with_a_person(client: Browser) -> None:
    acme, _dana = _rejected_with_steps(client)
    planned = [t for t in tasks.list_tasks(ctx_of(client)) if t.company_id == acme]
    assert planned, "a rejection after an interview plans steps"
    page = client.load(f"/companies/{acme}")
    people = page.split('id="h-people"')[1].split("</section>")[0]
    assert "No follow-up steps" not in people
    for task in planned:
        if task.person_id is not None:
            assert f'href="/tasks/{task.id}"' in people


def test_a_person_without_steps_still_says_so(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics")
    person(ctx, "Lee Wong", acme)
    page = client.load(f"/companies/{acme}")
    assert "No follow-up steps with them yet" in page


def test_a_step_done_yesterday_says_done_yesterday(client: Browser) -> None:
    _rejected_with_steps(client)
    task = tasks.list_tasks(ctx_of(client))[0]
    tasks.mark_done(ctx_of(client), task.id, TODAY - timedelta(days=1))
    page = client.load(f"/tasks/{task.id}")
    assert "on yesterday" not in page
    assert re.search(r"done\s*<time[^>]*>yesterday</time>", page)


def test_dates_within_the_year_and_beyond(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics")
    app_id = application(ctx, acme, "Backend Engineer", date(2026, 10, 1))
    older = application(ctx, acme, "Data Engineer", date(2025, 3, 9))
    board = client.load("/applications")
    assert "Thu 1 Oct" in board and "9 Mar 2025" in board
    assert f"/applications/{app_id}" in board and f"/applications/{older}" in board
