"""Scanning mail into the review queue, and confirming what it found, on a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from nextround.domain.applications import Status
from nextround.domain.people import ConnectAnswer
from nextround.domain.suggestions import SuggestionKind, SuggestionStatus
from nextround.domain.tasks import Kind
from nextround.errors import Conflict, InvalidInput
from nextround.mail.mailboxes import read_paths
from nextround.services import applications, history, mail, mail_classify, mail_review, people
from nextround.services.context import Context
from nextround.storage import people as people_rows
from tests.services.scenario import Scenario, interviewed

REJECTION = (
    "Dear Sam,\n\nThank you for interviewing for the Backend Engineer position at Acme Robotics. "
    "After careful consideration, we have decided not to move forward with your application. "
    "We appreciate your time and wish you the best in your search.\n\nThe Acme Robotics Talent Team"
)
INVITE = (
    "Hi Sam,\n\nThanks for applying to Globex. We'd like to invite you to a first interview "
    "for the Data Analyst role. Please choose a time for a 30-minute video call using the "
    "scheduling link below.\n\nBest,\nGlobex Recruiting"
)
NEWSLETTER = (
    "This week in product: three new features and a customer story. Unsubscribe at any time."
)


def letter(
    sender: str,
    subject: str,
    body: str,
    *,
    message_id: str,
    in_reply_to: str | None = None,
    when: datetime = datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "sam@example.org"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    msg.set_content(body)
    return msg.as_bytes()


def mbox(path: Path, *messages: bytes) -> Path:
    with path.open("wb") as out:
        for data in messages:
            out.write(b"From sender@example.org Fri Nov 20 09:30:00 2026\n")
            out.write(data.replace(b"\r\n", b"\n"))
            out.write(b"\n")
    return path


@pytest.fixture
def scenario(ctx: Context) -> Scenario:
    return interviewed(ctx)


def job_mail() -> tuple[bytes, ...]:
    """A rejection for Acme's application, a newsletter, an invitation from Globex (untracked)."""
    return (
        letter(
            '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
            "Your application",
            REJECTION,
            message_id="reject-1@greenhouse-mail.io",
        ),
        letter("news@shop.example", "Weekly digest", NEWSLETTER, message_id="news-1@shop.example"),
        letter(
            "Globex Recruiting <jobs@talent.globex.example>",
            "Interview invitation",
            INVITE,
            message_id="invite-1@globex.example",
        ),
    )


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return mbox(tmp_path / "inbox.mbox", *job_mail())


def test_a_scan_files_job_mail_against_the_right_application(
    ctx: Context, scenario: Scenario, inbox: Path
) -> None:
    report = mail.scan_sources(ctx, paths=[inbox])
    assert (report.read, report.not_job_mail, report.problems) == (3, 1, [])
    by_label = {s.label: s for s in report.filed}
    rejection = by_label["rejection"]
    assert rejection.application_id == scenario.app_id
    assert rejection.company == "Acme Robotics"
    assert rejection.status is SuggestionStatus.PENDING
    assert any("Acme Robotics" in e for e in rejection.evidence)
    invite = by_label["interview_invite"]
    assert invite.company_id is None  # Globex isn't tracked yet: "new application?"
    assert any(e.startswith("new application? from Globex") for e in invite.evidence)
    # Nothing is applied before the user confirms.
    assert applications.show_application(ctx, scenario.app_id).application.status is Status.APPLIED


def test_a_second_scan_files_nothing_twice(ctx: Context, scenario: Scenario, inbox: Path) -> None:
    first = mail.scan_sources(ctx, paths=[inbox])
    again = mail.scan_sources(ctx, paths=[inbox, inbox])
    assert len(first.filed) == 2
    assert again.filed == []
    # Job mail is known from the first scan; the newsletter, read twice here, once.
    assert (again.already_seen, again.not_job_mail) == (5, 1)
    assert len(mail_review.review(ctx)) == 2


