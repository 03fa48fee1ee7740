"""Congratulations emails: an ``.eml`` draft, a ``mailto:`` link, or sent by SMTP.

Sending never happens twice. The person's relationship record holds the
``Message-ID`` of their congratulations email, and :func:`send` moves it
through three states, each committed before the next step:

1. Claimed: before connecting, the new ``Message-ID`` is recorded while the
   relationship is still "not congratulated". The claim is taken under a
   write lock, so two runs can't both find the person not yet emailed.
2. Sent: when the server has taken the message, one transaction marks the
   task done and the person congratulated and asked to connect (today).
3. Released: when the server certainly did not take the message (it could
   not be reached, refused the login, the sender, the recipient or the
   message), the claim is withdrawn and the task stays open.

If the connection broke while the server was taking the message, or the
process died, the claim stays: the message may have arrived, so later runs
refuse until the user checks and either marks the task done or passes
``--resend``, which sends again under the same ``Message-ID`` (so mail
systems that dedupe by it can drop a copy). Once sent, sending again is
refused with the day it was sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.message import EmailMessage
from email.utils import parseaddr

from nextround.domain.people import Person, Relationship
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.errors import Conflict, InvalidInput, NextroundError, StorageError
from nextround.mail import smtp
from nextround.renderers import emails as render
from nextround.services import drafts, user_secrets, user_settings
from nextround.services import settings as settings_service
from nextround.services import tasks as task_service
from nextround.services.context import Context
from nextround.storage import people, tasks
from nextround.storage.sql import Connection

#: Sends one message; :func:`nextround.mail.smtp.send` unless a test injects another.
Transport = Callable[[EmailMessage, smtp.Server], None]

#: The time of day written into drafts, so that a draft for a given day is reproducible.
DRAFT_TIME = time(9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Outgoing:
    """A message built for a task: a draft, or one about to be sent."""

    task: Task
    person: Person
    message: EmailMessage
    message_id: str
    server: str | None = None

    @property
    def data(self) -> bytes:
        return render.message_bytes(self.message)

    @property
    def text(self) -> str:
        return render.as_text(self.message)

    def to_json(self) -> dict[str, object]:
        return {
            "task_id": self.task.id,
            "person": self.person.name,
            "to": self.person.email,
            "message_id": self.message_id,
            "server": self.server,
            "message": self.text,
        }


@dataclass(frozen=True)
class Sent:
    """A congratulations email the server has taken, and the task it finished."""

    task: Task
    person: Person
    message_id: str
    server: str
    sent_on: date

    def to_json(self) -> dict[str, object]:
        return {
            "task": self.task.to_json(),
            "person": self.person.name,
            "to": self.person.email,
            "message_id": self.message_id,
            "server": self.server,
            "sent_on": self.sent_on.isoformat(),
        }


@dataclass(frozen=True)
class _Emailable:
    task: Task
    person: Person
    email: str
    subject: str
    body: str
    relationship: Relationship


def draft(ctx: Context, task_id: int) -> Outgoing:
    """The task's email as a draft (``X-Unsent: 1``); nothing is written."""
    with ctx.db.read() as c:
        item = _emailable(c, ctx, task_id)
    message_id = _new_message_id(ctx, item, "draft")
    when = datetime.combine(ctx.today, DRAFT_TIME)
    return _outgoing(ctx, item, message_id, when, draft=True)


def link(ctx: Context, task_id: int) -> str:
    """A ``mailto:`` link carrying the task's subject and body."""
    with ctx.db.read() as c:
        item = _emailable(c, ctx, task_id)
    return render.mailto(item.email, item.subject, item.body)


def preview(ctx: Context, task_id: int, *, resend: bool = False) -> Outgoing:
    """What :func:`send` would send, after the same checks; nothing is sent or written."""
    settings_service.name_needed(ctx.settings, "sending an email")
    with ctx.db.read() as c:
        item = _emailable(c, ctx, task_id)
        _check_sendable(item, resend=resend)
    message_id = _message_id_to_send(ctx, item, resend=resend)
    return _outgoing(ctx, item, message_id, _send_time(ctx), draft=False)


