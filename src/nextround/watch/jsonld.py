"""Careers pages on no known board: the schema.org ``JobPosting`` items of their JSON-LD.

Each ``<script type="application/ld+json">`` is read as JSON; postings are
found at its top, in lists, under ``@graph`` and in an ``ItemList``'s
``itemListElement``. A posting's id is its ``identifier`` (a value or a
``PropertyValue``), else its ``url``; the employer is ``hiringOrganization``.
A page with no JobPosting at all is a BoardError: it is not a careers page
nextround can follow.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

from nextround.domain.watch import FetchedPosting, clean_text
from nextround.errors import BoardError
from nextround.watch.parsers import Listing

#: The most JSON-LD blocks and items looked at on one page.
_MAX_BLOCKS = 200
_MAX_DEPTH = 8


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        self._inside = tag == "script" and kind == "application/ld+json"
        if self._inside and len(self.blocks) < _MAX_BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside and self.blocks:
            self.blocks[-1] += data


def posting_items(body: bytes, what: str) -> list[Mapping[str, Any]]:
    """The page's JobPosting items as they are (none found: an empty list)."""
    scripts = _Scripts()
    try:
        scripts.feed(body.decode("utf-8", errors="replace"))
        scripts.close()
    except (AssertionError, ValueError):  # html.parser's own complaints
        raise BoardError(f"{what} is not an HTML page that can be read") from None
    return [item for block in scripts.blocks for item in _postings(_load(block), 0)]


def job_postings(body: bytes, what: str) -> Listing:
    items = posting_items(body, what)
    if not items:
        raise BoardError(
            f"{what} lists no schema.org JobPosting; follow the company's news with --feed instead"
        )
    postings, skipped = [], 0
    for item in items:
        posting = _posting(item)
        if posting is None:
            skipped += 1
        else:
            postings.append(posting)
    return Listing(tuple(postings), skipped)


def _load(block: str) -> Any:
    try:
        return json.loads(block.strip().removeprefix("<!--").removesuffix("-->"))
    except (ValueError, RecursionError):
        return None


def _postings(value: Any, depth: int) -> Iterator[Mapping[str, Any]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value[:1000]:
            yield from _postings(item, depth + 1)
    elif isinstance(value, Mapping):
        kind = value.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            yield value
            return
        for key in ("@graph", "itemListElement", "item"):
            if key in value:
                yield from _postings(value[key], depth + 1)


def _text(value: object) -> str:
    if isinstance(value, Mapping):
        value = value.get("value", value.get("name"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return clean_text(value)[:500] if isinstance(value, str) else ""


def _place(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    address = value.get("address") if isinstance(value, Mapping) else None
    if isinstance(address, Mapping):
        parts = (_text(address.get("addressLocality")), _text(address.get("addressCountry")))
        return ", ".join(p for p in parts if p)
    return ""


def _posting(item: Mapping[str, Any]) -> FetchedPosting | None:
    title = _text(item.get("title"))
    url = _text(item.get("url"))
    url = url if url.startswith(("https://", "http://")) else ""
    external_id = _text(item.get("identifier")) or url
    if not title or not external_id:
        return None
    remote = item.get("jobLocationType") == "TELECOMMUTE" or None
    return FetchedPosting(
        external_id[:200],
        title,
        url,
        _place(item.get("jobLocation")),
        employer=_text(item.get("hiringOrganization")),
        remote=remote,
    )
