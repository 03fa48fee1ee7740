"""``nextround interview add|list|show|edit|rm``."""

from __future__ import annotations

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.interviews import (
    Format,
    InterviewChanges,
    InterviewKind,
    InterviewStatus,
    NewInterview,
    parse_time,
)
from nextround.domain.rules import UNSET
from nextround.errors import InvalidInput, NotFound
from nextround.services import applications
from nextround.services import interviews as service
from nextround.services.interviews import InterviewView

_safe = output.safe


@click.group("interview")
def interview_group() -> None:
    """Interviews and who sat in them."""


def _people(state: State, app_id: int, names: tuple[str, ...]) -> tuple[int, ...]:
    """Interviewers by name or id, looked for at the application's company first."""
    company_id = applications.show_application(state.ctx, app_id).application.company_id

    def one(name: str) -> int:
        try:
            return refs.person(state, name, company_id=company_id)
        except NotFound:  # someone elsewhere: the service says where they work
            return refs.person(state, name)

    return tuple(one(n) for n in names)


def _topics(state: State, app_id: int, given: tuple[str, ...]) -> dict[int, tuple[str, ...]]:
    """``PERSON=TOPIC`` options as each person's topics, in the order given."""
    found: dict[int, list[str]] = {}
    for item in given:
        name, sep, topic = item.partition("=")
        if not sep or not name.strip():
            raise InvalidInput(
                f"--topic {item!r} names nobody; write PERSON=TOPIC, e.g. 'Dana=the data platform'",
                field="topics",
            )
        [person_id] = _people(state, app_id, (name.strip(),))
        found.setdefault(person_id, [])
        if topic.strip():
            found[person_id].append(topic)
    return {pid: tuple(t) for pid, t in found.items()}


@interview_group.command("add")
@click.argument("app_id", type=int)
@click.option("--on", required=True, metavar="YYYY-MM-DD", help="The day of the interview.")
@click.option("--at", metavar="HH:MM", help="The time it started.")
@click.option(
    "--format",
    "format_text",
    default="video",
    show_default=True,
    metavar="FORMAT",
    help="phone, video, onsite, take-home or other.",
)
@click.option(
    "--with",
    "interviewers",
    multiple=True,
    metavar="PERSON",
    help="An interviewer (name or id); repeat for several.",
)
@click.option(
    "--new",
    "new_people",
    multiple=True,
    metavar="NAME",
    help="An interviewer not recorded yet: added at the company.",
)
@click.option("--notes", metavar="TEXT")
@click.option(
    "--kind",
    "kind_text",
    metavar="KIND",
    help='What it was: screen, technical, panel, onsite or take-home ("" clears it).',
)
@json_option
@pass_state
def add(
    state: State,
    /,
    app_id: int,
    on: str,
    at: str | None,
    format_text: str,
    interviewers: tuple[str, ...],
    new_people: tuple[str, ...],
    notes: str | None,
    kind_text: str | None,
) -> None:
    """Record an interview for application APP_ID."""
    day = refs.day(on, "--on")
    assert day is not None
    new = NewInterview(
        app_id,
        day,
        parse_time(at) if at else None,
        Format.parse(format_text),
        _people(state, app_id, interviewers),
        new_people,
        notes or "",
        InterviewKind.parse(kind_text or ""),
    )
    _report(state, service.add_interview(state.ctx, new), "Recorded")


def _report(state: State, view: InterviewView, verb: str) -> None:
    if state.as_json:
        output.emit_json(view)
        return
    i = view.interview
    who = f" with {', '.join(_safe(p.name) for p in view.people)}" if view.people else ""
    kind = f"{i.kind.value} " if i.kind else ""
    click.echo(f"{verb} the {kind}{i.format.value} interview on {i.on}{who} (id {i.id}).")
    for warning in view.warnings:
        click.echo(f"Note: {_safe(warning)}.", err=True)


@interview_group.command("list")
@click.argument("app_id", type=int, required=False)
@json_option
@pass_state
def list_(state: State, app_id: int | None) -> None:
    """Every interview (of one application, if given)."""
    found = service.list_interviews(state.ctx, app_id)
    if state.as_json:
        output.emit_json(found)
    elif not found:
        click.echo("No interviews recorded.")
    else:
        output.table(
            [
                (
                    i.id,
                    i.application_id,
                    i.on,
                    i.at.strftime("%H:%M") if i.at else "",
                    i.format.value,
                    i.status.value.replace("_", " "),
                )
                for i in found
            ],
            ["id", "app", "on", "at", "format", "status"],
        )


