"""``nextround mail scan|review|confirm|dismiss`` for a first scan: the real console script.

--since, the progress bar (only on a terminal), --quiet for scheduled scans,
the grouped review and deciding many at once.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli.runner import SCRIPT, Nextround, fingerprint
from tests.services.test_mail import mbox
from tests.services.test_mail_first_scan import (
    OLD,
    acme_rejection,
    globex_invite,
    initech_rejection,
    job_alert,
)


@pytest.fixture
def nr(tmp_path: Path) -> Nextround:
    user = Nextround(tmp_path, str(tmp_path / "nextround.db")).created()
    user.ok("company", "add", "Acme Robotics", "--website", "acme.example")
    user.ok("company", "add", "Initech", "--website", "initech.example")
    for company, role, applied in (
        ("Acme Robotics", "Backend Engineer", "2026-10-01"),
        ("Initech", "Data Engineer", "2026-09-15"),
    ):
        user.ok("app", "add", "--company", company, "--role", role, "--applied", applied)
    return user


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return mbox(
        tmp_path / "inbox.mbox",
        acme_rejection(1, datetime(2026, 11, 1, tzinfo=UTC)),
        initech_rejection(2, datetime(2026, 11, 5, tzinfo=UTC)),
        globex_invite(3, datetime(2026, 11, 3, tzinfo=UTC)),
        acme_rejection(4, OLD),  # 2024: before the default since
        job_alert(),
    )


def ids(nr: Nextround) -> dict[str, int]:
    grouped = nr.ok("mail", "review", "--json").json()
    return {
        s["message_id"].split("-")[0]: s["id"] for g in grouped["groups"] for s in g["suggestions"]
    }


def test_a_first_scan_skips_old_mail_folds_alerts_and_groups_the_rest(
    nr: Nextround, inbox: Path
) -> None:
    scanned = nr.ok("mail", "scan", "--mbox", str(inbox))
    assert scanned.err == ""  # piped: no progress bar
    assert "Read 4 messages: 3 to review" in scanned.out
    assert "1 newsletter or job alert folded away" in scanned.out
    # A month before Initech's application (2026-09-15).
    assert "Mail sent before 2026-08-15 was left unread (1 older message in files)" in scanned.out
    review = nr.ok("mail", "review").out
    headings = [line for line in review.splitlines() if line and not line.startswith(" ")]
    assert headings == [
        "Initech, Data Engineer (app #2)",
        "new application? from Globex",
        "Acme Robotics, Backend Engineer (app #1)",
        "1 newsletter or job alert is folded away: `nextround mail review --folded`.",
    ]
    grouped = nr.ok("mail", "review", "--json").json()
    assert (grouped["count"], grouped["folded"]) == (3, 1)
    assert [g["application_id"] for g in grouped["groups"]] == [2, None, 1]
    folded = nr.ok("mail", "review", "--folded").out
    assert "Job alert: 12 new Backend Engineer jobs" in folded
    assert "why: folded away: job alert" in folded
    alert = nr.ok("mail", "review", "--folded", "--json").json()["groups"][0]["suggestions"][0]
    assert nr.ok("mail", "unfold", str(alert["id"])).out == f"Unfolded #{alert['id']}.\n"
    assert nr.ok("mail", "review", "--json").json()["count"] == 4
    again = nr.run("mail", "unfold", str(alert["id"]))
    assert again.code != 0 and f"Not folded away: #{alert['id']} (pending)" in again.err
    nr.ok("undo")
    # --since all reads the old one too.
    everything = nr.ok("mail", "scan", "--mbox", str(inbox), "--since", "all")
    assert "Read 5 messages: 1 to review, 4 seen before" in everything.out
    assert "left unread" not in everything.out


def test_since_takes_a_date_or_all_and_nothing_else(nr: Nextround, inbox: Path) -> None:
    later = nr.ok("mail", "scan", "--mbox", str(inbox), "--since", "2026-11-04")
    # Initech's rejection (5 November) is read, and the job alert (20 November), folded.
    assert "Read 2 messages: 1 to review" in later.out
    assert "1 newsletter or job alert folded away" in later.out
    before = fingerprint(nr.db)
    bad = nr.run("mail", "scan", "--mbox", str(inbox), "--since", "last year")
    assert bad.code != 0
    assert bad.err.strip().splitlines() == [
        "Error: --since takes a date as YYYY-MM-DD, or 'all' to read every message "
        "(got 'last year')"
    ]
    future = nr.run("mail", "scan", "--mbox", str(inbox), "--since", "2062-11-04", "--quiet")
    assert future.code != 0 and future.err.strip().splitlines() == [
        f"Error: --since 2062-11-04 is after today ({nr.today}), so nothing would be read; "
        "give a day in the past, or 'all'"
    ]
    assert fingerprint(nr.db) == before


def test_quiet_prints_new_rejections_then_nothing(nr: Nextround, inbox: Path) -> None:
    first = nr.ok("mail", "scan", "--mbox", str(inbox), "--quiet")
    assert first.out.splitlines() == [
        "New rejection: Acme Robotics, Backend Engineer (app #1): Your application "
        "(`nextround mail confirm 1` runs your follow-up plan)",
        "New rejection: Initech, Data Engineer (app #2): Your application to Initech "
        "(`nextround mail confirm 2` runs your follow-up plan)",
        "1 more message to review: `nextround mail review`.",
    ]
    assert first.err == ""
    again = nr.run("mail", "scan", "--mbox", str(inbox), "--quiet")
    assert (again.code, again.out, again.err) == (0, "", "")


def test_quiet_still_reports_problems(nr: Nextround, tmp_path: Path) -> None:
    box = mbox(tmp_path / "cut.mbox", globex_invite(1))
    box.write_bytes(box.read_bytes() + b"From x Fri Nov 20 09:30:00 2026\nSubject: cut\n\nhalf")
    scanned = nr.ok("mail", "scan", "--mbox", str(box), "-q")
    assert scanned.out == "1 more message to review: `nextround mail review`.\n"
    assert scanned.err.startswith(f"Problem: mbox:{box}#2: ")
    again = nr.ok("mail", "scan", "--mbox", str(box), "-q")  # said once, not at every run
    assert (again.out, again.err) == ("", "")
    assert f"mbox:{box}#2" in nr.ok("mail", "review", "--problems").out  # still listed


@pytest.mark.parametrize(
    ("extra", "shown"), [((), True), (("--quiet",), False), (("--json",), False)]
)
def test_the_progress_bar_shows_on_a_terminal_unless_quiet_or_json(
    nr: Nextround, inbox: Path, extra: tuple[str, ...], shown: bool
) -> None:
    main, child = pty.openpty()
    env = nr.env(TERM="xterm-256color", COLUMNS="100")
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [str(SCRIPT), "mail", "scan", "--mbox", str(inbox), *extra],
        stdout=subprocess.PIPE,
        stderr=child,
        env=env,
    )
    os.close(child)
    seen = b""
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            piece = os.read(main, 4096)
        except OSError:  # the terminal closed with the program
            break
        if not piece:
            break
        seen += piece
    out, _ = process.communicate(timeout=30)
    os.close(main)
    assert process.returncode == 0
    assert (b"Scanning mail:" in seen and b"messages read" in seen) is shown
    if not extra:
        assert b"Read 4 messages" in out  # the summary still goes to standard output


def test_bulk_confirm_and_dismiss(nr: Nextround, inbox: Path) -> None:
    nr.ok("mail", "scan", "--mbox", str(inbox))
    found = ids(nr)
    before = fingerprint(nr.db)
    bad = nr.run("mail", "confirm", str(found["reject"]), str(found["initech"]), "999")
    assert bad.code != 0
    assert bad.err.strip().splitlines() == [
        "Error: No mail suggestion #999; nothing was changed. See `nextround mail review`."
    ]
    assert fingerprint(nr.db) == before

    done = nr.ok("mail", "confirm", str(found["reject"]), str(found["initech"]))
    assert done.out.splitlines()[0] == (
        f"Confirmed 2 messages (2 rejection): #{found['reject']}, #{found['initech']}."
    )
    assert "`nextround undo` takes the whole batch back" in done.out
    statuses = {a["role"]: a["status"] for a in nr.ok("app", "list", "--json").json()}
    assert statuses == {"Backend Engineer": "rejected", "Data Engineer": "rejected"}
    nr.ok("undo")
    statuses = {a["role"]: a["status"] for a in nr.ok("app", "list", "--json").json()}
    assert statuses == {"Backend Engineer": "applied", "Data Engineer": "applied"}
    assert len(ids(nr)) == 3


def test_by_company_dismiss_freely_confirm_only_with_yes(nr: Nextround, inbox: Path) -> None:
    nr.ok("mail", "scan", "--mbox", str(inbox))
    found = ids(nr)
    refused = nr.run("mail", "confirm", "--company", "Initech")
    assert refused.code != 0 and "add --yes to go ahead" in refused.err
    assert "initech" in ids(nr)
    both = nr.run("mail", "dismiss", "1", "--company", "Initech")
    assert "not both" in both.err
    gone = nr.ok("mail", "dismiss", "--company", "initech")
    assert gone.out == f"Dismissed #{found['initech']}.\n"
    assert "initech" not in ids(nr)
    done = nr.ok("mail", "confirm", "--company", "Acme Robotics", "--yes", "--json").json()
    assert [s["status"] for s in done["confirmed"]] == ["confirmed"]
    assert list(ids(nr)) == ["invite"]
    unknown = nr.run("mail", "dismiss", "--company", "Umbrella")
    assert unknown.code != 0 and "named 'Umbrella'" in unknown.err


def test_a_guessed_application_is_flagged_in_the_listing(nr: Nextround, tmp_path: Path) -> None:
    from tests.services.test_mail import no_role_rejection

    nr.ok("app", "add", "--company", "Acme Robotics", "--role", "Platform Engineer")
    no_role = no_role_rejection("reject-9@greenhouse-mail.io", datetime(2026, 11, 1, tzinfo=UTC))
    scanned = nr.ok("mail", "scan", mbox(tmp_path / "one.mbox", no_role).as_posix())
    [suggestion] = ids(nr).values()
    check = (
        "check: several applications at Acme Robotics fit and this is the most recent; "
        f"`nextround mail confirm {suggestion} --app ID` names another"
    )
    assert check in scanned.out and check in nr.ok("mail", "review").out


def test_yes_and_no_are_refused_where_they_would_be_ignored(nr: Nextround, inbox: Path) -> None:
    nr.ok("mail", "scan", "--mbox", str(inbox))
    found = ids(nr)
    before = fingerprint(nr.db)
    no = nr.run("mail", "confirm", str(found["reject"]), "--no")
    assert no.code != 0 and no.err.strip().splitlines() == [
        "Error: “Your application” from Acme Robotics Hiring is rejection mail, not a reply to "
        "“OK to connect?”: a yes or a no answers replies only; nothing was confirmed "
        "(leave out --yes and --no)."
    ]
    many = nr.run("mail", "confirm", str(found["reject"]), str(found["initech"]), "--yes")
    assert many.code != 0 and "--yes and --no go with one id" in many.err
    assert fingerprint(nr.db) == before


def test_what_a_confirmation_lacks_is_named_with_its_flag(nr: Nextround, inbox: Path) -> None:
    nr.ok("mail", "scan", "--mbox", str(inbox))
    found = ids(nr)
    one = nr.run("mail", "confirm", str(found["invite"]))
    assert one.err.strip() == (
        "Error: “Interview invitation” from Globex Recruiting isn't tied to an application yet; "
        "choose one, or add it as a new application (name one with "
        f"`nextround mail confirm {found['invite']} --app ID`, or add it with "
        "`--new-application ROLE`)."
    )
    batch = nr.run("mail", "confirm", str(found["reject"]), str(found["invite"]))
    assert batch.err.startswith(f"Error: #{found['invite']}: “Interview invitation”")
    assert batch.err.strip().endswith(
        "Nothing was confirmed (confirm that one on its own to give it --app, "
        "--new-application, --yes or --no)."
    )


def test_quiet_names_every_application_that_moved_by_itself(nr: Nextround, tmp_path: Path) -> None:
    from tests.services.test_mail import INVITE, letter

    invite = letter(
        "Initech Recruiting <jobs@initech.example>",
        "Interview invitation: Data Engineer",
        INVITE.replace("Globex", "Initech").replace("Data Analyst", "Data Engineer"),
        message_id="invite-7@initech.example",
        when=datetime(2026, 11, 2, tzinfo=UTC),
    )
    box = mbox(tmp_path / "in.mbox", invite)
    quiet = nr.ok("mail", "scan", "--mbox", str(box), "-q", NEXTROUND_MAIL_AUTO_CONFIRM="0.5")
    assert quiet.out.splitlines() == [
        "Interview invitation confirmed automatically: Initech, Data Engineer (app #2): "
        "Interview invitation: Data Engineer"
    ]
    shown = nr.ok("app", "show", "2", "--json").json()
    assert shown["application"]["status"] == "interviewing"


def test_quiet_says_how_to_confirm_a_rejection_from_an_untracked_employer(
    nr: Nextround, tmp_path: Path
) -> None:
    from tests.services.test_mail import REJECTION, letter

    untracked = letter(
        "Umbrella Talent <jobs@umbrella.example>",
        "Your application",
        REJECTION.replace("Acme Robotics", "Umbrella"),
        message_id="reject-8@umbrella.example",
        when=datetime(2026, 11, 2, tzinfo=UTC),
    )
    quiet = nr.ok("mail", "scan", "--mbox", str(mbox(tmp_path / "u.mbox", untracked)), "-q")
    [suggestion] = ids(nr).values()
    assert quiet.out.splitlines() == [
        "New rejection: new application? from Umbrella: Your application "
        f"(`nextround mail confirm {suggestion} --app ID` or `--new-application ROLE` ties it "
        "to an application and runs your follow-up plan)"
    ]
    done = nr.ok("mail", "confirm", str(suggestion), "--new-application", "Backend Engineer")
    assert "Your follow-up plan is ready" in done.out


def test_places_are_stored_as_absolute_paths(nr: Nextround, tmp_path: Path) -> None:
    box = mbox(tmp_path / "cut.mbox", globex_invite(1))
    box.write_bytes(box.read_bytes() + b"From x Fri Nov 20 09:30:00 2026\nSubject: cut\n\nhalf")
    relative = os.path.relpath(box, Path.cwd())
    scanned = nr.ok("mail", "scan", "--mbox", relative)
    assert f"Problem: mbox:{box}#2: " in scanned.err