def send(
    ctx: Context, task_id: int, *, resend: bool = False, transport: Transport | None = None
) -> Sent:
    """Send the task's email once, then mark the task done (see the module docstring)."""
    checked = preview(ctx, task_id, resend=resend)  # every check, before anything is written
    server = smtp.server_for(*user_secrets.mail_server(ctx))  # a hosted user's own
    outgoing, previous = _claim(ctx, task_id, checked.person.id, resend=resend)
    try:
        (transport or smtp.send)(outgoing.message, server)
    except smtp.DeliveryUnknown as exc:
        raise smtp.DeliveryUnknown(_then(exc.message, _may_have_arrived(outgoing))) from None
    except NextroundError as exc:
        note = _release(ctx, outgoing, previous)
        raise type(exc)(_then(exc.message, note)) from None
    return _record(ctx, outgoing, server)


def _then(message: str, more: str) -> str:
    """Two sentences, the first closed with a full stop unless it has its own."""
    return f"{message} {more}" if message.endswith((".", "?", "!")) else f"{message}. {more}"


def _emailable(c: Connection, ctx: Context, task_id: int) -> _Emailable:
    [task] = drafts.current(c, ctx, [task_service.get(c, ctx, task_id)])
    if task.kind is not Kind.CONGRATS_EMAIL:
        raise InvalidInput(
            f"task {task.id} is a {task.kind.value} task; only congrats_email tasks can be emailed"
        )
    person = people.get(c, ctx.owner, task.person_id) if task.person_id is not None else None
    if person is None:
        raise InvalidInput(f"task {task.id} has no person to email")
    if not person.email:
        raise InvalidInput(
            f"{person.name} has no email address, so task {task.id} can't be emailed; add one "
            f"with `nextround person edit {person.id} --email ADDRESS`"
        )
    if not task.draft or not task.draft_subject:
        missing = "subject" if task.draft else "draft"
        raise InvalidInput(
            f"task {task.id} has no {missing}; write one with `nextround task edit {task.id}`"
        )
    relationship = people.relationships_of(c, ctx.owner, [person.id]).get(
        person.id, Relationship(person.id)
    )
    return _Emailable(task, person, person.email, task.draft_subject, task.draft, relationship)


def _check_sendable(item: _Emailable, *, resend: bool) -> None:
    task, name, rel = item.task, item.person.name, item.relationship
    if rel.congratulated_on is not None:
        if rel.congrats_message_id:
            raise Conflict(
                f"the congratulations email to {name} was already sent on "
                f"{rel.congratulated_on} (Message-ID {rel.congrats_message_id}); "
                "nextround sends it only once"
            )
        raise Conflict(
            f"{name} was already congratulated on {rel.congratulated_on}; "
            "nextround emails each person only once"
        )
    if not task.status.is_pending:
        on = f" on {task.done_on}" if task.done_on else ""
        raise Conflict(f"task {task.id} is already {task.status.value}{on}; nothing was sent")
    if rel.congrats_message_id and not resend:
        raise Conflict(
            f"an earlier attempt to email {name} did not finish (Message-ID "
            f"{rel.congrats_message_id}), so the email may have arrived. "
            f"{_may_have_arrived_hint(task.id)}"
        )


def _may_have_arrived(outgoing: Outgoing) -> str:
    return (
        f"The email may have reached {outgoing.person.name}, so nextround won't send it again "
        f"by itself. {_may_have_arrived_hint(outgoing.task.id)}"
    )


def _may_have_arrived_hint(task_id: int) -> str:
    return (
        "Check your Sent folder (or your server's log), then run "
        f"`nextround task done {task_id}` if it arrived, or "
        f"`nextround email send {task_id} --resend` to send it again"
    )


def _claim(
    ctx: Context, task_id: int, person_id: int, *, resend: bool
) -> tuple[Outgoing, str | None]:
    """Record the Message-ID before connecting; return the message and the id it replaced."""
    with ctx.db.transaction() as c:
        _lock(c, ctx, person_id)
        item = _emailable(c, ctx, task_id)  # read again, under the lock
        if item.person.id != person_id:
            raise Conflict(f"task {task_id} changed meanwhile; try again")
        _check_sendable(item, resend=resend)
        message_id = _message_id_to_send(ctx, item, resend=resend)
        people.update_relationship(c, ctx.owner, person_id, {"congrats_message_id": message_id})
    outgoing = _outgoing(ctx, item, message_id, _send_time(ctx), draft=False)
    return outgoing, item.relationship.congrats_message_id


def _lock(c: Connection, ctx: Context, person_id: int) -> None:
    # A write that changes nothing, made first: it takes the row lock (PostgreSQL)
    # or the database's write lock (SQLite) before anything is read, so that two
    # runs at once can't both find the person not yet emailed.
    people.update_relationship(c, ctx.owner, person_id, {})


