"""``nextround mail``: from an IMAP account to a confirmed rejection and its plan.

The real console script against the throwaway Dovecot, as a user would run it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.runner import Nextround, fingerprint
from tests.imapserver import HOST, ImapUser
from tests.services.test_mail import INVITE, NEWSLETTER, REJECTION, job_mail, letter, mbox


@pytest.fixture
def nr(tmp_path: Path) -> Nextround:
    user = Nextround(tmp_path, str(tmp_path / "nextround.db")).created()
    user.ok("company", "add", "Acme Robotics", "--website", "acme.example")
    user.ok(
        "person", "add", "Dana Smith", "--company", "Acme Robotics", "--email", "dana@acme.example"
    )
    user.ok(
        "app",
        "add",
        "--company",
        "Acme Robotics",
        "--role",
        "Backend Engineer",
        "--applied",
        "2026-10-01",
    )
    user.ok("interview", "add", "1", "--on", "2026-11-10", "--with", "Dana Smith")
    return user


def queued(nr: Nextround) -> list[dict[str, object]]:
    """``mail review --json``'s suggestions, group after group."""
    grouped = nr.ok("mail", "review", "--json").json()
    return [s for g in grouped["groups"] for s in g["suggestions"]]


def imap_env(user: ImapUser, password: str | None = None) -> dict[str, str]:
    return {
        "NEXTROUND_IMAP_HOST": HOST,
        "NEXTROUND_IMAP_PORT": str(user.server.plain_port),
        "NEXTROUND_IMAP_SECURITY": "none",
        "NEXTROUND_IMAP_USER": user.name,
        "NEXTROUND_IMAP_PASSWORD": password or user.password,
    }


def fill(user: ImapUser) -> None:
    user.append("INBOX", *job_mail())


def test_scan_review_confirm_from_an_imap_account(nr: Nextround, imap_user: ImapUser) -> None:
    fill(imap_user)
    flags_before = imap_user.flags()
    env = imap_env(imap_user)
    scanned = nr.ok("mail", "scan", "--imap", **env)
    assert "Read 3 messages: 2 to review" in scanned.out
    assert "Acme Robotics, Backend Engineer (app #1)" in scanned.out
    assert "new application? from Globex" in scanned.out
    assert imap_user.flags() == flags_before  # read-only: nothing marked as read

    queue = queued(nr)
    rejection = next(s for s in queue if s["label"] == "rejection")
    assert (rejection["application_id"], rejection["company"]) == (1, "Acme Robotics")

    confirmed = nr.ok("mail", "confirm", str(rejection["id"]))
    assert "Your follow-up plan is ready: `nextround app show 1`" in confirmed.out
    shown = nr.ok("app", "show", "1", "--json").json()
    assert shown["application"]["status"] == "rejected"
    assert any(t["kind"] == "thank_you_card" for t in shown["tasks"])

    # Nothing new: the rescan reads no message and files nothing twice.
    again = nr.ok("mail", "scan", "--imap", **env)
    assert "Read 0 messages: 0 to review" in again.out
    assert [s["label"] for s in queued(nr)] == ["interview_invite"]


def test_mail_that_confirmed_itself_is_not_counted_as_left_to_review(
    nr: Nextround, imap_user: ImapUser
) -> None:
    fill(imap_user)
    env = imap_env(imap_user) | {"NEXTROUND_MAIL_AUTO_CONFIRM": "0.5"}
    scanned = nr.ok("mail", "scan", "--imap", **env)
    assert "Read 3 messages: 1 to review, 1 confirmed automatically" in scanned.out
    assert [s["label"] for s in queued(nr)] == ["interview_invite"]


def test_a_wrong_password_is_one_line_and_never_shown(nr: Nextround, imap_user: ImapUser) -> None:
    fill(imap_user)
    before = fingerprint(nr.db)
    secret = "hunter2-wrong-Passw0rd"
    result = nr.run("mail", "scan", "--imap", **imap_env(imap_user, secret))
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert "Error:" in result.err
    assert secret not in result.out + result.err
    assert fingerprint(nr.db) == before


def test_scan_needs_a_source_and_an_account(nr: Nextround) -> None:
    nothing = nr.run("mail", "scan")
    assert nothing.code != 0
    assert "say what to scan" in nothing.err
    no_account = nr.run("mail", "scan", "--imap")
    assert no_account.code != 0
    assert "no IMAP account is set up" in no_account.err


