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
@json_option
@pass_state
def card(state: State, target: str | None, all_open: bool, path: str) -> None:
    """Print thank-you cards, each followed by its envelope.

    The card page carries the drafted message in a handwriting font, as a guide
    to copy by hand; the envelope page has the recipient's postal address and
    your return address ([user] name and address in the config file).

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
    batch = service.all_open_cards(ctx) if all_open else _cards_for(state, target or "")
    files.write_atomically(destination, batch.pdf)
    if state.as_json:
        output.emit_json({"output": str(destination), **batch.to_json()})
        return
    _report(state, destination, batch)


def _cards_for(state: State, target: str) -> service.CardBatch:
    """The card of one task (``12`` or ``#12``), or a person's open card tasks."""
    number = target.strip().removeprefix("#")
    if number.isdigit():
        return service.card_for_task(state.ctx, int(number))
    return service.cards_for_person(state.ctx, refs.person(state, target))


def _report(state: State, destination: Path, batch: service.CardBatch) -> None:
    count = len(batch.cards)
    noun = "thank-you card" if count == 1 else "thank-you cards"
    each = "followed by its envelope" if count == 1 else "each followed by its envelope"
    click.echo(f"Wrote {destination}: {count} {noun} ({batch.size}), {each} ({batch.envelope}).")
    for printed in batch.cards:
        line = f"  #{printed.task_id:<5} {printed.person}, {printed.company}"
        if printed.address_from is None:
            line += "  (address needed: the envelope has a box to fill in)"
        click.echo(line)
    if not batch.has_return_address:
        where = state.ctx.settings.config_path or "the config file"
        click.echo(f"No return address yet: set name and address under [user] in {where}.")
    click.echo("Print at actual size (100%). Once a card is in the post: `nextround task done ID`.")
