"""Who is known at a company, how, and since when: the rules without a database."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.network import (
    Contact,
    KnownPerson,
    Tie,
    TieKind,
    Why,
    known_person,
    people_known,
    summary,
)
from nextround.domain.orgnames import Organisation

TODAY = date(2026, 11, 25)
ACME = Organisation.of("Acme, Inc.", "https://www.acme.com")


def test_linked_people_are_there_and_nowhere_else() -> None:
    linked = Contact(1, "Dana", company_id=7, organisation="Metabase")
    assert known_person(linked, 7, ACME, TODAY) is not None
    elsewhere = Contact(2, "Lee", company_id=8, organisation="Acme", email="lee@acme.com")
    assert known_person(elsewhere, 7, ACME, TODAY) is None


@pytest.mark.parametrize(
    ("organisation", "email", "why"),
    [
        ("ACME Inc.", None, Why.NAME),
        ("Acme", "lee@acme.com", Why.NAME),
        (None, "lee@acme.com", Why.EMAIL),
        ("Someone else", "lee@uk.acme.com", Why.EMAIL),
        ("Acme Robotics", None, None),
        ("Acmeco", "lee@acmeco.com", None),
        (None, "lee@gmail.com", None),
        (None, None, None),
    ],
)
def test_unlinked_contacts_by_name_or_email_domain(
    organisation: str | None, email: str | None, why: Why | None
) -> None:
    found = known_person(Contact(1, "Lee", None, organisation, email), 7, ACME, TODAY)
    assert (found.why if found else None) is why


@pytest.mark.parametrize(
    ("contact", "how"),
    [
        (
            Contact(1, "A", 7, source="interview", last_interview=date(2026, 5, 12)),
            "interviewed you on 12 May 2026",
        ),
        (Contact(1, "A", 7), "you met them there"),
        (
            Contact(1, "A", 7, next_interview=date(2026, 12, 1)),
            "you meet them on 1 Dec 2026",
        ),
        (
            Contact(1, "A", 7, connected_on=date(2026, 2, 8)),
            "LinkedIn connection since 8 Feb 2026",
        ),
        (Contact(1, "A", None, "Acme", source="linkedin"), "LinkedIn connection"),
        (Contact(1, "A", None, "Acme", source="google"), "in your address book"),
        (Contact(1, "A", None, "Acme", source="vcard"), "in your address book"),
        (Contact(1, "A", None, "Acme", source="csv"), "from your tracker"),
        (Contact(1, "A", None, "Acme", source="manual"), ""),
        (
            Contact(
                1,
                "A",
                None,
                "Acme",
                source="google",
                connected_on=date(2025, 1, 3),
                last_interview=date(2026, 1, 5),
            ),
            "interviewed you on 5 Jan 2026; LinkedIn connection since 3 Jan 2025; "
            "in your address book",
        ),
    ],
)
def test_how_the_user_knows_them(contact: Contact, how: str) -> None:
    found = known_person(contact, 7, ACME, TODAY)
    assert found is not None
    assert found.how == how


def test_last_in_touch_is_the_latest_past_day() -> None:
    contact = Contact(
        1,
        "A",
        7,
        last_interview=date(2026, 3, 1),
        next_interview=date(2026, 12, 1),
        connected_on=date(2026, 4, 1),
        touches=(None, date(2026, 6, 2), date(2027, 1, 1)),  # a future day is no touch yet
    )
    found = known_person(contact, 7, ACME, TODAY)
    assert found is not None
    assert found.last_in_touch == date(2026, 6, 2)
    never = known_person(Contact(2, "B", 7), 7, ACME, TODAY)
    assert never is not None
    assert never.last_in_touch is None


def test_most_recent_first_then_by_name() -> None:
    contacts = [
        Contact(1, "zed", 7),
        Contact(2, "Amy", 7),
        Contact(3, "Bo", 7, connected_on=date(2026, 1, 1)),
        Contact(4, "Cy", 7, touches=(date(2026, 10, 1),)),
        Contact(5, "Elsewhere", 8),
    ]
    assert [p.person_id for p in people_known(contacts, 7, ACME, TODAY)] == [4, 3, 2, 1]


def _person(name: str, title: str | None = None) -> KnownPerson:
    tie = Tie(TieKind.LINKEDIN, date(2026, 2, 8))
    return KnownPerson(1, name, title, None, None, "linkedin", Why.NAME, (tie,), None)


def test_summary_is_warm_and_brief() -> None:
    assert summary("Acme", []) == ""
    assert summary("Acme", [_person("Dana", "CTO")]) == (
        "You know 1 person at Acme: Dana, CTO (LinkedIn connection since 8 Feb 2026)."
    )
    two = summary("Acme", [_person("Dana"), _person("Lee")])
    assert two == (
        "You know 2 people at Acme: Dana (LinkedIn connection since 8 Feb 2026) and "
        "Lee (LinkedIn connection since 8 Feb 2026)."
    )
    many = summary("Acme", [_person(n) for n in "ABCDE"], shown=2)
    assert many.startswith("You know 5 people at Acme: A (")
    assert many.endswith("since 8 Feb 2026) and 3 more.")
