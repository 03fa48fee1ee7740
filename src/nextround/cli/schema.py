"""``nextround db status|upgrade|grant``: the database's schema and roles on their own."""

from __future__ import annotations

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.services import schema as service


@click.group("db")
def db_group() -> None:
    """The database's schema (opening it upgrades an older one by itself)."""


@db_group.command("status")
@json_option
@pass_state
def status(state: State) -> None:
    """Which schema revision the database is at, and the copies kept before upgrades."""
    found = service.status(state.settings())
    if state.as_json:
        output.emit_json(found)
        return
    verdict = "current" if found.current else f"older; this nextround needs {found.head}"
    click.echo(f"{found.where}: schema {found.revision or 'none'} ({verdict})")
    for copy in found.backups:
        click.echo(f"  kept before an upgrade: {copy}")


@db_group.command("upgrade")
@json_option
@pass_state
def upgrade(state: State) -> None:
    """Upgrade the schema now, in one transaction (a copy of a SQLite file is kept first)."""
    done = service.upgrade(state.settings())
    if state.as_json:
        output.emit_json(done)
    elif done.before == done.after:
        click.echo(f"{done.where} is already at schema {done.after}; nothing to do.")
    else:
        kept = f" A copy taken before is {done.backup}." if done.backup else ""
        click.echo(f"Upgraded {done.where} from {done.before or 'nothing'} to {done.after}.{kept}")


@db_group.command("grant")
@click.argument("role")
@click.option(
    "--apply",
    is_flag=True,
    help="Run the statements on the database (as its URL's role, the tables' owner).",
)
@pass_state
def grant(state: State, role: str, apply: bool) -> None:
    """Print (or --apply) the GRANTs that let ROLE run nextround on PostgreSQL: rows and
    sequences only, never the schema. Row-level security keeps each user's rows apart
    for ROLE as for the owner (docs/postgresql.md)."""
    statements = service.grant(state.settings(), role, apply=apply)
    for statement in statements:
        click.echo(statement)
    if apply:
        click.echo(f"-- applied: {role} may now run nextround (not change its schema)", err=True)
