"""The plan of an import: for each imported row, created, matched, updated or skipped.

See :mod:`nextround.domain.imports` for the rules; this module applies them.
Matching, in order: the LinkedIn profile, then the email (any case), then the
name as the caller's name parser reads it at the same company. A person
planned for creation is matched by later rows of the same file.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from nextround.domain.companies import normal_name
from nextround.domain.imports import (
    Imported,
    ImportedInvitation,
    ImportedPerson,
    Known,
    Outcome,
    PlannedRow,
    SkippedRow,
    block,
    fold,
    one_line,
    short,
)
from nextround.domain.people import email_key, profile_key
from nextround.domain.rules import ADDRESS_MAX, EMAIL_MAX, NAME_MAX, NOTES_MAX, URL_MAX

_K = TypeVar("_K", bound=Hashable)


def _words(text: str) -> set[str]:
    return {w.strip(".,()\"'") for w in fold(text).split()} - {""}


class Matcher:
    """Finds the stored (or earlier-planned) person a row describes."""

    def __init__(self, known: Iterable[Known], name_key: Callable[[str], Hashable]) -> None:
        self._name_key = name_key
        self._keys: dict[str, Hashable] = {}
        self.by_id: dict[int, Known] = {}
        self._profiles: dict[str, int] = {}
        self._emails: dict[str, int] = {}
        #: One id, or a list of them when several people share the key (rare): a list for
        #: every key of 100,000 people would cost more than the rest of the index.
        #: Keyed by the hash of (company, word): an int instead of a tuple and a word kept for
        #: every person. A collision only adds a candidate, which ``named`` then compares by
        #: the whole name's key.
        self._names: dict[int, int | list[int]] = {}
        #: The same by word alone, for invitations (which name no company): made when the
        #: first is looked up, so that a file without invitations never pays for it.
        self._anywhere: dict[str, int | list[int]] | None = None
        self._companies: dict[str, str] = {}
        self._last_words: tuple[str, set[str]] = ("", set())
        #: Steps a row of this import already finishes (a connection and its invitation).
        self.steps_done: set[int] = set()
        for person in known:
            self.add(person)

    def add(self, person: Known, emails: Sequence[str] = ()) -> None:
        self.by_id[person.id] = person
        if key := profile_key(person.linkedin_url):
            self._profiles.setdefault(key, person.id)
        for email in (person.email, *emails):
            if key := email_key(email):
                self._emails.setdefault(key, person.id)
        company = self.company_key(person.company)
        for word in self.words(person.name):
            _put(self._names, hash((company, word)), person.id)
            if self._anywhere is not None:
                _put(self._anywhere, word, person.id)

    def company_key(self, company: str) -> str:
        """A company's normal name, worked out once per name (thousands of rows share one)."""
        if company not in self._companies:
            self._companies[company] = normal_name(company)
        return self._companies[company]

    def words(self, name: str) -> set[str]:
        """The words of a name, worked out once (a row's name is looked up, then added)."""
        if self._last_words[0] != name:
            self._last_words = (name, _words(name))
        return self._last_words[1]

    def _by_word(self) -> dict[str, int | list[int]]:
        if self._anywhere is None:
            self._anywhere = {}
            for person in self.by_id.values():
                for word in _words(person.name):
                    _put(self._anywhere, word, person.id)
        return self._anywhere

    def key(self, name: str) -> Hashable:
        if name not in self._keys:
            self._keys[name] = self._name_key(name)
        return self._keys[name]

    def profile(self, linkedin_url: str | None) -> Known | None:
        key = profile_key(linkedin_url)
        return self.by_id[self._profiles[key]] if key and key in self._profiles else None

    def find(
        self, *, name: str, company: str | None, emails: Sequence[str], linkedin_url: str | None
    ) -> tuple[Known, str] | None:
        """The person these details describe, and what they share; or None."""
        if (person := self.profile(linkedin_url)) is not None:
            return person, "the same LinkedIn profile"
        for email in emails:
            if (key := email_key(email)) and key in self._emails:
                return self.by_id[self._emails[key]], "the same email"
        found = self.named(name, company or "")
        return (found, "the same name and company") if found else None

    def named(self, name: str, company: str | None) -> Known | None:
        """The one person of this name (as the parser reads it) at the company; None if
        there is nobody or more than one. ``company=None`` looks at every company."""
        candidates: set[int] = set()
        for word in self.words(name):
            if company is None:
                _get(candidates, self._by_word(), word)
            else:
                _get(candidates, self._names, hash((self.company_key(company), word)))
        if not candidates:  # nobody shares a word of the name: no need to parse it
            return None
        wanted = self.key(name)
        same = [i for i in sorted(candidates) if self.key(self.by_id[i].name) == wanted]
        return self.by_id[same[0]] if len(same) == 1 else None


