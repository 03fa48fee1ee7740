"""The Mail page: the review queue, confirmed or dismissed in one move."""

from __future__ import annotations

from pathlib import Path

from nextround.domain.people import ConnectAnswer
from nextround.services import mail, mail_review
from nextround.services.context import Context
from tests.services.test_mail import INVITE, REJECTION, letter, mbox
from tests.web.conftest import Browser
from tests.web.scenario import ctx_of, interviewed


def _queue(client: Browser, tmp_path: Path) -> Context:
    ctx = ctx_of(client)
    interviewed(ctx)
    box = mbox(
        tmp_path / "in.mbox",
        letter(
            '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
            "Your application",
            REJECTION,
            message_id="r@x",
        ),
        letter(
            "Globex Recruiting <jobs@talent.globex.example>",
            "Interview invitation",
            INVITE,
            message_id="i@x",
        ),
    )
    mail.scan_sources(ctx, paths=[box])
    return ctx


def test_an_empty_queue_says_so(client: Browser) -> None:
    page = client.load("/mail")
    assert "Nothing to review." in page
    assert 'connect it on the <a href="/settings#imap">Settings page</a>' in page


def test_confirming_a_rejection_from_the_page_plans_the_follow_up(
    client: Browser, tmp_path: Path
) -> None:
    ctx = _queue(client, tmp_path)
    page = client.load("/mail")
    assert "Rejection" in page and "Interview invitation" in page
    assert "Acme Robotics, Backend Engineer" in page
    rejection = next(s for s in mail_review.review(ctx) if s.label == "rejection")
    done = client.submit(f"/mail/{rejection.id}/confirm")
    assert (done.status_code, done.headers["location"]) == (303, "/mail")
    assert [s.label for s in mail_review.review(ctx)] == ["interview_invite"]
    assert any(t.kind.value == "thank_you_card" for t in _plan(ctx, rejection.application_id or 0))


def test_unmatched_mail_needs_an_application_or_a_role(client: Browser, tmp_path: Path) -> None:
    ctx = _queue(client, tmp_path)
    invite = next(s for s in mail_review.review(ctx) if s.label == "interview_invite")
    refused = client.submit(f"/mail/{invite.id}/confirm", {"application_id": "", "new_role": ""})
    assert refused.status_code == 422
    assert "isn&#39;t tied to an application yet; choose one, or add it as a new application" in (
        refused.text
    )
    assert "--app" not in refused.text and "--new-application" not in refused.text  # CLI words
    added = client.submit(
        f"/mail/{invite.id}/confirm", {"application_id": "", "new_role": "Data Analyst"}
    )
    assert added.status_code == 303
    assert mail_review.review(ctx, include_decided=True)[-1].company == "Globex"


def test_dismiss_and_a_missing_token(client: Browser, tmp_path: Path) -> None:
    ctx = _queue(client, tmp_path)
    first = mail_review.review(ctx)[0]
    forged = client.post(f"/mail/{first.id}/dismiss", data={}, follow_redirects=False)
    assert forged.status_code == 403
    assert client.submit(f"/mail/{first.id}/dismiss").status_code == 303
    stale = client.submit(f"/mail/{first.id}/dismiss")  # as from another tab, decided since
    assert stale.status_code == 409
    assert f"Mail suggestion #{first.id} was already dismissed." in stale.text
    assert 'class="mail-group"' in stale.text  # the Mail page again, not a dead end
    again = client.submit(f"/mail/{first.id}/confirm")
    assert again.status_code == 409 and 'class="mail-group"' in again.text
    assert client.submit("/mail/9999/dismiss").status_code == 404
    assert client.submit(f"/mail/{2**63}/dismiss").status_code == 404


def _plan(ctx: Context, app_id: int):  # type: ignore[no-untyped-def]
    from nextround.services import applications

    return applications.show_application(ctx, app_id).tasks


def test_a_reply_shows_on_the_person_and_is_answered_there(client: Browser, tmp_path: Path) -> None:
    from datetime import date

    from nextround.services import applications, people
    from nextround.storage import people as people_rows

    ctx = ctx_of(client)
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    with ctx.db.transaction() as c:
        people_rows.update_relationship(
            c,
            ctx.owner,
            scenario.dana_id,
            {
                "asked_to_connect_on": date(2026, 11, 21),
                "congrats_message_id": "<congrats@example.org>",
            },
        )
    reply = letter(
        "Dana Smith <dana@acme.example>",
        "Re: Congratulations",
        "Thanks Sam! Sure, happy to connect on LinkedIn.",
        message_id="re@acme.example",
        in_reply_to="congrats@example.org",
    )
    mail.scan_sources(ctx, paths=[mbox(tmp_path / "r.mbox", reply)])
    page = client.load(f"/people/{scenario.dana_id}")
    assert "Replies from Dana" in page
    assert "It reads as <strong>yes</strong>" in page
    [found] = mail_review.review(ctx)
    assert client.submit(f"/mail/{found.id}/confirm", {"answer": "yes"}).status_code == 303
    assert people.show_person(ctx, scenario.dana_id).relationship.answer is ConnectAnswer.YES
    assert "Confirmed: yes" in client.load(f"/people/{scenario.dana_id}")


