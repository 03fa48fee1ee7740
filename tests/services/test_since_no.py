"""Check-backs and the briefing say what changed since the no, from real watch rows: the
company's board and news feed served on loopback, read by `watch run` into SQLite."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from nextround.domain.since_no import news_slot, role_title, since_rejection
from nextround.domain.tasks import Kind, Task
from nextround.domain.watch import KnownPosting, NewsItem, NewWatch
from nextround.services import applications, briefings, tasks
from nextround.services import watch as watching
from nextround.services.context import Context
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.services.scenario import Scenario, interviewed
from tests.watch.boardserver import BoardServer, Reply, serving

REJECTED = date(2026, 11, 20)


def job(i: int, title: str) -> dict[str, object]:
    return {"id": i, "title": title, "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}"}


def rss(*items: tuple[str, str | None]) -> bytes:
    """A feed of (title, RFC 822 date or None) items."""
    body = "".join(
        f"<item><title>{title}</title><link>https://acme.example/news/{n}</link><guid>{title}</guid>"
        + (f"<pubDate>{when}</pubDate>" if when else "")
        + "</item>"
        for n, (title, when) in enumerate(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Acme</title>{body}</channel></rss>'.encode()


@pytest.fixture
def board(ctx: Context) -> Iterator[tuple[BoardServer, Context]]:
    with serving() as (server, base):
        s = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        yield server, ctx.fresh(settings=dataclasses.replace(ctx.settings, watch=s))


def on(ctx: Context, day: date) -> Context:
    return ctx.fresh(settings=dataclasses.replace(ctx.settings, today=day))


def serve(server: BoardServer, jobs: list[dict[str, object]], feed: bytes) -> None:
    server.route("/v1/boards/acme/jobs", Reply.json({"jobs": jobs}))
    server.route("/news.rss", Reply(200, feed, {"Content-Type": "application/rss+xml"}))


def rejected_and_watched(server: BoardServer, ctx: Context) -> Scenario:
    """Acme said no on 20 November; the watch's first read (its baseline) the day after
    lists the role applied for, still up, and a designer role."""
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, on=REJECTED)
    feed = f"{ctx.settings.watch.base('greenhouse')}/news.rss"
    watching.add_watch(ctx, NewWatch(s.company_id, board="boards.greenhouse.io/acme", feed=feed))
    old_news = ("Acme wins an award", "Tue, 10 Nov 2026 09:00:00 +0000")
    serve(server, [job(1, "Backend Engineer"), job(2, "Designer")], rss(old_news))
    watching.run_watches(on(ctx, REJECTED + timedelta(days=1)))
    return s


def check_backs(ctx: Context) -> dict[str, str]:
    """The check-back notes by month ("3m", "6m"), as drafted now."""
    found = [t for t in tasks.list_tasks(ctx) if t.kind is Kind.CHECK_BACK]
    return {t.key.rsplit(":", 1)[1]: note(tasks.show_task(ctx, t.id)) for t in found}


def note(task: Task) -> str:
    """The message part of a check-back draft (after the greeting)."""
    draft = task.draft or ""
    return draft.split("\nHi ", 1)[1].split("\n\n")[1]


def test_nothing_seen_since_the_no_is_not_mentioned(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    rejected_and_watched(server, ctx)
    notes = check_backs(ctx)
    for text in notes.values():
        for said in ("open again", "Designer", "award", "listed again", "opening", "posting"):
            assert said not in text, text
    drafts = [tasks.show_task(ctx, t.id).draft or "" for t in tasks.list_tasks(ctx)]
    assert not any("What nextround has seen" in d for d in drafts)
    brief = briefings.render_briefing(briefings.company_briefing(ctx, 1), "md")
    assert "## Since they said no (2026-11-20)\n\n- Nothing new seen" in brief


def test_a_new_role_then_the_role_reopened_first(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    s = rejected_and_watched(server, ctx)
    serve(
        server,
        [job(1, "Backend Engineer"), job(2, "Designer"), job(3, "Data Engineer (m/w/d)")],
        rss(("Acme opens a Berlin office", "Tue, 05 Jan 2027 09:00:00 +0000")),
    )
    watching.run_watches(on(ctx, date(2027, 1, 6)))
    notes = check_backs(ctx)
    assert set(notes) == {"3m", "6m"}
    for text in notes.values():
        assert "Data Engineer" in text and "(m/w/d)" not in text
        assert "Berlin office" not in text  # one thing at a time: the role comes before news
        for ask in ("job", "hire me", "consider me", "refer me", "position for me"):
            assert ask not in text.lower()
    assert notes["3m"] != notes["6m"]
    # The role applied for is listed again: it is named first, before any other role.
    serve(
        server,
        [job(2, "Designer"), job(3, "Data Engineer (m/w/d)"), job(4, "Backend Engineer")],
        rss(("Acme opens a Berlin office", "Tue, 05 Jan 2027 09:00:00 +0000")),
    )
    watching.run_watches(on(ctx, date(2027, 1, 10)))
    notes = check_backs(ctx)
    for text in notes.values():
        assert "Backend Engineer role" in text and "Data Engineer" not in text
        assert "open again" in text or "listed again" in text, text
    assert notes["3m"] != notes["6m"]
    # The step itself lists everything seen, with links, for the user (in English).
    step = next(t for t in tasks.list_tasks(ctx) if t.key.endswith(":6m"))
    listed = (tasks.show_task(ctx, step.id).draft or "").split(
        "What nextround has seen at Acme Robotics since they said no:\n", 1
    )[1]
    assert listed.split("\n\n")[0].splitlines() == [
        "- the Backend Engineer role is listed again: Backend Engineer "
        "<https://boards.greenhouse.io/acme/jobs/4>",
        "- a new role: Data Engineer (m/w/d) <https://boards.greenhouse.io/acme/jobs/3>",
        "- in their news (2027-01-05): Acme opens a Berlin office <https://acme.example/news/0>",
    ]
    brief = briefings.company_briefing(ctx, s.company_id)
    assert brief.since_no is not None
    assert [p.external_id for p in brief.since_no.reopened] == ["4"]
    assert [p.external_id for p in brief.since_no.new_roles] == ["3"]
    assert [n.title for n in brief.since_no.news] == ["Acme opens a Berlin office"]
    text = briefings.render_briefing(brief, "md")
    section = text.split("## Since they said no (2026-11-20)\n\n", 1)[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- The Backend Engineer role, listed again (seen 2027-01-10) "
        "(<https://boards.greenhouse.io/acme/jobs/4>)",
        "- New role: Data Engineer (seen 2027-01-06) (<https://boards.greenhouse.io/acme/jobs/3>)",
        "- News, 2027-01-05: Acme opens a Berlin office (<https://acme.example/news/0>)",
    ]
    html = briefings.render_briefing(brief, "html")
    assert "<h2>Since they said no (2026-11-20)</h2>" in html
    assert '<a href="https://boards.greenhouse.io/acme/jobs/4">' in html


def test_news_dated_after_the_no_is_mentioned_undated_news_is_not(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    rejected_and_watched(server, ctx)
    serve(
        server,
        [job(1, "Backend Engineer"), job(2, "Designer")],
        rss(
            ("Someone undated", None),
            ("Acme opens a Berlin office", "Tue, 05 Jan 2027 09:00:00 +0000"),
        ),
    )
    watching.run_watches(on(ctx, date(2027, 1, 6)))
    notes = check_backs(ctx)
    for text in notes.values():
        assert "“Acme opens a Berlin office”" in text and "undated" not in text
    assert notes["3m"] != notes["6m"]


def test_a_company_not_watched_gets_a_hint_in_the_briefing(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, on=REJECTED)
    brief = briefings.company_briefing(ctx, s.company_id)
    assert (brief.since_no, brief.watched) == (None, False)
    text = briefings.render_briefing(brief, "md")
    assert (
        "- Not watched: `nextround watch add 1 --board URL` follows their job board and news."
        in text
    )


def posting(i: int, title: str, first: date, **more: object) -> KnownPosting:
    values: dict[str, object] = {
        "id": i,
        "external_id": str(i),
        "title": title,
        "norm_title": " ".join(title.casefold().split()),
        "requisition_id": "",
        "url": "",
        "first_seen": first,
        "last_seen": first,
        **more,
    }
    return KnownPosting(**values)  # type: ignore[arg-type]


def test_only_what_was_seen_since_the_no_counts() -> None:
    later = REJECTED + timedelta(days=3)
    found = since_rejection(
        1,
        "Backend Engineer",
        "",
        REJECTED,
        [
            posting(1, "Designer", later, baseline=True),  # already there when watching began
            posting(2, "Analyst", REJECTED),  # seen on the day of the no: not since
            posting(3, "Tester", later, closed_on=later),  # gone again
            posting(4, "Data Engineer [w/m/d]", later),
        ],
        [
            NewsItem("a", "Old news", published_on=REJECTED - timedelta(days=1)),
            NewsItem("b", "Undated"),
            NewsItem("c", "Fresh news", published_on=later),
        ],
    )
    assert [p.id for p in found.new_roles] == [4]
    assert role_title(found.new_roles[0].title) == "Data Engineer"
    assert [n.title for n in found.news] == ["Fresh news"]
    assert found.reopened == ()
    assert news_slot("Backend Engineer", found, None, "later") == (
        ("new_role_later", "new_role"),
        {"new_role": "Data Engineer"},
    )
    # A role the user has since applied for comes before one the board listed.
    assert news_slot("Backend Engineer", found, "Platform Lead", "first")[1] == {
        "new_role": "Platform Lead"
    }
    # The same role, applied for again, is the role reopened.
    assert news_slot("Backend Engineer", None, "backend engineer", "first")[0][0] == (
        "reopened_first"
    )
    assert news_slot("Backend Engineer", None, None, "first") == ((), {})
    headline = dataclasses.replace(
        found, new_roles=(), news=(NewsItem("x", "y" * 101, published_on=later),)
    )
    assert news_slot("Backend Engineer", headline, None, "first") == ((), {})
