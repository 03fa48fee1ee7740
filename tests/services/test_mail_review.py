"""The mail review queue case by case: which answers are taken, what moves, what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nextround.domain.applications import NewApplication, Status
from nextround.domain.people import ConnectAnswer
from nextround.domain.suggestions import Suggestion, SuggestionStatus
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import applications, mail, mail_review, people
from nextround.services.context import Context
from nextround.storage import people as people_rows
from tests.services.scenario import Scenario, interviewed
from tests.services.test_mail import INVITE, REJECTION, letter, mbox


@pytest.fixture
def scenario(ctx: Context) -> Scenario:
    return interviewed(ctx)


def scan(ctx: Context, tmp_path: Path, *messages: bytes) -> list[Suggestion]:
    return mail.scan_sources(ctx, paths=[mbox(tmp_path / "in.mbox", *messages)]).filed


def rejection(when: datetime = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)) -> bytes:
    return letter(
        '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
        "Your application",
        REJECTION,
        message_id=f"reject-{when.isoformat()}@x",
        when=when,
    )


def asked(ctx: Context, scenario: Scenario) -> None:
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    with ctx.db.transaction() as c:
        people_rows.update_relationship(
            c,
            ctx.owner,
            scenario.dana_id,
            {"asked_to_connect_on": date(2026, 11, 21), "congrats_message_id": "<c@example.org>"},
        )


def reply(text: str) -> bytes:
    return letter(
        "Dana Smith <dana@acme.example>",
        "Re: Congratulations",
        text,
        message_id="re-1@acme.example",
        in_reply_to="c@example.org",
    )


def test_a_rejection_from_the_future_is_dated_today(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    [found] = scan(ctx, tmp_path, rejection(datetime(2026, 12, 24, 9, 0, tzinfo=UTC)))
    mail_review.confirm(ctx, found.id)
    app = applications.show_application(ctx, scenario.app_id).application
    assert (app.status, app.rejected_on) == (Status.REJECTED, ctx.today)


def test_mail_never_moves_an_application_backwards(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    applications.set_status(ctx, scenario.app_id, Status.OFFER)
    [found] = scan(ctx, tmp_path, rejection())
    done = mail_review.confirm(ctx, found.id)
    assert done.status is SuggestionStatus.CONFIRMED and done.application_id == scenario.app_id
    assert applications.show_application(ctx, scenario.app_id).application.status is Status.OFFER


def test_confirming_against_another_application(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    other = applications.add_application(
        ctx,
        NewApplication(
            "Data Engineer", company_id=scenario.company_id, applied_on=date(2026, 10, 5)
        ),
    ).application
    [found] = scan(ctx, tmp_path, rejection())
    done = mail_review.confirm(ctx, found.id, application_id=other.id)
    assert (done.application_id, done.company_id) == (other.id, scenario.company_id)
    assert applications.show_application(ctx, other.id).application.status is Status.REJECTED
    assert applications.show_application(ctx, scenario.app_id).application.status is Status.APPLIED


def test_a_new_application_needs_a_company_to_be_told(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    anonymous = letter(
        "no-reply@hire.lever.co", "Interview", INVITE.replace("Globex", "us"), message_id="a@x"
    )
    [found] = scan(ctx, tmp_path, anonymous)
    assert found.company is None and found.application_id is None
    with pytest.raises(InvalidInput) as caught:
        mail_review.confirm(ctx, found.id, new_role="Analyst")
    assert caught.value.message == (
        "Can't tell which company “Interview” from no-reply@hire.lever.co is from; "
        "add the application first, then choose it."
    )
    assert caught.value.fields.keys() == {"company"}
    with pytest.raises(InvalidInput) as caught:
        mail_review.confirm(ctx, found.id)
    assert caught.value.message == (
        "“Interview” from no-reply@hire.lever.co isn't tied to an application yet; "
        "choose one, or add it as a new application."
    )
    assert caught.value.fields.keys() == {"application"}
    assert mail_review.review(ctx)[0].status is SuggestionStatus.PENDING


def test_unknown_and_decided_suggestions(ctx: Context, scenario: Scenario, tmp_path: Path) -> None:
    with pytest.raises(NotFound) as missing:
        mail_review.dismiss(ctx, 999)
    assert missing.value.message == "No mail suggestion #999; see `nextround mail review`."
    [found] = scan(ctx, tmp_path, rejection())
    gone = mail_review.dismiss(ctx, found.id)
    assert (gone.status, gone.decided_on) == (SuggestionStatus.DISMISSED, ctx.today)
    assert ctx.made[-1].label == "Dismissed mail: Your application"
    with pytest.raises(Conflict) as decided:
        mail_review.confirm(ctx, found.id)
    assert decided.value.message == f"Mail suggestion #{found.id} was already dismissed."


@pytest.mark.parametrize(
    ("text", "given", "answer"),
    [
        ("Yes, happy to connect on LinkedIn.", None, ConnectAnswer.YES),
        ("I'd rather not, I keep LinkedIn to colleagues.", None, ConnectAnswer.NO),
        # The user's own reading wins over the rules'.
        ("Yes, happy to connect on LinkedIn.", ConnectAnswer.NO, ConnectAnswer.NO),
        ("Thanks! Let me think about it?", ConnectAnswer.YES, ConnectAnswer.YES),
    ],
)
def test_a_reply_records_the_answer(
    ctx: Context,
    scenario: Scenario,
    tmp_path: Path,
    text: str,
    given: ConnectAnswer | None,
    answer: ConnectAnswer,
) -> None:
    asked(ctx, scenario)
    [found] = scan(ctx, tmp_path, reply(text))
    done = mail_review.confirm(ctx, found.id, answer=given)
    assert done.answer == answer.value
    assert people.show_person(ctx, scenario.dana_id).relationship.answer is answer


def test_an_unclear_reply_needs_the_users_answer(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    asked(ctx, scenario)
    [found] = scan(ctx, tmp_path, reply("Thanks! Let me think about it?"))
    assert found.answer is None
    with pytest.raises(InvalidInput) as caught:
        mail_review.confirm(ctx, found.id)
    assert caught.value.message.endswith(
        "gives no clear answer to “OK to connect?”; say whether it is a yes or a no."
    )
    assert caught.value.fields.keys() == {"answer"}
    assert people.show_person(ctx, scenario.dana_id).relationship.answer is None


def test_a_reply_from_someone_deleted_since(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    asked(ctx, scenario)
    [found] = scan(ctx, tmp_path, reply("Yes, happy to connect."))
    people.delete_person(ctx, scenario.dana_id)
    with pytest.raises(NotFound) as caught:
        mail_review.confirm(ctx, found.id)
    assert caught.value.message == (
        "The person who replied is no longer stored; dismiss this suggestion."
    )
