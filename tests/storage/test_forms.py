"""One-time form tokens: spent once, and a second spend finds where the first led."""

from __future__ import annotations

import pytest

from nextround.services import forms as form_service
from nextround.services.context import Context
from nextround.storage import forms


def test_a_token_is_spent_once(ctx: Context) -> None:
    with ctx.db.transaction() as c:
        assert forms.spent(c, ctx.owner, "t1") is None
        assert forms.spend(c, ctx.owner, "t1", "/applications/1") is None
        assert forms.spend(c, ctx.owner, "t1", "/applications/2") == "/applications/1"
        assert forms.spent(c, ctx.owner, "t1") == "/applications/1"
        assert forms.spend(c, ctx.owner, "t2", "/applications/3") is None


def test_a_spent_token_rolls_back_the_second_create(ctx: Context) -> None:
    with ctx.db.transaction() as c:
        form_service.spend(c, ctx, "t1", "/first")
    with pytest.raises(form_service.AlreadySubmitted) as raised, ctx.db.transaction() as c:
        form_service.spend(c, ctx, "t1", "/second")
    assert raised.value.location == "/first"
    with ctx.db.transaction() as c:
        assert forms.spent(c, ctx.owner, "t1") == "/first"


def test_a_token_spent_in_a_rolled_back_transaction_is_still_fresh(ctx: Context) -> None:
    with pytest.raises(RuntimeError), ctx.db.transaction() as c:
        form_service.spend(c, ctx, "t1", "/first")
        raise RuntimeError
    with ctx.db.transaction() as c:
        assert forms.spent(c, ctx.owner, "t1") is None
