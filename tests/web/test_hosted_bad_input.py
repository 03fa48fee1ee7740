"""Bad input on a hosted site (PostgreSQL, users with passwords): issue 17's list.

Each item of the list has a test here or names the one elsewhere that covers
it (see the report of the change that added this file). Here: the time an
unknown account's login takes, the throttle across accounts, a planted valid
cookie, a copied cookie, forged API tokens, CSRF on every state-changing
route, SQL-ish text stored and shown verbatim, and oversize bodies.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterator
from typing import Any

import pytest
from markupsafe import escape

from nextround.config import Settings
from nextround.errors import NotSignedIn
from nextround.services import api_tokens, logins, users
from nextround.web.limits import UPLOAD_LIMIT, UPLOAD_PATHS
from nextround.web.security import UNSAFE
from nextround.web.sessions import BAD_TOKEN, SESSION_COOKIE
from tests.web.conftest import Browser, make_client
from tests.web.hosted import PASSWORD, add_user, hosted_settings, logged_in, site
from tests.web.test_isolation import WORDS, a_snapshot, params, routes, script_client
from tests.web.test_user_settings import _form

pytestmark = pytest.mark.postgres


@pytest.fixture
def hosted(web_settings: Settings, postgres_url: str) -> Settings:
    settings = hosted_settings(web_settings, postgres_url)
    with site(settings) as ctx:
        add_user(ctx, "ana@example.org")
        add_user(ctx, "bo@example.org")
    return settings


@pytest.fixture
def visitor(hosted: Settings) -> Iterator[Browser]:
    """A browser on the site, not logged in, with the login page's CSRF token."""
    with make_client(hosted) as browser:
        browser.load("/login")
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]


def log_in(browser: Browser, account: str, password: str = PASSWORD) -> Any:
    return browser.submit("/login", {"account": account, "password": password})


def owner_of(settings: Settings, email: str) -> int:
    with site(settings) as ctx:
        return users.user_id_for(ctx, email)


# -- wrong passwords --------------------------------------------------------------------


def test_an_unknown_email_takes_about_as_long_as_a_wrong_password(hosted: Settings) -> None:
    """Median of 20 tries each, interleaved: an unknown account is hashed against a stand-in,
    so its refusal can't be told from a known one's by the clock."""
    known: list[float] = []
    unknown: list[float] = []
    with site(hosted) as ctx:
        logins._stand_in()  # made once per process: not part of any one try
        for n in range(20):
            for account, times in (("ana@example.org", known), (f"who{n}@example.org", unknown)):
                started = time.perf_counter()
                with pytest.raises(NotSignedIn) as refused:
                    logins.log_in(ctx, "nope nope", logins.Throttle(), account=account)
                times.append(time.perf_counter() - started)
                assert refused.value.message == logins.WRONG
    ratio = statistics.median(unknown) / statistics.median(known)
    print(
        f"login refused, median of 20: known {statistics.median(known) * 1000:.1f} ms, "
        f"unknown {statistics.median(unknown) * 1000:.1f} ms, ratio {ratio:.2f}"
    )
    # Without the stand-in hash an unknown account is a lookup only (~1 ms against tens).
    assert 0.6 < ratio < 1.6


def test_wrong_passwords_wait_per_account_and_per_address_with_one_message(
    visitor: Browser, hosted: Settings
) -> None:
    for _ in range(5):
        assert log_in(visitor, "ana@example.org", "guess guess").status_code == 401
    right = log_in(visitor, "ana@example.org")  # the right password, too late
    assert right.status_code == 429 and "Wait 15 minutes" in right.text
    assert SESSION_COOKIE not in right.cookies
    # The same address guessing another account, or one that doesn't exist: the same answer.
    for account in ("bo@example.org", "nobody@example.org"):
        other = log_in(visitor, account)
        assert other.status_code == 429 and "Wait 15 minutes" in other.text
    # The count is the site's, kept in its database: another web process counts the same
    # tries (the per-process count gave every worker of a deployment its own five).
    with make_client(hosted) as elsewhere:
        elsewhere.load("/login")
        again = log_in(elsewhere, "bo@example.org")
        assert again.status_code == 429 and "Wait 15 minutes" in again.text
        with site(hosted) as ctx, ctx.all_owners.read() as c:
            kept = [str(k) for k in c.scalars("SELECT key_hash FROM attempts")]
        assert kept and not any("example.org" in k or "testclient" in k for k in kept)
    elsewhere.app.state.web.close()  # type: ignore[attr-defined]


