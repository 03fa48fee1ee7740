"""What a scan reads and how it reports its way through: ``--since``, progress, folding.

Progress
    :func:`nextround.services.mail.scan_sources` (and ``scan``) take
    ``progress``, a callable told the running number of messages read after
    each one (:data:`nextround.services.mail.Progress`). It is called from the
    scanning thread, so it must be quick and must not raise: the CLI moves a
    Rich progress bar with it, the web stores the number for its page to poll.
    No total is given: an mbox is streamed, and a server's count is known only
    folder by folder.

Since
    :func:`default_since` is the earliest application's date less a month (None
    when no application has a date: everything is read). Files are filtered
    by their ``Date`` header (:func:`within`; a message whose date can't be
    read is kept); IMAP asks the server (``SEARCH SINCE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from nextround.domain.mail import MailMessage
from nextround.domain.mail_folding import Folded, folded
from nextround.mail.headlines import BULK_FIELDS, sent_at, top_fields
from nextround.mail.mailboxes import read_paths
from nextround.mail.sources import RawMail, SourceProblem
from nextround.services import mail_problems as problems
from nextround.services.context import Context
from nextround.storage import applications

#: How far before the earliest application a default scan starts.
BEFORE_FIRST_APPLICATION = timedelta(days=31)


def default_since(ctx: Context) -> date | None:
    """The earliest application's date less a month; None when no application has a date."""
    with ctx.db.read() as c:
        days = [a.applied_on for a in applications.list_all(c, ctx.owner) if a.applied_on]
    return min(days) - BEFORE_FIRST_APPLICATION if days else None


def within(
    items: Iterable[RawMail | SourceProblem], since: date | None, skipped: list[int]
) -> Iterator[RawMail | SourceProblem]:
    """``items`` without messages sent before ``since``; ``skipped[0]`` counts those left out.

    A message whose Date is missing or can't be read is kept.
    """
    for item in items:
        if since is not None and isinstance(item, RawMail):
            sent = sent_at(item.data)
            if sent is not None and sent.date() < since:
                skipped[0] += 1
                continue
        yield item


def fold_reason(item: RawMail, message: MailMessage, *, tied: bool) -> Folded | None:
    """Why this job mail is folded away (a job alert, a newsletter), or None."""
    headers = top_fields(item.data, BULK_FIELDS)
    return folded(message.sender, message.subject, headers, tied_to_application=tied)


def each_path(
    ctx: Context, paths: Iterable[Path], shown_as: Mapping[Path, str]
) -> Iterator[RawMail | SourceProblem]:
    """The messages of each path, read on its own: a reader that fails ends only its path."""
    for path in paths:
        name = shown_as.get(path)
        problems.resolved(ctx, name or str(path))  # a problem with the path itself is found anew
        for item in problems.guarded(read_paths([path]), str(path)):
            yield item if name is None else _renamed(item, str(path), name)


def _renamed(item: RawMail | SourceProblem, path: str, name: str) -> RawMail | SourceProblem:
    source = item.source.replace(path, name)
    if isinstance(item, SourceProblem):
        return replace(item, source=source, message=item.message.replace(path, name))
    return replace(item, source=source)
