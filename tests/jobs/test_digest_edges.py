"""The digest's send, at the edges a user would notice: a digest printed in the terminal
doesn't count as the period's email, and an address that isn't one gets no mail."""

from __future__ import annotations

import dataclasses

import pytest

from nextround.errors import InvalidInput
from nextround.jobs import work
from nextround.services import digest, job_queue
from nextround.services.context import Context
from tests.jobs import rejected, with_smtp
from tests.mail import Inbox, smtp_server

pytestmark = pytest.mark.postgres


def test_a_digest_printed_first_still_lets_the_day_s_email_go_out(pg: Context) -> None:
    rejected(pg, 2, "Acme Robotics")  # steps due: the digest has something to say
    inbox = Inbox()
    with smtp_server(inbox) as running:
        own = job_queue.for_owner(with_smtp(pg, running.port), 2)
        printed = digest.make(own, "daily")  # `nextround digest`, in the terminal
        assert printed.remembered and printed.emailed_to == "" and not inbox.messages
        assert work.send_digest(own, "daily") == {"emailed": True, "remembered": True}
        assert work.send_digest(own, "daily") == {"emailed": False, "already_sent": True}
    assert len(inbox.messages) == 1
    assert "Acme Robotics" in inbox.messages[0].message.get_content()


@pytest.mark.parametrize("typed", ["ana", "ana at example.org", "  "])
def test_a_user_email_that_is_no_address_sends_nothing(pg: Context, typed: str) -> None:
    rejected(pg, 2, "Acme Robotics")
    inbox = Inbox()
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        smtp = dataclasses.replace(ctx.settings.smtp, sender="")  # no smtp.from to fall back on
        user = dataclasses.replace(ctx.settings.user, email=typed)
        own = ctx.fresh(owner=2, settings=dataclasses.replace(ctx.settings, smtp=smtp, user=user))
        with pytest.raises(InvalidInput, match="the digest goes to your own address"):
            digest.make(own, "daily", email=True)
        with pytest.raises(InvalidInput, match="the digest goes to your own address"):
            work.send_digest(own, "daily")
    assert not inbox.messages


def test_a_batch_mails_no_one_whose_digest_is_empty(pg: Context) -> None:
    rejected(pg, 2, "Acme Robotics")  # user 3 has nothing due and nothing new
    inbox = Inbox()
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        sent = work.send_digests(ctx, [2, 3], "daily")
    assert (sent.emailed, sent.empty, sent.failed) == ([2], [3], {})
    assert len(inbox.messages) == 1
    with pg.all_owners.read() as c:
        assert c.scalars("SELECT owner_id FROM digests ORDER BY owner_id") == [2]


def test_the_daily_digest_sent_doesn_t_stop_the_weekly_one(pg: Context) -> None:
    rejected(pg, 2, "Acme Robotics")
    inbox = Inbox()
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        assert work.send_digests(ctx, [2], "daily").emailed == [2]
        weekly = work.send_digests(ctx, [2], "weekly")
        assert (weekly.emailed, weekly.already_sent) == ([2], [])
        again = work.send_digests(ctx, [2], "weekly")
        assert (again.emailed, again.already_sent) == ([], [2])
    assert len(inbox.messages) == 2
