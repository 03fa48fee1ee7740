"""The one HTTP client of the watch: polite, bounded, and never reading more than it should.

Timeouts on every request; at most ``per_host`` requests at once to one host;
429 and 5xx answers (and no answer at all) tried again after a pause that
doubles, or the one ``Retry-After`` asks for when it is not too long;
``ETag`` / ``Last-Modified`` sent back so an unchanged board costs a 304; a
clear User-Agent; answers over ``max_bytes`` refused while they stream in.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx

from nextround.errors import BoardError, BoardGone
from nextround.watchconfig import WatchSettings

_RETRIED = frozenset({429, 500, 502, 503, 504})
#: How many timeouts a whole answer may take to arrive.
_WHOLE_ANSWER = 3


@dataclass(frozen=True)
class Validators:
    """What makes the next request conditional: the last answer's ETag and Last-Modified."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Answer:
    """A board's answer: ``body`` None when it had not changed (304)."""

    body: bytes | None
    validators: Validators
    content_type: str = ""

    @property
    def changed(self) -> bool:
        return self.body is not None


class Fetcher:
    """Fetches for one watch run; safe to share between threads. Close it when done."""

    def __init__(
        self,
        settings: WatchSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.requests = 0
        self._sleep = sleep
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": settings.user_agent},
            transport=transport,
            limits=httpx.Limits(max_connections=settings.workers * settings.per_host),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, validators: Validators = Validators(), accept: str = "") -> Answer:
        headers = {"Accept": accept or "application/json"}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        return self._send("GET", url, headers)

    def post_json(self, url: str, body: Mapping[str, Any]) -> Answer:
        return self._send("POST", url, {"Accept": "application/json"}, body)

    def _send(
        self, method: str, url: str, headers: dict[str, str], body: Mapping[str, Any] | None = None
    ) -> Answer:
        host = urlsplit(url).netloc
        for attempt in range(1, self.settings.attempts + 1):
            with self._slot(host):
                outcome = self._once(method, url, headers, body)
            if isinstance(outcome, Answer):
                return outcome
            wait, why = outcome
            if attempt == self.settings.attempts:
                raise BoardError(
                    f"{host} {why} ({attempt} tries); it is tried again on the next run"
                )
            self._sleep(wait if wait >= 0 else self.settings.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(self.settings.per_host)
        return slot

    def _once(
        self, method: str, url: str, headers: dict[str, str], body: Mapping[str, Any] | None
    ) -> Answer | tuple[float, str]:
        """An answer, or how long to wait before trying again (-1: the usual backoff) and why."""
        with self._lock:
            self.requests += 1
        try:
            with self._client.stream(method, url, headers=headers, json=body) as response:
                return self._answer(response)
        except httpx.TooManyRedirects:
            raise BoardError(f"{url} redirects in a loop") from None
        except httpx.TimeoutException:
            return -1, "did not answer in time"
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise BoardError(f"{url} is not a URL that can be fetched ({exc})") from None
        except httpx.TransportError as exc:
            return -1, f"could not be reached ({type(exc).__name__})"

    def _answer(self, response: httpx.Response) -> Answer | tuple[float, str]:
        status = response.status_code
        if status in _RETRIED:
            return self._retry_after(response), f"answered {status}"
        if status in (404, 410):
            raise BoardGone(f"{response.url} answered {status}: no such board (any more)")
        validators = Validators(
            response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
        )
        if status == 304:
            return Answer(None, validators)
        if status != 200:
            raise BoardError(f"{response.url} answered {status}")
        content_type = response.headers.get("Content-Type", "")
        return Answer(self._read(response), validators, content_type)

    def _read(self, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise BoardError(
                f"{response.url} sent {int(declared):,} bytes, over the {limit:,} read"
            )
        chunks, size = [], 0
        # The timeout bounds each wait; a server trickling bytes is bounded as a whole.
        deadline = time.monotonic() + self.settings.timeout * _WHOLE_ANSWER
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise BoardError(f"{response.url} sent more than the {limit:,} bytes read")
            if time.monotonic() > deadline:
                raise BoardError(f"{response.url} sent its answer too slowly")
            chunks.append(chunk)
        return b"".join(chunks)

    def _retry_after(self, response: httpx.Response) -> float:
        wait = retry_after(response.headers.get("Retry-After", ""), time.time())
        if wait is None:
            return -1
        if wait > self.settings.max_wait:
            raise BoardError(
                f"{response.url} asks to wait {wait:.0f} s; it is tried again on the next run"
            )
        return wait


def retry_after(value: str, now: float) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date); None if unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)
