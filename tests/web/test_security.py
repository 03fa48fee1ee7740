"""The guards every request passes: Host, cross-site writes, CSRF tokens, error pages."""

from __future__ import annotations

import pytest

from tests.web.conftest import Browser


def test_the_welcome_page_greets_an_empty_database(client: Browser) -> None:
    page = client.load("/")
    assert "Welcome to nextround" in page
    assert 'action="/demo"' in page
    assert "Add your first application" in page


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.nip.io", "127.0.0.1:9999"])
def test_a_foreign_host_header_is_refused(client: Browser, host: str) -> None:
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400
    assert "Host header" in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "127.0.0.1"])
def test_loopback_names_are_accepted(client: Browser, host: str) -> None:
    assert client.get("/", headers={"Host": host}).status_code == 200


def test_a_form_without_the_token_is_refused_and_changes_nothing(client: Browser) -> None:
    response = client.post("/demo", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert "expired" in response.text
    assert "Welcome to nextround" in client.load("/")


def test_a_form_with_a_wrong_token_is_refused(client: Browser) -> None:
    response = client.post("/demo", data={"csrf": "x" * 43}, follow_redirects=False)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}],
)
def test_a_cross_site_write_is_refused_even_with_the_token(
    client: Browser, headers: dict[str, str]
) -> None:
    response = client.submit("/demo", headers=headers)
    assert response.status_code == 403
    assert "Welcome to nextround" in client.load("/")


def test_a_same_origin_form_with_the_token_goes_through(client: Browser) -> None:
    response = client.submit("/demo", headers={"Origin": "http://127.0.0.1:8000"})
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    page = client.load("/")
    assert "Welcome to nextround" not in page
    assert "<h1>Today" in page


def test_an_unknown_address_is_a_friendly_404(client: Browser) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "nothing at this address" in response.text
    assert "Back to Today" in response.text


def test_the_csrf_cookie_is_strict_and_hidden_from_scripts(web_settings) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import make_client

    with make_client(web_settings) as fresh:
        cookie = fresh.get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
