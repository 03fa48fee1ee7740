"""Every record can be edited, deleted, restored and undone from the command line."""

from __future__ import annotations

import pytest

from tests.cli.runner import Nextround, fingerprint
from tests.cli.scenarios import interviewed_at_acme


@pytest.fixture
def search(nr: Nextround) -> Nextround:
    return interviewed_at_acme(nr)


def test_a_typo_in_a_name_and_a_role_can_be_fixed(search: Nextround) -> None:
    assert (
        search.ok("person", "edit", "Dana Smith", "--name", "Dana Smyth").out
        == "Updated Dana Smyth.\n"
    )
    assert search.ok("app", "edit", "1", "--role", "Backend Engineer").out.startswith(
        "Updated #1 Backend Engineer at Acme Robotics"
    )
    assert search.ok("company", "edit", "Acme", "--name", "Acme Robotics GmbH").out == (
        "Updated Acme Robotics GmbH.\n"
    )
    shown = search.ok("person", "show", "1", "--json").json()
    assert shown["person"]["name"] == "Dana Smyth"
    assert shown["person"]["company"] == "Acme Robotics GmbH"


def test_an_empty_value_clears_a_field_and_a_missing_one_keeps_it(search: Nextround) -> None:
    search.ok("person", "edit", "Dana", "--email", "", "--title", "Engineering Manager")
    person = search.ok("person", "show", "Dana", "--json").json()["person"]
    assert person["email"] is None
    assert person["title"] == "Engineering Manager"
    assert person["name"] == "Dana Smith"


def test_an_interview_can_be_changed_and_keeps_its_earlier_version(search: Nextround) -> None:
    search.ok("interview", "edit", "1", "--on", "2026-11-12", "--at", "09:30", "--with", "Lee")
    shown = search.ok("interview", "show", "1", "--json").json()
    assert shown["interview"]["on"] == "2026-11-12"
    assert shown["interview"]["at"] == "09:30:00"
    assert [p["name"] for p in shown["people"]] == ["Lee Wong"]
    assert len(shown["revisions"]) == 1
    assert "2026-11-10" in shown["revisions"][0]["text"]
    assert "Dana Smith" in shown["revisions"][0]["text"]


def test_a_journal_entry_edit_keeps_the_earlier_text(search: Nextround) -> None:
    search.ok("journal", "add", "1", "--text", "Dana: the tour of the lab")
    search.ok("journal", "edit", "1", "--text", "Dana: the tour of the robot lab")
    history = search.ok("journal", "history", "1", "--json").json()
    assert history["entry"]["body"] == "Dana: the tour of the robot lab"
    assert [r["text"] for r in history["revisions"]] == ["Dana: the tour of the lab"]


def test_delete_restore_and_undo_a_person(search: Nextround) -> None:
    search.ok("reject", "1", "--on", "2026-11-20")
    gone = search.ok("person", "rm", "Dana Smith")
    assert "Moved Dana Smith (person 1) to the trash (2 open steps cancelled)." in gone.out
    assert search.run("person", "show", "Dana Smith").code == 1
    plan = search.ok("app", "show", "1", "--json").json()["tasks"]
    assert not [t for t in plan if t["person_id"] == 1]
    trash = search.ok("trash", "list", "--json").json()
    assert [t["label"] for t in trash] == ["Deleted Dana Smith"]
    assert search.ok("undo").out == "Undone: Deleted Dana Smith.\n"
    assert search.ok("trash", "list").out == "The trash is empty.\n"
    assert search.ok("person", "show", "Dana Smith", "--json").json()["person"]["id"] == 1
    steps = search.ok("app", "show", "1", "--json").json()["tasks"]
    assert {t["kind"] for t in steps if t["person_id"] == 1} == {"thank_you_card", "congrats_email"}


def test_undo_goes_back_one_change_at_a_time_then_says_there_is_nothing(nr: Nextround) -> None:
    nr.ok("company", "add", "Globex")
    nr.ok("company", "edit", "Globex", "--website", "globex.example")
    assert nr.ok("undo").out == "Undone: Edited Globex.\n"
    assert nr.ok("company", "show", "Globex", "--json").json()["company"]["website"] is None
    assert nr.ok("undo").out == "Undone: Added Globex.\n"
    assert nr.ok("company", "list").out.startswith("No companies yet")
    nothing = nr.run("undo")
    assert nothing.code == 1 and nothing.err == "Error: there is nothing to undo\n"


