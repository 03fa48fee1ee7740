"""One page of a list, and where the next one starts.

A paged use case takes a :class:`Window` (see :mod:`nextround.storage.paging`)
and returns a :class:`Page`: the items, and the key of the last one when more
follow. Faces turn that key into whatever they hand out (the API an opaque
``cursor``, a page a "Next page" link) and give it back as ``Window.after``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from nextround.storage.paging import EVERYTHING, KINDS, Key, Order, Window

__all__ = ["EVERYTHING", "KINDS", "Key", "Page", "Window", "page_of"]

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Page(Generic[T]):
    """Some items of a list; ``next_cursor`` is the key to ask for the rest, None at the end."""

    items: list[T]
    next_cursor: Key | None = None

    def map(self, change: Callable[[list[T]], list[U]]) -> Page[U]:
        """The same page with its items turned into others (one for one, same order)."""
        return Page(change(self.items), self.next_cursor)


def page_of(found: list[T], window: Window, order: Order) -> Page[T]:
    """The page from what storage read for ``window`` (one row more than the limit, if any)."""
    if window.limit is None or len(found) <= window.limit:
        return Page(found)
    items = found[: window.limit]
    return Page(items, order.key_of(items[-1]))
