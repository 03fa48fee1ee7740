"""The pages whose routes check their own session (``CHECKED_BY_ROUTE``) only read: a route
runs before its session is checked, so a claimed address must have no route that writes."""

from __future__ import annotations

from nextround.config import Settings
from nextround.web.sessions import CHECKED_BY_ROUTE
from tests.web.conftest import make_client
from tests.web.test_isolation import routes


def test_every_claimed_address_has_read_only_routes(web_settings: Settings) -> None:
    with make_client(web_settings) as browser:
        found = list(routes(browser))
        for path in CHECKED_BY_ROUTE:
            methods = {method for method, at in found if at == path}
            assert methods, f"{path}: no route"
            assert methods <= {"GET"}, f"{path} has {sorted(methods)}: only reads may be claimed"
        assert ("POST", "/demo") in found  # the walk sees the app's writes
    browser.app.state.web.close()  # type: ignore[attr-defined]