def test_classify_prints_one_json_object_per_message_without_a_database(tmp_path: Path) -> None:
    user = Nextround(tmp_path, str(tmp_path / "never-created.db"))
    box = mbox(
        tmp_path / "box.mbox",
        letter(
            '"Acme Robotics Hiring" <no-reply@greenhouse-mail.io>',
            "Your application",
            REJECTION,
            message_id="r@x",
        ),
        letter("news@shop.example", "Weekly digest", NEWSLETTER, message_id="n@x"),
    )
    single = tmp_path / "invite.eml"
    single.write_bytes(letter("jobs@talent.globex.example", "Interview", INVITE, message_id="i@x"))
    result = user.ok("mail", "classify", str(box), str(single), "--json")
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [(r["message_id"], r["label"], r["company"]) for r in rows] == [
        ("r@x", "rejection", "Acme Robotics"),
        ("n@x", "other", None),
        ("i@x", "interview_invite", "Globex"),
    ]
    assert set(rows[0]) >= {"source", "message_id", "label", "confidence", "company"}
    assert not (tmp_path / "never-created.db").exists()


def test_classify_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    user = Nextround(tmp_path, str(tmp_path / "x.db"))
    bad = tmp_path / "notes.eml"
    bad.write_text("just some notes\n")
    good = tmp_path / "good.eml"
    good.write_bytes(letter("news@shop.example", "Weekly digest", NEWSLETTER, message_id="n@x"))
    result = user.run("mail", "classify", str(bad), str(good), "--json")
    assert result.code == 1
    assert result.err.count("Problem:") == 1
    assert json.loads(result.out)["label"] == "other"


def test_problems_are_counted_listed_and_forgotten(nr: Nextround, tmp_path: Path) -> None:
    box = mbox(tmp_path / "in.mbox", *job_mail())
    box.write_bytes(box.read_bytes() + b"From x Fri Nov 20 09:30:00 2026\nSubject: cut\n\nhalf")
    scanned = nr.ok("mail", "scan", "--mbox", str(box))
    assert "1 problem (`nextround mail review --problems`)." in scanned.out
    assert f"Problem: mbox:{box}#4: message 4" in scanned.err
    listed = nr.ok("mail", "review", "--problems")
    assert re.search(rf"#\d+ +read +\d{{4}}-\d\d-\d\d  mbox:{re.escape(str(box))}#4\n", listed.out)
    assert "is cut off: the file ends in the middle of it; skipped" in listed.out
    [problem] = nr.ok("mail", "review", "--problems", "--json").json()
    assert (problem["source"], problem["step"]) == (f"mbox:{box}#4", "read")
    # The rescan meets it again: still one problem, nothing filed twice.
    again = nr.ok("mail", "scan", "--mbox", str(box))
    assert "Read 3 messages: 0 to review" in again.out
    assert len(nr.ok("mail", "review", "--problems", "--json").json()) == 1
    assert "Forgot 1 problem." in nr.ok("mail", "review", "--problems", "--forget").out
    assert "No problems" in nr.ok("mail", "review", "--problems").out
    refused = nr.run("mail", "review", "--forget")
    assert refused.code != 0 and "--forget goes with --problems" in refused.err


def test_listings_escape_control_characters_and_bidi_overrides(
    nr: Nextround, tmp_path: Path
) -> None:
    odd = tmp_path / "in\x1b[2J\u202e.mbox"  # a name a stranger's archive could carry
    scanned = nr.run("mail", "scan", "--mbox", str(odd))
    assert scanned.code == 1
    assert "\x1b" not in scanned.err and "\u202e" not in scanned.err
    assert "in\\x1b[2J\\u202e.mbox does not exist" in scanned.err
    listed = nr.ok("mail", "review", "--problems").out
    assert "\x1b" not in listed and "in\\x1b[2J\\u202e.mbox" in listed
    # Text from mail itself never reaches the database with its control characters.
    box = mbox(
        tmp_path / "odd.mbox",
        letter(
            "Acme Talent <talent@acme.example>",
            "Your application\x1b[31m",
            "We regret to inform you\x07 that we will not move forward with your application.",
            message_id="odd@acme.example",
        ),
    )
    nr.ok("mail", "scan", "--mbox", str(box))
    [found] = queued(nr)
    assert found["subject"] == "Your application[31m"
    assert "\x1b" not in nr.ok("mail", "review").out
