"""Companies: the organisations a job seeker applies to and keeps following."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit


@dataclass(frozen=True)
class SocialAccount:
    """One of a company's public accounts, and whether the user follows it yet."""

    url: str
    followed_on: date | None = None

    @property
    def network(self) -> str:
        """A readable name for the site the account lives on ("linkedin.com" -> "LinkedIn")."""
        host = urlsplit(self.url).hostname or self.url
        host = host.removeprefix("www.")
        return _NETWORKS.get(host, host)


_NETWORKS = {
    "linkedin.com": "LinkedIn",
    "x.com": "X",
    "twitter.com": "X",
    "github.com": "GitHub",
    "mastodon.social": "Mastodon",
    "bsky.app": "Bluesky",
    "instagram.com": "Instagram",
    "youtube.com": "YouTube",
    "facebook.com": "Facebook",
}


@dataclass(frozen=True)
class Company:
    id: int
    name: str
    website: str | None = None
    address: str | None = None
    careers_url: str | None = None
    notes: str = ""
    socials: tuple[SocialAccount, ...] = field(default_factory=tuple)
    #: Counts the stored edits: an edit started from an older one is stale.
    revision: int = 0
