"""A job seeker's search with private words in every place a coach must never see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from nextround.domain.applications import ApplicationChanges, NewApplication, Status
from nextround.domain.interviews import InterviewChanges
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import PersonChanges
from nextround.domain.tasks import TaskChanges
from nextround.services import applications, interviews, journal, mail, people, tasks
from nextround.services.context import Context
from tests.services.scenario import interviewed
from tests.services.test_mail import letter, mbox

#: Words written only where a coach must not look: the journal, a draft, interview
#: notes, a person's email, an application's notes, a letter received.
PRIVATE = {
    "journal": "Tangerine-Oboe felt nervous",
    "draft": "Dear Dana, Marmalade-Kettle thanks",
    "interview notes": "Asked about Saffron-Walrus",
    "person's email": "dana@pelican-quartz.example",
    "application notes": "Salary hope Nutmeg-Gazebo",
    "mail": "Cobalt-Heron offer letter",
}


@dataclass(frozen=True)
class Seeker:
    app_id: int
    rejected_id: int
    person_id: int


def seed(ctx: Context, folder: Path) -> Seeker:
    """Two applications (one rejected, with its follow-up steps planned), and the private words."""
    made = interviewed(ctx)
    people.edit_person(ctx, made.dana_id, PersonChanges(email=PRIVATE["person's email"]))
    interviews.edit_interview(
        ctx, made.interview_id, InterviewChanges(notes=PRIVATE["interview notes"])
    )
    journal.add_entry(ctx, NewJournalEntry(made.app_id, PRIVATE["journal"]))
    applications.edit_application(
        ctx, made.app_id, ApplicationChanges(notes=PRIVATE["application notes"])
    )
    other = applications.add_application(
        ctx,
        NewApplication(
            "Platform Engineer", new_company="Globex Works", applied_on=date(2026, 11, 2)
        ),
    ).application.id
    applications.set_status(ctx, other, Status.SCREENING)
    plan = applications.reject(ctx, made.app_id)
    step = next(t for t in plan.tasks if t.status.is_pending)
    tasks.edit_task(ctx, step.id, TaskChanges(draft=PRIVATE["draft"]))
    box = mbox(
        folder / "seeker.mbox",
        letter(
            '"Acme Robotics Hiring" <jobs@acme.example>',
            PRIVATE["mail"],
            f"Hello, {PRIVATE['mail']} attached.",
            message_id="private-1@acme.example",
        ),
    )
    mail.scan_sources(ctx, paths=[box])
    return Seeker(other, made.app_id, made.dana_id)


def leaks(text: str) -> list[str]:
    """Which private words ``text`` holds (none, for anything a coach gets)."""
    return [where for where, words in PRIVATE.items() if words in text]
