"""The follow-up playbook: what a rejection plans, and how a plan is reconciled."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date

import pytest

from nextround.domain.applications import Application, Status
from nextround.domain.companies import Company, SocialAccount
from nextround.domain.people import ConnectAnswer, Person, Relationship
from nextround.domain.playbook import (
    DRAFTS,
    STEPS,
    Changes,
    PlanInput,
    PlannedTask,
    PlaybookSettings,
    check_note,
    plan,
    reconcile,
)
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.errors import InvalidInput

DAY = date(2026, 3, 10)

ACME = Company(
    1,
    "Acme",
    website="https://acme.example",
    address="1 Main Street, Springfield",
    careers_url="https://acme.example/jobs",
)
NOWHERE = dataclasses.replace(ACME, address=None)
APP = Application(7, ACME.id, "Platform Engineer", Status.REJECTED, company="Acme")
DANA = Person(
    11,
    "Dana Scully",
    ACME.id,
    company="Acme",
    email="dana@acme.example",
    linkedin_url="https://www.linkedin.com/in/dana",
    address="4 Elm Road",
)
FOX = Person(12, "Fox Mulder", ACME.id, company="Acme", email="fox@acme.example")


def make_input(
    *,
    company: Company = ACME,
    rejected_on: date = DAY,
    interviewers: Sequence[Person] = (DANA,),
    relationships: dict[int, Relationship] | None = None,
    has_journal: bool = False,
) -> PlanInput:
    return PlanInput(
        application=APP,
        company=company,
        rejected_on=rejected_on,
        interviewers=list(interviewers),
        relationships=relationships or {},
        has_journal=has_journal,
    )


def of_kind(tasks: Sequence[PlannedTask], kind: Kind) -> list[PlannedTask]:
    return [t for t in tasks if t.kind is kind]


def one(tasks: Sequence[PlannedTask], kind: Kind) -> PlannedTask:
    found = of_kind(tasks, kind)
    assert len(found) == 1, f"expected one {kind} task, got {found}"
    return found[0]


def yes(answered_on: date | None = date(2026, 3, 20), **kw: object) -> Relationship:
    return Relationship(DANA.id, answer=ConnectAnswer.YES, answered_on=answered_on, **kw)


# --------------------------------------------------------------------------- plan()


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        pytest.param(Kind.JOURNAL, [date(2026, 3, 10)], id="journal-same-day"),
        pytest.param(Kind.THANK_YOU_CARD, [date(2026, 3, 12)], id="card-plus-2-days"),
        pytest.param(Kind.CONGRATS_EMAIL, [date(2026, 3, 17)], id="email-plus-7-days"),
        pytest.param(Kind.FOLLOW_COMPANY, [date(2026, 3, 13)], id="follow-plus-3-days"),
        pytest.param(
            Kind.CHECK_BACK, [date(2026, 6, 10), date(2026, 9, 10)], id="check-back-3-and-6-months"
        ),
    ],
)
def test_default_due_dates(kind: Kind, due: list[date]) -> None:
    tasks = plan(make_input(), PlaybookSettings())
    assert [t.due for t in of_kind(tasks, kind)] == due


def test_full_information_plans_the_steps_in_order() -> None:
    tasks = plan(make_input(relationships={DANA.id: yes()}), PlaybookSettings())
    assert [t.kind for t in tasks] == [
        Kind.JOURNAL,
        Kind.THANK_YOU_CARD,
        Kind.CONGRATS_EMAIL,
        Kind.LINKEDIN_INVITE,
        Kind.FOLLOW_COMPANY,
        Kind.CHECK_BACK,
        Kind.CHECK_BACK,
    ]
    assert {t.kind for t in tasks} == set(STEPS)
    assert all(t.company_id == ACME.id for t in tasks)
    # Dana has answered "OK to connect?", so the email asking it is no longer needed.
    assert [t.kind for t in tasks if t.done] == [Kind.CONGRATS_EMAIL]


@pytest.mark.parametrize(
    ("rejected_on", "check_backs"),
    [
        pytest.param(
            date(2026, 11, 30), [date(2027, 2, 28), date(2027, 5, 30)], id="nov-30-clamps-to-feb-28"
        ),
        pytest.param(
            date(2027, 8, 31), [date(2027, 11, 30), date(2028, 2, 29)], id="aug-31-leap-feb-29"
        ),
        pytest.param(
            date(2026, 12, 31), [date(2027, 3, 31), date(2027, 6, 30)], id="dec-31-over-new-year"
        ),
        pytest.param(
            date(2026, 1, 15), [date(2026, 4, 15), date(2026, 7, 15)], id="mid-month-unchanged"
        ),
    ],
)
def test_check_back_clamps_to_month_end(rejected_on: date, check_backs: list[date]) -> None:
    tasks = plan(make_input(rejected_on=rejected_on), PlaybookSettings())
    assert [t.due for t in of_kind(tasks, Kind.CHECK_BACK)] == check_backs


def test_check_back_links_careers_page_then_website() -> None:
    backs = of_kind(plan(make_input(), PlaybookSettings()), Kind.CHECK_BACK)
    assert {t.url for t in backs} == {"https://acme.example/jobs"}
    no_careers = dataclasses.replace(ACME, careers_url=None)
    backs = of_kind(plan(make_input(company=no_careers), PlaybookSettings()), Kind.CHECK_BACK)
    assert {t.url for t in backs} == {"https://acme.example"}
    assert [t.title for t in backs] == [
        "Check back with Acme (3 months on): new roles and news",
        "Check back with Acme (6 months on): new roles and news",
    ]


def test_no_interviewers_asks_to_record_them_the_same_day() -> None:
    tasks = plan(make_input(interviewers=()), PlaybookSettings())
    record = one(tasks, Kind.RECORD_INTERVIEWERS)
    assert record.due == DAY
    assert record.key == "record_interviewers:a7"
    assert "Acme" in record.title
    assert {t.kind for t in tasks} == {
        Kind.JOURNAL,
        Kind.RECORD_INTERVIEWERS,
        Kind.FOLLOW_COMPANY,
        Kind.CHECK_BACK,
    }


def test_interviewers_recorded_means_no_record_task() -> None:
    assert of_kind(plan(make_input(), PlaybookSettings()), Kind.RECORD_INTERVIEWERS) == []


@pytest.mark.parametrize(
    ("person_address", "company_address", "address_needed"),
    [
        pytest.param("4 Elm Road", "1 Main Street", False, id="own-address"),
        pytest.param("4 Elm Road", None, False, id="own-address-no-office"),
        pytest.param(None, "1 Main Street", False, id="office-address-fallback"),
        pytest.param(None, None, True, id="neither-address-needed"),
        pytest.param("", "", True, id="blank-counts-as-missing"),
    ],
)
def test_card_address_fallback(
    person_address: str | None, company_address: str | None, address_needed: bool
) -> None:
    person = dataclasses.replace(DANA, address=person_address)
    company = dataclasses.replace(ACME, address=company_address)
    tasks = plan(make_input(company=company, interviewers=[person]), PlaybookSettings())
    card = one(tasks, Kind.THANK_YOU_CARD)
    assert card.key == "thank_you_card:a7:p11"
    assert card.person_id == DANA.id
    assert DRAFTS[card.kind] == "thank_you_card"
    assert card.title.startswith("Write a thank-you card to Dana Scully")
    assert ("(address needed)" in card.title) is address_needed
    finds = of_kind(tasks, Kind.FIND_ADDRESS)
    if address_needed:
        # One step for the company's office, not one per person.
        assert [(f.key, f.person_id, f.due, f.url) for f in finds] == [
            ("find_address:c1", None, date(2026, 3, 11), ACME.website)
        ]
        assert finds[0].title.endswith("(for the cards to Dana Scully)")
    else:
        assert finds == []


@pytest.mark.parametrize(
    ("email", "kinds"),
    [
        pytest.param("dana@acme.example", [Kind.CONGRATS_EMAIL], id="with-email-congrats"),
        pytest.param(None, [Kind.FIND_EMAIL], id="without-email-find-it"),
        pytest.param("", [Kind.FIND_EMAIL], id="blank-email-find-it"),
    ],
)
def test_email_or_find_email(email: str | None, kinds: list[Kind]) -> None:
    person = dataclasses.replace(DANA, email=email)
    tasks = plan(make_input(interviewers=[person]), PlaybookSettings())
    got = [t for t in tasks if t.kind in {Kind.CONGRATS_EMAIL, Kind.FIND_EMAIL}]
    assert [t.kind for t in got] == kinds
    task = got[0]
    if task.kind is Kind.CONGRATS_EMAIL:
        assert task.key == "congrats_email:a7:p11"
        assert task.url == "mailto:dana@acme.example"
        assert task.due == date(2026, 3, 17)
        assert DRAFTS[task.kind] == "congrats_email"
    else:
        assert task.key == "find_email:p11"
        assert task.url == DANA.linkedin_url
        assert task.due == date(2026, 3, 11)
        assert DRAFTS[task.kind] == "linkedin_message"


@pytest.mark.parametrize(
    ("relationship", "settings", "invite_due"),
    [
        pytest.param(None, PlaybookSettings(), None, id="never-asked"),
        pytest.param(
            Relationship(DANA.id, asked_to_connect_on=date(2026, 3, 17)),
            PlaybookSettings(),
            None,
            id="waiting-for-reply",
        ),
        pytest.param(
            Relationship(DANA.id, answer=ConnectAnswer.NO, answered_on=date(2026, 3, 20)),
            PlaybookSettings(),
            None,
            id="answered-no",
        ),
        pytest.param(yes(), PlaybookSettings(), date(2026, 3, 21), id="yes-plus-1-day"),
        pytest.param(
            yes(), PlaybookSettings(invite_days=4), date(2026, 3, 24), id="yes-custom-offset"
        ),
        pytest.param(
            yes(answered_on=None), PlaybookSettings(), date(2026, 3, 11), id="yes-no-date"
        ),
        pytest.param(
            yes(),
            PlaybookSettings(steps=frozenset(STEPS) - {Kind.LINKEDIN_INVITE}),
            None,
            id="yes-but-step-off",
        ),
    ],
)
def test_linkedin_invite_only_after_yes(
    relationship: Relationship | None, settings: PlaybookSettings, invite_due: date | None
) -> None:
    rels = {DANA.id: relationship} if relationship else {}
    invites = of_kind(plan(make_input(relationships=rels), settings), Kind.LINKEDIN_INVITE)
    if invite_due is None:
        assert invites == []
    else:
        assert [(i.key, i.due, DRAFTS[i.kind]) for i in invites] == [
            ("linkedin_invite:p11", invite_due, "linkedin_invite")
        ]
        assert invites[0].url == DANA.linkedin_url


def test_linkedin_invite_without_profile_links_a_search() -> None:
    person = dataclasses.replace(DANA, linkedin_url=None)
    tasks = plan(
        make_input(interviewers=[person], relationships={DANA.id: yes()}), PlaybookSettings()
    )
    invite = one(tasks, Kind.LINKEDIN_INVITE)
    assert invite.url == (
        "https://www.linkedin.com/search/results/people/?keywords=Dana+Scully+Acme"
    )


FOLLOWED = (
    SocialAccount("https://www.linkedin.com/company/acme", date(2026, 3, 12)),
    SocialAccount("https://x.com/acme", date(2026, 3, 12)),
)


@pytest.mark.parametrize(
    ("inp", "kind", "done"),
    [
        pytest.param(make_input(), Kind.JOURNAL, False, id="journal-missing"),
        pytest.param(make_input(has_journal=True), Kind.JOURNAL, True, id="journal-written"),
        pytest.param(make_input(), Kind.THANK_YOU_CARD, False, id="card-not-mailed"),
        pytest.param(
            make_input(relationships={DANA.id: Relationship(DANA.id, card_mailed_on=DAY)}),
            Kind.THANK_YOU_CARD,
            True,
            id="card-mailed",
        ),
        pytest.param(make_input(), Kind.CONGRATS_EMAIL, False, id="email-not-sent"),
        pytest.param(
            make_input(relationships={DANA.id: Relationship(DANA.id, congratulated_on=DAY)}),
            Kind.CONGRATS_EMAIL,
            True,
            id="email-sent",
        ),
        pytest.param(
            make_input(relationships={DANA.id: yes()}),
            Kind.LINKEDIN_INVITE,
            False,
            id="invite-not-sent",
        ),
        pytest.param(
            make_input(relationships={DANA.id: yes(invited_on=date(2026, 3, 21))}),
            Kind.LINKEDIN_INVITE,
            True,
            id="invite-sent",
        ),
        pytest.param(make_input(), Kind.FOLLOW_COMPANY, False, id="follow-no-accounts"),
        pytest.param(
            make_input(company=dataclasses.replace(ACME, socials=FOLLOWED)),
            Kind.FOLLOW_COMPANY,
            True,
            id="follow-all-followed",
        ),
        pytest.param(
            make_input(
                company=dataclasses.replace(
                    ACME, socials=(FOLLOWED[0], SocialAccount("https://x.com/acme"))
                )
            ),
            Kind.FOLLOW_COMPANY,
            False,
            id="follow-one-left",
        ),
    ],
)
def test_done_flags(inp: PlanInput, kind: Kind, done: bool) -> None:
    assert one(plan(inp, PlaybookSettings()), kind).done is done


def test_relationship_of_one_person_does_not_mark_another() -> None:
    rels = {DANA.id: Relationship(DANA.id, card_mailed_on=DAY, congratulated_on=DAY)}
    tasks = plan(make_input(interviewers=[DANA, FOX], relationships=rels), PlaybookSettings())
    done = {(t.kind, t.person_id): t.done for t in tasks if t.person_id is not None}
    assert done == {
        (Kind.THANK_YOU_CARD, DANA.id): True,
        (Kind.CONGRATS_EMAIL, DANA.id): True,
        (Kind.THANK_YOU_CARD, FOX.id): False,
        (Kind.CONGRATS_EMAIL, FOX.id): False,
    }


@pytest.mark.parametrize(
    ("socials", "title", "url"),
    [
        pytest.param(
            (),
            "Find Acme's social accounts and news, then follow them",
            "https://duckduckgo.com/?q=Acme+LinkedIn",
            id="no-accounts-asks-for-them",
        ),
        pytest.param(
            (SocialAccount("https://www.linkedin.com/company/acme"),),
            "Follow Acme on LinkedIn",
            "https://www.linkedin.com/company/acme",
            id="one-account",
        ),
        pytest.param(
            (
                SocialAccount("https://x.com/acme"),
                SocialAccount("https://www.linkedin.com/company/acme"),
                SocialAccount("https://twitter.com/acme_dev"),
                SocialAccount("https://blog.acme.example/feed"),
            ),
            "Follow Acme on X, LinkedIn, blog.acme.example",
            "https://x.com/acme",
            id="networks-deduplicated-in-order",
        ),
    ],
)
def test_follow_company_title(socials: tuple[SocialAccount, ...], title: str, url: str) -> None:
    company = dataclasses.replace(ACME, socials=socials)
    follow = one(plan(make_input(company=company), PlaybookSettings()), Kind.FOLLOW_COMPANY)
    assert (follow.key, follow.title, follow.url, follow.due) == (
        "follow_company:c1",
        title,
        url,
        date(2026, 3, 13),
    )


@pytest.mark.parametrize(
    ("settings", "dues"),
    [
        pytest.param(
            PlaybookSettings(journal_days=1, card_days=5, email_days=10, follow_days=0),
            {
                Kind.JOURNAL: [date(2026, 3, 11)],
                Kind.THANK_YOU_CARD: [date(2026, 3, 15)],
                Kind.CONGRATS_EMAIL: [date(2026, 3, 20)],
                Kind.FOLLOW_COMPANY: [date(2026, 3, 10)],
            },
            id="day-offsets",
        ),
        pytest.param(
            PlaybookSettings(check_back_months=(1, 12)),
            {Kind.CHECK_BACK: [date(2026, 4, 10), date(2027, 3, 10)]},
            id="check-back-months",
        ),
        pytest.param(
            PlaybookSettings(check_back_months=(2,)),
            {Kind.CHECK_BACK: [date(2026, 5, 10)]},
            id="single-check-back",
        ),
    ],
)
def test_configurable_offsets(settings: PlaybookSettings, dues: dict[Kind, list[date]]) -> None:
    tasks = plan(make_input(), settings)
    for kind, expected in dues.items():
        assert [t.due for t in of_kind(tasks, kind)] == expected, kind


def test_find_info_offset_is_configurable() -> None:
    person = Person(13, "Walter Skinner", ACME.id)
    tasks = plan(
        make_input(company=NOWHERE, interviewers=[person]), PlaybookSettings(find_info_days=4)
    )
    assert {t.kind: t.due for t in tasks if t.kind.fills_a_gap} == {
        Kind.FIND_ADDRESS: date(2026, 3, 14),
        Kind.FIND_EMAIL: date(2026, 3, 14),
    }


@pytest.mark.parametrize(
    ("steps", "kinds"),
    [
        pytest.param(frozenset(), set(), id="all-off"),
        pytest.param(frozenset({Kind.JOURNAL}), {Kind.JOURNAL}, id="journal-only"),
        pytest.param(
            frozenset(STEPS) - {Kind.THANK_YOU_CARD},
            {Kind.JOURNAL, Kind.FIND_EMAIL, Kind.FOLLOW_COMPANY, Kind.CHECK_BACK},
            id="no-card-no-find-address",
        ),
        pytest.param(
            frozenset(STEPS) - {Kind.CONGRATS_EMAIL},
            {
                Kind.JOURNAL,
                Kind.THANK_YOU_CARD,
                Kind.FIND_ADDRESS,
                Kind.FOLLOW_COMPANY,
                Kind.CHECK_BACK,
            },
            id="no-email-no-find-email",
        ),
        pytest.param(
            frozenset(STEPS) - {Kind.CHECK_BACK, Kind.FOLLOW_COMPANY},
            {Kind.JOURNAL, Kind.THANK_YOU_CARD, Kind.FIND_ADDRESS, Kind.FIND_EMAIL},
            id="no-company-steps",
        ),
    ],
)
def test_disabled_steps(steps: frozenset[Kind], kinds: set[Kind]) -> None:
    # Walter has neither address nor email, and the company has no office address.
    walter = Person(13, "Walter Skinner", ACME.id)
    tasks = plan(make_input(company=NOWHERE, interviewers=[walter]), PlaybookSettings(steps=steps))
    assert {t.kind for t in tasks} == kinds


def test_disabled_steps_still_ask_for_interviewers() -> None:
    tasks = plan(make_input(interviewers=()), PlaybookSettings(steps=frozenset()))
    assert [t.kind for t in tasks] == [Kind.RECORD_INTERVIEWERS]


def test_keys_are_stable_and_unique() -> None:
    walter = Person(13, "Walter Skinner", ACME.id)
    rels = {DANA.id: yes(), FOX.id: Relationship(FOX.id, answer=ConnectAnswer.YES)}
    inp = make_input(company=NOWHERE, interviewers=[DANA, FOX, walter], relationships=rels)
    first = plan(inp, PlaybookSettings())
    again = plan(inp, PlaybookSettings())
    keys = [t.key for t in first]
    assert keys == [t.key for t in again]
    assert len(keys) == len(set(keys))
    assert set(keys) == {
        "journal:a7",
        "thank_you_card:a7:p11",
        "congrats_email:a7:p11",
        "linkedin_invite:p11",
        "thank_you_card:a7:p12",
        "congrats_email:a7:p12",
        "linkedin_invite:p12",
        "thank_you_card:a7:p13",
        "find_email:p13",
        "find_address:c1",
        "follow_company:c1",
        "check_back:a7:3m",
        "check_back:a7:6m",
    }


def test_keys_do_not_depend_on_the_rejection_date() -> None:
    early = plan(make_input(rejected_on=date(2026, 1, 1)), PlaybookSettings())
    late = plan(make_input(rejected_on=date(2026, 5, 1)), PlaybookSettings())
    assert [t.key for t in early] == [t.key for t in late]
    assert [t.due for t in early] != [t.due for t in late]


# --------------------------------------------------------------------------- check_note()


@pytest.mark.parametrize(
    ("free", "limit"),
    [pytest.param(False, 300, id="premium-300"), pytest.param(True, 200, id="free-200")],
)
def test_note_limit(free: bool, limit: int) -> None:
    assert PlaybookSettings(linkedin_free_account=free).note_limit == limit


@pytest.mark.parametrize(
    ("note", "free", "expected"),
    [
        pytest.param("x" * 300, False, "x" * 300, id="exactly-300-passes"),
        pytest.param("x" * 200, True, "x" * 200, id="exactly-200-free-passes"),
        pytest.param("  hello Dana \n", False, "hello Dana", id="stripped"),
        pytest.param("  " + "x" * 300 + "\n\n", False, "x" * 300, id="whitespace-not-counted"),
    ],
)
def test_check_note_passes(note: str, free: bool, expected: str) -> None:
    assert check_note(note, PlaybookSettings(linkedin_free_account=free)) == expected


@pytest.mark.parametrize(
    ("note", "free", "count", "limit"),
    [
        pytest.param("x" * 301, False, 301, 300, id="301-over-300"),
        pytest.param("x" * 201, True, 201, 200, id="201-over-free-200"),
        pytest.param("x" * 250, True, 250, 200, id="250-fine-premium-not-free"),
    ],
)
def test_check_note_too_long(note: str, free: bool, count: int, limit: int) -> None:
    with pytest.raises(InvalidInput) as err:
        check_note(note, PlaybookSettings(linkedin_free_account=free))
    message = err.value.message
    assert f"is {count} characters" in message
    assert f"the limit is {limit}" in message
    assert "\n" not in message


# --------------------------------------------------------------------------- reconcile()


def stored(
    step: PlannedTask, task_id: int, status: TaskStatus = TaskStatus.OPEN, **kw: object
) -> Task:
    """The task storage would hold for ``step``."""
    values: dict[str, object] = {
        "id": task_id,
        "key": step.key,
        "kind": step.kind,
        "title": step.title,
        "due": step.due,
        "status": status,
        "application_id": APP.id,
        "company_id": step.company_id,
        "person_id": step.person_id,
        "url": step.url,
    }
    values.update(kw)
    return Task(**values)  # type: ignore[arg-type]


def store(steps: Sequence[PlannedTask]) -> list[Task]:
    """Every step stored as an open task."""
    return [stored(s, i) for i, s in enumerate(steps, start=100)]


FULL = plan(make_input(), PlaybookSettings())
NO_EMAIL = plan(
    make_input(interviewers=[dataclasses.replace(DANA, email=None)]), PlaybookSettings()
)
NO_ONE = plan(make_input(interviewers=()), PlaybookSettings())


def keyed(tasks: Sequence[Task]) -> dict[str, Task]:
    return {t.key: t for t in tasks}


def with_status(tasks: Sequence[Task], statuses: dict[str, TaskStatus]) -> list[Task]:
    return [dataclasses.replace(t, status=statuses.get(t.key, t.status)) for t in tasks]


Scenario = Callable[[], tuple[list[PlannedTask], dict[str, Task], list[Task]]]


def new_plan() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    return FULL, {}, []


def same_plan_again() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = store(FULL)
    return FULL, keyed(tasks), tasks


def withdrawn() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = with_status(
        store(FULL),
        {
            "thank_you_card:a7:p11": TaskStatus.SNOOZED,
            "congrats_email:a7:p11": TaskStatus.DONE,
            "follow_company:c1": TaskStatus.SKIPPED,
            "check_back:a7:6m": TaskStatus.CANCELLED,
        },
    )
    return [], {}, tasks


def withdrawn_with_gap_tasks() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = store(NO_EMAIL)
    return [], {}, tasks


def rejected_again_after_withdrawal() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = with_status(
        store(FULL),
        {
            "journal:a7": TaskStatus.CANCELLED,
            "thank_you_card:a7:p11": TaskStatus.CANCELLED,
            "congrats_email:a7:p11": TaskStatus.DONE,
        },
    )
    return FULL, keyed(tasks), tasks


def email_found() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = store(NO_EMAIL)
    return FULL, {k: t for k, t in keyed(tasks).items() if k in {p.key for p in FULL}}, tasks


def interviewers_recorded() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = store(NO_ONE)
    return FULL, {k: t for k, t in keyed(tasks).items() if k in {p.key for p in FULL}}, tasks


def check_back_dropped_from_settings() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = store(FULL)
    fewer = plan(make_input(), PlaybookSettings(check_back_months=(3,)))
    return fewer, {k: t for k, t in keyed(tasks).items() if k != "check_back:a7:6m"}, tasks


def rejection_date_moved() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = with_status(store(FULL), {"thank_you_card:a7:p11": TaskStatus.SNOOZED})
    moved = plan(make_input(rejected_on=date(2026, 3, 12)), PlaybookSettings())
    return moved, keyed(tasks), tasks


def snoozed_task_keeps_its_date() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = [
        dataclasses.replace(t, status=TaskStatus.SNOOZED, due=date(2026, 4, 1))
        if t.kind is Kind.THANK_YOU_CARD
        else t
        for t in store(FULL)
    ]
    return FULL, keyed(tasks), tasks


def snoozed_task_renamed() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = [
        dataclasses.replace(t, status=TaskStatus.SNOOZED, due=date(2026, 4, 1), title="old")
        if t.kind is Kind.THANK_YOU_CARD
        else t
        for t in store(FULL)
    ]
    return FULL, keyed(tasks), tasks


def journal_written_and_card_mailed() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = store(FULL)
    rels = {DANA.id: Relationship(DANA.id, card_mailed_on=DAY)}
    done = plan(make_input(has_journal=True, relationships=rels), PlaybookSettings())
    return done, keyed(tasks), tasks


def done_and_skipped_stay_put() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    tasks = with_status(
        store(FULL),
        {"journal:a7": TaskStatus.DONE, "thank_you_card:a7:p11": TaskStatus.SKIPPED},
    )
    moved = plan(make_input(rejected_on=date(2026, 3, 12)), PlaybookSettings())
    return moved, keyed(tasks), tasks


def shared_key_from_another_application() -> tuple[list[PlannedTask], dict[str, Task], list[Task]]:
    other = stored(one(FULL, Kind.FOLLOW_COMPANY), 5, application_id=99)
    return FULL, {other.key: other}, []


ALL_KEYS = [t.key for t in FULL]
NOT_FOLLOW = [k for k in ALL_KEYS if k != "follow_company:c1"]


@pytest.mark.parametrize(
    ("scenario", "create", "refresh", "finish", "cancel"),
    [
        pytest.param(new_plan, ALL_KEYS, [], [], [], id="new-plan-creates-all"),
        pytest.param(same_plan_again, [], [], [], [], id="same-plan-no-changes"),
        pytest.param(
            withdrawn,
            [],
            [],
            [],
            ["journal:a7", "thank_you_card:a7:p11", "check_back:a7:3m"],
            id="withdrawn-cancels-pending-only",
        ),
        pytest.param(
            withdrawn_with_gap_tasks,
            [],
            [],
            [],
            [t.key for t in NO_EMAIL],
            id="withdrawn-cancels-gap-tasks-too",
        ),
        pytest.param(
            rejected_again_after_withdrawal,
            [],
            ["journal:a7", "thank_you_card:a7:p11"],
            [],
            [],
            id="cancelled-reopened",
        ),
        pytest.param(
            email_found,
            ["congrats_email:a7:p11"],
            [],
            ["find_email:p11"],
            [],
            id="email-found-finishes-find-email",
        ),
        pytest.param(
            interviewers_recorded,
            ["thank_you_card:a7:p11", "congrats_email:a7:p11"],
            [],
            ["record_interviewers:a7"],
            [],
            id="interviewers-recorded-finishes-record-task",
        ),
        pytest.param(
            check_back_dropped_from_settings,
            [],
            [],
            [],
            ["check_back:a7:6m"],
            id="step-no-longer-planned-cancelled",
        ),
        pytest.param(
            rejection_date_moved,
            [],
            [
                "journal:a7",
                "congrats_email:a7:p11",
                "follow_company:c1",
                "check_back:a7:3m",
                "check_back:a7:6m",
            ],
            [],
            [],
            id="due-moved-refreshes-open-not-snoozed",
        ),
        pytest.param(snoozed_task_keeps_its_date, [], [], [], [], id="snoozed-keeps-date"),
        pytest.param(
            snoozed_task_renamed,
            [],
            ["thank_you_card:a7:p11"],
            [],
            [],
            id="snoozed-title-refreshed",
        ),
        pytest.param(
            journal_written_and_card_mailed,
            [],
            [],
            ["journal:a7", "thank_you_card:a7:p11"],
            [],
            id="done-elsewhere-finishes",
        ),
        pytest.param(
            done_and_skipped_stay_put,
            [],
            ["congrats_email:a7:p11", "follow_company:c1", "check_back:a7:3m", "check_back:a7:6m"],
            [],
            [],
            id="done-and-skipped-untouched",
        ),
        pytest.param(
            shared_key_from_another_application,
            NOT_FOLLOW,
            [],
            [],
            [],
            id="shared-key-not-duplicated",
        ),
    ],
)
def test_reconcile(
    scenario: Scenario,
    create: list[str],
    refresh: list[str],
    finish: list[str],
    cancel: list[str],
) -> None:
    planned, by_key, of_application = scenario()
    changes = reconcile(planned, by_key, of_application)
    assert [p.key for p in changes.create] == create
    assert [t.key for t, _ in changes.refresh] == refresh
    assert [t.key for t in changes.finish] == finish
    assert [t.key for t in changes.cancel] == cancel
    assert changes.is_empty() is not (create or refresh or finish or cancel)
    for task, step in changes.refresh:
        assert task.key == step.key
        assert task is by_key[task.key]
        assert step in planned


def test_reconcile_twice_after_applying_changes_is_a_no_op() -> None:
    """Apply what reconcile asked for the way storage does, then reconcile again."""
    first = reconcile(FULL, {}, [])
    tasks = [stored(p, i) for i, p in enumerate(first.create, start=1)]
    again = reconcile(FULL, keyed(tasks), tasks)
    assert again.is_empty()
    assert again == Changes()


def test_cancelled_task_whose_step_is_done_is_finished_not_reopened() -> None:
    journal = stored(one(FULL, Kind.JOURNAL), 1, TaskStatus.CANCELLED)
    planned = plan(make_input(has_journal=True), PlaybookSettings())
    changes = reconcile(planned, {journal.key: journal}, [journal])
    assert journal not in [t for t, _ in changes.refresh]
    assert changes.finish == [journal]
