"""``nextround init`` (the one first-run command) and ``nextround setup`` (who you are)."""

from __future__ import annotations

import sys
from typing import TextIO

import click

from nextround.cli import refs
from nextround.cli.options import pass_state
from nextround.cli.state import State
from nextround.domain.settings import LANGUAGES

#: What setup asks, in order: (option, setting, question). The address is asked line by line.
_PROFILE = (
    ("name", "user.name", "Your name, as you sign a card"),
    ("email", "user.email", "Your email address"),
    ("signature", "user.signature", "How you sign an email (\\n for a new line)"),
    ("address", "user.address", "Your postal address, for the envelopes' return address"),
    ("language", "drafts.language", "The language of your drafts"),
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
        click.echo("A few questions, so that drafts are from you (Enter keeps what is shown).")
        _ask(state, {})
    else:
        click.echo(
            "Next: `nextround setup --name 'Your Name'` so that drafts are signed, "
            "then `nextround today`."
        )


@click.command("setup")
@click.option("--name", help="Your name, as you sign a card.")
@click.option("--email", help="Your email address (the sender of emails).")
@click.option("--signature", help="How you sign an email.")
@click.option("--address", help="Your postal address, for the envelopes (\\n for a new line).")
@click.option(
    "--language",
    type=click.Choice(list(LANGUAGES), case_sensitive=False),
    help="The language drafts are written in by default.",
)
@click.option(
    "--password",
    "password",
    is_flag=True,
    help="Set the password the web app asks for (needed to serve off this computer): "
    "asked twice, hidden; without a terminal, read from the first line of standard input.",
)
@click.option(
    "--password-file",
    type=click.File("r", encoding="utf-8"),
    metavar="PATH",
    help="Set the password from the first line of PATH ('-': standard input), for scripts.",
)
@pass_state
def setup(
    state: State, /, password: bool, password_file: TextIO | None, **given: str | None
) -> None:
    """Who the drafts are from: your name, signature, email and return address, and the
    language of your drafts. At a terminal it asks for whatever no flag gave.
    With --password, the password that the web app asks for."""
    chosen = {key: value for key, value in given.items() if value is not None}
    if password or password_file is not None:
        _set_password(state, password_file)
        if not chosen:
            return
    if refs.interactive() and len(chosen) < len(_PROFILE):
        _ask(state, chosen)
    else:
        _save(state, chosen)


def _ask(state: State, chosen: dict[str, str]) -> None:
    """Ask for each part of the profile no flag set; Enter keeps the current value."""
    settings = state.ctx.settings
    current = {
        "name": settings.user.name,
        "email": settings.user.email,
        "signature": settings.user.signature,
        "address": settings.user.address,
        "language": settings.drafts.language,
    }
    answers = dict(chosen)
    for key, _setting, question in _PROFILE:
        if key in answers:
            continue
        if key == "address":
            answers[key] = _ask_address(question, current[key])
        elif key == "language":
            choice = click.Choice(list(LANGUAGES), case_sensitive=False)
            names = ", ".join(f"{code} {name}" for code, name in LANGUAGES.items())
            answers[key] = click.prompt(
                f"{question} ({names})", default=current[key], type=choice, show_choices=False
            )
        else:
            default = current[key]
            answer = click.prompt(question, default=default, show_default=bool(default))
            answers[key] = answer
    _save(state, answers)


def _ask_address(question: str, current: str) -> str:
    """The address one line at a time; an empty first line keeps the current one."""
    if current.strip():
        shown = "\n".join(f"  {line}" for line in current.strip().splitlines())
        click.echo(f"{question}, now:\n{shown}")
        click.echo("Type a new one line by line, or press Enter to keep it.")
    else:
        click.echo(f"{question}, one line at a time; an empty line ends it.")
    lines: list[str] = []
    while True:
        line = click.prompt(f"  line {len(lines) + 1}", default="", show_default=False)
        if not line.strip():
            break
        lines.append(line.strip())
    return "\n".join(lines) if lines else current


def _save(state: State, chosen: dict[str, str]) -> None:
    from nextround.services import settings

    if not chosen:
        raise click.UsageError(
            "give at least one of --name, --email, --signature, --address, --language"
        )
    names = {key: setting for key, setting, _ in _PROFILE}
    values = {names[k]: v.replace("\\n", "\n") for k, v in chosen.items()}
    saved = settings.save_profile(state.ctx, values)
    who = saved.user.name or "you (no name yet: drafts show [your name])"
    language = LANGUAGES[saved.drafts.language]
    where = "as your own settings on this site" if saved.hosted else f"to {saved.config_path}"
    click.echo(f"Saved {where}. Drafts are now from {who}, in {language}.")


def _set_password(state: State, source: TextIO | None) -> None:
    """Ask for the password twice at a terminal; else read one line (a file or stdin)."""
    from nextround.services import logins

    chosen: str
    if source is None and refs.interactive():
        chosen = click.prompt(
            "New password for the web app",
            hide_input=True,
            confirmation_prompt="The same password again",
        )
    else:
        stream = source if source is not None else sys.stdin
        chosen = stream.readline().rstrip("\r\n")
    ended = logins.set_password(state.ctx, chosen, user_id=state.ctx.owner)
    click.echo(
        "Password saved (only its hash is kept). The web app now asks for it"
        + (f"; {ended} session{'s' if ended != 1 else ''} logged out." if ended else ".")
    )
