"""Hosted, as deployed (row-level security): each user lists their own tokens, and a
token's use through the API is recorded against its own user's row, whoever the gate's
context was, so `token list` tells when each script last came."""

from __future__ import annotations

import pytest

from nextround.config import Settings
from nextround.services import api_tokens
from tests.web.conftest import make_client
from tests.web.hosted import add_user, deployed, site

pytestmark = pytest.mark.postgres


def test_a_users_token_used_through_the_api_shows_when_it_was_used(
    web_settings: Settings, postgres_admin_url: str, postgres_url: str
) -> None:
    with deployed(web_settings, postgres_admin_url, postgres_url) as settings:
        with site(settings) as ctx:
            ana = add_user(ctx, "ana@example.org")
            bo = add_user(ctx, "bo@example.org")
            api_tokens.add_token(ctx.fresh(owner=ana), "ana's script")
            token = api_tokens.add_token(ctx.fresh(owner=bo), "bo's backup")
            (before,) = api_tokens.list_tokens(ctx.fresh(owner=bo))
            assert (before.name, before.last_used) == ("bo's backup", None)
            assert [t.name for t in api_tokens.list_tokens(ctx.fresh(owner=ana))] == [
                "ana's script"
            ]
        with make_client(settings) as script:
            answer = script.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"})
            assert answer.status_code == 200, answer.text[:300]
        script.app.state.web.close()  # type: ignore[attr-defined]
        with site(settings) as ctx:
            (after,) = api_tokens.list_tokens(ctx.fresh(owner=bo))
            (anas,) = api_tokens.list_tokens(ctx.fresh(owner=ana))
        assert after.last_used is not None
        assert anas.last_used is None  # Ana's script never came
