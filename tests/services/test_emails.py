"""Congratulations emails through the services, against a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import keyring
import pytest
from keyring.backends import null

from nextround.config import Settings, UserProfile
from nextround.domain.people import Relationship
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.errors import ConfigError, Conflict, InvalidInput
from nextround.mail.smtp import DeliveryUnknown, SendFailed, Server
from nextround.mail.smtp import send as smtp_send
from nextround.mailconfig import SmtpSettings
from nextround.services import applications, emails, history, people, tasks
from nextround.services.context import Context
from nextround.storage import people as people_rows
from tests.conftest import TODAY
from tests.mail import Cert, Inbox, Running, free_port, make_cert, smtp_server
from tests.services.scenario import interviewed

PASSWORD = "app-password-123"


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def running(inbox: Inbox) -> Iterator[Running]:
    with smtp_server(inbox) as server:
        yield server


@pytest.fixture
def settings(settings: Settings, running: Running) -> Settings:
    """The shared settings, with a user and a plain SMTP server on loopback."""
    return replace(
        settings,
        user=UserProfile(name="Sam Doe", email="sam@home.example"),
        smtp=running.settings(),
    )


@pytest.fixture(autouse=True)
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def task(ctx: Context) -> Task:
    """Dana's congratulations email, planned by a rejection."""
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, date(2026, 11, 20))
    [found] = [t for t in plan.tasks if t.kind is Kind.CONGRATS_EMAIL]
    return found


def relationship(ctx: Context, task: Task) -> Relationship:
    assert task.person_id is not None
    return people.show_person(ctx, task.person_id).relationship


def state(ctx: Context, task: Task) -> tuple[Task, Relationship]:
    return tasks.show_task(ctx, task.id), relationship(ctx, task)


def test_sending_delivers_once_and_moves_the_step_on(
    ctx: Context, task: Task, inbox: Inbox
) -> None:
    sent = emails.send(ctx, task.id)
    [got] = inbox.messages
    assert (got.mail_from, got.rcpt_tos) == ("sam@home.example", ["dana@acme.example"])
    message = got.message
    assert message["From"] == "Sam Doe <sam@home.example>"
    assert message["To"] == "Dana Smith <dana@acme.example>"
    assert message["Subject"] == task.draft_subject
    assert message["Message-ID"] == sent.message_id
    assert message["Message-ID"].endswith("@home.example>")
    assert "X-Unsent" not in message
    assert message.get_content() == f"{task.draft}\n"
    done, rel = state(ctx, task)
    assert (done.status, done.done_on) == (TaskStatus.DONE, TODAY)
    assert rel.congrats_message_id == sent.message_id
    assert rel.congratulated_on == rel.asked_to_connect_on == TODAY
    assert sent.to_json() == {
        "task": done.to_json(),
        "person": "Dana Smith",
        "to": "dana@acme.example",
        "message_id": sent.message_id,
        "server": sent.server,
        "sent_on": "2026-11-25",
    }

    with pytest.raises(Conflict, match="already sent on 2026-11-25"):
        emails.send(ctx, task.id)
    with pytest.raises(Conflict, match="already sent on 2026-11-25"):
        emails.preview(ctx, task.id)
    assert len(inbox.messages) == 1


def test_a_refused_recipient_changes_nothing_and_a_later_try_sends(
    ctx: Context, task: Task, inbox: Inbox
) -> None:
    before = state(ctx, task)
    inbox.refuse.add("dana@acme.example")
    with pytest.raises(SendFailed, match=r"refused the recipient.*Nothing was sent; task"):
        emails.send(ctx, task.id)
    assert state(ctx, task) == before
    inbox.refuse.clear()
    emails.send(ctx, task.id)
    assert len(inbox.messages) == 1


def test_a_server_that_is_down_changes_nothing(ctx: Context, task: Task) -> None:
    before = state(ctx, task)
    ctx.settings = replace(ctx.settings, smtp=replace(ctx.settings.smtp, port=free_port()))
    with pytest.raises(SendFailed, match="connection refused") as failed:
        emails.send(ctx, task.id)
    assert type(failed.value) is SendFailed
    assert state(ctx, task) == before


def test_a_broken_connection_is_never_resent_without_being_asked(
    ctx: Context, task: Task, inbox: Inbox
) -> None:
    inbox.drop_after_data = True
    with pytest.raises(DeliveryUnknown, match=f"email send {task.id} --resend"):
        emails.send(ctx, task.id)
    [first] = inbox.messages
    open_task, rel = state(ctx, task)
    assert open_task.status is TaskStatus.OPEN
    assert rel.congrats_message_id == first.message["Message-ID"]
    assert rel.congratulated_on is None

    inbox.drop_after_data = False
    for attempt in (emails.send, emails.preview):
        with pytest.raises(Conflict, match=r"earlier attempt .* did not finish.*--resend"):
            attempt(ctx, task.id)
    assert len(inbox.messages) == 1

    sent = emails.send(ctx, task.id, resend=True)
    assert [m.message["Message-ID"] for m in inbox.messages] == [sent.message_id] * 2
    assert state(ctx, task)[0].status is TaskStatus.DONE


def test_the_claim_is_committed_before_connecting(ctx: Context, task: Task, inbox: Inbox) -> None:
    seen: list[str] = []

    def meanwhile(message: EmailMessage, server: Server) -> None:
        with pytest.raises(Conflict, match="did not finish") as second:
            emails.send(ctx, task.id)  # a second run while the first one is sending
        seen.append(second.value.message)
        smtp_send(message, server)

    emails.send(ctx, task.id, transport=meanwhile)
    assert len(seen) == 1
    assert len(inbox.messages) == 1


