"""``nextround journal add|show|search|edit|rm``."""

from __future__ import annotations

import re

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.journal import (
    JournalEntryChanges,
    NewJournalEntry,
    prompt_template,
    with_topic_questions,
)
from nextround.services import applications
from nextround.services import journal as service


@click.group("journal")
def journal_group() -> None:
    """The interview journal: notes written while memories are fresh."""


@journal_group.command("add")
@click.argument("app_id", type=int)
@click.option("--text", help="The entry (default: open $EDITOR on the prompts).")
@click.option("--interview", "interview_id", type=int, help="The interview it is about.")
@json_option
@pass_state
def add(state: State, app_id: int, text: str | None, interview_id: int | None) -> None:
    """Write a journal entry for application APP_ID.

    The editor opens on the prompts, with "What did you talk about with NAME?" for each
    interviewer: a few words a line there are kept as that person's topics on the
    interview (a thank-you draft may name one); the rest stays your own notes."""
    names = service.interviewer_names(state.ctx, app_id)
    text = refs.written(text, lambda: prompt_template(names), ".md", "Nothing saved.")
    if text is None:
        return
    entry = service.add_entry(state.ctx, NewJournalEntry(app_id, text, interview_id))
    output.report(
        state,
        entry,
        f"Saved journal entry {entry.id}. It will come back whenever this company does.",
    )


@journal_group.command("show")
@click.argument("app_id", type=int)
@json_option
@pass_state
def show(state: State, app_id: int) -> None:
    """Every journal entry of application APP_ID."""
    entries = service.list_entries(state.ctx, app_id)
    app = applications.show_application(state.ctx, app_id).application
    if state.as_json:
        output.emit_json(entries)
        return
    click.secho(f"Journal: {output.safe(app.role)} at {output.safe(app.company)}", bold=True)
    if not entries:
        click.echo(f"No entries yet. `nextround journal add {app.id}` opens the prompts.")
    for entry in entries:
        click.secho(f"\n{entry.written_on} (entry {entry.id})", bold=True)
        click.echo(output.safe(entry.body))


@journal_group.command("search")
@click.argument("query", nargs=-1, required=True)
@json_option
@pass_state
def search(state: State, query: tuple[str, ...]) -> None:
    """Journal entries and people's notes containing every word of QUERY."""
    found = service.search(state.ctx, " ".join(query))
    if state.as_json:
        output.emit_json(found)
        return
    if not (found.entries or found.people):
        click.echo("Nothing found.")
    words = " ".join(query)
    for hit in found.entries:
        line = matching_line(hit.entry.body, words)
        click.echo(
            output.safe(
                f"#{hit.application.id} {hit.application.company}, {hit.entry.written_on}: {line}"
            )
        )
    for person in found.people:
        click.echo(output.safe(f"{person.name} ({person.company}): {person.notes[:80]}"))


@journal_group.command("edit")
@click.argument("entry_id", type=int)
@click.option("--text", help="The new text (default: open $EDITOR on the entry).")
@json_option
@pass_state
def edit(state: State, entry_id: int, text: str | None) -> None:
    """Rewrite a journal entry; the earlier text is kept (`journal history ENTRY_ID`).

    The editor also asks "What did you talk about with NAME?" for anyone who interviewed
    since the entry was written; a question left empty is dropped."""
    text = refs.written(text, lambda: _opened(state, entry_id), ".md", "Entry unchanged.")
    if text is None:
        return
    entry = service.edit_entry(state.ctx, entry_id, JournalEntryChanges(body=text))
    output.report(state, entry, f"Saved journal entry {entry.id}; the earlier text is kept.")


def _opened(state: State, entry_id: int) -> str:
    view = service.show_entry(state.ctx, entry_id)
    names = service.interviewer_names(state.ctx, view.application.id)
    return with_topic_questions(view.entry.body, names)


@journal_group.command("history")
@click.argument("entry_id", type=int)
@json_option
@pass_state
def history(state: State, entry_id: int) -> None:
    """A journal entry with the versions it replaced."""
    view = service.show_entry(state.ctx, entry_id)
    if state.as_json:
        output.emit_json(view)
        return
    for kept in view.revisions:
        click.secho(f"Version {kept.number} (replaced {kept.saved_at:%Y-%m-%d %H:%M})", bold=True)
        click.echo(output.safe(kept.text) + "\n")
    click.secho(f"Now (entry {view.entry.id}, {view.entry.written_on})", bold=True)
    click.echo(output.safe(view.entry.body))


@journal_group.command("rm")
@click.argument("entry_id", type=int)
@json_option
@pass_state
def rm(state: State, entry_id: int) -> None:
    """Move a journal entry to the trash."""
    output.deleted(state, service.delete_entry(state.ctx, entry_id))


def matching_line(body: str, query: str, width: int = 80) -> str:
    """The first line of the entry that holds a searched word (or its stem), shortened."""
    stems = [w.casefold()[:5] for w in re.findall(r"\w+", query)]
    lines = [ln.strip() for ln in body.splitlines() if ln.strip() and not ln.startswith("#")]
    found = next(
        (ln for ln in lines if any(s in ln.casefold() for s in stems)), lines[0] if lines else ""
    )
    return found if len(found) <= width else found[: width - 1].rstrip() + "\u2026"
