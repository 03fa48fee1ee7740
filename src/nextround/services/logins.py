"""The password, logins and sessions: set a password, log in, check a session, log out.

While no user has a password, nextround is used without one (and ``serve``
only listens on this computer). Once one is set, every web request needs a
session (or, on the API, a token: :mod:`nextround.services.api_tokens`).

- **Passwords** are stored as argon2 hashes (pwdlib), never as text.
- **Sessions**: a login makes a new random token for the cookie; only its
  SHA-256 is stored, so a database copy opens no session. A login always
  makes a new session and ends the one the browser came with (rotation: a
  cookie planted before the login is worth nothing after it). A session ends
  after :data:`IDLE` unused, or :data:`LIFETIME` after the login, whichever
  comes first; logging out ends it, "log out everywhere" ends them all, and
  so does setting a new password.
- **Wrong passwords** are counted per account and per client address
  (:class:`Throttle`): after :data:`Throttle.limit` failures within
  :data:`Throttle.window`, the next tries wait. An unknown account gets the
  same message and a hash check of the same cost as a wrong password.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, TypeGuard

from nextround.errors import InvalidInput, NotSignedIn, TooManyAttempts
from nextround.services.context import Context
from nextround.storage import logins
from nextround.storage.database import LOCAL_OWNER, Database
from nextround.storage.sql import Connection

if TYPE_CHECKING:
    from pwdlib import PasswordHash

#: A session unused for this long ends.
IDLE = timedelta(days=14)
#: A session ends this long after its login, used or not.
LIFETIME = timedelta(days=60)
#: ``last_seen`` is written at most this often (not on every request).
TOUCH_EVERY = timedelta(minutes=5)
MIN_LENGTH = 8
MAX_LENGTH = 1024
WRONG = "That password isn't right. Try again."


def now_utc() -> datetime:
    """The time as timestamps are stored: UTC, without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)


def digest(token: str) -> str:
    """What is stored of a random token: its SHA-256 (256 random bits make this safe)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@cache
def _hasher() -> PasswordHash:
    from pwdlib import PasswordHash  # only when a password is checked: start-up cost

    return PasswordHash.recommended()


@cache
def _stand_in() -> str:
    """A hash to check unknown accounts against, so that they take as long as known ones."""
    return _hasher().hash(secrets.token_urlsafe(16))


# -- the password ----------------------------------------------------------------------


def check_password_rules(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidInput(
            f"the password is too short: use at least {MIN_LENGTH} characters", field="password"
        )
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"the password is longer than {MAX_LENGTH} characters", field="password")


def set_password(ctx: Context, password: str, *, user_id: int = LOCAL_OWNER) -> int:
    """Store the password's hash; every session ends (log in again). How many ended."""
    hashed = password_hash(password)
    with ctx.db.transaction() as c:
        return store_password_hash(c, user_id, hashed)


def password_hash(password: str) -> str:
    """The argon2 hash of a password that meets the rules (slow: outside a transaction)."""
    check_password_rules(password)
    return _hasher().hash(password)


def store_password_hash(c: Connection, user_id: int, hashed: str) -> int:
    """Within ``c``: the user's new password hash; their sessions end. How many ended."""
    logins.set_password_hash(c, user_id, hashed)
    return logins.end_sessions(c, user_id)


def password_matches(password: str, stored: str) -> bool:
    """Whether ``password`` is the one ``stored`` (an argon2 hash) was made from."""
    return bool(_hasher().verify(password[:MAX_LENGTH], stored))


def has_password(ctx: Context) -> bool:
    """Whether any user has a password: then the web app needs a login."""
    with ctx.db.read() as c:
        return logins.any_password(c)


# -- wrong passwords ---------------------------------------------------------------------


@dataclass
class Throttle:
    """Failed logins per key (an account, a client address) in a sliding window; or, with
    another ``what``, any other tries counted the same way (requests for an emailed link).

    Counted in this process's memory, or, with ``shared`` (a hosted site's database), in
    the database (``attempts``, as a hash of each key, under ``kind``), so that every web
    process of a site counts the same tries."""

    limit: int = 5
    window: timedelta = timedelta(minutes=15)
    what: str = "wrong passwords"
    shared: Database | None = None
    kind: str = "login"
    _failures: dict[str, deque[datetime]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, keys: tuple[str, ...], now: datetime) -> None:
        """Refuse a try while any key has had :attr:`limit` failures within the window."""
        since = now - self.window
        if self.shared is not None:
            with self.shared.read() as c:
                recent = [
                    logins.attempt_times(c, self.kind, digest(key), since, self.limit)
                    for key in keys
                ]
        else:
            with self._lock:
                recent = [self._recent(key, since) for key in keys]
        # A key waits until the oldest of its last `limit` tries leaves the window.
        waits = [times[-1] + self.window - now for times in recent if len(times) >= self.limit]
        longest = max(waits, default=timedelta(0))
        if longest > timedelta(0):
            minutes = max(1, round(longest.total_seconds() / 60))
            raise TooManyAttempts(
                f"Too many {self.what}. Wait {minutes} minute{'s' if minutes > 1 else ''}, "
                "then try again."
            )

    def fail(self, keys: tuple[str, ...], now: datetime) -> None:
        if self.shared is not None:
            with self.shared.transaction() as c:
                for key in keys:
                    logins.add_attempt(c, self.kind, digest(key), now)
                logins.prune_attempts(c, now - KEEP_ATTEMPTS)
            return
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, deque()).append(now)
                self._prune(key, now - self.window)

    def forget(self, key: str) -> None:
        if self.shared is not None:
            with self.shared.transaction() as c:
                logins.forget_attempts(c, self.kind, digest(key))
            return
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str, since: datetime) -> list[datetime]:
        """The last :attr:`limit` tries of ``key`` after ``since``, newest first, as
        :func:`nextround.storage.logins.attempt_times` gives them from the database."""
        self._prune(key, since)
        return list(self._failures.get(key, ()))[-self.limit :][::-1]

    def _prune(self, key: str, since: datetime) -> None:
        times = self._failures.get(key)
        while times and times[0] <= since:
            times.popleft()
        if times is not None and not times:
            del self._failures[key]


