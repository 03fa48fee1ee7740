"""Paged lists on the web: the ``limit`` and ``cursor`` parameters, and where the next page is.

Every list in the API and every long list on a page takes ``limit`` (default
100, at most 500) and ``cursor``, and answers with one page
(:class:`nextround.services.paging.Page`). The API keeps each list's shape
and says where the next page is in a ``Link: <...>; rel="next"`` header; a
page shows a "Next page" link (:func:`next_url`).

A cursor is the last row's sort values, tagged with their types, as URL-safe
base64, behind a checksum over the values, the path and the list's other
parameters. A cursor that was altered, or that comes from another list or
the same list with other filters, fails the checksum: a 422 naming
``cursor``. The checksum only detects such mistakes; it is no secret, and a
cursor grants nothing: every query stays within the user's own rows.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from datetime import date, datetime, time
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request, Response

from nextround.errors import InvalidInput
from nextround.services.paging import Key, Page, Window

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
_VERSION = 1
_MAC_SIZE = 8
_SALT = b"nextround page cursor"
#: Query parameters that don't change which list a cursor belongs to.
_OWN = frozenset({"cursor", "limit"})

T = TypeVar("T")


def window(
    request: Request,
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_LIMIT, description=f"At most this many (default {DEFAULT_LIMIT})"),
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(max_length=2000, description='Where to go on: from the last page\'s rel="next" link'),
    ] = None,
) -> Window:
    """The part of the list a request asks for."""
    return Window(decode(cursor, request) if cursor else None, limit)


#: The first page of a list, as a page shown again after a form (no query) lists it.
FIRST_PAGE = Window(None, DEFAULT_LIMIT)

#: A route parameter: the window of the list asked for.
Paging = Annotated[Window, Depends(window)]


def paged(request: Request, response: Response, page: Page[T]) -> list[T]:
    """The page's items, with a ``Link`` header to the next page if there is one."""
    url = next_url(request, page)
    if url is not None:
        response.headers["Link"] = f'<{url}>; rel="next"'
    return page.items


def next_url(request: Request, page: Page[Any]) -> str | None:
    """The address of the next page (the same list, the same limit), None on the last page."""
    if page.next_cursor is None:
        return None
    return str(request.url.include_query_params(cursor=encode(page.next_cursor, request)))


def links(request: Request, page: Page[Any]) -> dict[str, str | None]:
    """For a page's template (the ``pager`` macro): the next page and, past the first, the first.

    Both are paths with their query, the same list and filters."""
    following = None
    if page.next_cursor is not None:
        query = request.url.include_query_params(cursor=encode(page.next_cursor, request)).query
        following = f"{request.url.path}?{query}"
    first = None
    if "cursor" in request.query_params:
        query = request.url.remove_query_params("cursor").query
        first = f"{request.url.path}?{query}" if query else request.url.path
    return {"next_page": following, "first_page": first}


def encode(key: Key, request: Request) -> str:
    body = json.dumps([_VERSION, [_tagged(v) for v in key]], separators=(",", ":")).encode()
    raw = _mac(body, request) + body
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, request: Request) -> Key:
    """The key a cursor of this list carries; a 422 on ``cursor`` if it is not one."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (binascii.Error, ValueError):
        raise _bad() from None
    mac, body = raw[:_MAC_SIZE], raw[_MAC_SIZE:]
    if not hmac.compare_digest(mac, _mac(body, request)):
        raise _bad()
    try:
        version, values = json.loads(body)
        if version != _VERSION or not isinstance(values, list):
            raise _bad()
        return tuple(_untagged(v) for v in values)
    except (ValueError, TypeError):
        raise _bad() from None


def _mac(body: bytes, request: Request) -> bytes:
    """A checksum binding the cursor to its list: the path and the filters, not the limit."""
    filters = sorted((k, v) for k, v in request.query_params.multi_items() if k not in _OWN)
    scope = json.dumps([request.url.path, filters]).encode()
    digest = hashlib.blake2b(scope + b"\0" + body, key=_SALT, digest_size=_MAC_SIZE)
    return digest.digest()


def _tagged(value: object) -> list[object]:
    if value is None:
        return ["n", None]
    if isinstance(value, bool):
        raise TypeError("a sort key is never a bool")
    if isinstance(value, int):
        return ["i", value]
    if isinstance(value, str):
        return ["s", value]
    if isinstance(value, datetime):  # before date: a datetime is a date
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, time):
        return ["h", value.isoformat()]
    raise TypeError(f"can't put a {type(value).__name__} in a cursor")


_READ: dict[str, Any] = {
    "i": int,
    "s": str,
    "t": datetime.fromisoformat,
    "d": date.fromisoformat,
    "h": time.fromisoformat,
}


def _untagged(value: object) -> object:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError("not a cursor value")
    tag, text = value[0], value[1]
    if tag == "n" and text is None:
        return None
    if tag == "i" and type(text) is int:
        return text
    if tag in _READ and tag != "i" and isinstance(text, str):
        return _READ[tag](text)
    raise ValueError("not a cursor value")


def _bad() -> InvalidInput:
    return InvalidInput(
        "The cursor is not one this list gave out (altered, or from another list or filters); "
        "start again without it",
        field="cursor",
    )