def test_confirming_a_rejection_runs_the_playbook_as_reject_does(
    ctx: Context, scenario: Scenario, inbox: Path
) -> None:
    found = {s.label: s for s in mail.scan_sources(ctx, paths=[inbox]).filed}
    done = mail_review.confirm(ctx, found["rejection"].id)
    assert done.status is SuggestionStatus.CONFIRMED
    view = applications.show_application(ctx, scenario.app_id)
    assert view.application.status is Status.REJECTED
    assert view.application.rejected_on == date(2026, 11, 20)  # the day the mail came
    kinds = sorted(t.kind.value for t in view.tasks)
    assert kinds.count(Kind.THANK_YOU_CARD.value) == 2  # one card per interviewer
    assert Kind.CHECK_BACK.value in kinds
    with pytest.raises(Conflict, match="already confirmed"):
        mail_review.confirm(ctx, found["rejection"].id)
    assert [s.label for s in mail_review.review(ctx)] == ["interview_invite"]
    assert ctx.made[-1].label == "Confirmed mail: Your application"
    history.undo(ctx)  # the confirmation and the plan it made, as one
    undone = applications.show_application(ctx, scenario.app_id)
    assert (undone.application.status, undone.tasks) == (Status.APPLIED, [])
    assert sorted(s.label for s in mail_review.review(ctx)) == ["interview_invite", "rejection"]


def test_new_application_from_unmatched_mail(ctx: Context, scenario: Scenario, inbox: Path) -> None:
    found = {s.label: s for s in mail.scan_sources(ctx, paths=[inbox]).filed}
    with pytest.raises(InvalidInput, match="add it as a new application"):
        mail_review.confirm(ctx, found["interview_invite"].id)
    done = mail_review.confirm(ctx, found["interview_invite"].id, new_role="Data Analyst")
    assert done.company == "Globex"
    app = applications.show_application(ctx, done.application_id or 0).application
    assert (app.role, app.status) == ("Data Analyst", Status.INTERVIEWING)


def no_role_rejection(
    message_id: str, when: datetime = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
) -> bytes:
    """Acme's rejection naming no role: with several applications there, a guess."""
    return letter(
        '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
        "Your application",
        REJECTION.replace(" for the Backend Engineer position at Acme Robotics", ""),
        message_id=message_id,
        when=when,
    )


def second_acme_application(ctx: Context, scenario: Scenario, applied_on: date) -> int:
    """A second application at Acme (Platform Engineer), the most recent when applied later."""
    from nextround.domain.applications import NewApplication

    new = NewApplication(
        role="Platform Engineer", company_id=scenario.company_id, applied_on=applied_on
    )
    return applications.add_application(ctx, new).application.id


