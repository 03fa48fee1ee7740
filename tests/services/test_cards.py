"""Printing thank-you cards through the service, on SQLite and PostgreSQL: which
tasks are printed, where each envelope goes, and that printing changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from nextround.config import CardSettings, UserProfile
from nextround.domain.companies import Company
from nextround.domain.people import NewPerson, Person
from nextround.domain.tasks import Kind, Task, TaskChanges, TaskStatus
from nextround.errors import Ambiguous, InvalidInput, NotFound
from nextround.services import applications, cards, people, resolve, tasks
from nextround.services.context import Context
from tests.pdfcheck import (
    A2_CARD,
    A2_ENVELOPE,
    A6_CARD,
    C6_ENVELOPE,
    PdfCheck,
    require_fonts,
    require_tools,
)
from tests.services.scenario import Scenario, interviewed

REJECTED_ON = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _tools_and_fonts() -> None:
    require_tools()
    require_fonts()


@pytest.fixture
def ctx(ctx: Context) -> Context:
    """A user who has set their name: cards are refused without one."""
    ctx.settings = replace(ctx.settings, user=UserProfile(name="Sam Rivera"))
    return ctx


def rejected(ctx: Context, company_address: str | None = None) -> Scenario:
    """Dana (her own address) and Lee (none) interviewed at Acme, then a rejection."""
    s = interviewed(ctx, company_address=company_address)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    return s


def card_task(ctx: Context, person: str) -> Task:
    found = [t for t in tasks.list_tasks(ctx) if t.kind is Kind.THANK_YOU_CARD]
    return next(t for t in found if t.person == person)


def test_a_card_task_prints_its_message_and_the_persons_own_address(
    ctx: Context, tmp_path: Path
) -> None:
    rejected(ctx)
    task = card_task(ctx, "Dana Smith")
    batch = cards.card_for_task(ctx, task.id)
    assert [(c.task_id, c.person, c.address_from) for c in batch.cards] == [
        (task.id, "Dana Smith", "person")
    ]
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    assert pdf.sizes() == [A2_CARD, A2_ENVELOPE]
    assert task.draft
    pdf.has(1, task.draft)
    pdf.has(2, "Dana Smith", "1 Main Street", "Springfield")
    # Her stored address starts with her name; the envelope says it once.
    assert pdf.text(2).count("Dana Smith") == 1
    pdf.laid_out(1, A2_CARD)
    pdf.laid_out(2, A2_ENVELOPE)


def test_without_own_address_the_card_goes_to_the_office_named_first(
    ctx: Context, tmp_path: Path
) -> None:
    s = rejected(ctx, company_address="9 Dock Road, Shelbyville SV1 2AB")
    batch = cards.cards_for_person(ctx, s.lee_id)
    assert [c.address_from for c in batch.cards] == ["company"]
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    lines = [line.strip() for line in pdf.text(2).splitlines() if line.strip()]
    assert lines[-4:] == ["Lee Wong", "Acme Robotics", "9 Dock Road", "Shelbyville SV1 2AB"]


def test_with_no_address_at_all_the_envelope_asks_for_one(ctx: Context, tmp_path: Path) -> None:
    rejected(ctx)
    batch = cards.card_for_task(ctx, card_task(ctx, "Lee Wong").id)
    assert [c.to_json()["address_needed"] for c in batch.cards] == [True]
    assert batch.needing_address == batch.cards
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    assert "ADDRESS NEEDED" in pdf.text(2)
    assert pdf.laid_out(2, A2_ENVELOPE).red() > 100


def test_all_open_prints_every_pending_card_in_due_order(ctx: Context, tmp_path: Path) -> None:
    rejected(ctx)
    batch = cards.all_open_cards(ctx)
    assert sorted(c.person for c in batch.cards) == ["Dana Smith", "Lee Wong"]
    assert batch.to_json()["pages"] == 4
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    assert pdf.sizes() == [A2_CARD, A2_ENVELOPE] * 2
    for page, printed in zip((1, 3), batch.cards, strict=True):
        pdf.has(page, f"Card {batch.cards.index(printed) + 1} of 2", f"task #{printed.task_id}")
        pdf.has(page + 1, printed.person)


def test_the_return_address_and_the_card_size_come_from_the_settings(
    ctx: Context, tmp_path: Path
) -> None:
    rejected(ctx)
    ctx.settings = replace(
        ctx.settings,
        user=UserProfile(name="Alex  Rivera", address="12 Willow Close\nBrightport BP3 2AR"),
        cards=CardSettings(size="A6"),
    )
    batch = cards.cards_for_person(ctx, resolve.person(ctx, "Dana Smith"))
    assert (batch.size, batch.envelope, batch.has_return_address) == ("A6", "C6", True)
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    assert pdf.sizes() == [A6_CARD, C6_ENVELOPE]
    pdf.has(2, "Alex Rivera", "12 Willow Close", "Brightport BP3 2AR")
    pdf.laid_out(2, C6_ENVELOPE)


def test_printing_is_not_mailing(ctx: Context) -> None:
    s = rejected(ctx)
    before = tasks.list_tasks(ctx, include_closed=True)
    cards.all_open_cards(ctx)
    assert tasks.list_tasks(ctx, include_closed=True) == before
    assert people.show_person(ctx, s.dana_id).relationship.card_mailed_on is None
    task = card_task(ctx, "Dana Smith")
    tasks.mark_done(ctx, task.id)
    view = people.show_person(ctx, s.dana_id)
    assert view.relationship.card_mailed_on == ctx.today
    assert view.person.id == s.dana_id


def test_a_done_card_can_be_printed_again_by_task_but_not_by_person(ctx: Context) -> None:
    s = rejected(ctx)
    task = card_task(ctx, "Dana Smith")
    tasks.mark_done(ctx, task.id)
    assert [c.task_id for c in cards.card_for_task(ctx, task.id).cards] == [task.id]
    with pytest.raises(NotFound, match=r"^Dana Smith has no open thank-you card task$"):
        cards.cards_for_person(ctx, s.dana_id)


def test_wrong_targets_are_clear_errors(ctx: Context) -> None:
    with pytest.raises(NotFound, match="no open thank-you card tasks"):
        cards.all_open_cards(ctx)
    s = rejected(ctx)
    email = next(t for t in tasks.list_tasks(ctx) if t.kind is Kind.CONGRATS_EMAIL)
    with pytest.raises(InvalidInput, match=f"task {email.id} is a congrats email task, not a"):
        cards.card_for_task(ctx, email.id)
    with pytest.raises(NotFound, match="no task with id 999"):
        cards.card_for_task(ctx, 999)
    with pytest.raises(NotFound, match="no person with id 999"):
        cards.cards_for_person(ctx, 999)
    with pytest.raises(NotFound, match=r"no person named 'Dnaa Smith'\. Did you mean"):
        resolve.person(ctx, "Dnaa Smith")
    people.add_person(ctx, NewPerson("Dana Park", s.company_id))
    with pytest.raises(Ambiguous, match="person 'Dana' matches 2"):
        resolve.person(ctx, "Dana")


def test_a_draft_too_long_for_the_card_names_the_task_and_changes_nothing(ctx: Context) -> None:
    rejected(ctx)
    task = card_task(ctx, "Dana Smith")
    tasks.edit_task(
        ctx, task.id, TaskChanges(draft="\n\n".join(["Thank you so much, truly."] * 50))
    )
    before = tasks.list_tasks(ctx, include_closed=True)
    with pytest.raises(InvalidInput) as caught:
        cards.card_for_task(ctx, task.id)
    assert caught.value.message == (
        f"the message of task {task.id} (card to Dana Smith) is too long for the A2 card, "
        "even in small type; shorten it"
    )
    assert tasks.list_tasks(ctx, include_closed=True) == before
    assert tasks.show_task(ctx, task.id).status is TaskStatus.OPEN


@pytest.mark.parametrize(
    ("address", "lines"),
    [
        ("12 Elm St, Springfield", ("12 Elm St", "Springfield")),
        ("Unit 5, Park\n Saltcombe  Quay \n\n", ("Unit 5, Park", "Saltcombe Quay")),
        ("  ", ()),
    ],
)
def test_address_lines(address: str, lines: tuple[str, ...]) -> None:
    assert cards.address_lines(address) == lines


def test_return_lines_take_whatever_is_set() -> None:
    assert cards.return_lines("", "") == ()
    assert cards.return_lines(" Alex ", "") == ("Alex",)
    assert cards.return_lines("", "1 Road, Town") == ("1 Road", "Town")


def test_recipient_lines_prefer_the_person_and_never_repeat_the_company() -> None:
    office = Company(1, "Acme Robotics", address="Acme Robotics Ltd\n9 Dock Road")
    bare = Company(1, "Acme Robotics")
    lee = Person(2, "Lee Wong", 1)
    assert cards.recipient_lines(lee, office) == ("Acme Robotics Ltd", "9 Dock Road")
    assert cards.recipient_lines(lee, bare) is None
    home = replace(lee, address="LEE WONG\n3 Hill Lane")
    assert cards.recipient_lines(home, office) == ("3 Hill Lane",)
    assert cards.recipient_lines(replace(lee, address="Lee Wong"), bare) is None
