"""``nextround site key``: the key a hosted site encrypts its users' secrets with.

``site key new FILE`` writes a new key file (mode 0600; never over an existing
file); with ``--keep OLD`` the keys of the key file in use follow the new one,
so the secrets they encrypted still open. ``site key rotate`` then re-encrypts
every user's secrets under the first key, in one transaction; after it the old
key can go. The key and the secrets are never printed.
"""

from __future__ import annotations

from pathlib import Path

import click

from nextround.cli.options import pass_state
from nextround.cli.state import State


@click.group("site")
def site_group() -> None:
    """The hosted site's own things: its key (never anyone's data)."""


@site_group.group("key")
def key_group() -> None:
    """The site key that encrypts users' mailbox and mail-server passwords."""


@key_group.command("new")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--keep",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The key file in use: its keys follow the new one (for `site key rotate`).",
)
def new(file: Path, keep: Path | None) -> None:
    """Write a new site key to FILE, readable by you alone; never over an existing file."""
    from nextround.services import site_key

    site_key.new_key_file(file, keep)
    then = (
        "point [site] key_file at it, run `nextround site key rotate`, then remove the old "
        "key's line"
        if keep
        else "point [site] key_file at it (or set NEXTROUND_SITE_KEY to its first line)"
    )
    click.echo(f"New site key written to {file} (mode 0600); back it up safely, then {then}.")


@key_group.command("rotate")
@pass_state
def rotate(state: State) -> None:
    """Re-encrypt every user's secrets under the first key of the key file (one transaction)."""
    from nextround.services import user_secrets

    done = user_secrets.rotate(state.site)
    click.echo(
        f"{done} secret{'s' if done != 1 else ''} re-encrypted under the site's first key; "
        "the other keys in the key file can go now."
    )
