"""Undo and the trash through the services, on SQLite and PostgreSQL.

Each undo is checked against a fingerprint of every table taken before the
change: the rows come back exactly (only revisions and change times move on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from nextround.domain.applications import ApplicationChanges, NewApplication, Status
from nextround.domain.companies import CompanyChanges, NewCompany
from nextround.domain.history import TRASH_DAYS, ChangeKind
from nextround.domain.interviews import InterviewChanges, NewInterview
from nextround.domain.journal import JournalEntryChanges, NewJournalEntry
from nextround.domain.people import ConnectAnswer, NewPerson, PersonChanges
from nextround.domain.tasks import Kind, Task, TaskChanges, TaskStatus
from nextround.errors import Conflict, NotFound
from nextround.services import (
    applications,
    companies,
    history,
    interviews,
    journal,
    people,
    tasks,
)
from nextround.services.context import Context
from nextround.storage import sqlite_files
from nextround.storage.database import open_database
from tests.services.scenario import Scenario, interviewed
from tests.tables import at_revision, fingerprint

REJECTED_ON = date(2026, 11, 20)
ACCOUNT = "https://www.linkedin.com/company/acme-robotics-example"


def rejected(ctx: Context) -> Scenario:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    return s


def step(ctx: Context, kind: Kind, person: str | None = None) -> Task:
    return next(
        t
        for t in tasks.list_tasks(ctx)
        if t.kind is kind and (person is None or t.person == person)
    )


def nothing(ctx: Context, s: Scenario) -> int:
    return 0


def an_entry(ctx: Context, s: Scenario) -> int:
    return journal.add_entry(ctx, NewJournalEntry(s.app_id, "## What went well\nThe pairing.")).id


def a_twin(ctx: Context, s: Scenario) -> int:
    twin = NewPerson("L. Wong", s.company_id, email="lee@acme.example", address="2 High St")
    return people.add_person(ctx, twin).id


def a_second_company(ctx: Context, s: Scenario) -> int:
    return companies.add_company(ctx, NewCompany("Acme Robotics Europe", address="1 Quay")).id


@dataclass(frozen=True)
class Case:
    """A change to make on a rejected application's data (after ``setup``, itself a change)."""

    act: Callable[[Context, Scenario, int], object]
    setup: Callable[[Context, Scenario], int] = nothing


