"""``nextround coach``: share your pipeline and progress with a coach on a hosted site
(``grant``, ``revoke``, ``list``), and, as a coach, read what someone shares (``show``).

Run as a user: ``nextround --user EMAIL coach ...`` (or ``NEXTROUND_USER``). A coach
sees the applications, their statuses, the weekly figures and how many steps are
due; never the journal, drafts, notes, contacts or mail.
"""

from __future__ import annotations

import click

from nextround.cli.options import json_option, pass_state
from nextround.cli.output import emit_json, heading, safe, table
from nextround.cli.state import State


@click.group("coach")
def coach_group() -> None:
    """Share your progress with a coach, or see what someone shares with you."""


@coach_group.command("grant")
@click.argument("email")
@pass_state
def grant(state: State, email: str) -> None:
    """Let the user with EMAIL see your pipeline and progress (never your journal, drafts,
    notes, contacts or mail)."""
    from nextround.services import coaching

    given = coaching.grant(state.ctx, email)
    click.echo(
        f"{safe(given.email)} can now see your applications, their statuses and your weekly "
        "progress; never your journal, drafts, notes, contacts or mail. "
        f"Stop any time: nextround coach revoke {safe(given.email)}"
    )


@coach_group.command("revoke")
@click.argument("email")
@pass_state
def revoke(state: State, email: str) -> None:
    """Stop sharing with the coach EMAIL: their next request is refused."""
    from nextround.services import coaching
    from nextround.services.users import normal_email

    ctx = state.ctx
    coaching.revoke(ctx, coaching.resolve_coach(ctx, email))
    click.echo(f"{safe(normal_email(email))} no longer sees your progress.")


@coach_group.command("list")
@json_option
@pass_state
def list_coaches(state: State) -> None:
    """Whom you share your progress with, and who shares theirs with you."""
    from nextround.services import coaching

    ctx = state.ctx
    mine, theirs = coaching.coaches(ctx).items, coaching.seekers(ctx).items
    if state.as_json:
        emit_json({"coaches": mine, "seekers": theirs})
        return
    if not mine and not theirs:
        click.echo("You share your progress with nobody, and nobody shares theirs with you.")
        return
    for title, people in (("Your coaches", mine), ("Sharing their progress with you", theirs)):
        if people:
            heading(title)
            table(
                [(p.email, p.name, f"{p.since:%Y-%m-%d}") for p in people],
                ("email", "name", "since"),
            )


@coach_group.command("show")
@click.argument("seeker_email")
@json_option
@pass_state
def show(state: State, seeker_email: str) -> None:
    """The pipeline and progress SEEKER_EMAIL shares with you."""
    from nextround.services import coaching

    ctx = state.ctx
    found = coaching.summary(ctx, coaching.resolve_seeker(ctx, seeker_email))
    if state.as_json:
        emit_json(found)
        return
    heading(f"{found.seeker.name}'s progress")
    click.echo(
        f"{found.applied} sent, {found.heard_back} heard back, {found.interviewed} interviewed"
        + (f", {found.saved} saved for later" if found.saved else "")
        + "."
    )
    click.echo(
        "By status: " + ", ".join(f"{s.value} {n}" for s, n in found.by_status.items() if n)
        if found.total
        else "No applications yet."
    )
    steps = found.steps
    click.echo(
        f"Follow-up steps: {steps.overdue} overdue, {steps.due_today} due today, "
        f"{steps.this_week} in the week ahead."
    )
    week = found.weeks[-1] if found.weeks else None
    if week is not None:
        click.echo(
            f"This week: {week.applied} applied, {week.interviews} interviews, "
            f"{week.done} follow-ups done."
        )
    if found.applications:
        click.echo()
        rows = [
            (
                a.company,
                a.role,
                a.status.value,
                f"{a.applied_on:%Y-%m-%d}" if a.applied_on else "",
                "; ".join(f"{c.status.value} {c.on:%Y-%m-%d}" for c in a.changes),
            )
            for a in found.applications
        ]
        table(rows, ("company", "role", "status", "applied", "status changes"))
