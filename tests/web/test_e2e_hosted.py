"""A hosted site in real Chromium: an admin made on the command line sets a password through
their one-time link and logs in and out; a second user in another browser sees none of the
first one's data; a wrong password reads as an unknown email; the session cookie's flags.

One real ``nextround serve`` for the module, on a PostgreSQL database of its own on the
session's cluster, hosted through its config file (``[site] hosted = true``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from nextround.web.sessions import SESSION_COOKIE
from tests.web.browser import snap, watch_of
from tests.web.hosted import PASSWORD, add_user, site
from tests.web.hosted_server import LOGIN, HostedSite, heading, hosted_server, log_in
from tests.web.playwright_api import Browser, Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

NEW_PASSWORD = "a harbour view at dawn"


@pytest.fixture(scope="module")
def hosted_site(
    postgres_admin_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HostedSite]:
    folder = tmp_path_factory.mktemp("hosted")
    with hosted_server(postgres_admin_url, folder, "[site]\nhosted = true\n") as hosted:
        yield hosted


def refused(page: Page, status: int) -> None:
    """The page's last load was refused with ``status``, as meant: Chromium logs that as a
    console error, which is forgotten (any other error still fails the test)."""
    watch = watch_of(page)
    assert watch.status == status, (watch.status, watch.url)
    watch.errors[:] = [e for e in watch.errors if f"status of {status} " not in e]


def test_an_admin_made_on_the_command_line_sets_a_password_and_logs_in_and_out(
    page: Page, hosted_site: HostedSite
) -> None:
    made = hosted_site.command("user", "add", "root@example.org", "--admin")
    assert made.returncode == 0, made.stderr
    link = made.stdout.strip()
    assert re.fullmatch(re.escape(hosted_site.server.base_url) + r"/\S+", link), made.stdout
    assert "root@example.org added (admin)" in made.stderr

    page.goto(link)
    heading(page, "Set your password")
    field = page.get_by_label("New password")
    field.fill("short")
    page.get_by_role("main").get_by_role("button").click()
    # The browser holds a too-short password back itself, and says why...
    assert field.evaluate("e => e.validity.tooShort") is True
    assert field.evaluate("e => e.validationMessage")
    heading(page, "Set your password")
    # ...and a browser that doesn't (the rule stripped) gets the site's own message.
    field.evaluate("e => e.removeAttribute('minlength')")
    page.get_by_role("main").get_by_role("button").click()
    expect(page.get_by_role("alert")).to_have_text(
        "the password is too short: use at least 8 characters"
    )
    refused(page, 422)
    expect(page.get_by_label("New password")).to_have_value("")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("main").get_by_role("button").click()
    heading(page, LOGIN)

    log_in(page, hosted_site.server, "Root@Example.org", NEW_PASSWORD)
    expect(page).to_have_url(hosted_site.server.url("/"))
    today = page.get_by_role("navigation", name="Main").get_by_role("link", name="Today")
    expect(today).to_have_attribute("aria-current", "page")
    snap(page, "today", heading="Welcome to nextround")  # Today, for someone new

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Companies").click()
    heading(page, "Companies")
    page.get_by_role("link", name="Add a company").click()
    page.get_by_role("textbox", name="Name", exact=True).fill("Rootworks Ltd")
    page.get_by_role("button", name="Add the company").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rootworks Ltd")
    company = page.url

    page.get_by_role("link", name="Log out").click()
    heading(page, "You're logged in")
    page.get_by_role("button", name="Log out", exact=True).click()
    heading(page, LOGIN)
    assert all(c["name"] != SESSION_COOKIE for c in page.context.cookies())
    # Back through the history: the pages come again from the server, which wants a login.
    page.go_back()
    heading(page, LOGIN)
    page.go_back()
    heading(page, LOGIN)
    page.goto(company)
    heading(page, LOGIN)
    assert "Rootworks" not in page.content()
    # The link set the password once: it doesn't work again.
    page.goto(link)
    expect(page.get_by_label("New password")).to_have_count(0)
    expect(page.get_by_role("alert")).to_be_visible()
    refused(page, 410)


def test_a_second_user_in_another_browser_sees_none_of_the_first_ones_data(
    page: Page, phone: Page, hosted_site: HostedSite
) -> None:
    with site(hosted_site.settings) as ctx:
        add_user(ctx, "ana@example.org")
        add_user(ctx, "bo@example.org")
    log_in(page, hosted_site.server, "ana@example.org")
    page.goto(hosted_site.server.url("/companies/new"))
    page.get_by_role("textbox", name="Name", exact=True).fill("Anacorp Ltd")
    page.get_by_role("button", name="Add the company").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anacorp Ltd")
    anacorp = page.url

    log_in(phone, hosted_site.server, "bo@example.org")  # another browser context: Bo's
    expect(phone).to_have_url(hosted_site.server.url("/"))
    phone.goto(hosted_site.server.url("/companies"))
    heading(phone, "Companies")
    expect(phone.get_by_role("main")).not_to_contain_text("Anacorp")
    phone.goto(anacorp)
    refused(phone, 404)
    expect(phone.get_by_role("main")).not_to_contain_text("Anacorp")
    listed = phone.request.get(hosted_site.server.url("/api/v1/companies"))
    assert listed.status == 200 and listed.json() == []
    # Ana, meanwhile, still sees hers.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anacorp Ltd")


def test_a_wrong_password_reads_the_same_as_an_unknown_email(
    page: Page, hosted_site: HostedSite
) -> None:
    with site(hosted_site.settings) as ctx:
        add_user(ctx, "cy@example.org")
    messages = []
    for email in ("cy@example.org", "nobody@example.org"):
        log_in(page, hosted_site.server, email, "not the password")
        heading(page, LOGIN)
        problem = page.get_by_role("alert")
        expect(problem).to_be_visible()
        messages.append(problem.inner_text())
        refused(page, 401)
        expect(page.get_by_label("Email")).to_have_value(email)
        assert all(c["name"] != SESSION_COOKIE for c in page.context.cookies())
    assert messages[0] == messages[1], messages
    assert "cy@example.org" not in messages[0]


def test_the_session_cookie_is_http_only_lax_and_secure_behind_https(
    chromium: Browser, page: Page, hosted_site: HostedSite
) -> None:
    with site(hosted_site.settings) as ctx:
        add_user(ctx, "dee@example.org")
    log_in(page, hosted_site.server, "dee@example.org")
    expect(page).to_have_url(hosted_site.server.url("/"))
    cookie = next(c for c in page.context.cookies() if c["name"] == SESSION_COOKIE)
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["secure"]) == (True, "Lax", False)

    # Behind an HTTPS proxy on this computer (believed: --forwarded-allow-ips 127.0.0.1),
    # the cookie is only ever sent back over HTTPS.
    proxied = chromium.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
    try:
        client = proxied.request
        form = client.get(hosted_site.server.url("/login"))
        token = re.search(r'name="csrf-token" content="([^"]+)"', form.text())
        assert form.status == 200 and token, form.text()[:300]
        done = client.post(
            hosted_site.server.url("/login"),
            form={"csrf": token.group(1), "account": "dee@example.org", "password": PASSWORD},
            max_redirects=0,
        )
        assert done.status == 303
        session = [
            h["value"]
            for h in done.headers_array
            if h["name"].lower() == "set-cookie" and h["value"].startswith(SESSION_COOKIE + "=")
        ]
        assert len(session) == 1, done.headers_array
        flags = {part.strip().lower() for part in session[0].split(";")[1:]}
        assert {"httponly", "secure", "samesite=lax", "path=/"} <= flags, flags
    finally:
        proxied.close()
