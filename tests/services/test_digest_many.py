"""The digest of many users read together (``build_many``, across owners) is, user for
user, the digest their own job builds (``build`` with their job's context), on a real
PostgreSQL database holding several users' steps, postings, news, past digests and
saved interests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from nextround.config import Settings
from nextround.domain.interests import Interests
from nextround.errors import InvalidInput
from nextround.services import digest, job_queue, user_settings
from nextround.services.context import Context, open_context
from nextround.storage.sql import Connection
from tests.conftest import TODAY
from tests.jobs import rejected

pytestmark = pytest.mark.postgres

OWNERS = (1, 2, 3, 4, 5)


@pytest.fixture
def hosted(postgres_url: str, tmp_path) -> Iterator[Context]:  # type: ignore[no-untyped-def]
    settings = Settings(
        db_url=postgres_url,
        today=TODAY,
        hosted=True,
        templates_dir=tmp_path / "config" / "templates",
        config_path=tmp_path / "config.toml",
        interests=Interests(titles=("nobody's",)),  # the site's own: no user's
    )
    ctx = open_context(settings)
    with ctx.db.transaction() as c:
        for owner in OWNERS[1:]:
            c.execute(
                "INSERT INTO users (id, name, email) VALUES (:id, :name, :email)",
                {"id": owner, "name": f"user {owner}", "email": f"u{owner}@people.example"},
            )
    yield ctx
    ctx.close()


def watched(ctx: Context, owner: int, company: str, *rows: tuple[str, str, date, bool]) -> None:
    """A watched company of ``owner`` with postings (title, location, first seen, open)
    and one news item per posting, stored as a watch run stores them."""
    with ctx.fresh(owner=owner).db.transaction() as c:
        company_id = _insert(c, "companies", {"owner_id": owner, "name": company})
        watch = _insert(
            c,
            "watches",
            {"owner_id": owner, "company_id": company_id, "board_kind": "greenhouse"},
        )
        for n, (title, where, seen, still_open) in enumerate(rows):
            _insert(
                c,
                "watch_postings",
                {
                    "owner_id": owner,
                    "watch_id": watch,
                    "external_id": str(n),
                    "title": title,
                    "norm_title": title.lower(),
                    "url": f"https://jobs.example/{owner}/{n}",
                    "location": where,
                    "first_seen": seen,
                    "last_seen": seen,
                    "closed_on": None if still_open else seen,
                },
            )
            _insert(
                c,
                "watch_news",
                {
                    "owner_id": owner,
                    "watch_id": watch,
                    "guid": f"news-{n}",
                    "title": f"{company} news {n}",
                    "url": f"https://news.example/{owner}/{n}",
                    "published_on": seen,
                    "first_seen": seen,
                },
            )


def _insert(c: Connection, table: str, values: dict[str, object]) -> int:
    names = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    found = c.scalar(f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING id", values)
    return int(found)


def own(ctx: Context, owner: int) -> Context:
    return job_queue.for_owner(ctx, owner)


def test_many_users_digests_read_together_are_each_users_own(hosted: Context) -> None:
    ctx = hosted
    before = TODAY - timedelta(days=3)
    for owner, company in ((1, "Initech"), (2, "Acme Robotics"), (3, "Globex"), (5, "Hooli")):
        rejected(ctx, owner, company)
    watched(
        ctx,
        2,
        "Zeta Data",
        ("Data Analyst", "Berlin", before, True),
        ("Sales Lead", "Paris", TODAY, True),
        ("Data Engineer", "Berlin", TODAY, False),
    )
    watched(ctx, 3, "Ärzte Werk", ("Data Analyst", "Remote", TODAY, True))
    watched(ctx, 4, "Umbrella", ("Nurse", "Lyon", before - timedelta(days=9), True))
    user_settings.save(own(ctx, 2), {("interests", "titles"): ["data analyst"]})
    user_settings.save(own(ctx, 3), {("interests", "locations"): ["Lisbon"]})
    # Users 2 and 5 had a digest already: theirs tell only what came after it.
    for owner in (2, 5):
        digest.make(own(ctx, owner), "daily")
    watched(ctx, 2, "Zeta Two", ("Data Analyst II", "Berlin", TODAY, True))

    for period in ("daily", "weekly"):
        together = digest.build_many(ctx, [5, 4, 3, 2, 1, 99], period)
        assert list(together) == [5, 4, 3, 2, 1, 99]
        for owner in (*OWNERS, 99):
            alone = digest.build(own(ctx, owner), period)
            assert together[owner] == alone, (period, owner)
            assert digest.as_text(together[owner]) == digest.as_text(alone)

    daily = digest.build_many(ctx, OWNERS)
    # What each one holds, so that the equality above compares something.
    assert [p.title for p in daily[2].matching] == ["Data Analyst II"]  # after its last digest
    assert daily[3].matching == ()  # wants Lisbon only
    assert [n.company for n in daily[3].news] == ["Ärzte Werk"]
    assert daily[4].news == () and daily[4].matching == ()  # seen before the window
    assert daily[1].overdue + daily[1].due and daily[3].overdue + daily[3].due
    assert daily[4].is_empty() and not daily[2].is_empty()
    assert all(d.marks.task > 0 for o, d in daily.items() if o != 4)


def test_many_users_digests_in_several_batches_and_a_wrong_period(
    hosted: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = hosted
    for owner, company in ((2, "Acme Robotics"), (3, "Globex"), (4, "Umbrella")):
        rejected(ctx, owner, company)
    digest.make(own(ctx, 3), "daily")
    monkeypatch.setattr(digest, "BATCH", 2)  # 5 owners: three batches
    together = digest.build_many(ctx, OWNERS)
    assert together == {o: digest.build(own(ctx, o)) for o in OWNERS}
    with pytest.raises(InvalidInput, match="period must be daily or weekly"):
        digest.build_many(ctx, OWNERS, "monthly")
    assert digest.build_many(ctx, []) == {}


def test_a_digest_remembered_long_ago_still_bounds_the_window(hosted: Context) -> None:
    ctx = hosted
    rejected(ctx, 2, "Acme Robotics")
    watched(ctx, 2, "Zeta Data", ("Data Analyst", "Berlin", TODAY, True))
    with ctx.fresh(owner=2).db.transaction() as c:
        for days, mark in ((30, 0), (10, 1)):
            c.execute(
                "INSERT INTO digests (owner_id, made_at, posting_mark, news_mark, task_mark, "
                "period, emailed) VALUES (2, :at, :mark, :mark, 0, 'daily', false)",
                {"at": datetime(2026, 11, 1) - timedelta(days=days), "mark": mark},
            )
    [(owner, found)] = digest.build_many(ctx, [2]).items()
    assert found == digest.build(own(ctx, owner))
    assert found.since == datetime(2026, 10, 22) and found.matching == ()
    assert dataclasses.asdict(found)["marks"]["posting"] == 1