def test_a_restore_after_other_changes_and_a_restore_whose_company_is_gone(
    search: Nextround,
) -> None:
    search.ok("person", "rm", "Lee Wong")
    search.ok("company", "add", "Globex")  # a later change: the deletion is no longer the latest
    restored = search.ok("trash", "restore", _trash_id(search, "Deleted Lee Wong"))
    assert restored.out == "Restored: Lee Wong.\n"
    assert search.ok("person", "show", "Lee Wong", "--json").json()["person"]["id"] == 2
    search.ok("person", "rm", "Lee Wong")
    lee = _trash_id(search, "Deleted Lee Wong")
    search.ok("company", "rm", "Acme", "--cascade")
    acme = _trash_id(search, "Deleted Acme Robotics")
    refused = search.run("trash", "restore", lee)
    assert refused.code == 1
    assert refused.err == (
        "Error: “Deleted Lee Wong” can't come back on its own: it belongs to company 1, which has "
        f"been deleted since; restore it first (trash entry {acme})\n"
    )
    search.ok("trash", "restore", acme)
    search.ok("trash", "restore", lee)
    names = [p["name"] for p in search.ok("person", "list", "--json").json()]
    assert names == ["Dana Smith", "Lee Wong"]


def _trash_id(nr: Nextround, label: str) -> str:
    found = [t for t in nr.ok("trash", "list", "--json").json() if t["label"] == label]
    assert found, label
    return str(found[0]["id"])


def test_emptying_the_trash_needs_a_yes_and_forgets(search: Nextround) -> None:
    search.ok("person", "rm", "Lee Wong")
    refused = search.run("trash", "empty")
    assert refused.code == 2 and "add --yes" in refused.err
    assert search.ok("trash", "empty", "--yes").out == "Emptied the trash (1 deletion forgotten).\n"
    assert search.ok("trash", "list").out == "The trash is empty.\n"


def test_deleting_a_company_with_applications_needs_cascade(search: Nextround) -> None:
    refused = search.run("company", "rm", "Acme")
    assert refused.code == 1
    assert refused.err == (
        "Error: Acme Robotics still has 1 application and 2 people; delete them first, "
        "or delete everything together (--cascade)\n"
    )
    done = search.ok("company", "rm", "Acme", "--cascade")
    assert "(1 application; 2 people)" in done.out
    assert search.ok("app", "list").out.startswith("No applications yet")


def test_every_record_kind_can_be_removed_and_undone(search: Nextround) -> None:
    search.ok("journal", "add", "1", "--text", "notes")
    for args, label in (
        (("journal", "rm", "1"), "Deleted a journal entry of Backend Enginer at Acme Robotics"),
        (
            ("interview", "rm", "1"),
            "Deleted the interview of 2026-11-10 for Backend Enginer at Acme Robotics",
        ),
        (("app", "rm", "1"), "Deleted Backend Enginer at Acme Robotics"),
    ):
        search.ok(*args)
        assert search.ok("undo").out == f"Undone: {label}.\n"
    view = search.ok("app", "show", "1", "--json").json()
    assert len(view["interviews"]) == 1 and len(view["journal"]) == 1


def test_a_step_can_be_moved_reworded_reset_and_removed(search: Nextround) -> None:
    search.ok("reject", "1", "--on", "2026-11-20")
    card = _step(search, "thank_you_card")
    search.ok("task", "edit", card, "--due", "2026-11-30", "--text", "Dear Dana, thank you.")
    shown = search.ok("task", "show", card, "--json").json()
    assert (shown["due"], shown["draft"], shown["draft_edited"]) == (
        "2026-11-30",
        "Dear Dana, thank you.",
        True,
    )
    search.ok("task", "edit", card, "--reset")
    reset = search.ok("task", "show", card, "--json").json()
    assert reset["draft_edited"] is False and reset["draft"].startswith("Dear Dana,\n")
    removed = search.ok("task", "rm", card)
    assert removed.out.startswith(f"Removed from the plan: #{card}")
    assert search.ok("task", "show", card, "--json").json()["status"] == "skipped"


def _step(nr: Nextround, kind: str) -> str:
    tasks = nr.ok("tasks", "--json").json()
    return str(next(t["id"] for t in tasks if t["kind"] == kind))


