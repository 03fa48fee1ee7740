"""``nextround init`` (the one first-run command) and ``nextround setup`` (who you are)."""

from __future__ import annotations

import click

from nextround.cli import refs
from nextround.cli.options import pass_state
from nextround.cli.state import State

_PROFILE = (
    ("name", "user.name", "Your name, as you sign a card"),
    ("email", "user.email", "Your email address"),
    ("signature", "user.signature", "How you sign an email"),
    ("address", "user.address", "Your postal address, for the envelopes (\\n for a new line)"),
)


@click.command("init")
@click.option(
    "--db",
    "db",
    metavar="PATH",
    help="Where to create it (the same as `nextround --db PATH init`).",
)
@click.option("--no-setup", is_flag=True, help="Only create the database; ask nothing.")
@pass_state
def init(state: State, db: str | None, no_setup: bool) -> None:
    """Create the database (and, at a terminal, go on to `nextround setup`)."""
    if db is not None:
        if state.db is not None and state.db != db:
            raise click.UsageError(f"two databases named: --db {state.db} and --db {db}; give one")
        state.db = db
    state.create = True
    ctx = state.ctx
    click.echo(f"Your database is ready at {ctx.db.describe()}.")
    if refs.interactive() and not no_setup:
        _ask(state)
    else:
        click.echo(
            "Next: `nextround setup --name 'Your Name'` so that drafts are signed, "
            "then `nextround today`."
        )


@click.command("setup")
@click.option("--name", help="Your name, as you sign a card.")
@click.option("--email", help="Your email address (the sender of emails).")
@click.option("--signature", help="How you sign an email.")
@click.option("--address", help="Your postal address, for the envelopes.")
@pass_state
def setup(state: State, /, **given: str | None) -> None:
    """Who the drafts are from: your name, signature, email and return address."""
    chosen = {key: value for key, value in given.items() if value is not None}
    if chosen or not refs.interactive():
        _save(state, chosen)
    else:
        _ask(state)


def _ask(state: State) -> None:
    user = state.ctx.settings.user
    chosen = {}
    for key, _setting, prompt in _PROFILE:
        default = getattr(user, key)
        answer = click.prompt(prompt, default=default or "", show_default=bool(default))
        chosen[key] = answer.replace("\\n", "\n")
    _save(state, chosen)


def _save(state: State, chosen: dict[str, str]) -> None:
    from nextround.services import settings

    if not chosen:
        raise click.UsageError("give at least one of --name, --email, --signature, --address")
    names = {key: setting for key, setting, _ in _PROFILE}
    saved = settings.save_profile(state.ctx, {names[k]: v for k, v in chosen.items()})
    who = saved.user.name or "you"
    click.echo(f"Saved to {saved.config_path}. Drafts are now from {who}.")
