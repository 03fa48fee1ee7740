"""What each draft is written from: the facts the data holds, its slots, and its seat.

For one step with a draft: the person's part in the process, the interview
they sat in (its kind), how far the process went, the topics recorded for
them, and, for a check-back, the warmest contact and what changed at the
company since the no: the role reopened, another role (added by the user or seen
on its watched board), or its news. Nothing here is guessed: a fact not in the data is left out,
and the wordings that need it are not used (:mod:`nextround.domain.drafting`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from nextround.domain.applications import Application
from nextround.domain.draft_language import day_and_month
from nextround.domain.drafting import Facts, Seat, Wordings, count_words
from nextround.domain.interviews import Format, Interview, InterviewKind, InterviewStatus
from nextround.domain.people import ConnectAnswer, Person
from nextround.domain.playbook import PlanInput
from nextround.domain.since_no import SinceNo, news_slot
from nextround.domain.tasks import Kind, Task
from nextround.services import since_no
from nextround.services.context import Context
from nextround.storage import applications, interviews, people
from nextround.storage.sql import Connection

#: Slot -> the keys its wordings are looked for under, most specific first.
Slots = Sequence[tuple[str, Sequence[str]]]


@dataclass(frozen=True)
class Voice:
    """The language a draft is written in, its register, and that language's wordings."""

    language: str
    formal: bool
    #: ``"KIND.SLOT"`` -> key -> wordings; the ``facts.*`` tables phrase the facts themselves.
    words: Wordings


@dataclass(frozen=True)
class Known:
    """What the drafts of several applications need, read in a fixed number of queries."""

    #: Application id -> its interviews.
    held: dict[int, list[Interview]]
    #: Company id -> the ids of everyone there, oldest first.
    staff: dict[int, list[int]]
    #: Company id -> its applications (only for companies with a check-back shown).
    applied: dict[int, list[Application]] = field(default_factory=dict)
    #: Application id -> what the watch saw at its company since the no (check-backs only).
    changed: dict[int, SinceNo] = field(default_factory=dict)


@dataclass(frozen=True)
class Draft:
    """One draft to write: its slots, the facts they may use, its seat, and the person."""

    slots: Slots
    facts: Facts
    seat: Seat
    #: More for the template: the contact of a check-back, the months.
    extra: dict[str, object] = field(default_factory=dict)
    #: Slots that may say nothing (a topic when none was recorded, news when there is none).
    optional: frozenset[str] = frozenset()


def gather(
    c: Connection, ctx: Context, apps: Sequence[Application], shown: Sequence[Task]
) -> Known:
    companies = {a.company_id for a in apps}
    checking = {t.company_id for t in shown if t.kind is Kind.CHECK_BACK and t.company_id}
    return Known(
        held=interviews.of_applications(c, ctx.owner, [a.id for a in apps]),
        staff=people.ids_at(c, ctx.owner, companies),
        applied=applications.of_companies(c, ctx.owner, checking),
        changed=since_no.of_applications(
            c, ctx.owner, [a for a in apps if a.company_id in checking]
        ),
    )


def for_person(task: Task, inp: PlanInput, person: Person, known: Known, voice: Voice) -> Draft:
    """The draft of a card, an email or a LinkedIn note to ``person``."""
    part = person.plays.value
    held = _held(known.held.get(inp.application.id, []), inp)
    facts = _facts(inp, person, held, voice)
    slots: dict[Kind, Slots] = {
        Kind.THANK_YOU_CARD: (
            ("thanks", (part, "any")),
            ("detail", ("topic", part, "any")),
            ("close", (part, "any")),
            ("sign", ("any",)),
        ),
        Kind.CONGRATS_EMAIL: (
            ("subject", ("any",)),
            ("hire", ("any",)),
            ("thanks", (part, "any")),
            ("detail", ("topic", part, "any")),
            ("ask", ("any",)),
            ("sign", ("any",)),
        ),
    }
    return Draft(
        slots.get(task.kind, (("note", ("any",)),)),
        facts,
        _seat(task, inp, person.id, known),
        {"part": part},
    )


def short_note(draft: Draft) -> Draft:
    """The same LinkedIn note from its shorter wordings (for a note over the limit)."""
    return replace(draft, slots=(("note", ("short",)),))


