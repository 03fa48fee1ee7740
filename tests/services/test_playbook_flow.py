"""The rejection playbook through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import InterviewChanges, NewInterview
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import ConnectAnswer, NewPerson, PersonChanges
from nextround.domain.tasks import Kind, Task, TaskChanges, TaskStatus
from nextround.errors import Conflict, Duplicate, InvalidInput
from nextround.services import applications, companies, interviews, journal, people, resolve, tasks
from nextround.services.context import Context
from tests.services.scenario import interviewed

REJECTED_ON = date(2026, 11, 20)


def by_kind(found: list[Task]) -> dict[Kind, list[Task]]:
    grouped: dict[Kind, list[Task]] = {}
    for task in found:
        grouped.setdefault(task.kind, []).append(task)
    return grouped


def test_rejection_plans_every_step_with_dates_and_drafts(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    kinds = by_kind(plan.tasks)
    assert kinds[Kind.JOURNAL][0].due == REJECTED_ON
    assert {t.person for t in kinds[Kind.THANK_YOU_CARD]} == {"Dana Smith", "Lee Wong"}
    assert {t.due for t in kinds[Kind.THANK_YOU_CARD]} == {date(2026, 11, 22)}
    [email] = kinds[Kind.CONGRATS_EMAIL]
    assert (email.person, email.due) == ("Dana Smith", date(2026, 11, 27))
    assert email.draft_subject and "Backend Engineer" in email.draft_subject
    assert email.draft and email.draft.startswith("Hi Dana,") and "LinkedIn" in email.draft
    assert [t.person for t in kinds[Kind.FIND_EMAIL]] == ["Lee Wong"]
    # One address step for the company's office, naming whose cards wait for it.
    [find_address] = kinds[Kind.FIND_ADDRESS]
    assert find_address.person is None
    assert find_address.key == f"find_address:c{s.company_id}"
    assert find_address.title.endswith("(for the cards to Lee Wong)")
    lee_card = next(t for t in kinds[Kind.THANK_YOU_CARD] if t.person == "Lee Wong")
    assert "address needed" in lee_card.title
    assert lee_card.draft and lee_card.draft.startswith("Dear Lee,")
    assert [t.due for t in kinds[Kind.FOLLOW_COMPANY]] == [date(2026, 11, 23)]
    assert sorted(t.due for t in kinds[Kind.CHECK_BACK]) == [date(2027, 2, 20), date(2027, 5, 20)]
    assert Kind.LINKEDIN_INVITE not in kinds
    assert all(t.status is TaskStatus.OPEN for t in plan.tasks)


def test_recording_the_rejection_again_never_duplicates(ctx: Context) -> None:
    s = interviewed(ctx)
    first = applications.reject(ctx, s.app_id, REJECTED_ON)
    again = applications.reject(ctx, s.app_id)
    assert [(t.id, t.key, t.due) for t in again.tasks] == [
        (t.id, t.key, t.due) for t in first.tasks
    ]
    assert again.application.rejected_on == REJECTED_ON


def test_moving_the_rejection_date_moves_open_steps_but_not_finished_ones(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person == "Dana Smith")
    tasks.mark_done(ctx, card.id)
    moved = applications.reject(ctx, s.app_id, date(2026, 11, 21))
    found = {t.id: t for t in moved.tasks}
    assert found[card.id].status is TaskStatus.DONE
    assert found[card.id].due == card.due
    [email] = [t for t in moved.tasks if t.kind is Kind.CONGRATS_EMAIL]
    assert email.due == date(2026, 11, 28)


def test_withdrawing_the_rejection_cancels_open_steps_and_rejecting_again_reopens_them(
    ctx: Context,
) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    journal_task = next(t for t in plan.tasks if t.kind is Kind.JOURNAL)
    tasks.skip(ctx, journal_task.id)
    withdrawn = applications.set_status(ctx, s.app_id, Status.INTERVIEWING)
    statuses = {t.id: t.status for t in withdrawn.tasks}
    assert statuses.pop(journal_task.id) is TaskStatus.SKIPPED
    assert set(statuses.values()) == {TaskStatus.CANCELLED}
    assert withdrawn.application.rejected_on is None
    again = applications.reject(ctx, s.app_id, REJECTED_ON)
    assert {t.id for t in again.tasks} == {t.id for t in plan.tasks}
    reopened = {t.id: t.status for t in again.tasks}
    assert reopened.pop(journal_task.id) is TaskStatus.SKIPPED
    assert set(reopened.values()) == {TaskStatus.OPEN}


def test_rejecting_an_application_never_sent_is_refused_and_writes_nothing(ctx: Context) -> None:
    s = interviewed(ctx)
    saved = applications.add_application(
        ctx, NewApplication("Data Engineer", company_id=s.company_id)
    )
    with pytest.raises(InvalidInput, match="never applied"):
        applications.reject(ctx, saved.application.id)
    view = applications.show_application(ctx, saved.application.id)
    assert view.application.status is Status.SAVED
    assert view.tasks == []


def test_finding_an_email_finishes_find_email_and_plans_the_congratulations(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    people.edit_person(
        ctx, s.lee_id, PersonChanges(email="lee@acme.example", address="2 High St, Springfield")
    )
    found = by_kind(people.show_person(ctx, s.lee_id).tasks)
    assert [t.status for t in found[Kind.FIND_EMAIL]] == [TaskStatus.DONE]
    # The company's address step (not Lee's own) is finished: no card waits for it any more.
    whole = by_kind(applications.show_application(ctx, s.app_id).tasks)
    assert [t.status for t in whole[Kind.FIND_ADDRESS]] == [TaskStatus.DONE]
    assert [t.status for t in found[Kind.CONGRATS_EMAIL]] == [TaskStatus.OPEN]
    assert "address needed" not in found[Kind.THANK_YOU_CARD][0].title


def test_a_company_address_serves_interviewers_without_one(ctx: Context) -> None:
    s = interviewed(ctx, company_address="Acme Robotics\n500 Harbour Road\nPortsmouth")
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    assert not [t for t in plan.tasks if t.kind is Kind.FIND_ADDRESS]
    assert not [t for t in plan.tasks if "address needed" in t.title]


def test_no_interviewers_asks_for_them_and_cards_follow_once_recorded(ctx: Context) -> None:
    s = interviewed(ctx)
    other = applications.add_application(
        ctx,
        NewApplication("Platform Engineer", company_id=s.company_id, applied_on=date(2026, 9, 1)),
    )
    plan = applications.reject(ctx, other.application.id, REJECTED_ON)
    [ask] = [t for t in plan.tasks if t.kind is Kind.RECORD_INTERVIEWERS]
    assert ask.due == REJECTED_ON
    assert not [t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD]
    interviews.add_interview(
        ctx,
        NewInterview(other.application.id, date(2026, 9, 15), interviewer_ids=(s.dana_id,)),
    )
    view = applications.show_application(ctx, other.application.id)
    statuses = {(t.kind, t.person): t.status for t in view.tasks}
    assert statuses[(Kind.RECORD_INTERVIEWERS, None)] is TaskStatus.DONE
    assert statuses[(Kind.THANK_YOU_CARD, "Dana Smith")] is TaskStatus.OPEN
    assert s.app_id != other.application.id


def test_an_interviewer_from_another_company_is_refused(ctx: Context) -> None:
    s = interviewed(ctx)
    globex = companies.add_company(ctx, NewCompany("Globex"))
    hank = people.add_person(ctx, NewPerson("Hank Scorpio", globex.id))
    with pytest.raises(InvalidInput, match="works at Globex, not Acme Robotics") as refused:
        interviews.add_interview(
            ctx, NewInterview(s.app_id, date(2026, 11, 12), interviewer_ids=(hank.id,))
        )
    assert set(refused.value.fields) == {"interviewer_ids"}
    assert len(applications.show_application(ctx, s.app_id).interviews) == 1


def test_yes_plans_the_linkedin_invitation_the_day_after(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    view = people.record_reply(ctx, s.dana_id, ConnectAnswer.YES)
    [invite] = [t for t in view.tasks if t.kind is Kind.LINKEDIN_INVITE]
    assert invite.due == date(2026, 11, 26)
    assert invite.draft and len(invite.draft) <= 300 and "Dana" in invite.draft
    assert view.relationship.answer is ConnectAnswer.YES
    assert view.relationship.asked_to_connect_on == ctx.today
    [email] = [t for t in view.tasks if t.kind is Kind.CONGRATS_EMAIL]
    assert email.status is TaskStatus.DONE


def test_no_closes_the_thread_without_an_invitation(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    view = people.record_reply(ctx, s.dana_id, ConnectAnswer.NO)
    assert not [t for t in view.tasks if t.kind is Kind.LINKEDIN_INVITE]
    assert view.relationship.answer is ConnectAnswer.NO


def test_an_invitation_note_over_the_limit_shows_its_count_and_an_edit_over_it_is_refused(
    ctx: Context,
) -> None:
    # Drafts are written when shown, so a note over the limit doesn't stop the answer from
    # being recorded: the step carries the problem, with the count, for the user to fix.
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    assert ctx.settings.templates_dir is not None
    ctx.settings.templates_dir.mkdir(parents=True)
    (ctx.settings.templates_dir / "linkedin_invite.txt.j2").write_text("x" * 250)
    ctx.settings = replace(
        ctx.settings, playbook=replace(ctx.settings.playbook, linkedin_free_account=True)
    )
    view = people.record_reply(ctx, s.dana_id, ConnectAnswer.YES)
    assert view.relationship.answer is ConnectAnswer.YES
    [invite] = [t for t in view.tasks if t.kind is Kind.LINKEDIN_INVITE]
    assert invite.draft_problem is not None
    assert "250 characters; the limit is 200" in invite.draft_problem
    with pytest.raises(InvalidInput, match="201 characters; the limit is 200") as refused:
        tasks.edit_task(ctx, invite.id, TaskChanges(draft="y" * 201))
    assert set(refused.value.fields) == {"draft"}
    assert not tasks.show_task(ctx, invite.id).draft_edited
    short = tasks.edit_task(ctx, invite.id, TaskChanges(draft="y" * 200))
    assert (short.draft, short.draft_problem) == ("y" * 200, None)


def test_a_users_template_replaces_the_built_in_draft(ctx: Context) -> None:
    s = interviewed(ctx)
    assert ctx.settings.templates_dir is not None
    ctx.settings.templates_dir.mkdir(parents=True)
    (ctx.settings.templates_dir / "thank_you_card.txt.j2").write_text(
        "Thanks, {{ person.first_name }}, for the {{ role }} interview."
    )
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    cards = [t.draft for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD]
    assert sorted(cards) == [  # type: ignore[type-var]
        "Thanks, Dana, for the Backend Engineer interview.",
        "Thanks, Lee, for the Backend Engineer interview.",
    ]


def test_a_broken_template_is_a_clear_problem_on_the_step_it_drafts(ctx: Context) -> None:
    # The plan is stored either way; the cards show why they have no draft.
    s = interviewed(ctx)
    assert ctx.settings.templates_dir is not None
    ctx.settings.templates_dir.mkdir(parents=True)
    (ctx.settings.templates_dir / "thank_you_card.txt.j2").write_text("Dear {{ person.first_name ")
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    assert plan.application.status is Status.REJECTED
    cards = [t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD]
    assert len(cards) == 2
    for card in cards:
        assert card.draft is None
        assert card.draft_problem is not None
        assert "thank_you_card.txt.j2 has an error on line 1" in card.draft_problem
    [email] = [t for t in plan.tasks if t.kind is Kind.CONGRATS_EMAIL]
    assert email.draft and email.draft_problem is None
    (ctx.settings.templates_dir / "thank_you_card.txt.j2").unlink()
    fixed = tasks.show_task(ctx, cards[0].id)
    assert fixed.draft and fixed.draft_problem is None


def test_journal_entry_finishes_the_journal_step_and_a_topic_feeds_the_card(
    ctx: Context,
) -> None:
    s = interviewed(ctx)
    journal.add_entry(
        ctx,
        NewJournalEntry(s.app_id, "## Thank-you details\n- Dana: walked me through the roadmap\n"),
    )
    interviews.edit_interview(
        ctx, s.interview_id, InterviewChanges(topics={s.dana_id: ("the robot fleet dashboard",)})
    )
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    kinds = by_kind(plan.tasks)
    assert [t.status for t in kinds[Kind.JOURNAL]] == [TaskStatus.DONE]
    dana_card = next(t for t in kinds[Kind.THANK_YOU_CARD] if t.person == "Dana Smith")
    assert dana_card.draft and "the robot fleet dashboard." in dana_card.draft
    # The journal is the user's own notes: never spliced into a sentence.
    assert "walked me through" not in dana_card.draft
    words = len(dana_card.draft.split())
    assert 40 <= words <= 90


def test_marking_steps_done_moves_the_relationship_on(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    kinds = by_kind(plan.tasks)
    card = next(t for t in kinds[Kind.THANK_YOU_CARD] if t.person == "Dana Smith")
    tasks.mark_done(ctx, card.id, date(2026, 11, 23))
    tasks.mark_done(ctx, kinds[Kind.CONGRATS_EMAIL][0].id)
    tasks.mark_done(ctx, kinds[Kind.FOLLOW_COMPANY][0].id)
    rel = people.show_person(ctx, s.dana_id).relationship
    assert rel.card_mailed_on == date(2026, 11, 23)
    assert rel.congratulated_on == rel.asked_to_connect_on == ctx.today
    [social] = companies.show_company(ctx, s.company_id).company.socials
    assert social.followed_on == ctx.today
    with pytest.raises(Conflict, match="already done on 2026-11-23"):
        tasks.mark_done(ctx, card.id)


def test_snooze_moves_a_task_out_of_the_week_and_back(ctx: Context) -> None:
    from nextround.services import agenda

    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    email = next(t for t in plan.tasks if t.kind is Kind.CONGRATS_EMAIL)
    snoozed = tasks.snooze(ctx, email.id, date(2026, 12, 10))
    assert (snoozed.status, snoozed.due) == (TaskStatus.SNOOZED, date(2026, 12, 10))
    week = agenda.today(ctx)
    assert email.id not in {t.id for t in week.overdue + week.due_today + week.upcoming}
    with pytest.raises(InvalidInput, match="not after today"):
        tasks.snooze(ctx, email.id, ctx.today)
    applications.reject(ctx, s.app_id)  # reconciling keeps the snooze
    assert tasks.show_task(ctx, email.id).due == date(2026, 12, 10)


def test_an_edited_draft_survives_reconciliation(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person == "Dana Smith")
    tasks.edit_task(ctx, card.id, TaskChanges(draft="Dear Dana, my own words."))
    applications.reject(ctx, s.app_id, date(2026, 11, 21))
    assert tasks.show_task(ctx, card.id).draft == "Dear Dana, my own words."


def test_a_topic_recorded_after_the_rejection_reaches_unedited_drafts(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    dana = [t for t in plan.tasks if t.person == "Dana Smith" and t.draft]
    edited = next(t for t in dana if t.kind is Kind.CONGRATS_EMAIL)
    tasks.edit_task(ctx, edited.id, TaskChanges(draft="Hi Dana, my own words."))
    interviews.edit_interview(
        ctx, s.interview_id, InterviewChanges(topics={s.dana_id: ("the test lab",)})
    )
    card = next(t for t in dana if t.kind is Kind.THANK_YOU_CARD)
    assert "the test lab." in (tasks.show_task(ctx, card.id).draft or "")
    assert tasks.show_task(ctx, edited.id).draft == "Hi Dana, my own words."
    # Another wording never replaces the user's own.
    with pytest.raises(Conflict, match="your own edit"):
        tasks.redraft(ctx, edited.id)
    assert tasks.show_task(ctx, edited.id).draft == "Hi Dana, my own words."


def test_company_names_ending_in_s_read_naturally(ctx: Context) -> None:
    bright = companies.add_company(ctx, NewCompany("Brightwater Robotics"))
    app = applications.add_application(
        ctx, NewApplication("QA Engineer", company_id=bright.id, applied_on=date(2026, 10, 1))
    )
    titles = [t.title for t in applications.reject(ctx, app.application.id).tasks]
    assert "Find Brightwater Robotics' social accounts and news, then follow them" in titles


def test_names_match_across_case_and_accents_as_people_read_them(ctx: Context) -> None:
    zoe = companies.add_company(ctx, NewCompany("Zoë Ångström AB"))
    assert resolve.company(ctx, "zoë ångström ab") == zoe.id
    assert resolve.company(ctx, "ÅNGSTRÖM") == zoe.id
    with pytest.raises(Duplicate, match=r"already exists|the same name") as refused:
        companies.add_company(ctx, NewCompany("ZOË ÅNGSTRÖM AB"))
    assert refused.value.existing_id == zoe.id
    person = people.add_person(ctx, NewPerson("Dr. Zoë O'Brien", zoe.id))
    assert person.first_name == "Zoë"
