"""Thank-you cards to print: pick the card tasks, find where each card goes, and
render one PDF: a cover sheet saying which card is which, then each card's guide
at the card's real size and its envelope.

The size (A6, A2, A7, DL) and the sheet (A4, Letter, or straight on the pieces)
come from the caller or else from ``[cards]`` in the config file. A message too
long for one card continues on a second; ``CardBatch.warnings`` says so.
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
from nextround.renderers.card_metrics import HANDWRITING_FONT
from nextround.renderers.cards import (
    SHEETS,
    STATIONERY,
    CardDoesNotFit,
    CardSheet,
    LaidCard,
    Layout,
    lay_out,
    render_layout,
    where,
)
from nextround.services import drafts, settings
from nextround.services import people as people_service
from nextround.services import tasks as task_service
from nextround.services.context import Context
from nextround.services.resolve import same_name
from nextround.storage import companies, people, tasks
from nextround.storage.sql import Connection

#: The choices a face offers: card sizes (each with its envelope) and sheets.
CARD_SIZES = tuple(STATIONERY)
SHEET_CHOICES = tuple(SHEETS)
SIZE_LABELS = {
    "a6": "A6 card (105 x 148 mm), C6 envelope",
    "a2": "US A2 card (4.25 x 5.5 in), A2 envelope",
    "a7": "A7 card (5 x 7 in), A7 envelope",
    "dl": "DL card (99 x 210 mm), DL envelope",
}
SHEET_LABELS = {
    "a4": "A4 sheets, real size, with cut marks",
    "letter": "US Letter sheets, real size, with cut marks",
    "envelope": "Straight on the card and the envelope",
}


@dataclass(frozen=True)
class PrintedCard:
    """One card in the PDF, and where its envelope's address came from."""

    task_id: int
    person: str
    company: str
    #: "person" (their own address), "company" (the office) or None (address needed).
    address_from: str | None
    #: How many cards the message takes: 1, or 2 when it is too long for one.
    card_count: int = 1
    #: The guide's type size, in points.
    text_size: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "task_id": self.task_id,
            "person": self.person,
            "company": self.company,
            "address_from": self.address_from,
            "address_needed": self.address_from is None,
            "card_count": self.card_count,
            "text_size": self.text_size,
        }


