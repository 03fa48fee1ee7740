"""Languages of drafts: which are supported, greetings, registers, dates, elisions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain import draft_language as dl
from nextround.domain.people import Person
from nextround.errors import InvalidInput


@pytest.mark.parametrize(
    ("given_", "code"),
    [("de", "de"), (" FR ", "fr"), ("es-MX", "es"), ("en_GB", "en"), ("", None), (None, None)],
)
def test_a_language_is_read_as_its_code(given_: str | None, code: str | None) -> None:
    assert dl.language(given_) == code


@given(st.text(max_size=30))
def test_any_text_is_a_supported_code_nothing_or_a_one_line_refusal(text: str) -> None:
    try:
        found = dl.language(text)
    except InvalidInput as exc:
        assert "\n" not in exc.message.replace(text.strip(), "")
        assert "en (English), de (German), fr (French) or es (Spanish)" in exc.message
    else:
        assert found is None or found in dl.CODES


def test_formal_by_default_in_german_french_and_spanish_but_the_user_decides() -> None:
    assert [dl.register(c, None) for c in dl.CODES] == [False, True, True, True]
    assert dl.register("de", False) is False and dl.register("en", True) is True


@pytest.mark.parametrize(
    ("address", "code", "formal", "where", "expected"),
    [
        ("Frau Dr. Weber", "de", True, "card", "Sehr geehrte Frau Dr. Weber,"),
        ("Herr Brandt", "de", True, "letter", "Sehr geehrter Herr Brandt,"),
        ("Anna", "de", True, "letter", "Guten Tag Anna,"),  # no title: no gender guessed
        ("Anna", "de", False, "card", "Hallo Anna,"),
        ("Frau Weber", "de", False, "card", "Liebe Frau Weber,"),
        ("Madame Dubois", "fr", True, "letter", "Madame,"),
        ("Madame Dubois", "fr", True, "card", "Chère Madame Dubois,"),
        ("Monsieur Martin", "fr", False, "card", "Cher Monsieur Martin,"),
        ("Anne", "fr", False, "card", "Bonjour Anne,"),
        ("Sra. García", "es", True, "letter", "Estimada Sra. García:"),
        ("Sr. López", "es", True, "card", "Estimado Sr. López:"),
        ("Ana", "es", False, "letter", "Hola, Ana:"),
        ("Ana", "es", False, "note", "Hola, Ana."),
        ("Dana", "en", False, "card", "Dear Dana,"),
        ("Dana", "en", False, "letter", "Hi Dana,"),
        ("", "de", True, "card", "Guten Tag,"),
        ("  Frau   Weber ", "de", True, "card", "Sehr geehrte Frau Weber,"),
    ],
)
def test_greetings(address: str, code: str, formal: bool, where: str, expected: str) -> None:
    assert dl.greeting(address, code, formal, where) == expected


@given(st.text(max_size=60), st.sampled_from(dl.CODES), st.booleans())
def test_a_greeting_is_one_line_ending_as_the_language_ends_it(
    address: str, code: str, formal: bool
) -> None:
    for where in ("card", "letter", "note"):
        said = dl.greeting(address, code, formal, where)
        assert "\n" not in said.strip() or "\n" in address
        assert said[-1] in ",:."


def test_german_goes_on_in_lower_case_but_keeps_the_formal_pronouns() -> None:
    assert dl.go_on("Vielen Dank.", "de") == "vielen Dank."
    assert dl.go_on("Sie haben mir geholfen.", "de") == "Sie haben mir geholfen."
    assert dl.go_on("Ihre Zeit.", "de") == "Ihre Zeit."
    assert dl.go_on("Merci.", "fr") == "Merci."


def test_dates_are_written_as_each_language_writes_them() -> None:
    day = date(2026, 10, 12)
    assert [dl.long_date(day, c) for c in dl.CODES] == [
        "12 October 2026",
        "12. Oktober 2026",
        "12 octobre 2026",
        "12 de octubre de 2026",
    ]
    assert dl.day_and_month(day, "es") == "12 de octubre"
    assert dl.day_and_month(day, "de") == "12. Oktober"
    assert dl.long_date(date(2026, 3, 1), "fr") == "1er mars 2026"


def test_elisions_and_contractions_a_fact_makes_necessary() -> None:
    said = "le poste de Engineering Manager chez Acme, que Initech connaît, de Hooli"
    assert dl.polish(said, "fr") == (
        "le poste d'Engineering Manager chez Acme, qu'Initech connaît, de Hooli"
    )
    assert dl.polish("hablamos de el proyecto y a el equipo", "es") == (
        "hablamos del proyecto y al equipo"
    )
    assert dl.polish("de Engineering", "en") == "de Engineering"
    assert dl.polish("Danke für Ihre Fragen bei dem technischen Interview.", "de") == (
        "Danke für Ihre Fragen beim technischen Interview."
    )
    assert dl.polish("Bei dem Gespräch", "de") == "Beim Gespräch"


def test_a_formal_draft_with_no_form_of_address_uses_the_full_name() -> None:
    dana = Person(1, "Dr. Dana Smith", 1)
    assert dana.addressed_in("de", True) == "Dana Smith"  # no honorific, no title guessed
    assert dana.addressed_in("de", False) == "Dana"
    assert dana.addressed_in("en", True) == "Dana"  # English has no Sie to sit badly with
    titled = Person(1, "Dana Smith", 1, address_as="Frau Dr. Smith")
    assert titled.addressed_in("de", True) == "Frau Dr. Smith"
    assert dl.greeting(dana.addressed_in("es", True), "es", True, "card") == (
        "Buenos días, Dana Smith:"
    )
    assert Person(2, "山田 太郎", 1).addressed_in("fr", True) == "山田 太郎"
    assert Person(3, "Cher", 1).addressed_in("fr", True) == "Cher"
    assert dl.address_example("de", True, None) == "Frau Dr. Weber"
    assert dl.address_example("de", False, None) is None
    assert dl.address_example("fr", True, "Madame Dubois") is None
    assert dl.address_example("en", True, None) is None
