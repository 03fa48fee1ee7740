"""Each board's answer to postings: bytes in, :class:`Listing` out, or a BoardError.

Every field is read defensively: a board's answer is data from the network.
Titles and places are cleaned (entities decoded, BOMs and stray spaces gone); a
posting without a title or an id is counted in ``skipped``, not stored. Shapes
are those of ``formats.md``; Workable, SmartRecruiters, Recruitee, Personio
and Workday are marked "verify" there and read as documented so far.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from nextround.domain.watch import FetchedPosting, clean_text
from nextround.errors import BoardError


@dataclass(frozen=True)
class Listing:
    """A board's open postings, how many were left out (no title or id), and the total it claims."""

    postings: tuple[FetchedPosting, ...]
    skipped: int = 0
    total: int | None = None


def load_json(body: bytes, what: str) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BoardError(f"{what} did not answer with JSON") from None


def _text(value: object) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def _id(value: object) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    return _text(value)[:200]


def _get(item: Mapping[str, Any], *path: str) -> object:
    value: object = item
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _items(data: object, key: str | None, what: str) -> list[Mapping[str, Any]]:
    """The list of postings in ``data`` (under ``key``); an unexpected shape is a BoardError."""
    found = data.get(key) if isinstance(data, Mapping) and key is not None else data
    if key is not None and not isinstance(data, Mapping):
        raise BoardError(f"{what} answered with JSON that is not an object")
    if found is None and key is not None:
        raise BoardError(f"{what} answered without a '{key}' list")
    if not isinstance(found, list):
        raise BoardError(f"{what} answered with JSON whose postings are not a list")
    return [item for item in found if isinstance(item, Mapping)]


def _listing(
    items: Iterable[Mapping[str, Any]],
    read: Callable[[Mapping[str, Any]], FetchedPosting | None],
    total: int | None = None,
) -> Listing:
    postings, skipped = [], 0
    for item in items:
        posting = read(item)
        if posting is None or not posting.title or not posting.external_id:
            skipped += 1
        else:
            postings.append(posting)
    return Listing(tuple(postings), skipped, total)


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _url(value: object) -> str:
    text = _text(value)
    return text if text.startswith(("https://", "http://")) and len(text) <= 2000 else ""


def greenhouse(body: bytes, what: str) -> Listing:
    def read(job: Mapping[str, Any]) -> FetchedPosting:
        return FetchedPosting(
            _id(job.get("id")),
            _text(job.get("title")),
            _url(job.get("absolute_url")),
            _text(_get(job, "location", "name")),
            _id(job.get("requisition_id")),
            _text(job.get("company_name")),
        )

    return _listing(_items(load_json(body, what), "jobs", what), read)


def lever(body: bytes, what: str) -> Listing:
    def read(job: Mapping[str, Any]) -> FetchedPosting:
        workplace = _text(job.get("workplaceType"))
        return FetchedPosting(
            _id(job.get("id")),
            _text(job.get("text")),
            _url(job.get("hostedUrl")),
            _text(_get(job, "categories", "location")),
            remote=(workplace == "remote") if workplace else None,
        )

    return _listing(_items(load_json(body, what), None, what), read)


def ashby(body: bytes, what: str) -> Listing:
    def read(job: Mapping[str, Any]) -> FetchedPosting:
        return FetchedPosting(
            _id(job.get("id")),
            _text(job.get("title")),
            _url(job.get("jobUrl")),
            _text(job.get("location")),
            remote=_bool(job.get("isRemote")),
        )

    jobs = _items(load_json(body, what), "jobs", what)
    # Unlisted jobs are left out before reading: not counted as skipped postings.
    return _listing([j for j in jobs if j.get("isListed") is not False], read)


def workable(body: bytes, what: str) -> Listing:
    def read(job: Mapping[str, Any]) -> FetchedPosting:
        place = ", ".join(p for p in (_text(job.get("city")), _text(job.get("country"))) if p)
        return FetchedPosting(
            _id(job.get("shortcode")),
            _text(job.get("title")),
            _url(job.get("url")),
            place,
            remote=_bool(job.get("telecommuting")),
        )

    return _listing(_items(load_json(body, what), "jobs", what), read)


def smartrecruiters(body: bytes, what: str, company: str = "") -> Listing:
    def read(job: Mapping[str, Any]) -> FetchedPosting:
        external_id = _id(job.get("id"))
        place = ", ".join(
            p
            for p in (_text(_get(job, "location", "city")), _text(_get(job, "location", "country")))
            if p
        )
        url = f"https://jobs.smartrecruiters.com/{company}/{external_id}" if company else ""
        return FetchedPosting(
            external_id,
            _text(job.get("name")),
            url,
            place,
            _id(job.get("refNumber")),
            remote=_bool(_get(job, "location", "remote")),
        )

    data = load_json(body, what)
    total = _get(data, "totalFound") if isinstance(data, Mapping) else None
    return _listing(_items(data, "content", what), read, total if isinstance(total, int) else None)


def recruitee(body: bytes, what: str) -> Listing:
    def read(job: Mapping[str, Any]) -> FetchedPosting:
        return FetchedPosting(
            _id(job.get("id")),
            _text(job.get("title")),
            _url(job.get("careers_url")),
            _text(job.get("location")),
            remote=_bool(job.get("remote")),
        )

    items = _items(load_json(body, what), "offers", what)
    # Unpublished offers are left out before reading: not counted as skipped postings.
    return _listing([j for j in items if j.get("status") in (None, "published")], read)


def personio(body: bytes, what: str, base: str = "") -> Listing:
    if b"<!DOCTYPE" in body[:4096].upper() or b"<!ENTITY" in body.upper():
        raise BoardError(f"{what} answered with XML that declares entities; not read")
    try:
        # Entity declarations are refused above; expat resolves no external entities.
        root = ElementTree.fromstring(body)  # noqa: S314
    except (ElementTree.ParseError, LookupError, ValueError):  # LookupError: an unknown encoding
        raise BoardError(f"{what} did not answer with XML") from None
    if root.tag != "workzag-jobs":
        raise BoardError(f"{what} answered with XML that is not a Personio job list")

    def read(position: ElementTree.Element) -> FetchedPosting:
        external_id = _text(position.findtext("id"))[:200]
        url = f"{base}/job/{external_id}" if base and external_id.isdigit() else ""
        return FetchedPosting(
            external_id, _text(position.findtext("name")), url, _text(position.findtext("office"))
        )

    postings = [read(p) for p in root.iter("position")]
    kept = tuple(p for p in postings if p.title and p.external_id)
    return Listing(kept, len(postings) - len(kept))


def workday(body: bytes, what: str, careers: str = "") -> Listing:
    def read(job: Mapping[str, Any]) -> FetchedPosting:
        path = _text(job.get("externalPath"))
        bullets = job.get("bulletFields")
        requisition = _id(bullets[0]) if isinstance(bullets, list) and bullets else ""
        return FetchedPosting(
            path[:200],
            _text(job.get("title")),
            f"{careers}{path}" if careers and path.startswith("/") else "",
            _text(job.get("locationsText")),
            requisition,
        )

    data = load_json(body, what)
    total = _get(data, "total") if isinstance(data, Mapping) else None
    return _listing(
        _items(data, "jobPostings", what), read, total if isinstance(total, int) else None
    )


#: The parser of each kind whose whole board comes in one answer.
SINGLE: dict[str, Callable[[bytes, str], Listing]] = {
    "greenhouse": greenhouse,
    "lever": lever,
    "lever_eu": lever,
    "ashby": ashby,
    "workable": workable,
    "recruitee": recruitee,
}
