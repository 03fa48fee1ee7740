"""The drafts quality suite: every draft kind for a generated population, checked mechanically.

A job search of 240 people at 40 companies (every part in the process, every
kind of interview, panels, one to three rounds, with and without topics, a
journal full of free text, hard names: diacritics, apostrophes, ampersands, very
long roles) is rejected everywhere; then every card, email, LinkedIn note and
check-back is read as a person would and held to rules a machine can check.
A few of them are kept as golden files (``tests/golden/drafts``), reviewed by
hand; ``NEXTROUND_UPDATE_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from nextround.config import Settings, UserProfile
from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import Format, InterviewChanges, InterviewKind, NewInterview
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import ConnectAnswer, NewPerson, Part
from nextround.domain.tasks import Kind, Task
from nextround.renderers.card_layout import STATIONERY
from nextround.renderers.cards import CardSheet, lay_out
from nextround.services import applications, companies, interviews, journal, people, tasks
from nextround.services.cards import PrintOptions, fit
from nextround.services.context import Context, open_context
from tests.conftest import TODAY, sqlite_template
from tests.goldens import update_requested

GOLDEN = Path(__file__).parent.parent / "golden" / "drafts"
NOTE_LIMIT = 200
WRITTEN = (Kind.THANK_YOU_CARD, Kind.CONGRATS_EMAIL, Kind.LINKEDIN_INVITE, Kind.FIND_EMAIL)

COMPANY_NAMES = (
    "Acme Robotics", "O'Brien & Daughters", "Zoë Ångström AB", "Initech Inc.", "Brightwater Labs",
    "Hooli", "Umbrella Analytics", "Pied Piper", "Globex", "Soylent & Co",
    "Tidewater Health", "Nimbus Orchard", "Cobalt Finch", "Quillpine", "Harborlight Energy",
    "Oakridge Ledger", "Fernway Logistics", "Lumenfield", "Stark Industries", "Wayne Enterprises",
    "Vandelay Industries", "Dunder Mifflin", "Bluth Company", "Prestige Worldwide", "Cyberdyne",
    "Massive Dynamic", "Aperture", "Black Mesa", "Tyrell", "Weyland",
    "Gringotts", "Monsters Inc.", "Oscorp", "Duff", "Krusty Krab",
    "Sirius Cybernetics", "Blue Sun", "Veridian Dynamics", "Rekall", "Buy n Large",
)  # fmt: skip
ROLES = (
    "Backend Engineer", "Data Analyst", "Senior Site Reliability Engineer", "Product Designer",
    "Engineering Manager", "Backend Engineer (Python)",
    "Principal Distributed Systems Engineer, Payments Reconciliation and Ledger Platform",
)  # fmt: skip
FIRST = (
    "Dana", "Lee", "Zoë", "Siobhán", "Ngozi", "José", "Ana-María", "Björn", "Priya", "Tomás",
    "Mei", "Omar", "Elena", "Kwame", "Ines", "Yusuf", "Hana", "Rafael", "Greta", "Luca",
)  # fmt: skip
LAST = (
    "Smith", "Wong", "O'Neill", "Nguyen", "Müller", "Okafor", "García-Márquez", "Sato",
    "Lindqvist", "Haddad", "Moreau", "Brandt", "Achebe", "Costa", "Vos",
)  # fmt: skip
TITLES = {
    Part.RECRUITER: ("Talent Partner", "Senior Technical Recruiter"),
    Part.HIRING_MANAGER: ("Engineering Manager", "Team Lead"),
    Part.INTERVIEWER: ("Staff Engineer", "Senior Data Scientist", None),
    Part.PEER: ("Backend Engineer", "Designer"),
    Part.EXECUTIVE: ("CTO", "VP Engineering"),
}
TOPICS = (
    "the data platform", "on-call", "testing backfills against real data", "the design system",
    "Kubernetes upgrades", "the history of the team", "their move to event sourcing",
    "accessibility audits", "the hiring bar", "Rust at work",
)  # fmt: skip
FORMATS = (Format.PHONE, Format.VIDEO, Format.ONSITE, Format.TAKE_HOME, Format.OTHER)
KINDS = (*InterviewKind, None)


@dataclass(frozen=True)
class Population:
    ctx: Context
    drafts: list[Task]
    people: int
    #: Person id -> whether a topic was recorded for them.
    with_topic: dict[int, bool]


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Population]:
    folder = tmp_path_factory.mktemp("quality")
    db = folder / "nextround.db"
    db.write_bytes(sqlite_template().read_bytes())
    settings = Settings(
        db_url=str(db),
        today=TODAY,
        templates_dir=folder / "templates",
        user=UserProfile(name="Sam Rivera", signature="Sam"),
    )
    ctx = open_context(settings)
    rng = random.Random(12)
    with_topic: dict[int, bool] = {}
    count = 0
    for n, name in enumerate(COMPANY_NAMES):
        count += _company(ctx, rng, n, name, with_topic)
    yield Population(ctx, tasks.list_tasks(ctx, include_closed=True), count, with_topic)
    ctx.close()


def _company(ctx: Context, rng: random.Random, n: int, name: str, topics: dict[int, bool]) -> int:
    company = companies.add_company(ctx, NewCompany(name, address="1 Main Street, Springfield"))
    role = ROLES[n % len(ROLES)]
    app = applications.add_application(
        ctx, NewApplication(role, company_id=company.id, applied_on=date(2026, 9, 1))
    ).application
    staff = []
    for i in range(6):
        part = list(Part)[(n + i) % len(Part)]
        title = TITLES[part][(n + i) % len(TITLES[part])]
        person = people.add_person(
            ctx,
            NewPerson(
                f"{FIRST[(n * 6 + i) % len(FIRST)]} {LAST[(n + i * 7) % len(LAST)]}",
                company.id,
                title=title,
                email=None if i == 5 else f"p{i}@c{n}.example",
                # Half the time the part is set by the user, else it comes from the title.
                part=part if (n + i) % 2 else None,
            ),
        )
        staff.append(person.id)
    rounds = 1 + n % 3
    day = date(2026, 10, 1)
    seated: list[tuple[int, tuple[int, ...]]] = []
    for r in range(rounds):
        who = tuple(staff[r * 2 : r * 2 + 2] if r < rounds - 1 else staff[r * 2 :])
        fmt, kind = FORMATS[(n + r) % len(FORMATS)], KINDS[(n + 2 * r) % len(KINDS)]
        on = day + timedelta(days=7 * r)
        new = NewInterview(app.id, on, format=fmt, interviewer_ids=who, kind=kind)
        meeting = interviews.add_interview(ctx, new).interview
        seated.append((meeting.id, who))
    for interview_id, who in seated:
        said = {pid: (rng.choice(TOPICS),) for pid in who if rng.random() < 0.5}
        if said:
            interviews.edit_interview(ctx, interview_id, InterviewChanges(topics=said))
        topics.update({pid: pid in said for pid in who})
    notes = "\n".join(f"- {p.split()[0]}: walked me through the roadmap" for p in FIRST[:3])
    journal.add_entry(ctx, NewJournalEntry(app.id, f"## Thank-you details\n{notes}\n"))
    applications.reject(ctx, app.id, date(2026, 11, 20))
    people.record_reply(ctx, staff[0], ConnectAnswer.YES)
    people.record_reply(ctx, staff[1], ConnectAnswer.YES)
    if n % 4 == 0:  # a role added there since: the check-backs mention it
        later = ROLES[(n + 1) % len(ROLES)] if n % 8 else role
        applications.add_application(ctx, NewApplication(later, company_id=company.id))
    return len(staff)


def _written(pop: Population, *kinds: Kind) -> list[Task]:
    return [t for t in pop.drafts if t.kind in kinds and t.draft]


# --------------------------------------------------------------------------- the population


def test_the_population_covers_every_part_kind_and_topic_case(population: Population) -> None:
    assert population.people >= 200
    everyone = [row.person for row in people.list_people(population.ctx)]
    assert {p.plays for p in everyone} == set(Part)
    assert set(population.with_topic.values()) == {True, False}
    kinds = {i.kind for i in interviews.list_interviews(population.ctx)}
    assert kinds == {*InterviewKind, None}
    cards = " ".join(t.draft or "" for t in _written(population, Kind.THANK_YOU_CARD))
    assert "during the technical interview" in cards and "during my day on site" in cards
    for kind in (*WRITTEN, Kind.CHECK_BACK):
        assert len(_written(population, kind)) >= 40 or kind is Kind.FIND_EMAIL, kind


def test_every_draft_is_written(population: Population) -> None:
    for task in population.drafts:
        if task.kind in (*WRITTEN, Kind.CHECK_BACK):
            assert task.draft and task.draft_problem is None, (task.id, task.draft_problem)


# --------------------------------------------------------------------------- the rules


def test_no_placeholder_once_the_name_is_set(population: Population) -> None:
    for task in _written(population, *WRITTEN, Kind.CHECK_BACK):
        assert "[your name]" not in (task.draft or ""), task.id


def test_no_unfilled_slot_or_stray_spacing(population: Population) -> None:
    for task in _written(population, *WRITTEN, Kind.CHECK_BACK):
        text = f"{task.draft_subject or ''}\n{task.draft}"
        for bad in ("{", "}", "None", "  ", " ,", " .", "..", "\n\n\n", "[", "]"):
            if bad in ("[", "]") and task.kind is Kind.CHECK_BACK:
                continue
            assert bad not in text, (task.id, bad, text)


def test_no_doubled_words(population: Population) -> None:
    doubled = re.compile(r"\b(\w+)\s+\1\b(?!-)", re.IGNORECASE)  # "on on-call" is two words
    for task in _written(population, *WRITTEN, Kind.CHECK_BACK):
        found = doubled.search(task.draft or "")
        assert found is None, (task.id, found and found[0])


def test_every_sentence_starts_and_ends_properly(population: Population) -> None:
    for task in _written(population, *WRITTEN, Kind.CHECK_BACK):
        for line in _prose(task.draft or ""):
            assert line[-1] in ".?!:", (task.id, line)
            # "Initech Inc." doesn't end a sentence in the middle of one.
            for sentence in re.split(r"(?<=[.?!])\s+", line.replace("Inc. ", "Inc ")):
                assert sentence[:1].isupper(), (task.id, sentence)


def _prose(text: str) -> Iterator[str]:
    """The lines of a draft that are sentences: not a greeting, a sign-off, a name or a list item
    (a LinkedIn note is one line signed with the name)."""
    for line in (ln.strip().removesuffix(" Sam Rivera") for ln in text.splitlines()):
        if not line or line.startswith("- ") or line.endswith(",") or len(line.split()) <= 3:
            continue
        yield line


def test_no_two_people_at_one_company_get_the_same_text(population: Population) -> None:
    for kind in WRITTEN:
        seen: dict[tuple[int | None, str], int] = {}
        for task in _written(population, kind):
            first = (task.person or "").split()[0]
            text = f"{task.draft_subject}\n{task.draft}".replace(first, "NAME")
            key = (task.company_id, text)
            assert key not in seen, (kind, seen.get(key), task.id)
            seen[key] = task.id


def test_neighbours_at_a_company_differ_in_every_sentence_of_a_card(
    population: Population,
) -> None:
    by_company: dict[int | None, list[list[str]]] = defaultdict(list)
    for task in _written(population, Kind.THANK_YOU_CARD):
        by_company[task.company_id].append((task.draft or "").splitlines())
    for cards in by_company.values():
        closes = [c[4] for c in cards]
        assert len(set(closes)) >= min(len(cards), 4)


def test_linkedin_notes_are_within_the_limit(population: Population) -> None:
    assert population.ctx.settings.playbook.note_limit == NOTE_LIMIT
    for task in _written(population, Kind.LINKEDIN_INVITE, Kind.FIND_EMAIL):
        assert len(task.draft or "") <= NOTE_LIMIT, (task.id, len(task.draft or ""))


def test_cards_fit_a_card(population: Population) -> None:
    for task in _written(population, Kind.THANK_YOU_CARD):
        assert 30 <= len((task.draft or "").split()) <= 90, task.draft


#: Every card size nextround prints: A6, US A2, A7, DL.
CARD_SIZES = ("a6", "a2", "a7", "dl")
#: What printing may say of a card: it continues on a second card (never that it doesn't fit).
SECOND_CARD = re.compile(r"^the message of task \d+ \(card to .+\) is too long for one .+ card ")


def assert_cards_fit_every_size(ctx: Context, cards: list[Task]) -> None:
    """Every card's text fits on one card of each size, or goes on to a second with a
    warning; never over the card nor refused. Measured, not rendered: all cards laid out
    at once per size (``lay_out`` raises rather than overflow), and every 20th card also
    through ``services.cards.fit``, which must say the same."""
    assert set(CARD_SIZES) == set(STATIONERY)
    assert len(cards) >= 40
    # A planned card's draft is written on reading: fit() reads it too, and measures it.
    refused = fit(ctx, cards[0].id, PrintOptions(size="b5"))
    assert refused == ("unknown card size 'b5'; use one of: a6, a2, a7, dl",)
    sheets = [CardSheet(f"person {t.person_id}", None, t.draft or "") for t in cards]
    for size in CARD_SIZES:
        layout = lay_out(sheets, size=size, sheet="a4")
        for n, (task, laid) in enumerate(zip(cards, layout.cards, strict=True)):
            assert all(len(rows) > 0 for rows in laid.guide.cards), (size, task.id)
            if n % 20:
                continue
            warnings = fit(ctx, task.id, PrintOptions(size=size))
            assert len(warnings) == laid.continued, (size, task.id, warnings)
            for warning in warnings:
                assert SECOND_CARD.match(warning), (size, task.id, warning)


def test_card_text_fits_the_card_at_every_size(population: Population) -> None:
    assert_cards_fit_every_size(population.ctx, _written(population, Kind.THANK_YOU_CARD))


def test_nothing_unknown_is_claimed_and_the_journal_is_never_spliced_in(
    population: Population,
) -> None:
    for task in _written(population, *WRITTEN, Kind.CHECK_BACK):
        text = f"{task.draft_subject or ''} {task.draft}".lower()
        for claim in ("has been filled", "i heard", "the new hire", "walked me through", "growing"):
            assert claim not in text, (task.id, claim)


def test_topics_are_used_only_for_their_person(population: Population) -> None:
    for task in _written(population, Kind.THANK_YOU_CARD):
        said = any(t in (task.draft or "") for t in TOPICS)
        assert said == population.with_topic[task.person_id or 0], task.draft


def test_check_backs_write_to_someone_differently_at_three_and_six_months(
    population: Population,
) -> None:
    notes: dict[int | None, dict[str, str]] = defaultdict(dict)
    for task in _written(population, Kind.CHECK_BACK):
        note = (task.draft or "").split("Hi ", 1)[1]
        months = task.key.rsplit(":", 1)[1]
        notes[task.application_id][months] = note
        lowered = note.lower()
        for ask in ("job", "hire me", "position for me", "consider me", "refer me"):
            assert ask not in lowered, (task.id, ask)
    for pair in notes.values():
        assert pair["3m"].split(",")[0] == pair["6m"].split(",")[0]  # the same contact
        assert pair["3m"].split("\n\n")[1] != pair["6m"].split("\n\n")[1]
    news = [t for t in _written(population, Kind.CHECK_BACK) if " opening" in (t.draft or "")]
    reopened = [t for t in _written(population, Kind.CHECK_BACK) if "open again" in (t.draft or "")]
    assert news and reopened


def test_a_check_back_writes_to_the_person_who_said_yes(population: Population) -> None:
    for task in _written(population, Kind.CHECK_BACK):
        assert "(they said yes to connecting)" in (task.draft or ""), task.draft


# --------------------------------------------------------------------------- another wording


def test_another_wording_differs_and_stays_apart_from_the_neighbours(
    population: Population,
) -> None:
    ctx = population.ctx
    cards = _written(population, Kind.THANK_YOU_CARD)[:6]
    company = cards[0].company_id
    here = [t for t in cards if t.company_id == company]
    again = tasks.redraft(ctx, here[0].id)
    assert again.draft != here[0].draft
    others = {tasks.show_task(ctx, t.id).draft for t in here[1:]}
    first = (here[0].person or "").split()[0]
    assert again.draft not in others
    assert all((again.draft or "").replace(first, "") != (o or "") for o in others)


# --------------------------------------------------------------------------- goldens


@pytest.mark.parametrize(
    ("name", "kind", "which"),
    [
        ("card_recruiter", Kind.THANK_YOU_CARD, Part.RECRUITER),
        ("card_peer", Kind.THANK_YOU_CARD, Part.PEER),
        ("email_hiring_manager", Kind.CONGRATS_EMAIL, Part.HIRING_MANAGER),
        ("email_executive", Kind.CONGRATS_EMAIL, Part.EXECUTIVE),
        ("linkedin_invite", Kind.LINKEDIN_INVITE, None),
        ("linkedin_message", Kind.FIND_EMAIL, None),
        ("check_back_3m", Kind.CHECK_BACK, "3m"),
        ("check_back_6m_news", Kind.CHECK_BACK, "6m"),
    ],
)
def test_golden_drafts(population: Population, name: str, kind: Kind, which: object) -> None:
    task = _pick(population, kind, which)
    text = (
        f"Subject: {task.draft_subject}\n{task.draft}\n"
        if task.draft_subject
        else f"{task.draft}\n"
    )
    golden = GOLDEN / f"{name}.txt"
    if update_requested():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def _pick(pop: Population, kind: Kind, which: object) -> Task:
    found = _written(pop, kind)
    if isinstance(which, Part):
        plays = {row.person.id: row.person.plays for row in people.list_people(pop.ctx)}
        return next(t for t in found if plays[t.person_id or 0] is which)
    if which == "6m":
        return next(t for t in found if t.key.endswith("6m") and " opening" in (t.draft or ""))
    if which == "3m":
        return next(t for t in found if t.key.endswith("3m"))
    return found[0]