def test_the_page_lists_what_the_scans_could_not_read(client: Browser, tmp_path: Path) -> None:
    ctx = ctx_of(client)
    assert "Problems" not in client.load("/mail")
    box = mbox(tmp_path / "in.mbox", letter("a@acme.example", "Hi", INVITE, message_id="h@x"))
    box.write_bytes(box.read_bytes() + b"From x Fri Nov 20 09:30:00 2026\nSubject: <cut>\n\nhalf")
    mail.scan_sources(ctx, paths=[box])
    page = client.load("/mail")
    assert '<section id="problems">' in page
    assert f"<code>mbox:{box}#2</code>" in page
    assert "is cut off: the file ends in the middle of it; skipped" in page
    # Its table scrolls on a phone: a named region reached by keyboard.
    assert (
        '<div class="table-wrap" tabindex="0" role="region" aria-label="Problems, as a table">'
        in page
    )


def test_the_queue_is_grouped_and_decided_several_at_a_time(
    client: Browser, tmp_path: Path
) -> None:
    ctx = _queue(client, tmp_path)
    page = client.load("/mail")
    assert page.count('class="mail-group"') == 2 and "2 to review" in page
    assert 'form="bulk"' in page and 'action="/mail/bulk"' in page
    ids = [str(s.id) for s in mail_review.review(ctx)]
    assert client.submit("/mail/bulk", {"action": "dismiss"}).status_code == 422
    invite = next(s for s in mail_review.review(ctx) if s.label == "interview_invite")
    # The invitation is tied to no application: confirming both is refused, nothing changes.
    refused = client.post(
        "/mail/bulk",
        data={"csrf": client.csrf, "action": "confirm", "id": ids},
        follow_redirects=False,
    )
    assert refused.status_code == 422 and f"#{invite.id}" in refused.text
    assert len(mail_review.review(ctx)) == 2
    done = client.post(
        "/mail/bulk",
        data={"csrf": client.csrf, "action": "dismiss", "id": ids},
        follow_redirects=False,
    )
    assert done.status_code == 303 and mail_review.review(ctx) == []
    assert "Nothing to review." in client.load("/mail")


def test_mail_folded_by_mistake_is_put_back_from_the_page(client: Browser, tmp_path: Path) -> None:
    from tests.services.test_mail_first_scan import job_alert

    ctx = _queue(client, tmp_path)
    mail.scan_sources(ctx, paths=[mbox(tmp_path / "alerts.mbox", job_alert())])
    page = client.load("/mail")
    assert '1 newsletter or job alert folded away: <a href="/mail?folded=1#folded">' in page
    assert 'id="folded"' not in page
    shown = client.load("/mail?folded=1")
    [alert] = [
        s for s in mail_review.review(ctx, include_decided=True) if s.status.value == "folded"
    ]
    assert f'id="folded-{alert.id}"' in shown and "Back to review" in shown
    back = client.submit(f"/mail/{alert.id}/unfold")
    assert back.status_code == 303
    page = client.load("/mail")
    assert f'id="suggestion-{alert.id}"' in page and "folded away: <a" not in page
    assert client.submit(f"/mail/{alert.id}/unfold").status_code == 409  # not folded any more


def test_a_guessed_application_is_said_and_can_be_changed_on_the_page(
    client: Browser, tmp_path: Path
) -> None:
    from nextround.domain.applications import Status
    from nextround.services import applications
    from tests.services.test_mail import no_role_rejection, second_acme_application

    ctx = ctx_of(client)
    scenario = interviewed(ctx)
    second = second_acme_application(ctx, scenario, ctx.today)
    mail.scan_sources(ctx, paths=[mbox(tmp_path / "in.mbox", no_role_rejection("g@x"))])
    [guess] = mail_review.review(ctx)
    assert guess.application_id == second
    page = client.load("/mail")
    assert "Several of your applications at Acme Robotics fit and this is the most recent" in page
    assert f'<option value="{second}" selected>Acme Robotics, Platform Engineer</option>' in page
    assert f'<option value="{scenario.app_id}">Acme Robotics, Backend Engineer</option>' in page
    done = client.submit(f"/mail/{guess.id}/confirm", {"application_id": str(scenario.app_id)})
    assert done.status_code == 303
    assert applications.show_application(ctx, scenario.app_id).application.status is Status.REJECTED
    assert applications.show_application(ctx, second).application.status is not Status.REJECTED
