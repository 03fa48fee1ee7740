"""The ``nextround`` command: global options, lazy command loading, and the one place
where errors become ``Error: <message>`` and a non-zero exit."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from nextround.cli.state import State
from nextround.errors import NextroundError

# name -> (module, attribute). Loaded on first use so that `nextround today`
# imports only what the agenda needs.
COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("agenda", "today"),
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
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="nextround")
@click.pass_context
def cli(ctx: click.Context, db: str | None, today: str | None, as_json: bool, debug: bool) -> None:
    """nextround: every "no" turned into a next step.

    Start with `nextround today`, or `nextround demo` to see it at work.
    """
    ctx.obj = State(db=db, today=today, as_json=as_json, debug=debug)
    ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="nextround", standalone_mode=False)
    except NextroundError as exc:
        _fail(exc.message, exc.exit_code, exc)
    except click.exceptions.Abort:
        _fail("aborted", 1, None)
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        _fail(exc.format_message() + hint, 2, exc)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code, exc)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(0)


def _fail(message: str, code: int, exc: BaseException | None) -> None:
    if exc is not None and _debugging():
        raise exc
    one_line = " ".join(message.split())
    click.echo(f"Error: {one_line}", err=True)
    sys.exit(code)


def _debugging() -> bool:
    ctx: Any = click.get_current_context(silent=True)
    return "--debug" in sys.argv or bool(ctx and ctx.find_root().obj and ctx.find_root().obj.debug)