# -- sessions ---------------------------------------------------------------------------


def test_a_planted_valid_session_of_another_user_does_not_survive_login(
    hosted: Settings, visitor: Browser
) -> None:
    """Session fixation with a real session: the attacker plants their own live cookie; the
    victim's login ends it and issues a new one that is the victim's."""
    with logged_in(hosted, "bo@example.org") as attacker:
        planted = attacker.cookies.get(SESSION_COOKIE)
        assert planted
        attacker.headers["X-CSRF-Token"] = attacker.csrf
        assert attacker.post("/api/v1/companies", json={"name": "Bo's Bakery"}).status_code == 201
        visitor.cookies.set(SESSION_COOKIE, planted, domain="127.0.0.1")
        assert "Bo&#39;s Bakery" in visitor.get("/companies").text  # it is a live session
        visitor.load("/login")
        assert log_in(visitor, "ana@example.org").status_code == 303
        issued = visitor.cookies.get(SESSION_COOKIE)
        assert issued and issued != planted
        assert visitor.get("/api/v1/companies").json() == []  # Ana's, not Bo's
        # The planted session ended with the login: the attacker learns nothing of Ana.
        gone = attacker.get("/", follow_redirects=False)
        assert gone.status_code == 303 and gone.headers["location"] == "/login"
    with site(hosted) as ctx, ctx.db.read() as c:
        digests = c.scalars("SELECT id FROM sessions")
    assert logins.digest(planted) not in digests and logins.digest(issued) in digests


def test_a_copied_cookie_is_a_bearer_credential_until_logout(hosted: Settings) -> None:
    """The design: a session cookie is not bound to a browser or an address (phones change
    both); whoever holds it is the user until the session ends. It is HttpOnly, so no
    script reads it, and logging out (or out everywhere, or a new password) ends every copy."""
    with logged_in(hosted, "ana@example.org") as ana:
        ana.headers["X-CSRF-Token"] = ana.csrf
        assert ana.post("/api/v1/companies", json={"name": "Anacorp"}).status_code == 201
        cookie = ana.cookies.get(SESSION_COOKIE)
        assert cookie
        with make_client(hosted) as copy:
            copy.headers["User-Agent"] = "another browser entirely"
            copy.cookies.set(SESSION_COOKIE, cookie, domain="127.0.0.1")
            assert [c["name"] for c in copy.get("/api/v1/companies").json()] == ["Anacorp"]
            ana.load("/")
            assert ana.submit("/logout").status_code == 303
            assert copy.get("/api/v1/companies").status_code == 401
            assert copy.get("/", follow_redirects=False).headers["location"] == "/login"
        copy.app.state.web.close()  # type: ignore[attr-defined]


# -- API tokens -------------------------------------------------------------------------