#: Tries kept in the database at most this long (longer than any throttle's window).
KEEP_ATTEMPTS = timedelta(days=1)


# -- sessions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewSession:
    """A login's session: the token for the cookie (shown once), whose, until when."""

    token: str
    user_id: int
    expires_at: datetime


def log_in(
    ctx: Context,
    password: str,
    throttle: Throttle,
    *,
    account: str = "",
    client: str = "",
    replacing: str | None = None,
    now: datetime | None = None,
) -> NewSession:
    """A new session for the account (an email, a user's name, or the local user when none
    is named) if the password is right and the user isn't disabled; the session
    ``replacing`` names (the browser's earlier cookie) ends."""
    now = now or now_utc()
    keys = (f"account:{account.strip().casefold() or LOCAL_OWNER}", f"client:{client}")
    throttle.check(keys, now)
    with ctx.db.read() as c:
        found = _account(c, account.strip(), hosted=ctx.settings.hosted)
    stored = found.password_hash if found is not None else None
    right = password_matches(password, stored or _stand_in())
    if found is None or stored is None or not right or found.disabled:
        throttle.fail(keys, now)
        raise NotSignedIn(WRONG)
    throttle.forget(keys[0])
    with ctx.db.transaction() as c:
        return open_session(c, found.id, now, replacing=replacing)


def open_session(
    c: Connection, user_id: int, now: datetime, *, replacing: str | None = None
) -> NewSession:
    """Within ``c``: a new session for the user (every way of logging in makes it here), and
    the end of the one ``replacing`` names (the browser's earlier cookie: rotation)."""
    token = secrets.token_urlsafe(32)
    expires = now + LIFETIME
    if replacing:
        logins.end_session(c, digest(replacing))
    logins.add_session(c, digest(token), user_id, now, expires)
    logins.logged_in(c, user_id, now)
    return NewSession(token, user_id, expires)


def _account(c: Connection, account: str, *, hosted: bool) -> logins.Account | None:
    """The account a login names: by email (any case) when it has an ``@``, else by name;
    the local user when none is named (never on a hosted site)."""
    if not account:
        return None if hosted else logins.account(c, user_id=LOCAL_OWNER)
    if "@" in account:
        return logins.account(c, email=account.lower())
    return logins.account(c, name=account)


def session_user(ctx: Context, token: str | None, *, now: datetime | None = None) -> int | None:
    """The user whose live session ``token`` opens, or None (unknown, ended or expired)."""
    if not _plausible(token):
        return None
    key = digest(token)
    with ctx.db.read() as c:
        found = logins.session(c, key)
    return _live(ctx, key, found, now or now_utc())


def become_session_user(ctx: Context, token: str | None) -> tuple[int, str] | None:
    """In a transaction begun with no owner (a page that checks its own session:
    :func:`nextround.services.agenda_page.today_for_session`), check ``token``'s session as
    :func:`session_user` does and, when it is live, run the rest of the transaction and
    ``ctx`` as its user. Returns the user's settings stamp read with the session (see
    :attr:`~nextround.storage.logins.SessionRow.settings_stamp`); None (nothing set) when no
    live session opens."""
    if not _plausible(token):
        return None
    key = digest(token)
    with ctx.database.read() as c:  # joins the caller's transaction
        found = logins.session(c, key, become_owner=True)
    user = _live(ctx, key, found, now_utc())
    if user is None or found is None:
        return None
    ctx.owner = user
    return found.settings_stamp


def _plausible(token: str | None) -> TypeGuard[str]:
    return bool(token) and len(token or "") <= 200


def _live(ctx: Context, key: str, found: logins.SessionRow | None, now: datetime) -> int | None:
    """``found``'s user while the session is live; an expired one is ended, and a live one's
    ``last_seen`` written at most every :data:`TOUCH_EVERY`."""
    if found is None:
        return None
    if now >= found.expires_at or now - found.last_seen >= IDLE:
        with ctx.db.transaction() as c:
            logins.end_session(c, key)
        return None
    if now - found.last_seen >= TOUCH_EVERY:
        with ctx.db.transaction() as c:
            logins.touch_session(c, key, now)
    return found.user_id


def log_out(ctx: Context, token: str | None) -> None:
    """End the session ``token`` opens (nothing if none)."""
    if token:
        with ctx.db.transaction() as c:
            logins.end_session(c, digest(token))


def log_out_everywhere(ctx: Context, user_id: int) -> int:
    """End every session of the user; how many there were."""
    with ctx.db.transaction() as c:
        return logins.end_sessions(c, user_id)
