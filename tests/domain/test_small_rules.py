"""Small pure rules, one table each: names in titles, notes, journal sections, guesses."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from nextround.domain.journal import (
    JournalEntry,
    clean_entry,
    detail_for,
    prompt_template,
    sections,
)
from nextround.domain.mail_matching import Letter, guess_company
from nextround.domain.people import ConnectAnswer, Relationship
from nextround.domain.playbook import PlaybookSettings, check_note, plan
from nextround.domain.tasks import Kind
from nextround.errors import InvalidInput
from tests.domain.test_playbook import ACME, DANA, make_input, one


@pytest.mark.parametrize(
    ("names", "listed"),
    [
        (["Dana"], "Dana"),
        (["Dana", "Lee"], "Dana and Lee"),
        (["Dana", "Lee", "Kim"], "Dana, Lee and Kim"),
        (["Dana", "Lee", "Kim", "Ana"], "Dana, Lee, Kim and Ana"),
    ],
)
def test_the_address_step_names_every_card_waiting(names: list[str], listed: str) -> None:
    people = [
        dataclasses.replace(DANA, id=20 + i, name=n, address=None) for i, n in enumerate(names)
    ]
    inp = make_input(company=dataclasses.replace(ACME, address=None), interviewers=people)
    step = one(plan(inp, PlaybookSettings()), Kind.FIND_ADDRESS)
    assert step.title == f"Find a postal address for Acme's office (for the cards to {listed})"


def test_check_note_counts_against_the_accounts_limit() -> None:
    free = PlaybookSettings(linkedin_free_account=True)
    assert check_note("  " + "n" * free.note_limit + "  ", free) == "n" * free.note_limit
    with pytest.raises(InvalidInput) as caught:
        check_note("n" * (free.note_limit + 1), free)
    assert caught.value.message == (
        f"the LinkedIn note is {free.note_limit + 1} characters; the limit is "
        f"{free.note_limit}. Shorten the note (or its template) and try again"
    )


def test_relationship_steps_as_shown() -> None:
    rel = Relationship(
        1,
        card_mailed_on=date(2026, 11, 20),
        asked_to_connect_on=date(2026, 11, 1),
        invited_on=date(2026, 11, 24),
    )
    assert rel.steps(date(2026, 11, 25)) == [
        ("card mailed", "2026-11-20"),
        ("congratulated", "not yet"),
        ("asked to connect", "2026-11-01"),
        ("answer", "no reply"),
        ("invited on LinkedIn", "2026-11-24"),
        ("connected", "not yet"),
    ]
    answered = Relationship(1, answer=ConnectAnswer.YES, connected_on=date(2026, 11, 25))
    assert answered.steps(date(2026, 11, 25))[3:] == [
        ("answer", "yes"),
        ("invited on LinkedIn", "not yet"),
        ("connected", "2026-11-25"),
    ]


def test_the_journal_prompt_and_what_is_kept_of_it() -> None:
    template = prompt_template()
    assert template.startswith(
        "## Who I met\n"
        "<!-- Names, roles, and one thing about each person worth remembering. -->\n\n\n"
        "## Questions they asked\n"
    )
    assert "## What went well\n\n\n## What I would do differently\n\n\n" in template
    assert clean_entry(template) == ""
    filled = template.replace("## What went well\n", "## What went well\nThe demo.\n")
    assert clean_entry(filled) == "## What went well\nThe demo."


def test_sections_by_heading() -> None:
    text = "Intro line\n## Who I met\nDana\n\n## Empty\n\n## Thank-you details\n- Dana: the tour\n"
    assert sections(text) == {
        "": "Intro line",
        "Who I met": "Dana",
        "Thank-you details": "- Dana: the tour",
    }


def entry(body: str) -> JournalEntry:
    return JournalEntry(1, 7, date(2026, 11, 20), body)


@pytest.mark.parametrize(
    ("bodies", "detail"),
    [
        (["## Thank-you details\n- Dana: the tour of the lab."], "the tour of the lab"),
        (
            ["## Thank-you details\n* Dana Scully \u2013 the whiteboard session"],
            "the whiteboard session",
        ),
        (["Dana: asked about the on-call rota"], "asked about the on-call rota"),
        # The thank-you section first, whatever the order of the entries.
        (["Dana: first note", "## Thank-you details\nDana: the lab"], "the lab"),
        (["Danaë: someone else", "Dana:"], None),
        (["Nothing about anyone"], None),
        (["dana   : spaces before the colon"], "spaces before the colon"),
        (["dana lower case is fine"], "lower case is fine"),
    ],
)
def test_detail_for(bodies: list[str], detail: str | None) -> None:
    assert detail_for("Dana", "Dana Scully", [entry(b) for b in bodies]) == detail


@pytest.mark.parametrize(
    ("sender", "name", "guess"),
    [
        ("notifications@initech-labs.wd5.myworkday.com", "", "Initech Labs"),
        ("x@globex-corp.myworkdayjobs.com", "", "Globex Corp"),
        ("no-reply@greenhouse-mail.io", "Hooli Recruiting", "Hooli"),
        ("no-reply@greenhouse-mail.io", "Pied Piper (via Greenhouse)", "Pied Piper"),
        ("no-reply@greenhouse-mail.io", "  -Vandelay Industries-  ", "Vandelay Industries"),
        ("no-reply@greenhouse-mail.io", "Talent Acquisition", None),
        ("jobs@careers.umbrella-corp.com", "", "Umbrella Corp"),
        ("x@hire.lever.co", "", None),
    ],
)
def test_guess_company(sender: str, name: str, guess: str | None) -> None:
    assert guess_company(Letter(sender, name, "", "")) == guess


@pytest.mark.parametrize(
    ("value", "low", "high", "ok"),
    [(0, 0, 10, True), (10, 0, 10, True), (11, 0, 10, False), (-1, 0, 10, False), (5, 5, 5, True)],
)
def test_whole_numbers_include_both_ends(value: int, low: int, high: int, ok: bool) -> None:
    from nextround.domain import rules

    if ok:
        assert rules.whole_number(value, "n", "number", low=low, high=high) == value
    else:
        with pytest.raises(InvalidInput) as caught:
            rules.whole_number(value, "n", "number", low=low, high=high)
        assert caught.value.fields == {
            "n": f"number {value} is out of range; use a number from {low} to {high}"
        }
    assert rules.whole_number(rules.MAX_ID, "n", "number") == rules.MAX_ID
