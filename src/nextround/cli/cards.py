"""``nextround card``: thank-you cards and their envelopes, as a PDF to print."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.errors import InvalidInput
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
    destination = _checked_destination(path)
    ctx = state.ctx
    batch = service.all_open_cards(ctx) if all_open else service.cards_for(ctx, target or "")
    write_atomically(destination, batch.pdf)
    if state.as_json:
        output.emit_json({"output": str(destination), **batch.to_json()})
        return
    _report(state, destination, batch)


def _checked_destination(path: str) -> Path:
    """Refuse, before the slow rendering, a path that can't take the file."""
    destination = Path(path).expanduser()
    folder = destination.parent
    if not path.strip() or destination.is_dir():
        raise InvalidInput(f"{path!r} is a folder; give a file name such as cards.pdf")
    if not folder.is_dir():
        raise InvalidInput(f"can't write {path}: the folder {folder} doesn't exist")
    if destination.suffix.lower() != ".pdf":
        click.echo(f"Note: {path} doesn't end in .pdf; writing a PDF all the same.", err=True)
    return destination


def write_atomically(destination: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename it into
    place: a failure leaves no half-written file, and an older one untouched."""
    try:
        handle, temporary = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".part"
        )
    except OSError as exc:
        raise InvalidInput(f"can't write {destination}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
        Path(temporary).chmod(0o666 & ~_umask())
        Path(temporary).replace(destination)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InvalidInput(f"can't write {destination}: {exc.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


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
