"""The digest: steps due and overdue, and what changed at watched companies since the last one.

:func:`build` only reads. :func:`make` builds the digest, emails it through the
user's own SMTP server when asked, and remembers it, so the next digest tells
only what came after. "What changed" is the reopened-role steps watch runs
made, postings first seen that match the saved interests (still open), and
news items; all since the last digest (by the rows it covered), or since a
given day. Nothing due and nothing changed: an empty digest, never sent.

Every function takes the owner through ``ctx``. The scheduled digest is sent by
:mod:`.digest_send` (a batch of users read together with :func:`build_many`,
each user's message from :func:`message_for`), not by :func:`make`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import TYPE_CHECKING

from nextround.domain.digest import PERIODS, Digest, Marks, News, Posting, steps_end
from nextround.domain.interests import Interests, matches
from nextround.domain.tasks import Task, build_agenda
from nextround.errors import InvalidInput
from nextround.mail import secrets, smtp
from nextround.renderers import digest as render
from nextround.renderers import emails as letters
from nextround.services.context import Context
from nextround.storage import agenda
from nextround.storage import digest as stored

if TYPE_CHECKING:
    from nextround.config import Settings

#: Sends one message; :func:`nextround.mail.smtp.send` unless a caller passes another.
Transport = Callable[[EmailMessage, smtp.Server], None]


@dataclass(frozen=True)
class Made:
    """A digest made: what it holds, and where it went (``emailed_to``; "" when printed)."""

    digest: Digest
    emailed_to: str = ""
    remembered: bool = False
    #: Not made: the period's digest was emailed within ``make``'s ``not_within``.
    already_sent: bool = False


def build(
    ctx: Context, period: str = "daily", since: date | None = None, *, owner: int | None = None
) -> Digest:
    """The digest as it reads now: since ``since`` if given, else since the last digest.

    ``owner``: whose digest (default: the context's), for a job runner serving many users.
    """
    if owner is not None:
        ctx = ctx.fresh(owner=owner)
    found = _read(ctx, period, since, None)
    assert found is not None
    return found


def _read(
    ctx: Context, period: str, since: date | None, not_within: timedelta | None
) -> Digest | None:
    """:func:`build`; None, having read no more, when the period's digest was emailed
    within ``not_within`` (of now)."""
    _check(ctx, period, since)
    with ctx.db.read() as c:
        upto, before, emailed = stored.state(c, ctx.owner, period)
        if not_within is not None and emailed is not None and now() - emailed < not_within:
            return None
        after, start = _start(ctx.today, period, since, before)
        pending = agenda.pending_due_by(c, ctx.owner, steps_end(ctx.today, period))
        reopened = stored.reopened_steps(c, ctx.owner, after, upto)
        postings = stored.open_postings(c, ctx.owner, after, upto)
        news = stored.news(c, ctx.owner, after, upto)
    return _digest(
        ctx.today, period, start, upto, ctx.settings.interests, pending, reopened, postings, news
    )


def _check(ctx: Context, period: str, since: date | None) -> None:
    if period not in PERIODS:
        raise InvalidInput(f"period must be daily or weekly, not {period!r}", field="period")
    if since is not None and since > ctx.today:
        raise InvalidInput(
            f"--since {since.isoformat()} is after today; give a day on or before it",
            field="since",
        )


def _start(
    today: date, period: str, since: date | None, before: tuple[datetime, Marks] | None
) -> tuple[Marks | date, date]:
    """Where the digest's window starts (a day, or the last digest's marks), and its first day."""
    if since is not None:
        return since, since
    if before is not None:
        return before[1], before[0]
    first = today - PERIODS[period]
    return first, first


def _digest(
    today: date,
    period: str,
    start: date,
    upto: Marks,
    wanted: Interests,
    pending: list[Task],
    reopened: list[Task],
    postings: list[tuple[Posting, bool | None]],
    news: list[News],
) -> Digest:
    shown = {t.id for t in reopened}
    steps = build_agenda(today, [t for t in pending if t.id not in shown])
    matching = tuple(p for p, remote in postings if matches(wanted, p.title, p.location, remote))
    return Digest(
        today=today,
        period=period,
        since=start,
        overdue=tuple(steps.overdue),
        due=tuple(steps.due_today + steps.upcoming),
        reopened=tuple(reopened),
        matching=matching,
        news=tuple(news),
        marks=upto,
    )


#: Owners read together by :func:`build_many` (each query's list of them stays well
#: under the databases' limits on parameters).
BATCH = 500


def build_many(
    ctx: Context,
    owners: Sequence[int],
    period: str = "daily",
    *,
    settings: Mapping[int, Settings] | None = None,
) -> dict[int, Digest]:
    """:func:`build` of each owner in ``owners`` as their job makes it (their own settings,
    :func:`nextround.services.job_queue.settings_of`, or ``settings`` when the caller read
    them already), since each one's last digest.

    Read across owners (``ctx.all_owners``), :data:`BATCH` owners at a time: a dozen
    queries for a batch, where :func:`build` needs as many for one owner.
    """
    _check(ctx, period, None)
    end = steps_end(ctx.today, period)
    found: dict[int, Digest] = {}
    listed = list(dict.fromkeys(owners))
    for first in range(0, len(listed), BATCH):
        batch = listed[first : first + BATCH]
        own = settings if settings is not None else _settings_of(ctx, batch)
        with ctx.all_owners.read() as c:
            states = stored.states(c, batch)
            starts = {
                o: _start(ctx.today, period, None, before) for o, (_, before) in states.items()
            }
            windows = {o: (starts[o][0], upto) for o, (upto, _) in states.items()}
            pending = agenda.pending_due_by_owners(c, batch, end)
            reopened = stored.reopened_steps_of(c, windows)
            postings = stored.open_postings_of(c, windows)
            news = stored.news_of(c, windows)
        for o in batch:
            found[o] = _digest(
                ctx.today,
                period,
                starts[o][1],
                states[o][0],
                own[o].interests,
                pending[o],
                reopened[o],
                postings[o],
                news[o],
            )
    return found


def _settings_of(ctx: Context, owners: list[int]) -> dict[int, Settings]:
    from nextround.services import job_queue  # the jobs' settings: only for many owners

    return job_queue.settings_of(ctx, owners)


def as_text(digest: Digest) -> str:
    """The digest as the command prints it and the email says it."""
    return render.as_text(digest)


def make(
    ctx: Context,
    period: str = "daily",
    since: date | None = None,
    *,
    email: bool = False,
    transport: Transport | None = None,
    owner: int | None = None,
    not_within: timedelta | None = None,
) -> Made:
    """Build the digest; email it if asked; remember it (unless ``since`` looked back).

    ``not_within``: made only if the period's last emailed digest is older than that
    (a scheduled rerun tells nothing twice); else ``already_sent``, checked in the same
    read. An empty digest is neither sent nor remembered. The email goes to the user's
    own address (``user.email``, else ``smtp.from``) through their SMTP server; it
    is remembered only once the server took it, so a failed send is tried again
    with the same changes next time.
    """
    if owner is not None:
        ctx = ctx.fresh(owner=owner)
    found = _read(ctx, period, since, not_within)
    if found is None:
        return Made(_nothing(ctx.today, period), already_sent=True)
    digest = found
    if digest.is_empty():
        return Made(digest)
    to = ""
    if email:
        to = _send(ctx, digest, transport or smtp.send)
    if since is not None:
        return Made(digest, to)
    with ctx.db.transaction() as c:
        stored.remember(c, ctx.owner, now(), digest.marks, period, emailed=bool(to))
    return Made(digest, to, remembered=True)


def now() -> datetime:
    """Now in UTC, naive: as ``digests.made_at`` stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def _nothing(today: date, period: str) -> Digest:
    return Digest(today, period, today, (), (), (), (), ())


