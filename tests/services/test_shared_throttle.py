"""Tries counted in the database (a hosted site's several web processes): every process's
Throttle over the same database counts the same tries, as the in-memory one does alone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nextround.errors import TooManyAttempts
from nextround.services import account_links
from nextround.services.context import Context
from nextround.services.logins import KEEP_ATTEMPTS, Throttle

NOON = datetime(2026, 11, 25, 12, 0)
KEYS = ("account:ana@example.org", "client:10.0.0.7")


def test_two_processes_count_the_same_tries(ctx: Context) -> None:
    one, two = Throttle(shared=ctx.database), Throttle(shared=ctx.database)
    for minute in range(3):
        one.fail(KEYS, NOON + timedelta(minutes=minute))
    for minute in range(3, 5):
        two.fail(KEYS, NOON + timedelta(minutes=minute))
    with pytest.raises(TooManyAttempts) as refused:
        one.check(("account:ana@example.org",), NOON + timedelta(minutes=5))
    # The oldest of the five, at noon, is out of the 15-minute window at 12:15: 10 minutes.
    assert "Wait 10 minutes" in refused.value.message
    with pytest.raises(TooManyAttempts):
        two.check(("client:10.0.0.7", "account:bo@example.org"), NOON + timedelta(minutes=5))
    two.check(("account:bo@example.org",), NOON + timedelta(minutes=5))  # another account
    one.check(KEYS, NOON + timedelta(minutes=15))  # the first try has left the window


def test_the_same_as_the_memory_count_at_every_minute(ctx: Context) -> None:
    shared, alone = Throttle(shared=ctx.database), Throttle()
    tries = {0, 1, 2, 9, 10, 14, 16, 17, 31, 32, 33, 34, 35}
    refusals = 0
    for minute in range(0, 60):
        now = NOON + timedelta(minutes=minute)
        answers = []
        for throttle in (shared, alone):
            try:
                throttle.check(KEYS[:1], now + timedelta(seconds=30))
                answers.append("pass")
            except TooManyAttempts as exc:
                answers.append(exc.message)
            if minute in tries:
                throttle.fail(KEYS[:1], now)
        assert answers[0] == answers[1], minute
        refusals += answers[0] != "pass"
    assert refusals > 5  # the windows were reached, and left


def test_forget_and_prune(ctx: Context) -> None:
    throttle = Throttle(shared=ctx.database)
    for minute in range(5):
        throttle.fail(KEYS, NOON + timedelta(minutes=minute))
    throttle.forget(KEYS[0])  # the right password: the account starts afresh
    throttle.check(KEYS[:1], NOON + timedelta(minutes=5))
    with pytest.raises(TooManyAttempts):
        throttle.check(KEYS[1:], NOON + timedelta(minutes=5))  # the address still counts
    with ctx.database.read() as c:
        assert c.scalar("SELECT COUNT(*) FROM attempts") == 5
    throttle.fail(("client:10.0.0.8",), NOON + KEEP_ATTEMPTS + timedelta(minutes=5))
    with ctx.database.read() as c:
        assert c.scalar("SELECT COUNT(*) FROM attempts") == 1  # the day-old ones forgotten


def test_link_requests_are_counted_apart_from_wrong_passwords(ctx: Context) -> None:
    links, passwords = account_links.link_throttle(ctx.database), Throttle(shared=ctx.database)
    for minute in range(5):
        links.fail(KEYS[:1], NOON + timedelta(minutes=minute))
    passwords.check(KEYS[:1], NOON + timedelta(minutes=5))  # another kind of try
    with pytest.raises(TooManyAttempts, match=r"requests for a link\. Wait 55 minutes"):
        links.check(KEYS[:1], NOON + timedelta(minutes=5))
