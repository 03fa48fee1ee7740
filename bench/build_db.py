"""Build a large, realistic nextround database for the benchmarks.

    .venv/bin/python bench/build_db.py --out bench/out/bench.db --today 2026-11-25

The schema comes from nextround's own migrations (``open_database``); the rows are
then bulk-inserted with the standard library's ``sqlite3`` in one transaction.
A fixed seed and dates relative to ``--today`` make two builds with the same
arguments identical, whatever day they run on.

What the rows look like (defaults): 2,000 companies, 30,000 people (one
``relationships`` row each), 10,000 applications over three years (old ones mostly
rejected or ghosted, recent ones open), their interviews and interviewers, a
journal for part of them, and 100,000 tasks shaped like the playbook's: almost all
done, skipped or cancelled, with a few hundred open or snoozed ones around
``--today`` (tens overdue, a few due today, tens in the next 7 days, and future
check-backs).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote_plus

DEFAULT_SEED = 20261125
OWNER = 1
#: How far back the job search goes.
HISTORY_DAYS = 3 * 365


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Ada Alan Amara Anna Arjun Ben Bilal Carla Chen Chloe Daniel Dara Diego Elena Emeka Emma "
    "Fatima Felix Grace Hana Hugo Ines Isaac Ivan Jada James Jonas Julia Kai Karin Keiko Lars "
    "Leila Liam Lina Lucas Maya Mateo Mei Mia Nadia Nina Noah Olga Omar Paula Pedro Priya Quinn "
    "Rafael Ravi Rosa Ruth Sam Sara Sofia Tariq Teresa Theo Tom Uma Vera Victor Wei Yara Yusuf "
    "Zainab Zoe"
)
LAST_NAMES = _words(
    "Abbott Adeyemi Alvarez Andersen Baker Bauer Becker Bianchi Brooks Castro Chen Costa Dubois "
    "Duarte Eriksen Evans Fischer Fontaine Garcia Gomez Gupta Haddad Hansen Hoffmann Ito Jansen "
    "Jensen Kaur Khan Kim Kowalski Larsen Laurent Lee Lopez Martin Meyer Moreau Murphy Nakamura "
    "Nguyen Novak Okafor Olsen Patel Pereira Petrov Quinn Rahman Reyes Rossi Sato Schmidt Silva "
    "Singh Smith Sousa Tanaka Taylor Thomas Tran Vargas Walsh Weber Williams Wong Yamamoto Young "
    "Zhang Zimmermann"
)
COMPANY_WORDS = _words(
    "Acme Amber Apex Arc Atlas Beacon Birch Blue Bright Cedar Cloud Cobalt Copper Coral Crest "
    "Delta Echo Ember Falcon Fern Flux Granite Harbor Helix Iron Juniper Keystone Lantern Ledger "
    "Lumen Maple Meridian Nimbus North Nova Oak Orbit Parallel Pine Pixel Prism Quarry Quartz "
    "River Sable Signal Silver Slate Spruce Summit Tidal Vector Willow Zenith"
)
COMPANY_SUFFIXES = (
    "Labs",
    "Systems",
    "Software",
    "Analytics",
    "Health",
    "Robotics",
    "Bank",
    "Logistics",
    "Energy",
    "Studio",
    "Group",
    "Technologies",
)
ROLES = (
    "Backend Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Data Engineer",
    "Platform Engineer",
    "Site Reliability Engineer",
    "Frontend Engineer",
    "Full-Stack Developer",
    "Engineering Manager",
    "Data Scientist",
    "Machine Learning Engineer",
    "DevOps Engineer",
    "Security Engineer",
    "Product Engineer",
    "QA Engineer",
)
TITLES = (
    "Engineering Manager",
    "Senior Engineer",
    "Staff Engineer",
    "Tech Lead",
    "Recruiter",
    "Talent Partner",
    "Product Manager",
    "Head of Data",
    "VP Engineering",
    "CTO",
    "Principal Engineer",
    "HR Business Partner",
)
CITIES = (
    "Amsterdam",
    "Berlin",
    "Boston",
    "Dublin",
    "Lisbon",
    "London",
    "Lyon",
    "Montreal",
    "Oslo",
    "Seattle",
    "Toronto",
    "Zurich",
)
STREETS = ("Market Street", "Harbour Road", "King Street", "Station Square", "Canal Lane")
JOURNAL_SENTENCES = (
    "The system design round went well until we got to the caching layer.",
    "I should have asked more about how the team handles on-call.",
    "The hiring manager cared most about ownership and shipping small increments.",
    "The take-home was fair but took twice the advertised time.",
    "I froze on the SQL window-function question; practise those.",
    "Good rapport with the panel, especially when talking about migrations.",
    "They want someone who has scaled a Postgres cluster past a few terabytes.",
    "Next time prepare a crisper story for a conflict with a colleague.",
    "The recruiter said the feedback was positive on culture and mixed on depth.",
    "I liked the team a lot; worth checking back in a few months.",
    "Remember to send the thank-you card to the whole panel this time.",
    "The behavioural round was mostly about mentoring juniors.",
)
NOTE_SENTENCES = (
    "Met at a meetup on observability.",
    "Very friendly; mentioned they are hiring again in spring.",
    "Prefers email over LinkedIn messages.",
    "Ran the pairing exercise; asked thoughtful follow-up questions.",
    "Former colleague of a friend.",
    "Moved from the platform team to data last year.",
)
INTERVIEW_FORMATS = ("video", "phone", "onsite", "take-home", "other")
INTERVIEW_FORMAT_WEIGHTS = (50, 25, 15, 7, 3)
#: Status of a task that is no longer pending, by kind: (done, skipped, cancelled) weights.
FINISHED_WEIGHTS: dict[str, tuple[int, int, int]] = {
    "journal": (45, 45, 10),
    "record_interviewers": (60, 30, 10),
    "thank_you_card": (55, 35, 10),
    "congrats_email": (60, 30, 10),
    "linkedin_invite": (70, 20, 10),
    "follow_company": (65, 25, 10),
    "check_back": (50, 40, 10),
    "find_email": (55, 35, 10),
    "find_address": (45, 45, 10),
}
FINISHED = ("done", "skipped", "cancelled")


@dataclass(slots=True)
class Company:
    id: int
    name: str
    website: str
    careers_url: str | None
    address: str | None
    socials: list[str]


@dataclass(slots=True)
class Person:
    id: int
    company_id: int
    name: str
    email: str | None
    linkedin_url: str | None
    address: str | None


@dataclass(slots=True)
class Application:
    id: int
    company_id: int
    role: str
    status: str
    applied_on: date | None
    rejected_on: date | None = None
    interviewers: list[int] = field(default_factory=list)
    has_journal: bool = False


@dataclass(slots=True)
class TaskRow:
    key: str
    kind: str
    title: str
    due: date
    created: date
    application_id: int | None
    company_id: int | None
    person_id: int | None
    url: str | None = None
    draft_subject: str | None = None
    draft: str | None = None
    status: str = "open"
    done_on: date | None = None


@dataclass(frozen=True)
class Sizes:
    companies: int
    people: int
    applications: int
    tasks: int
    overdue: int
    due_today: int
    upcoming: int
    future: int


@dataclass
class Dataset:
    """Every row to insert, as tuples in column order."""

    companies: list[tuple[object, ...]] = field(default_factory=list)
    company_socials: list[tuple[object, ...]] = field(default_factory=list)
    people: list[tuple[object, ...]] = field(default_factory=list)
    relationships: list[tuple[object, ...]] = field(default_factory=list)
    applications: list[tuple[object, ...]] = field(default_factory=list)
    interviews: list[tuple[object, ...]] = field(default_factory=list)
    interview_people: list[tuple[object, ...]] = field(default_factory=list)
    journal_entries: list[tuple[object, ...]] = field(default_factory=list)
    tasks: list[tuple[object, ...]] = field(default_factory=list)


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def stamp(day: date, rng: random.Random) -> str:
    """A time of day on ``day``, as SQLite's CURRENT_TIMESTAMP (the column default) writes it."""
    minutes, seconds = divmod(rng.randrange(8 * 3600, 20 * 3600), 60)
    return f"{day.isoformat()} {minutes // 60:02d}:{minutes % 60:02d}:{seconds:02d}"


