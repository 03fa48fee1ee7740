"""The list views: the board by status, pages of the list, journal search."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import NewPerson
from nextround.errors import InvalidInput
from nextround.services import application_list, applications, companies, journal, people
from nextround.services.context import Context
from nextround.services.paging import Window


@pytest.fixture
def five(ctx: Context) -> list[int]:
    """Five applications at Acme, oldest first: three applied, one saved, one rejected."""
    acme = companies.add_company(ctx, NewCompany("Acme"))
    ids = [
        applications.add_application(
            ctx,
            NewApplication(f"Role {n}", company_id=acme.id, applied_on=date(2026, 10, n)),
        ).application.id
        for n in range(1, 5)
    ]
    ids.append(
        applications.add_application(
            ctx, NewApplication("Later", company_id=acme.id)
        ).application.id
    )
    applications.reject(ctx, ids[0], on=date(2026, 11, 1))
    return ids


def test_the_board_has_a_column_per_status_with_the_newest_first(
    ctx: Context, five: list[int]
) -> None:
    board = applications.board(ctx, per_column=2)
    assert [c.status for c in board] == list(Status)
    by_status = {c.status: c for c in board}
    applied = by_status[Status.APPLIED]
    assert applied.count == 3
    assert [a.id for a in applied.applications] == [five[3], five[2]]
    assert applied.more == 1
    assert by_status[Status.REJECTED].count == 1 and by_status[Status.REJECTED].more == 0
    assert by_status[Status.OFFER].count == 0 and by_status[Status.OFFER].applications == []
    [only] = applications.board(ctx, only=Status.SAVED)
    assert (only.status, only.count, [a.id for a in only.applications]) == (
        Status.SAVED,
        1,
        [five[4]],
    )


@pytest.mark.parametrize(
    ("only", "size", "pages", "total"),
    [
        (None, 2, [[4, 3], [2, 1], [0]], 5),  # the saved one (no day) on top, then newest
        (None, 5, [[4, 3, 2, 1, 0]], 5),
        (None, 4, [[4, 3, 2, 1], [0]], 5),
        (Status.APPLIED, 2, [[3, 2], [1]], 3),
        (Status.OFFER, 2, [[]], 0),  # nothing: still one (empty) page
    ],
)
def test_pages_of_the_list(
    ctx: Context,
    five: list[int],
    only: Status | None,
    size: int,
    pages: list[list[int]],
    total: int,
) -> None:
    shown: list[list[int]] = []
    window = Window(limit=size)
    while True:
        listed = application_list.newest(ctx, window, only)
        assert listed.total == total
        shown.append([a.id for a in listed.page.items])
        if listed.page.next_cursor is None:
            break
        window = Window(listed.page.next_cursor, size)
    assert shown == [[five[i] for i in page] for page in pages]


def test_journal_search_finds_entries_and_peoples_notes(ctx: Context, five: list[int]) -> None:
    journal.add_entry(ctx, NewJournalEntry(five[1], "They asked about Kubernetes operators"))
    journal.add_entry(ctx, NewJournalEntry(five[2], "Lunch with the team"))
    found = journal.search(ctx, "  kubernetes ")
    assert [(h.entry.application_id, h.application.id) for h in found.entries] == [
        (five[1], five[1])
    ]
    assert found.people == []
    assert journal.search(ctx, "nothing-here").entries == []
    for blank in ("", "   "):
        with pytest.raises(InvalidInput) as caught:
            journal.search(ctx, blank)
        assert caught.value.fields == {"q": "give some words to search for"}


def test_journal_search_finds_peoples_notes_and_names_a_bad_query(
    ctx: Context, five: list[int]
) -> None:
    acme = companies.list_companies(ctx)[0].company.id
    noted = people.add_person(
        ctx, NewPerson("Dana Smith", acme, notes="Runs the Kubernetes platform team")
    )
    people.add_person(ctx, NewPerson("Lee Wong", acme, notes="Met at lunch"))
    found = journal.search(ctx, "kubernetes")
    assert [p.id for p in found.people] == [noted.id]
    assert found.entries == []
    with pytest.raises(InvalidInput) as caught:
        journal.search(ctx, "kube\x00rnetes")
    [(field, message)] = caught.value.fields.items()
    assert field == "q" and message.startswith("search ")
