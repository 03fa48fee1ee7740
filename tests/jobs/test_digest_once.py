"""A scheduled digest goes out once a period: a job run again the same day (a rerun, a
second enqueue) sends nothing, even with something new to tell; past the gap it sends."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nextround.jobs import runner, work
from nextround.services import digest, job_queue
from nextround.services.context import Context
from nextround.services.job_queue import Kind
from tests.jobs import enqueue, rejected, with_smtp
from tests.mail import Inbox, smtp_server

pytestmark = pytest.mark.postgres


def test_the_periods_digest_goes_out_once_within_the_gap(pg: Context) -> None:
    rejected(pg, 2, "Acme Robotics")
    inbox = Inbox()
    with smtp_server(inbox) as running:
        ctx = with_smtp(pg, running.port)
        enqueue(ctx, Kind.SEND_DIGEST, 2, period="daily")
        runner.drain(ctx)
        assert len(inbox.messages) == 1
        rejected(pg, 2, "Globex")  # something new to tell
        own = job_queue.for_owner(ctx, 2)
        assert work.send_digest(own, "daily") == {"emailed": False, "already_sent": True}
        assert len(inbox.messages) == 1
        # The weekly one is another period: it goes out.
        assert work.send_digest(own, "weekly")["emailed"] is True
        # An hour later the gap is still running; past it, the daily one goes out again.
        made = digest.make(own, "daily", email=True, not_within=timedelta(hours=20))
        assert made.already_sent and made.digest.is_empty() and not made.remembered
        with ctx.db.transaction() as c:
            c.execute("UPDATE digests SET made_at = made_at - interval '21 hours'")
        result = work.send_digest(own, "daily")
        assert result == {"emailed": True, "remembered": True}
    assert len(inbox.messages) == 3
    assert "Globex" in inbox.messages[2].message.get_content()
    assert "Globex" not in inbox.messages[0].message.get_content()
