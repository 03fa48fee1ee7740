"""Printing a card or writing an email uses today's settings, not those of the day
the plan was made (a name set after the rejection signs the drafts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from nextround.config import UserProfile
from nextround.domain.tasks import Kind, TaskChanges
from nextround.services import applications, drafts, emails, tasks
from nextround.services.context import Context
from tests.services.scenario import interviewed


def test_a_name_set_after_the_rejection_signs_cards_and_emails(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, date(2026, 11, 20))
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person == "Dana Smith")
    email = next(t for t in plan.tasks if t.kind is Kind.CONGRATS_EMAIL)
    assert card.draft and card.draft.endswith("[your name]")
    ctx.settings = replace(
        ctx.settings, user=UserProfile(name="Sam Rivera", email="sam@home.example")
    )
    with ctx.db.read() as c:
        [fresh] = drafts.current(c, ctx, [card])
    assert fresh.draft and fresh.draft.endswith("Sam Rivera")
    assert (tasks.show_task(ctx, card.id).draft or "").endswith("Sam Rivera")
    assert emails.draft(ctx, email.id).text.rstrip().endswith("Sam Rivera")


def test_an_edited_draft_is_left_as_the_user_wrote_it(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, date(2026, 11, 20))
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person == "Dana Smith")
    tasks.edit_task(ctx, card.id, TaskChanges(draft="Dear Dana, in my own words."))
    ctx.settings = replace(ctx.settings, user=UserProfile(name="Sam Rivera"))
    with ctx.db.read() as c:
        [kept] = drafts.current(c, ctx, [tasks.show_task(ctx, card.id)])
    assert kept.draft == "Dear Dana, in my own words."


def test_the_users_wordings_replace_a_slot_and_a_broken_file_is_named(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, date(2026, 11, 20))
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person == "Dana Smith")
    folder = ctx.settings.templates_dir
    assert folder is not None
    folder.mkdir(parents=True)
    own = folder / "wordings.toml"
    own.write_text(
        '[thank_you_card.close]\nany = ["See you around {company}, I hope."]\n'
        'hiring_manager = ["Let us keep in touch."]\n',
        encoding="utf-8",
    )
    written = tasks.show_task(ctx, card.id).draft or ""
    assert "Let us keep in touch." in written  # Dana is a hiring manager: her key first
    assert "Thank you" in written  # the other slots are still the built-in ones
    own.write_text('[thank_you_card.close]\nany = ["We spoke of {salary}."]\n', encoding="utf-8")
    refused = tasks.show_task(ctx, card.id)
    assert refused.draft is None
    assert "{salary}, which drafts don't know" in (refused.draft_problem or "")
    own.write_text("[thank_you_card.close\n", encoding="utf-8")
    broken = tasks.show_task(ctx, card.id)
    assert "wordings.toml can't be read" in (broken.draft_problem or "")
