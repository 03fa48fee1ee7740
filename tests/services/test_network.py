"""People you already know at a company, from every source, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nextround.domain.companies import NewCompany
from nextround.domain.interviews import NewInterview
from nextround.domain.network import TieKind, Why
from nextround.errors import NotFound
from nextround.services import companies, interviews, network
from nextround.services.context import Context
from nextround.storage import records
from tests.services.scenario import interviewed
from tests.web.querycount import counting


def contact(
    ctx: Context,
    name: str,
    *,
    organisation: str | None = None,
    email: str | None = None,
    source: str = "linkedin",
    company_id: int | None = None,
    connected_on: date | None = None,
    **more: object,
) -> int:
    """A person as an import leaves them: maybe no company record, the organisation as given."""
    with ctx.db.transaction() as c:
        person_id = records.insert(
            c,
            "people",
            ctx.owner,
            {
                "name": name,
                "company_id": company_id,
                "organisation": organisation,
                "email": email,
                "source": source,
            },
        )
        records.insert(
            c,
            "relationships",
            ctx.owner,
            {"person_id": person_id, "connected_on": connected_on, **more},
        )
    return person_id


def test_people_from_every_source_with_how_and_when(ctx: Context) -> None:
    s = interviewed(ctx)  # Acme Robotics (acme.example): Dana and Lee interviewed on 10 Nov
    fox = contact(
        ctx, "Fox Mulder", organisation="ACME Robotics, Inc.", connected_on=date(2026, 2, 8)
    )
    jo = contact(ctx, "Jo March", email="jo@eu.acme.example", source="google")
    ann = contact(ctx, "Ann Lee", organisation="acme robotics gmbh", source="vcard")
    contact(ctx, "Not Here", organisation="Acme Robotics Labs")  # another company's name
    contact(ctx, "Nor Here", organisation="Acme")
    contact(ctx, "Webmail", organisation="Someone", email="x@gmail.com")
    contact(ctx, "Lookalike", email="x@notacme.example")

    found = network.people_you_know(ctx, s.company_id)

    assert found.company == "Acme Robotics"
    by_id = {p.person_id: p for p in found.people}
    assert set(by_id) == {s.dana_id, s.lee_id, fox, jo, ann}
    assert by_id[s.dana_id].why is Why.LINKED
    assert by_id[s.dana_id].how == "interviewed you on 10 Nov 2026"
    assert by_id[s.dana_id].last_in_touch == date(2026, 11, 10)
    assert by_id[fox].why is Why.NAME
    assert by_id[fox].how == "LinkedIn connection since 8 Feb 2026"
    assert by_id[fox].last_in_touch == date(2026, 2, 8)
    assert by_id[jo].why is Why.EMAIL
    assert by_id[jo].how == "in your address book"
    assert by_id[jo].last_in_touch is None
    assert [t.kind for t in by_id[ann].ties] == [TieKind.ADDRESS_BOOK]
    # The most recently in touch first; never in touch last, by name.
    assert [p.name for p in found.people] == [
        "Dana Smith",
        "Lee Wong",
        "Fox Mulder",
        "Ann Lee",
        "Jo March",
    ]
    assert found.summary.startswith("You know 5 people at Acme Robotics: Dana Smith, ")
    assert found.summary.endswith(" and 2 more.")


def test_last_in_touch_is_the_latest_card_email_reply_or_interview(ctx: Context) -> None:
    s = interviewed(ctx)
    with ctx.db.transaction() as c:
        records.update(
            c,
            "relationships",
            ctx.owner,
            {"person_id": s.dana_id},
            {"card_mailed_on": date(2026, 11, 12), "congratulated_on": date(2026, 11, 11)},
        )
        records.update(
            c,
            "relationships",
            ctx.owner,
            {"person_id": s.lee_id},
            {"answered_on": date(2026, 11, 21)},
        )
        records.insert(
            c,
            "mail_suggestions",
            ctx.owner,
            {
                "message_id": "<1@acme.example>",
                "source": "test",
                "kind": "reply",
                "received_at": datetime(2026, 11, 23, 8, 30),
                "sender": "dana@acme.example",
                "label": "reply",
                "confidence": 1.0,
                "status": "new",
                "person_id": s.dana_id,
            },
        )
    found = {p.person_id: p for p in network.people_you_know(ctx, s.company_id).people}
    assert found[s.dana_id].last_in_touch == date(2026, 11, 23)
    assert found[s.lee_id].last_in_touch == date(2026, 11, 21)


def test_an_interview_to_come_is_a_meeting_not_a_touch(ctx: Context) -> None:
    s = interviewed(ctx)
    interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 12, 3), interviewer_ids=(s.lee_id,))
    )
    found = {p.person_id: p for p in network.people_you_know(ctx, s.company_id).people}
    assert found[s.lee_id].how == "interviewed you on 10 Nov 2026; you meet them on 3 Dec 2026"
    assert found[s.lee_id].last_in_touch == date(2026, 11, 10)


def test_linked_to_another_company_is_not_here_whatever_the_name(ctx: Context) -> None:
    """People linked to a company record are where the user put them, not where names say."""
    s = interviewed(ctx)
    acme = companies.add_company(ctx, NewCompany("Acme", website="other.example"))
    contact(ctx, "At Robotics", organisation="Acme", company_id=s.company_id)
    linked = contact(ctx, "Linked", organisation="Acme Robotics", company_id=acme.id)
    found = network.people_you_know(ctx, acme.id)
    assert [(p.person_id, p.why) for p in found.people] == [(linked, Why.LINKED)]
    assert found.people[0].how == "LinkedIn connection"
    assert "Linked" not in {p.name for p in network.people_you_know(ctx, s.company_id).people}


def test_a_company_entered_twice_shares_its_unlinked_contacts(ctx: Context) -> None:
    s = interviewed(ctx)
    twin = companies.add_company(ctx, NewCompany("ACME Robotics Inc."), allow_duplicate=True)
    fox = contact(ctx, "Fox", organisation="Acme Robotics")
    assert [p.person_id for p in network.people_you_know(ctx, twin.id).people] == [fox]
    assert fox in {p.person_id for p in network.people_you_know(ctx, s.company_id).people}


def test_meta_is_not_metabase(ctx: Context) -> None:
    meta = companies.add_company(ctx, NewCompany("Meta", website="https://meta.com"))
    contact(ctx, "Metabase person", organisation="Metabase", email="a@metabase.com")
    contact(ctx, "Platforms person", organisation="Meta Platforms")
    at_meta = contact(ctx, "Meta person", organisation="Meta Platforms, Inc.", email="b@meta.com")
    named = contact(ctx, "Named", organisation="META")
    found = network.people_you_know(ctx, meta.id)
    assert {p.person_id: p.why for p in found.people} == {at_meta: Why.EMAIL, named: Why.NAME}


def test_no_one_known(ctx: Context) -> None:
    alone = companies.add_company(ctx, NewCompany("Quiet GmbH"))
    contact(ctx, "Someone", organisation="Quieter GmbH")
    found = network.people_you_know(ctx, alone.id)
    assert found.people == ()
    assert found.summary == ""


def test_an_unknown_company_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFound):
        network.people_you_know(ctx, 999)


def test_a_fixed_number_of_queries_however_many_people(ctx: Context) -> None:
    s = interviewed(ctx)

    def queries() -> int:
        with counting(ctx.db) as seen:
            network.people_you_know(ctx, s.company_id)
        return len(seen)

    few = queries()
    for i in range(30):
        contact(ctx, f"Person {i}", organisation=f"Acme Robotics {'Inc' if i % 2 else 'Ltd'}")
        contact(ctx, f"Other {i}", organisation=f"Company {i}", email=f"p{i}@acme.example")
    assert len(network.people_you_know(ctx, s.company_id).people) == 62
    assert queries() == few


def test_json_says_how(ctx: Context) -> None:
    s = interviewed(ctx)
    shown = network.people_you_know(ctx, s.company_id).to_json()
    assert shown["summary"] == (
        "You know 2 people at Acme Robotics: Dana Smith, Engineering Manager (interviewed you "
        "on 10 Nov 2026) and Lee Wong, Staff Engineer (interviewed you on 10 Nov 2026)."
    )
    first = shown["people"][0]  # type: ignore[index]
    assert first["how"] == "interviewed you on 10 Nov 2026"
    assert first["ties"] == [{"kind": "interviewed", "on": "2026-11-10"}]
    assert first["last_in_touch"] == "2026-11-10"
