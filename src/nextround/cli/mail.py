"""``nextround mail scan|review|confirm|dismiss|classify``: job mail from the user's mailbox."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from nextround.cli import output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.people import ConnectAnswer
from nextround.domain.suggestions import Suggestion, SuggestionKind
from nextround.errors import InvalidInput
from nextround.services import mail as service
from nextround.services import mail_classify as classify_service
from nextround.services import mail_problems as problem_service
from nextround.services import mail_review as review_service

_PATHS = click.Path(path_type=Path)


@click.group("mail")
def mail_group() -> None:
    """Find rejections, invitations and replies in your mailbox (read-only)."""


@mail_group.command("scan")
@click.option("--imap", "use_imap", is_flag=True, help="Read the IMAP account set up in config.")
@click.option("--mbox", "mboxes", multiple=True, type=_PATHS, metavar="PATH", help="An mbox file.")
@click.option(
    "--maildir", "maildirs", multiple=True, type=_PATHS, metavar="PATH", help="A Maildir folder."
)
@click.argument("files", nargs=-1, type=_PATHS)
@json_option
@pass_state
def scan(
    state: State,
    /,
    use_imap: bool,
    mboxes: tuple[Path, ...],
    maildirs: tuple[Path, ...],
    files: tuple[Path, ...],
) -> None:
    """File the job mail found into the review queue (see `nextround mail review`).

    FILES may be .eml files, mbox files or Maildir folders. Nothing is
    applied until you confirm it, unless auto-confirmation is set up.
    """
    paths = (*mboxes, *maildirs, *files)
    if not (use_imap or paths):
        raise InvalidInput("say what to scan: --imap, --mbox PATH, --maildir PATH or .eml files")
    report = service.scan_sources(state.ctx, paths=paths, use_imap=use_imap)
    for problem in report.problems:
        click.echo(output.safe(f"Problem: {problem.source}: {problem.message}"), err=True)
    if state.as_json:
        output.emit_json(report)
    else:
        _print_scan(report)
    if report.problems and report.read == 0:
        sys.exit(1)


def _print_scan(report: service.ScanReport) -> None:
    click.echo(
        f"Read {report.read} messages: {len(report.filed)} to review"
        f"{f', {report.auto_confirmed} confirmed automatically' if report.auto_confirmed else ''}"
        f", {report.already_seen} seen before, {report.not_job_mail} not job mail"
        f"{f', {len(report.problems)} problems (`nextround mail review --problems`)' if report.problems else ''}."
    )
    if report.filed:
        click.echo()
        _print_suggestions(report.filed)
        click.echo("\nConfirm with `nextround mail confirm ID`, or `nextround mail dismiss ID`.")


@mail_group.command("review")
@click.option(
    "--all", "include_decided", is_flag=True, help="Include confirmed and dismissed ones."
)
@click.option(
    "--problems", "show_problems", is_flag=True, help="The messages scans could not read."
)
@click.option(
    "--forget", is_flag=True, help="With --problems: drop the stored problems after listing them."
)
@json_option
@pass_state
def review(state: State, /, include_decided: bool, show_problems: bool, forget: bool) -> None:
    """What the mailbox scans found, waiting for you to confirm or dismiss."""
    if forget and not show_problems:
        raise InvalidInput("--forget goes with --problems")
    if show_problems:
        _review_problems(state, forget=forget)
        return
    found = review_service.review(state.ctx, include_decided=include_decided)
    if state.as_json:
        output.emit_json(found)
    elif not found:
        click.echo("Nothing to review. Scan with `nextround mail scan`.")
    else:
        _print_suggestions(found)


def _review_problems(state: State, *, forget: bool) -> None:
    found = problem_service.problems(state.ctx)
    if forget:
        problem_service.forget(state.ctx)
    if state.as_json:
        output.emit_json(found)
        return
    if not found:
        click.echo("No problems: every message the scans met was read.")
        return
    for p in found:
        seen = p.seen_at.date().isoformat() if p.seen_at else "?"
        click.echo(output.safe(f"  #{p.id:<5} {p.step:<9} {seen}  {p.source}"))
        if p.subject:
            click.echo(output.safe(f"         {p.subject}"))
        click.echo(output.safe(f"         {p.reason}"))
    if forget:
        click.echo(f"Forgot {len(found)} problems.")
    else:
        click.echo("\nThe next scan reads these again; `--problems --forget` drops the list.")


def _print_suggestions(found: list[Suggestion]) -> None:
    for s in found:
        what = f"reply: {s.answer or 'unclear'}" if s.kind is SuggestionKind.REPLY else s.label
        about = s.person if s.kind is SuggestionKind.REPLY else _about(s)
        status = "" if s.status.value == "pending" else f"  ({s.status.value})"
        click.echo(output.safe(f"  #{s.id:<5} {what:<22} {s.confidence:4.0%}  {about}{status}"))
        click.echo(output.safe(f"         {s.sender_name or s.sender}: {s.subject}"))
        if s.evidence:
            click.echo(output.safe(f"         why: {'; '.join(s.evidence[:4])}"))


def _about(s: Suggestion) -> str:
    if s.application_id is not None:
        return f"{s.company}, {s.role} (app #{s.application_id})"
    if s.company:
        return f"{s.company} (no application matched)"
    guess = next((e for e in s.evidence if e.startswith("new application?")), None)
    return guess or "no company matched"


@mail_group.command("confirm")
@click.argument("suggestion_id", type=int)
@click.option("--app", "application_id", type=int, help="The application it is about.")
@click.option("--new-application", "new_role", metavar="ROLE", help="Add it as a new application.")
@click.option("--yes", "yes", is_flag=True, help="For a reply: they said yes to connecting.")
@click.option("--no", "no", is_flag=True, help="For a reply: they said no.")
@json_option
@pass_state
def confirm(
    state: State,
    /,
    suggestion_id: int,
    application_id: int | None,
    new_role: str | None,
    yes: bool,
    no: bool,
) -> None:
    """Apply one suggestion: a rejection runs the playbook as `nextround reject` does."""
    if yes and no:
        raise InvalidInput("give --yes or --no, not both")
    answer = ConnectAnswer.YES if yes else ConnectAnswer.NO if no else None
    done = review_service.confirm(
        state.ctx, suggestion_id, application_id=application_id, answer=answer, new_role=new_role
    )
    if state.as_json:
        output.emit_json(done)
    elif done.kind is SuggestionKind.REPLY:
        click.echo(output.safe(f"Recorded {done.person}'s answer: {done.answer}."))
    else:
        click.echo(
            output.safe(f"Confirmed #{done.id} ({done.label}) for {done.company}, {done.role}.")
        )
        if done.label == "rejection":
            click.echo(f"Your follow-up plan is ready: `nextround app show {done.application_id}`.")


@mail_group.command("dismiss")
@click.argument("suggestion_id", type=int)
@pass_state
def dismiss(state: State, /, suggestion_id: int) -> None:
    """Drop one suggestion from the queue; it won't be filed again."""
    review_service.dismiss(state.ctx, suggestion_id)
    click.echo(f"Dismissed #{suggestion_id}.")


@mail_group.command("classify")
@click.argument("paths", nargs=-1, required=True, type=_PATHS)
@json_option
@pass_state
def classify(state: State, /, paths: tuple[Path, ...]) -> None:
    """Label each message of .eml files, mbox files and Maildir folders (no database).

    With --json, one JSON object per line: source, message_id, label,
    confidence, company.
    """
    failed = 0
    for item in classify_service.classify_paths(paths):
        if isinstance(item, classify_service.Classified):
            if state.as_json:
                click.echo(json.dumps(item.to_json(), ensure_ascii=False))
            else:
                click.echo(
                    output.safe(
                        f"{item.label:<21} {item.confidence:4.0%}  "
                        f"{item.company or '-':<20} {item.source}"
                    )
                )
        else:
            failed += 1
            click.echo(output.safe(f"Problem: {item.source}: {item.message}"), err=True)
    if failed:
        sys.exit(1)
