"""The vCard renderer: names split sensibly, fields escaped, and read back by vobject."""

from __future__ import annotations

import pytest
import vobject

from nextround.domain.people import Person
from nextround.renderers.vcards import NameParts, render_vcards, split_name, street

ZOE = Person(
    id=3,
    name="Dr. Zoë Ng-Ålesund",
    company_id=1,
    company="Acme; Robotics, Inc.",
    title="Head, Platform; EU",
    email="zoe@acme.example",
    linkedin_url="https://www.linkedin.com/in/zo%C3%AB-ng",
    address="Dr. Zoë Ng-Ålesund\nAcme; Robotics, Inc.\n1 Main Street, Floor 2\nSpringfield",
    notes="Loves sailing, queues; and\nlong walks " + "é" * 50,
)
LEE = Person(id=4, name="王小明", company_id=1, company="Acme")


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Dana Smith", NameParts("Smith", "Dana")),
        ("  Dana   Smith ", NameParts("Smith", "Dana")),
        ("Dr. Zoë Ng", NameParts("Ng", "Zoë", prefix="Dr.")),
        ("Prof. Dr. Hans Müller", NameParts("Müller", "Hans", prefix="Prof. Dr.")),
        ("Mary Anne Smith", NameParts("Smith", "Mary", "Anne")),
        ("Ludwig van Beethoven", NameParts("van Beethoven", "Ludwig")),
        ("Ana María de la Cruz", NameParts("de la Cruz", "Ana", "María")),
        ("Martin Luther King Jr.", NameParts("King", "Martin", "Luther", suffix="Jr.")),
        ("Dana Smith, PhD", NameParts("Smith", "Dana", suffix="PhD")),
        ("Smith, Dana", NameParts("Smith", "Dana")),
        ("Smith, Dana Anne, Jr.", NameParts("Smith", "Dana", "Anne", suffix="Jr.")),
        ("Jean-Luc Picard", NameParts("Picard", "Jean-Luc")),
        ("Madonna", NameParts(given="Madonna")),
        ("王小明", NameParts(given="王小明")),
        ("Dr", NameParts(given="Dr")),
    ],
)
def test_names_split_into_the_five_parts(name: str, parts: NameParts) -> None:
    assert split_name(Person(1, name, 1)) == parts


def test_the_street_drops_a_first_line_that_repeats_the_name() -> None:
    assert street(ZOE) == "Acme; Robotics, Inc.\n1 Main Street, Floor 2\nSpringfield"
    assert street(Person(1, "Dana", 1, address=" 1 Main St \n\n Springfield")) == (
        "1 Main St\nSpringfield"
    )
    assert street(Person(1, "Dana", 1, address="Dana")) == "Dana"


def read(data: bytes) -> list[vobject.base.Component]:
    return list(vobject.readComponents(data.decode("utf-8")))


def test_every_field_comes_back_unchanged_through_vobject() -> None:
    [card] = read(render_vcards([ZOE], owner=1))
    assert card.version.value == "3.0"
    assert card.uid.value == "person-1-3@nextround.local"
    assert card.fn.value == ZOE.name
    assert (card.n.value.prefix, card.n.value.given, card.n.value.family) == (
        "Dr.",
        "Zoë",
        "Ng-Ålesund",
    )
    assert card.org.value == [ZOE.company]
    assert card.title.value == ZOE.title
    assert card.email.value == ZOE.email
    assert card.email.type_param == "INTERNET"
    assert card.adr.value.street == street(ZOE)
    assert card.label.value == ZOE.address
    assert card.url.value == ZOE.linkedin_url
    assert card.note.value == ZOE.notes


def test_special_characters_are_escaped_on_the_wire() -> None:
    text = render_vcards([ZOE], owner=1).decode()
    assert "ORG:Acme\\; Robotics\\, Inc.\r\n" in text
    assert "TITLE:Head\\, Platform\\; EU\r\n" in text
    assert "ADR:;;Acme\\; Robotics\\, Inc.\\n1 Main Street\\, Floor 2\\nSpringfield;;;;" in text


def test_a_person_with_only_a_name_gets_a_minimal_card() -> None:
    [card] = read(render_vcards([LEE], owner=1))
    assert sorted(card.contents) == ["fn", "n", "org", "uid", "version"]
    assert card.n.value.given == "王小明"


def test_several_people_make_one_stream_in_the_given_order() -> None:
    cards = read(render_vcards([ZOE, LEE], owner=9))
    assert [c.uid.value for c in cards] == [
        "person-9-3@nextround.local",
        "person-9-4@nextround.local",
    ]


def test_lines_end_in_crlf_and_fold_at_75_octets() -> None:
    data = render_vcards([ZOE, LEE], owner=1)
    lines = data.split(b"\r\n")
    assert lines.pop() == b""
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    assert all(line.decode("utf-8") for line in lines)  # no fold splits a character
