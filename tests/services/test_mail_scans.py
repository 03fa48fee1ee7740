"""Scans without a server: classifying files, what a scan files, remembered folders, IMAP set-up."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from nextround.errors import ConfigError
from nextround.mail.imap import FolderState
from nextround.mail.sources import RawMail, SourceProblem
from nextround.services import applications, mail, mail_classify
from nextround.services.context import Context
from nextround.services.mail_classify import Classified
from tests.services.scenario import interviewed
from tests.services.test_mail import INVITE, NEWSLETTER, REJECTION, letter, mbox


def test_classifying_labels_each_message_and_guesses_the_company() -> None:
    found = list(
        mail_classify.classify_sources(
            [
                RawMail(
                    "a.eml",
                    letter(
                        "Globex Recruiting <jobs@talent.globex.example>",
                        "Hi",
                        INVITE,
                        message_id="i@x",
                    ),
                ),
                SourceProblem("b.mbox", "can't read b.mbox"),
                RawMail("c.eml", letter("news@shop.example", "News", NEWSLETTER, message_id="n@x")),
                FolderState("INBOX", 1, 2),
                RawMail("d.eml", b"\x00\x01 not mail"),
            ]
        )
    )
    invite, problem, news = found[:3]
    assert isinstance(invite, Classified)
    assert (invite.source, invite.message_id, invite.label, invite.company) == (
        "a.eml",
        "i@x",
        "interview_invite",
        "Globex",
    )
    assert 0.5 < invite.confidence <= 0.99 and invite.evidence
    assert problem == SourceProblem("b.mbox", "can't read b.mbox")
    assert isinstance(news, Classified) and (news.label, news.company) == ("other", None)
    # A folder's progress is not a message; bytes that aren't mail are a problem, not a crash.
    assert found[3:] == [
        SourceProblem("d.eml", "this is not an e-mail message: it has no headers", step="parse")
    ]


def test_a_scan_counts_what_it_read_and_names_the_new_company(ctx: Context, tmp_path: Path) -> None:
    interviewed(ctx)
    box = mbox(
        tmp_path / "in.mbox",
        letter(
            "Globex Recruiting <jobs@talent.globex.example>", "Invite", INVITE, message_id="i@x"
        ),
        letter("news@shop.example", "News", NEWSLETTER, message_id="n@x"),
        letter("news@shop.example", "News", NEWSLETTER, message_id="n@x"),  # the same, twice
    )
    report = mail.scan_sources(ctx, paths=[box, tmp_path / "missing.mbox"])
    assert (report.read, report.not_job_mail, report.already_seen, report.auto_confirmed) == (
        3,
        1,
        1,
        0,
    )
    [filed] = report.filed
    assert (filed.label, filed.company_id, filed.application_id) == ("interview_invite", None, None)
    assert filed.evidence[-1] == "new application? from Globex"
    assert [p.source for p in report.problems] == [str(tmp_path / "missing.mbox")]
    again = mail.scan_sources(ctx, paths=[box])
    assert (again.filed, again.already_seen) == ([], 2)


def test_auto_confirmation_needs_a_matched_application(ctx: Context, tmp_path: Path) -> None:
    scenario = interviewed(ctx)
    box = mbox(
        tmp_path / "in.mbox",
        letter(
            '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
            "Your application",
            REJECTION,
            message_id="r@x",
        ),
    )
    settings = dataclasses.replace(
        ctx.settings, mail=dataclasses.replace(ctx.settings.mail, auto_confirm_above=0.99)
    )
    strict = mail.scan_sources(ctx.fresh(settings=settings), paths=[box])
    assert strict.auto_confirmed == 0  # below the bar: it waits for review
    assert applications.show_application(ctx, scenario.app_id).application.rejected_on is None


def test_folders_are_remembered_per_imap_account(ctx: Context) -> None:
    account = "imap://sam@mail.example:993"
    mail.scan(ctx, [FolderState("INBOX", 7, 40), FolderState("Jobs", 7, 3)], account=account)
    mail.scan(ctx, [FolderState("INBOX", 9, 1)], account="imap://other@mail.example:993")
    mail.scan(ctx, [FolderState("Local", 1, 1)])
    assert mail.imap_known(ctx, account) == {
        "INBOX": FolderState("INBOX", 7, 40),
        "Jobs": FolderState("Jobs", 7, 3),
    }
    mail.scan(ctx, [FolderState("INBOX", 7, 44)], account=account)
    assert mail.imap_known(ctx, account)["INBOX"].last_uid == 44


def test_an_imap_scan_needs_an_account(ctx: Context) -> None:
    with pytest.raises(ConfigError) as caught:
        mail.scan_sources(ctx, use_imap=True)
    assert caught.value.message == (
        "no IMAP account is set up: add [imap] host, user and folders to the config "
        "file, or set NEXTROUND_IMAP_HOST and NEXTROUND_IMAP_USER"
    )