def test_showing_a_draft_writes_nothing(nr_sqlite: Nextround) -> None:
    nr = interviewed_at_acme(nr_sqlite)
    nr.ok("reject", "1")
    card = _step(nr, "thank_you_card")
    before = fingerprint(nr.db)
    assert "[your name]" in nr.ok("task", "show", card).out
    assert fingerprint(nr.db) == before
    nr.ok("setup", "--name", "Sam Rivera")
    assert "Sam Rivera" in nr.ok("task", "show", card).out


def test_a_reply_can_be_taken_back(search: Nextround) -> None:
    search.ok("reject", "1", "--on", "2026-11-20")
    search.ok("reply", "Dana", "--yes")
    assert "linkedin_invite" in {t["kind"] for t in search.ok("tasks", "--json").json()}
    assert search.ok("reply", "Dana", "--clear").out == "Took back Dana Smith's answer.\n"
    assert "linkedin_invite" not in {t["kind"] for t in search.ok("tasks", "--json").json()}


def test_status_moves_make_a_history(search: Nextround) -> None:
    search.ok("app", "status", "1", "interviewing", "--on", "2026-11-01")
    search.ok("reject", "1", "--on", "2026-11-20")
    out = search.ok("app", "history", "1").out
    assert out == (
        "#1 Backend Enginer at Acme Robotics\n"
        "  2026-10-01  applied\n"
        "  2026-11-01  applied → interviewing\n"
        "  2026-11-20  interviewing → rejected\n"
    )


def test_adding_an_application_at_a_new_company_adds_it_and_says_so(nr: Nextround) -> None:
    added = nr.ok("app", "add", "--company", "Initech", "--role", "Analyst")
    assert added.out == "1\n"
    assert added.err == "Added the company Initech (id 1) too.\n"
    assert [c["name"] for c in nr.ok("company", "list", "--json").json()] == ["Initech"]


def test_the_details_people_track(nr: Nextround) -> None:
    nr.ok("company", "add", "Initech")
    nr.ok("person", "add", "Ravi Patel", "--company", "Initech")
    nr.ok(
        "app", "add", "--company", "Initech", "--role", "Analyst", "--location", "Lisbon",
        "--work-mode", "hybrid", "--salary-min", "50000", "--salary-max", "60000",
        "--currency", "eur", "--period", "year", "--source", "referral", "--referrer", "Ravi",
        "--description", "Build reports.\nOwn the data model.",
    )  # fmt: skip
    app = nr.ok("app", "show", "1", "--json").json()["application"]
    assert (app["location"], app["work_mode"], app["source"], app["referrer"]) == (
        "Lisbon", "hybrid", "referral", "Ravi Patel",
    )  # fmt: skip
    assert app["salary"] == {
        "minimum": 50000,
        "maximum": 60000,
        "currency": "EUR",
        "period": "year",
    }
    assert app["description"] == "Build reports.\nOwn the data model."
    shown = nr.ok("app", "show", "1").out
    assert "salary: EUR 50,000\u201360,000 a year" in shown
    nr.ok("app", "edit", "1", "--location", "")
    assert nr.ok("app", "show", "1", "--json").json()["application"]["location"] is None


def test_an_interview_still_to_come_at_the_rejection_gets_no_card(search: Nextround) -> None:
    search.ok("interview", "add", "1", "--on", "2026-12-01", "--with", "Lee")
    plan = search.ok("reject", "1", "--on", "2026-11-20")
    assert (
        "No card or email for Lee Wong: you were still to meet them when Acme Robotics said no, "
        "so that interview is called off." in plan.out
    )
    tasks = search.ok("app", "show", "1", "--json").json()
    assert not [t for t in tasks["tasks"] if t["person_id"] == 2]
    assert [i["status"] for i in tasks["interviews"]] == ["planned", "called_off"]
    search.ok("app", "status", "1", "interviewing")
    back = search.ok("app", "show", "1", "--json").json()
    assert [i["status"] for i in back["interviews"]] == ["planned", "planned"]


def test_an_interview_before_the_application_is_kept_with_a_note(search: Nextround) -> None:
    done = search.ok("interview", "add", "1", "--on", "2026-09-20", "--with", "Lee")
    assert "Recorded the video interview on 2026-09-20 with Lee Wong (id 2)." in done.out
    assert done.err == (
        "Note: this interview (2026-09-20) is before the application was sent (2026-10-01); "
        "kept as given, since recruiter screens often come first.\n"
    )