def _put(index: dict[_K, int | list[int]], key: _K, person_id: int) -> None:
    found = index.get(key)
    if found is None:
        index[key] = person_id
    elif isinstance(found, int):
        index[key] = [found, person_id]
    else:
        found.append(person_id)


def _get(into: set[int], index: Mapping[_K, int | list[int]], key: _K) -> None:
    found = index.get(key)
    if isinstance(found, int):
        into.add(found)
    elif found is not None:
        into.update(found)


def plan_people(
    records: Iterable[Imported],
    known: Iterable[Known],
    name_key: Callable[[str], Hashable],
    *,
    source: str,
) -> list[PlannedRow]:
    """What importing these records would do, row by row (see :func:`iter_people`)."""
    return list(iter_people(records, known, name_key, source=source))


def iter_people(
    records: Iterable[Imported],
    known: Iterable[Known],
    name_key: Callable[[str], Hashable],
    *,
    source: str,
) -> Iterator[PlannedRow]:
    """What importing these records would do, row by row, in the file's order
    (invitations last: a connection and its invitation in one export meet), each row
    planned as its record is read: neither the records nor the plan are held.

    A person planned for creation is matched by later rows of the same file
    (which are then skipped as repeats), so a file that lists someone twice
    makes one person.
    """
    matcher = Matcher(known, name_key)
    #: The line of every row planned: a person this import creates has the id -(n + 1),
    #: n being their row's place here (an array: 8 bytes a row, not a dict entry).
    lines = array("q")
    invitations: list[ImportedInvitation] = []
    for record in records:
        if isinstance(record, ImportedInvitation):
            invitations.append(record)
            continue
        lines.append(record.line)
        if isinstance(record, SkippedRow):
            row = PlannedRow(record.line, "row", Outcome.SKIPPED, record.name, record.reason)
        elif isinstance(record, ImportedPerson):
            row = _person(record, matcher, lines, source)
            if record.note:
                row = replace(row, reason=f"{row.reason}; {record.note}", file=record.file)
        else:
            row = PlannedRow(
                record.line,
                "application",
                Outcome.SKIPPED,
                record.role,
                "applications can't be imported from this kind of file",
            )
        yield replace(row, file=record.file) if record.file != row.file else row
    # Invitations after the people of the same import, so a connection and its invitation meet.
    for invitation in invitations:
        yield replace(_invitation(invitation, matcher), file=invitation.file)


def _person(
    row: ImportedPerson,
    matcher: Matcher,
    lines: Sequence[int],
    source: str,
) -> PlannedRow:
    name = one_line(row.name)
    if not name:
        return PlannedRow(row.line, "person", Outcome.SKIPPED, "", "the row has no name")
    if len(name) > NAME_MAX:
        return PlannedRow(
            row.line,
            "person",
            Outcome.SKIPPED,
            name[:40] + "\u2026",
            f"the name is longer than {NAME_MAX} characters",
        )
    emails = [e for e in row.emails if _fits(e, EMAIL_MAX) and "@" in e]
    url = row.linkedin_url if _fits(row.linkedin_url, URL_MAX) else None
    found = matcher.find(name=name, company=row.organisation, emails=emails, linkedin_url=url)
    if found is None:
        values = _new_values(row, name, emails, url, source)
        matcher.add(_as_known(-len(lines), values), emails)  # this row is the last of lines
        relationship = {"connected_on": row.connected_on} if row.connected_on else {}
        return PlannedRow(
            row.line,
            "person",
            Outcome.CREATED,
            name,
            "new",
            values=values,
            relationship=relationship,
        )
    person, why = found
    if person.id < 0:
        return PlannedRow(
            row.line,
            "person",
            Outcome.SKIPPED,
            name,
            f"the same person as line {lines[-person.id - 1]} ({why})",
        )
    return _update(row, person, why, (emails, url, name), matcher)


