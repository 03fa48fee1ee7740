"""Languages of drafts on the command line: ``application add|edit --language`` and
``person add|edit --language --address-as --formal/--informal``."""

from __future__ import annotations

import pytest

from tests.cli.runner import Nextround
from tests.cli.scenarios import interviewed_at_acme


@pytest.fixture
def search(nr_sqlite: Nextround) -> Nextround:
    return interviewed_at_acme(nr_sqlite)


def test_an_application_in_german_writes_its_drafts_in_german(search: Nextround) -> None:
    search.ok("app", "edit", "1", "--language", "de")
    assert "drafts in: de" in search.ok("app", "show", "1").out
    search.ok("person", "edit", "Dana", "--address-as", "Frau Smith")
    search.ok("reject", "1", "--on", "2026-11-20")
    card = search.ok("task", "show", "2").out
    assert "Sehr geehrte Frau Smith," in card and "Sie" in card
    search.ok("person", "edit", "Dana", "--informal", "--address-as", "")
    card = search.ok("task", "show", "2").out
    assert "Hallo Dana," in card and "Sie " not in card
    shown = search.ok("person", "show", "Dana", "--json").json()["person"]
    assert (shown["language"], shown["address_as"], shown["formal"]) == (None, None, False)
    assert "drafts: informal" in search.ok("person", "show", "Dana").out


def test_a_person_gets_drafts_in_their_own_language(search: Nextround) -> None:
    search.ok("person", "edit", "Dana", "--language", "es", "--formal")
    search.ok("reject", "1", "--on", "2026-11-20")
    assert "Buenos días, Dana Smith:" in search.ok("task", "show", "2").out
    search.ok("person", "edit", "Dana", "--language", "")
    assert "Dear Dana," in search.ok("task", "show", "2").out


def test_an_application_and_a_person_are_added_with_a_language(search: Nextround) -> None:
    added = search.ok(
        "app", "add", "--company", "Acme", "--role", "Data Engineer", "--language", "FR"
    )
    shown = search.ok("app", "show", added.out.strip(), "--json").json()
    assert shown["application"]["language"] == "fr"
    search.ok(
        "person", "add", "Anne Martin", "--company", "Acme", "--language", "fr",
        "--address-as", "Madame Martin", "--informal",
    )  # fmt: skip
    person = search.ok("person", "show", "Anne Martin", "--json").json()["person"]
    assert (person["language"], person["address_as"], person["formal"]) == (
        "fr",
        "Madame Martin",
        False,
    )


def test_a_language_not_supported_is_one_clear_line(search: Nextround) -> None:
    for args in (
        ("app", "edit", "1", "--language", "it"),
        ("person", "edit", "Dana", "--language", "pt-BR"),
    ):
        refused = search.run(*args)
        assert refused.code != 0
        lines = refused.err.strip().splitlines()
        assert len(lines) == 1, refused.err
        assert "en (English), de (German), fr (French) or es (Spanish)" in lines[0]


def test_formal_with_no_form_of_address_greets_by_full_name_and_hints(search: Nextround) -> None:
    search.ok("app", "edit", "1", "--language", "fr")
    search.ok("reject", "1", "--on", "2026-11-20")
    assert "Bonjour Dana Smith," in search.ok("task", "show", "2").out
    hint = "Set how to address them, e.g. --address-as 'Madame Dubois'"
    assert hint in search.ok("person", "show", "Dana").out
    assert search.ok("person", "show", "Dana", "--json").json()["address_example"] == (
        "Madame Dubois"
    )
    search.ok("person", "edit", "Dana", "--informal")
    assert "Bonjour Dana," in search.ok("task", "show", "2").out
    assert "address-as" not in search.ok("person", "show", "Dana").out
    search.ok("person", "edit", "Dana", "--formal", "--address-as", "Madame Smith")
    assert "address-as" not in search.ok("person", "show", "Dana").out
    search.ok("app", "edit", "1", "--language", "en")
    search.ok("person", "edit", "Dana", "--address-as", "")
    assert "address-as" not in search.ok("person", "show", "Dana").out
