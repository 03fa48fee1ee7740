"""The login gate: an API token's header read with the scheme's name in any case, as HTTP
has it (RFC 9110: auth schemes are case-insensitive), and nothing else opens it; and the
login it hands a page carries the session, so the page offers to log out."""

from __future__ import annotations

import pytest

from nextround.config import Settings
from nextround.services import api_tokens
from nextround.services.context import open_context
from tests.web.conftest import make_client
from tests.web.test_logins import guarded_settings, log_in  # noqa: F401 - the fixture


@pytest.fixture
def token(guarded_settings: Settings) -> str:  # noqa: F811 - the fixture
    ctx = open_context(guarded_settings)
    try:
        return api_tokens.add_token(ctx, "script")
    finally:
        ctx.close()


def test_the_bearer_scheme_is_read_in_any_case(
    guarded_settings: Settings,  # noqa: F811 - the fixture
    token: str,
) -> None:
    with make_client(guarded_settings) as script:
        for scheme in ("Bearer", "bearer", "BEARER"):
            answer = script.get("/api/v1/tasks", headers={"Authorization": f"{scheme} {token}"})
            assert answer.status_code == 200, scheme
        for header in (f"Basic {token}", token, f"Token {token}"):
            refused = script.get("/api/v1/tasks", headers={"Authorization": header})
            assert refused.status_code == 401, header
    script.app.state.web.close()  # type: ignore[attr-defined]


def test_a_page_the_gate_let_through_offers_to_log_out(
    guarded_settings: Settings,  # noqa: F811 - the fixture
) -> None:
    with make_client(guarded_settings) as browser:
        browser.load("/login")
        assert log_in(browser).status_code == 303
        for path in ("/", "/help", "/settings"):
            page = browser.get(path)
            assert page.status_code == 200, path
            assert '<a href="/login">Log out</a>' in page.text, path
    browser.app.state.web.close()  # type: ignore[attr-defined]
