"""``nextround watch interests``: the roles you look for, matched at watched companies."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State

if TYPE_CHECKING:
    from nextround.domain.interests import Interests


@click.command("interests")
@click.option(
    "--add-title",
    "add_titles",
    multiple=True,
    metavar="WORDS",
    help='Add a title to look for, e.g. "data engineer" (its words, any order). Repeatable.',
)
@click.option(
    "--remove-title", "remove_titles", multiple=True, metavar="WORDS", help="Remove a saved title."
)
@click.option(
    "--seniority",
    metavar="WORDS",
    help='Seniority words, comma-separated ("senior, lead"); "" for any seniority.',
)
@click.option(
    "--location",
    metavar="PLACES",
    help='Places, comma-separated ("Berlin, Remote"); "" for anywhere.',
)
@click.option(
    "--remote",
    type=click.Choice(["yes", "no", "any"]),
    help="Remote roles only (yes), none (no), or either (any).",
)
@click.option("--clear", is_flag=True, help="Forget every interest first.")
@json_option
@pass_state
def interests(
    state: State,
    /,
    add_titles: tuple[str, ...],
    remove_titles: tuple[str, ...],
    seniority: str | None,
    location: str | None,
    remote: str | None,
    clear: bool,
) -> None:
    """Show or change your saved interests (kept in config.toml, [interests]).

    New postings at watched companies that match them are named by `watch run`
    and in `nextround digest`. Without options: show them.
    """
    from nextround.domain.interests import InterestChanges, split_list
    from nextround.services import interests as service

    changes = InterestChanges(
        add_titles,
        remove_titles,
        None if seniority is None else split_list(seniority),
        None if location is None else split_list(location),
        remote,
        clear,
    )
    found = service.current(state.ctx) if changes.is_empty() else service.change(state.ctx, changes)
    output.report(state, found, *_lines(found))


def _lines(found: Interests) -> list[str]:
    if found.is_empty():
        return [
            "No interests saved yet. Add one with "
            '`nextround watch interests --add-title "data engineer"`.'
        ]
    return [
        output.safe(line)
        for line in (
            "Titles: " + ("; ".join(found.titles) or "any"),
            "Seniority: " + (", ".join(found.seniority) or "any"),
            "Locations: " + (", ".join(found.locations) or "anywhere"),
            f"Remote: {found.remote}",
        )
    ]
