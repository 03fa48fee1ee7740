"""``nextround undo`` and ``nextround trash list|restore|empty``."""

from __future__ import annotations

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.services import history as service


@click.command("undo")
@click.option("--list", "listing", is_flag=True, help="Show the latest changes instead.")
@json_option
@pass_state
def undo(state: State, listing: bool) -> None:
    """Take back the latest change (run it again to go further back)."""
    if listing:
        found = service.recent(state.ctx)
        if state.as_json:
            output.emit_json(found)
            return
        for change in found:
            mark = "  (undone)" if change.undone else ""
            click.echo(
                output.safe(
                    f"  #{change.id:<5} {change.made_at:%Y-%m-%d %H:%M}  {change.label}{mark}"
                )
            )
        if not found:
            click.echo("No changes yet.")
        return
    done = service.undo(state.ctx)
    output.report(state, done, output.safe(done.message))


@click.group("trash")
def trash_group() -> None:
    """What you deleted: kept for 30 days, then gone for good."""


@trash_group.command("list")
@json_option
@pass_state
def list_(state: State) -> None:
    """Everything in the trash, newest first."""
    found = service.trash(state.ctx)
    if state.as_json:
        output.emit_json(found)
        return
    if not found:
        click.echo("The trash is empty.")
        return
    for item in found:
        what = f" ({', '.join(item.records)})" if item.records else ""
        click.echo(output.safe(f"  #{item.change.id:<5} {item.change.label}{what}"))
        click.echo(f"         deleted {item.change.made_at:%Y-%m-%d}, kept until {item.expires_on}")
    click.echo("`nextround trash restore ID` brings one back.")


@trash_group.command("restore")
@click.argument("change_id", type=int)
@json_option
@pass_state
def restore(state: State, change_id: int) -> None:
    """Bring back what a deletion removed (re-planning what depends on it)."""
    done = service.restore(state.ctx, change_id)
    output.report(state, done, output.safe(f"Restored: {done.label.removeprefix('Deleted ')}."))


@trash_group.command("empty")
@click.option("--yes", is_flag=True, help="Don't ask.")
@json_option
@pass_state
def empty(state: State, yes: bool) -> None:
    """Forget everything in the trash for good (also in the backups kept before upgrades)."""
    if not yes:
        if not refs.interactive():
            raise click.UsageError("emptying the trash can't be undone; add --yes to go ahead")
        click.confirm("Empty the trash? This can't be undone", abort=True)
    gone = service.empty_trash(state.ctx)
    output.report(
        state,
        {"emptied": gone},
        f"Emptied the trash ({gone} deletion{'s' if gone != 1 else ''} forgotten).",
    )
