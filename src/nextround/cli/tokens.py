"""``nextround token``: API tokens for scripts (add, list, revoke)."""

from __future__ import annotations

import click

from nextround.cli.options import json_option, pass_state
from nextround.cli.output import emit_json, safe, table
from nextround.cli.state import State


@click.group("token")
def token_group() -> None:
    """API tokens for scripts: `Authorization: Bearer TOKEN` on /api/v1 once a password is set."""


@token_group.command("add")
@click.argument("name")
@pass_state
def add(state: State, name: str) -> None:
    """Make a token named NAME and print it (once: only its hash is kept)."""
    from nextround.services import api_tokens

    token = api_tokens.add_token(state.ctx, name)
    click.echo(token)
    click.echo(
        f"Token '{name.strip()}' made. Copy it now: it is not shown again "
        f"(`nextround token revoke '{name.strip()}'` stops it).",
        err=True,
    )


@token_group.command("list")
@json_option
@pass_state
def list_tokens(state: State) -> None:
    """The tokens by name, when each was made and last used (never the tokens themselves)."""
    from nextround.services import api_tokens

    found = api_tokens.list_tokens(state.ctx)
    if state.as_json:
        emit_json(found)
        return
    if not found:
        click.echo("No API tokens. `nextround token add NAME` makes one.")
        return
    rows = [
        (
            t.name,
            f"{t.created_at:%Y-%m-%d %H:%M}",
            f"{t.last_used:%Y-%m-%d %H:%M}" if t.last_used else "never",
        )
        for t in found
    ]
    table(rows, ("name", "made (UTC)", "last used (UTC)"))


@token_group.command("revoke")
@click.argument("name")
@pass_state
def revoke(state: State, name: str) -> None:
    """Stop the token named NAME: scripts using it are refused from now on."""
    from nextround.services import api_tokens

    api_tokens.revoke_token(state.ctx, name)
    click.echo(f"Token '{safe(name.strip())}' revoked.")
