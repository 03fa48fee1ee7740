"""Write docs/commands.md: every ``nextround`` command with its options, from the CLI itself.

Run ``python scripts/command_reference.py`` after adding or changing a command;
``tests/test_command_reference.py`` fails while the file is out of date.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from nextround.cli.commands import cli

OUT = Path(__file__).resolve().parent.parent / "docs" / "commands.md"

HEAD = """# Every command

Generated from the command line itself by `scripts/command_reference.py`; the
README and the other pages in `docs/` show the commands at work. `nextround
COMMAND --help` prints the same options, and a paragraph more for some commands.

Options that go before any command: `--db PATH` (a database file or a
`postgresql://` URL; or `NEXTROUND_DB`), `--today YYYY-MM-DD` (or
`NEXTROUND_TODAY`), `--user EMAIL` (act as this user of a hosted site; or
`NEXTROUND_USER`), `--json` (JSON instead of text), `--debug` (tracebacks),
`-v/--verbose` (logging; `-vv` more), `--version`, `-h/--help`.
"""


def commands(
    group: click.Group, ctx: click.Context, prefix: str = ""
) -> Iterator[tuple[str, click.Command]]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            yield from commands(command, ctx, path + " ")
        else:
            yield path, command


def usage(path: str, command: click.Command, ctx: click.Context) -> str:
    pieces = " ".join(command.collect_usage_pieces(ctx))
    return f"nextround {path} {pieces}".rstrip()


def options(command: click.Command, ctx: click.Context) -> list[str]:
    found = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
        if record is not None and not record[1].startswith("Show this message"):
            found.append(
                f"  - `{record[0]}`: {' '.join(record[1].split())}"
                if record[1]
                else f"  - `{record[0]}`"
            )
    return found


def reference() -> str:
    ctx = click.Context(cli, info_name="nextround")
    lines = [HEAD]
    for path, command in commands(cli, ctx):
        lines.append(f"## nextround {path}\n")
        lines.append(f"`{usage(path, command, ctx)}`\n")
        short = command.get_short_help_str(limit=300)
        if short:
            lines.append(short + "\n")
        found = options(command, ctx)
        if found:
            lines.append("\n".join(found) + "\n")
    return "\n".join(lines)


def main() -> int:
    OUT.write_text(reference(), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
