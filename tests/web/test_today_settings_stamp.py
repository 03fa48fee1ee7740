"""A user's settings stamp (migration 0024): every change to their stored settings raises
it in the same transaction, and Today, which reads it with the session, builds their
settings once while it holds and reads them again once it moves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from nextround.config import Settings
from nextround.services import agenda_page, user_settings, users
from nextround.services.context import Context
from nextround.storage import user_settings as stored
from nextround.web.today import PAGES
from tests.web.hosted import add_user, deployed, logged_in, site

ANA, BO = "ana@example.org", "bo@example.org"


def stamp(ctx: Context, email: str) -> int:
    with ctx.all_owners.read() as c:
        return int(c.scalar("SELECT settings_stamp FROM users WHERE email = :e", {"e": email}))


def test_each_change_to_a_users_settings_raises_their_stamp_and_no_one_elses(
    ctx: Context,
) -> None:
    """On SQLite and PostgreSQL alike: writing, changing and removing a setting."""
    ana, bo = add_user(ctx, ANA), add_user(ctx, BO)
    seen = [stamp(ctx, ANA)]
    for value in ("Ana Lima", "Ana L.", None):
        with ctx.fresh(owner=ana).db.transaction() as c:
            stored.write(c, ana, {("user", "name"): value})
        seen.append(stamp(ctx, ANA))
        assert seen[-1] > seen[-2], value
    with ctx.fresh(owner=bo).db.transaction() as c:  # a change of Bo's raises only his
        stored.write(c, bo, {("drafts", "language"): "de"})
    assert stamp(ctx, ANA) == seen[-1]
    assert stamp(ctx, BO) > 0
    with ctx.all_owners.transaction() as c:  # moving a row to another owner raises both
        c.execute("UPDATE user_settings SET owner_id = :a WHERE owner_id = :b", {"a": ana, "b": bo})
    assert stamp(ctx, ANA) == seen[-1] + 1


@pytest.fixture
def hosted(
    web_settings: Settings, postgres_admin_url: str, postgres_url: str
) -> Iterator[Settings]:
    """As deployed: the app's role under row-level security raises the stamp too."""
    with deployed(web_settings, postgres_admin_url, postgres_url) as settings:
        with site(settings) as ctx:
            add_user(ctx, ANA)
        PAGES.clear()
        user_settings._BY_STAMP.clear()
        yield settings
        PAGES.clear()


@pytest.mark.postgres
def test_today_builds_a_users_settings_once_until_they_change(
    hosted: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    names: list[str] = []
    real_own, real_today = stored.own, agenda_page.today

    def own(c: Any, owner: int) -> stored.Stored:
        reads.append(owner)
        return real_own(c, owner)

    def today(ctx: Context) -> Any:  # what the page runs with, after the settings
        names.append(ctx.settings.user.name)
        return real_today(ctx)

    monkeypatch.setattr(stored, "own", own)
    monkeypatch.setattr(agenda_page, "today", today)
    with site(hosted) as ctx:
        ana = users.user_id_for(ctx, ANA)
        user_settings.save(ctx.fresh(owner=ana), {("user", "name"): "Ana Lima"})
    with logged_in(hosted, ANA) as browser:  # logging in shows Today: forget what it kept
        user_settings._BY_STAMP.clear()
        reads.clear()
        names.clear()
        for _ in range(3):
            assert browser.get("/").status_code == 200
        assert reads == [ana]  # read once: the stamp held
        with site(hosted) as ctx:  # changed elsewhere (another web process, say)
            user_settings.save(ctx.fresh(owner=ana), {("user", "name"): "Ana Souza"})
        assert browser.get("/").status_code == 200
        assert browser.get("/").status_code == 200
    assert reads == [ana, ana]  # read again once the stamp moved, then kept
    assert names == ["Ana Lima"] * 3 + ["Ana Souza"] * 2


@pytest.mark.postgres
def test_two_saves_of_one_users_settings_at_once_take_turns(hosted: Settings) -> None:
    """The first save locks the user's row before any setting, so a second save at the same
    moment waits for it, rather than holding a setting the first one's trigger waits on
    (a deadlock: one of them failed before the saves locked the row first)."""
    import threading
    import time

    with site(hosted) as ctx:
        ana = users.user_id_for(ctx, ANA)
    first_began, failures = threading.Event(), []

    def first() -> None:
        with site(hosted) as ctx, ctx.fresh(owner=ana).db.transaction() as c:
            stored.write(c, ana, {("user", "name"): "Ana Lima"})
            first_began.set()
            time.sleep(0.5)  # the second save starts meanwhile
            stored.write(c, ana, {("user", "signature"): "Ana"})

    def second() -> None:
        first_began.wait(5)
        with site(hosted) as ctx, ctx.fresh(owner=ana).db.transaction() as c:
            stored.write(c, ana, {("user", "signature"): "A. L."})

    def run(work: Any) -> None:
        try:
            work()
        except Exception as exc:  # the failure is what the test reports
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert not failures
    with site(hosted) as ctx, ctx.fresh(owner=ana).db.read() as c:
        assert stored.read(c, ana)["user"] == {"name": "Ana Lima", "signature": "A. L."}