@interview_group.command("show")
@click.argument("interview_id", type=int)
@json_option
@pass_state
def show(state: State, interview_id: int) -> None:
    """An interview, with the versions it replaced."""
    view = service.show_interview(state.ctx, interview_id)
    if state.as_json:
        output.emit_json(view)
        return
    i, a = view.interview, view.application
    at = f" {i.at:%H:%M}" if i.at else ""
    kind = f" {i.kind.value}" if i.kind else ""
    click.secho(
        f"Interview {i.id}: {i.on}{at}, {i.format.value}{kind} "
        f"({i.status.value.replace('_', ' ')})",
        bold=True,
    )
    click.echo(f"for #{a.id} {_safe(a.role)} at {_safe(a.company)}")
    click.echo(
        "with " + (", ".join(_safe(p.name) for p in view.people) or "interviewers not recorded")
    )
    for p in view.people:
        if i.topics_with(p.id):
            click.echo(_safe(f"talked with {p.first_name} about: {'; '.join(i.topics_with(p.id))}"))
    if i.notes:
        click.echo(f"\n{_safe(i.notes)}")
    for kept in view.revisions:
        click.secho(
            f"\nEarlier version {kept.number} (replaced {kept.saved_at:%Y-%m-%d %H:%M})", bold=True
        )
        click.echo(_safe(kept.text))


@interview_group.command("edit")
@click.argument("interview_id", type=int)
@click.option("--on", metavar="YYYY-MM-DD")
@click.option("--at", metavar="HH:MM", help='The time ("" clears it).')
@click.option("--format", "format_text", metavar="FORMAT")
@click.option(
    "--with",
    "interviewers",
    multiple=True,
    metavar="PERSON",
    help="The interviewers (replaces the list); repeat for several.",
)
@click.option(
    "--new", "new_people", multiple=True, metavar="NAME", help="Add someone not recorded yet."
)
@click.option("--notes", metavar="TEXT")
@click.option(
    "--topic",
    "topics",
    multiple=True,
    metavar="PERSON=TOPIC",
    help="What you talked about with an interviewer, a few words ('Dana=the fleet's telemetry'); "
    "repeat for more; the topics given for a person replace theirs ('Dana=' clears them).",
)
@click.option(
    "--kind",
    "kind_text",
    metavar="KIND",
    help='What it was: screen, technical, panel, onsite or take-home ("" clears it).',
)
@click.option(
    "--cancelled/--planned",
    "cancelled",
    default=None,
    help="It was called off (or happens after all).",
)
@json_option
@pass_state
def edit(
    state: State,
    /,
    interview_id: int,
    on: str | None,
    at: str | None,
    format_text: str | None,
    interviewers: tuple[str, ...],
    new_people: tuple[str, ...],
    notes: str | None,
    topics: tuple[str, ...],
    kind_text: str | None,
    cancelled: bool | None,
) -> None:
    """Change an interview; the version it replaces is kept."""
    app_id = service.show_interview(state.ctx, interview_id).application.id
    changes = InterviewChanges(
        on=UNSET if on is None else refs.day(on, "--on") or UNSET,
        at=UNSET if at is None else (parse_time(at) if at.strip() else None),
        format=UNSET if format_text is None else Format.parse(format_text),
        interviewer_ids=_people(state, app_id, interviewers) if interviewers else UNSET,
        new_interviewers=new_people or UNSET,
        notes=UNSET if notes is None else notes,
        status=UNSET
        if cancelled is None
        else (InterviewStatus.CANCELLED if cancelled else InterviewStatus.PLANNED),
        topics=_topics(state, app_id, topics) if topics else UNSET,
        kind=UNSET if kind_text is None else InterviewKind.parse(kind_text),
    )
    _report(state, service.edit_interview(state.ctx, interview_id, changes), "Updated")


@interview_group.command("rm")
@click.argument("interview_id", type=int)
@json_option
@pass_state
def rm(state: State, interview_id: int) -> None:
    """Move an interview to the trash (journal entries about it stay)."""
    output.deleted(state, service.delete_interview(state.ctx, interview_id))
