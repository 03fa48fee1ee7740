"""``nextround user delete EMAIL`` (the admin's) and ``nextround --user EMAIL account delete``
(a user's own): an account and everything in it, deleted for good in one transaction.

Taking everything along first is the export every user already has:
``nextround --user EMAIL export -o FILE`` writes their own backup (their rows, no
secrets). ``user delete`` joins the ``user`` group of :mod:`nextround.cli.users`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.cli.users import user_group

if TYPE_CHECKING:
    from nextround.services.account import Deleted


@user_group.command("delete")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Don't ask.")
@json_option
@pass_state
def delete_user(state: State, email: str, yes: bool) -> None:
    """Delete a user and everything of theirs, for good: their data, logins and tokens."""
    from nextround.services import account

    _confirm(email, yes, "their")
    done = account.delete_user(state.site, email)
    _report(state, done)


@click.group("account")
def account_group() -> None:
    """Your own account on a hosted site (with --user EMAIL). To take everything along:
    `nextround --user EMAIL export -o FILE`."""


@account_group.command("delete")
@click.option("--yes", is_flag=True, help="Don't ask.")
@json_option
@pass_state
def delete_account(state: State, yes: bool) -> None:
    """Delete the --user's account and everything in it, for good."""
    from nextround.services import account

    if not state.user:
        raise click.UsageError("say whose account with --user EMAIL (or NEXTROUND_USER)")
    _confirm(state.user, yes, "your")
    done = account.delete_user(state.site, state.user)
    _report(state, done)


def _confirm(email: str, yes: bool, whose: str) -> None:
    if yes:
        return
    if not refs.interactive():
        raise click.UsageError("deleting an account can't be undone; add --yes to go ahead")
    click.echo(
        f"This deletes the account {email.strip()} and all {whose} data on this site, for good "
        f"(take it along first: nextround --user {email.strip()} export -o FILE)."
    )
    typed = click.prompt("Type the email to go ahead", default="", show_default=False)
    if typed.strip().lower() != email.strip().lower():
        raise click.ClickException("nothing was deleted")


def _report(state: State, done: Deleted) -> None:
    rows = sum(n for table, n in done.counts.items() if table != "users")
    output.report(
        state,
        done,
        f"Deleted the account {output.safe(done.email)} and its {rows} rows; "
        "its sessions and API tokens no longer work.",
    )