def test_a_guess_among_several_applications_is_never_confirmed_by_itself(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    second = second_acme_application(ctx, scenario, date(2026, 11, 2))
    rejection = no_role_rejection("reject-2@greenhouse-mail.io")
    report = mail.scan(
        ctx, read_paths([mbox(tmp_path / "in.mbox", rejection)]), auto_confirm_above=0.5
    )
    [filed] = report.filed
    assert (filed.label, filed.application_id, filed.status) == (
        "rejection",
        second,  # the most recent one: a guess, which the user checks
        SuggestionStatus.PENDING,
    )
    assert report.auto_confirmed == 0 and report.to_review == 1
    assert any("several match" in e for e in filed.evidence)
    for app_id in (scenario.app_id, second):
        assert applications.show_application(ctx, app_id).application.status is not Status.REJECTED


def test_a_batch_stops_at_a_guessed_application(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    from nextround.services import mail_groups

    second_acme_application(ctx, scenario, date(2026, 11, 2))
    box = mbox(tmp_path / "in.mbox", no_role_rejection("guess@x"))
    [guess] = mail.scan_sources(ctx, paths=[box]).filed
    with pytest.raises(InvalidInput) as caught:
        mail_groups.confirm_many(ctx, [guess.id])
    assert caught.value.message == (
        f"#{guess.id}: “Your application” from Acme Robotics Hiring names no role, and several "
        "of your applications at Acme Robotics fit; confirm it on its own, choosing the "
        "application. Nothing was confirmed."
    )
    assert {s.status for s in mail_review.review(ctx)} == {SuggestionStatus.PENDING}


def test_dismissed_mail_leaves_the_queue_for_good(
    ctx: Context, scenario: Scenario, inbox: Path
) -> None:
    first = mail.scan_sources(ctx, paths=[inbox])
    for suggestion in first.filed:
        mail_review.dismiss(ctx, suggestion.id)
    assert mail_review.review(ctx) == []
    assert mail.scan_sources(ctx, paths=[inbox]).filed == []
    decided = mail_review.review(ctx, include_decided=True)
    assert {s.status for s in decided} == {SuggestionStatus.DISMISSED}


def test_auto_confirmation_above_the_chosen_confidence(
    ctx: Context, scenario: Scenario, inbox: Path
) -> None:
    report = mail.scan(ctx, read_paths([inbox]), auto_confirm_above=0.5)
    assert report.auto_confirmed == 1  # the rejection; the unmatched invitation waits
    assert (len(report.filed), report.to_review) == (2, 1)
    auto = [s for s in report.filed if s.status is SuggestionStatus.AUTO]
    assert [s.label for s in auto] == ["rejection"]
    assert applications.show_application(ctx, scenario.app_id).application.status is Status.REJECTED
    # Confirmed on the user's behalf: one change, named as such, that undoes as one.
    latest = history.recent(ctx, 1)[0]
    assert latest.label == "Confirmed mail by itself: Your application"
    history.undo(ctx)
    assert applications.show_application(ctx, scenario.app_id).application.status is Status.APPLIED
    assert applications.show_application(ctx, scenario.app_id).tasks == []
    assert [s.status for s in mail_review.review(ctx) if s.label == "rejection"] == [
        SuggestionStatus.PENDING
    ]


def test_a_reply_to_the_congratulations_email_is_offered_with_its_answer(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    with ctx.db.transaction() as c:
        people_rows.update_relationship(
            c,
            ctx.owner,
            scenario.dana_id,
            {
                "congratulated_on": date(2026, 11, 21),
                "asked_to_connect_on": date(2026, 11, 21),
                "congrats_message_id": "<congrats-dana@example.org>",
            },
        )
    reply = letter(
        "Dana Smith <dana@acme.example>",
        "Re: Congratulations",
        "Thank you, that's kind of you! Yes, happy to connect on LinkedIn.\n\n"
        "On Sat, 21 Nov 2026, Sam wrote:\n> Would it be OK to connect on LinkedIn?",
        message_id="reply-1@acme.example",
        in_reply_to="congrats-dana@example.org",
    )
    report = mail.scan_sources(ctx, paths=[mbox(tmp_path / "r.mbox", reply)])
    [found] = report.filed
    assert (found.kind, found.person_id, found.answer) == (
        SuggestionKind.REPLY,
        scenario.dana_id,
        "yes",
    )
    assert [s.id for s in mail_review.replies_for(ctx, scenario.dana_id)] == [found.id]
    mail_review.confirm(ctx, found.id)
    view = people.show_person(ctx, scenario.dana_id)
    assert view.relationship.answer is ConnectAnswer.YES
    assert any(t.kind is Kind.LINKEDIN_INVITE for t in view.tasks)


def test_a_broken_message_is_reported_and_the_scan_goes_on(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    good = letter(
        '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
        "Your application",
        REJECTION,
        message_id="reject-2@greenhouse-mail.io",
    )
    eml = tmp_path / "broken.eml"
    eml.write_bytes(b"this is a note, not an e-mail\n")
    fine = tmp_path / "fine.eml"
    fine.write_bytes(good)
    report = mail.scan_sources(ctx, paths=[eml, tmp_path / "missing.mbox", fine])
    assert len(report.filed) == 1
    assert [p.message for p in report.problems] == [
        "the file does not look like an e-mail message (it doesn't start with header lines such as From: or Subject:); skipped",
        f"{tmp_path / 'missing.mbox'} does not exist; check the path",
    ]


def test_classifying_files_touches_no_database(tmp_path: Path, inbox: Path) -> None:
    found = list(mail_classify.classify_paths([inbox]))
    assert [getattr(f, "label", None) for f in found] == ["rejection", "other", "interview_invite"]
    assert found[0].company == "Acme Robotics"  # type: ignore[union-attr]
    assert not list(tmp_path.glob("*.db"))