def _release(ctx: Context, outgoing: Outgoing, previous: str | None) -> str:
    """Withdraw the claim after a failure that certainly sent nothing."""
    task_id, person_id = outgoing.task.id, outgoing.person.id
    try:
        with ctx.db.transaction() as c:
            _lock(c, ctx, person_id)
            rel = people.relationships_of(c, ctx.owner, [person_id])[person_id]
            if rel.congrats_message_id == outgoing.message_id and rel.congratulated_on is None:
                people.update_relationship(
                    c, ctx.owner, person_id, {"congrats_message_id": previous}
                )
    except NextroundError:
        return (
            f"Nothing was sent, but nextround could not clear its note of the attempt; "
            f"run `nextround email send {task_id} --resend` to try again"
        )
    return f"Nothing was sent; task {task_id} stays open"


def _record(ctx: Context, outgoing: Outgoing, server: smtp.Server) -> Sent:
    """One transaction: the Message-ID, the task done, the person congratulated and asked."""
    task, person, today = outgoing.task, outgoing.person, ctx.today
    try:
        with ctx.change(
            f"Sent the congratulations email to {person.name}",
            note=f"The email itself was sent to {person.name}; it can't be called back.",
        ) as c:
            tasks.set_status(c, ctx.owner, [task.id], TaskStatus.DONE, today)
            people.update_relationship(
                c,
                ctx.owner,
                person.id,
                {
                    "congrats_message_id": outgoing.message_id,
                    "congratulated_on": today,
                    "asked_to_connect_on": today,
                },
            )
            done = task_service.current(c, ctx, task.id)
    except NextroundError as exc:
        raise StorageError(
            f"the email to {person.name} was sent (Message-ID {outgoing.message_id}), but "
            f"recording it failed: {exc.message}. Run `nextround task done {task.id}`; "
            "nextround won't send it again"
        ) from None
    return Sent(done, person, outgoing.message_id, server.describe(), today)


def _outgoing(
    ctx: Context, item: _Emailable, message_id: str, when: datetime, *, draft: bool
) -> Outgoing:
    sender_name, sender_email = _sender(ctx, required=not draft)
    letter = render.Letter(
        sender_name=sender_name,
        sender_email=sender_email,
        recipient_name=item.person.name,
        recipient_email=item.email,
        subject=item.subject,
        body=item.body,
        message_id=message_id,
        date=when,
    )
    server = None if draft else _server_description(ctx)
    return Outgoing(
        item.task, item.person, render.build_message(letter, draft=draft), message_id, server
    )


def _sender(ctx: Context, *, required: bool) -> tuple[str, str | None]:
    """(name, address) from smtp.from (a bare address or "Name <address>") or the user."""
    settings, sender = ctx.settings, user_settings.own_smtp(ctx).sender
    name, address = parseaddr(sender) if sender else ("", "")
    if sender and "@" not in address:
        raise InvalidInput(
            f"smtp.from {sender!r} is not an email address; use one like "
            "you@example.com or 'Your Name <you@example.com>'"
        )
    address = address or settings.user.email.strip()
    if required and not address:
        raise InvalidInput(
            "no sender address: set NEXTROUND_SMTP_FROM, smtp.from or user.email in the config file"
        )
    return (name or settings.user.name), (address or None)


def _server_description(ctx: Context) -> str | None:
    s = user_settings.own_smtp(ctx)
    if not s.configured:
        return None
    return smtp.Server(s.host, s.effective_port, s.security, s.user).describe()


def _message_id_to_send(ctx: Context, item: _Emailable, *, resend: bool) -> str:
    recorded = item.relationship.congrats_message_id
    return recorded if resend and recorded else _new_message_id(ctx, item, "send")


def _new_message_id(ctx: Context, item: _Emailable, purpose: str) -> str:
    _, sender = _sender(ctx, required=False)
    parts = (purpose, ctx.owner, item.task.id, item.person.id, item.email, sender, ctx.today)
    return render.message_id(*parts, domain=render.domain_of(sender))


def _send_time(ctx: Context) -> datetime:
    """Now, on the real today; a fixed time on a pretend one (``--today``)."""
    if ctx.today == date.today():  # noqa: DTZ011 - the user's own calendar day
        return datetime.now().astimezone()
    return datetime.combine(ctx.today, DRAFT_TIME)