@dataclass(frozen=True)
class CardBatch:
    """The rendered PDF and what is in it."""

    pdf: bytes
    size: str
    envelope: str
    cards: list[PrintedCard]
    has_return_address: bool
    #: "a4", "letter" or "envelope" (each page is the card or the envelope).
    sheet: str = "letter"
    #: One sentence per card that had to continue on a second card.
    warnings: tuple[str, ...] = ()
    folded: bool = False

    @property
    def needing_address(self) -> list[PrintedCard]:
        return [c for c in self.cards if c.address_from is None]

    @property
    def sheet_name(self) -> str:
        return SHEETS[self.sheet][0]

    @property
    def pages(self) -> int:
        """The cover sheet, every card, every envelope."""
        return 1 + sum(c.card_count + 1 for c in self.cards)

    def to_json(self) -> dict[str, object]:
        return {
            "size": self.size,
            "envelope": self.envelope,
            "sheet": self.sheet,
            "folded": self.folded,
            "pages": self.pages,
            "cards": [c.to_json() for c in self.cards],
            "has_return_address": self.has_return_address,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class PrintOptions:
    """What to print on; None takes the config file's ``[cards]`` setting."""

    size: str | None = None
    sheet: str | None = None
    #: A card folded at the top, the message on its lower inside panel.
    folded: bool = False

    def resolved(self, ctx: Context) -> tuple[str, str]:
        size = (self.size or ctx.settings.cards.size).strip().lower()
        if size not in STATIONERY:
            raise InvalidInput(f"unknown card size {size!r}; use one of: {', '.join(STATIONERY)}")
        if self.sheet:
            sheet = self.sheet.strip().lower()
        elif self.size and not ctx.settings.cards.sheet:
            sheet = "letter" if size in {"a2", "a7"} else "a4"
        else:
            sheet = ctx.settings.cards.paper.lower()
        if sheet not in SHEETS:
            raise InvalidInput(f"unknown sheet {sheet!r}; use one of: {', '.join(SHEETS)}")
        return size, sheet


@dataclass(frozen=True)
class _Card:
    task: Task
    person: Person
    company: Company


def card_for_task(ctx: Context, task_id: int, options: PrintOptions = PrintOptions()) -> CardBatch:
    """A card task's card, whatever its state: a lost card can be printed again."""
    with ctx.db.read() as c:
        task = task_service.get(c, ctx, task_id)
        if task.kind is not Kind.THANK_YOU_CARD:
            raise InvalidInput(
                f"task {task.id} is a {task.kind.value.replace('_', ' ')} task, "
                "not a thank-you card"
            )
        found = _gather(c, ctx.owner, drafts.current(c, ctx, [task]))
    return _render(ctx, found, options)


def cards_for_person(
    ctx: Context, person_id: int, options: PrintOptions = PrintOptions()
) -> CardBatch:
    """The open (or snoozed) card tasks for one person."""
    with ctx.db.read() as c:
        person = people_service.get(c, ctx, person_id)
        open_cards = tasks.open_of_kind(c, ctx.owner, person.id, Kind.THANK_YOU_CARD)
        if not open_cards:
            raise NotFound(f"{person.name} has no open thank-you card task")
        found = _gather(c, ctx.owner, drafts.current(c, ctx, open_cards))
    return _render(ctx, found, options)


def all_open_cards(ctx: Context, options: PrintOptions = PrintOptions()) -> CardBatch:
    """Every open (or snoozed) card task, earliest due first."""
    with ctx.db.read() as c:
        pending = tasks.list_all(c, ctx.owner, pending_only=True)
        open_cards = [t for t in pending if t.kind is Kind.THANK_YOU_CARD]
        if not open_cards:
            raise NotFound("there are no open thank-you card tasks to print")
        found = _gather(c, ctx.owner, drafts.current(c, ctx, open_cards))
    return _render(ctx, found, options)


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


def _render(ctx: Context, found: list[_Card], options: PrintOptions) -> CardBatch:
    # No card is printed signed "[your name]" (issue 12): SetupNeeded until a name is set.
    settings.name_needed(ctx.settings, "printing a card")
    layout, warnings = _laid(ctx, found, options)
    stock = layout.stock
    return CardBatch(
        pdf=render_layout(layout, handwriting_font=HANDWRITING_FONT),
        size=stock.name,
        envelope=stock.envelope_name,
        cards=[_printed(card, laid) for card, laid in zip(found, layout.cards, strict=True)],
        has_return_address=bool(ctx.settings.user.address.strip()),
        sheet=layout.sheet,
        folded=layout.folded,
        warnings=warnings,
    )


def fit(ctx: Context, task_id: int, options: PrintOptions = PrintOptions()) -> tuple[str, ...]:
    """What printing a card task's card would warn about (a second card, a message
    or an address too long), without printing it: the fonts are measured, nothing
    is rendered."""
    try:
        with ctx.db.read() as c:
            task = task_service.get(c, ctx, task_id)
            if task.kind is not Kind.THANK_YOU_CARD:
                return ()
            # The draft as it would print: a planned card's is written on reading.
            current = drafts.current(c, ctx, [task])
            if not (current[0].draft or "").strip():
                return ()
            found = _gather(c, ctx.owner, current)
        return _laid(ctx, found, options)[1]
    except InvalidInput as exc:
        return (exc.message,)


def _laid(
    ctx: Context, found: list[_Card], options: PrintOptions
) -> tuple[Layout, tuple[str, ...]]:
    """Every card laid out, and a warning for each that continues on a second card."""
    size, sheet = options.resolved(ctx)
    returns = return_lines(ctx.settings.user.name, ctx.settings.user.address)
    sheets = [_sheet(card, returns, f"Card {i} of {len(found)}") for i, card in enumerate(found, 1)]
    try:
        layout = lay_out(sheets, size=size, sheet=sheet, folded=options.folded)
    except CardDoesNotFit as exc:
        task = found[sheets.index(exc.sheet)].task
        raise InvalidInput(
            f"the {exc.part} of task {task.id} (card to {exc.sheet.recipient}) doesn't fit "
            f"{where(exc.part, exc.stock)}, even in small type; shorten it"
        ) from None
    warnings = tuple(
        f"the message of task {card.task.id} (card to {card.person.name}) is too long for one "
        f"{layout.stock.name} card even at {laid.guide.size:g} pt, so it continues on a second "
        "card; shorten it to fit on one"
        for card, laid in zip(found, layout.cards, strict=True)
        if laid.continued
    )
    return layout, warnings


def _sheet(card: _Card, returns: tuple[str, ...], numbered: str) -> CardSheet:
    task, person, company = card.task, card.person, card.company
    message = (task.draft or "").strip()
    if not message:
        raise InvalidInput(f"task {task.id} (card to {person.name}) has no message to copy")
    return CardSheet(
        recipient=person.name,
        address_lines=recipient_lines(person, company),
        message=message,
        return_lines=returns,
        caption=f"{numbered} · task #{task.id} · to {person.name}, {company.name}",
    )


def _printed(card: _Card, laid: LaidCard) -> PrintedCard:
    source = None
    if laid.sheet.address_lines is not None:
        source = "person" if card.person.address else "company"
    return PrintedCard(
        card.task.id,
        card.person.name,
        card.company.name,
        source,
        card_count=len(laid.cards),
        text_size=laid.guide.size,
    )


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