def add_months(day: date, months: int) -> date:
    """Same rule as nextround.domain.dates.add_months (clamped to the month's end)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Generator:
    """Deterministic rows for one seed, one size and one ``today``."""

    def __init__(self, sizes: Sizes, today: date, seed: int) -> None:
        self.sizes = sizes
        self.today = today
        self.rng = random.Random(seed)
        self.data = Dataset()
        self.companies: list[Company] = []
        self.people: list[Person] = []
        self.people_by_company: dict[int, list[int]] = {}
        self.company_weights: list[float] = []
        self.applications: list[Application] = []
        self.tasks: list[TaskRow] = []
        #: How many tasks the playbook's plan gave, before the check-back top-up.
        self.planned = 0

    def run(self) -> Dataset:
        self._companies()
        self._people()
        self._applications()
        self._tasks()
        self._statuses()
        self._relationships()
        self.data.tasks = [self._task_tuple(t) for t in self.tasks]
        return self.data

    # -- companies and people ---------------------------------------------------------

    def _companies(self) -> None:
        rng, n = self.rng, self.sizes.companies
        combos = [
            f"{a} {b}"
            for a, b in itertools.product(COMPANY_WORDS, (*COMPANY_WORDS, *COMPANY_SUFFIXES))
            if a != b
        ]
        names = rng.sample(combos, min(n, len(combos)))
        names += [f"{rng.choice(combos)} {i}" for i in range(len(names) + 1, n + 1)]
        for i, name in enumerate(names, start=1):
            slug = name.lower().replace(" ", "")
            website = f"https://www.{slug}.example"
            careers = f"{website}/careers" if rng.random() < 0.8 else None
            address = (
                f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, {rng.choice(CITIES)}"
                if rng.random() < 0.5
                else None
            )
            socials = []
            if rng.random() < 0.4:
                socials.append(f"https://www.linkedin.com/company/{slug}")
                if rng.random() < 0.5:
                    socials.append(f"https://mastodon.social/@{slug}")
            created = self.today - timedelta(days=rng.randrange(HISTORY_DAYS))
            notes = "Remote-friendly; strong engineering blog." if rng.random() < 0.1 else ""
            self.companies.append(Company(i, name, website, careers, address, socials))
            self.data.companies.append(
                (i, OWNER, name, website, address, careers, notes, stamp(created, rng))
            )
            for url in socials:
                followed = (
                    created + timedelta(days=rng.randrange(30)) if rng.random() < 0.5 else None
                )
                self.data.company_socials.append(
                    (OWNER, i, url, iso(min(followed, self.today) if followed else None))
                )

    def _company_weights(self) -> list[float]:
        """A few companies get many applications and people; most get a handful."""
        weights = [1.0 / (rank + 1) ** 0.5 for rank in range(len(self.companies))]
        self.rng.shuffle(weights)
        return weights

    def _people(self) -> None:
        rng = self.rng
        self.company_weights = self._company_weights()
        ids = [c.id for c in self.companies]
        homes = rng.choices(ids, weights=self.company_weights, k=self.sizes.people)
        for pid, company_id in enumerate(homes, start=1):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            company = self.companies[company_id - 1]
            domain = company.website.removeprefix("https://www.")
            email = f"{first.lower()}.{last.lower()}@{domain}" if rng.random() < 0.55 else None
            linkedin = (
                f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{pid}"
                if rng.random() < 0.7
                else None
            )
            address = (
                f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, {rng.choice(CITIES)}"
                if rng.random() < 0.12
                else None
            )
            notes = (
                " ".join(rng.sample(NOTE_SENTENCES, rng.randrange(1, 3)))
                if rng.random() < 0.25
                else ""
            )
            person = Person(pid, company_id, f"{first} {last}", email, linkedin, address)
            self.people.append(person)
            self.people_by_company.setdefault(company_id, []).append(pid)
            created = self.today - timedelta(days=rng.randrange(HISTORY_DAYS))
            self.data.people.append(
                (
                    pid,
                    OWNER,
                    company_id,
                    person.name,
                    rng.choice(TITLES),
                    email,
                    linkedin,
                    address,
                    notes,
                    stamp(created, rng),
                )
            )

    # -- applications, interviews, journal -----------------------------------------------

    def _status_for_age(self, age: int) -> str:
        rng = self.rng
        if age > 60:
            table = {"rejected": 68, "ghosted": 20, "withdrawn": 7, "offer": 1, "applied": 4}
        elif age > 14:
            table = {
                "rejected": 38,
                "ghosted": 8,
                "withdrawn": 3,
                "applied": 21,
                "screening": 15,
                "interviewing": 15,
            }
        else:
            table = {"saved": 20, "applied": 58, "screening": 12, "interviewing": 5, "rejected": 5}
        return rng.choices(list(table), weights=list(table.values()))[0]

    def _applications(self) -> None:
        rng, today = self.rng, self.today
        ids = [c.id for c in self.companies]
        targets = rng.choices(ids, weights=self.company_weights, k=self.sizes.applications)
        # Ages drawn then sorted, so that ids follow the order things happened in.
        ages = sorted((int(HISTORY_DAYS * rng.random() ** 1.15) for _ in targets), reverse=True)
        interview_id = 0
        for app_id, (company_id, age) in enumerate(zip(targets, ages, strict=True), start=1):
            status = self._status_for_age(age)
            applied = today - timedelta(days=age)
            app = Application(app_id, company_id, rng.choice(ROLES), status, applied)
            if status == "saved":
                app.applied_on = None
            interviewed = {
                "interviewing": 1.0,
                "offer": 1.0,
                "rejected": 0.7,
                "withdrawn": 0.4,
                "screening": 0.3,
                "ghosted": 0.15,
            }.get(status, 0.0)
            when = applied + timedelta(days=rng.randrange(5, 21))
            interviews: list[tuple[int, date]] = []
            if rng.random() < interviewed:
                count = rng.randrange(3, 6) if status == "offer" else rng.randrange(1, 5)
                for _ in range(count):
                    # Only an application still in interviews has one on the calendar.
                    scheduled = bool(interviews) and interviews[-1][1] > today
                    if when > today and (status != "interviewing" or scheduled):
                        break
                    interview_id += 1
                    interviews.append((interview_id, when))
                    self._interview(app, interview_id, when)
                    when += timedelta(days=rng.randrange(2, 11))
            if status == "rejected":
                last = interviews[-1][1] if interviews else applied
                app.rejected_on = min(last + timedelta(days=rng.randrange(2, 30)), today)
                journal_chance = 0.55 if interviews else 0.05
                if rng.random() < journal_chance:
                    self._journal(app, interviews[-1][0] if interviews else None, app.rejected_on)
            elif status == "interviewing" and interviews and rng.random() < 0.3:
                first_id, first_day = interviews[0]
                if first_day <= today:
                    self._journal(app, first_id, first_day)
            self.applications.append(app)
            source = f"https://jobs.example/{company_id}/{app_id}" if rng.random() < 0.7 else None
            requisition = f"R-{rng.randrange(10000, 99999)}" if rng.random() < 0.4 else None
            notes = "Referred by a former colleague." if rng.random() < 0.05 else ""
            created = applied
            self.data.applications.append(
                (
                    app_id,
                    OWNER,
                    company_id,
                    app.role,
                    status,
                    iso(app.applied_on),
                    iso(app.rejected_on),
                    source,
                    requisition,
                    notes,
                    stamp(created, rng),
                    stamp(app.rejected_on or created, rng),
                )
            )

    def _interview(self, app: Application, interview_id: int, on: date) -> None:
        rng = self.rng
        fmt = rng.choices(INTERVIEW_FORMATS, weights=INTERVIEW_FORMAT_WEIGHTS)[0]
        at = (
            f"{rng.randrange(9, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"
            if fmt != "take-home"
            else None
        )
        notes = (
            "Panel of engineers; bring questions about the roadmap." if rng.random() < 0.15 else ""
        )
        self.data.interviews.append((interview_id, OWNER, app.id, iso(on), at, fmt, notes))
        staff = self.people_by_company.get(app.company_id, [])
        if not staff or rng.random() < 0.1:  # interviewers not recorded
            return
        for pid in rng.sample(staff, min(len(staff), rng.randrange(1, 5))):
            self.data.interview_people.append((interview_id, pid, OWNER))
            if pid not in app.interviewers:
                app.interviewers.append(pid)

    def _journal(self, app: Application, interview_id: int | None, day: date) -> None:
        rng = self.rng
        written = min(day + timedelta(days=rng.randrange(0, 3)), self.today)
        body = " ".join(rng.sample(JOURNAL_SENTENCES, rng.randrange(3, 7)))
        entry_id = len(self.data.journal_entries) + 1
        made = stamp(written, rng)
        self.data.journal_entries.append(
            (entry_id, OWNER, app.id, interview_id, iso(written), body, made, made)
        )
        app.has_journal = True

    # -- tasks ----------------------------------------------------------------------------

    def _tasks(self) -> None:
        """The playbook's steps for every rejection, then extra check-backs up to the target."""
        target = self.sizes.tasks
        keys: set[str] = set()
        rejected = sorted(
            (a for a in self.applications if a.rejected_on is not None),
            key=lambda a: (a.rejected_on, a.id),
        )

        def add(task: TaskRow) -> bool:
            if len(self.tasks) >= target:
                return False
            if task.key in keys:
                task.key = f"{task.key}:{len(self.tasks)}"
            keys.add(task.key)
            self.tasks.append(task)
            return True

        for app in rejected:
            for task in self._plan(app):
                if not add(task):
                    break
        self.planned = len(self.tasks)
        # Longer check-back rounds (as with check_back_months = [3, 6, 9, 12, ...]),
        # past ones first; future ones only if the history is too short.
        for allow_future in (False, True):
            for months in itertools.count(9, 3):
                if len(self.tasks) >= target or months > 12 * 40:
                    break
                for app in rejected:
                    assert app.rejected_on is not None
                    due = add_months(app.rejected_on, months)
                    if (due > self.today) != allow_future:
                        continue
                    if not add(self._check_back(app, months)):
                        break
        n = 0
        while len(self.tasks) < target:  # tiny histories: any application will do
            app = self.applications[n % len(self.applications)]
            day = app.applied_on or self.today
            add(
                TaskRow(
                    f"check_back:a{app.id}:x{n}",
                    "check_back",
                    f"Check back ({n})",
                    day,
                    day,
                    app.id,
                    app.company_id,
                    None,
                )
            )
            n += 1
        self.tasks.sort(key=lambda t: t.created)

    def _plan(self, app: Application) -> Iterator[TaskRow]:
        rng = self.rng
        assert app.rejected_on is not None
        day = app.rejected_on
        company = self.companies[app.company_id - 1]
        cname = company.name

        def task(
            key: str,
            kind: str,
            title: str,
            due: date,
            person: int | None = None,
            **extra: str | None,
        ) -> TaskRow:
            return TaskRow(key, kind, title, due, day, app.id, company.id, person, **extra)

        yield task(
            f"journal:a{app.id}",
            "journal",
            f"Write down how the interviews at {cname} went, while it's fresh",
            day,
        )
        if not app.interviewers:
            yield task(
                f"record_interviewers:a{app.id}",
                "record_interviewers",
                f"Record who you met at {cname}, so cards and emails can follow",
                day,
            )
        for pid in app.interviewers:
            person = self.people[pid - 1]
            first = person.name.split()[0]
            has_address = bool(person.address or company.address)
            yield task(
                f"thank_you_card:a{app.id}:p{pid}",
                "thank_you_card",
                f"Write a thank-you card to {person.name}"
                + ("" if has_address else " (address needed)"),
                day + timedelta(days=2),
                pid,
                draft=(
                    f"Dear {first},\n\nThank you for taking the time to talk with me about the "
                    f"{app.role} role at {cname}.\nI enjoyed our conversation and came away knowing "
                    "a lot more about your team.\n\nWith thanks,\n[your name]\n"
                ),
            )
            if not has_address:
                yield task(
                    f"find_address:p{pid}",
                    "find_address",
                    f"Find a postal address for {person.name} or {cname}'s office",
                    day + timedelta(days=1),
                    pid,
                    url=company.website,
                )
            if person.email:
                yield task(
                    f"congrats_email:a{app.id}:p{pid}",
                    "congrats_email",
                    f"Email {person.name}: congratulations on the hire, and OK to connect?",
                    day + timedelta(days=7),
                    pid,
                    url=f"mailto:{person.email}",
                    draft_subject=f"Congratulations on your new {app.role}",
                    draft=(
                        f"Hi {first},\n\nI heard the {app.role} role at {cname} has been filled. "
                        "Congratulations to you and the team on the new hire!\n\nWould it be all "
                        "right if I connected with you on LinkedIn?\n\nBest wishes,\n[your name]\n"
                    ),
                )
                if rng.random() < 0.3:  # they said yes to connecting
                    answered = day + timedelta(days=7 + rng.randrange(1, 10))
                    yield task(
                        f"linkedin_invite:p{pid}",
                        "linkedin_invite",
                        f"Send {person.name} a LinkedIn invitation with a note",
                        answered + timedelta(days=1),
                        pid,
                        url=person.linkedin_url
                        or "https://www.linkedin.com/search/results/people/?keywords="
                        + quote_plus(f"{person.name} {cname}"),
                        draft=f"Hi {first}, thanks again for the interviews at {cname}. I'd be glad to stay in touch.",
                    )
            else:
                yield task(
                    f"find_email:p{pid}",
                    "find_email",
                    f"Find an email address for {person.name} (or send a LinkedIn message)",
                    day + timedelta(days=1),
                    pid,
                    url=person.linkedin_url,
                    draft=f"Hi {first}, thank you for the interviews for the {app.role} role at {cname}.",
                )
        if company.socials:
            networks = ", ".join(
                "LinkedIn" if "linkedin" in u else "Mastodon" for u in company.socials
            )
            yield task(
                f"follow_company:c{company.id}",
                "follow_company",
                f"Follow {cname} on {networks}",
                day + timedelta(days=3),
                url=company.socials[0],
            )
        else:
            yield task(
                f"follow_company:c{company.id}",
                "follow_company",
                f"Find {cname}'s social accounts and news, then follow them",
                day + timedelta(days=3),
                url=f"https://duckduckgo.com/?q={quote_plus(cname + ' LinkedIn')}",
            )
        for months in (3, 6):
            yield self._check_back(app, months)

    def _check_back(self, app: Application, months: int) -> TaskRow:
        assert app.rejected_on is not None
        company = self.companies[app.company_id - 1]
        return TaskRow(
            f"check_back:a{app.id}:{months}m",
            "check_back",
            f"Check back with {company.name} ({months} months on): new roles and news",
            add_months(app.rejected_on, months),
            app.rejected_on,
            app.id,
            company.id,
            None,
            url=company.careers_url or company.website,
            draft=(
                f"It has been a while since {company.name} said no to the {app.role} role "
                f"({app.rejected_on.isoformat()}). A good moment to look again: their careers "
                "page, their news, and your journal for this application."
            ),
        )

    def _statuses(self) -> None:
        """Finished for the past, a realistic handful pending around today."""
        rng, today, sizes = self.rng, self.today, self.sizes
        end = today + timedelta(days=7)
        recent = [t for t in self.tasks if today - timedelta(days=60) <= t.due < today]
        due_today = [t for t in self.tasks if t.due == today]
        upcoming = [t for t in self.tasks if today < t.due <= end]
        future = [t for t in self.tasks if t.due > end]
        pending: set[int] = set()
        for group, quota in (
            (recent, sizes.overdue),
            (due_today, sizes.due_today),
            (upcoming, sizes.upcoming),
            (future, sizes.future),
        ):
            chosen = rng.sample(group, min(quota, len(group)))
            pending.update(id(t) for t in chosen)
        for task in self.tasks:
            if id(task) in pending:
                task.status = "snoozed" if rng.random() < 0.12 else "open"
                continue
            if task.due > end:  # an application reopened, a step switched off
                task.status = "cancelled"
                continue
            weights = FINISHED_WEIGHTS[task.kind]
            if task.kind == "journal":
                app = self.applications[(task.application_id or 1) - 1]
                weights = (100, 0, 0) if app.has_journal else (10, 75, 15)
            task.status = rng.choices(FINISHED, weights=weights)[0]
            if task.status != "cancelled":
                finished = task.due + timedelta(days=rng.randrange(0, 5))
                task.done_on = max(min(finished, today), task.created)

    def _relationships(self) -> None:
        """One row per person, in step with the finished tasks."""
        rows: dict[int, dict[str, date | str | None]] = {
            p.id: dict.fromkeys(
                (
                    "card_mailed_on",
                    "congratulated_on",
                    "asked_to_connect_on",
                    "answer",
                    "answered_on",
                    "invited_on",
                    "connected_on",
                )
            )
            for p in self.people
        }
        rng, today = self.rng, self.today
        for task in self.tasks:
            if task.person_id is None:
                continue
            rel = rows[task.person_id]
            done = task.done_on if task.status == "done" else None
            if task.kind == "thank_you_card" and done:
                rel["card_mailed_on"] = done
            elif task.kind == "congrats_email" and done:
                rel["congratulated_on"] = rel["asked_to_connect_on"] = done
                if rel["answer"] != "yes":  # a yes (an invitation step) stays a yes
                    said_no = rng.random() < 0.15
                    rel["answer"] = "no" if said_no else None
                    rel["answered_on"] = (
                        min(done + timedelta(days=rng.randrange(1, 10)), today) if said_no else None
                    )
            elif task.kind == "linkedin_invite":
                answered = min(task.due - timedelta(days=1), today)
                rel["answer"], rel["answered_on"] = "yes", answered
                asked = rel["asked_to_connect_on"]
                if not isinstance(asked, date) or asked > answered:
                    rel["asked_to_connect_on"] = answered - timedelta(days=3)
                if done:
                    rel["invited_on"] = done
                    if rng.random() < 0.7:
                        rel["connected_on"] = min(
                            done + timedelta(days=rng.randrange(1, 15)), today
                        )
        for pid, rel in rows.items():
            values = [v.isoformat() if isinstance(v, date) else v for v in rel.values()]
            message = (
                f"<{pid}.{rng.randrange(10**9)}@mail.example>" if rel["congratulated_on"] else None
            )
            self.data.relationships.append((pid, OWNER, *values, message))

    def _task_tuple(self, t: TaskRow) -> tuple[object, ...]:
        made = stamp(t.created, self.rng)
        updated = stamp(t.done_on, self.rng) if t.done_on else made
        return (
            OWNER,
            t.key,
            t.kind,
            t.title,
            iso(t.due),
            t.status,
            t.application_id,
            t.company_id,
            t.person_id,
            t.url,
            t.draft_subject,
            t.draft,
            0,
            iso(t.done_on),
            made,
            updated,
        )


