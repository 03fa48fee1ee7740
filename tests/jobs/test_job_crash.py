"""A mail scan job whose connection dies mid-way, under the real worker: run again, it files
the rest, and no message twice.

Between the worker and a real Dovecot sits a TCP relay on loopback that cuts the first
connection after a few kilobytes from the server (in the middle of the messages' fetch),
as a dropped network or a restarted server would; later connections pass whole.
"""

from __future__ import annotations

import dataclasses
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from nextround.jobs import runner
from nextround.services import mail_review
from nextround.services.context import Context
from nextround.services.job_queue import Kind
from tests.imapserver import ImapUser
from tests.jobs import enqueue, jobs
from tests.services.scenario import interviewed
from tests.services.test_mail import REJECTION, letter

pytestmark = pytest.mark.postgres


class CuttingRelay:
    """Relays loopback connections to ``port``; the first is cut after ``cut_after`` bytes
    have come from the server."""

    def __init__(self, port: int, cut_after: int) -> None:
        self.target = port
        self.cut_after = cut_after
        self.connections = 0
        self.cut = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]

    def serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            server = socket.create_connection(("127.0.0.1", self.target))
            limit = self.cut_after if self.connections == 1 else None
            threading.Thread(target=self._pipe, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, limit), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, limit: int | None) -> None:
        sent = 0
        try:
            while data := source.recv(4096):
                if limit is not None and sent + len(data) > limit:
                    sink.sendall(data[: limit - sent])
                    self.cut = True
                    break
                sink.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for end in (source, sink):
            end.close()


@contextmanager
def relay(port: int, cut_after: int) -> Iterator[CuttingRelay]:
    running = CuttingRelay(port, cut_after)
    thread = threading.Thread(target=running.serve, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.listener.close()
        thread.join(timeout=5)


def test_a_mail_scan_cut_mid_way_files_every_message_once(pg: Context, imap_user: ImapUser) -> None:
    padding = "\n\n" + "We kept your details on file for future roles. " * 60
    messages = [
        letter(
            f"Company {n} <talent@company{n}.example>",
            f"Your application {n}",
            REJECTION + padding,
            message_id=f"r{n}@company{n}.example",
        )
        for n in range(12)
    ]
    imap_user.append("INBOX", *messages)
    settings = imap_user.settings()
    size = sum(len(m) for m in messages)
    # Log-in and folder selection take well under 2 kB: the cut falls within the fetch.
    with relay(settings.port, cut_after=size // 2) as cutting:
        imap = dataclasses.replace(settings, port=cutting.port)
        ctx = pg.fresh(settings=dataclasses.replace(pg.settings, imap=imap))
        interviewed(ctx)
        enqueue(ctx, Kind.SCAN_MAIL, 1)
        runner.drain(ctx)
        assert cutting.cut, "the relay never cut the connection"
        # The cut attempt failed; the worker tried the job again, and it went through.
        assert jobs(ctx) == [("nextround:scan_mail", "succeeded", 1, 2)]
        first = [s.id for s in mail_review.review(ctx)]
        # Run again (the next scheduled scan): nothing new, nothing twice.
        enqueue(ctx, Kind.SCAN_MAIL, 1)
        runner.drain(ctx)
    assert cutting.connections == 3
    assert [s.id for s in mail_review.review(ctx)] == first
    with ctx.db.read() as c:
        stored = c.rows("SELECT message_id, count(*) FROM mail_suggestions GROUP BY message_id")
    assert sorted(m for m, _ in stored) == sorted(f"r{n}@company{n}.example" for n in range(12))
    assert all(count == 1 for _, count in stored), stored
    assert [s for _, s, _, _ in jobs(ctx)] == ["succeeded"] * 2
    print(f"cut after {size // 2} of {size} bytes of mail; jobs: {jobs(ctx)}")
