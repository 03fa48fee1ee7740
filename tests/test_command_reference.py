"""docs/commands.md lists every command as the command line itself describes it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import click

from nextround.cli.commands import cli

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "command_reference", ROOT / "scripts" / "command_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_is_up_to_date() -> None:
    written = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert written == _script().reference(), "run: python scripts/command_reference.py"


def test_every_command_and_its_options_are_listed() -> None:
    written = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    listed = [line for line in written.splitlines() if line.startswith("## nextround ")]
    # A few commands the README never shows must still be here, with their options.
    for name in ("app status", "task snooze", "company merge", "journal rm", "watch interests"):
        assert f"## nextround {name}" in listed
    status = written.split("## nextround app status\n", 1)[1].split("\n## ", 1)[0]
    assert "`nextround app status [OPTIONS] APP_ID STATUS`" in status
    ctx = click.Context(cli, info_name="nextround")
    groups = [cli.get_command(ctx, n) for n in cli.list_commands(ctx)]
    leaves = sum(_leaves(ctx, g) for g in groups)
    assert len(listed) == len(set(listed)) == leaves


def _leaves(ctx: click.Context, command: click.Command | None) -> int:
    """The commands a user runs under ``command``: itself, or its groups' commands, nested."""
    if not isinstance(command, click.Group):
        return 1
    return sum(_leaves(ctx, command.get_command(ctx, n)) for n in command.list_commands(ctx))
