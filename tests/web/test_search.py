"""Search across companies, people, applications and journal entries."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.journal import NewJournalEntry
from nextround.services import journal
from nextround.services.context import Context
from tests.web.conftest import Browser
from tests.web.scenario import application, company, ctx_of, person


def some_search(ctx: Context) -> None:
    harbor = company(ctx, "Harborlight Energy", website="harborlight.example")
    person(ctx, "Ingrid Solberg", harbor, title="VP Engineering", notes="Loves sailing")
    app_id = application(ctx, harbor, "Data Engineer", date(2026, 10, 1))
    body = "They asked about streaming pipelines and backpressure."
    journal.add_entry(ctx, NewJournalEntry(app_id, body))


def test_an_empty_query_shows_just_the_box(client: Browser) -> None:
    page = client.load("/search")
    assert 'type="search"' in page
    assert "found for" not in page and "Nothing matches" not in page
    assert "Nothing matches" not in client.load("/search?q=+++")


def test_no_results_is_a_friendly_message(client: Browser) -> None:
    some_search(ctx_of(client))
    assert "Nothing matches" in client.load("/search?q=zebra")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbor", 'href="/companies/1">Harborlight Energy'),
        ("ingrid", 'href="/people/1">Ingrid Solberg'),
        ("sailing", 'href="/people/1">Ingrid Solberg'),  # people's notes, full text
        ("data engineer", 'href="/applications/1">Data Engineer'),
        ("pipeline", "streaming pipelines"),  # journal, stemmed
    ],
)
def test_each_kind_is_found(client: Browser, query: str, expected: str) -> None:
    some_search(ctx_of(client))
    assert expected in client.load(f"/search?q={query}")


def test_the_query_is_escaped_and_like_wildcards_are_literal(client: Browser) -> None:
    some_search(ctx_of(client))
    page = client.load("/search?q=%3Cscript%3E%25_")
    assert "<script>" not in page.split("<main", 1)[1]
    assert "&lt;script&gt;" in page
    assert "Harborlight" not in page.split("<main", 1)[1]


@pytest.mark.postgres
def test_search_on_postgresql(pg_client: Browser) -> None:
    some_search(ctx_of(pg_client))
    page = pg_client.load("/search?q=pipelines")
    assert "streaming pipelines" in page
    assert "Ingrid Solberg" in pg_client.load("/search?q=sailing")
