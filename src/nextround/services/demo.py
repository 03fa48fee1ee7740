"""``nextround demo``: a realistic, fictional job search in an empty database.

Every company, person and address is made up (``.example`` domains, invented towns).
Each event is recorded on its own day, counted back from ``ctx.today``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import time, timedelta

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import Format, InterviewChanges, InterviewKind, NewInterview
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import ConnectAnswer, NewPerson
from nextround.domain.tasks import Kind
from nextround.errors import Conflict
from nextround.services import applications, companies, interviews, journal, people, tasks
from nextround.services.context import Context, relabel

_LINKEDIN = "https://www.linkedin.com"


@dataclass(frozen=True)
class DemoReport:
    companies: int
    applications: int
    rejections: int
    people: int
    tasks: int


@dataclass(frozen=True)
class DemoCompany:
    name: str
    website: str
    address: str | None = None
    careers_url: str | None = None
    socials: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoPerson:
    name: str
    company: str
    title: str
    email: str | None = None
    linkedin_url: str | None = None
    address: str | None = None
    notes: str = ""
    address_as: str | None = None


# An interview ``days_ago`` (negative: still to come) with the people named by key.
@dataclass(frozen=True)
class Meet:
    days_ago: int
    format: Format
    with_: tuple[str, ...] = ()
    at: time | None = None
    kind: InterviewKind | None = None


# A journal entry written ``days_ago``, tied to the latest interview held by then.
@dataclass(frozen=True)
class Write:
    days_ago: int
    text: str


# The application moves to ``status`` (a rejection is dated that day).
@dataclass(frozen=True)
class Move:
    days_ago: int
    status: Status


# The earliest open task of ``kind`` (for each of ``people``, if any) marked done ``days_ago``.
@dataclass(frozen=True)
class Done:
    days_ago: int
    kind: Kind
    people: tuple[str, ...] = ()


# The person's answer to "OK to connect?", recorded ``days_ago``.
@dataclass(frozen=True)
class Reply:
    days_ago: int
    person: str
    answer: ConnectAnswer


Step = Meet | Write | Move | Done | Reply
Ids = dict[str, int]


# One application: added ``applied`` days ago (None: only saved), then its steps in order.
@dataclass(frozen=True)
class Story:
    company: str
    role: str
    status: Status
    applied: int | None
    steps: tuple[Step, ...] = ()
    language: str | None = None  # of its drafts; None: the default


COMPANIES: tuple[DemoCompany, ...] = (
    DemoCompany("Lumenfield Analytics", "https://www.lumenfield.example",
        "48 Lantern Street\nBrightport BP1 4LF", "https://www.lumenfield.example/careers",
        (f"{_LINKEDIN}/company/lumenfield-analytics", "https://github.com/lumenfield-analytics")),
    DemoCompany("Brightwater Robotics", "https://www.brightwater-robotics.example"),
    DemoCompany("Tidemark Health", "https://www.tidemark-health.example",
        "2 Harbour Row\nEastmere EM1 3TD", "https://jobs.tidemark-health.example",
        (f"{_LINKEDIN}/company/tidemark-health", "https://mastodon.social/@tidemarkhealth")),
    DemoCompany("Quillpine Software", "https://quillpine.example",
        "17 Cedar Mews\nKestrel Bay KB4 9QP", "https://quillpine.example/jobs",
        ("https://github.com/quillpine", "https://mastodon.social/@quillpine")),
    DemoCompany("Harborlight Energy", "https://www.harborlight-energy.example",
        "Unit 5, Tidewater Business Park\nSaltcombe Quay SQ2 7HE",
        socials=(f"{_LINKEDIN}/company/harborlight-energy",)),
    DemoCompany("Oakridge Ledger", "https://www.oakridge-ledger.example",
        "90 Copper Lane\nAshford Vale AV3 2LL", "https://www.oakridge-ledger.example/careers",
        (f"{_LINKEDIN}/company/oakridge-ledger", "https://bsky.app/profile/oakridgeledger")),
    DemoCompany("Fernway Logistics", "https://fernway.example",
        careers_url="https://fernway.example/careers", socials=(f"{_LINKEDIN}/company/fernway",)),
    DemoCompany("Cobalt Finch Studio", "https://cobaltfinch.example",
        socials=("https://github.com/cobaltfinch-studio",)),
    DemoCompany("Nimbus Orchard", "https://nimbusorchard.example",
        "3 Orchard Yard\nLanternfield LF6 1NO", "https://nimbusorchard.example/careers",
        (f"{_LINKEDIN}/company/nimbus-orchard", "https://github.com/nimbus-orchard")),
    DemoCompany("Saltmarsh Labs", "https://saltmarshlabs.example"),
    DemoCompany("Kitefern Learning", "https://www.kitefern.example",
        careers_url="https://kitefern.example/jobs", socials=(f"{_LINKEDIN}/company/kitefern",)),
    DemoCompany("Redwick & Vale", "https://www.redwickvale.example",
        "11 Mercer Court\nBrightport BP2 6RV"),
)  # fmt: skip


_IN_ = f"{_LINKEDIN}/in"

# The people met, by the key the stories use.
PEOPLE: dict[str, DemoPerson] = {
    "jonas": DemoPerson("Jonas Whitfield", "Lumenfield Analytics", "Senior Technical Recruiter",
        "jonas.whitfield@lumenfield.example", f"{_IN_}/jonas-whitfield-talent"),
    "priya": DemoPerson("Priya Raman", "Lumenfield Analytics", "Engineering Manager, Data Platform",
        "priya.raman@lumenfield.example", f"{_IN_}/priya-raman-data",
        notes="Runs the monthly data-engineering meetup in Brightport; invited me along."),
    "tomas": DemoPerson("Tomás Okafor", "Lumenfield Analytics", "Staff Data Engineer",
        linkedin_url=f"{_IN_}/tomas-okafor-pipelines"),
    "elena": DemoPerson("Elena Marsh", "Brightwater Robotics", "Head of Platform",
        "elena.marsh@brightwater-robotics.example", f"{_IN_}/elena-marsh-platform",
        address_as="Frau Marsh"),
    "sam": DemoPerson("Sam Adeyemi", "Brightwater Robotics", "Site Reliability Engineer",
        notes="Former teammate who referred me. Coffee now and then; ask about fleet telemetry."),
    "marguerite": DemoPerson("Marguerite Lindqvist", "Tidemark Health", "Director of Data",
        "m.lindqvist@tidemark-health.example", f"{_IN_}/marguerite-lindqvist",
        "Tidemark Health, Data Office\n7 Ferry Quay, Floor 4\nEastmere EM2 8QT"),
    "daniel": DemoPerson("Daniel Achebe", "Tidemark Health", "Analytics Lead",
        "d.achebe@tidemark-health.example", f"{_IN_}/daniel-achebe-analytics"),
    "hana": DemoPerson("Hana Sato", "Tidemark Health", "Talent Acquisition Partner",
        "h.sato@tidemark-health.example"),
    "rafael": DemoPerson("Rafael Moreau", "Quillpine Software", "Engineering Lead, API team",
        "rafael@quillpine.example", f"{_IN_}/rafael-moreau-api"),
    "ingrid": DemoPerson("Ingrid Solberg", "Harborlight Energy", "VP Engineering",
        "ingrid.solberg@harborlight-energy.example", f"{_IN_}/ingrid-solberg-grid"),
    "felix": DemoPerson("Felix Brandt", "Harborlight Energy", "Senior Data Engineer",
        linkedin_url=f"{_IN_}/felix-brandt-sensors"),
    "noor": DemoPerson("Noor Haddad", "Oakridge Ledger", "Engineering Manager, Payments",
        "noor.haddad@oakridge-ledger.example", f"{_IN_}/noor-haddad-payments"),
    "bea": DemoPerson("Bea Lindgren", "Oakridge Ledger", "Recruiter",
        "bea.lindgren@oakridge-ledger.example"),
    "aiko": DemoPerson("Aiko Tanaka", "Cobalt Finch Studio", "CTO",
        linkedin_url=f"{_IN_}/aiko-tanaka-studio"),
    "luca": DemoPerson("Luca Ferreira", "Cobalt Finch Studio", "Backend Engineer",
        "luca@cobaltfinch.example"),
    "greta": DemoPerson("Greta Vos", "Nimbus Orchard", "SRE Manager", "greta@nimbusorchard.example",
        f"{_IN_}/greta-vos-sre"),
    "mateus": DemoPerson("Mateus Costa", "Nimbus Orchard", "Principal Engineer",
        "mateus@nimbusorchard.example"),
}  # fmt: skip

# Journal entries use the headings of nextround.domain.journal.PROMPTS; "Thank-you details"
# lines ("Name: detail") give the card and email drafts something specific to say.
LUMENFIELD_JOURNAL = """\
## Who I met
- Jonas Whitfield (recruiter): clear about every step and the timeline.
- Priya Raman (engineering manager): leads a data platform team of six; cares about on-call.
- Tomás Okafor (staff engineer): built the first version of their ingest pipeline.
## Questions they asked
- Ingest late events from 40 customers: I sketched watermarks plus a nightly backfill.
- A time I disagreed with a product decision: the dashboard migration story.
## Questions I asked
- How they measure data quality: row-count checks today, data contracts planned next year.
## What went well
The design conversation felt like working together, not an exam.
## What I would do differently
Bring numbers for the migration story; I was vague about the cost savings.
## Thank-you details
- Priya: the whiteboard walk-through of the ingest pipeline
- Tomás: the tip about testing backfills against a copy of last month's data
- Jonas: how you kept me posted at every step
"""
BRIGHTWATER_JOURNAL = """\
## Who I met
- Elena Marsh (head of platform): frank, fast-moving, proud of her small team.
## What I would do differently
Ask earlier about the on-call rota; it turned out to be the deciding factor for them.
## Thank-you details
- Elena: the honest answer about the migration off the old job scheduler
"""
TIDEMARK_JOURNAL = """\
## Questions they asked
- Model hospital admissions for a weekly dashboard, late corrections included.
- A SQL exercise on window functions: fine, I explained each step out loud.
## What I would do differently
Read up on health-data privacy rules beforehand; I hesitated on a consent question.
## Thank-you details
- Marguerite: the story of how the data office started as a team of two
- Daniel: walking me through the admissions dashboard line by line
- Hana: the detailed notes on the panel format before the onsite
"""
QUILLPINE_JOURNAL = """\
## What I would do differently
Keep the take-home smaller and explain the trade-offs in the README.
## Thank-you details
- Rafael: the line-by-line review of my take-home and the tip about idempotent retries
"""
HARBORLIGHT_JOURNAL = """\
## Questions I asked
- Where the team will be in two years: from batch forecasts to streaming.
## Thank-you details
- Ingrid: the story of how the grid-forecasting team began
- Felix: the tour of the turbine sensor dashboards
"""
OAKRIDGE_JOURNAL = """\
## What I would do differently
Prepare a sharper answer on ledger consistency; they wanted double-entry details.
## Thank-you details
- Noor: the candid picture of the payments reconciliation backlog
- Bea: making a long onsite day feel calm
"""

# What the user talked about with each interviewer (recorded on the interview they sat in).
TOPICS = {
    "priya": ("the ingest pipeline", "on-call for a data platform"),
    "tomas": ("testing backfills against real data",),
    "elena": ("den Abschied vom alten Job-Scheduler",),  # the process ran in German
    "marguerite": ("the early days of the data office",), "daniel": ("the admissions dashboard",),
    "rafael": ("idempotent retries",), "ingrid": ("the history of the grid-forecasting team",),
    "felix": ("the turbine sensor dashboards",), "noor": ("the payments reconciliation backlog",),
}  # fmt: skip

_M, _W, _R, _D = Meet, Write, Move, Done
_PHONE, _VIDEO, _ONSITE = Format.PHONE, Format.VIDEO, Format.ONSITE
_SCREEN, _TECH = InterviewKind.SCREEN, InterviewKind.TECHNICAL
_YES, _NO, _REJ, _IN = ConnectAnswer.YES, ConnectAnswer.NO, Status.REJECTED, Status.INTERVIEWING
_CARD, _EMAIL, _INVITE = Kind.THANK_YOU_CARD, Kind.CONGRATS_EMAIL, Kind.LINKEDIN_INVITE
_FOLLOW, _CHECK = Kind.FOLLOW_COMPANY, Kind.CHECK_BACK

# Rejected 0, 2, 10, 35, 86, 125 and 190 days ago: the agenda always has steps overdue,
# due today and coming up, and older rejections show relationships further along.
STORIES: tuple[Story, ...] = (
    Story("Lumenfield Analytics", "Senior Data Engineer", _IN, 30, (
        _M(21, _PHONE, ("jonas",), time(9, 30), _SCREEN), _M(12, _ONSITE, ("priya", "tomas"), time(10)),
        _W(12, LUMENFIELD_JOURNAL), _R(2, _REJ), _D(1, _EMAIL, ("jonas",)))),
    Story("Brightwater Robotics", "Platform Engineer", _IN, 40, (
        _M(18, _VIDEO, ("elena",), time(14)), _W(17, BRIGHTWATER_JOURNAL), _R(10, _REJ),
        _D(3, _EMAIL, ("elena",)), Reply(1, "elena", _YES)), language="de"),
    Story("Tidemark Health", "Analytics Engineer", _IN, 70, (
        _M(52, _PHONE, ("hana",), kind=_SCREEN), _M(42, _ONSITE, ("marguerite", "daniel")),
        _W(41, TIDEMARK_JOURNAL), _R(35, _REJ), _D(33, _CARD, ("marguerite", "daniel", "hana")),
        _D(32, _FOLLOW), _D(28, _EMAIL, ("marguerite", "daniel", "hana")),
        Reply(26, "daniel", _NO), Reply(25, "marguerite", _YES), _D(24, _INVITE, ("marguerite",)))),
    Story("Quillpine Software", "Backend Engineer (Python)", _IN, 120, (
        _M(100, _VIDEO, ("rafael",), kind=_TECH), _M(94, Format.TAKE_HOME), _W(93, QUILLPINE_JOURNAL),
        _R(86, _REJ), _D(84, _FOLLOW), _D(83, _CARD, ("rafael",)), _D(79, _EMAIL, ("rafael",)))),
    Story("Harborlight Energy", "Data Platform Engineer", _IN, 160, (
        _M(140, _VIDEO, ("ingrid", "felix")), _W(139, HARBORLIGHT_JOURNAL), _R(125, _REJ),
        _D(122, _CARD, ("ingrid", "felix")), _D(121, Kind.FIND_EMAIL, ("felix",)),
        _D(121, _FOLLOW), _D(118, _EMAIL, ("ingrid",)), Reply(115, "ingrid", _YES),
        _D(114, _INVITE, ("ingrid",)), _D(30, _CHECK))),
    Story("Oakridge Ledger", "Senior Backend Engineer", _IN, 220, (
        _M(205, _PHONE, ("bea",)), _M(198, _ONSITE, ("noor", "bea")), _W(197, OAKRIDGE_JOURNAL),
        _R(190, _REJ), _D(187, _CARD, ("noor", "bea")), _D(186, _FOLLOW),
        _D(183, _EMAIL, ("noor", "bea")), Reply(180, "noor", _YES), _D(179, _INVITE, ("noor",)),
        _D(97, _CHECK))),
    # No interviewers recorded: the plan asks for them before any card or email.
    Story("Fernway Logistics", "Data Engineer", _IN, 21, (_M(7, _VIDEO, at=time(11)), _R(0, _REJ))),
    Story("Oakridge Ledger", "Staff Data Engineer", Status.SCREENING, 9,
        (_M(-2, _PHONE, ("bea",), time(15, 30)),)),
    Story("Cobalt Finch Studio", "Backend Engineer, Creative Tools", _IN, 24, (
        _M(8, _VIDEO, ("aiko",), time(16)), _M(-3, _ONSITE, ("aiko", "luca"), time(10)))),
    Story("Nimbus Orchard", "Site Reliability Engineer", _IN, 45, (
        _M(30, _PHONE, ("greta",)), _M(20, _ONSITE, ("greta", "mateus")), _R(4, Status.OFFER))),
    Story("Saltmarsh Labs", "Analytics Engineer", Status.APPLIED, 6),
    Story("Saltmarsh Labs", "Data Engineer", Status.GHOSTED, 75),
    Story("Redwick & Vale", "Data Engineering Consultant", Status.APPLIED, 15),
    Story("Redwick & Vale", "Senior Analytics Consultant", Status.WITHDRAWN, 50),
    Story("Kitefern Learning", "Data Engineer, Learning Analytics", Status.SAVED, None),
    Story("Quillpine Software", "Platform Engineer", Status.SAVED, None),
)  # fmt: skip


def load_demo(ctx: Context) -> DemoReport:
    """Fill an empty database with the demo job search, as one change, and count what it holds.

    All or nothing: if anything stops it, the database is left as it was.
    """
    if companies.list_companies(ctx):
        raise Conflict(
            "the database already holds a job search; the demo only fills an empty one "
            "(use --db to pick a new file)"
        )
    with ctx.change("Loaded the demo") as c:
        _load(ctx)
        relabel(c, "Loaded the demo")  # the use cases inside named it after themselves
    return _count(ctx)


def _load(ctx: Context) -> None:
    where = {c.name: companies.add_company(ctx, NewCompany(**asdict(c))).id for c in COMPANIES}
    ids = {key: people.add_person(ctx, _person(p, where)).id for key, p in PEOPLE.items()}
    for story in STORIES:
        _play(ctx, story, ids, where)


def _person(person: DemoPerson, where: Ids) -> NewPerson:
    details = asdict(person)
    company = details.pop("company")
    return NewPerson(**details, company_id=where[company])


def _on(ctx: Context, days_ago: int) -> Context:
    """The context as it was ``days_ago`` (never later than today): events keep their own day."""
    day = ctx.today - timedelta(days=max(days_ago, 0))
    return ctx.fresh(settings=replace(ctx.settings, today=day))


def _play(ctx: Context, story: Story, ids: Ids, where: Ids) -> None:
    applied = None if story.applied is None else _on(ctx, story.applied).today
    new = NewApplication(story.role, where[story.company], None, story.status, applied)
    added = applications.add_application(ctx, replace(new, language=story.language))
    app_id, held = added.application.id, None
    for step in story.steps:
        held = _step(_on(ctx, step.days_ago), app_id, step, ids, held)


def _step(ctx: Context, app_id: int, step: Step, ids: Ids, held: int | None) -> int | None:
    """Record one step on its day; returns the latest interview held so far."""
    match step:
        case Meet():
            day = ctx.today + timedelta(days=max(-step.days_ago, 0))
            seated = tuple(ids[k] for k in step.with_)
            new = NewInterview(app_id, day, step.at, step.format, seated, kind=step.kind)
            meeting = interviews.add_interview(ctx, new).interview
            said = {ids[k]: TOPICS[k] for k in step.with_ if k in TOPICS and step.days_ago >= 0}
            if said:
                interviews.edit_interview(ctx, meeting.id, InterviewChanges(topics=said))
            return meeting.id if step.days_ago >= 0 else held
        case Write():
            journal.add_entry(ctx, NewJournalEntry(app_id, step.text, held))
        case Move():
            applications.set_status(ctx, app_id, step.status, on=ctx.today)
        case Done():
            who: list[int | None] = [ids[k] for k in step.people] or [None]
            for person in who:
                if (task_id := _pending_task(ctx, app_id, step.kind, person)) is not None:
                    tasks.mark_done(ctx, task_id)
        case Reply():
            people.record_reply(ctx, ids[step.person], step.answer)
    return held


def _pending_task(ctx: Context, app_id: int, kind: Kind, person: int | None) -> int | None:
    """The earliest open task of ``kind``; None when the user's playbook leaves it out."""
    found = [
        t
        for t in applications.show_application(ctx, app_id).tasks
        if t.kind is kind and t.person_id == person and t.status.is_pending
    ]
    return min(found, key=lambda t: (t.due, t.id)).id if found else None


def _count(ctx: Context) -> DemoReport:
    return DemoReport(
        companies=len(companies.list_companies(ctx)),
        applications=len(applications.list_applications(ctx)),
        rejections=len(applications.list_applications(ctx, Status.REJECTED)),
        people=len(people.list_people(ctx)),
        tasks=len(tasks.list_tasks(ctx, include_closed=True)),
    )
