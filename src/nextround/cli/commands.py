"""The click command group: global options and lazily loaded command groups."""

from __future__ import annotations

import importlib

import click

from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State

# name -> (module, attribute). Loaded on first use so that `nextround today`
# imports only what the agenda needs.
COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("commands", "today"),
    "tasks": ("tasks", "tasks_command"),
    "task": ("tasks", "task_group"),
    "company": ("companies", "company_group"),
    "person": ("people", "person_group"),
    "app": ("applications", "app_group"),
    "interview": ("interviews", "interview_group"),
    "reject": ("applications", "reject"),
    "reply": ("people", "reply"),
    "journal": ("journal", "journal_group"),
    "demo": ("demo", "demo"),
    "card": ("cards", "card"),
    "email": ("emails", "email_group"),
    "calendar": ("calendar", "calendar_command"),
    "brief": ("briefings", "brief"),
    "serve": ("serve", "serve"),
    "mail": ("mail", "mail_group"),
    "undo": ("history", "undo"),
    "trash": ("history", "trash_group"),
    "init": ("setup", "init"),
    "setup": ("setup", "setup"),
    "db": ("schema", "db_group"),
    "export": ("exports", "export_command"),
    "restore": ("exports", "restore_command"),
    "delete-all": ("exports", "delete_all_command"),
    "import": ("imports", "import_group"),
    "watch": ("watch", "watch_group"),
    "digest": ("digest", "digest_command"),
    "add": ("quick_add", "add"),
    "token": ("tokens", "token_group"),
    "coach": ("coach", "coach_group"),
    "user": ("accounts", "user_group"),  # users.py's group, with `user delete`
    "account": ("accounts", "account_group"),
    "worker": ("worker", "worker"),
    "site": ("site", "site_group"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name]
        command: click.Command = getattr(
            importlib.import_module(f"nextround.cli.{module}"), attribute
        )
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", help="Database file or postgresql:// URL (or NEXTROUND_DB).")
@click.option(
    "--today",
    "today",
    metavar="YYYY-MM-DD",
    help="Pretend today is this date (or NEXTROUND_TODAY).",
)
@click.option(
    "--user",
    metavar="EMAIL",
    envvar="NEXTROUND_USER",
    help="Act as this user of a hosted site (or NEXTROUND_USER).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.option("-v", "--verbose", count=True, help="Log what happens (-vv: more).")
@click.version_option(package_name="nextround")
@click.pass_context
def cli(
    ctx: click.Context,
    db: str | None,
    today: str | None,
    user: str | None,
    as_json: bool,
    debug: bool,
    verbose: int,
) -> None:
    """nextround: every "no" turned into a next step.

    Start with `nextround init`, then `nextround today`; `nextround demo` shows it at work.
    """
    from nextround.cli.logs import configure

    configure(verbose)
    ctx.obj = State(db=db, today=today, as_json=as_json, debug=debug, user=user)
    ctx.call_on_close(ctx.obj.close)


@click.command("today")
@json_option
@pass_state
def today(state: State) -> None:
    """What is overdue, due today, and due in the next 7 days."""
    from nextround.cli.agenda import show_agenda

    show_agenda(state)
