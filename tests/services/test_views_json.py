"""The JSON every face shares (``--json``, the API): one shape per view, key by key."""

from __future__ import annotations

from datetime import date, datetime

from nextround.domain.history import Change, ChangeKind
from nextround.domain.journal import NewJournalEntry
from nextround.domain.suggestions import Suggestion, SuggestionKind, SuggestionStatus
from nextround.domain.tasks import Kind
from nextround.mail.sources import SourceProblem
from nextround.services import applications, emails, interviews, journal, people, tasks
from nextround.services.context import Context
from nextround.services.history import Restored, TrashItem, Undone
from nextround.services.mail import ScanReport
from nextround.services.mail_classify import Classified
from tests.services.scenario import interviewed


def suggestion(id: int) -> Suggestion:
    return Suggestion(
        id, f"<{id}@x>", "inbox", SuggestionKind.JOB, None, "a@b", "A", "S", "E", "rejection",
        0.5, (), None, None, None, None, SuggestionStatus.PENDING, None,
    )  # fmt: skip


def test_a_scan_report_merges_and_reads_as_json() -> None:
    first = ScanReport(
        read=2, filed=[suggestion(1)], auto_confirmed=1, folders_done=["INBOX"], folded=1,
        since=date(2026, 9, 1),
    )  # fmt: skip
    second = ScanReport(
        read=3,
        filed=[suggestion(2)],
        already_seen=4,
        not_job_mail=5,
        folders_done=["Jobs"],
        folded=2,
        skipped_old=7,
        problems=[SourceProblem("x.mbox", "can't read x.mbox")],
    )
    first.merge(second)
    assert first.to_json() == {
        "read": 5,
        "filed": [suggestion(1).to_json(), suggestion(2).to_json()],
        "auto_confirmed": 1,
        "already_seen": 4,
        "not_job_mail": 5,
        "folders_done": ["INBOX", "Jobs"],
        "problems": [{"source": "x.mbox", "step": "read", "message": "can't read x.mbox"}],
        "folded": 3,
        "skipped_old": 7,
        "since": "2026-09-01",
    }


def test_a_classified_message_as_json() -> None:
    found = Classified("inbox.mbox", "<m@x>", "offer", 0.91234, "Acme", ("offer: x",))
    assert found.to_json() == {
        "source": "inbox.mbox",
        "message_id": "<m@x>",
        "label": "offer",
        "confidence": 0.912,
        "company": "Acme",
        "evidence": ["offer: x"],
    }


def test_history_views_as_json() -> None:
    change = Change(7, "reject Backend Engineer", ChangeKind.CHANGE, datetime(2026, 11, 20, 9, 5))
    sent = Change(8, "send email", ChangeKind.CHANGE, datetime(2026, 11, 20), note="It was sent.")
    assert Undone(change).to_json() == {"undone": 7, "label": change.label, "note": ""}
    assert Undone(change).message == "Undone: reject Backend Engineer."
    assert Undone(sent).message == "Undone: send email. It was sent."
    item = TrashItem(change, ("company Acme",), date(2026, 12, 20))
    assert item.to_json() == {
        "id": 7,
        "label": "reject Backend Engineer",
        "deleted_at": "2026-11-20 09:05:00",
        "records": ["company Acme"],
        "expires_on": "2026-12-20",
    }
    assert Restored(7, "delete Acme", 9).to_json() == {
        "restored": 7,
        "label": "delete Acme",
        "change_id": 9,
    }


def test_person_interview_and_entry_views_as_json(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    person = people.show_person(ctx, scenario.dana_id).to_json()
    assert list(person) == [
        "person",
        "relationship",
        "connect_state",
        "milestones",
        "tasks",
        "replies",
        "address_example",
    ]
    assert person["person"]["name"] == "Dana Smith"  # type: ignore[index]
    assert person["address_example"] is None  # English: no form of address to suggest
    assert person["relationship"]["person_id"] == scenario.dana_id  # type: ignore[index]
    assert person["connect_state"] == "not asked"
    assert {t["kind"] for t in person["tasks"]} >= {"thank_you_card", "congrats_email"}  # type: ignore[attr-defined]
    assert person["replies"] == []

    interview = interviews.show_interview(ctx, scenario.interview_id).to_json()
    assert interview["application_id"] == scenario.app_id
    assert interview["people"] == [
        {"id": scenario.dana_id, "name": "Dana Smith"},
        {"id": scenario.lee_id, "name": "Lee Wong"},
    ]
    assert interview["interview"]["on"] == "2026-11-10"  # type: ignore[index]
    assert (interview["revisions"], interview["warnings"]) == ([], [])

    entry = journal.add_entry(ctx, NewJournalEntry(scenario.app_id, "Went well"))
    shown = journal.show_entry(ctx, entry.id).to_json()
    assert shown == {
        "entry": {
            "id": entry.id,
            "application_id": scenario.app_id,
            "written_on": entry.written_on.isoformat(),
            "body": "Went well",
            "interview_id": None,
            "revision": entry.revision,
        },
        "application_id": scenario.app_id,
        "revisions": [],
    }


def test_an_email_draft_as_json(ctx: Context) -> None:
    scenario = interviewed(ctx)
    applications.reject(ctx, scenario.app_id, on=date(2026, 11, 20))
    task = next(t for t in tasks.find_tasks(ctx) if t.kind is Kind.CONGRATS_EMAIL)
    outgoing = emails.draft(ctx, task.id)
    found = outgoing.to_json()
    assert list(found) == ["task_id", "person", "to", "message_id", "server", "message"]
    assert (found["task_id"], found["person"], found["to"]) == (
        task.id,
        "Dana Smith",
        "dana@acme.example",
    )
    assert found["message_id"] == outgoing.message_id and found["server"] is None
    assert found["message"] == outgoing.text and "Dana" in outgoing.text
