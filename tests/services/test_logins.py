"""Passwords, sessions, the wrong-password throttle and API tokens, on a real database."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from nextround.errors import Conflict, InvalidInput, NotFound, NotSignedIn, TooManyAttempts
from nextround.services import api_tokens, logins
from nextround.services.context import Context
from nextround.services.logins import IDLE, LIFETIME, WRONG, Throttle

PASSWORD = "correct horse battery"
NOON = datetime(2026, 3, 2, 12, 0)


@pytest.fixture
def with_password(ctx: Context) -> Context:
    logins.set_password(ctx, PASSWORD)
    return ctx


def test_no_password_until_one_is_set_and_only_its_hash_is_stored(ctx: Context) -> None:
    assert not logins.has_password(ctx)
    logins.set_password(ctx, PASSWORD)
    assert logins.has_password(ctx)
    with ctx.db.read() as c:
        stored = c.scalar("SELECT password_hash FROM users WHERE id = 1")
    assert stored.startswith("$argon2")
    assert PASSWORD not in stored


def test_a_short_password_is_refused(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="at least 8"):
        logins.set_password(ctx, "short")
    assert not logins.has_password(ctx)


def test_the_right_password_opens_a_session_and_the_cookie_token_is_not_stored(
    with_password: Context,
) -> None:
    made = logins.log_in(with_password, PASSWORD, Throttle(), now=NOON)
    assert made.user_id == 1
    assert made.expires_at == NOON + LIFETIME
    assert logins.session_user(with_password, made.token, now=NOON) == 1
    with with_password.db.read() as c:
        ids = c.scalars("SELECT id FROM sessions")
    assert ids == [logins.digest(made.token)]


def test_a_wrong_password_and_an_unknown_account_get_the_same_answer(
    with_password: Context,
) -> None:
    throttle = Throttle()
    started = time.perf_counter()
    with pytest.raises(NotSignedIn) as wrong:
        logins.log_in(with_password, "not it at all", throttle, now=NOON)
    wrong_time = time.perf_counter() - started
    started = time.perf_counter()
    with pytest.raises(NotSignedIn) as unknown:
        logins.log_in(with_password, PASSWORD, throttle, account="nobody", now=NOON)
    unknown_time = time.perf_counter() - started
    assert wrong.value.message == unknown.value.message == WRONG
    # Both check an argon2 hash: neither answers in a fraction of the other's time.
    assert unknown_time > wrong_time / 4 and wrong_time > unknown_time / 4


def test_no_password_set_means_no_login(ctx: Context) -> None:
    with pytest.raises(NotSignedIn):
        logins.log_in(ctx, "anything at all", Throttle(), now=NOON)


def test_logging_in_replaces_the_session_the_browser_came_with(with_password: Context) -> None:
    first = logins.log_in(with_password, PASSWORD, Throttle(), now=NOON)
    second = logins.log_in(with_password, PASSWORD, Throttle(), replacing=first.token, now=NOON)
    assert second.token != first.token
    assert logins.session_user(with_password, first.token, now=NOON) is None
    assert logins.session_user(with_password, second.token, now=NOON) == 1


def test_a_planted_token_never_becomes_a_session(with_password: Context) -> None:
    planted = "attacker-chosen-token-" + "a" * 20
    made = logins.log_in(with_password, PASSWORD, Throttle(), replacing=planted, now=NOON)
    assert logins.session_user(with_password, planted, now=NOON) is None
    assert made.token != planted


def test_a_session_ends_when_idle_and_at_its_lifetime(with_password: Context) -> None:
    idle = logins.log_in(with_password, PASSWORD, Throttle(), now=NOON)
    assert logins.session_user(with_password, idle.token, now=NOON + IDLE - timedelta(hours=1))
    later = NOON + IDLE - timedelta(hours=1) + IDLE + timedelta(minutes=1)
    assert logins.session_user(with_password, idle.token, now=later) is None
    busy = logins.log_in(with_password, PASSWORD, Throttle(), now=NOON)
    day = NOON
    while day < NOON + LIFETIME - timedelta(days=1):  # used every day: never idle
        day += timedelta(days=1)
        assert logins.session_user(with_password, busy.token, now=day) == 1
    assert logins.session_user(with_password, busy.token, now=NOON + LIFETIME) is None
    with with_password.db.read() as c:  # ended sessions are deleted, not kept
        assert c.scalar("SELECT COUNT(*) FROM sessions") == 0


def test_log_out_ends_one_session_and_everywhere_ends_all(with_password: Context) -> None:
    phone, laptop, tablet = (
        logins.log_in(with_password, PASSWORD, Throttle(), now=NOON) for _ in range(3)
    )
    logins.log_out(with_password, phone.token)
    assert logins.session_user(with_password, phone.token, now=NOON) is None
    assert logins.session_user(with_password, laptop.token, now=NOON) == 1
    assert logins.log_out_everywhere(with_password, 1) == 2
    assert logins.session_user(with_password, tablet.token, now=NOON) is None


def test_a_new_password_ends_every_session(with_password: Context) -> None:
    made = logins.log_in(with_password, PASSWORD, Throttle(), now=NOON)
    assert logins.set_password(with_password, "another good password") == 1
    assert logins.session_user(with_password, made.token, now=NOON) is None
    with pytest.raises(NotSignedIn):
        logins.log_in(with_password, PASSWORD, Throttle(), now=NOON)


def test_five_failures_make_the_account_wait_even_with_the_right_password(
    with_password: Context,
) -> None:
    throttle = Throttle()
    for n in range(5):
        with pytest.raises(NotSignedIn) as refused:
            logins.log_in(with_password, "wrong", throttle, client=f"10.0.0.{n}", now=NOON)
        assert not isinstance(refused.value, TooManyAttempts)
    with pytest.raises(TooManyAttempts, match="Wait 15 minutes"):
        logins.log_in(with_password, PASSWORD, throttle, client="10.0.0.9", now=NOON)
    later = NOON + timedelta(minutes=15, seconds=1)
    assert logins.log_in(with_password, PASSWORD, throttle, client="10.0.0.9", now=later)


def test_one_address_guessing_many_accounts_is_slowed_the_same_way(
    with_password: Context,
) -> None:
    throttle = Throttle()
    for n in range(5):
        with pytest.raises(NotSignedIn):
            logins.log_in(
                with_password, "x", throttle, account=f"user{n}", client="6.6.6.6", now=NOON
            )
    with pytest.raises(TooManyAttempts) as unknown:
        logins.log_in(with_password, "x", throttle, account="nobody", client="6.6.6.6", now=NOON)
    with pytest.raises(TooManyAttempts) as known:
        logins.log_in(with_password, PASSWORD, throttle, client="6.6.6.6", now=NOON)
    assert unknown.value.message == known.value.message
    assert logins.log_in(with_password, PASSWORD, throttle, client="10.1.1.1", now=NOON)


def test_tokens_are_shown_once_listed_by_name_and_revocable(ctx: Context) -> None:
    token = api_tokens.add_token(ctx, "backup script")
    assert token.startswith("nr_") and len(token) > 40
    assert api_tokens.token_owner(ctx, token, now=NOON) == 1
    listed = api_tokens.list_tokens(ctx)
    assert [(t.name, t.last_used) for t in listed] == [("backup script", NOON)]
    with ctx.db.read() as c:
        assert token not in str(c.rows("SELECT * FROM api_tokens"))
    with pytest.raises(Conflict):
        api_tokens.add_token(ctx, "backup script")
    api_tokens.revoke_token(ctx, "backup script")
    assert api_tokens.token_owner(ctx, token, now=NOON) is None
    assert api_tokens.list_tokens(ctx) == []
    with pytest.raises(NotFound):
        api_tokens.revoke_token(ctx, "backup script")


@pytest.mark.parametrize("forged", ["", "nr_", "nr_" + "A" * 43, "Bearer x", "nr_\udcff" * 3])
def test_a_forged_token_opens_nothing(ctx: Context, forged: str) -> None:
    api_tokens.add_token(ctx, "real")
    assert api_tokens.token_owner(ctx, forged) is None


def test_a_token_needs_a_name(ctx: Context) -> None:
    with pytest.raises(InvalidInput):
        api_tokens.add_token(ctx, "  ")
