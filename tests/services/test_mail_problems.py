"""One message never stops a scan: its problem is kept with its place and step, the
scan goes on, and a rescan files nothing twice."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.domain.mail import MailMessage
from nextround.errors import NotFound
from nextround.mail.sources import RawMail, SourceProblem
from nextround.services import mail, mail_problems, mail_review
from nextround.services.context import Context
from tests.mail import badmail, fuzzing
from tests.services.scenario import interviewed
from tests.services.test_mail import INVITE, REJECTION, letter, mbox

GOOD = letter(
    '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
    "Your application",
    REJECTION,
    message_id="reject-1@greenhouse-mail.io",
)
BOOM = letter(
    "Globex Recruiting <jobs@talent.globex.example>",
    "Boom",
    INVITE,
    message_id="boom@globex.example",
)


@pytest.fixture
def exploding_classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    """A classifier that fails, the way a library deep down fails, on one subject only."""
    real = mail.classify

    def classify(message: MailMessage) -> object:
        if message.subject == "Boom":
            raise RecursionError("maximum recursion depth exceeded")
        return real(message)

    monkeypatch.setattr(mail, "classify", classify)


def test_a_failure_at_any_step_is_that_messages_problem_and_the_scan_goes_on(
    ctx: Context, exploding_classifier: None
) -> None:
    interviewed(ctx)
    items = [RawMail("a.eml", BOOM), RawMail("b.eml", b"\x00\x01 not mail"), RawMail("c.eml", GOOD)]
    report = mail.scan(ctx, items)
    assert report.read == 3
    assert [s.message_id for s in report.filed] == ["reject-1@greenhouse-mail.io"]
    assert [(p.source, p.step) for p in report.problems] == [
        ("a.eml", "classify"),
        ("b.eml", "parse"),
    ]
    assert report.problems[0].message == (
        "nextround could not read this message (RecursionError: maximum recursion depth "
        "exceeded); skipped, please report it"
    )
    stored = mail_problems.problems(ctx)
    assert {(p.source, p.step, p.reason) for p in stored} == {
        (p.source, p.step, p.message) for p in report.problems
    }


def test_a_rescan_keeps_one_problem_per_message_and_files_nothing_twice(
    ctx: Context, exploding_classifier: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    interviewed(ctx)
    items = [RawMail("a.eml", BOOM), RawMail("c.eml", GOOD)]
    mail.scan(ctx, items)
    again = mail.scan(ctx, items)
    assert again.filed == [] and again.already_seen == 1
    assert [p.source for p in mail_problems.problems(ctx)] == ["a.eml"]
    # Fixed (a newer nextround): the next scan files it, and its problem goes.
    monkeypatch.undo()
    fixed = mail.scan(ctx, items)
    assert [s.message_id for s in fixed.filed] == ["boom@globex.example"]
    assert mail_problems.problems(ctx) == []


def test_a_reader_that_breaks_ends_its_source_not_the_scan(ctx: Context) -> None:
    def broken_reader() -> Iterator[RawMail]:
        yield RawMail("x.mbox#1", GOOD)
        raise OSError(5, "Input/output error")

    report = mail.scan(ctx, mail_problems.guarded(broken_reader(), "x.mbox"))
    assert len(report.filed) == 1
    [problem] = report.problems
    assert problem.source == "x.mbox" and problem.step == "read"
    assert problem.message.startswith("reading stopped: nextround could not read this message")


def test_bad_files_are_each_reported_and_everything_else_is_filed_once(
    ctx: Context, tmp_path: Path
) -> None:
    interviewed(ctx)
    # An mbox cut off in the middle of its last message.
    box = mbox(tmp_path / "in.mbox", GOOD, b"From: a@acme.example\nSubject: cut\n\nhalf a ")
    box.write_bytes(box.read_bytes().rstrip(b"\n"))
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "new" / "1700000001.M1P1.host").write_bytes(b"")  # 0 bytes
    os.mkfifo(maildir / "new" / "1700000002.M2P1.host")
    (maildir / "new" / "1700000003.M3P1.host").write_bytes(BOOM)
    emls = []
    for name, data in badmail.all_messages().items():
        emls.append(tmp_path / f"{name}.eml")
        emls[-1].write_bytes(data)
    paths = [box, maildir, *emls, tmp_path / "missing.mbox"]

    # An .eml file holding NUL bytes is refused as binary (over IMAP, it would be read).
    binary = {e.name for e in emls if b"\x00" in e.read_bytes()}
    assert "fuzz-nul-in-charset.eml.eml" in binary

    first = mail.scan_sources(ctx, paths=paths)
    assert first.read == 1 + 1 + len(emls) - len(binary)  # the cut-off message is not read
    bad = {(p.source.rsplit("/", 1)[-1], p.step) for p in first.problems}
    assert bad == {
        ("in.mbox#2", "read"),
        ("1700000001.M1P1.host", "read"),
        ("1700000002.M2P1.host", "read"),
        ("missing.mbox", "read"),
        *((name, "read") for name in binary),
    }
    filed = {s.subject for s in first.filed}
    assert {"Your application", "Boom"} <= filed
    assert len(mail_problems.problems(ctx)) == len(bad)

    again = mail.scan_sources(ctx, paths=paths)
    assert again.filed == []
    assert len(again.problems) == len(bad)
    assert len(mail_problems.problems(ctx)) == len(bad)


def test_problems_can_be_forgotten(ctx: Context) -> None:
    mail.scan(ctx, [SourceProblem("gone.mbox", "gone.mbox does not exist; check the path")])
    [problem] = mail_problems.problems(ctx)
    assert (problem.source, problem.step) == ("gone.mbox", "read")
    # They share the queue's table but are no suggestions: not listed, not decidable.
    assert mail_review.review(ctx, include_decided=True) == []
    with pytest.raises(NotFound):
        mail_review.dismiss(ctx, problem.id)
    assert mail_problems.forget(ctx) == 1
    assert mail_problems.problems(ctx) == []


def test_a_problem_quoting_control_characters_is_stored_without_them(ctx: Context) -> None:
    # An error's text may quote the message; PostgreSQL refuses NUL bytes.
    report = mail.scan(ctx, [SourceProblem("x.mbox", "bad\x00 header \x1b[2J here")])
    assert len(report.problems) == 1
    [problem] = mail_problems.problems(ctx)
    assert problem.reason == "bad header [2J here"


@settings(
    derandomize=True,
    max_examples=30,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(st.lists(fuzzing.mutated(), min_size=1, max_size=4))
def test_any_mail_is_filed_or_reported_and_a_rescan_files_nothing_twice(
    ctx: Context, messages: list[bytes]
) -> None:
    items = [RawMail(f"fuzz.eml#{n}", data) for n, data in enumerate(messages)]
    first = mail.scan(ctx, items, auto_confirm_above=0.5)
    accounted = len(first.filed) + first.already_seen + first.not_job_mail + len(first.problems)
    assert first.read == len(items) == accounted
    assert all(p.step == "parse" for p in first.problems)  # only "not an e-mail at all"
    again = mail.scan(ctx, items, auto_confirm_above=0.5)
    assert again.filed == [] and again.auto_confirmed == 0
