"""An API token's last use as `token list` shows it: the first use at once, then written
at most once a minute, and always a later use than the one shown."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nextround.errors import Conflict, InvalidInput
from nextround.services import api_tokens
from nextround.services.context import Context
from tests.services.test_logins import NOON


def _last_used(ctx: Context) -> object:
    (listed,) = api_tokens.list_tokens(ctx)
    return listed.last_used


def test_a_token_s_last_use_is_written_at_most_once_a_minute(ctx: Context) -> None:
    token = api_tokens.add_token(ctx, "backup script")
    (listed,) = api_tokens.list_tokens(ctx)
    assert listed.last_used is None and listed.created_at is not None
    assert api_tokens.token_owner(ctx, token, now=NOON) == 1
    assert _last_used(ctx) == NOON
    assert api_tokens.token_owner(ctx, token, now=NOON + timedelta(seconds=30)) == 1
    assert _last_used(ctx) == NOON  # within the minute: not written again
    later = NOON + timedelta(minutes=3)
    assert api_tokens.token_owner(ctx, token, now=later) == 1
    assert _last_used(ctx) == later
    much_later = later + timedelta(days=2)
    assert api_tokens.token_owner(ctx, token, now=much_later) == 1
    assert _last_used(ctx) == much_later


def test_a_second_token_of_the_same_name_is_refused_by_name(ctx: Context) -> None:
    api_tokens.add_token(ctx, "backup script")
    with pytest.raises(Conflict) as refused:
        api_tokens.add_token(ctx, "  backup script ")
    assert "a token named 'backup script' exists" in refused.value.message
    assert "revoke it first" in refused.value.message
    assert [t.name for t in api_tokens.list_tokens(ctx)] == ["backup script"]


def test_a_name_of_a_hundred_characters_is_allowed_and_no_more(ctx: Context) -> None:
    longest = "n" * api_tokens.MAX_NAME
    assert api_tokens.add_token(ctx, longest).startswith("nr_")
    with pytest.raises(InvalidInput, match="1 to 100 printable characters"):
        api_tokens.add_token(ctx, longest + "n")
    assert [t.name for t in api_tokens.list_tokens(ctx)] == [longest]
