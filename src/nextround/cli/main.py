"""The ``nextround`` entry point, and the one place where errors become
``Error: <message>`` and a non-zero exit.

The plain forms of ``nextround today`` run without importing click (a third
of the command's start-up time); everything else goes through click.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

from nextround import log
from nextround.errors import DatabaseUnavailable, Duplicate, InUse, NextroundError, SetupNeeded

if TYPE_CHECKING:
    from nextround.cli.state import State


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    from nextround.cli.agenda import fast_arguments

    try:
        state = fast_arguments(args)
        if state is not None:
            _run_fast(state)
        _run_click(args)
    except BrokenPipeError:  # `nextround tasks | head`: the reader left, and that's fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


def _run_fast(state: State) -> NoReturn:
    from nextround.cli.agenda import show_agenda
    from nextround.cli.logs import configure

    try:
        configure(0)
        show_agenda(state)
    except NextroundError as exc:
        _fail(exc.message + _HINTS.get(type(exc), ""), exc.exit_code)
    finally:
        state.close()
    sys.exit(0)


def _run_click(args: list[str]) -> NoReturn:
    import click

    from nextround.cli.commands import cli

    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="nextround", standalone_mode=False)
    except NextroundError as exc:
        log.warning("refused: %s", type(exc).__name__)
        _fail(exc.message + _HINTS.get(type(exc), ""), exc.exit_code, exc if debug else None)
    except click.exceptions.Abort:
        _fail("aborted", 1)
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        _fail(exc.format_message() + hint, 2, exc if debug else None)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(0)


#: What the command line adds to an error: the flag that goes ahead anyway.
_HINTS: dict[type[NextroundError], str] = {
    Duplicate: " (--allow-duplicate)",
    InUse: " (--cascade)",
    SetupNeeded: '; set it with `nextround setup --name "Your Name"`',
    DatabaseUnavailable: "; check that the database server is running, then try again",
}


def _fail(message: str, code: int, reraise: BaseException | None = None) -> NoReturn:
    if reraise is not None:
        raise reraise
    print(f"Error: {' '.join(message.split())}", file=sys.stderr)
    sys.exit(code)
