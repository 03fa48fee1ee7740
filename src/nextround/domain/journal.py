"""The interview journal: prompted sections plus free Markdown, written while memories are fresh."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from nextround.domain import rules
from nextround.domain.interviews import TOPICS_MAX, topic
from nextround.domain.rules import UNSET, Unset
from nextround.errors import InvalidInput

#: The prompts, in order; each becomes a Markdown section of a new entry.
PROMPTS: tuple[tuple[str, str], ...] = (
    ("Who I met", "Names, roles, and one thing about each person worth remembering."),
    ("Questions they asked", "The questions, and how you answered them."),
    ("Questions I asked", "What you asked, and what you learned."),
    ("What went well", ""),
    ("What I would do differently", ""),
    (
        "Thank-you details",
        "Your own notes; drafts never quote them. What you talked about with each person "
        "goes under the question for them, as a few words a line.",
    ),
)

#: The question asked for each interviewer of the application; its answers are topics.
TOPIC_QUESTION = "What did you talk about with {name}?"
TOPIC_HINT = (
    "A few short topics, one a line, like: the data platform. They are kept on the "
    "interview, and a thank-you note may name one; keep whole thoughts for the other sections."
)
_QUESTION = re.compile(r"What did you talk about with (.+?)\s*\?")
#: The end of a sentence with more after it (not "Dr. Ng's lab").
_SENTENCE_BREAK = re.compile(r"(?<!Dr)(?<!Mr)(?<!Ms)(?<!Mrs)(?<!St)(?<!vs)(?<!\be\.g)[.!?]\s+\S")


@dataclass(frozen=True)
class JournalEntry:
    id: int
    application_id: int
    written_on: date
    body: str
    interview_id: int | None = None
    revision: int = 0


def _body(text: str | None) -> str:
    body = clean_entry(
        rules.text_block(text or "", "body", "the journal entry", limit=rules.LONG_TEXT_MAX)
    )
    if not body:
        raise InvalidInput("the journal entry is empty; write at least a line", field="body")
    return body


@dataclass(frozen=True)
class NewJournalEntry:
    application_id: int
    body: str
    interview_id: int | None = None

    def checked(self) -> NewJournalEntry:
        rules.record_id(self.application_id, "application")
        return rules.apply(
            self,
            {
                "body": _body,
                "interview_id": lambda v: None if v is None else rules.record_id(v, "interview"),
            },
        )


@dataclass(frozen=True)
class JournalEntryChanges:
    body: str | Unset = UNSET
    interview_id: int | Unset | None = UNSET

    def checked(self) -> JournalEntryChanges:
        return rules.apply(
            self,
            {
                "body": _body,
                "interview_id": lambda v: None if v is None else rules.record_id(v, "interview"),
            },
        )


def prompts_for(interviewers: Sequence[str] = ()) -> tuple[tuple[str, str], ...]:
    """The prompts, with "What did you talk about with NAME?" for each interviewer after
    "Who I met"."""
    asked = [(TOPIC_QUESTION.format(name=" ".join(n.split())), TOPIC_HINT) for n in interviewers]
    return (PROMPTS[0], *asked, *PROMPTS[1:])


def prompt_template(interviewers: Sequence[str] = ()) -> str:
    """A new entry's starting text: one Markdown section per prompt, with a hint."""
    parts = []
    for heading, hint in prompts_for(interviewers):
        parts.append(f"## {heading}\n" + (f"<!-- {hint} -->\n" if hint else "") + "\n")
    return "\n".join(parts)


def with_topic_questions(body: str, interviewers: Sequence[str]) -> str:
    """An entry as an edit opens it: its text, then "What did you talk about with NAME?"
    for each interviewer it doesn't ask about yet (one added since it was written), with
    the hint. A question left unanswered is dropped again on saving (``clean_entry``)."""
    asked = {
        " ".join(m[1].split()).casefold()
        for line in body.splitlines()
        if line.startswith("## ") and (m := _QUESTION.fullmatch(line[3:].strip()))
    }
    missing: list[str] = []
    for name in (" ".join(n.split()) for n in interviewers):
        if name and name.casefold() not in asked:
            missing.append(name)
            asked.add(name.casefold())
    added = [f"## {TOPIC_QUESTION.format(name=n)}\n<!-- {TOPIC_HINT} -->\n" for n in missing]
    return "\n\n".join([body.rstrip(), *added]) + ("\n" if added else "")


def topics_in(text: str) -> dict[str, tuple[str, ...]]:
    """The answers to "What did you talk about with NAME?", by the name asked about.

    Each line (a leading ``-`` or ``*`` dropped; ``;`` also separates) is one topic: a
    few words that a draft may name. A sentence or a paragraph is refused, not cut short,
    so that what the user wrote is never half-kept; a section left empty sets nothing.
    """
    found: dict[str, tuple[str, ...]] = {}
    for heading, answer in sections(text).items():
        asked = _QUESTION.fullmatch(heading)
        if asked is None:
            continue
        name = " ".join(asked[1].split())
        found[name] = _answers(name, answer)
    return found


def _answers(name: str, answer: str) -> tuple[str, ...]:
    topics: list[str] = []
    for line in answer.splitlines():
        if line.startswith("<!--") and line.endswith("-->"):
            continue
        for part in line.strip().lstrip("-*•").split(";"):
            if _SENTENCE_BREAK.search(part.strip()):
                raise InvalidInput(
                    f"what you talked about with {name} reads as sentences "
                    f"({part.strip()[:40]!r}...); give a few words a line, like "
                    "'the data platform', and keep whole thoughts for the other sections",
                    field="body",
                )
            try:
                cleaned = topic(part)
            except InvalidInput as exc:
                raise InvalidInput(f"under {name}: {exc.message}", field="body") from None
            if cleaned and cleaned not in topics:
                topics.append(cleaned)
    if len(topics) > TOPICS_MAX:
        raise InvalidInput(
            f"{len(topics)} topics for {name}; keep the {TOPICS_MAX} that matter most",
            field="body",
        )
    return tuple(topics)


def clean_entry(text: str) -> str:
    """Drop the hint comments and empty sections the user left untouched."""
    lines = [ln for ln in text.splitlines() if not (ln.startswith("<!--") and ln.endswith("-->"))]
    sections: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("## "):
            sections.append([])
        sections[-1].append(line)
    kept = [s for s in sections if any(ln.strip() and not ln.startswith("## ") for ln in s)]
    return "\n".join("\n".join(s).strip() for s in kept).strip()


def sections(text: str) -> dict[str, str]:
    """The entry's ``## Heading`` sections by heading (text before any heading under "")."""
    found: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            found[current] = []
        else:
            found[current].append(line)
    return {k: "\n".join(v).strip() for k, v in found.items() if "\n".join(v).strip()}


def detail_for(first_name: str, full_name: str, entries: list[JournalEntry]) -> str | None:
    """One specific thing to thank a person for, taken from the journal.

    Looks first in the "Thank-you details" section, then anywhere, for a line
    that starts with the person's name ("Dana: the tour of the lab"), and
    returns what follows the name.
    """
    names = tuple(n.lower() for n in (full_name, first_name) if n)
    ordered = [sections(e.body).get("Thank-you details", "") for e in entries]
    ordered += [e.body for e in entries]
    for text in ordered:
        for raw in text.splitlines():
            line = raw.strip().lstrip("-*").strip()
            for name in names:
                if line.lower().startswith(name) and line[len(name) : len(name) + 1] in {":", " "}:
                    detail = line[len(name) :].lstrip(" :-\u2013").strip().rstrip(".")
                    if detail:
                        return detail
    return None
