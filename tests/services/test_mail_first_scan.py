"""A first scan a person can get through: --since, progress, folding, groups, bulk decisions.

Real mbox files, Maildirs and the Dovecot IMAP server on loopback; a real database.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.domain.suggestions import SuggestionStatus
from nextround.errors import Ambiguous, Conflict, InvalidInput, NotFound
from nextround.services import applications, companies, history, mail, mail_groups, mail_review
from nextround.services.context import Context
from nextround.services.mail_scope import default_since
from tests.services.scenario import Scenario, interviewed
from tests.services.test_mail import INVITE, REJECTION, letter, mbox

OLD = datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
NEW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
INITECH_REJECTION = (
    "Dear Sam,\n\nThank you for applying for the Data Engineer position at Initech. After "
    "careful consideration, we have decided not to move forward with your application. "
    "We wish you every success in your search.\n\nInitech Recruiting"
)


@pytest.fixture
def scenario(ctx: Context) -> Scenario:
    return interviewed(ctx)


def acme_rejection(n: int, when: datetime = NEW, **headers: str) -> bytes:
    data = letter(
        '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
        "Your application",
        REJECTION,
        message_id=f"reject-{n}@greenhouse-mail.io",
        when=when,
    )
    extra = b"".join(f"{k.replace('_', '-')}: {v}\n".encode() for k, v in headers.items())
    return extra + data


def globex_invite(n: int, when: datetime = NEW) -> bytes:
    return letter(
        "Globex Recruiting <jobs@talent.globex.example>",
        "Interview invitation",
        INVITE,
        message_id=f"invite-{n}@globex.example",
        when=when,
    )


def initech(ctx: Context) -> int:
    co = companies.add_company(ctx, NewCompany("Initech", website="initech.example"))
    added = applications.add_application(
        ctx, NewApplication("Data Engineer", company_id=co.id, applied_on=date(2026, 9, 1))
    )
    return added.application.id


def initech_rejection(n: int, when: datetime = NEW) -> bytes:
    return letter(
        "Initech Careers <careers@initech.example>",
        "Your application to Initech",
        INITECH_REJECTION,
        message_id=f"initech-{n}@initech.example",
        when=when,
    )


# --since -------------------------------------------------------------------


def test_the_default_since_is_a_month_before_the_earliest_application(
    ctx: Context, scenario: Scenario
) -> None:
    assert default_since(ctx) == date(2026, 8, 31)  # applied 2026-10-01
    initech(ctx)  # applied 2026-09-01: earlier
    assert default_since(ctx) == date(2026, 8, 1)


def test_without_dated_applications_everything_is_read(ctx: Context) -> None:
    assert default_since(ctx) is None


def test_since_skips_old_mail_in_an_mbox_and_keeps_undated_mail(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    undated = acme_rejection(3).replace(b"Date: ", b"Date: not a date at all ", 1)
    box = mbox(tmp_path / "in.mbox", acme_rejection(1, OLD), acme_rejection(2), undated)
    report = mail.scan_sources(ctx, paths=[box], since=date(2026, 1, 1))
    assert report.skipped_old == 1 and report.read == 2
    assert sorted(s.message_id for s in report.filed) == [
        "reject-2@greenhouse-mail.io",
        "reject-3@greenhouse-mail.io",
    ]
    # Without a limit, the old one is read too (and the others are known).
    everything = mail.scan_sources(ctx, paths=[box], since=None)
    assert [s.message_id for s in everything.filed] == ["reject-1@greenhouse-mail.io"]
    assert everything.skipped_old == 0


def test_since_skips_old_mail_in_a_maildir(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1000.a:2,S").write_bytes(acme_rejection(1, OLD))
    (maildir / "new" / "2000.b").write_bytes(globex_invite(2))
    report = mail.scan_sources(ctx, paths=[maildir], since=date(2026, 11, 20))  # that day counts
    assert report.skipped_old == 1
    assert [s.message_id for s in report.filed] == ["invite-2@globex.example"]


# Progress -------------------------------------------------------------------


def test_progress_hears_of_every_message_read(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    heard: list[int] = []
    box = mbox(tmp_path / "in.mbox", acme_rejection(1), globex_invite(2), acme_rejection(3, OLD))
    report = mail.scan_sources(ctx, paths=[box], since=date(2026, 1, 1), progress=heard.append)
    assert heard == [1, 2] and report.read == 2


# Folding ---------------------------------------------------------------------


def job_alert() -> bytes:
    return letter(
        "LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>",
        "Job alert: 12 new Backend Engineer jobs",
        INVITE,  # reads like job mail: folded all the same
        message_id="alert-1@linkedin.com",
    )


def newsletter() -> bytes:
    return (
        b"List-Id: Globex news <news.globex.example>\nList-Unsubscribe: <mailto:u@globex.example>\n"
        + (
            letter(
                "Globex Recruiting <jobs@talent.globex.example>",
                "Interview invitation",
                INVITE,
                message_id="news-1@globex.example",
            )
        )
    )


def test_newsletters_and_job_alerts_are_folded_away(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    tied = acme_rejection(1, List_Unsubscribe="<mailto:u@greenhouse-mail.io>", Precedence="bulk")
    box = mbox(tmp_path / "in.mbox", job_alert(), newsletter(), tied, globex_invite(2))
    report = mail.scan_sources(ctx, paths=[box])
    assert report.folded == 2
    # Bulk-sent mail tied to an application (an ATS's rejection) stays in the review.
    assert sorted(s.message_id for s in report.filed) == [
        "invite-2@globex.example",
        "reject-1@greenhouse-mail.io",
    ]
    queue = mail_groups.grouped(ctx)
    assert queue.folded == 2 and queue.count == 2
    assert all(s.status is SuggestionStatus.PENDING for g in queue.groups for s in g.suggestions)
    folded = mail_groups.grouped(ctx, folded=True)
    listed = {s.message_id: s for g in folded.groups for s in g.suggestions}
    assert sorted(listed) == ["alert-1@linkedin.com", "news-1@globex.example"]
    assert listed["alert-1@linkedin.com"].evidence[0] == "folded away: job alert"
    assert listed["news-1@globex.example"].evidence[0] == "folded away: newsletter"
    # Folded mail is never auto-confirmed and never filed again.
    again = mail.scan_sources(ctx, paths=[box])
    assert (again.folded, again.filed, again.already_seen) == (0, [], 4)


def test_a_tracking_systems_receipt_for_an_untracked_employer_is_not_a_newsletter(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    receipt = b"List-Unsubscribe: <mailto:u@greenhouse.io>\nPrecedence: bulk\n" + letter(
        "Greenhouse <no-reply@greenhouse.io>",
        "Thank you for applying to Hooli",
        "Hi Sam,\n\nThank you for applying to the Software Engineer role at Hooli. "
        "We have received your application and our team will review it shortly.",
        message_id="receipt-1@greenhouse.io",
    )
    report = mail.scan_sources(ctx, paths=[mbox(tmp_path / "in.mbox", receipt)])
    [filed] = report.filed
    assert (report.folded, filed.status, filed.label) == (
        0,
        SuggestionStatus.PENDING,
        "application_received",
    )
    assert "new application? from Hooli" in filed.evidence


def test_a_mailing_list_post_from_a_webmail_address_is_still_a_newsletter(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    """Only a tracking system's bulk mail is spared: a Google Group's post comes from
    the poster's own Gmail address, which says nothing of any employer."""
    post = b"List-Id: <jobs-board.googlegroups.com>\nList-Unsubscribe: <mailto:u@g.example>\n" + (
        letter(
            "Pat Poster <pat.poster@gmail.com>",
            "Interview invitation",
            INVITE,
            message_id="post-1@gmail.com",
        )
    )
    report = mail.scan_sources(ctx, paths=[mbox(tmp_path / "in.mbox", post)])
    assert (report.folded, report.filed) == (1, [])


