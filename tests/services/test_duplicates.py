"""The same person or company entered twice: refused with the one already stored, or merged."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import NewInterview
from nextround.domain.people import ConnectAnswer, NewPerson
from nextround.domain.tasks import Kind, TaskStatus
from nextround.errors import Duplicate, InvalidInput, NotFound
from nextround.services import applications, companies, interviews, people, tasks
from nextround.services.context import Context
from nextround.services.duplicates import might_share_a_name, name_key
from nextround.storage import mail
from tests.services.scenario import Scenario, interviewed
from tests.tables import fingerprint

REJECTED_ON = date(2026, 11, 20)


@pytest.fixture
def acme(ctx: Context) -> int:
    acme = companies.add_company(ctx, NewCompany("Acme Robotics", website="https://acme.example"))
    people.add_person(
        ctx,
        NewPerson(
            "Dana Smith",
            acme.id,
            email="Dana.Smith@Acme.example",
            linkedin_url="https://www.linkedin.com/in/dana-smith",
        ),
    )
    return acme.id


def refused(ctx: Context, new: NewPerson) -> Duplicate:
    before = fingerprint(ctx.db)
    with pytest.raises(Duplicate) as found:
        people.add_person(ctx, new)
    assert fingerprint(ctx.db) == before
    assert found.value.kind == "person"
    return found.value


def dana_id(ctx: Context) -> int:
    return next(r.person.id for r in people.list_people(ctx) if r.person.name == "Dana Smith")


@pytest.mark.parametrize(
    ("new", "shared"),
    [
        pytest.param(
            NewPerson("D. S.", 0, email="dana.smith@acme.EXAMPLE"), "email", id="email-case"
        ),
        pytest.param(
            NewPerson("Someone", 0, linkedin_url="linkedin.com/in/dana-smith/"),
            "LinkedIn profile",
            id="linkedin-slash-no-www",
        ),
        pytest.param(
            NewPerson("Someone", 0, linkedin_url="https://WWW.LinkedIn.com/in/Dana-Smith?trk=x"),
            "LinkedIn profile",
            id="linkedin-host-case-query",
        ),
        pytest.param(NewPerson("Dr. Dana Smith", 0), "name", id="title"),
        pytest.param(NewPerson("Smith, Dana", 0), "name", id="family-name-first"),
        pytest.param(NewPerson("dana  SMITH", 0), "name", id="case-and-spaces"),
        pytest.param(NewPerson("Dana Smith Jr.", 0), "name", id="suffix"),
    ],
)
def test_the_same_person_again_is_refused_naming_the_one_stored(
    ctx: Context, acme: int, new: NewPerson, shared: str
) -> None:
    from dataclasses import replace

    found = refused(ctx, replace(new, company_id=acme))
    assert found.existing_id == dana_id(ctx)
    assert f"has the same {shared}" in found.message
    assert found.message.startswith(f"Dana Smith at Acme Robotics (id {dana_id(ctx)})")
    assert found.message.endswith("or add this one anyway")


def test_the_same_email_is_the_same_person_at_any_company(ctx: Context, acme: int) -> None:
    globex = companies.add_company(ctx, NewCompany("Globex"))
    found = refused(ctx, NewPerson("Dana S.", globex.id, email="dana.smith@acme.example"))
    assert found.existing_id == dana_id(ctx)


@pytest.mark.parametrize("name", ["Dana Smith", "Dr. Dana Smith", "Smith, Dana"])
def test_the_same_name_at_another_company_is_someone_else(
    ctx: Context, acme: int, name: str
) -> None:
    globex = companies.add_company(ctx, NewCompany("Globex"))
    other = people.add_person(ctx, NewPerson(name, globex.id))
    assert other.company_id == globex.id
    assert len(people.list_people(ctx)) == 2


@pytest.mark.parametrize("name", ["Dana Smithers", "Dan Smith", "Diana Smith", "Lee Smith"])
def test_a_similar_name_at_the_same_company_is_someone_else(
    ctx: Context, acme: int, name: str
) -> None:
    people.add_person(ctx, NewPerson(name, acme))
    assert len(people.list_people(ctx)) == 2


def test_a_duplicate_is_added_when_allowed(ctx: Context, acme: int) -> None:
    twin = people.add_person(
        ctx,
        NewPerson("Dr. Dana Smith", acme, email="dana.smith@acme.example"),
        allow_duplicate=True,
    )
    assert twin.id != dana_id(ctx)
    assert len(people.list_people(ctx)) == 2


def test_names_are_read_as_a_person_reads_them() -> None:
    assert name_key("Dr. Dana Smith") == name_key("Smith, Dana") == ("dana", "smith")
    assert name_key("Zoë Ångström") == ("zoe", "angstrom")
    assert name_key("Prince") == ("prince", "")


@pytest.mark.parametrize(
    ("name", "website", "shared"),
    [
        pytest.param("ACME Robotics Inc.", None, "the same name", id="suffix-and-case"),
        pytest.param("Acme Robotics, LLC", None, "the same name", id="comma-llc"),
        pytest.param("Åcme Robotics GmbH", None, "the same name", id="accent"),
        pytest.param("Acme Bots", "www.acme.example/jobs", "the same website", id="same-domain"),
        pytest.param("Acme Bots", "http://ACME.example", "the same website", id="domain-case"),
    ],
)
def test_the_same_company_again_is_refused_naming_the_one_stored(
    ctx: Context, acme: int, name: str, website: str | None, shared: str
) -> None:
    before = fingerprint(ctx.db)
    with pytest.raises(Duplicate) as found:
        companies.add_company(ctx, NewCompany(name, website=website))
    assert (found.value.existing_id, found.value.kind) == (acme, "company")
    assert found.value.message.startswith(f"Acme Robotics (id {acme}) has {shared}")
    assert fingerprint(ctx.db) == before
    allowed = companies.add_company(ctx, NewCompany(name, website=website), allow_duplicate=True)
    assert allowed.id != acme


def test_acme_inc_and_acme_are_one_company(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("ACME Inc."))
    with pytest.raises(Duplicate) as found:
        companies.add_company(ctx, NewCompany("Acme"))
    assert found.value.existing_id == acme.id
    companies.add_company(ctx, NewCompany("Acme Logistics"))  # another company
    # An application naming the company by a variant of its name goes to the one stored.
    added = applications.add_application(ctx, NewApplication("QA", new_company="acme"))
    assert (added.application.company_id, added.company_created) == (acme.id, False)


# ---------------------------------------------------------------- merging people


def twin_in_a_second_interview(ctx: Context, s: Scenario) -> int:
    """Lee entered twice: the twin sat in another interview, got a card and replied."""
    twin = people.add_person(
        ctx,
        NewPerson("L. Wong", s.company_id, email="lee.wong@acme.example", notes="Met twice"),
    ).id
    interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 11, 12), interviewer_ids=(twin, s.dana_id))
    )
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person_id == twin)
    tasks.mark_done(ctx, card.id, date(2026, 11, 22))
    people.record_reply(ctx, twin, ConnectAnswer.YES)
    with ctx.db.transaction() as c:
        mail.add_suggestion(
            c,
            ctx.owner,
            message_id="<reply-1@acme.example>",
            source="inbox.mbox",
            kind="reply",
            sender="lee.wong@acme.example",
            label="reply_yes",
            confidence=0.9,
            status="pending",
            person_id=twin,
        )
    return twin


def test_merging_people_moves_interviews_steps_replies_and_keeps_the_relationship(
    ctx: Context,
) -> None:
    s = interviewed(ctx)
    twin = twin_in_a_second_interview(ctx, s)
    done_card = next(
        t
        for t in tasks.list_tasks(ctx, include_closed=True)
        if t.person_id == twin and t.kind is Kind.THANK_YOU_CARD
    )
    merged = people.merge_people(ctx, twin, s.lee_id)
    assert (merged.kind, merged.from_id, merged.into_id, merged.name) == (
        "person",
        twin,
        s.lee_id,
        "Lee Wong",
    )
    assert "1 interview" in merged.moved and "1 reply" in merged.moved
    with pytest.raises(NotFound):
        people.show_person(ctx, twin)
    lee = people.show_person(ctx, s.lee_id)
    # Details Lee lacked come from the twin; notes are kept.
    assert (lee.person.email, lee.person.notes) == ("lee.wong@acme.example", "Met twice")
    assert lee.relationship.card_mailed_on == date(2026, 11, 22)
    assert lee.relationship.answer is ConnectAnswer.YES
    assert [r.sender for r in lee.replies] == ["lee.wong@acme.example"]
    # Both interviews now have Lee; the finished card moved with its day.
    seated = [i.interviewer_ids for i in applications.show_application(ctx, s.app_id).interviews]
    assert all(s.lee_id in ids and twin not in ids for ids in seated)
    moved = tasks.show_task(ctx, done_card.id)
    assert (moved.person_id, moved.status, moved.done_on) == (
        s.lee_id,
        TaskStatus.DONE,
        date(2026, 11, 22),
    )
    # Re-planned: Lee's own card counts as mailed, an email address means an email, and "yes"
    # means an invitation; nothing pending is left for the twin.
    mine = {t.kind: t for t in lee.tasks if t.key.endswith(f"p{s.lee_id}")}
    assert mine[Kind.THANK_YOU_CARD].status is TaskStatus.DONE
    assert mine[Kind.LINKEDIN_INVITE].status is TaskStatus.OPEN
    assert Kind.CONGRATS_EMAIL in mine
    assert not [t for t in tasks.list_tasks(ctx) if t.person_id == twin]


def test_merging_keeps_the_earlier_day_of_each_step(ctx: Context) -> None:
    s = interviewed(ctx)
    plan = applications.reject(ctx, s.app_id, REJECTED_ON)
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person_id == s.lee_id)
    tasks.mark_done(ctx, card.id, date(2026, 11, 24))
    twin = people.add_person(ctx, NewPerson("Lee W.", s.company_id)).id
    interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 11, 12), interviewer_ids=(twin,))
    )
    twin_card = next(
        t for t in tasks.list_tasks(ctx) if t.kind is Kind.THANK_YOU_CARD and t.person_id == twin
    )
    tasks.mark_done(ctx, twin_card.id, date(2026, 11, 21))
    people.merge_people(ctx, twin, s.lee_id)
    assert people.show_person(ctx, s.lee_id).relationship.card_mailed_on == date(2026, 11, 21)


def test_a_person_is_not_merged_into_themselves(ctx: Context) -> None:
    s = interviewed(ctx)
    before = fingerprint(ctx.db)
    with pytest.raises(InvalidInput, match="can't be merged into themselves"):
        people.merge_people(ctx, s.lee_id, s.lee_id)
    with pytest.raises(NotFound, match="no person with id 999"):
        people.merge_people(ctx, 999, s.lee_id)
    assert fingerprint(ctx.db) == before


# ---------------------------------------------------------------- merging companies


def test_merging_companies_moves_applications_people_and_accounts(ctx: Context) -> None:
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, REJECTED_ON)
    europe = companies.add_company(
        ctx,
        NewCompany(
            "Acme Robotics Europe",
            address="1 Quay\nPortsmouth",
            careers_url="https://acme.example/careers",
            notes="The European office",
            socials=(
                "https://x.com/acme",
                "https://www.linkedin.com/company/acme-robotics-example",
            ),
        ),
    )
    kim = people.add_person(ctx, NewPerson("Kim Park", europe.id))
    role = applications.add_application(
        ctx, NewApplication("QA", company_id=europe.id, applied_on=date(2026, 11, 2))
    ).application
    merged = companies.merge_companies(ctx, europe.id, s.company_id)
    assert merged.moved == ("1 application", "1 person")
    with pytest.raises(NotFound):
        companies.show_company(ctx, europe.id)
    view = companies.show_company(ctx, s.company_id)
    assert view.company.address == "1 Quay\nPortsmouth"  # a gap filled
    assert view.company.website == "https://acme.example"  # what it had stays
    assert view.company.notes == "The European office"
    assert sorted(a.url for a in view.company.socials) == [
        "https://www.linkedin.com/company/acme-robotics-example",
        "https://x.com/acme",
    ]
    assert {p.id for p in view.people} == {s.dana_id, s.lee_id, kim.id}
    assert {a.id for a in view.applications} == {s.app_id, role.id}
    # The plan follows: the office address now serves Lee's card.
    plan = applications.show_application(ctx, s.app_id)
    lee_card = next(
        t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD and t.person_id == s.lee_id
    )
    assert "address needed" not in lee_card.title
    assert plan.application.status is Status.REJECTED
    assert not [t for t in plan.tasks if t.kind is Kind.FIND_ADDRESS and t.status.is_pending]


def test_a_company_is_not_merged_into_itself(ctx: Context) -> None:
    s = interviewed(ctx)
    with pytest.raises(InvalidInput, match="can't be merged into itself"):
        companies.merge_companies(ctx, s.company_id, s.company_id)


@pytest.mark.parametrize(
    ("one", "other", "maybe"),
    [
        ("Hugo Larsen", "Hugo Kim", False),
        ("Anna Lee", "Bo Park", False),
        ("Dana Smith", "Dana Smith", True),
        ("Dana Smith", "Smith, Dana", True),
        ("Dr. Dana Smith", "Dana Smith", True),
        ("Prince", "Prince Adeyemi", True),
        ("Ms. Smith", "Mr. Smith", True),
    ],
)
def test_the_cheap_test_before_the_name_parser(one: str, other: str, maybe: bool) -> None:
    assert might_share_a_name(one, other) is maybe


_TOKENS = ["Dana", "Smith", "Hugo", "Kim", "Dr.", "Mr", "Jr.", "PhD", "de", "la", "Zoë", ","]


@given(
    st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=4),
    st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=4),
)
@example(["Smith", "Dana", "Smith"], ["Smith", "Hugo", "Smith"])
@settings(max_examples=300, deadline=None)
def test_the_cheap_test_never_misses_what_the_parser_would_call_one_name(
    one: list[str], other: list[str]
) -> None:
    a, b = " ".join(one).replace(" ,", ","), " ".join(other).replace(" ,", ",")
    if name_key(a) == name_key(b):
        assert might_share_a_name(a, b), (a, b)


def test_adding_someone_who_shares_only_a_first_name_leaves_the_parser_unloaded(
    tmp_path: Path,
) -> None:
    code = (
        "import sys\n"
        "from nextround.domain.people import NewPerson\n"
        "from nextround.domain.companies import NewCompany\n"
        "from nextround.services import companies, people\n"
        "from datetime import date\n"
        "from nextround.config import Settings\n"
        "from nextround.services.context import open_context\n"
        f"ctx = open_context(Settings({str(tmp_path / 'n.db')!r}, date(2026, 11, 25)))\n"
        "acme = companies.add_company(ctx, NewCompany('Acme')).id\n"
        "people.add_person(ctx, NewPerson('Hugo Larsen', acme))\n"
        "people.add_person(ctx, NewPerson('Hugo Kim', acme))\n"
        "print('nameparser' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"
