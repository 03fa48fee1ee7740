"""``nextround mail scan|review|confirm|dismiss|classify``: job mail from the user's mailbox."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from nextround.cli import output
from nextround.cli.mail_print import LIST_LIMIT, about, print_groups
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.mail import LABEL_NAMES
from nextround.domain.wording import percent, plural
from nextround.errors import InvalidInput
from nextround.services import mail as service
from nextround.services import mail_classify as classify_service
from nextround.services import mail_groups as groups
from nextround.services import mail_problems as problem_service
from nextround.services import mail_scope as scope

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
@click.option(
    "--since",
    "since_text",
    metavar="DATE|all",
    help="Skip mail sent before DATE (YYYY-MM-DD); 'all' reads everything. "
    "Default: a month before your earliest application.",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="Print only what needs attention (for scheduled scans)."
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
    since_text: str | None,
    quiet: bool,
    files: tuple[Path, ...],
) -> None:
    """File the job mail found into the review queue (see `nextround mail review`).

    FILES may be .eml files, mbox files or Maildir folders. Nothing is
    applied until you confirm it, unless auto-confirmation is set up.
    Newsletters and job alerts are folded away (`nextround mail review --folded`).
    """
    # Stored places are absolute: a scan from cron and one from a shell name the same file alike.
    paths = tuple(path.resolve() for path in (*mboxes, *maildirs, *files))
    if not (use_imap or paths):
        raise InvalidInput("say what to scan: --imap, --mbox PATH, --maildir PATH or .eml files")
    since = _since(state, since_text)
    # A scheduled scan says a problem once, not at every run until it is forgotten.
    known = problem_service.stored_sources(state.ctx) if quiet else set()
    with _progress_bar(show=not (state.as_json or quiet)) as progress:
        report = service.scan_sources(
            state.ctx, paths=paths, use_imap=use_imap, since=since, progress=progress
        )
    for problem in report.problems:
        if problem.source not in known:
            click.echo(output.safe(f"Problem: {problem.source}: {problem.message}"), err=True)
    if state.as_json:
        output.emit_json(report)
    elif quiet:
        _print_attention(report)
    else:
        _print_scan(report)
    if report.problems and report.read == 0:
        sys.exit(1)


def _since(state: State, text: str | None) -> date | None:
    if text is None:
        return scope.default_since(state.ctx)
    if text.strip().lower() == "all":
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"--since takes a date as YYYY-MM-DD, or 'all' to read every message (got {text!r})"
        ) from None
    if day > state.ctx.today:  # a typo (2062 for 2026) would read nothing, silently
        raise InvalidInput(
            f"--since {day.isoformat()} is after today ({state.ctx.today.isoformat()}), so "
            "nothing would be read; give a day in the past, or 'all'"
        )
    return day


@contextmanager
def _progress_bar(*, show: bool) -> Iterator[service.Progress | None]:
    """A Rich progress bar on a terminal (on stderr); nothing when piped, quiet or JSON."""
    if not (show and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("Scanning mail: {task.completed} messages read"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("scan", total=None)
        yield lambda read: bar.update(task, completed=read)


def _print_scan(report: service.ScanReport) -> None:
    folded = (
        f", {plural(report.folded, 'newsletter or job alert', 'newsletters and job alerts')} "
        "folded away"
        if report.folded
        else ""
    )
    problems = (
        f", {plural(len(report.problems), 'problem')} (`nextround mail review --problems`)"
        if report.problems
        else ""
    )
    click.echo(
        f"Read {plural(report.read, 'message')}: {report.to_review} to review"
        f"{f', {report.auto_confirmed} confirmed automatically' if report.auto_confirmed else ''}"
        f", {report.already_seen} seen before, {report.not_job_mail} not job mail{folded}"
        f"{problems}."
    )
    # IMAP leaves older mail on the server uncounted (its folders are listed as done).
    if report.since is not None and (report.skipped_old or report.folders_done):
        older = (
            f" ({plural(report.skipped_old, 'older message')} in files)"
            if report.skipped_old
            else ""
        )
        click.echo(
            f"Mail sent before {report.since.isoformat()} was left unread{older}; "
            "`--since all` reads everything."
        )
    if report.filed:
        click.echo()
        print_groups(groups.group(report.filed), limit=LIST_LIMIT)
        click.echo(
            "\nReview them with `nextround mail review`; confirm with `nextround mail confirm ID...`"
            " or dismiss with `nextround mail dismiss ID...`."
        )


def _print_attention(report: service.ScanReport) -> None:
    """``--quiet``: new rejections, and how many others wait; nothing when nothing is new."""
    rejections = [s for s in report.filed if s.label == "rejection"]
    for s in rejections:
        if s.status.value == "pending":
            how = (
                f"`nextround mail confirm {s.id}` runs your follow-up plan"
                if s.application_id is not None
                else f"`nextround mail confirm {s.id} --app ID` or `--new-application ROLE` "
                "ties it to an application and runs your follow-up plan"
            )
            click.echo(output.safe(f"New rejection: {about(s)}: {s.subject} ({how})"))
        else:
            click.echo(output.safe(f"Rejection confirmed automatically: {about(s)}: {s.subject}"))
    for s in report.filed:  # an invitation or an offer that moved an application by itself
        if s.label != "rejection" and s.status.value == "auto":
            name = LABEL_NAMES.get(s.label, s.label)
            click.echo(output.safe(f"{name} confirmed automatically: {about(s)}: {s.subject}"))
    others = [s for s in report.filed if s.status.value == "pending" and s not in rejections]
    if others:
        n = len(others)
        click.echo(f"{n} more message{'s' if n != 1 else ''} to review: `nextround mail review`.")


@mail_group.command("classify")
@click.argument("paths", nargs=-1, required=True, type=_PATHS)
@json_option
@pass_state
def classify(state: State, /, paths: tuple[Path, ...]) -> None:
    """Label each message of .eml files, mbox files and Maildir folders (no database).

    With --json, one JSON object per line: source, message_id, label,
    confidence, company, evidence.
    """
    failed = 0
    for item in classify_service.classify_paths(paths):
        if isinstance(item, classify_service.Classified):
            if state.as_json:
                click.echo(json.dumps(item.to_json(), ensure_ascii=False))
            else:
                click.echo(
                    output.safe(
                        f"{item.label:<21} {percent(item.confidence, 1):>3}%  "
                        f"{item.company or '-':<20} {item.source}"
                    )
                )
        else:
            failed += 1
            click.echo(output.safe(f"Problem: {item.source}: {item.message}"), err=True)
    if failed:
        sys.exit(1)


# Reviewing, confirming and dismissing add their commands to the group above.
from nextround.cli import mail_queue as _queue  # noqa: E402, F401
