"""Thank-you cards to print: pick the card tasks, find where each card goes, and
render one PDF with a card page and an envelope page per card.

Printing changes nothing stored: a card is mailed when its task is marked done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nextround.domain.companies import Company
from nextround.domain.people import Person
from nextround.domain.playbook import card_address
from nextround.domain.tasks import Kind, Task
from nextround.errors import InvalidInput, NotFound
from nextround.renderers.cards import FORMATS, CardDoesNotFit, CardSheet, render_cards
from nextround.services import drafts, settings
from nextround.services import people as people_service
from nextround.services import tasks as task_service
from nextround.services.context import Context
from nextround.services.resolve import same_name
from nextround.storage import companies, people, tasks
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class PrintedCard:
    """One card in the PDF, and where its envelope's address came from."""

    task_id: int
    person: str
    company: str
    #: "person" (their own address), "company" (the office) or None (address needed).
    address_from: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "task_id": self.task_id,
            "person": self.person,
            "company": self.company,
            "address_from": self.address_from,
            "address_needed": self.address_from is None,
        }


@dataclass(frozen=True)
class CardBatch:
    """The rendered PDF and what is in it."""

    pdf: bytes
    size: str
    envelope: str
    cards: list[PrintedCard]
    has_return_address: bool

    @property
    def needing_address(self) -> list[PrintedCard]:
        return [c for c in self.cards if c.address_from is None]

    def to_json(self) -> dict[str, object]:
        return {
            "size": self.size,
            "envelope": self.envelope,
            "pages": 2 * len(self.cards),
            "cards": [c.to_json() for c in self.cards],
            "has_return_address": self.has_return_address,
        }


@dataclass(frozen=True)
class _Card:
    task: Task
    person: Person
    company: Company


def card_for_task(ctx: Context, task_id: int) -> CardBatch:
    """A card task's card, whatever its state: a lost card can be printed again."""
    with ctx.db.read() as c:
        task = task_service.get(c, ctx, task_id)
        if task.kind is not Kind.THANK_YOU_CARD:
            raise InvalidInput(
                f"task {task.id} is a {task.kind.value.replace('_', ' ')} task, "
                "not a thank-you card"
            )
        found = _gather(c, ctx.owner, drafts.current(c, ctx, [task]))
    return _render(ctx, found)


def cards_for_person(ctx: Context, person_id: int) -> CardBatch:
    """The open (or snoozed) card tasks for one person."""
    with ctx.db.read() as c:
        person = people_service.get(c, ctx, person_id)
        open_cards = tasks.open_of_kind(c, ctx.owner, person.id, Kind.THANK_YOU_CARD)
        if not open_cards:
            raise NotFound(f"{person.name} has no open thank-you card task")
        found = _gather(c, ctx.owner, drafts.current(c, ctx, open_cards))
    return _render(ctx, found)


def all_open_cards(ctx: Context) -> CardBatch:
    """Every open (or snoozed) card task, earliest due first."""
    with ctx.db.read() as c:
        pending = tasks.list_all(c, ctx.owner, pending_only=True)
        open_cards = [t for t in pending if t.kind is Kind.THANK_YOU_CARD]
        if not open_cards:
            raise NotFound("there are no open thank-you card tasks to print")
        found = _gather(c, ctx.owner, drafts.current(c, ctx, open_cards))
    return _render(ctx, found)


def _gather(c: Connection, owner: int, card_tasks: Sequence[Task]) -> list[_Card]:
    """Each task with its person and the company the card was planned for."""
    ids = {t.person_id for t in card_tasks if t.person_id is not None}
    by_id = {p.id: p for p in people.get_many(c, owner, ids)}
    offices: dict[int, Company] = {}
    found = []
    for task in card_tasks:
        person = by_id.get(task.person_id) if task.person_id is not None else None
        if person is None:
            raise InvalidInput(f"task {task.id} has no person to send a card to")
        company_id = task.company_id or person.company_id
        if company_id is None:  # an imported contact not linked to a company yet
            raise InvalidInput(
                f"task {task.id}: {person.name} has no company to send a card to; "
                "link them to one first"
            )
        if company_id not in offices:
            company = companies.get(c, owner, company_id)
            assert company is not None  # a foreign key
            offices[company_id] = company
        found.append(_Card(task, person, offices[company_id]))
    return found


def _render(ctx: Context, found: list[_Card]) -> CardBatch:
    # No card is printed signed "[your name]" (issue 12): SetupNeeded until a name is set.
    settings.name_needed(ctx.settings, "printing a card")
    size = ctx.settings.cards.size
    returns = return_lines(ctx.settings.user.name, ctx.settings.user.address)
    sheets = [
        _sheet(card, size, returns, f"Card {i} of {len(found)}") for i, card in enumerate(found, 1)
    ]
    try:
        pdf = render_cards(sheets)
    except CardDoesNotFit as exc:
        task = found[sheets.index(exc.sheet)].task
        fmt = exc.sheet.format
        where = f"{fmt.name} card" if exc.part == "message" else f"{fmt.envelope_name} envelope"
        raise InvalidInput(
            f"the {exc.part} of task {task.id} (card to {exc.sheet.recipient}) is too long "
            f"for the {where}, even in small type; shorten it"
        ) from None
    return CardBatch(
        pdf=pdf,
        size=FORMATS[size].name,
        envelope=FORMATS[size].envelope_name,
        cards=[_printed(card, sheet) for card, sheet in zip(found, sheets, strict=True)],
        has_return_address=bool(ctx.settings.user.address.strip()),
    )


def _sheet(card: _Card, size: str, returns: tuple[str, ...], numbered: str) -> CardSheet:
    task, person, company = card.task, card.person, card.company
    message = (task.draft or "").strip()
    if not message:
        raise InvalidInput(f"task {task.id} (card to {person.name}) has no message to copy")
    return CardSheet(
        recipient=person.name,
        address_lines=recipient_lines(person, company),
        message=message,
        return_lines=returns,
        size=size,
        caption=f"{numbered} · task #{task.id} · to {person.name}, {company.name}",
    )


def _printed(card: _Card, sheet: CardSheet) -> PrintedCard:
    source = None
    if sheet.address_lines is not None:
        source = "person" if card.person.address else "company"
    return PrintedCard(card.task.id, card.person.name, card.company.name, source)


def recipient_lines(person: Person, company: Company) -> tuple[str, ...] | None:
    """The address under the recipient's name, or None when none is known.

    A card sent to the office names the company first, so that it reaches the
    person inside; their own address is used as written (less a first line
    repeating their name).
    """
    address = card_address(person, company)
    lines = address_lines(address or "")
    if lines and same_name(lines[0], person.name):
        lines = lines[1:]  # the name is printed above the address already
    if not lines:
        return None
    if not person.address and company.name.casefold() not in lines[0].casefold():
        lines = (company.name, *lines)
    return lines


def return_lines(name: str, address: str) -> tuple[str, ...]:
    """The sender's block: the user's name, then their address (either may be unset)."""
    name = " ".join(name.split())
    return ((name,) if name else ()) + (address_lines(address) if address.strip() else ())


def address_lines(address: str) -> tuple[str, ...]:
    """An address as envelope lines: one per stored line; a one-line address
    written with commas ("12 Elm St, Springfield") is split at the commas."""
    text = address.strip()
    parts = text.splitlines() if "\n" in text else text.split(",")
    return tuple(" ".join(p.split()) for p in parts if p.strip())