def test_folded_mail_is_put_back_before_it_is_confirmed(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    mail.scan_sources(ctx, paths=[mbox(tmp_path / "in.mbox", job_alert())])
    [alert] = [s for g in mail_groups.grouped(ctx, folded=True).groups for s in g.suggestions]
    with pytest.raises(Conflict) as caught:
        mail_review.confirm(ctx, alert.id, new_role="Backend Engineer")
    assert caught.value.message == (
        f"Mail suggestion #{alert.id} is folded away as a newsletter or job alert; put it back "
        f"first (Back to review on the Mail page, `nextround mail unfold {alert.id}` on the "
        "command line)."
    )


def test_mail_folded_by_mistake_goes_back_to_review_all_or_nothing(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    box = mbox(tmp_path / "in.mbox", job_alert(), newsletter(), globex_invite(2))
    mail.scan_sources(ctx, paths=[box])
    folded = {
        s.message_id: s.id
        for g in mail_groups.grouped(ctx, folded=True).groups
        for s in g.suggestions
    }
    pending = [s.id for g in mail_groups.grouped(ctx).groups for s in g.suggestions]
    alert, news = folded["alert-1@linkedin.com"], folded["news-1@globex.example"]
    with pytest.raises(Conflict, match=rf"Not folded away: #{pending[0]} \(pending\)"):
        mail_groups.unfold_many(ctx, [alert, pending[0]])
    with pytest.raises(NotFound):
        mail_groups.unfold_many(ctx, [alert, 9999])
    assert mail_groups.grouped(ctx).folded == 2  # nothing changed
    [back] = mail_groups.unfold_many(ctx, [alert, alert])
    assert (back.id, back.status) == (alert, SuggestionStatus.PENDING)
    queue = mail_groups.grouped(ctx)
    assert (queue.count, queue.folded) == (2, 1)
    assert alert in [s.id for g in queue.groups for s in g.suggestions]
    mail_review.dismiss(ctx, alert)  # now decided like any other
    history.undo(ctx)
    history.undo(ctx)
    assert mail_groups.grouped(ctx).folded == 2 and news in folded.values()
    # A rescan does not fold it again, nor file it twice.
    mail_groups.unfold_many(ctx, [alert])
    again = mail.scan_sources(ctx, paths=[box])
    assert (again.folded, again.filed) == (0, [])
    assert mail_groups.grouped(ctx).folded == 1


def test_folded_mail_is_not_auto_confirmed(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    from dataclasses import replace

    eager = ctx.fresh(
        settings=replace(ctx.settings, mail=replace(ctx.settings.mail, auto_confirm_above=0.0))
    )
    report = mail.scan_sources(eager, paths=[mbox(tmp_path / "a.mbox", job_alert())])
    assert (report.folded, report.auto_confirmed) == (1, 0)


# Groups ----------------------------------------------------------------------


def test_review_groups_by_company_and_application_newest_first(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    initech_app = initech(ctx)
    box = mbox(
        tmp_path / "in.mbox",
        acme_rejection(1, datetime(2026, 11, 1, tzinfo=UTC)),
        initech_rejection(2, datetime(2026, 11, 5, tzinfo=UTC)),
        globex_invite(3, datetime(2026, 10, 20, tzinfo=UTC)),
        acme_rejection(4, datetime(2026, 11, 9, tzinfo=UTC)),
    )
    mail.scan_sources(ctx, paths=[box])
    groups = mail_groups.grouped(ctx).groups
    assert [g.heading for g in groups] == [
        f"Acme Robotics, Backend Engineer (app #{scenario.app_id})",
        f"Initech, Data Engineer (app #{initech_app})",
        "new application? from Globex",
    ]
    assert [s.message_id for s in groups[0].suggestions] == [
        "reject-4@greenhouse-mail.io",
        "reject-1@greenhouse-mail.io",
    ]
    as_json = mail_groups.grouped(ctx).to_json()
    assert as_json["count"] == 4
    first = as_json["groups"][0]  # type: ignore[index]
    assert first["application_id"] == scenario.app_id
    assert first["newest"] == "2026-11-09T00:00:00"


# Many at once -------------------------------------------------------------------


def filed(ctx: Context, tmp_path: Path) -> dict[str, int]:
    initech(ctx)
    box = mbox(tmp_path / "in.mbox", acme_rejection(1), initech_rejection(2), globex_invite(3))
    return {s.message_id.split("-")[0]: s.id for s in mail.scan_sources(ctx, paths=[box]).filed}


def test_a_bad_id_among_many_decides_none_of_them(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    ids = filed(ctx, tmp_path)
    with pytest.raises(NotFound, match=r"No mail suggestion #999; nothing was changed"):
        mail_groups.confirm_many(ctx, [ids["reject"], ids["initech"], 999])
    with pytest.raises(NotFound, match="#999"):
        mail_groups.dismiss_many(ctx, [ids["reject"], 999])
    # Globex isn't tied to an application: the batch stops at it, naming it.
    with pytest.raises(InvalidInput, match=rf"^#{ids['invite']}: .*Nothing was confirmed"):
        mail_groups.confirm_many(ctx, [ids["reject"], ids["invite"]])
    assert len(mail_review.review(ctx)) == 3  # all still pending
    app = applications.show_application(ctx, scenario.app_id).application
    assert app.status is Status.APPLIED
    mail_groups.dismiss_many(ctx, [ids["invite"]])
    with pytest.raises(Conflict, match=rf"#{ids['invite']} \(dismissed\); nothing was changed"):
        mail_groups.dismiss_many(ctx, [ids["reject"], ids["invite"]])
    assert len(mail_review.review(ctx)) == 2


def test_confirming_many_is_one_change_that_undo_takes_back(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    ids = filed(ctx, tmp_path)
    done = mail_groups.confirm_many(ctx, [ids["reject"], ids["initech"], ids["reject"]])
    assert [s.status for s in done] == [SuggestionStatus.CONFIRMED] * 2
    statuses = {a.role: a.status for a in applications.list_applications(ctx)}
    assert statuses == {"Backend Engineer": Status.REJECTED, "Data Engineer": Status.REJECTED}
    assert ctx.made[-1].label.startswith("Confirmed 2 mail suggestions")
    history.undo(ctx)
    statuses = {a.role: a.status for a in applications.list_applications(ctx)}
    assert statuses == {"Backend Engineer": Status.APPLIED, "Data Engineer": Status.APPLIED}
    assert len(mail_review.review(ctx)) == 3


def test_dismissing_a_company_and_undoing_it(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    ids = filed(ctx, tmp_path)
    assert mail_groups.of_company(ctx, "initech") == [ids["initech"]]
    assert mail_groups.of_company(ctx, "Acme") == [ids["reject"]]  # a unique part of the name
    with pytest.raises(NotFound, match="Umbrella"):
        mail_groups.of_company(ctx, "Umbrella")
    companies.add_company(ctx, NewCompany("Initech Labs"))
    mbox_path = tmp_path / "labs.mbox"
    labs = letter(
        "Initech Labs <hr@labs.example>",
        "Your application",
        INITECH_REJECTION.replace("Initech", "Initech Labs"),
        message_id="labs-1@labs.example",
    )
    mail.scan_sources(ctx, paths=[mbox(mbox_path, labs)])
    with pytest.raises(Ambiguous, match="several companies"):
        mail_groups.of_company(ctx, "Init")
    done = mail_groups.dismiss_many(ctx, mail_groups.of_company(ctx, "Initech"))
    assert [s.id for s in done] == [ids["initech"]]
    assert [s.status for s in done] == [SuggestionStatus.DISMISSED]
    history.undo(ctx)
    assert ids["initech"] in {s.id for s in mail_review.review(ctx)}


def test_a_bulk_confirmed_rejection_watches_its_company_when_asked(
    ctx: Context, scenario: Scenario, tmp_path: Path
) -> None:
    from dataclasses import replace

    from nextround.domain.companies import CompanyChanges
    from nextround.services import watch

    careers = "https://boards.greenhouse.io/acme"
    companies.edit_company(ctx, scenario.company_id, CompanyChanges(careers_url=careers))
    on = ctx.fresh(
        settings=replace(ctx.settings, watch=replace(ctx.settings.watch, after_rejection=True))
    )
    ids = filed(on, tmp_path)
    mail_groups.confirm_many(on, [ids["reject"], ids["initech"]])
    # Acme's board is known; Initech's isn't, and its rejection stands all the same.
    assert [w.company for w in watch.list_watches(ctx)] == ["Acme Robotics"]
