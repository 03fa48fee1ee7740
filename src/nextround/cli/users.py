"""``nextround user``: the site's users (add, invite from a CSV file, list, reset, disable).

These are the admin's commands: they act on accounts, never on anyone's data,
so they need no ``--user``.
"""

from __future__ import annotations

from pathlib import Path

import click

from nextround.cli.options import json_option, pass_state
from nextround.cli.output import emit_json, safe, table
from nextround.cli.state import State


@click.group("user")
def user_group() -> None:
    """The users of a hosted site: add, invite, list, reset, disable (never their data)."""


@user_group.command("add")
@click.argument("email")
@click.option("--name", default="", help="Their name (the email when not given).")
@click.option("--admin", is_flag=True, help="An admin: manages users, never sees their data.")
@pass_state
def add(state: State, email: str, name: str, admin: bool) -> None:
    """Add a user and print their one-time link to set a password (good for 7 days)."""
    from nextround.services import users

    made = users.add_user(state.site, email, name=name, admin=admin)
    click.echo(made.link(state.site.settings.site_url))
    click.echo(
        f"User {made.email} added{' (admin)' if admin else ''}. Send them the link: it sets "
        f"their password once, until {made.expires_at:%Y-%m-%d %H:%M} UTC.",
        err=True,
    )


@user_group.command("invite")
@click.option(
    "--csv",
    "csv_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A CSV file with a column 'email' (and optionally 'name').",
)
@pass_state
def invite(state: State, csv_file: Path) -> None:
    """Add every user of a CSV file at once (all or none) and print each one's link."""
    from nextround.errors import ImportFailed
    from nextround.services import users

    try:
        data = csv_file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{csv_file} is not UTF-8 text; save it as UTF-8") from None
    made = users.invite_csv(state.site, data)
    url = state.site.settings.site_url
    for invitation in made:
        click.echo(f"{invitation.email}\t{invitation.link(url)}")
    click.echo(f"{len(made)} user{'s' if len(made) != 1 else ''} invited.", err=True)


@user_group.command("list")
@json_option
@pass_state
def list_users(state: State) -> None:
    """Every user: email, name, admin, disabled, last login (UTC)."""
    from nextround.services import users

    found = users.list_users(state.site).items
    if state.as_json:
        emit_json(found)
        return
    rows = [
        (
            u.email or "(local user)",
            u.name,
            "yes" if u.is_admin else "",
            "yes" if u.disabled else "",
            f"{u.last_login_at:%Y-%m-%d %H:%M}" if u.last_login_at else "never",
        )
        for u in found
    ]
    table(rows, ("email", "name", "admin", "disabled", "last login (UTC)"))


@user_group.command("reset")
@click.argument("email")
@pass_state
def reset(state: State, email: str) -> None:
    """Print a one-time link that sets a new password for the user (good for an hour)."""
    from nextround.services import users

    made = users.reset_link(state.site, email)
    click.echo(made.link(state.site.settings.site_url))
    click.echo(
        f"Send {made.email} the link: it sets a new password once, until "
        f"{made.expires_at:%Y-%m-%d %H:%M} UTC, and logs them out everywhere.",
        err=True,
    )


@user_group.command("disable")
@click.argument("email")
@pass_state
def disable(state: State, email: str) -> None:
    """Disable a user: their sessions and API tokens stop now, and they can't log in."""
    from nextround.services import users

    gone = users.disable_user(state.site, email)
    click.echo(f"User {safe(gone.email)} disabled: logged out everywhere, tokens revoked.")
