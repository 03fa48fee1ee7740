"""Settings of the job-board watch: each board API's base URL and how politely to fetch.

Built by :func:`nextround.config.load_settings` from the ``[watch]`` table and
``NEXTROUND_WATCH_*`` variables. A base URL may hold ``{token}`` where the
board's name goes into the host (Recruitee, Personio). Tests and mirrors point
a base URL at another server: ``NEXTROUND_WATCH_GREENHOUSE_URL=http://127.0.0.1:8081``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nextround.configfile import no_unknown_keys, section, text
from nextround.errors import ConfigError

#: Where each board's public API lives.
DEFAULT_BASES: dict[str, str] = {
    "greenhouse": "https://boards-api.greenhouse.io",
    "lever": "https://api.lever.co",
    "lever_eu": "https://api.eu.lever.co",
    "ashby": "https://api.ashbyhq.com",
    "workable": "https://apply.workable.com",
    "smartrecruiters": "https://api.smartrecruiters.com",
    "recruitee": "https://{token}.recruitee.com",
    "personio": "https://{token}.jobs.personio.de",
}


@dataclass(frozen=True)
class WatchSettings:
    """How boards are fetched. Times in seconds, sizes in bytes."""

    bases: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_BASES))
    #: Connect and read timeout of each request.
    timeout: float = 20.0
    #: Tries per request when a server answers 429 or 5xx or doesn't answer.
    attempts: int = 3
    #: The first pause between tries; doubled each time.
    backoff: float = 1.0
    #: The longest pause a server's Retry-After may ask for; longer: try on the next run.
    max_wait: float = 60.0
    #: The largest answer read; a larger one is refused.
    max_bytes: int = 20_000_000
    #: Requests at once to one host, and in all.
    per_host: int = 2
    workers: int = 8
    user_agent: str = "nextround (job-search companion; follows boards its user chose)"
    #: Watch a company at each rejection, as ``reject --watch`` does (``after_rejection``).
    after_rejection: bool = False

    def base(self, kind: str, token: str = "") -> str:
        return self.bases[kind].replace("{token}", token).rstrip("/")


_NUMBERS = {"timeout": (0.1, 600.0), "max_wait": (0.0, 3600.0)}


def watch_settings(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> WatchSettings:
    table = section(raw, "watch", path)
    known = {f"{kind}_url" for kind in DEFAULT_BASES} | set(_NUMBERS) | {"after_rejection"}
    no_unknown_keys(table, known, "watch", path)
    bases = dict(DEFAULT_BASES)
    for kind in DEFAULT_BASES:
        value = env.get(f"NEXTROUND_WATCH_{kind.upper()}_URL") or table.get(f"{kind}_url")
        if value is not None:
            bases[kind] = _url(text(value, f"watch.{kind}_url", path), kind)
    numbers = {name: _number(table[name], name, path) for name in _NUMBERS if name in table}
    after = table.get("after_rejection", False)
    if not isinstance(after, bool):
        raise ConfigError(f"config file {path}: watch.after_rejection must be true or false")
    return WatchSettings(bases=bases, after_rejection=after, **numbers)  # type: ignore[arg-type]


def _url(value: str, kind: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"watch.{kind}_url must start with http:// or https://, not {value!r}")
    return value


def _number(value: Any, name: str, path: Path) -> float:
    low, high = _NUMBERS[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ConfigError(f"config file {path}: watch.{name} must be a number from {low} to {high}")
    return float(value)
