"""The mail review queue is paged by groups: ``GET /api/v1/mail/suggestions`` and the Mail
page take ``limit`` (groups) and ``cursor``, say where the next page is (the ``Link``
header, a "Next page" link), never split a group, and give every group once, in order,
on SQLite and on PostgreSQL; ties in the newest mail are broken the same way each time."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from nextround.domain.companies import NewCompany
from nextround.services import companies
from nextround.services.context import Context
from nextround.storage import mail
from tests.web.conftest import Browser, next_link

NEXT = re.compile(r'<a href="([^"]+)" rel="next">Next page</a>')
WHEN = datetime(2026, 11, 20, 9, 0)


def suggest(
    ctx: Context, n: int, company_id: int | None, when: datetime | None, **extra: Any
) -> None:
    with ctx.db.transaction() as c:
        mail.add_suggestion(
            c,
            ctx.owner,
            message_id=f"m{n}@example.org",
            source="test.mbox",
            kind="job",
            received_at=when,
            sender=f"hr{n}@example.org",
            subject=f"Message {n}",
            label="rejection",
            confidence=0.9,
            company_id=company_id,
            status=extra.pop("status", "pending"),
            **extra,
        )


def filled(browser: Browser) -> Context:
    ctx: Context = browser.app.state.web.base  # type: ignore[attr-defined]
    ids = [companies.add_company(ctx, NewCompany(n)).id for n in ("Zeta", "acme", "Émile", "Beta")]
    n = 0
    for i, company in enumerate(ids):
        for k in range(i + 1):  # groups of 1 to 4 messages
            n += 1
            suggest(ctx, n, company, WHEN - timedelta(hours=k))
    for k, when in enumerate((WHEN, None, WHEN - timedelta(days=3))):  # ties, no date
        n += 1
        guess = (f"new application? from Guess {k}",)
        suggest(ctx, n, None, when, evidence=guess)
    n += 1
    suggest(ctx, n, None, None)  # no company at all
    for _ in range(3):
        n += 1
        suggest(ctx, n, ids[0], WHEN, status="folded")
    return ctx


@pytest.mark.parametrize("query", ["", "?all=true", "?folded=true"])
def test_the_queue_walked_a_few_groups_at_a_time(any_api: Browser, query: str) -> None:
    filled(any_api)
    path = f"/api/v1/mail/suggestions{query}"
    whole = any_api.get(path)
    assert whole.status_code == 200 and "link" not in whole.headers
    everything = whole.json()
    assert len(everything["groups"]) >= (1 if "folded" in query else 8)
    for limit in (1, 2, 3):
        groups: list[Any] = []
        url: str | None = f"{path}{'&' if '?' in path else '?'}limit={limit}"
        while url is not None:
            response = any_api.get(url)
            assert response.status_code == 200, response.text
            page = response.json()
            assert len(page["groups"]) <= limit
            assert page["count"] == sum(len(g["suggestions"]) for g in page["groups"])
            assert page["folded"] == everything["folded"] == 3
            url = next_link(response)
            if url is not None:
                assert len(page["groups"]) == limit
            groups += page["groups"]
        assert groups == everything["groups"]


def test_a_bad_limit_or_cursor_is_a_422_naming_it(api: Browser) -> None:
    filled(api)
    for limit in ("0", "501", "x"):
        response = api.get("/api/v1/mail/suggestions", params={"limit": limit})
        assert response.status_code == 422
        assert set(response.json()["error"]["fields"]) == {"limit"}
    link = next_link(api.get("/api/v1/mail/suggestions", params={"limit": 1}))
    assert link is not None
    cursor = re.search(r"cursor=([^&]+)", link).group(1)  # type: ignore[union-attr]
    # Another list's cursor (the folded ones), or another list's cursor on this one.
    for path, params in (
        ("/api/v1/mail/suggestions", {"cursor": cursor, "folded": "true"}),
        ("/api/v1/companies", {"cursor": cursor}),
        ("/api/v1/mail/suggestions", {"cursor": "nonsense"}),
    ):
        response = api.get(path, params=params)
        assert response.status_code == 422, (path, params)
        assert set(response.json()["error"]["fields"]) == {"cursor"}
    companies_cursor = next_link(api.get("/api/v1/companies", params={"limit": 1}))
    assert companies_cursor is not None
    other = re.search(r"cursor=([^&]+)", companies_cursor).group(1)  # type: ignore[union-attr]
    response = api.get("/api/v1/mail/suggestions", params={"cursor": other})
    assert response.status_code == 422


def test_the_mail_page_goes_on_with_next_page(client: Browser) -> None:
    filled(client)
    whole = client.load("/mail")
    everything = re.findall(r'id="suggestion-(\d+)"', whole)
    assert len(everything) == 14 and not NEXT.search(whole)
    assert "14 to review" in whole
    seen: list[str] = []
    url: str | None = "/mail?limit=3"
    while url is not None:
        page = client.load(url)
        assert "14 to review" in page
        seen += re.findall(r'id="suggestion-(\d+)"', page)
        found = NEXT.search(page)
        url = html.unescape(found.group(1)) if found else None
    assert seen == everything
    folded = client.load("/mail?folded=1")
    assert len(re.findall(r'id="folded-(\d+)"', folded)) == 3
    assert "more are folded away" not in folded
