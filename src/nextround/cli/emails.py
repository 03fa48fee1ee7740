"""``nextround email draft|link|send``: a congratulations email task, ready to go."""

from __future__ import annotations

import sys

import click

from nextround.cli import files, output
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.services import emails as service


@click.group("email")
def email_group() -> None:
    """Congratulations emails: an .eml draft, a mailto: link, or sent by SMTP."""


@email_group.command("draft")
@click.argument("task_id", type=int)
@click.option(
    "-o",
    "--output",
    "path",
    required=True,
    metavar="FILE.eml",
    help="Where to write the draft ('-' for standard output).",
)
@json_option
@pass_state
def draft(state: State, task_id: int, path: str) -> None:
    """Write the email of task TASK_ID as an .eml draft to open in a mail client."""
    outgoing = service.draft(state.ctx, task_id)
    if path == "-":
        sys.stdout.buffer.write(outgoing.data)
        return
    target = files.write_atomically(path, outgoing.data)
    output.report(
        state,
        {"path": str(target), **outgoing.to_json()},
        f"Wrote {target}: the email to {outgoing.person.name} <{outgoing.person.email}>. "
        "Open it in your mail client to edit and send, then run "
        f"`nextround task done {task_id}`.",
    )


@email_group.command("link")
@click.argument("task_id", type=int)
@json_option
@pass_state
def link(state: State, task_id: int) -> None:
    """Print a mailto: link with the subject and body of task TASK_ID."""
    url = service.link(state.ctx, task_id)
    output.report(state, {"task_id": task_id, "url": url, "length": len(url)}, url)


@email_group.command("send")
@click.argument("task_id", type=int)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and change nothing.")
@click.option(
    "--resend",
    is_flag=True,
    help="Send again after an attempt that broke off and may not have arrived.",
)
@json_option
@pass_state
def send(state: State, task_id: int, dry_run: bool, resend: bool) -> None:
    """Send the email of task TASK_ID through your SMTP server, once.

    The server comes from NEXTROUND_SMTP_HOST, _PORT, _SECURITY, _USER, _FROM
    or the [smtp] config section; the password from NEXTROUND_SMTP_PASSWORD,
    NEXTROUND_SMTP_PASSWORD_FILE or the OS keyring (service nextround-smtp).
    """
    if dry_run:
        outgoing = service.preview(state.ctx, task_id, resend=resend)
        server = outgoing.server or "no SMTP server set up yet (NEXTROUND_SMTP_HOST)"
        output.report(
            state,
            {"dry_run": True, **outgoing.to_json()},
            f"Dry run: nothing sent, nothing recorded. Server: {server}\n",
            outgoing.text,
        )
        return
    sent = service.send(state.ctx, task_id, resend=resend)
    output.report(
        state,
        sent,
        f"Sent to {sent.person.name} <{sent.person.email}> via {sent.server} "
        f"(Message-ID {sent.message_id}).\nDone: #{sent.task.id} {sent.task.title}",
    )
