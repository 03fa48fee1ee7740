"""The job-mail classifier: hard negatives, confidence, connect answers, and held-out scores."""

from __future__ import annotations

import time

import pytest

from nextround.classify import classify, connect_answer
from nextround.domain.mail import Label, MailMessage
from nextround.mail.messages import parse_message
from tests.mail.corpus import build, load, load_labelled, split
from tests.mail.evaluation import evaluate


def mail(
    text: str, subject: str = "Your application", sender: str = "jobs@acme.com"
) -> MailMessage:
    return MailMessage("id@x", "Acme", sender, ("sam@example.com",), subject, None, text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        pytest.param(
            "We regret to inform you that the interview must be rescheduled. "
            "Would Thursday at 3pm work instead?",
            Label.INTERVIEW_INVITE,
            id="regret-reschedule",
        ),
        pytest.param(
            "New jobs for you: Data Engineer at Globex. Unfortunately, some jobs you saved have "
            "expired. Unsubscribe from these alerts.",
            Label.OTHER,
            id="alert-unfortunately",
        ),
        pytest.param(
            "I came across your profile and would love to tell you about an opportunity with my "
            "client. Would you be open to a quick call?",
            Label.OTHER,
            id="recruiter-outreach",
        ),
        pytest.param(
            # Found by the benchmark's generated mailbox, not in the corpus.
            "Hello, we regret to inform you that your interview for Data Analyst must be moved "
            "to next Tuesday at 10:00. Please confirm the new time.",
            Label.INTERVIEW_INVITE,
            id="regret-interview-moved",
        ),
        pytest.param(
            "We received your withdrawal and your application has been withdrawn as requested.",
            Label.OTHER,
            id="withdrawal",
        ),
        pytest.param(
            "Limited time offer: 50% off premium. Offer ends Sunday. Unsubscribe.",
            Label.OTHER,
            id="marketing-offer",
        ),
        pytest.param(
            "Thank you for applying. We have received your application. Due to the volume, we are "
            "unfortunately unable to respond to every applicant. If you have not heard from us in "
            "four weeks, please assume your application has not been successful.",
            Label.APPLICATION_RECEIVED,
            id="received-with-conditional-rejection",
        ),
        pytest.param(
            "Thanks for applying! If your experience is a match, we will reach out to schedule an "
            "interview.",
            Label.APPLICATION_RECEIVED,
            id="received-with-conditional-interview",
        ),
        pytest.param(
            "As the next step, please complete the online coding assessment on HackerRank within "
            "five days.",
            Label.INTERVIEW_INVITE,
            id="assessment",
        ),
        pytest.param(
            "The position you applied for has been filled. Thank you for your interest.",
            Label.REJECTION,
            id="position-filled",
        ),
        pytest.param(
            "The role has been closed and we will not be filling it this year.",
            Label.REJECTION,
            id="role-closed",
        ),
        pytest.param(
            "We have decided to move forward with other candidates for this role.",
            Label.REJECTION,
            id="other-candidates",
        ),
        pytest.param(
            "At this time we are not moving forward with your application.",
            Label.REJECTION,
            id="not-moving-forward",
        ),
        pytest.param(
            "Thank you for meeting the team last week. After the final round we've decided to go "
            "with another candidate.",
            Label.REJECTION,
            id="after-interview",
        ),
        pytest.param(
            "We regret that we are unable to offer you an interview on this occasion.",
            Label.REJECTION,
            id="no-interview",
        ),
        pytest.param(
            "We won't be extending an offer. The panel enjoyed meeting you.",
            Label.REJECTION,
            id="no-offer",
        ),
        pytest.param(
            "We are delighted to offer you the position of Data Analyst. The offer letter is attached.",
            Label.OFFER,
            id="offer",
        ),
    ],
)
def test_hard_cases(text: str, label: Label) -> None:
    assert classify(mail(text)).label is label


def test_the_sender_alone_decides_nothing() -> None:
    text = "We have decided not to move forward with your application."
    for sender in ("no-reply@us.greenhouse-mail.io", "talent@talent.acme.com", "jane@gmail.com"):
        assert classify(mail(text, sender=sender)).label is Label.REJECTION


def test_quoted_text_is_not_read() -> None:
    message = MailMessage(
        "id@x", "", "a@acme.com", (), "Re: hi", None, "Thanks, see you then!",
        quoted="> We regret to inform you that we will not be moving forward with your application.",
    )  # fmt: skip
    assert classify(message).label is Label.OTHER


def test_evidence_names_the_deciding_phrase() -> None:
    result = classify(mail("Unfortunately, we are not moving forward with your application."))
    assert any("not moving forward with your" in line for line in result.evidence)


def test_a_single_weak_cue_is_never_confident() -> None:
    result = classify(mail("Unfortunately the office is closed on Friday.", subject="Note"))
    assert result.confidence < 0.6


def test_vetoed_phrases_are_explained() -> None:
    result = classify(mail("We regret to inform you that we need to reschedule your interview."))
    assert any("ignored" in line and "reschedul" in line for line in result.evidence)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("Sure, happy to connect!", True),
        ("I prefer to keep LinkedIn for people I've worked with.", False),
        ("Thanks, that's kind of you.", None),
        ("Not sure, let me think about it.", None),
    ],
)
def test_connect_answer(text: str, answer: bool | None) -> None:
    message = MailMessage(
        "id@x", "", "a@acme.com", (), "Re: Congratulations", None, text,
        quoted="> Congratulations! OK to connect on LinkedIn?",
    )  # fmt: skip
    assert connect_answer(message)[0] is answer


def test_classification_is_fast() -> None:
    message = mail("We have decided not to move forward with your application. " * 60)
    started = time.process_time()
    for _ in range(200):
        classify(message)
    assert time.process_time() - started < 2.0  # ~0.3 ms each here; 10 ms would be a regression


# -- the held-out part of the corpus: written before the rules, never tuned on -----

#: Floors a little under what the held-out part measured (see docs/classifier.md).
#: Measured (precision, recall): rejection 1.000/0.964 (n=28), interview_invite 1.000/1.000
#: (n=20), application_received 0.947/1.000 (n=18), offer 1.000/1.000 (n=9), other
#: 1.000/1.000 (n=22). With so few examples one mistake moves a figure by 4-11 points.
FLOORS = {
    "rejection": (0.95, 0.9),
    "interview_invite": (0.95, 0.9),
    "application_received": (0.9, 0.9),
    "offer": (0.85, 0.85),
    "other": (0.95, 0.9),
}


@pytest.fixture(scope="module")
def held_out_report():  # type: ignore[no-untyped-def]
    return evaluate(split(load_labelled())[1])


@pytest.mark.parametrize("label", sorted(FLOORS))
def test_held_out_precision_and_recall(held_out_report, label: str) -> None:  # type: ignore[no-untyped-def]
    precision_floor, recall_floor = FLOORS[label]
    assert held_out_report.precision(label) >= precision_floor
    assert held_out_report.recall(label) >= recall_floor


def test_held_out_confident_answers_are_right(held_out_report) -> None:  # type: ignore[no-untyped-def]
    sure, wrong = held_out_report.confident(0.9)
    assert sure >= 8  # 13 measured
    assert wrong == 0


def test_connect_answers_on_the_held_out_part() -> None:
    expected = {"yes": True, "no": False, "unclear": None}
    held_out = split(load("connect"))[1]
    right = sum(connect_answer(parse_message(build(e)))[0] is expected[e.label] for e in held_out)
    assert right >= 11  # 12 of 13 measured
