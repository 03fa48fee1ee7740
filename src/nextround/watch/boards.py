"""Which board a URL is: a careers page (``jobs.lever.co/acme``) or a board API's own URL.

A careers URL on a known host gives the board and its token, and the API URL
comes from the settings' base for that board. An API URL (any host, so that
tests and mirrors can point elsewhere) is recognised by its path and used as
it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from nextround.errors import InvalidInput
from nextround.watchconfig import WatchSettings

#: The boards read, by the name stored with a watch.
KINDS = (
    "greenhouse",
    "lever",
    "lever_eu",
    "ashby",
    "workable",
    "smartrecruiters",
    "recruitee",
    "personio",
    "workday",
    "jsonld",
)

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

#: Careers hosts whose first path segment is the board's token.
_CAREERS_HOSTS = {
    "boards.greenhouse.io": "greenhouse",
    "job-boards.greenhouse.io": "greenhouse",
    "job-boards.eu.greenhouse.io": "greenhouse",
    "boards.eu.greenhouse.io": "greenhouse",
    "jobs.lever.co": "lever",
    "jobs.eu.lever.co": "lever_eu",
    "jobs.ashbyhq.com": "ashby",
    "apply.workable.com": "workable",
    "jobs.smartrecruiters.com": "smartrecruiters",
    "careers.smartrecruiters.com": "smartrecruiters",
}
#: Careers hosts whose first label is the token.
_SUBDOMAIN_HOSTS = {
    ".recruitee.com": "recruitee",
    ".jobs.personio.de": "personio",
    ".jobs.personio.com": "personio",
}
#: API paths on any host: (pattern, kind); the pattern's group is the token.
_API_PATHS = (
    (re.compile(r"/v1/boards/([^/]+)/jobs/?$"), "greenhouse"),
    (re.compile(r"/v0/postings/([^/]+)/?$"), "lever"),
    (re.compile(r"/posting-api/job-board/([^/]+)/?$"), "ashby"),
    (re.compile(r"/api/v1/widget/accounts/([^/]+)/?$"), "workable"),
    (re.compile(r"/v1/companies/([^/]+)/postings/?$"), "smartrecruiters"),
    (re.compile(r"/api/offers/?$"), "recruitee"),
    (re.compile(r"/xml/?$"), "personio"),
    (re.compile(r"/wday/cxs/([^/]+/[^/]+)/jobs/?$"), "workday"),
)
_WORKDAY_HOST = re.compile(r"^[a-z0-9-]+\.wd\d+\.myworkdayjobs\.com$")


@dataclass(frozen=True)
class Board:
    """A board to read: its kind, its token (the company's name on it) and the API URL."""

    kind: str
    token: str
    api_url: str

    def describe(self) -> str:
        return f"{self.kind} board {self.token}"


def detect(url: str, settings: WatchSettings) -> Board:
    """The board behind ``url``; InvalidInput naming what is wrong when it is none known."""
    parts = urlsplit(url.strip() if "://" in url else f"https://{url.strip()}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"{url!r} is not a web address", field="board")
    host = parts.hostname.lower()
    segments = [s for s in parts.path.split("/") if s]
    for pattern, kind in _API_PATHS:
        found = pattern.search(parts.path)
        if found is None:
            continue
        if found.groups():
            token = found.group(1)
        elif host.endswith(_hosts_of(kind)):
            token = host.split(".")[0]
        else:
            continue
        query = parts.query or ("mode=json" if kind == "lever" else "")
        api = f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{query}" if query else "")
        return Board(kind, _checked(token, url), api)
    if host in _CAREERS_HOSTS and segments == ["embed", "job_board"] and "for=" in parts.query:
        segments = [dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)["for"]]
    if host in _CAREERS_HOSTS and segments:
        kind = _CAREERS_HOSTS[host]
        return board_for(kind, segments[0], settings)
    for suffix, kind in _SUBDOMAIN_HOSTS.items():
        if host.endswith(suffix) and host.count(".") == suffix.count("."):
            return board_for(kind, host.split(".")[0], settings)
    if _WORKDAY_HOST.match(host) and segments:
        return _workday(parts.scheme, host, segments, url)
    raise InvalidInput(
        f"{url} is not a job board nextround knows (Greenhouse, Lever, Ashby, Workable, "
        "SmartRecruiters, Recruitee, Personio, Workday); give the board's own address with --board, "
        "read the page's schema.org job postings with --page URL, "
        "or follow the company's news with --feed URL",
        field="board",
    )


def page_board(url: str) -> Board:
    """A careers page on no known board, read for its schema.org JobPosting items."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"{url!r} is not a web address starting with https://", field="page")
    return Board("jsonld", parts.hostname.lower()[:200], url.strip())


def board_for(kind: str, token: str, settings: WatchSettings) -> Board:
    """The board ``kind`` of ``token`` at the settings' base URL."""
    token = _checked(token, token)
    base = settings.base(kind, token)
    paths = {
        "greenhouse": f"/v1/boards/{token}/jobs",
        "lever": f"/v0/postings/{token}?mode=json",
        "lever_eu": f"/v0/postings/{token}?mode=json",
        "ashby": f"/posting-api/job-board/{token}?includeCompensation=true",
        "workable": f"/api/v1/widget/accounts/{token}",
        "smartrecruiters": f"/v1/companies/{token}/postings",
        "recruitee": "/api/offers/",
        "personio": "/xml",
    }
    return Board(kind, token, base + paths[kind])


def _hosts_of(kind: str) -> tuple[str, ...]:
    return (*(s for s, k in _SUBDOMAIN_HOSTS.items() if k == kind), "127.0.0.1", "localhost")


def _workday(scheme: str, host: str, segments: list[str], url: str) -> Board:
    tenant = host.split(".", maxsplit=1)[0]
    # A careers link may start with a language ("en-US") before the site's name.
    site = (
        segments[1]
        if re.fullmatch(r"[a-z]{2}-[A-Z]{2}", segments[0]) and len(segments) > 1
        else segments[0]
    )
    token = f"{_checked(tenant, url)}/{_checked(site, url)}"
    return Board("workday", token, f"{scheme}://{host}/wday/cxs/{token}/jobs")


def _checked(token: str, url: str) -> str:
    if not _TOKEN.match(token) and not re.fullmatch(r"[A-Za-z0-9._-]+/[A-Za-z0-9._-]+", token):
        raise InvalidInput(
            f"{url}: {token!r} is not a board name (letters, digits, . _ -)", field="board"
        )
    return token