def _send(ctx: Context, digest: Digest, transport: Transport) -> str:
    message, server, to = message_for(ctx, digest)
    transport(message, server)
    return to


def message_for(ctx: Context, digest: Digest) -> tuple[EmailMessage, smtp.Server, str]:
    """The digest's email to the user's own address, the user's SMTP server, and the
    address; InvalidInput without an address, ConfigError without a server."""
    settings = ctx.settings
    name, sender = parseaddr(settings.smtp.sender) if settings.smtp.sender else ("", "")
    to = settings.user.email.strip() or sender
    if not to or "@" not in to:
        raise InvalidInput(
            "the digest goes to your own address, and none is set: set user.email "
            "(`nextround setup`) or smtp.from in the config file",
            field="user.email",
        )
    server = smtp.server_for(settings.smtp, secrets.find_password(settings.smtp))
    when = _send_time(ctx)
    letter = letters.Letter(
        sender_name=name or settings.user.name,
        sender_email=sender or to,
        recipient_name=settings.user.name,
        recipient_email=to,
        subject=digest.subject(),
        body=render.as_text(digest),
        message_id=letters.message_id(
            "digest", ctx.owner, when.isoformat(), to, domain=letters.domain_of(to)
        ),
        date=when,
    )
    return letters.build_message(letter, draft=False), server, to


def _send_time(ctx: Context) -> datetime:
    """Now, on the real today; noon of a pretend one (``--today``)."""
    if ctx.today == date.today():  # noqa: DTZ011 - the user's own calendar day
        return datetime.now().astimezone()
    return datetime.combine(ctx.today, time(12, 0)).astimezone()
