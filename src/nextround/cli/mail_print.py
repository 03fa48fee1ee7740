"""How the mail commands print suggestions: grouped under their company and application."""

from __future__ import annotations

from collections.abc import Iterable

import click

from nextround.cli import output
from nextround.domain.suggestions import Suggestion, SuggestionKind
from nextround.domain.wording import percent
from nextround.services.mail_groups import MailGroup

#: Past this many, a scan's summary names the groups instead of listing every one.
LIST_LIMIT = 30


def print_groups(groups: Iterable[MailGroup], *, limit: int | None = None) -> None:
    """Each group's heading, then its mail (newest first); headings only past ``limit``."""
    listed = list(groups)
    brief = limit is not None and sum(len(g.suggestions) for g in listed) > limit
    for i, g in enumerate(listed):
        if brief:
            n = len(g.suggestions)
            click.echo(output.safe(f"  {g.heading}: {n} message{'s' if n != 1 else ''}"))
            continue
        if i:
            click.echo()
        output.heading(output.safe(g.heading))
        for s in g.suggestions:
            print_suggestion(s)


def print_suggestion(s: Suggestion) -> None:
    what = f"reply: {s.answer or 'unclear'}" if s.kind is SuggestionKind.REPLY else s.label
    when = s.received_at.date().isoformat() if s.received_at else "no date"
    status = "" if s.status.value == "pending" else f"  ({s.status.value})"
    who = f"  from {s.person}" if s.kind is SuggestionKind.REPLY and s.person else ""
    click.echo(
        output.safe(f"  #{s.id:<5} {what:<22} {percent(s.confidence, 1):>3}%  {when}{who}{status}")
    )
    click.echo(output.safe(f"         {s.sender_name or s.sender}: {s.subject}"))
    if s.evidence:
        click.echo(output.safe(f"         why: {'; '.join(s.evidence[:4])}"))
    if s.application_guessed:  # past the first four reasons, and the user must see it
        click.echo(
            output.safe(
                f"         check: several applications at {s.company} fit and this is the most "
                f"recent; `nextround mail confirm {s.id} --app ID` names another"
            )
        )


def about(s: Suggestion) -> str:
    """The application (or company) one suggestion is about, in a few words."""
    if s.application_id is not None:
        return f"{s.company}, {s.role} (app #{s.application_id})"
    if s.company:
        return f"{s.company} (no application matched)"
    guess = next((e for e in s.evidence if e.startswith("new application?")), None)
    return guess or "no company matched"
