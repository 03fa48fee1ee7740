"""The calendar feed's secret links, and the one search box, through the services."""

from __future__ import annotations

from datetime import date

from nextround.domain.journal import NewJournalEntry
from nextround.services import applications, feeds, journal, search
from nextround.services.context import Context
from tests.services.scenario import interviewed


def test_a_calendar_link_opens_its_owners_calendar_until_replaced_or_revoked(
    ctx: Context,
) -> None:
    assert not feeds.has_calendar_token(ctx)
    first = feeds.create_calendar_token(ctx)
    assert len(first) >= 43 and feeds.has_calendar_token(ctx)
    assert feeds.owner_for_calendar_token(ctx, first) == ctx.owner
    second = feeds.create_calendar_token(ctx)
    assert second != first
    assert feeds.owner_for_calendar_token(ctx, first) is None  # replaced: the old one stops
    assert feeds.owner_for_calendar_token(ctx, second) == ctx.owner
    feeds.revoke_calendar_token(ctx)
    assert not feeds.has_calendar_token(ctx)
    assert feeds.owner_for_calendar_token(ctx, second) is None
    assert feeds.calendar_for_token(ctx, second) is None


def test_odd_tokens_open_nothing(ctx: Context) -> None:
    token = feeds.create_calendar_token(ctx)
    for odd in ("", token[:-1], token + "x", "x" * 201, token.upper()):
        assert feeds.owner_for_calendar_token(ctx, odd) is None
    assert feeds.calendar_for_token(ctx, "") is None


def test_the_feed_is_the_calendar_the_command_writes(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    token = feeds.create_calendar_token(ctx)
    exported = feeds.calendar_for_token(ctx, token)
    assert exported is not None
    from nextround.services.calendar import export_calendar

    assert exported == export_calendar(ctx)
    assert exported.open_tasks > 0 and exported.interviews == 1
    assert b"Dana Smith" in exported.data


def test_search_finds_every_kind_of_record_by_every_word(ctx: Context) -> None:
    scenario = interviewed(ctx)
    journal.add_entry(
        ctx, NewJournalEntry(scenario.app_id, "Dana showed us the robot arm; ask about Kubernetes")
    )
    found = search.search_all(ctx, "  acme   ")
    assert found.query == "acme"
    assert [c.name for c in found.companies] == ["Acme Robotics"]
    assert [p.name for p in found.people] == ["Dana Smith"]  # her address is at acme.example
    assert (found.applications, found.journal, found.count) == ([], [], 2)
    dana = search.search_all(ctx, "dana")
    assert [p.name for p in dana.people] == ["Dana Smith"]
    assert dana.count == len(dana.companies) + len(dana.people) + len(dana.applications) + len(
        dana.journal
    )
    notes = search.search_all(ctx, "kubernetes")
    assert [(h.entry.application_id, h.application.id) for h in notes.journal] == [
        (scenario.app_id, scenario.app_id)
    ]
    assert notes.count == 1 + len(notes.people)
    role = search.search_all(ctx, "backend")
    assert [a.role for a in role.applications] == ["Backend Engineer"]
    assert role.count >= 1


def test_no_words_no_results(ctx: Context) -> None:
    interviewed(ctx)
    for query in ("", "   ", "!!!", "-"):
        found = search.search_all(ctx, query)
        assert found.count == 0
        assert (found.companies, found.people, found.applications, found.journal) == (
            [],
            [],
            [],
            [],
        )
    assert search.search_all(ctx, "nothing-like-this").count == 0
    assert search.search_all(ctx, "x" * 500).query == "x" * 200
