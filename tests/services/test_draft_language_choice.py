"""Which language a draft is written in, how it addresses the person, and the user's own
templates and wordings per language."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from nextround.config import DraftSettings
from nextround.domain.applications import ApplicationChanges
from nextround.domain.people import ConnectAnswer, PersonChanges
from nextround.domain.tasks import Kind, Task
from nextround.errors import InvalidInput
from nextround.services import applications, people, tasks
from nextround.services.context import Context
from tests.services.scenario import Scenario, interviewed


def _card(ctx: Context, s: Scenario, person_id: int) -> Task:
    found = tasks.list_tasks(ctx, include_closed=True)
    card = next(t for t in found if t.kind is Kind.THANK_YOU_CARD and t.person_id == person_id)
    return tasks.show_task(ctx, card.id)


def _rejected(ctx: Context, language: str | None = None) -> Scenario:
    s = interviewed(ctx)
    if language is not None:
        applications.edit_application(ctx, s.app_id, ApplicationChanges(language=language))
    applications.reject(ctx, s.app_id, date(2026, 11, 20))
    return s


def test_the_applications_language_writes_every_draft_to_its_people(ctx: Context) -> None:
    s = _rejected(ctx, "de")
    card = _card(ctx, s, s.dana_id).draft or ""
    assert card.startswith("Guten Tag Dana Smith,\n\n")  # formal: no title guessed, full name
    assert "Sie" in card and " du " not in card
    assert applications.show_application(ctx, s.app_id).application.language == "de"


def test_a_person_may_have_their_own_language_register_and_form_of_address(ctx: Context) -> None:
    s = _rejected(ctx, "de")
    changes = PersonChanges(language="FR", address_as="Madame Smith")
    people.edit_person(ctx, s.dana_id, changes)
    card = _card(ctx, s, s.dana_id).draft or ""
    assert card.startswith("Chère Madame Smith,\n\n") and re.search(r"\bvo(us|tre)\b", card)
    people.edit_person(ctx, s.dana_id, PersonChanges(formal=False, address_as=None))
    card = _card(ctx, s, s.dana_id).draft or ""
    assert card.startswith("Bonjour Dana,\n\n") and not re.search(r"\bvo(us|tre|s)\b", card)
    people.edit_person(ctx, s.dana_id, PersonChanges(language=None, formal=None))
    assert (_card(ctx, s, s.dana_id).draft or "").startswith("Guten Tag Dana Smith,")
    lee = _card(ctx, s, s.lee_id).draft or ""
    assert lee.startswith("Guten Tag Lee Wong,")  # the other person keeps the application's


def test_the_default_language_of_drafts_is_the_settings_one(ctx: Context) -> None:
    ctx.settings = replace(ctx.settings, drafts=DraftSettings(language="es"))
    s = _rejected(ctx)
    people.edit_person(ctx, s.dana_id, PersonChanges(address_as="Sra. Smith"))
    assert (_card(ctx, s, s.dana_id).draft or "").startswith("Estimada Sra. Smith:\n\nGracias")
    people.edit_person(ctx, s.lee_id, PersonChanges(language="en"))
    assert (_card(ctx, s, s.lee_id).draft or "").startswith("Dear Lee,\n\nThank you")


def test_a_language_not_supported_is_refused_naming_the_supported_ones(ctx: Context) -> None:
    s = interviewed(ctx)
    with pytest.raises(InvalidInput) as caught:
        applications.edit_application(ctx, s.app_id, ApplicationChanges(language="it"))
    assert caught.value.message == (
        "drafts can't be written in 'it' yet; choose en (English), de (German), fr (French) "
        "or es (Spanish)"
    )
    with pytest.raises(InvalidInput, match="drafts can't be written in 'klingon'"):
        people.edit_person(ctx, s.dana_id, PersonChanges(language="klingon"))


def test_the_users_templates_and_wordings_replace_the_built_in_ones_per_language(
    ctx: Context,
) -> None:
    s = _rejected(ctx, "de")
    folder = ctx.settings.templates_dir
    assert folder is not None
    (folder / "de").mkdir(parents=True)
    (folder / "wordings.toml").write_text(
        '[thank_you_card.close]\nany = ["An English close."]\n', encoding="utf-8"
    )
    card = _card(ctx, s, s.dana_id).draft or ""
    assert "An English close." not in card  # English wordings never reach a German card
    (folder / "de" / "wordings.toml").write_text(
        '[thank_you_card.close]\nany = ["Bis {Sie|du} bald wieder {company} {sehen|siehst}."]\n'
        'hiring_manager = ["Auf ein Wiedersehen bei {company}."]\n',
        encoding="utf-8",
    )
    card = _card(ctx, s, s.dana_id).draft or ""
    assert "Auf ein Wiedersehen bei Acme Robotics." in card  # Dana: a hiring manager
    assert "Bis Sie bald wieder Acme Robotics sehen." in (_card(ctx, s, s.lee_id).draft or "")
    (folder / "de" / "thank_you_card.txt.j2").write_text(
        "{{ card_greeting }} {{ s.close }} ({{ lang }}, {{ formal }})", encoding="utf-8"
    )
    card = _card(ctx, s, s.dana_id).draft or ""
    assert card == "Guten Tag Dana Smith, Auf ein Wiedersehen bei Acme Robotics. (de, True)"
    people.edit_person(ctx, s.dana_id, PersonChanges(language="en"))
    assert "An English close." in (_card(ctx, s, s.dana_id).draft or "")


def test_a_long_form_of_address_keeps_the_note_in_the_limit_or_says_so(ctx: Context) -> None:
    s = _rejected(ctx, "de")
    people.record_reply(ctx, s.dana_id, ConnectAnswer.YES)
    long = "Frau Prof. Dr. Annemarie Weber-Schnarrenberger von und zu Hohenlohe-Ingelfingen"
    people.edit_person(ctx, s.dana_id, PersonChanges(address_as=long))
    found = tasks.list_tasks(ctx, include_closed=True)
    invite = next(t for t in found if t.kind is Kind.LINKEDIN_INVITE and t.person_id == s.dana_id)
    note = tasks.show_task(ctx, invite.id)
    limit = ctx.settings.playbook.note_limit
    if note.draft_problem is None:
        assert note.draft and len(note.draft) <= limit and note.draft.startswith("Guten Tag Frau")
    else:
        assert f"the limit is {limit}" in note.draft_problem
    card = _card(ctx, s, s.dana_id).draft or ""
    assert card.startswith(f"Sehr geehrte {long},\n\n")


def test_a_form_of_address_is_one_line_of_a_sensible_length(ctx: Context) -> None:
    s = interviewed(ctx)
    with pytest.raises(InvalidInput, match="form of address"):
        people.edit_person(ctx, s.dana_id, PersonChanges(address_as="Frau\nWeber"))
    with pytest.raises(InvalidInput, match="form of address"):
        people.edit_person(ctx, s.dana_id, PersonChanges(address_as="x" * 121))
