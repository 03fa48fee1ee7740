"""The review queue grouped by company and application, and decided many at a time.

A first scan of a large mailbox files hundreds of suggestions; one flat list
of them can't be got through. :func:`grouped` puts them under their company
and application (the group with the newest mail first, each group's mail
newest first). :func:`confirm_many` and :func:`dismiss_many` decide several
at once, all in one transaction recorded as one change (``nextround undo``
takes the whole batch back): a bad id among them decides none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from nextround.domain.mail import Label
from nextround.domain.suggestions import Suggestion, SuggestionKind, SuggestionStatus
from nextround.errors import Ambiguous, Conflict, InvalidInput, NextroundError, NotFound
from nextround.services import mail_review
from nextround.services.context import Context, relabel
from nextround.services.paging import EVERYTHING, Key, Page, Window
from nextround.storage import mail
from nextround.storage.sql import Connection

_GUESS = "new application? from "
_OLDEST = datetime.min  # noqa: DTZ901 (stored times are naive UTC)


@dataclass(frozen=True)
class MailGroup:
    """The suggestions about one application (or one company, when none matched)."""

    company: str | None
    company_id: int | None
    application_id: int | None
    role: str | None
    suggestions: tuple[Suggestion, ...]

    @property
    def heading(self) -> str:
        if self.company is None:
            return "No company matched"
        if self.company_id is None:  # a name guessed from the mail: not tracked yet
            return f"new application? from {self.company}"
        if self.application_id is None:
            return f"{self.company} (no application matched)"
        return f"{self.company}, {self.role} (app #{self.application_id})"

    @property
    def newest(self) -> datetime | None:
        return max((s.received_at for s in self.suggestions if s.received_at), default=None)

    def to_json(self) -> dict[str, object]:
        return {
            "heading": self.heading,
            "company": self.company,
            "company_id": self.company_id,
            "application_id": self.application_id,
            "role": self.role,
            "newest": self.newest.isoformat() if self.newest else None,
            "suggestions": [s.to_json() for s in self.suggestions],
        }


@dataclass(frozen=True)
class GroupedReview:
    groups: tuple[MailGroup, ...]
    #: Newsletters and job alerts folded away (listed with ``--folded``).
    folded: int
    #: Where the next page of groups starts (``Window.after``); None on the last page.
    next_cursor: Key | None = None
    #: How many suggestions the whole list holds, on every page.
    total: int = 0

    @property
    def count(self) -> int:
        return sum(len(g.suggestions) for g in self.groups)

    def to_json(self) -> dict[str, object]:
        return {
            "count": self.count,
            "folded": self.folded,
            "groups": [g.to_json() for g in self.groups],
        }


def grouped(
    ctx: Context,
    *,
    include_decided: bool = False,
    folded: bool = False,
    window: Window = EVERYTHING,
) -> GroupedReview:
    """The pending suggestions by company and application, the newest mail first; the
    ``window`` of the groups (a group is never split: ``limit`` counts groups).

    ``include_decided`` adds confirmed, dismissed and folded ones; ``folded``
    lists only the newsletters and job alerts folded away.
    """
    if folded:
        statuses: list[str] | None = [SuggestionStatus.FOLDED.value]
    elif include_decided:
        statuses = None
    else:
        statuses = [SuggestionStatus.PENDING.value]
    with ctx.db.read() as c:
        found = mail.suggestions(c, ctx.owner, statuses)
        folded_count = len(mail.suggestions(c, ctx.owner, [SuggestionStatus.FOLDED.value]))
    page = _page(group(found), window)
    return GroupedReview(tuple(page.items), folded_count, page.next_cursor, len(found))


def _page(groups: tuple[MailGroup, ...], window: Window) -> Page[MailGroup]:
    """The groups (in :func:`_order`, descending) after ``window.after``, ``window.limit`` of them.

    The grouping is made from every suggestion of the list, so the window is taken here."""
    after = window.after
    if after is not None:
        kinds = (datetime, str, int, int)
        if len(after) != len(kinds) or not all(map(isinstance, after, kinds)):
            raise InvalidInput(
                "The cursor is not one this list gave out; start again without it",
                field="cursor",
            )
        groups = tuple(g for g in groups if _order(g) < after)
    if window.limit is None or len(groups) <= window.limit:
        return Page(list(groups))
    items = list(groups[: window.limit])
    return Page(items, _order(items[-1]))


def _order(g: MailGroup) -> tuple[datetime, str, int, int]:
    """A group's place, descending: its newest mail, then the company, its id, the application's."""
    return (g.newest or _OLDEST, g.company or "", g.company_id or 0, g.application_id or 0)


def group(found: Iterable[Suggestion]) -> tuple[MailGroup, ...]:
    """Suggestions under their company and application; newest group first, newest mail first."""
    groups: dict[tuple[object, int | None], list[Suggestion]] = {}
    for s in found:
        groups.setdefault(_key(s), []).append(s)
    made = [_group(sorted(members, key=_when, reverse=True)) for members in groups.values()]
    return tuple(sorted(made, key=_order, reverse=True))


def _key(s: Suggestion) -> tuple[object, int | None]:
    if s.company_id is not None:
        return (s.company_id, s.application_id)
    guess = _guessed(s)
    return (f"guess:{guess.casefold()}" if guess else None, None)


def _guessed(s: Suggestion) -> str | None:
    line = next((e for e in s.evidence if e.startswith(_GUESS)), None)
    return line.removeprefix(_GUESS).strip() or None if line else None


def _group(members: list[Suggestion]) -> MailGroup:
    first = members[0]
    return MailGroup(
        company=first.company or _guessed(first),
        company_id=first.company_id,
        application_id=first.application_id,
        role=first.role,
        suggestions=tuple(members),
    )


def _when(s: Suggestion) -> tuple[datetime, int]:
    return (s.received_at or _OLDEST, s.id)


# Many at once --------------------------------------------------------------


def of_company(ctx: Context, name: str) -> list[int]:
    """The pending suggestions about one company, by its name (any case, or a unique part).

    A company not tracked yet counts by the name guessed from its mail
    ("new application? from Globex").
    """
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        raise InvalidInput("--company needs a company name")
    with ctx.db.read() as c:
        pending = mail.suggestions(c, ctx.owner, [SuggestionStatus.PENDING.value])
    named = {s.id: s.company or _guessed(s) for s in pending}
    names = {n for n in named.values() if n}
    exact = {n for n in names if n.casefold() == wanted}
    chosen = exact or {n for n in names if wanted in n.casefold()}
    if not chosen:
        raise NotFound(
            f"No mail waiting for review is about a company named {name!r}; "
            "see `nextround mail review`."
        )
    if len(chosen) > 1:
        listed = ", ".join(sorted(chosen))
        raise Ambiguous(f"{name!r} matches several companies ({listed}); give the full name.")
    return [s.id for s in pending if named[s.id] in chosen]


def confirm_many(ctx: Context, ids: Sequence[int]) -> list[Suggestion]:
    """Confirm each suggestion as ``confirm`` would, without options: all of them, or none.

    A reply whose answer is unclear, mail tied to no application, or mail tied to a
    guessed one (:attr:`~nextround.domain.suggestions.Suggestion.application_guessed`)
    stops the batch with an error naming it (confirm it on its own with its options).
    """
    wanted = _unique(ids)
    with ctx.change(f"Confirmed {len(wanted)} mail suggestions") as c:
        found = _all_pending(c, ctx, wanted)
        applied: list[tuple[Suggestion, dict[str, object]]] = []
        for s in found:
            try:
                if s.application_guessed:  # a batch has no way to say which
                    raise InvalidInput(
                        f"{mail_review.named(s)} names no role, and several of your "
                        f"applications at {s.company} fit; confirm it on its own, "
                        "choosing the application.",
                        field="application",
                    )
                values = mail_review.apply(c, ctx, s, None, None, None)
            except NextroundError as exc:
                raise _naming(exc, s.id) from exc
            mail.decide(c, ctx.owner, s.id, SuggestionStatus.CONFIRMED.value, ctx.today, values)
            applied.append((s, values))
        relabel(c, _label("Confirmed", found))
        done = [mail_review.reloaded(c, ctx, s.id) for s in found]
    for s, values in applied:
        if s.kind is not SuggestionKind.REPLY and Label(s.label) is Label.REJECTION:
            mail_review.watch_after(ctx, values)
    return done


def dismiss_many(ctx: Context, ids: Sequence[int]) -> list[Suggestion]:
    """Dismiss each suggestion: all of them, or none."""
    wanted = _unique(ids)
    with ctx.change(f"Dismissed {len(wanted)} mail suggestions") as c:
        found = _all_pending(c, ctx, wanted)
        for s in found:
            mail.decide(c, ctx.owner, s.id, SuggestionStatus.DISMISSED.value, ctx.today)
        relabel(c, _label("Dismissed", found))
        return [mail_review.reloaded(c, ctx, s.id) for s in found]


def unfold_many(ctx: Context, ids: Sequence[int]) -> list[Suggestion]:
    """Put newsletters and job alerts folded away back in the review queue: all, or none."""
    wanted = _unique(ids)
    with ctx.change(f"Unfolded {len(wanted)} mail suggestions") as c:
        found = _all_in(c, ctx, wanted, SuggestionStatus.FOLDED)
        for s in found:
            mail.unfold(c, ctx.owner, s.id)
        relabel(c, _label("Unfolded", found))
        return [mail_review.reloaded(c, ctx, s.id) for s in found]


def _naming(exc: NextroundError, suggestion_id: int) -> NextroundError:
    """The error, naming the suggestion it came from, of the same broad kind."""
    message = f"#{suggestion_id}: {exc.message} Nothing was confirmed."
    if isinstance(exc, InvalidInput):  # its fields kept: each face says how to give them
        return InvalidInput(message, fields=dict.fromkeys(exc.fields, message))
    if isinstance(exc, NotFound):
        return NotFound(message)
    return Conflict(message)


def _unique(ids: Sequence[int]) -> list[int]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        raise InvalidInput("give one or more suggestion ids (see `nextround mail review`)")
    return wanted


def _all_pending(c: Connection, ctx: Context, ids: list[int]) -> list[Suggestion]:
    return _all_in(c, ctx, ids, _PENDING)


def _all_in(
    c: Connection, ctx: Context, ids: list[int], status: SuggestionStatus
) -> list[Suggestion]:
    """The suggestions ``ids``, every one in ``status``; else NotFound or Conflict naming them."""
    found = {i: mail.suggestion(c, ctx.owner, i) for i in ids}
    missing = [i for i, s in found.items() if s is None]
    if missing:
        raise NotFound(
            f"No mail suggestion {_ids(missing)}; nothing was changed. See `nextround mail review`."
        )
    other = [s for s in found.values() if s is not None and s.status is not status]
    if other:
        what = ", ".join(f"#{s.id} ({s.status.value})" for s in other)
        if status is _PENDING:
            raise Conflict(f"Already decided: {what}; nothing was changed.")
        raise Conflict(f"Not folded away: {what}; nothing was changed.")
    return [s for s in found.values() if s is not None]


_PENDING = SuggestionStatus.PENDING


def _ids(ids: list[int]) -> str:
    return ", ".join(f"#{i}" for i in ids)


def _label(verb: str, found: list[Suggestion]) -> str:
    if len(found) == 1:
        return f"{verb} mail: {found[0].subject or found[0].sender}"
    return f"{verb} {len(found)} mail suggestions ({_ids([s.id for s in found])})"[:500]