def test_a_run_that_dies_while_sending_keeps_the_claim(ctx: Context, task: Task) -> None:
    def dies(message: EmailMessage, server: Server) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        emails.send(ctx, task.id, transport=dies)
    with pytest.raises(Conflict, match="may have arrived"):
        emails.send(ctx, task.id)
    tasks.mark_done(ctx, task.id)  # the user found it in their Sent folder
    with pytest.raises(Conflict, match="already sent on"):
        emails.send(ctx, task.id, resend=True)


def test_a_dry_run_sends_and_writes_nothing(ctx: Context, task: Task, inbox: Inbox) -> None:
    before = state(ctx, task)
    outgoing = emails.preview(ctx, task.id)
    assert "To: Dana Smith <dana@acme.example>" in outgoing.text
    assert f"Subject: {task.draft_subject}" in outgoing.text
    assert outgoing.text.endswith(str(task.draft))
    assert outgoing.server is not None and outgoing.server.endswith("(none, no login)")
    assert inbox.messages == []
    assert state(ctx, task) == before


def test_only_congratulations_tasks_can_be_emailed(ctx: Context, task: Task) -> None:
    card = next(t for t in tasks.list_tasks(ctx) if t.kind is Kind.THANK_YOU_CARD)
    for use in (emails.send, emails.draft, emails.link, emails.preview):
        with pytest.raises(InvalidInput, match="only congrats_email tasks can be emailed"):
            use(ctx, card.id)


def test_a_person_who_lost_their_email_is_refused(ctx: Context, task: Task, inbox: Inbox) -> None:
    assert task.person_id is not None
    with ctx.db.transaction() as c:
        people_rows.update(c, ctx.owner, task.person_id, {"email": None})
    before = state(ctx, task)
    for use in (emails.send, emails.draft, emails.link):
        with pytest.raises(InvalidInput, match="Dana Smith has no email address"):
            use(ctx, task.id)
    assert inbox.messages == []
    assert state(ctx, task) == before


def test_a_skipped_task_is_not_sent(ctx: Context, task: Task, inbox: Inbox) -> None:
    tasks.skip(ctx, task.id)
    with pytest.raises(Conflict, match="is already skipped on 2026-11-25; nothing was sent"):
        emails.send(ctx, task.id)
    assert inbox.messages == []


def test_a_login_without_any_password_stops_before_anything_is_written(
    ctx: Context, task: Task
) -> None:
    before = state(ctx, task)
    ctx.settings = replace(ctx.settings, smtp=replace(ctx.settings.smtp, user="sam"))
    with pytest.raises(ConfigError, match="needs a password"):
        emails.send(ctx, task.id)
    assert state(ctx, task) == before


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    return make_cert(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def secure(ctx: Context, cert: Cert, monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """STARTTLS with a login; the password in a file, the certificate trusted by file."""
    monkeypatch.setenv("NEXTROUND_SMTP_CA_FILE", str(cert.cert_file))
    with smtp_server(cert=cert, users={"sam": PASSWORD}, only_login=True) as server:
        smtp = SmtpSettings(host="127.0.0.1", port=server.port, security="starttls", user="sam")
        ctx.settings = replace(ctx.settings, smtp=smtp)
        yield server.inbox


def use_password(ctx: Context, folder: Path, password: str) -> None:
    file = folder / "smtp-password"
    file.write_text(password + "\n")
    ctx.settings = replace(ctx.settings, smtp=replace(ctx.settings.smtp, password_file=file))


def test_starttls_and_a_login_with_a_password_file(
    ctx: Context, task: Task, secure: Inbox, tmp_path: Path
) -> None:
    use_password(ctx, tmp_path, PASSWORD)
    emails.send(ctx, task.id)
    assert [m.authenticated for m in secure.messages] == [True]


def test_a_refused_login_never_shows_the_password(
    ctx: Context, task: Task, secure: Inbox, tmp_path: Path
) -> None:
    use_password(ctx, tmp_path, "wrong-" + PASSWORD)
    before = state(ctx, task)
    with pytest.raises(SendFailed, match="refused the login for sam") as failed:
        emails.send(ctx, task.id)
    assert PASSWORD not in failed.value.message
    assert state(ctx, task) == before
    assert secure.messages == []


def test_a_draft_and_a_link_change_nothing(ctx: Context, task: Task) -> None:
    before = state(ctx, task)
    draft = emails.draft(ctx, task.id)
    assert draft.message["X-Unsent"] == "1"
    assert draft.message["Date"] == "Wed, 25 Nov 2026 09:00:00 +0000"
    assert emails.draft(ctx, task.id).data == draft.data
    assert emails.link(ctx, task.id).startswith("mailto:dana@acme.example?subject=")
    assert state(ctx, task) == before


def test_undoing_a_sent_email_says_it_stays_sent_and_never_resends_silently(
    ctx: Context, task: Task, inbox: Inbox
) -> None:
    sent = emails.send(ctx, task.id)
    undone = history.undo(ctx)
    assert undone.change.label == "Sent the congratulations email to Dana Smith"
    assert undone.message == (
        "Undone: Sent the congratulations email to Dana Smith. "
        "The email itself was sent to Dana Smith; it can't be called back."
    )
    reopened, rel = state(ctx, task)
    assert (reopened.status, rel.congratulated_on) == (TaskStatus.OPEN, None)
    assert rel.congrats_message_id == sent.message_id  # the attempt is still known
    with pytest.raises(Conflict, match=r"did not finish.*--resend"):
        emails.send(ctx, task.id)
    assert len(inbox.messages) == 1