def test_forged_api_tokens_open_nothing(hosted: Settings) -> None:
    ana_id, bo_id = owner_of(hosted, "ana@example.org"), owner_of(hosted, "bo@example.org")
    with site(hosted) as ctx:
        real = api_tokens.add_token(ctx.fresh(owner=ana_id), "script")
        revoked = api_tokens.add_token(ctx.fresh(owner=bo_id), "old")
        api_tokens.revoke_token(ctx.fresh(owner=bo_id), "old")
    forged = {
        "random": "nr_" + "Q" * 43,
        "truncated": real[:-1],
        "one more character": real + "A",
        "a valid prefix": real[:12],
        "the prefix alone": "nr_",
        "other case": real[:3] + real[3:].swapcase(),
        "without its prefix": real[3:],
        "Bo's revoked token": revoked,
        "very long": real + "A" * 5000,
        "not ASCII": real[:-1] + "é",
    }
    with make_client(hosted) as script:
        assert script.get("/api/v1/companies", headers=bearer(real)).status_code == 200
        for what, token in forged.items():
            for method, path in (("GET", "/api/v1/companies"), ("POST", "/api/v1/companies")):
                body: dict[str, Any] | None = {"name": "Forged"} if method == "POST" else None
                response = script.request(method, path, json=body, headers=bearer(token))
                assert response.status_code == 401, (what, method, response.text)
                assert response.json()["error"]["message"] == BAD_TOKEN, what
        # A forged token beside a live session cookie is still refused (the token decides).
        with logged_in(hosted, "ana@example.org") as ana:
            refused = ana.get("/api/v1/companies", headers=bearer("nr_" + "Q" * 43))
            assert refused.status_code == 401
    script.app.state.web.close()  # type: ignore[attr-defined]
    with site(hosted) as ctx:
        assert api_tokens.token_owner(ctx, real) == ana_id
        with ctx.db.read() as c:
            assert c.scalar("SELECT count(*) FROM companies") == 0


def bearer(token: str) -> dict[bytes, bytes]:
    return {b"Authorization": f"Bearer {token}".encode()}  # bytes: a forged one may be non-ASCII


# -- CSRF -------------------------------------------------------------------------------


def test_every_state_changing_route_refuses_a_session_without_the_csrf_token(
    hosted: Settings,
) -> None:
    """Every POST, PUT, PATCH and DELETE the app has, sent with Ana's live session cookie but
    no CSRF token (form field or header): 403, and Ana's data is as it was."""
    ana_id = owner_of(hosted, "ana@example.org")
    with logged_in(hosted, "ana@example.org") as ana:
        made = ana.post(
            "/api/v1/companies", json={"name": "Anacorp"}, headers={"X-CSRF-Token": ana.csrf}
        )
        assert made.status_code == 201
        before = a_snapshot(hosted, ana_id)
        values = {name: made.json()["id"] for _, path in routes(ana) for name in params(path)}
        walked = []
        wrong = []
        for method, route in routes(ana):
            if method not in UNSAFE or route.startswith("/static"):
                continue
            path = route
            for name in params(route):
                path = path.replace(f"{{{name}}}", str(WORDS.get((route, name), values[name])))
            if route.startswith("/api/"):
                body: dict[str, Any] | None = {} if method != "DELETE" else None
                response = ana.request(method, path, json=body, follow_redirects=False)
            else:
                response = ana.request(
                    method, path, data={"name": "CSRF was here"}, follow_redirects=False
                )
            walked.append(route)
            if response.status_code != 403:
                wrong.append((method, route, response.status_code, response.text[:120]))
        assert not wrong, "\n".join(map(str, wrong))
        assert len(walked) >= 100
        assert ana.get("/", follow_redirects=False).status_code == 200  # still logged in
    assert a_snapshot(hosted, ana_id) == before


def test_the_api_with_a_bearer_token_needs_no_csrf_token(hosted: Settings) -> None:
    with site(hosted) as ctx:
        token = api_tokens.add_token(ctx.fresh(owner=users.user_id_for(ctx, "bo@example.org")), "s")
    with logged_in(hosted, "bo@example.org") as bo:
        script = script_client(bo)  # no cookies: curl
        made = script.post("/api/v1/companies", json={"name": "By script"}, headers=bearer(token))
        assert made.status_code == 201, made.text
        # The same write from the browser's session, without its token: refused.
        refused = bo.post("/api/v1/companies", json={"name": "By page"})
        assert refused.status_code == 403 and "CSRF" in refused.json()["error"]["message"]
        assert [c["name"] for c in bo.get("/api/v1/companies").json()] == ["By script"]


