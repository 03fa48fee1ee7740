"""The plan of an import, without a database: matching, gap filling, repeats, and fuzz."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.domain.import_plan import plan_people
from nextround.domain.imports import (
    ImportedInvitation,
    ImportedPerson,
    Known,
    Outcome,
    SkippedRow,
)
from nextround.domain.rules import EMAIL_MAX, NAME_MAX
from nextround.services.duplicates import name_key

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DANA = Known(7, "Dana Smith", company="Acme Robotics", has_company=True, email="dana@acme.example")


def _plan(*records: object, known: tuple[Known, ...] = (DANA,)) -> list[tuple[str, str]]:
    rows = plan_people(records, known, name_key, source="linkedin")  # type: ignore[arg-type]
    return [(r.outcome.value, r.reason) for r in rows]


def test_an_email_in_another_case_matches_and_fills_only_gaps() -> None:
    row = ImportedPerson(2, "D. Smith", "Other Co", "CTO", emails=("DANA@acme.example",))
    (planned,) = plan_people([row], [DANA], name_key, source="linkedin")
    assert planned.outcome is Outcome.UPDATED and planned.person_id == 7
    assert planned.values == {"title": "CTO"}  # a company record: no organisation filled
    assert planned.reason == "matched by the same email; added title"


def test_the_same_name_at_another_company_is_someone_else() -> None:
    assert _plan(ImportedPerson(2, "Smith, Dana", "ACME Robotics GmbH")) == [
        ("matched", "already known (the same name and company)")
    ]
    assert _plan(ImportedPerson(2, "Dana Smith", "Acme Robots")) == [("created", "new")]
    assert _plan(ImportedPerson(2, "Dana", "Acme Robotics")) == [("created", "new")]


def test_control_characters_never_reach_the_values() -> None:
    row = ImportedPerson(
        3,
        "Ada\x1b[31m Lovelace\u2028",
        organisation="Engines\x00 Ltd",
        title="x" * 300,
        emails=("bad\x00@x.example", "ada@engines.example"),
        linkedin_url="https://linkedin.com/in/ada\x07",
        address="1 Street\x0c\n\nLondon",
    )
    (planned,) = plan_people([row], [], name_key, source="vcard")
    values = planned.values
    assert values["name"] == "Ada [31m Lovelace"
    assert values["organisation"] == "Engines Ltd"
    assert values["title"] == "x" * (NAME_MAX - 1) + "\u2026"
    assert values["email"] == "ada@engines.example"
    assert values["linkedin_url"] is None
    assert values["address"] == "1 Street\nLondon"
    assert values["source"] == "vcard"


def test_a_skipped_row_and_an_incoming_invitation_keep_their_lines_and_files() -> None:
    rows = plan_people(
        [
            SkippedRow(4, "the row has no values", file="Connections.csv"),
            ImportedInvitation(9, "Sam", None, date(2026, 1, 2), False, file="Invitations.csv"),
        ],
        [],
        name_key,
        source="linkedin",
    )
    assert [(r.where, r.outcome) for r in rows] == [
        ("Connections.csv line 4", Outcome.SKIPPED),
        ("Invitations.csv line 9", Outcome.SKIPPED),
    ]


def test_a_connection_and_its_invitation_finish_the_step_once() -> None:
    known = Known(5, "Lee Wong", linkedin_url="https://www.linkedin.com/in/lee", invite_step=40)
    rows = plan_people(
        [
            ImportedPerson(
                2, "Lee Wong", linkedin_url="linkedin.com/in/LEE/", connected_on=date(2026, 3, 1)
            ),
            ImportedInvitation(
                2, "Lee Wong", "https://linkedin.com/in/lee", date(2026, 2, 1), True
            ),
        ],
        [known],
        name_key,
        source="linkedin",
    )
    assert [(r.kind, r.outcome, r.step_done) for r in rows] == [
        ("person", Outcome.UPDATED, 40),
        ("invitation", Outcome.MATCHED, None),
    ]
    assert rows[0].relationship == {
        "connected_on": date(2026, 3, 1),
        "invited_on": date(2026, 3, 1),
    }


_TEXT = st.text(max_size=30)
_PEOPLE = st.builds(
    ImportedPerson,
    line=st.integers(1, 10_000),
    name=_TEXT,
    organisation=st.none() | _TEXT,
    title=st.none() | st.text(max_size=400),
    emails=st.lists(_TEXT | st.emails(), max_size=3).map(tuple),
    phones=st.lists(_TEXT, max_size=3).map(tuple),
    linkedin_url=st.none() | _TEXT | st.sampled_from(["https://www.linkedin.com/in/dana"]),
    address=st.none() | _TEXT,
    notes=_TEXT,
)
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@FUZZ
@given(st.lists(_PEOPLE, max_size=12))
def test_any_people_are_planned_once_each_with_values_their_columns_hold(
    people: list[ImportedPerson],
) -> None:
    rows = plan_people(people, [DANA], name_key, source="google")
    assert [r.line for r in rows] == [p.line for p in people]
    for row in rows:
        for column, value in row.values.items():
            if isinstance(value, str) and column not in ("address", "notes"):
                assert not _CONTROL.search(value) and "\n" not in value, (column, value)
        assert len(str(row.values.get("name", ""))) <= NAME_MAX
        assert len(str(row.values.get("email") or "")) <= EMAIL_MAX
        if row.outcome is Outcome.CREATED:
            assert row.values["name"]
        if row.outcome in (Outcome.MATCHED, Outcome.UPDATED):
            assert row.person_id == DANA.id
    again = plan_people(people, [DANA], name_key, source="google")
    assert again == rows
