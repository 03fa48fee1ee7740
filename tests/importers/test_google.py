"""Google Contacts CSV in both layouts read into contacts."""

from __future__ import annotations

import pytest

from nextround.importers.contacts import Contact, ImportFailed, Skipped
from nextround.importers.google import google_records, read_google
from tests.importers.rows import FIXTURES, csv_rows


def _read(name: str, encoding: str) -> list[Contact | Skipped]:
    text = (FIXTURES / name).read_bytes().decode(encoding)
    found = list(read_google(csv_rows(text)))
    with (FIXTURES / name).open("rb") as data:  # the shared CSV core finds the same
        assert list(google_records(data)) == [
            r.imported() if isinstance(r, Contact) else r for r in found
        ]
    return found


def test_current_layout() -> None:
    dana, lea, phone_only, sunny = _read("google-current.csv", "utf-8-sig")
    assert isinstance(dana, Contact)
    assert dana.line == 2
    assert dana.name == "Dana Smith"
    assert dana.organisation == "Acme Robotics"
    assert dana.title == "Engineering Manager"
    # " ::: " joins several values in one cell; the group labelled "* " comes first.
    assert dana.emails == ("dana@acme.example", "dana.smith@acme.example", "dana@home.example")
    assert dana.phones == ("+1 555 0100", "+1 555 0101")
    assert dana.address == "1 Main St\nSpringfield, IL 62701\nUS"
    assert dana.linkedin_url == "https://www.linkedin.com/in/dana-smith"
    assert dana.websites == ("https://dana.example",)
    assert dana.notes == "Met at the onsite.\nAsked about the fleet, twice."
    assert dana.labels == ("Work",)  # the system label "* myContacts" is left out
    assert isinstance(lea, Contact)
    assert lea.name == "Dr. Léa Dupont"
    # No formatted address: laid out from its parts, the code before the town in Germany.
    assert lea.address == "Friedrichstraße 12\n10117 Berlin\nGermany"
    assert lea.line == 6  # Dana's quoted cells span lines 2 to 5
    assert isinstance(phone_only, Skipped) and phone_only.line == 7
    assert "no name" in phone_only.reason
    assert isinstance(sunny, Contact) and sunny.name == "Sunny"  # the nickname


def test_legacy_layout_in_utf16() -> None:
    jose, priya, nameless = _read("google-legacy-utf16.csv", "utf-16")
    assert isinstance(jose, Contact) and isinstance(priya, Contact)
    assert jose.name == "José Álvarez"
    assert jose.organisation == "Globex"
    assert jose.title == "Recruiter"
    assert jose.emails == ("jose@globex.example", "jalvarez@globex.example")
    assert [a.text for a in jose.addresses] == [
        "Calle Mayor 5\n28013 Madrid\nSpain",
        "Plaza Sol 1\n28012 Madrid",
    ]
    assert jose.linkedin_url == "https://linkedin.com/in/jose-alvarez"
    assert jose.labels == ("Recruiters",)
    assert priya.name == "Priya Raman"  # from Given Name and Family Name
    assert isinstance(nameless, Skipped)


def test_email_spelled_without_hyphen_and_missing_cells() -> None:
    text = "First Name,Last Name,Email 1 - Label,Email 1 - Value\nAda,Lovelace,* Home,ada@example.org\nBob\n"
    ada, bob = read_google(csv_rows(text))
    assert isinstance(ada, Contact) and ada.email == "ada@example.org"
    assert isinstance(bob, Contact) and bob.name == "Bob" and bob.emails == ()


@pytest.mark.parametrize(
    "text",
    ["", "Company,Role\nAcme,Engineer\n", "a,b\n" * 30],
)
def test_not_a_google_file(text: str) -> None:
    with pytest.raises(ImportFailed, match="not a Google Contacts CSV"):
        list(read_google(csv_rows(text)))


def test_outlook_csv_from_google_contacts() -> None:
    text = (
        "First Name,Middle Name,Last Name,Company,Job Title,E-mail Address,E-mail 2 Address,"
        "Mobile Phone,Business Phone\n"
        "Kenji,,Sato,Umbrella,CTO,kenji@umbrella.example,k@sato.example,+81 3 0000,+81 3 1111\n"
    )
    (kenji,) = read_google(csv_rows(text))
    assert isinstance(kenji, Contact)
    assert (kenji.name, kenji.organisation, kenji.title) == ("Kenji Sato", "Umbrella", "CTO")
    assert kenji.emails == ("kenji@umbrella.example", "k@sato.example")
    assert kenji.phones == ("+81 3 0000", "+81 3 1111")