def test_a_duplicate_person_is_refused_unless_allowed(search: Nextround) -> None:
    refused = search.run("person", "add", "Dr. Dana Smith", "--company", "Acme")
    assert refused.code == 1
    assert refused.err == (
        "Error: Dana Smith at Acme Robotics (id 1) has the same name; use that person, "
        "or add this one anyway (--allow-duplicate)\n"
    )
    same_email = search.run(
        "person", "add", "D. Smith", "--company", "Acme", "--email", "DANA@acme.example"
    )
    assert same_email.code == 1 and "has the same email" in same_email.err
    search.ok("person", "add", "Dr. Dana Smith", "--company", "Acme", "--allow-duplicate")
    search.ok("person", "merge", "3", "--into", "1")
    assert [p["name"] for p in search.ok("person", "list", "--json").json()] == [
        "Dana Smith",
        "Lee Wong",
    ]


def test_a_duplicate_company_is_refused_and_companies_merge(search: Nextround) -> None:
    refused = search.run("company", "add", "ACME Robotics, Inc.")
    assert refused.code == 1 and "Acme Robotics (id 1) has the same name" in refused.err
    search.ok("company", "add", "Acme Robotics Inc", "--allow-duplicate")
    search.ok("app", "add", "--company", "2", "--role", "Data Engineer")
    merged = search.ok("company", "merge", "2", "--into", "1")
    assert (
        "Merged company 2 into Acme Robotics (id 1): moved 1 application, 0 people." in merged.out
    )
    apps = search.ok("app", "list", "--json").json()
    assert {a["company_id"] for a in apps} == {1}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("person", "edit", "Dana", "--name", "Dana\x1b[31mSmith"),
            "person's name contains a control character (U+001B)",
        ),
        (("company", "add", "Acme\x07 Two"), "company name contains a control character (U+0007)"),
        (
            ("person", "add", "Ann\udcff", "--company", "Acme"),
            "person's name contains a broken character",
        ),
        (
            ("app", "add", "--company", "Acme", "--role", "X", "--applied", "9999-12-31"),
            "applied date 9999-12-31 is out of range",
        ),
        (
            ("interview", "add", "1", "--on", "1899-12-31"),
            "interview date 1899-12-31 is out of range",
        ),
        (("reject", "1", "--on", "2026-09-01"), "before the application was sent"),
        (("app", "show", "9223372036854775808"), "no application with id 9223372036854775808"),
        (("task", "done", "2147483648"), "no task with id 2147483648"),
        (("person", "show", "99999999999999999999"), "no person with id 99999999999999999999"),
        (
            ("app", "edit", "1", "--salary-min", "9", "--salary-max", "1"),
            "the lowest salary (9) is above the highest (1)",
        ),
        (
            ("app", "edit", "1", "--work-mode", "sometimes"),
            "work mode 'sometimes' is not one of: onsite, hybrid, remote",
        ),
        (("person", "merge", "1", "--into", "1"), "can't be merged into themselves"),
        (("company", "edit", "Acme", "--name", ""), "company name can't be empty"),
        (
            ("person", "add", "x" * 201, "--company", "Acme"),
            "person's name is 201 characters long; keep it under 200",
        ),
    ],
    ids=lambda v: v[0] if isinstance(v, tuple) else None,
)
def test_bad_edits_are_one_line_and_write_nothing(
    search: Nextround, args: tuple[str, ...], message: str
) -> None:
    before = search.ok("undo", "--list", "--json").json()
    result = search.run(*args)
    assert result.code != 0
    assert result.err.startswith("Error: ") and result.err.count("\n") == 1, result.err
    assert message in result.err
    assert search.ok("undo", "--list", "--json").json() == before


def test_verbose_logs_the_change_and_a_bad_log_level_is_named(search: Nextround) -> None:
    logged = search.ok("-v", "company", "add", "Globex")
    assert "INFO: change 6: Added Globex" in logged.err
    quiet = search.ok("company", "add", "Initech")
    assert quiet.err == ""
    bad = search.run("today", NEXTROUND_LOG_LEVEL="chatty")
    assert bad.code == 1 and "NEXTROUND_LOG_LEVEL='chatty' is not a log level" in bad.err