INSERTS: dict[str, str] = {
    "companies": "INSERT INTO companies (id, owner_id, name, website, address, careers_url, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "company_socials": "INSERT INTO company_socials (owner_id, company_id, url, followed_on) VALUES (?, ?, ?, ?)",
    "people": "INSERT INTO people (id, owner_id, company_id, name, title, email, linkedin_url, address, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "relationships": "INSERT INTO relationships (person_id, owner_id, card_mailed_on, congratulated_on, asked_to_connect_on, answer, answered_on, invited_on, connected_on, congrats_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "applications": "INSERT INTO applications (id, owner_id, company_id, role, status, applied_on, rejected_on, source_url, requisition_id, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "interviews": "INSERT INTO interviews (id, owner_id, application_id, on_date, at_time, format, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "interview_people": "INSERT INTO interview_people (interview_id, person_id, owner_id) VALUES (?, ?, ?)",
    "journal_entries": "INSERT INTO journal_entries (id, owner_id, application_id, interview_id, written_on, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "tasks": "INSERT INTO tasks (owner_id, key, kind, title, due, status, application_id, company_id, person_id, url, draft_subject, draft, draft_edited, done_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


def _with_updated(rows: Sequence[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Rows whose last value is created_at get updated_at = created_at."""
    return [(*row, row[-1]) for row in rows]


def insert(path: Path, data: Dataset) -> dict[str, int]:
    """Everything in one transaction, then ANALYZE; returns the row count of each table."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA foreign_keys = OFF")  # checked once, at the end
        rows = {
            "companies": _with_updated(data.companies),
            "company_socials": data.company_socials,
            "people": _with_updated(data.people),
            "relationships": data.relationships,
            "applications": data.applications,
            "interviews": data.interviews,
            "interview_people": data.interview_people,
            "journal_entries": data.journal_entries,
            "tasks": data.tasks,
        }
        with connection:
            for table, values in rows.items():
                connection.executemany(INSERTS[table], values)
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise SystemExit(f"foreign key check failed: {broken[:5]}")
        connection.execute("ANALYZE")
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in rows
        }
    finally:
        connection.close()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", required=True, type=Path, help="database file to create")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        help="the day the data is relative to (YYYY-MM-DD; default: today)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--overdue", type=int, default=40, help="open tasks up to 60 days late")
    parser.add_argument("--due-today", type=int, default=6, help="open tasks due on --today")
    parser.add_argument("--upcoming", type=int, default=45, help="open tasks due in 7 days")
    parser.add_argument("--future", type=int, default=400, help="open tasks due later")
    args = parser.parse_args(argv)
    for name in ("companies", "people", "applications", "tasks"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        from nextround.errors import NextroundError
    except ImportError as exc:
        print(f"error: can't import nextround ({exc}); run with .venv/bin/python", file=sys.stderr)
        return 2
    try:
        return build(args)
    except (OSError, sqlite3.Error, NextroundError) as exc:
        print(f"error: can't build {args.out}: {exc}", file=sys.stderr)
        return 1


def build(args: argparse.Namespace) -> int:
    from nextround.storage.database import open_database

    out: Path = args.out
    if out.exists() or out.is_symlink():
        if not args.force:
            print(f"error: {out} exists; pass --force to replace it", file=sys.stderr)
            return 1
        for leftover in (out, *(out.with_name(out.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    sizes = Sizes(
        companies=args.companies,
        people=args.people,
        applications=args.applications,
        tasks=args.tasks,
        overdue=args.overdue,
        due_today=args.due_today,
        upcoming=args.upcoming,
        future=args.future,
    )
    started = time.perf_counter()
    db = open_database(str(out))
    db.close()
    migrated = time.perf_counter()
    generator = Generator(sizes, args.today, args.seed)
    data = generator.run()
    generated = time.perf_counter()
    counts = insert(out, data)
    finished = time.perf_counter()

    print(f"built {out} for today = {args.today.isoformat()} (seed {args.seed})")
    for table, count in counts.items():
        print(f"  {table:<17} {count:>8,}")
    extra = counts["tasks"] - generator.planned
    print(
        f"  tasks from the playbook plan {generator.planned:,}; longer check-back rounds {extra:,}"
    )
    pending = _pending_summary(out, args.today)
    print("  pending tasks: " + ", ".join(f"{label} {count}" for label, count in pending.items()))
    size_mb = out.stat().st_size / 1_000_000
    print(
        f"  size {size_mb:.1f} MB; took {finished - started:.2f} s "
        f"(migrations {migrated - started:.2f} s, rows {generated - migrated:.2f} s, "
        f"insert + analyze {finished - generated:.2f} s)"
    )
    return 0


def _pending_summary(path: Path, today: date) -> dict[str, int]:
    end = today + timedelta(days=7)
    connection = sqlite3.connect(path)
    try:
        (overdue, due_today, upcoming, later, snoozed) = connection.execute(
            """
            SELECT sum(due < :today), sum(due = :today), sum(due > :today AND due <= :end),
                   sum(due > :end), sum(status = 'snoozed')
            FROM tasks WHERE owner_id = 1 AND status IN ('open', 'snoozed')
            """,
            {"today": today.isoformat(), "end": end.isoformat()},
        ).fetchone()
    finally:
        connection.close()
    return {
        "overdue": overdue or 0,
        "due today": due_today or 0,
        "next 7 days": upcoming or 0,
        "later": later or 0,
        "of which snoozed": snoozed or 0,
    }


if __name__ == "__main__":
    sys.exit(main())
