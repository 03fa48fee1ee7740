"""``nextround card``: thank-you cards and their envelopes, as a PDF to print."""

from __future__ import annotations

from pathlib import Path

import click

from nextround.cli import files, output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.services import cards as service


@click.command("card")
@click.argument("target", required=False, metavar="[TASK_ID|PERSON]")
@click.option("--all-open", is_flag=True, help="Every open thank-you card task, in one PDF.")
@click.option("-o", "--output", "path", required=True, metavar="FILE.pdf", help="The PDF to write.")
@click.option(
    "--size",
    type=click.Choice(service.CARD_SIZES, case_sensitive=False),
    help="Card size, with its envelope: a6 (C6), a2 (A2), a7 (A7), dl (DL). "
    "Default: [cards] size in the config file, else a2.",
)
@click.option(
    "--sheet",
    type=click.Choice(service.SHEET_CHOICES, case_sensitive=False),
    help="Print on a4 or letter sheets (real size, with cut marks), or straight on the "
    "card and the envelope (envelope). Default: [cards] sheet, else letter for a2/a7 "
    "and a4 for a6/dl.",
)
@click.option(
    "--folded",
    is_flag=True,
    help="A card folded at the top: printed open, twice as high, with fold marks; the "
    "message goes on the lower inside panel.",
)
@json_option
@pass_state
def card(
    state: State,
    target: str | None,
    all_open: bool,
    path: str,
    size: str | None,
    sheet: str | None,
    folded: bool,
) -> None:
    """Print thank-you cards at a real card size, each with its envelope.

    Page 1 is a cover sheet saying which card is for whom (task numbers live
    there, never on a card). Each card carries only the drafted message in a
    handwriting font, wrapped line for line as it fits the card, as a guide to
    copy by hand; a message too long for one card continues on a second, with a
    warning. The envelope has the recipient's postal address and your return
    address ([user] name and address in the config file).

    TASK_ID is a card task's number (see `nextround tasks`); PERSON is a name,
    and prints that person's open card tasks. Printing is not mailing: once a
    card is in the post, run `nextround task done TASK_ID`.
    """
    if all_open == (target is not None):
        raise click.UsageError("give a TASK_ID or PERSON, or --all-open (not both)")
    destination = files.check_target(path, "cards.pdf")
    if destination.suffix.lower() != ".pdf":
        click.echo(f"Note: {path} doesn't end in .pdf; writing a PDF all the same.", err=True)
    ctx = state.ctx
    options = service.PrintOptions(size=size, sheet=sheet, folded=folded)
    if all_open:
        batch = service.all_open_cards(ctx, options)
    else:
        batch = _cards_for(state, target or "", options)
    files.write_atomically(destination, batch.pdf)
    for warning in batch.warnings:
        click.echo(f"Warning: {warning}.", err=True)
    if state.as_json:
        output.emit_json({"output": str(destination), **batch.to_json()})
        return
    _report(state, destination, batch)


def _cards_for(state: State, target: str, options: service.PrintOptions) -> service.CardBatch:
    """The card of one task (``12`` or ``#12``), or a person's open card tasks."""
    number = target.strip().removeprefix("#")
    if number.isdigit():
        return service.card_for_task(state.ctx, int(number), options)
    return service.cards_for_person(state.ctx, refs.person(state, target), options)


def _report(state: State, destination: Path, batch: service.CardBatch) -> None:
    count = len(batch.cards)
    noun = "thank-you card" if count == 1 else "thank-you cards"
    if batch.folded:
        noun = "folded " + noun
    with_ = "with its envelope" if count == 1 else "with their envelopes"
    if batch.sheet == "envelope":
        on = "each page the size of the card or the envelope, cards first"
    else:
        on = f"at real size on {batch.sheet_name} sheets with cut marks"
    click.echo(
        f"Wrote {destination}: {count} {noun} ({batch.size}) {with_} ({batch.envelope}), "
        f"{on}; page 1 is the cover sheet."
    )
    for printed in batch.cards:
        line = f"  #{printed.task_id:<5} {printed.person}, {printed.company}"
        if printed.address_from is None:
            line += "  (address needed: the envelope has a box to fill in)"
        click.echo(line)
    if not batch.has_return_address:
        where = state.ctx.settings.config_path or "the config file"
        click.echo(f"No return address yet: set name and address under [user] in {where}.")
    click.echo("Print at actual size (100%). Once a card is in the post: `nextround task done ID`.")
