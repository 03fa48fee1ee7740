"""One job posting read from its address: for quick add, at the user's request.

A Greenhouse posting (``boards.greenhouse.io/TOKEN/jobs/ID``, or the board
API's ``/v1/boards/TOKEN/jobs/ID`` on any host) and a Lever one
(``jobs.lever.co/TOKEN/ID``, or ``/v0/postings/TOKEN/ID``) are read from the
board's API; any other page from its schema.org ``JobPosting`` JSON-LD. What is read:
role, company, location and description, each empty when the page says none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from nextround.domain.watch import clean_text
from nextround.errors import BoardError
from nextround.watch import jsonld
from nextround.watch.http import Fetcher
from nextround.watchconfig import WatchSettings

#: The longest description kept.
MAX_DESCRIPTION = 20_000

_GREENHOUSE_HOSTS = (
    "boards.greenhouse.io",
    "job-boards.greenhouse.io",
    "boards.eu.greenhouse.io",
    "job-boards.eu.greenhouse.io",
)
_GREENHOUSE_API = re.compile(r"/v1/boards/([A-Za-z0-9._-]+)/jobs/(\d+)/?$")
_GREENHOUSE_PAGE = re.compile(r"^/([A-Za-z0-9._-]+)/jobs/(\d+)/?$")
_LEVER_HOSTS = {"jobs.lever.co": "lever", "jobs.eu.lever.co": "lever_eu"}
_LEVER_API = re.compile(r"/v0/postings/([A-Za-z0-9._-]+)/([0-9a-fA-F-]{8,})/?$")
_LEVER_PAGE = re.compile(r"^/([A-Za-z0-9._-]+)/([0-9a-fA-F-]{8,})(?:/apply)?/?$")


@dataclass(frozen=True)
class PostingPage:
    """What a posting's page says about the job."""

    url: str
    role: str
    company: str
    location: str
    description: str


def read_posting(url: str, fetcher: Fetcher, settings: WatchSettings) -> PostingPage:
    """The posting at ``url``; BoardError when it cannot be fetched or read."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BoardError(f"{url!r} is not a web address starting with https://")
    api = _greenhouse_api(url, settings)
    if api is not None:
        body = fetcher.get(api, accept="application/json").body or b""
        return _greenhouse(url, body)
    api = _lever_api(url, settings)
    if api is not None:
        body = fetcher.get(api, accept="application/json").body or b""
        return _lever(url, body)
    body = fetcher.get(url, accept="text/html").body or b""
    return _from_jsonld(url, body)


def _greenhouse_api(url: str, settings: WatchSettings) -> str | None:
    parts = urlsplit(url.strip())
    if _GREENHOUSE_API.search(parts.path):
        return f"{parts.scheme}://{parts.netloc}{parts.path}"
    found = _GREENHOUSE_PAGE.match(parts.path)
    if (parts.hostname or "").lower() in _GREENHOUSE_HOSTS and found:
        token, job = found.groups()
        return f"{settings.base('greenhouse', token)}/v1/boards/{token}/jobs/{job}"
    return None


def _lever_api(url: str, settings: WatchSettings) -> str | None:
    parts = urlsplit(url.strip())
    if _LEVER_API.search(parts.path):
        return f"{parts.scheme}://{parts.netloc}{parts.path}?mode=json"
    found = _LEVER_PAGE.match(parts.path)
    kind = _LEVER_HOSTS.get((parts.hostname or "").lower())
    if kind and found:
        token, job = found.groups()
        return f"{settings.base(kind, token)}/v0/postings/{token}/{job}?mode=json"
    return None


def _job(url: str, body: bytes, title: str) -> Mapping[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise BoardError(f"{url}: the board's answer is not JSON") from None
    if not isinstance(data, Mapping) or not _text(data.get(title)):
        raise BoardError(f"{url}: the board's answer names no job")
    return data


def _lever(url: str, body: bytes) -> PostingPage:
    """Lever names no company in a posting: the preview asks for it."""
    data = _job(url, body, "text")
    categories = data.get("categories")
    location = categories.get("location") if isinstance(categories, Mapping) else None
    description = data.get("descriptionPlain")
    return PostingPage(
        _text(data.get("hostedUrl")) or url,
        _text(data.get("text")),
        "",
        _text(location),
        _description(description if isinstance(description, str) else data.get("description")),
    )


def _greenhouse(url: str, body: bytes) -> PostingPage:
    data = _job(url, body, "title")
    location = data.get("location")
    return PostingPage(
        _text(data.get("absolute_url")) or url,
        _text(data.get("title")),
        _text(data.get("company_name")),
        _text(location.get("name") if isinstance(location, Mapping) else None),
        _description(data.get("content")),
    )


def _from_jsonld(url: str, body: bytes) -> PostingPage:
    items = jsonld.posting_items(body, url)
    if not items:
        raise BoardError(
            f"{url} has no schema.org JobPosting to read; fill in the role and company by hand"
        )
    item = items[0]
    listing = jsonld.job_postings(body, url)
    posting = listing.postings[0] if listing.postings else None
    return PostingPage(
        url,
        _text(item.get("title")),
        posting.employer if posting else _text(item.get("hiringOrganization")),
        posting.location if posting else "",
        _description(item.get("description")),
    )


def _text(value: object) -> str:
    if isinstance(value, Mapping):
        value = value.get("name", value.get("value"))
    return clean_text(value)[:500] if isinstance(value, str) else ""


def _description(value: Any) -> str:
    """The description as plain paragraphs: tags dropped, entities decoded."""
    if not isinstance(value, str):
        return ""
    import html

    text = html.unescape(value)  # Greenhouse sends its HTML escaped
    text = re.sub(r"(?i)<\s*(br|/p|/li|/h\d|/div)\s*/?>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()[:MAX_DESCRIPTION]
