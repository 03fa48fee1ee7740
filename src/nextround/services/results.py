"""Views shared by several areas' use cases: what a delete or a merge did."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Deleted:
    """A record moved to the trash, with what went with it."""

    kind: str
    id: int
    name: str
    #: The change to restore (``nextround trash restore ID``), or None if nothing was there.
    change_id: int | None
    #: What else happened, in words ("2 open steps cancelled").
    also: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "deleted": self.kind,
            "id": self.id,
            "name": self.name,
            "change_id": self.change_id,
            "also": list(self.also),
        }


@dataclass(frozen=True)
class Merged:
    """One record folded into another: what moved."""

    kind: str
    from_id: int
    into_id: int
    name: str
    moved: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "merged": self.kind,
            "from_id": self.from_id,
            "into_id": self.into_id,
            "name": self.name,
            "moved": list(self.moved),
        }


def count(n: int, one: str, many: str | None = None) -> str:
    """``1 step``, ``2 steps``, ``3 people``: :func:`nextround.domain.wording.plural`."""
    from nextround.domain.wording import plural

    return plural(n, one, many)
