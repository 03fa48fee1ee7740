"""The reopened role's step, matching new roles and the digest, from real watch rows: a
board and a news feed served on loopback, read by `watch run` into the test's database."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest

from nextround.domain.applications import ApplicationChanges, Status
from nextround.domain.interests import InterestChanges, Interests
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.domain.watch import NewWatch
from nextround.errors import Conflict, InvalidInput
from nextround.services import agenda, applications, digest, interests, tasks
from nextround.services import watch as watching
from nextround.services.context import Context, open_context
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.services.scenario import Scenario, interviewed
from tests.watch.boardserver import BoardServer, Reply, serving

REJECTED = date(2026, 11, 20)


def job(i: int, title: str, where: str = "Berlin") -> dict[str, object]:
    return {
        "id": i,
        "title": title,
        "location": {"name": where},
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}",
    }


def rss(*titles: str) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>https://acme.example/news/{n}</link><guid>{t}</guid>"
        "<pubDate>Tue, 01 Dec 2026 09:00:00 +0000</pubDate></item>"
        for n, t in enumerate(titles)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>A</title>{body}</channel></rss>'.encode()


@pytest.fixture
def board(ctx: Context, tmp_path) -> Iterator[tuple[BoardServer, Context]]:  # type: ignore[no-untyped-def]
    with serving() as (server, base):
        s = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=2.0)
        settings = dataclasses.replace(ctx.settings, watch=s, config_path=tmp_path / "config.toml")
        yield server, ctx.fresh(settings=settings)


def on(ctx: Context, day: date) -> Context:
    return ctx.fresh(settings=dataclasses.replace(ctx.settings, today=day))


def serve(server: BoardServer, jobs: list[dict[str, object]], *news: str) -> None:
    server.route("/v1/boards/acme/jobs", Reply.json({"jobs": jobs}))
    server.route("/news.rss", Reply(200, rss(*news), {"Content-Type": "application/rss+xml"}))


def watch_acme(server: BoardServer, ctx: Context, company_id: int) -> None:
    feed = f"{ctx.settings.watch.base('greenhouse')}/news.rss"
    watching.add_watch(ctx, NewWatch(company_id, board="boards.greenhouse.io/acme", feed=feed))


def rejected_and_watched(server: BoardServer, ctx: Context) -> Scenario:
    """Acme said no on 20 November to a Backend Engineer; the first read the day after
    (its baseline) lists that role, still up, and a designer role."""
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, on=REJECTED)
    watch_acme(server, ctx, s.company_id)
    serve(server, [job(1, "Backend Engineer"), job(2, "Designer")])
    watching.run_watches(on(ctx, REJECTED + timedelta(days=1)))
    return s


def reopened_steps(ctx: Context) -> list[Task]:
    found = tasks.list_tasks(ctx, include_closed=True)
    return [t for t in found if t.kind is Kind.REOPENED_ROLE]


def test_a_reopened_role_makes_one_step_on_today_across_runs(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    s = rejected_and_watched(server, ctx)
    assert reopened_steps(ctx) == []  # the baseline's posting is not a reopening
    # The old posting goes; a new one for the same role (and a second opening) comes.
    serve(
        server,
        [job(2, "Designer"), job(4, "Backend Engineer (m/w/d)"), job(5, "backend engineer")],
    )
    day = date(2027, 1, 10)
    first = watching.run_watches(on(ctx, day))
    assert [len(r.postings) for b in first.boards for r in b.reopened] == [2]
    watching.run_watches(on(ctx, day))
    watching.run_watches(on(ctx, day + timedelta(days=1)))
    [step] = reopened_steps(ctx)
    assert (
        step.title
        == "The Backend Engineer (m/w/d) role at Acme Robotics is open again — have a look"
    )
    assert (step.due, step.status, step.url) == (
        day,
        TaskStatus.OPEN,
        "https://boards.greenhouse.io/acme/jobs/4",
    )
    assert (step.application_id, step.company_id) == (s.app_id, s.company_id)
    today = agenda.today(on(ctx, day))
    assert [t.id for t in today.due_today if t.kind is Kind.REOPENED_ROLE] == [step.id]
    # Editing the application reconciles its plan: the watch's step is not the plan's to cancel.
    applications.edit_application(ctx, s.app_id, ApplicationChanges(notes="Still keen"))
    assert reopened_steps(ctx)[0].status is TaskStatus.OPEN
    # The rejection withdrawn (back to interviewing): the step goes with the rest of the plan.
    applications.set_status(ctx, s.app_id, Status.INTERVIEWING)
    assert reopened_steps(ctx)[0].status is TaskStatus.CANCELLED


def test_done_is_done_even_when_the_role_is_seen_again(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    rejected_and_watched(server, ctx)
    serve(server, [job(4, "Backend Engineer")])
    watching.run_watches(on(ctx, date(2027, 1, 10)))
    [step] = reopened_steps(ctx)
    tasks.mark_done(ctx, step.id, drafted=False)
    watching.run_watches(on(ctx, date(2027, 1, 12)))
    assert [(t.id, t.status) for t in reopened_steps(ctx)] == [(step.id, TaskStatus.DONE)]


def test_two_runs_at_once_make_one_step(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    rejected_and_watched(server, ctx)
    serve(server, [job(4, "Backend Engineer")])
    day = date(2027, 1, 10)
    contexts = [open_context(dataclasses.replace(ctx.settings, today=day)) for _ in range(2)]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = [pool.submit(watching.run_watches, each) for each in contexts]
            failed = [r.exception() for r in runs]
    finally:
        for each in contexts:
            each.close()
    # SQLite runs one writer at a time; on PostgreSQL the run that loses the race to store
    # the same new posting stops with a Conflict, and stores nothing of that board.
    assert sum(f is None for f in failed) >= 1
    assert all(f is None or isinstance(f, Conflict) for f in failed)
    assert len(reopened_steps(ctx)) == 1


def test_new_roles_matching_the_interests_are_named_by_the_run(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    interests.change(
        ctx,
        InterestChanges(add_titles=("data engineer",), locations=("Berlin", "Remote")),
    )
    assert ctx.settings.interests == Interests(("data engineer",), (), ("Berlin", "Remote"))
    s = interviewed(ctx)
    watch_acme(server, ctx, s.company_id)
    serve(server, [job(1, "Backend Engineer"), job(2, "Data Engineer", "Paris")])
    first = watching.run_watches(on(ctx, date(2026, 11, 26)))
    assert [p.title for p in first.boards[0].matching] == []  # Paris is not Berlin
    serve(
        server,
        [
            job(1, "Backend Engineer"),
            job(2, "Data Engineer", "Paris"),
            job(3, "Senior Data Engineer (m/w/d)", "Berlin, Germany"),
            job(6, "Data Engineer", "Remote - EU"),
            job(7, "Data Analyst", "Berlin"),
        ],
    )
    second = watching.run_watches(on(ctx, date(2026, 11, 27)))
    assert [p.external_id for p in second.boards[0].matching] == ["3", "6"]
    third = watching.run_watches(on(ctx, date(2026, 11, 28)))
    assert third.boards[0].matching == ()  # seen before: not new


def followed_without_steps(server: BoardServer, ctx: Context) -> Context:
    """Acme watched, no application (so no steps due), interests saved; first read on the 26th."""
    interests.change(ctx, InterestChanges(add_titles=("data engineer",)))
    s = interviewed(ctx)
    applications.delete_application(ctx, s.app_id)
    watch_acme(server, ctx, s.company_id)
    serve(server, [job(1, "Backend Engineer"), job(2, "Data Engineer")], "Acme turns ten")
    day = on(ctx, date(2026, 11, 26))
    watching.run_watches(day)
    return day


def test_the_digest_tells_what_changed_once_and_then_says_nothing(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    day = followed_without_steps(server, ctx)
    made = digest.make(day)
    assert made.remembered and not made.emailed_to
    found = made.digest
    assert [(p.company, p.title) for p in found.matching] == [("Acme Robotics", "Data Engineer")]
    assert [n.title for n in found.news] == ["Acme turns ten"]
    assert (found.overdue, found.due, found.reopened) == ((), (), ())
    text = digest.as_text(found)
    assert "New roles matching your interests:\n- Data Engineer at Acme Robotics, Berlin\n" in text
    assert "  https://boards.greenhouse.io/acme/jobs/2\n" in text
    assert (
        "News from companies you follow:\n- Acme Robotics: Acme turns ten (Tue 1 Dec 2026)" in text
    )
    assert "Backend Engineer" not in text
    as_json = found.to_json()
    assert as_json["matching"] == [
        {
            "id": found.matching[0].id,
            "company": "Acme Robotics",
            "title": "Data Engineer",
            "url": "https://boards.greenhouse.io/acme/jobs/2",
            "location": "Berlin",
            "first_seen": "2026-11-26",
        }
    ]
    # Nothing due, nothing new since: the next digest is empty, and not remembered.
    again = digest.make(on(ctx, date(2026, 11, 27)))
    assert again.digest.is_empty() and not again.remembered
    # A new matching role and a news item after the digest: only they are told.
    serve(
        server,
        [job(1, "Backend Engineer"), job(2, "Data Engineer"), job(3, "Lead Data Engineer")],
        "Acme turns ten",
        "Acme opens in Porto",
    )
    watching.run_watches(on(ctx, date(2026, 11, 28)))
    later = digest.make(on(ctx, date(2026, 11, 28))).digest
    assert [p.title for p in later.matching] == ["Lead Data Engineer"]
    assert [n.title for n in later.news] == ["Acme opens in Porto"]
    # A look back from a day tells everything since then, and moves no memory.
    back = digest.make(on(ctx, date(2026, 11, 28)), since=date(2026, 11, 26)).digest
    assert [p.title for p in back.matching] == ["Data Engineer", "Lead Data Engineer"]
    assert digest.make(on(ctx, date(2026, 11, 28))).digest.is_empty()


def test_the_digest_lists_steps_due_and_the_reopened_role(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    rejected_and_watched(server, ctx)
    serve(server, [job(2, "Designer"), job(4, "Backend Engineer")])
    day = on(ctx, date(2027, 1, 10))
    watching.run_watches(day)
    found = digest.build(day)
    [reopened] = found.reopened
    assert reopened.kind is Kind.REOPENED_ROLE
    assert reopened.id not in {t.id for t in (*found.overdue, *found.due)}
    assert found.overdue and all(t.due < day.today for t in found.overdue)
    text = digest.as_text(found)
    assert text.startswith("Your nextround digest for Sun 10 Jan 2027\n\nOpen again")
    assert "- The Backend Engineer role at Acme Robotics is open again — have a look\n" in text
    assert "\nOverdue:\n" in text
    weekly = digest.build(day, "weekly")
    assert len(weekly.due) >= len(found.due)


def test_bad_digest_options_are_refused(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="period must be daily or weekly"):
        digest.build(ctx, "monthly")
    with pytest.raises(InvalidInput, match="after today"):
        digest.build(ctx, since=ctx.today + timedelta(days=1))


def test_each_owner_gets_their_own_digest(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    day = followed_without_steps(server, ctx)
    with ctx.db.transaction() as c:
        c.execute("INSERT INTO users (id, name) VALUES (2, 'second')")
    assert digest.make(day, owner=2).digest.is_empty()
    assert not digest.build(day, owner=2).matching
    mine = digest.make(day)
    assert [p.title for p in mine.digest.matching] == ["Data Engineer"] and mine.remembered
    # The second user's digest remembers nothing of the first's.
    with ctx.db.read() as c:
        assert c.scalars("SELECT owner_id FROM digests") == [1]
