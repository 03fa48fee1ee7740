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
    A4_SHEET,
    DL_CARD,
    DL_ENVELOPE,
    LETTER_SHEET,
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
    assert (batch.size, batch.envelope, batch.sheet, batch.warnings) == ("A2", "A2", "letter", ())
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    assert pdf.sizes() == [LETTER_SHEET] * 3
    assert task.draft
    pdf.has(1, f"Card 1 of 1 · task #{task.id} · to Dana Smith, Acme Robotics")
    pdf.has(2, task.draft)
    assert f"#{task.id}" not in pdf.text(2)
    pdf.has(3, "Dana Smith", "1 Main Street", "Springfield")
    # Her stored address starts with her name; the envelope says it once.
    assert pdf.text(3).count("Dana Smith") == 1
    pdf.laid_out(2, LETTER_SHEET)
    pdf.laid_out(3, LETTER_SHEET)


def test_without_own_address_the_card_goes_to_the_office_named_first(
    ctx: Context, tmp_path: Path
) -> None:
    s = rejected(ctx, company_address="9 Dock Road, Shelbyville SV1 2AB")
    batch = cards.cards_for_person(ctx, s.lee_id)
    assert [c.address_from for c in batch.cards] == ["company"]
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    lines = [line.strip() for line in pdf.text(3).splitlines() if line.strip()]
    assert lines[-4:] == ["Lee Wong", "Acme Robotics", "9 Dock Road", "Shelbyville SV1 2AB"]


def test_with_no_address_at_all_the_envelope_asks_for_one(ctx: Context, tmp_path: Path) -> None:
    rejected(ctx)
    batch = cards.card_for_task(ctx, card_task(ctx, "Lee Wong").id)
    assert [c.to_json()["address_needed"] for c in batch.cards] == [True]
    assert batch.needing_address == batch.cards
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    assert "ADDRESS NEEDED" in pdf.text(3)
    assert pdf.laid_out(3, LETTER_SHEET).red() > 100
    pdf.has(1, "Address needed: the envelope has a box to fill in.")


def test_all_open_prints_every_pending_card_in_due_order(ctx: Context, tmp_path: Path) -> None:
    rejected(ctx)
    batch = cards.all_open_cards(ctx)
    assert sorted(c.person for c in batch.cards) == ["Dana Smith", "Lee Wong"]
    assert batch.to_json()["pages"] == 5
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    assert pdf.sizes() == [LETTER_SHEET] * 5
    for number, printed in enumerate(batch.cards, 1):
        pdf.has(1, f"Card {number} of 2 · task #{printed.task_id} · to {printed.person}")
        assert "task #" not in pdf.text(2 * number)
        pdf.has(2 * number + 1, printed.person)


def test_the_return_address_and_the_card_size_come_from_the_settings(
    ctx: Context, tmp_path: Path
) -> None:
    rejected(ctx)
    ctx.settings = replace(
        ctx.settings,
        user=UserProfile(name="Alex  Rivera", address="12 Willow Close\nBrightport BP3 2AR"),
        cards=CardSettings(size="A6"),
    )
    dana = resolve.person(ctx, "Dana Smith")
    batch = cards.cards_for_person(ctx, dana)
    assert (batch.size, batch.envelope, batch.has_return_address) == ("A6", "C6", True)
    assert batch.sheet == "a4", "A6 cards go on A4 unless a sheet is set"
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    assert pdf.sizes() == [A4_SHEET] * 3
    pdf.has(3, "Alex Rivera", "12 Willow Close", "Brightport BP3 2AR")
    pdf.laid_out(3, A4_SHEET)
    # A sheet in the settings applies to every size; the caller's choice wins over both.
    ctx.settings = replace(ctx.settings, cards=CardSettings(size="DL", sheet="ENVELOPE"))
    batch = cards.cards_for_person(ctx, dana)
    assert (batch.size, batch.envelope, batch.sheet) == ("DL", "DL", "envelope")
    assert PdfCheck.of(batch.pdf, tmp_path, "dl.pdf").sizes() == [DL_CARD, DL_CARD, DL_ENVELOPE]
    options = cards.PrintOptions(size="A2", sheet="Letter")
    batch = cards.cards_for_person(ctx, dana, options)
    assert (batch.size, batch.sheet) == ("A2", "letter")
    with pytest.raises(InvalidInput, match=r"^unknown card size 'b5'; use one of: a6, a2, a7, dl$"):
        cards.cards_for_person(ctx, dana, cards.PrintOptions(size="B5"))
    with pytest.raises(InvalidInput, match=r"^unknown sheet 'a5'; use one of: a4, letter, envel"):
        cards.cards_for_person(ctx, dana, cards.PrintOptions(sheet="a5"))


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
        f"the message of task {task.id} (card to Dana Smith) doesn't fit on 2 A2 cards, "
        "even in small type; shorten it"
    )
    assert cards.fit(ctx, task.id) == (caught.value.message,)
    assert tasks.list_tasks(ctx, include_closed=True) == before
    assert tasks.show_task(ctx, task.id).status is TaskStatus.OPEN


def test_a_long_draft_continues_on_a_second_card_with_a_warning(
    ctx: Context, tmp_path: Path
) -> None:
    rejected(ctx)
    task = card_task(ctx, "Dana Smith")
    long = "\n\n".join(["Thank you again for the tour of the robotics lab and the demo."] * 8)
    tasks.edit_task(ctx, task.id, TaskChanges(draft=f"Dear Dana,\n\n{long}\n\nSam"))
    warning = (
        f"the message of task {task.id} (card to Dana Smith) is too long for one A6 card "
        "even at 14 pt, so it continues on a second card; shorten it to fit on one"
    )
    options = cards.PrintOptions(size="a6")
    assert cards.fit(ctx, task.id, options) == (warning,)
    batch = cards.card_for_task(ctx, task.id, options)
    assert batch.warnings == (warning,)
    assert [c.card_count for c in batch.cards] == [2]
    assert batch.to_json()["warnings"] == [warning] and batch.pages == 4
    pdf = PdfCheck.of(batch.pdf, tmp_path)
    pdf.has(1, "Too long for one A6 card even at 14 pt", "cards 2\u20133, envelope 4")
    assert "Dear Dana" in pdf.text(2) and "Sam" in pdf.text(3)
    # One card is no warning.
    assert cards.fit(ctx, card_task(ctx, "Lee Wong").id, options) == ()


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