# -- SQL-ish text -----------------------------------------------------------------------

#: Each stored and shown verbatim (under the 200-character limit of a name).
NASTY = (
    "'; DROP TABLE companies; --",
    "Robert'); DELETE FROM users WHERE ('1'='1",
    "100% of o_b",
    r"back\slash \\ \% \_ end",
    "Emoji 🦊 👩‍💻 ✓",
    "Ünïcödé Straße İstanbul",
    '"quoted" <b>bold</b> &amp; {{ 7*7 }}',
    "\u202eevil RTL override",
    "x" * 200,
)


def test_sql_ish_text_is_stored_and_shown_verbatim(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        ana.headers["X-CSRF-Token"] = ana.csrf
        orb = ana.post("/api/v1/companies", json={"name": "Orb Industries"}).json()["id"]
        with site(hosted) as ctx, ctx.db.read() as c:
            accounts = c.scalar("SELECT count(*) FROM users")
        ids = {}
        for text in NASTY:
            made = ana.post("/api/v1/companies", json={"name": text, "notes": text})
            assert made.status_code == 201, (text, made.text)
            ids[text] = made.json()["id"]
            person = ana.post(
                "/api/v1/people", json={"name": text[:100], "company_id": ids[text], "notes": text}
            )
            assert person.status_code == 201, (text, person.text)
            app = ana.post("/api/v1/applications", json={"company_id": ids[text], "role": text})
            assert app.status_code == 201, (text, app.text)
            entry = ana.post(
                "/api/v1/journal", json={"application_id": app.json()["id"], "body": text}
            )
            assert entry.status_code == 201, (text, entry.text)
            got = ana.get(f"/api/v1/companies/{ids[text]}").json()
            assert got["name"] == got["notes"] == text
            assert ana.get(f"/api/v1/journal/{entry.json()['id']}").json()["body"] == text
            page = ana.get(f"/companies/{ids[text]}")
            assert page.status_code == 200 and str(escape(text)) in page.text, text
            journal = ana.get(f"/applications/{app.json()['id']}")
            assert journal.status_code == 200 and str(escape(text)) in journal.text, text
        listed = ana.get("/companies").text
        assert all(str(escape(t)) in listed for t in NASTY)
        with site(hosted) as ctx, ctx.db.read() as c:
            assert c.scalar("SELECT count(*) FROM users") == accounts  # nothing dropped
        # Search takes the text literally: _ and % are no wildcards, quotes no syntax.
        assert found(ana, "o_b") == [ids["100% of o_b"]]  # not "Orb" (o, any letter, b)
        assert orb not in found(ana, "o_b")
        assert found(ana, "DROP TABLE companies") == [ids["'; DROP TABLE companies; --"]]
        assert found(ana, "DELETE FROM users") == [ids["Robert'); DELETE FROM users WHERE ('1'='1"]]
        assert found(ana, "Straße") == [ids["Ünïcödé Straße İstanbul"]]
        for text in NASTY:
            response = ana.get("/search", params={"q": text})
            assert response.status_code == 200, text
            assert "&lt;b&gt;" not in text or "<b>bold" not in response.text
        for query in ("%", "_", "\\", "%%", "' OR 1=1 --"):
            response = ana.get("/search", params={"q": query})
            assert response.status_code == 200 and f'href="/companies/{orb}"' not in response.text


def found(browser: Browser, query: str) -> list[int]:
    """The companies the search page lists for ``query``, by id."""
    page = browser.get("/search", params={"q": query, "kind": "companies"})
    assert page.status_code == 200, page.text[-300:]
    main = page.text.split("<main", 1)[1]
    return [int(i) for i in dict.fromkeys(re.findall(r'href="/companies/(\d+)"', main))]


@pytest.mark.parametrize(
    "text", ["NUL\x00byte", "bell\x07", "x" * 100_000], ids=["nul", "control", "long"]
)
def test_unstorable_text_is_a_422_naming_the_field_never_a_500(hosted: Settings, text: str) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        ana.headers["X-CSRF-Token"] = ana.csrf
        company = ana.post("/api/v1/companies", json={"name": "Fine Ltd"}).json()["id"]
        app = ana.post("/api/v1/applications", json={"company_id": company, "role": "Analyst"})
        attempts = {
            "name": ana.post("/api/v1/companies", json={"name": text}),
            "notes": ana.post("/api/v1/companies", json={"name": "Other", "notes": text}),
            "role": ana.post("/api/v1/applications", json={"company_id": company, "role": text}),
            "body": ana.post(
                "/api/v1/journal", json={"application_id": app.json()["id"], "body": text}
            ),
        }
        for name, response in attempts.items():
            if response.status_code == 201:  # a long note is fine; stored whole
                got = response.json()
                assert got.get(name) == text, name
                continue
            assert response.status_code == 422, (name, response.status_code, response.text[:300])
            assert name in response.json()["error"]["fields"], (name, response.text[:300])
        # In a search, a filter and a list's cursor: answered, not crashed.
        text = text[:4000]  # what fits in an address
        for path, query in (
            ("/search", {"q": text}),
            ("/search", {"q": "a", "kind": "companies", "cursor": text}),
            ("/people", {"company": text}),
            ("/applications", {"view": "list", "status": text}),
            ("/api/v1/applications", {"status": text}),
            ("/api/v1/tasks", {"status": text, "due_before": text}),
            ("/api/v1/companies", {"cursor": text, "limit": text}),
        ):
            response = ana.get(path, params=query, follow_redirects=False)
            assert response.status_code < 500, (path, response.status_code)
            assert response.status_code in {200, 303, 400, 404, 422}, (path, response.status_code)


def test_personal_settings_keep_sql_ish_text_verbatim(hosted: Settings) -> None:
    name = "O'Brien; DROP TABLE user_settings; -- 100%_\\ 🦊"
    with logged_in(hosted, "ana@example.org") as ana:
        saved = ana.submit("/settings", {**_form(ana), "user.name": name, "user.signature": name})
        assert saved.status_code == 303, saved.text[-500:]
        page = ana.get("/settings").text
        assert f'value="{escape(name)}"' in page
        refused = ana.submit("/settings", {**_form(ana), "user.name": "Ana\x00"})
        assert refused.status_code == 422 and "Remove the control character U+0000" in refused.text
        assert f'value="{escape(name)}"' in ana.get("/settings").text
    with logged_in(hosted, "bo@example.org") as bo:
        assert escape(name) not in bo.get("/settings").text


# -- oversize bodies --------------------------------------------------------------------


#: What each upload route takes: the pages' forms (read as the form is parsed), JSON, a file.
KINDS = {
    "/import": "multipart/form-data; boundary=x",
    "/mail/upload": "multipart/form-data; boundary=x",
    "/api/v1/restore": "application/json",
    "/api/v1/mail/upload": "application/octet-stream",
    "/api/v1/imports/csv": "text/csv",
}


def test_an_oversize_body_is_a_413_naming_the_limit(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        form = ana.submit("/quick-add", {"text": "x" * (1024 * 1024 + 10)})
        assert form.status_code == 413 and "larger than the 1 MB limit" in form.text
        ana.headers["X-CSRF-Token"] = ana.csrf
        assert set(KINDS) >= UPLOAD_PATHS
        for path in sorted(KINDS):
            response = ana.post(
                path,
                content=b"x",
                headers={"Content-Type": KINDS[path], "Content-Length": str(UPLOAD_LIMIT + 1)},
            )
            assert response.status_code == 413, (path, response.text[:300])
            assert "larger than the 257 MB limit" in response.text, path
        assert ana.get("/api/v1/companies").json() == []