CASES: dict[str, Case] = {
    "add a company": Case(
        lambda ctx, s, _: companies.add_company(
            ctx, NewCompany("Globex", website="globex.example", socials=("https://x.com/globex",))
        )
    ),
    "edit a company": Case(
        lambda ctx, s, _: companies.edit_company(
            ctx,
            s.company_id,
            CompanyChanges(address="1 Dock Road", add_socials=("https://github.com/acme",)),
        )
    ),
    "add an account": Case(
        lambda ctx, s, _: companies.add_social(ctx, s.company_id, "https://x.com/acme")
    ),
    "follow the accounts": Case(
        lambda ctx, s, _: companies.follow_socials(ctx, s.company_id, [ACCOUNT])
    ),
    "delete a company with everything": Case(
        lambda ctx, s, _: companies.delete_company(ctx, s.company_id, cascade=True)
    ),
    "merge companies": Case(
        lambda ctx, s, other: companies.merge_companies(ctx, other, s.company_id),
        a_second_company,
    ),
    "add a person": Case(
        lambda ctx, s, _: people.add_person(ctx, NewPerson("Kim Park", s.company_id, notes="hi"))
    ),
    "edit a person": Case(
        lambda ctx, s, _: people.edit_person(
            ctx, s.lee_id, PersonChanges(email="lee@acme.example", address="2 High St")
        )
    ),
    "delete a person": Case(lambda ctx, s, _: people.delete_person(ctx, s.lee_id)),
    "merge people": Case(lambda ctx, s, twin: people.merge_people(ctx, twin, s.lee_id), a_twin),
    "answer yes": Case(lambda ctx, s, _: people.record_reply(ctx, s.dana_id, ConnectAnswer.YES)),
    "add an application": Case(
        lambda ctx, s, _: applications.add_application(
            ctx, NewApplication("QA", new_company="Initech", applied_on=date(2026, 11, 1))
        )
    ),
    "edit an application": Case(
        lambda ctx, s, _: applications.edit_application(
            ctx,
            s.app_id,
            ApplicationChanges(role="Senior Backend Engineer", salary_min=1, location="Remote"),
        )
    ),
    "withdraw the rejection": Case(
        lambda ctx, s, _: applications.set_status(ctx, s.app_id, Status.INTERVIEWING)
    ),
    "move the rejection": Case(
        lambda ctx, s, _: applications.reject(ctx, s.app_id, date(2026, 11, 21))
    ),
    "delete an application": Case(lambda ctx, s, _: applications.delete_application(ctx, s.app_id)),
    "add an interview": Case(
        lambda ctx, s, _: interviews.add_interview(
            ctx,
            NewInterview(
                s.app_id,
                date(2026, 11, 12),
                interviewer_ids=(s.dana_id,),
                new_interviewers=("Pat Doe",),
            ),
        )
    ),
    "edit an interview": Case(
        lambda ctx, s, _: interviews.edit_interview(
            ctx, s.interview_id, InterviewChanges(notes="Went well", interviewer_ids=(s.dana_id,))
        )
    ),
    "delete an interview": Case(lambda ctx, s, _: interviews.delete_interview(ctx, s.interview_id)),
    "write in the journal": Case(lambda ctx, s, _: an_entry(ctx, s)),
    "edit a journal entry": Case(
        lambda ctx, s, entry: journal.edit_entry(
            ctx, entry, JournalEntryChanges(body="## What went well\nAll of it.")
        ),
        an_entry,
    ),
    "delete a journal entry": Case(
        lambda ctx, s, entry: journal.delete_entry(ctx, entry), an_entry
    ),
    "mark a step done": Case(
        lambda ctx, s, _: tasks.mark_done(ctx, step(ctx, Kind.THANK_YOU_CARD, "Dana Smith").id)
    ),
    "skip a step": Case(lambda ctx, s, _: tasks.skip(ctx, step(ctx, Kind.JOURNAL).id)),
    "snooze a step": Case(
        lambda ctx, s, _: tasks.snooze(ctx, step(ctx, Kind.CONGRATS_EMAIL).id, date(2026, 12, 9))
    ),
    "edit a draft": Case(
        lambda ctx, s, _: tasks.edit_task(
            ctx,
            step(ctx, Kind.THANK_YOU_CARD, "Lee Wong").id,
            TaskChanges(draft="Dear Lee, thank you.", due=date(2026, 11, 30)),
        )
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_undo_puts_back_exactly_what_was_there(ctx: Context, name: str) -> None:
    s = rejected(ctx)
    case = CASES[name]
    made = case.setup(ctx, s)
    before = fingerprint(ctx.db)
    count = len(ctx.made)
    case.act(ctx, s, made)
    assert len(ctx.made) == count + 1, "one use case, one change"
    assert fingerprint(ctx.db) != before
    undone = history.undo(ctx)
    assert undone.change.id == ctx.made[-1].id
    assert undone.message == f"Undone: {ctx.made[-1].label}."
    assert fingerprint(ctx.db) == before


def test_each_undo_goes_one_change_further_back(ctx: Context) -> None:
    empty = fingerprint(ctx.db)
    acme = companies.add_company(ctx, NewCompany("Acme"))
    with_acme = fingerprint(ctx.db)
    companies.edit_company(ctx, acme.id, CompanyChanges(website="acme.example"))
    people.add_person(ctx, NewPerson("Dana Smith", acme.id))
    assert history.undo(ctx).change.label == "Added Dana Smith"
    assert history.undo(ctx).change.label == "Edited Acme"
    assert fingerprint(ctx.db) == with_acme
    assert history.undo(ctx).change.label == "Added Acme"
    assert fingerprint(ctx.db) == empty
    with pytest.raises(NotFound, match=r"^there is nothing to undo$"):
        history.undo(ctx)
    assert [c.undone for c in history.recent(ctx)] == [True, True, True]


def test_nothing_to_undo_in_a_new_database(ctx: Context) -> None:
    with pytest.raises(NotFound, match="nothing to undo"):
        history.undo(ctx)
    assert history.recent(ctx) == []
    assert history.trash(ctx) == []


def test_reading_makes_no_change_to_undo(ctx: Context) -> None:
    s = rejected(ctx)
    count = len(history.recent(ctx, 100))
    applications.show_application(ctx, s.app_id)
    people.show_person(ctx, s.dana_id)
    tasks.list_tasks(ctx, include_closed=True)
    assert len(history.recent(ctx, 100)) == count


def test_an_undo_button_from_an_older_page_is_refused(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    first = ctx.made[-1].id
    companies.edit_company(ctx, acme.id, CompanyChanges(notes="later"))
    with pytest.raises(Conflict, match="“Edited Acme” came after that change; undo it first"):
        history.undo(ctx, first)
    assert companies.show_company(ctx, acme.id).company.notes == "later"
    assert history.undo(ctx, ctx.made[-1].id).change.label == "Edited Acme"


def test_a_rejection_with_its_whole_plan_is_one_change_and_undoes_as_one(ctx: Context) -> None:
    s = interviewed(ctx)
    before = fingerprint(ctx.db)
    changes_before = len(history.recent(ctx, 100))
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    assert len(plan.tasks) >= 8
    assert len(history.recent(ctx, 100)) == changes_before + 1
    assert ctx.made[-1].label == "Recorded the no from Acme Robotics (Backend Engineer)"
    undone = history.undo(ctx)
    assert undone.change.label == "Recorded the no from Acme Robotics (Backend Engineer)"
    assert fingerprint(ctx.db) == before
    view = applications.show_application(ctx, s.app_id)
    assert (view.application.status, view.tasks) == (Status.APPLIED, [])
    assert [e.to_status for e in view.history] == ["applied"]


def test_sixty_changes_are_undone_one_by_one(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    dana = people.add_person(ctx, NewPerson("Dana Smith", acme.id))
    app = applications.add_application(
        ctx, NewApplication("Backend Engineer", company_id=acme.id, applied_on=date(2026, 10, 1))
    ).application
    states = [fingerprint(ctx.db)]
    for i in range(60):
        match i % 4:
            case 0:
                people.edit_person(ctx, dana.id, PersonChanges(title=f"Title {i}"))
            case 1:
                journal.add_entry(ctx, NewJournalEntry(app.id, f"Note number {i}"))
            case 2:
                companies.edit_company(ctx, acme.id, CompanyChanges(notes=f"Notes {i}"))
            case _:
                interviews.add_interview(
                    ctx,
                    NewInterview(app.id, date(2026, 10, 2 + i // 4), interviewer_ids=(dana.id,)),
                )
        states.append(fingerprint(ctx.db))
    assert len(set(map(repr, states))) == 61
    for expected in reversed(states[:-1]):
        history.undo(ctx)
        assert fingerprint(ctx.db) == expected
    assert people.show_person(ctx, dana.id).person.title is None


def test_an_undone_edit_leaves_a_stale_edit_form_stale(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    dana = people.add_person(ctx, NewPerson("Dana Smith", acme.id))
    edited = people.edit_person(ctx, dana.id, PersonChanges(title="Lead"), expected_revision=0)
    assert edited.revision == 1
    history.undo(ctx)
    back = people.show_person(ctx, dana.id).person
    assert back.title is None
    assert back.revision > edited.revision  # onward, never back to 0
    for seen in (0, 1):  # forms opened before the edit, or before the undo
        with pytest.raises(Conflict, match="changed elsewhere"):
            people.edit_person(ctx, dana.id, PersonChanges(title="Stale"), expected_revision=seen)
    assert people.edit_person(
        ctx, dana.id, PersonChanges(title="Fresh"), expected_revision=back.revision
    ).title == ("Fresh")


# ---------------------------------------------------------------- the trash


@pytest.mark.parametrize(
    ("kind", "records"),
    [
        ("person", {"1 person", "2 steps"}),
        (
            "company",
            {"1 company", "2 people", "1 application", "1 interview", "1 journal entry", "9 steps"},
        ),
        ("application", {"1 application", "1 interview", "1 journal entry", "9 steps"}),
        ("interview", {"1 interview"}),
        ("journal entry", {"1 journal entry"}),
    ],
)
def test_every_deletion_waits_in_the_trash(ctx: Context, kind: str, records: set[str]) -> None:
    s = rejected(ctx)
    entry = an_entry(ctx, s)
    before = fingerprint(ctx.db)
    delete = {
        "person": lambda: people.delete_person(ctx, s.lee_id),
        "company": lambda: companies.delete_company(ctx, s.company_id, cascade=True),
        "application": lambda: applications.delete_application(ctx, s.app_id),
        "interview": lambda: interviews.delete_interview(ctx, s.interview_id),
        "journal entry": lambda: journal.delete_entry(ctx, entry),
    }[kind]
    deleted = delete()
    assert deleted.kind == kind
    assert deleted.change_id == ctx.made[-1].id
    [item] = history.trash(ctx)
    assert item.change.id == deleted.change_id
    assert item.change.kind is ChangeKind.TRASH
    assert set(item.records) == records
    assert item.expires_on == (item.change.made_at + timedelta(days=TRASH_DAYS)).date()
    assert item.to_json()["id"] == deleted.change_id
    assert fingerprint(ctx.db) != before
    restored = history.restore(ctx, deleted.change_id)  # the latest change: simply undone
    assert restored.restoring_change is None
    assert fingerprint(ctx.db) == before
    assert history.trash(ctx) == []


def test_a_company_with_records_is_deleted_only_with_everything(ctx: Context) -> None:
    s = interviewed(ctx)
    before = fingerprint(ctx.db)
    with pytest.raises(Conflict, match="Acme Robotics still has 1 application and 2 people"):
        companies.delete_company(ctx, s.company_id)
    assert fingerprint(ctx.db) == before
    assert history.trash(ctx) == []


def test_a_deletion_is_restored_after_other_changes_and_the_plan_follows(ctx: Context) -> None:
    s = rejected(ctx)
    lee_steps = {(t.id, t.key) for t in tasks.list_tasks(ctx) if t.person_id == s.lee_id}
    deleted = people.delete_person(ctx, s.lee_id)
    assert deleted.also == ("2 open steps cancelled",)
    assert not [t for t in tasks.list_tasks(ctx) if t.person_id == s.lee_id]
    people.edit_person(ctx, s.dana_id, PersonChanges(title="Director"))  # a later change
    restored = history.restore(ctx, deleted.change_id or 0)
    assert restored.restoring_change is not None
    assert restored.to_json()["restored"] == deleted.change_id
    lee = people.show_person(ctx, s.lee_id)
    assert lee.person.name == "Lee Wong"
    assert {(t.id, t.key) for t in lee.tasks} == lee_steps  # their own ids, again open
    assert {t.status for t in lee.tasks} == {TaskStatus.OPEN}
    view = applications.show_application(ctx, s.app_id)
    assert view.interviews[0].interviewer_ids == (s.dana_id, s.lee_id)
    assert people.show_person(ctx, s.dana_id).person.title == "Director"  # later change kept
    assert history.trash(ctx) == []
    with pytest.raises(Conflict, match="was already restored or undone"):
        history.restore(ctx, deleted.change_id or 0)
    # Undoing the restore puts Lee back in the trash.
    history.undo(ctx)
    assert [i.change.id for i in history.trash(ctx)] == [deleted.change_id]
    with pytest.raises(NotFound):
        people.show_person(ctx, s.lee_id)


def test_a_restored_interviewer_without_an_address_needs_the_address_step_again(
    ctx: Context,
) -> None:
    """The deletion finished the company's address step (nobody needed it any more); the
    restore takes that back, as nothing changed the step since."""
    s = rejected(ctx)
    deleted = people.delete_person(ctx, s.lee_id)
    [find] = [t for t in tasks.list_tasks(ctx, include_closed=True) if t.kind is Kind.FIND_ADDRESS]
    assert find.status is TaskStatus.DONE
    people.edit_person(ctx, s.dana_id, PersonChanges(title="Director"))
    history.restore(ctx, deleted.change_id or 0)
    again = step(ctx, Kind.FIND_ADDRESS)
    assert (again.id, again.status) == (find.id, TaskStatus.OPEN)
    assert again.title.endswith("(for the cards to Lee Wong)")


def test_a_person_whose_company_was_deleted_since_comes_back_after_it(ctx: Context) -> None:
    s = interviewed(ctx)
    lee = people.delete_person(ctx, s.lee_id)
    acme = companies.delete_company(ctx, s.company_id, cascade=True)
    with pytest.raises(Conflict) as refused:
        history.restore(ctx, lee.change_id or 0)
    assert refused.value.message == (
        f"“Deleted Lee Wong” can't come back on its own: it belongs to company {s.company_id}, "
        f"which has been deleted since; restore it first (trash entry {acme.change_id})"
    )
    assert len(history.trash(ctx)) == 2
    history.restore(ctx, acme.change_id or 0)
    history.restore(ctx, lee.change_id or 0)
    assert [row.person.name for row in people.list_people(ctx)] == ["Dana Smith", "Lee Wong"]
    assert history.trash(ctx) == []


def test_only_what_is_in_the_trash_can_be_restored(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    with pytest.raises(NotFound, match="nothing in the trash with id 999"):
        history.restore(ctx, 999)
    with pytest.raises(NotFound, match=f"nothing in the trash with id {ctx.made[-1].id}"):
        history.restore(ctx, ctx.made[-1].id)  # a change, not a deletion
    assert companies.show_company(ctx, acme.id).company.name == "Acme"


def test_ids_are_never_given_twice(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    dana = people.add_person(ctx, NewPerson("Dana Smith", acme.id))
    newest = people.add_person(ctx, NewPerson("Lee Wong", acme.id))
    gone = people.delete_person(ctx, newest.id)
    later = people.add_person(ctx, NewPerson("Kim Park", acme.id))
    assert later.id > newest.id > dana.id
    history.restore(ctx, gone.change_id or 0)
    everyone = {row.person.name: row.person.id for row in people.list_people(ctx)}
    assert everyone == {"Dana Smith": dana.id, "Lee Wong": newest.id, "Kim Park": later.id}


def test_the_trash_keeps_a_deletion_for_thirty_days(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Acme"))
    old = people.delete_person(ctx, people.add_person(ctx, NewPerson("Old Timer", acme.id)).id)
    fresh = people.delete_person(ctx, people.add_person(ctx, NewPerson("New Comer", acme.id)).id)
    now = datetime.now(UTC).replace(tzinfo=None)
    with ctx.db.transaction() as c:
        for change_id, age in ((old.change_id, TRASH_DAYS + 1), (fresh.change_id, TRASH_DAYS - 1)):
            c.execute(
                "UPDATE changes SET made_at = :when WHERE id = :id",
                {"when": now - timedelta(days=age), "id": change_id},
            )
    assert len(history.trash(ctx)) == 2
    later = Context(ctx.db, ctx.settings)  # the next command: it forgets what is past keeping
    companies.edit_company(later, acme.id, CompanyChanges(notes="a change"))
    assert [i.change.id for i in history.trash(later)] == [fresh.change_id]
    with pytest.raises(NotFound):
        history.restore(later, old.change_id or 0)


def test_emptying_the_trash_forgets_for_good(ctx: Context) -> None:
    s = rejected(ctx)
    people.delete_person(ctx, s.lee_id)
    journal.delete_entry(ctx, an_entry(ctx, s))
    assert history.empty_trash(ctx) == 2
    assert history.trash(ctx) == []
    assert history.empty_trash(ctx) == 0
    with pytest.raises(NotFound):
        people.show_person(ctx, s.lee_id)


def test_emptying_the_trash_scrubs_the_copies_kept_before_upgrades(tmp_path: Path) -> None:
    from nextround.config import Settings
    from nextround.services.context import open_context

    path = tmp_path / "n.db"
    ctx = open_context(Settings(db_url=str(path), today=date(2026, 11, 25)))
    try:
        s = interviewed(ctx)
        # Added as a new interviewer: no change's label names them.
        zeb = interviews.add_interview(
            ctx, NewInterview(s.app_id, date(2026, 11, 11), new_interviewers=("Zebediah Quux",))
        ).people[0]
        backup = sqlite_files.backup(path, "0004_web_and_mail")
        assert b"Zebediah Quux" in backup.read_bytes()
        people.delete_person(ctx, zeb.id)
        assert b"Zebediah Quux" in backup.read_bytes()  # deleted, but restorable: kept
        assert history.empty_trash(ctx) == 1
    finally:
        ctx.close()
    assert b"Zebediah Quux" not in backup.read_bytes()
    assert b"Lee Wong" in backup.read_bytes()


def test_a_backup_taken_by_an_upgrade_is_scrubbed_too(tmp_path: Path) -> None:
    from nextround.config import Settings
    from nextround.services.context import open_context

    path = tmp_path / "n.db"
    old = at_revision(str(path), "0004_web_and_mail")
    with old.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        c.execute(
            "INSERT INTO people (owner_id, company_id, name, email, notes) VALUES "
            "(1, 1, 'Zebediah Quux', 'zeb@quux.example', 'private notes')"
        )
        c.execute("INSERT INTO relationships (owner_id, person_id) VALUES (1, 1)")
    old.close()
    open_database(str(path)).close()  # the upgrade keeps a copy
    [backup] = list(tmp_path.glob("n.db.before-upgrade-0004_web_and_mail-*"))
    ctx = open_context(Settings(db_url=str(path), today=date(2026, 11, 25)))
    try:
        people.delete_person(ctx, 1)
        history.empty_trash(ctx)
    finally:
        ctx.close()
    data = backup.read_bytes()
    for secret in (b"Zebediah Quux", b"zeb@quux.example", b"private notes"):
        assert secret not in data
    assert b"Acme" in data


def test_a_restored_person_is_again_the_referrer_and_the_sender_of_their_replies(
    ctx: Context,
) -> None:
    from nextround.storage import mail

    s = interviewed(ctx)
    referred = applications.add_application(
        ctx, NewApplication("QA", company_id=s.company_id, referrer_id=s.lee_id)
    ).application
    with ctx.db.transaction() as c:
        mail.add_suggestion(
            c,
            ctx.owner,
            message_id="<reply-lee@acme.example>",
            source="inbox.mbox",
            kind="reply",
            sender="lee@acme.example",
            label="reply_yes",
            confidence=0.9,
            status="pending",
            person_id=s.lee_id,
        )
    before = fingerprint(ctx.db)
    deleted = people.delete_person(ctx, s.lee_id)
    assert applications.show_application(ctx, referred.id).application.referrer_id is None
    companies.add_company(ctx, NewCompany("Globex"))  # a later change
    history.restore(ctx, deleted.change_id or 0)
    app = applications.show_application(ctx, referred.id).application
    assert (app.referrer_id, app.referrer) == (s.lee_id, "Lee Wong")
    assert [r.sender for r in people.show_person(ctx, s.lee_id).replies] == ["lee@acme.example"]
    after = fingerprint(ctx.db)
    assert {t: rows for t, rows in after.items() if t != "companies"} == {
        t: rows for t, rows in before.items() if t != "companies"
    }
    history.undo(ctx)  # the restore: back to the trash, the links undone with it
    assert applications.show_application(ctx, referred.id).application.referrer_id is None


def test_a_row_changed_since_the_deletion_keeps_its_later_change(ctx: Context) -> None:
    s = interviewed(ctx)
    referred = applications.add_application(
        ctx, NewApplication("QA", company_id=s.company_id, referrer_id=s.lee_id)
    ).application
    deleted = people.delete_person(ctx, s.lee_id)
    applications.edit_application(ctx, referred.id, ApplicationChanges(referrer_id=s.dana_id))
    history.restore(ctx, deleted.change_id or 0)
    assert applications.show_application(ctx, referred.id).application.referrer_id == s.dana_id


def test_a_person_deleted_for_good_leaves_no_trace_in_the_database_file(tmp_path: Path) -> None:
    """Their row, their notes (in the search index too) and the labels naming them."""
    import sqlite3

    from nextround.config import Settings
    from nextround.services.context import open_context

    path = tmp_path / "n.db"
    ctx = open_context(Settings(db_url=str(path), today=date(2026, 11, 25)))
    try:
        s = interviewed(ctx)
        zeb = people.add_person(
            ctx, NewPerson("Zebediah Quux", s.company_id, notes="Loves xylographic printing")
        )
        people.edit_person(ctx, zeb.id, PersonChanges(email="zeb@quux.example"))
        people.delete_person(ctx, zeb.id)
        history.empty_trash(ctx)
        labels = [c.label for c in history.recent(ctx, 50)]
    finally:
        ctx.close()
    assert "Added (deleted)" in labels and "Edited (deleted)" in labels
    assert not [label for label in labels if "Zebediah" in label]
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = path.read_bytes()
    for secret in (b"Zebediah", b"zeb@quux.example", b"xylographic"):
        assert secret not in data, secret
    assert b"Lee Wong" in data
