"""Search lists every match of one kind a page at a time: ``/search?q=...&kind=companies``
(and people, applications) takes ``limit`` and ``cursor`` and goes on with "Next page";
the first matches of every kind link to it when there may be more."""

from __future__ import annotations

import html
import re

import pytest

from nextround.errors import InvalidInput
from nextround.services import search
from nextround.services.paging import Window
from tests.web.conftest import Browser
from tests.web.scenario import application, company, ctx_of, person

NEXT = re.compile(r'<a href="([^"]+)" rel="next">Next page</a>')
LINKS = {
    "companies": r'href="/companies/(\d+)"',
    "people": r'href="/people/(\d+)"',
    "applications": r'href="/applications/(\d+)"',
}


@pytest.fixture
def many(client: Browser) -> Browser:
    ctx = ctx_of(client)
    names = [f"Harbor {w}" for w in ("Zeta", "acme", "Émile", "Beta", "éa", "Delta")]
    names += [f"Harbor Works {i:02}" for i in range(24)]
    for i, name in enumerate(names):
        company_id = company(ctx, name)
        person(ctx, ["Ann Harbor", "ann harbor", "Ånn Harbor"][i % 3], company_id)
        application(ctx, company_id, f"Harbor pilot {i}")
    company(ctx, "Elsewhere")  # matches nothing
    return client


def _ids(page: str, kind: str) -> list[str]:
    section = page.split('role="search"', 1)[1]
    return re.findall(LINKS[kind], section)


@pytest.mark.parametrize("kind", list(LINKS))
def test_every_match_of_a_kind_walked_a_page_at_a_time(many: Browser, kind: str) -> None:
    first = many.load("/search?q=harbor")
    assert len(_ids(first, kind)) == 25  # the first matches of every kind
    assert f"/search?q=harbor&amp;kind={kind}" in first
    whole = many.load(f"/search?q=harbor&kind={kind}&limit=500")
    everything = _ids(whole, kind)
    assert len(everything) == 30 and len(set(everything)) == 30
    assert not NEXT.search(whole)
    assert _ids(first, kind) == everything[:25]  # the same order
    seen: list[str] = []
    url: str | None = f"/search?q=harbor&kind={kind}&limit=7"
    pages = 0
    while url is not None:
        page = many.load(url)
        seen += _ids(page, kind)
        pages += 1
        found = NEXT.search(page)
        url = html.unescape(found.group(1)) if found else None
        if url is not None:
            assert "q=harbor" in url and f"kind={kind}" in url
    assert seen == everything and pages == 5


def test_a_bad_kind_limit_or_cursor_is_refused(many: Browser) -> None:
    for query in ("kind=journal", "kind=companies&limit=0", "kind=people&cursor=nonsense"):
        response = many.get(f"/search?q=harbor&{query}")
        assert response.status_code == 422, query
    first = many.load("/search?q=harbor&kind=people&limit=2")
    link = html.unescape(NEXT.search(first).group(1))  # type: ignore[union-attr]
    other = link.replace("kind=people", "kind=companies")  # another list's cursor
    assert many.get(other).status_code == 422
    assert many.get(link.replace("q=harbor", "q=ann")).status_code == 422
    with pytest.raises(InvalidInput, match="kind must be one of"):
        search.search_kind(ctx_of(many), "harbor", "journal", Window(limit=2))


def test_a_kind_with_nothing_or_no_words(many: Browser) -> None:
    ctx = ctx_of(many)
    assert search.search_kind(ctx, "zebra", "companies", Window(limit=5)).count == 0
    assert search.search_kind(ctx, "  ", "people", Window(limit=5)).count == 0
    assert "Nothing matches" in many.load("/search?q=zebra&kind=companies")
