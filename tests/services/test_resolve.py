"""Names to ids, before a service is called; and what the services say about ids and fields."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import NewInterview
from nextround.domain.people import NewPerson, PersonChanges
from nextround.errors import Ambiguous, InvalidInput, NotFound
from nextround.services import applications, companies, forms, interviews, people, resolve
from nextround.services.context import Context
from tests.tables import fingerprint


@pytest.fixture
def acme(ctx: Context) -> int:
    acme = companies.add_company(ctx, NewCompany("Acme Robotics"))
    companies.add_company(ctx, NewCompany("Acme Logistics"))
    companies.add_company(ctx, NewCompany("Zoë Ångström AB"))
    for name in ("Dana Smith", "Dana Park", "Lee Wong"):
        people.add_person(ctx, NewPerson(name, acme.id))
    return acme.id


def test_a_whole_name_or_a_part_of_one_finds_one_company(ctx: Context, acme: int) -> None:
    assert resolve.company(ctx, "acme robotics") == acme
    assert resolve.company(ctx, "  ACME   Robotics ") == acme
    assert resolve.company(ctx, "robot") == acme
    assert resolve.company(ctx, str(acme)) == acme
    assert resolve.company(ctx, "ZOË ÅNGSTRÖM AB") == resolve.company(ctx, "Ångström")
    assert resolve.company(ctx, "Acme Robotics Inc.") == acme  # legal suffixes set aside


def test_several_matches_list_the_candidates_by_id(ctx: Context, acme: int) -> None:
    with pytest.raises(Ambiguous) as found:
        resolve.company(ctx, "acme")
    message = found.value.message
    assert message.startswith("company 'acme' matches 2: Acme Logistics (id ")
    assert message.endswith("Use the id to pick one")
    assert [label for _, label in found.value.candidates] == [
        f"Acme Logistics (id {resolve.company(ctx, 'Acme Logistics')})",
        f"Acme Robotics (id {acme})",
    ]
    with pytest.raises(Ambiguous) as people_found:
        resolve.person(ctx, "dana")
    assert sorted(label for _, label in people_found.value.candidates) == [
        f"Dana Park, Acme Robotics (id {resolve.person(ctx, 'Dana Park')})",
        f"Dana Smith, Acme Robotics (id {resolve.person(ctx, 'Dana Smith')})",
    ]


def test_no_match_suggests_the_closest_names(ctx: Context, acme: int) -> None:
    with pytest.raises(NotFound, match=r"^no person named 'Lee Wang'\. Did you mean 'Lee Wong'\?$"):
        resolve.person(ctx, "Lee Wang")
    with pytest.raises(NotFound, match=r"^no company named 'Initech'\.$"):
        resolve.company(ctx, "Initech")
    with pytest.raises(NotFound, match="no person with id 999"):
        resolve.person(ctx, "999")
    with pytest.raises(NotFound, match="no person with id 0"):
        resolve.person(ctx, "0")
    with pytest.raises(InvalidInput, match="give a person name or id"):
        resolve.person(ctx, "   ")


def test_a_person_is_found_among_one_companys_people(ctx: Context, acme: int) -> None:
    globex = companies.add_company(ctx, NewCompany("Globex"))
    other = people.add_person(ctx, NewPerson("Lee Wong", globex.id))
    with pytest.raises(Ambiguous):
        resolve.person(ctx, "Lee Wong")
    assert resolve.person(ctx, "lee", company_id=globex.id) == other.id
    with pytest.raises(NotFound):
        resolve.person(ctx, "Dana Smith", company_id=globex.id)


def test_a_company_or_a_new_one_by_its_whole_name(ctx: Context, acme: int) -> None:
    assert resolve.company_or_new(ctx, "ACME robotics") == resolve.CompanyRef(acme, "Acme Robotics")
    assert resolve.company_or_new(ctx, str(acme)).id == acme
    assert resolve.company_or_new(ctx, "Acme") == resolve.CompanyRef(None, "Acme")  # not a part
    with pytest.raises(NotFound):
        resolve.company_or_new(ctx, "424242")
    with pytest.raises(InvalidInput):
        resolve.company_or_new(ctx, "")


@pytest.mark.parametrize("bad", [0, -5, 2**31, 999])
def test_services_take_ids_and_an_impossible_one_is_not_found(
    ctx: Context, acme: int, bad: int
) -> None:
    before = fingerprint(ctx.db)
    for call in (
        lambda: people.show_person(ctx, bad),
        lambda: people.edit_person(ctx, bad, PersonChanges(title="x")),
        lambda: people.delete_person(ctx, bad),
        lambda: companies.show_company(ctx, bad),
        lambda: applications.show_application(ctx, bad),
        lambda: interviews.show_interview(ctx, bad),
        lambda: people.add_person(ctx, NewPerson("Kim", bad)),
        lambda: applications.add_application(ctx, NewApplication("QA", company_id=bad)),
        lambda: interviews.add_interview(ctx, NewInterview(bad, date(2026, 11, 1))),
    ):
        with pytest.raises(NotFound, match=f"with id {bad}"):
            call()
    assert fingerprint(ctx.db) == before


def test_every_field_at_fault_is_named_and_nothing_is_written(ctx: Context, acme: int) -> None:
    before = fingerprint(ctx.db)
    with pytest.raises(InvalidInput) as refused:
        people.add_person(
            ctx, NewPerson("Kim\x00", acme, email="kim", linkedin_url="nope", title="a\nb")
        )
    assert set(refused.value.fields) == {"name", "email", "linkedin_url", "title"}
    assert fingerprint(ctx.db) == before


def test_an_interviewer_must_be_known(ctx: Context, acme: int) -> None:
    app = applications.add_application(
        ctx, NewApplication("QA", company_id=acme, applied_on=date(2026, 10, 1))
    ).application
    with pytest.raises(InvalidInput, match="no person with id 999") as refused:
        interviews.add_interview(
            ctx, NewInterview(app.id, date(2026, 11, 1), interviewer_ids=(999,))
        )
    assert set(refused.value.fields) == {"interviewer_ids"}


def test_new_interviewers_are_found_at_the_company_or_added_there(ctx: Context, acme: int) -> None:
    app = applications.add_application(
        ctx, NewApplication("QA", company_id=acme, applied_on=date(2026, 10, 1))
    ).application
    view = interviews.add_interview(
        ctx, NewInterview(app.id, date(2026, 11, 1), new_interviewers=("lee  WONG", "Sam Hill"))
    )
    names = [p.name for p in view.people]
    assert names == ["Lee Wong", "Sam Hill"]
    assert view.people[0].id == resolve.person(ctx, "Lee Wong")
    assert resolve.person(ctx, "Sam Hill", company_id=acme) == view.people[1].id


def test_a_form_sent_twice_creates_once(ctx: Context, acme: int) -> None:
    token = forms.new_token()
    first = people.add_person(ctx, NewPerson("Kim Park", acme), form_token=token)
    before = fingerprint(ctx.db)
    with pytest.raises(forms.AlreadySubmitted) as again:
        people.add_person(ctx, NewPerson("Kim Park", acme), form_token=token)
    assert (again.value.kind, again.value.id) == ("person", first.id)
    assert fingerprint(ctx.db) == before
    company_token = forms.new_token()
    made = companies.add_company(ctx, NewCompany("Globex"), form_token=company_token)
    with pytest.raises(forms.AlreadySubmitted) as twice:
        companies.add_company(ctx, NewCompany("Globex 2"), form_token=company_token)
    assert (twice.value.kind, twice.value.id) == ("company", made.id)


def test_a_company_or_a_new_one_says_what_is_wrong(ctx: Context, acme: int) -> None:
    assert resolve.company_or_new(ctx, "  Acme   Robotics ") == resolve.CompanyRef(
        acme, "Acme Robotics"
    )
    assert resolve.company_or_new(ctx, " Initech ") == resolve.CompanyRef(None, "Initech")
    with pytest.raises(NotFound) as missing:
        resolve.company_or_new(ctx, "424242")
    assert missing.value.message == "no company with id 424242"
    with pytest.raises(InvalidInput) as blank:
        resolve.company_or_new(ctx, "  ")
    assert blank.value.field == "company"
    with pytest.raises(InvalidInput) as long:
        resolve.company_or_new(ctx, "A" * 201)
    assert long.value.field == "company"
