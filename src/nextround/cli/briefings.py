"""``nextround brief COMPANY [-o FILE.md|FILE.html]``: what to expect next time."""

from __future__ import annotations

from pathlib import Path

import click

from nextround.cli import files, output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.errors import InvalidInput

#: What each output file extension is written as.
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@click.command("brief")
@click.argument("company")
@click.option(
    "-o",
    "--output",
    "target",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Write to FILE.md (Markdown) or FILE.html (a web page) instead of printing.",
)
@json_option
@pass_state
def brief(state: State, company: str, target: Path | None) -> None:
    """What to expect next time at COMPANY: timeline, people, journal notes, follow-ups."""
    kind = _format_of(target) if target is not None else "markdown"
    if target is not None and state.as_json:
        raise click.UsageError("--json prints to the terminal; leave out -o")
    from nextround.services.briefings import company_briefing, render_briefing

    briefing = company_briefing(state.ctx, refs.company(state, company))
    if state.as_json:
        output.emit_json(briefing)
        return
    text = render_briefing(briefing, kind)
    if target is None:
        click.echo(text, nl=False)
        return
    files.write_atomically(target, text)
    click.echo(f"Wrote the {briefing.company.name} briefing to {target}.")


def _format_of(target: Path) -> str:
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name such as {target / 'brief.md'}")
    kind = FORMATS.get(target.suffix.lower())
    if kind is None:
        raise InvalidInput(
            f"can't write a briefing to {target.name}: name the file .md (Markdown) or .html (a web page)"
        )
    return kind
