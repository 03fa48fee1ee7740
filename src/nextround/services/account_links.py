"""One-time links by email on a hosted site: a forgotten password, and open sign-up.

- :func:`ask_reset` ("Forgot your password?"): a live user's address gets a
  link (purpose ``reset``, good for an hour) that sets a new password.
- :func:`sign_up` (``[site] signup = "open"``): a new address gets a link
  (purpose ``signup``, good for a day); following it and choosing a password
  is what makes the account usable: until then it has no password, so no
  login opens it. An address that already has an account gets a note saying
  so (and how to reset the password) instead.

Either way the asker is told the same thing whether the address is known or
not, so the page reveals no account; the mail goes only to the address
itself. On the web the lookup and the mail come after the page has answered
(``later``), so the time taken doesn't tell either. Requests are counted per
address and per client with the login throttle's mechanism
(:class:`~nextround.services.logins.Throttle`), before any lookup. The mail goes through the site's own SMTP server (``[smtp]``)
with the links on ``[site] url``: a link built from a request's ``Host``
header could point anywhere. Without either, the site can't mail links and
says so; the admin can still make one (``nextround user reset``).

Using the links is :func:`nextround.services.users.use_link` (each at its own
address, so a link of one purpose is no good as another).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from nextround.errors import ConfigError, InvalidInput, NextroundError, NotFound
from nextround.mail import secrets, smtp
from nextround.renderers import emails as letters
from nextround.services import users
from nextround.services.context import Context
from nextround.services.logins import Throttle, now_utc
from nextround.storage import logins
from nextround.storage import users as user_rows
from nextround.storage.database import Database
from nextround.storage.sql import Connection

#: Sends one message; :func:`nextround.mail.smtp.send` unless a caller passes another.
Transport = Callable[[EmailMessage, smtp.Server], None]
#: Runs a job later (the web's background tasks: after the page has been answered).
Later = Callable[..., object]

NO_MAIL = (
    "This site can't send email, so it can't mail you a link. "
    "Ask the site's admin: they can make you one."
)
RESET_SENT = (
    "If {email} has an account here, a link to set a new password is on its way. "
    "It works once, within the hour. Nothing there? Check the spam folder."
)
SIGNUP_SENT = (
    "Thanks! We've sent a message to {email}. Follow the link in it within a day "
    "to choose your password. Nothing there? Check the spam folder."
)

_log = logging.getLogger(__name__)


def link_throttle(shared: Database | None = None) -> Throttle:
    """The counter of requests for a link: 5 per address, and 5 per client, an hour (kept
    in ``shared``, a hosted site's database, when given: see :class:`Throttle`)."""
    return Throttle(
        limit=5, window=timedelta(hours=1), what="requests for a link", shared=shared, kind="link"
    )


@dataclass(frozen=True)
class _SiteMail:
    server: smtp.Server
    sender_name: str
    sender: str
    site_url: str


def can_mail(ctx: Context) -> bool:
    """Whether the site can mail links: its SMTP server, a From address and its URL set."""
    try:
        _site_mail(ctx)
    except ConfigError:
        return False
    return True


def signup_open(ctx: Context) -> bool:
    return ctx.settings.hosted and ctx.settings.signup == "open"


def ask_reset(
    ctx: Context,
    email: str,
    throttle: Throttle,
    *,
    client: str = "",
    later: Later | None = None,
    transport: Transport | None = None,
    now: datetime | None = None,
) -> str:
    """Mail a link that sets a new password, if a live user has this address; what to tell
    the asker (the same either way).

    With ``later``, only the checks every address gets alike run now (the address, the
    site's mail, the throttle); looking the address up and mailing are left to ``later``,
    so the answer takes as long for an address with an account as for one without."""
    if not ctx.settings.hosted:
        raise NotFound("no such page")
    address = users.normal_email(email)
    mail = _site_mail(ctx)
    now = now or now_utc()
    _count(throttle, address, client, now)
    _run(later, _mail_reset, ctx, address, mail, now, transport)
    return RESET_SENT.format(email=address)


def _mail_reset(
    ctx: Context, address: str, mail: _SiteMail, now: datetime, transport: Transport | None
) -> None:
    with ctx.db.transaction() as c:
        made = users.live_reset_link(c, address, now)
    if made is None:
        return
    body = _RESET.format(site=mail.site_url, link=made.link(mail.site_url))
    _send(mail, address, "Set a new password for nextround", body, now, transport)


def sign_up(
    ctx: Context,
    email: str,
    throttle: Throttle,
    *,
    name: str = "",
    client: str = "",
    later: Later | None = None,
    transport: Transport | None = None,
    now: datetime | None = None,
) -> str:
    """Mail a link that finishes signing up (or, to an address that has an account, a note
    saying so); what to tell the asker (the same either way). ``later`` as for
    :func:`ask_reset`."""
    if not signup_open(ctx):
        raise NotFound("no such page")
    address = users.normal_email(email)
    name = " ".join(name.split())
    if len(name) > 200 or not name.isprintable():
        raise InvalidInput("a name is at most 200 printable characters", field="name")
    mail = _site_mail(ctx)
    now = now or now_utc()
    _count(throttle, address, client, now)
    _run(later, _mail_signup, ctx, address, name, mail, now, transport)
    return SIGNUP_SENT.format(email=address)


def _mail_signup(
    ctx: Context,
    address: str,
    name: str,
    mail: _SiteMail,
    now: datetime,
    transport: Transport | None,
) -> None:
    letter: tuple[str, str] | None = None
    with ctx.db.transaction() as c:
        found = logins.account(c, email=address)
        if found is None or (found.password_hash is None and not found.disabled):
            # A new address, or one whose sign-up (or invitation) was never finished.
            user_id = found.id if found is not None else _new_user(c, address, name)
            made = users.new_link(c, user_id, address, now, "signup")
            body = _SIGNUP.format(site=mail.site_url, link=made.link(mail.site_url))
            letter = ("Finish signing up for nextround", body)
        elif not found.disabled:
            letter = ("You already have a nextround account", _ALREADY.format(site=mail.site_url))
    if letter is not None:
        _send(mail, address, *letter, now, transport)
    forget_unfinished(ctx, now)


#: An unfinished sign-up (its link unused) is forgotten this long after its link expired.
FORGET_UNFINISHED = timedelta(days=7)


def forget_unfinished(ctx: Context, now: datetime | None = None) -> int:
    """Forget the sign-ups never finished (:data:`FORGET_UNFINISHED` after their links
    expired): an address someone typed and never confirmed is not kept. Run after each
    sign-up; how many were forgotten. A failure is logged, never the sign-up's."""
    try:
        with ctx.all_owners.transaction() as c:
            gone = user_rows.forget_unfinished_signups(c, (now or now_utc()) - FORGET_UNFINISHED)
    except NextroundError as exc:
        _log.warning("unfinished sign-ups not forgotten: %s", exc.message)
        return 0
    if gone:
        _log.info("forgot %d unfinished sign-up(s)", gone)
    return gone


def finish_signup(ctx: Context, token: str, password: str, *, now: datetime | None = None) -> int:
    """Choose the password through a sign-up link: the account is usable from now; whose."""
    if not signup_open(ctx):
        raise NotFound("no such page")
    return users.use_link(ctx, token, password, "signup", now=now)


def _run(
    later: Later | None, job: Callable[..., None], ctx: Context, address: str, *args: Any
) -> None:
    """The job now (its failures raised), or handed to ``later`` to run quietly."""
    if later is None:
        job(ctx, address, *args)
    else:
        later(_quietly, job, ctx, address, *args)


def _quietly(job: Callable[..., None], ctx: Context, address: str, *args: Any) -> None:
    """Run the job, logging a failure instead of raising it (after the page has answered,
    the asker was told the same whether a message went or not). The log names no address:
    it would tell whoever reads it who asked for a link."""
    try:
        job(ctx, address, *args)
    except NextroundError as exc:
        why = exc.message.replace(address, "(the address)")
        _log.warning("a one-time link's email was not sent: %s", why)


def _count(throttle: Throttle, address: str, client: str, now: datetime) -> None:
    """Refuse while the address or the client asked too often; else count this request."""
    keys = (f"email:{address}", f"client:{client}")
    throttle.check(keys, now)
    throttle.fail(keys, now)  # every request counts, not only failed ones


def _new_user(c: Connection, address: str, wanted: str) -> int:
    """A user who signed up: no password (so no login) until their link sets one. Their name
    is ``wanted`` (else the address), with a number added when another user has it: names
    are unique, and saying that one is taken would tell a stranger who has an account."""
    wanted = (wanted or address)[:190]
    name, number = wanted, 1
    while user_rows.name_taken(c, name):
        number += 1
        name = f"{wanted} ({number})"
    return user_rows.add_user(c, name, address, is_admin=False)


def _site_mail(ctx: Context) -> _SiteMail:
    settings = ctx.settings
    sender_name, sender = parseaddr(settings.smtp.sender)
    if not settings.smtp.configured or "@" not in sender or not settings.site_url:
        raise ConfigError(NO_MAIL)
    try:
        server = smtp.server_for(settings.smtp, secrets.find_password(settings.smtp))
    except ConfigError:
        raise ConfigError(NO_MAIL) from None
    return _SiteMail(server, sender_name or "nextround", sender, settings.site_url)


def _send(
    mail: _SiteMail,
    to: str,
    subject: str,
    body: str,
    now: datetime,
    transport: Transport | None,
) -> None:
    letter = letters.Letter(
        sender_name=mail.sender_name,
        sender_email=mail.sender,
        recipient_name="",
        recipient_email=to,
        subject=subject,
        body=body,
        message_id=letters.message_id(
            "account", to, subject, now.isoformat(), domain=letters.domain_of(mail.sender)
        ),
        date=now.replace(tzinfo=UTC),
    )
    (transport or smtp.send)(letters.build_message(letter, draft=False), mail.server)


_RESET = """Hello,

Someone, hopefully you, asked to set a new password for your nextround account
at {site}. To choose one, open this link within the hour:

{link}

The link works once. If you didn't ask, ignore this message: your password
stays as it is.
"""

_SIGNUP = """Welcome to nextround!

To finish signing up at {site}, open this link within a day and choose your
password:

{link}

The link works once. If you didn't sign up, ignore this message: without the
link, no one can use the account.
"""

_ALREADY = """Hello,

Someone, hopefully you, tried to sign up at {site} with this address, which
already has an account. Log in at {site}/login

Forgot your password? Set a new one at {site}/forgot-password

If it wasn't you, ignore this message: nothing has changed.
"""
