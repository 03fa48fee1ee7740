"""One-time form tokens: spent once, and a second spend finds what the first one created."""

from __future__ import annotations

import pytest

from nextround.errors import InvalidInput
from nextround.services import forms as form_service
from nextround.services.context import Context
from nextround.storage import forms


def test_a_token_is_spent_once(ctx: Context) -> None:
    with ctx.db.transaction() as c:
        assert forms.spent(c, ctx.owner, "t1") is None
        assert forms.spend(c, ctx.owner, "t1", "application:1") is None
        assert forms.spend(c, ctx.owner, "t1", "application:2") == "application:1"
        assert forms.spent(c, ctx.owner, "t1") == "application:1"
        assert forms.spend(c, ctx.owner, "t2", "application:3") is None
        assert forms.spent(c, ctx.owner + 1, "t1") is None  # each owner's tokens are their own


def test_a_spent_token_rolls_back_the_second_create(ctx: Context) -> None:
    with ctx.db.transaction() as c:
        form_service.spend(c, ctx, "t1", "application", 5)
    with pytest.raises(form_service.AlreadySubmitted) as raised, ctx.db.transaction() as c:
        form_service.spend(c, ctx, "t1", "person", 6)
    assert (raised.value.kind, raised.value.id) == ("application", 5)
    with ctx.db.read() as c:
        assert forms.spent(c, ctx.owner, "t1") == "application:5"
    with pytest.raises(form_service.AlreadySubmitted) as checked, ctx.db.read() as c:
        form_service.check(c, ctx, " t1 ")
    assert (checked.value.kind, checked.value.id) == ("application", 5)


def test_a_token_spent_in_a_rolled_back_transaction_is_still_fresh(ctx: Context) -> None:
    with pytest.raises(RuntimeError), ctx.db.transaction() as c:
        form_service.spend(c, ctx, "t1", "application", 1)
        raise RuntimeError
    with ctx.db.read() as c:
        assert forms.spent(c, ctx.owner, "t1") is None
        form_service.check(c, ctx, "t1")  # not spent: no error


def test_a_blank_token_is_refused_and_none_is_no_token(ctx: Context) -> None:
    with ctx.db.transaction() as c:
        form_service.spend(c, ctx, None, "application", 1)
        with pytest.raises(InvalidInput, match="missing its one-time token"):
            form_service.spend(c, ctx, "   ", "application", 1)