def for_check_back(
    task: Task, inp: PlanInput, known: Known, months: int, planned: Sequence[int], voice: Voice
) -> Draft:
    """A check-back: what to look at, and a short hello to the warmest contact.

    The first check-back (of the ``planned`` months) says hello; the later
    ones offer to catch up: the two never read alike.
    """
    contact, why = warmest(inp)
    held = _held(known.held.get(inp.application.id, []), inp)
    stage = "first" if months <= min(planned, default=months) else "later"
    facts = dict(_facts(inp, contact, held, voice).values)
    facts["months"] = _months(voice, months)
    later = _added_since(inp, known)
    since = known.changed.get(inp.application.id)
    news_key, told = news_slot(inp.application.role, since, later.role if later else None, stage)
    facts |= told
    apps = [a.id for a in known.applied.get(inp.company.id, [])] or [inp.application.id]
    seat = Seat(
        rank=apps.index(inp.application.id) if inp.application.id in apps else 0,
        crowd=len(apps),
        variant=task.draft_variant,
        seed=f"check_back:{inp.company.id}:{months}",
    )
    slots = (
        ("hello", (stage,)),
        ("news", news_key),
        ("topic", ("topic",)),
        ("door", (stage,)),
        ("sign", ("any",)),
    )
    extra: dict[str, object] = {
        "contact": contact,
        "contact_why": why,
        # For the user, in English: the note itself says it in its own language.
        "months": count_words(months),
        # What the watch saw since the no, listed with links for the user (None: not watched).
        "since": since,
    }
    return Draft(slots, Facts(facts), seat, extra, optional=frozenset({"news", "topic"}))


def warmest(inp: PlanInput) -> tuple[Person | None, str]:
    """Who a check-back writes to: the last to say yes to connecting, else who interviewed last."""
    said_yes = [
        p
        for p in inp.interviewers
        if (rel := inp.relationships.get(p.id)) is not None and rel.answer is ConnectAnswer.YES
    ]
    if said_yes:
        return said_yes[-1], "they said yes to connecting"
    if inp.interviewers:
        return inp.interviewers[-1], "the last to interview you"
    return None, ""


def _added_since(inp: PlanInput, known: Known) -> Application | None:
    """A role at the company added after this one (the latest): a new opening, or this one reopened."""
    later = [a for a in known.applied.get(inp.company.id, []) if a.id > inp.application.id]
    return later[-1] if later else None


def _held(found: Sequence[Interview], inp: PlanInput) -> list[Interview]:
    return [i for i in found if i.status is InterviewStatus.PLANNED and i.on <= inp.rejected_on]


def _facts(inp: PlanInput, person: Person | None, held: Sequence[Interview], voice: Voice) -> Facts:
    role = inp.application.role
    values = {
        "role": role,
        "company": inp.company.name,
        "process": _process(voice, role, len(held)),
    }
    if person is not None:
        values["first_name"] = person.first_name
        theirs = [i for i in held if person.id in i.interviewer_ids]
        if theirs:
            values["meeting"] = _meeting(voice, theirs[-1])
            values["met_on"] = day_and_month(theirs[-1].on, voice.language)
        topics = [t for i in reversed(theirs) for t in i.topics_with(person.id)]
        if topics:
            values["topic"] = topics[0]
    return Facts(values)


def _phrase(voice: Voice, table: str, key: str, **fill: str) -> str:
    """A fact as a phrase of the draft's language: ``[facts.TABLE] KEY`` with ``{name}``s filled."""
    said = voice.words.get(f"facts.{table}", {}).get(key) or [""]
    text = said[0]
    for name, value in fill.items():
        text = text.replace("{" + name + "}", value)
    return text


def _meeting(voice: Voice, interview: Interview) -> str:
    """The interview as a noun phrase: its kind when said, else what its format and seats show."""
    if interview.kind is not None:
        return _phrase(voice, "meeting", interview.kind.value)
    if len(interview.interviewer_ids) > 1 and interview.format is not Format.TAKE_HOME:
        return _phrase(voice, "meeting", InterviewKind.PANEL.value)
    return _phrase(voice, "meeting", interview.format.value)


def _count(voice: Voice, n: int) -> str:
    words = voice.words.get("facts.numbers", {}).get("any", [])
    return words[n - 1] if 1 <= n <= len(words) else str(n)


def _process(voice: Voice, role: str, rounds: int) -> str:
    """How far the process went, as a noun phrase."""
    key = ("none", "one", "two")[rounds] if rounds < 3 else "many"
    return _phrase(voice, "process", key, role=role, count=_count(voice, rounds))


def _months(voice: Voice, months: int) -> str:
    """ "three months", "a year", "18 months" (in the draft's language)."""
    table = voice.words.get("facts.months", {})
    key = str(months) if str(months) in table else "many"
    return _phrase(voice, "months", key, count=_count(voice, months))


def _seat(task: Task, inp: PlanInput, person_id: int, known: Known) -> Seat:
    staff = known.staff.get(inp.company.id, []) or [person_id]
    return Seat(
        rank=staff.index(person_id) if person_id in staff else 0,
        crowd=max(len(staff), 1),
        variant=task.draft_variant,
        seed=f"{task.kind.value}:{inp.company.id}",
    )
