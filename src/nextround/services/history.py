"""Undo and the trash.

Every change the user makes is recorded (:meth:`Context.change`). ``undo``
takes back the newest change not undone yet, and again, newest first. A
deletion waits in the trash for 30 days: it can be restored even when other
changes came after it, and emptying the trash forgets it for good, also in
the copies kept before schema upgrades. What happened outside nextround (an
email sent) can't be taken back, and undo says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextround.domain.history import Change, ChangeKind
from nextround.errors import Conflict, NotFound
from nextround.services.context import Context, last_change
from nextround.services.paging import EVERYTHING, Page, Window, page_of
from nextround.services.playbook import reconcile_ids
from nextround.services.results import count
from nextround.storage import changes, forgetting
from nextround.storage.changes import NOUNS, MissingParent
from nextround.storage.sql import Connection


@dataclass(frozen=True)
class Undone:
    """A change taken back; ``note`` says what stays done outside nextround."""

    change: Change

    @property
    def message(self) -> str:
        text = f"Undone: {self.change.label}."
        return f"{text} {self.change.note}" if self.change.note else text

    def to_json(self) -> dict[str, object]:
        return {"undone": self.change.id, "label": self.change.label, "note": self.change.note}


@dataclass(frozen=True)
class TrashItem:
    """A deletion in the trash: what it removed and until when it can come back."""

    change: Change
    records: tuple[str, ...]
    expires_on: date

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.change.id,
            "label": self.change.label,
            "deleted_at": self.change.made_at.isoformat(sep=" ", timespec="seconds"),
            "records": list(self.records),
            "expires_on": self.expires_on.isoformat(),
        }


@dataclass(frozen=True)
class Restored:
    change_id: int
    label: str
    #: The change that restored it (undo takes it back to the trash).
    restoring_change: int | None

    def to_json(self) -> dict[str, object]:
        return {"restored": self.change_id, "label": self.label, "change_id": self.restoring_change}


def undo(ctx: Context, change_id: int | None = None) -> Undone:
    """Take back the newest change not undone yet.

    With ``change_id`` (a page's Undo button), only if that is still the
    newest: something done since must be undone first.
    """
    with ctx.db.transaction() as c:
        latest = changes.latest(c, ctx.owner)
        if latest is None:
            raise NotFound("there is nothing to undo")
        if change_id is not None and latest.id != change_id:
            raise Conflict(
                f"“{latest.label}” came after that change; undo it first, or reload the page"
            )
        changes.undo(c, ctx.owner, latest)
    return Undone(latest)


def recent(ctx: Context, limit: int = 20) -> list[Change]:
    """The latest changes, newest first, undone ones included."""
    with ctx.db.read() as c:
        return changes.recent(c, ctx.owner, limit)


def trash(ctx: Context) -> list[TrashItem]:
    """What the trash holds, newest first."""
    return trash_page(ctx, EVERYTHING).items


def trash_page(ctx: Context, window: Window) -> Page[TrashItem]:
    """One page of :func:`trash`, newest first."""
    with ctx.db.read() as c:
        page = page_of(changes.in_trash(c, ctx.owner, window), window, changes.TRASH_ORDER)
        return page.map(lambda found: [_item(c, change) for change in found])


def _item(c: Connection, change: Change) -> TrashItem:
    tally: dict[str, int] = {}
    for table, _image in changes.deleted_rows(c, change.id):
        if table in NOUNS:
            tally[table] = tally.get(table, 0) + 1
    listed = tuple(count(n, NOUNS[t], _plural(NOUNS[t])) for t, n in tally.items())
    return TrashItem(change, listed, change.expires_on())


def _plural(noun: str) -> str:
    return {"person": "people", "company": "companies", "journal entry": "journal entries"}.get(
        noun, noun + "s"
    )


def restore(ctx: Context, change_id: int) -> Restored:
    """Bring back what a deletion removed, even after later changes."""
    with ctx.db.read() as c:
        found = changes.get(c, ctx.owner, change_id)
        latest = changes.latest(c, ctx.owner)
    if found is None or found.kind is not ChangeKind.TRASH:
        raise NotFound(f"nothing in the trash with id {change_id}; see `nextround trash list`")
    if found.undone:
        raise Conflict(f"“{found.label}” was already restored or undone")
    if latest is not None and latest.id == found.id:
        undo(ctx, found.id)
        return Restored(found.id, found.label, None)
    with ctx.change(f"Restored: {found.label.removeprefix('Deleted ')}") as c:
        assert c.recorder is not None
        c.recorder.kind = ChangeKind.RESTORE
        c.recorder.restores_id = found.id
        try:
            rows = changes.restore(c, ctx.owner, found)
        except MissingParent as exc:
            raise Conflict(_missing(c, ctx, found, exc)) from None
        reconcile_ids(c, ctx, _applications(rows))
    return Restored(found.id, found.label, last_change(ctx))


def _missing(c: Connection, ctx: Context, found: Change, exc: MissingParent) -> str:
    """Why a restore can't happen, and which trash entry to restore first."""
    holder = next(
        (
            t
            for t in changes.in_trash(c, ctx.owner)
            if any(
                table == exc.table and image.get("id") == exc.row_id
                for table, image in changes.deleted_rows(c, t.id)
            )
        ),
        None,
    )
    first = f"; restore it first (trash entry {holder.id})" if holder else ""
    return f"“{found.label}” can't come back on its own: {exc.message}{first}"


def _applications(rows: list[tuple[str, dict[str, object]]]) -> set[int]:
    """Applications whose plans a restore may change."""
    found: set[int] = set()
    for table, image in rows:
        if table == "applications":
            found.add(int(str(image["id"])))
        elif "application_id" in image and image["application_id"] is not None:
            found.add(int(str(image["application_id"])))
    return found


def empty_trash(ctx: Context) -> int:
    """Forget everything in the trash for good (also in the copies kept before upgrades)."""
    with ctx.db.transaction() as c:
        ids = [t.id for t in changes.in_trash(c, ctx.owner)]
        gone = forgetting.forget(c, ctx.owner, ids)
    if ids and ctx.db.path is not None:
        forgetting.scrub_backups(ctx.db.path, ids, gone)
    return len(ids)
