"""A job seeker's first session, end to end through the real command."""

from __future__ import annotations

from tests.cli import scenarios
from tests.cli.runner import Nextround


def record_acme(nr: Nextround) -> str:
    return scenarios.record_acme(nr, dana=("--address", "1 Main St, Springfield"))


def test_from_nothing_to_a_plan_and_an_agenda(nr: Nextround) -> None:
    empty = nr.ok("today")
    assert "No follow-ups due. Nice." in empty.out
    assert "nextround demo" in empty.out
    app_id = record_acme(nr)
    assert app_id.isdigit()
    plan = nr.ok("reject", app_id, "--on", "2026-11-20").out
    assert "Acme Robotics said no to Backend Engineer on 2026-11-20." in plan
    for step in (
        "Write a thank-you card to Dana Smith",
        "Email Dana Smith",
        "Follow Acme Robotics",
        "Check back with Acme Robotics",
    ):
        assert step in plan
    agenda = nr.ok("--json", "today").json()
    assert agenda["today"] == "2026-11-25"
    overdue_kinds = {t["kind"] for t in agenda["overdue"]}
    assert {"journal", "thank_you_card", "follow_company", "find_email"} <= overdue_kinds
    [email] = [t for t in agenda["upcoming"] if t["kind"] == "congrats_email"]
    assert email["due"] == "2026-11-27"
    assert (email["company"], email["person"], email["application_id"]) == (
        "Acme Robotics",
        "Dana Smith",
        int(app_id),
    )
    shown = nr.ok("task", "show", str(email["id"])).out
    assert "Subject: " in shown and "Hi Dana," in shown


def test_json_task_objects_carry_the_documented_fields(nr: Nextround) -> None:
    app_id = record_acme(nr)
    nr.ok("reject", app_id)
    tasks = nr.ok("tasks", "--json").json()
    assert tasks
    for task in tasks:
        assert {
            "id",
            "kind",
            "title",
            "due",
            "status",
            "company",
            "person",
            "application_id",
        } <= task.keys()
    assert {t["kind"] for t in tasks} >= {
        "journal",
        "thank_you_card",
        "congrats_email",
        "follow_company",
        "check_back",
    }


def test_done_skip_and_snooze_leave_the_agenda(nr: Nextround) -> None:
    app_id = record_acme(nr)
    nr.ok("reject", app_id, "--on", "2026-11-20")
    overdue = nr.ok("today", "--json").json()["overdue"]
    card, journal_task = (
        next(t for t in overdue if t["kind"] == k) for k in ("thank_you_card", "journal")
    )
    follow = next(t for t in overdue if t["kind"] == "follow_company")
    assert "Done: #" in nr.ok("task", "done", str(card["id"])).out
    nr.ok("task", "skip", str(journal_task["id"]))
    assert (
        "until 2026-12-09"
        in nr.ok("task", "snooze", str(follow["id"]), "--until", "2026-12-09").out
    )
    remaining = {t["id"] for t in nr.ok("today", "--json").json()["overdue"]}
    assert not remaining & {card["id"], journal_task["id"], follow["id"]}
    person = nr.ok("person", "show", "Dana Smith", "--json").json()
    # The card marked done today is the card mailed today: the relationship says so.
    assert person["relationship"]["card_mailed_on"] == "2026-11-25"
    everything = {t["id"]: t["status"] for t in nr.ok("tasks", "--all", "--json").json()}
    assert everything[card["id"]] == "done" and everything[journal_task["id"]] == "skipped"


def test_reply_yes_plans_the_invitation_with_a_note_within_the_limit(nr: Nextround) -> None:
    app_id = record_acme(nr)
    nr.ok("reject", app_id)
    out = nr.ok("reply", "Dana Smith", "--yes").out
    assert "Send Dana Smith a LinkedIn invitation" in out
    invite = next(t for t in nr.ok("tasks", "--json").json() if t["kind"] == "linkedin_invite")
    shown = nr.ok("task", "show", str(invite["id"])).out
    assert "of 200 characters)" in shown  # the default: a free LinkedIn account
    assert invite["due"] == "2026-11-26"


def test_journal_add_show_and_search(nr: Nextround) -> None:
    app_id = record_acme(nr)
    nr.ok(
        "journal",
        "add",
        app_id,
        "--text",
        "## Questions they asked\nHow would you shard the telemetry store?",
    )
    assert "shard the telemetry store" in nr.ok("journal", "show", app_id).out
    hits = nr.ok("journal", "search", "sharding", "--json").json()
    assert [h["application"]["id"] for h in hits["entries"]] == [int(app_id)]
    assert "Nothing found." in nr.ok("journal", "search", "kubernetes").out


def test_journal_add_opens_the_editor_on_the_prompts(
    nr_sqlite: Nextround, tmp_path: object
) -> None:
    nr = nr_sqlite
    app_id = record_acme(nr)
    editor = nr.home / "editor.sh"
    editor.write_text(
        '#!/bin/sh\nsed -i "s/^## What went well$/## What went well\\nThe system design round flowed./" "$1"\n'
    )
    editor.chmod(0o755)
    nr.ok("journal", "add", app_id, EDITOR=str(editor))
    [entry] = nr.ok("journal", "show", app_id, "--json").json()
    assert entry["body"] == "## What went well\nThe system design round flowed."


def test_lists_and_shows_speak_json(nr: Nextround) -> None:
    app_id = record_acme(nr)
    assert [c["name"] for c in nr.ok("company", "list", "--json").json()] == ["Acme Robotics"]
    assert (
        nr.ok("company", "show", "acme robotics", "--json")
        .json()["company"]["socials"][0]["url"]
        .endswith("acme-example")
    )
    assert {p["name"] for p in nr.ok("person", "list", "--json").json()} == {
        "Dana Smith",
        "Lee Wong",
    }
    assert nr.ok("app", "show", app_id, "--json").json()["application"]["status"] == "applied"
    assert [a["role"] for a in nr.ok("--json", "app", "list").json()] == ["Backend Engineer"]
    assert "Backend Engineer" in nr.ok("app", "list").out


def test_withdrawing_the_rejection_cancels_the_open_steps(nr: Nextround) -> None:
    app_id = record_acme(nr)
    nr.ok("reject", app_id)
    out = nr.ok("app", "status", app_id, "interviewing").out
    assert "is now interviewing" in out and "were cancelled" in out
    assert nr.ok("tasks", "--json").json() == []
    nr.ok("reject", app_id)
    statuses = {t["status"] for t in nr.ok("tasks", "--all", "--json").json()}
    assert statuses == {"open"}


def test_a_company_with_history_points_to_it(nr: Nextround) -> None:
    app_id = record_acme(nr)
    nr.ok("reject", app_id)
    again = nr.ok("app", "add", "--company", "Acme Robotics", "--role", "Site Reliability Engineer")
    assert "You've been here before: Backend Engineer (rejected)" in again.err


def test_search_shows_the_line_that_matched(nr_sqlite: Nextround) -> None:
    app_id = record_acme(nr_sqlite)
    body = "## Who I met\nDana and Lee.\n## Questions they asked\nHow would you shard the telemetry store?"
    nr_sqlite.ok("journal", "add", app_id, "--text", body)
    out = nr_sqlite.ok("journal", "search", "sharding").out
    assert out.strip().endswith(": How would you shard the telemetry store?")