def _fits(value: str | None, limit: int) -> bool:
    """A one-word value (an email, a URL) that its column holds as it is."""
    return (
        bool(value)
        and len(value or "") <= limit
        and one_line(value or "") == value
        and (" " not in (value or ""))
    )


def _new_values(
    row: ImportedPerson, name: str, emails: list[str], url: str | None, source: str
) -> dict[str, object]:
    return {
        "name": name,
        "organisation": short(row.organisation, NAME_MAX),
        "title": short(row.title, NAME_MAX),
        "email": emails[0] if emails else None,
        "linkedin_url": url,
        "phone": short("; ".join(row.phones), NAME_MAX),
        "address": block(row.address, ADDRESS_MAX),
        "notes": block(row.notes, NOTES_MAX) or "",
        "source": source,
    }


def _as_known(person_id: int, values: Mapping[str, object]) -> Known:
    """A person this import creates, as later rows match them: the keys alone (a later row
    that matches them is a repeat, never an update, so nothing else is read)."""

    def text(key: str) -> str | None:
        value = values.get(key)
        return str(value) if value else None

    return Known(
        person_id,
        str(values["name"]),
        company=text("organisation") or "",
        email=text("email"),
        linkedin_url=text("linkedin_url"),
    )


def _update(
    row: ImportedPerson,
    person: Known,
    why: str,
    cleaned: tuple[list[str], str | None, str],
    matcher: Matcher,
) -> PlannedRow:
    emails, url, name = cleaned
    offered: dict[str, object] = {
        "title": short(row.title, NAME_MAX),
        "email": emails[0] if emails else None,
        "linkedin_url": url,
        "phone": short("; ".join(row.phones), NAME_MAX),
        "address": block(row.address, ADDRESS_MAX),
    }
    if not person.has_company:
        offered["organisation"] = short(row.organisation, NAME_MAX)
    values = {k: v for k, v in offered.items() if v and not getattr(person, k)}
    relationship: dict[str, object] = {}
    said: list[str] = [f"matched by {why}"]
    if values:
        said.append("added " + ", ".join(k.replace("_", " ") for k in values))
    step, day = None, None
    if row.connected_on is not None:
        if person.connected_on is None:
            relationship["connected_on"] = row.connected_on
            said.append(f"connected on {row.connected_on.isoformat()}")
        if person.invite_step is not None and person.invite_step not in matcher.steps_done:
            matcher.steps_done.add(person.invite_step)
            step, day = person.invite_step, row.connected_on
            said.append("LinkedIn invitation step done")
            if person.invited_on is None:
                relationship["invited_on"] = row.connected_on
    changed = bool(values or relationship or step)
    return PlannedRow(
        row.line,
        "person",
        Outcome.UPDATED if changed else Outcome.MATCHED,
        name,
        "; ".join(said)
        if changed
        else sys.intern(f"already known ({why})"),  # kept once for all rows
        person_id=person.id,
        values=values,
        relationship=relationship,
        step_done=step,
        step_day=day,
    )


def _invitation(row: ImportedInvitation, matcher: Matcher) -> PlannedRow:
    def skipped(reason: str, person_id: int | None = None) -> PlannedRow:
        outcome = Outcome.MATCHED if person_id else Outcome.SKIPPED
        return PlannedRow(row.line, "invitation", outcome, row.name, reason, person_id=person_id)

    if not row.outgoing:
        return skipped("an invitation to you: nothing to do")
    person = matcher.profile(row.linkedin_url)
    if person is None and row.name.strip():
        person = matcher.named(row.name, None)
    if person is None:
        return skipped("not someone nextround knows (invitations never add people)")
    if person.id < 0 or person.invite_step is None or person.invite_step in matcher.steps_done:
        return skipped("no LinkedIn invitation planned for them", max(person.id, 0) or None)
    matcher.steps_done.add(person.invite_step)
    day = row.sent_on
    relationship = {"invited_on": day} if day and person.invited_on is None else {}
    return PlannedRow(
        row.line,
        "invitation",
        Outcome.UPDATED,
        row.name,
        "LinkedIn invitation sent" + (f" on {day.isoformat()}" if day else ""),
        person_id=person.id,
        relationship=relationship,
        step_done=person.invite_step,
        step_day=day,
    )
