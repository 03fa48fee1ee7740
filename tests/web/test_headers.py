"""Security headers on every kind of response: a page, the API, a static file, a 404, a refusal."""

from __future__ import annotations

import pytest

from nextround.web.security import CONTENT_SECURITY_POLICY
from tests.web.conftest import Browser

EXPECTED = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def test_the_policy_forbids_inline_scripts_and_framing() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/applications", 200),
        ("/api/v1/tasks", 200),
        ("/static/app.js", 200),
        ("/static/app.css", 200),
        ("/no/such/page", 404),
        ("/api/v1/companies/999999", 404),
        ("/static/no-such-file.js", 404),
    ],
)
def test_every_kind_of_response_carries_the_headers(
    client: Browser, path: str, status: int
) -> None:
    response = client.get(path)
    assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (path, name)


def test_a_refused_host_still_carries_the_headers(client: Browser) -> None:
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_a_header_is_sent_once(client: Browser) -> None:
    response = client.get("/")
    assert len(response.headers.get_list("content-security-policy")) == 1


def test_an_unexpected_error_still_carries_the_headers(web_settings) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from nextround.web.app import create_app

    app = create_app(web_settings)

    def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/broken-for-the-test", broken)
    with TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as c:
        response = c.get("/broken-for-the-test")
    app.state.web.close()
    assert response.status_code == 500
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
