"""The interview journal: prompted sections plus free Markdown, written while memories are fresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextround.domain import rules
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
        "Your own notes; drafts never quote them. What you talked about with each person, "
        "as a few words, goes on the interview: nextround interview edit ID --topic 'NAME=TOPIC'.",
    ),
)


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


def prompt_template() -> str:
    """A new entry's starting text: one Markdown section per prompt, with a hint."""
    parts = []
    for heading, hint in PROMPTS:
        parts.append(f"## {heading}\n" + (f"<!-- {hint} -->\n" if hint else "") + "\n")
    return "\n".join(parts)


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
