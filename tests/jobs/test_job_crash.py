"""Jobs that crash mid-way, under the real worker: run again, nothing is done twice.

- A mail scan whose connection dies: between the worker and a real Dovecot sits a TCP
  relay on loopback that cuts the first connection half-way through the messages' fetch,
  as a dropped network or a restarted server would; later connections pass whole.
- A worker process killed (SIGKILL: out of memory, a machine restarted) in the middle of
  a board watch: its job is left "doing", holding its user's lock; the next worker takes
  it up again once the dead one's heartbeat is old.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from nextround.jobs import runner
from nextround.services import mail_review
from nextround.services.context import Context
from nextround.services.job_queue import Kind
from tests.conftest import TODAY
from tests.imapserver import ImapUser
from tests.jobs import enqueue, jobs
from tests.jobs.test_worker_process import SCRIPT, board, until, watched
from tests.services.scenario import interviewed
from tests.services.test_mail import REJECTION, letter
from tests.watch.boardserver import BoardServer, Reply

__all__ = ["board", "watched"]  # fixtures

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


def _worker(ctx: Context, base: str, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NEXTROUND_DB": ctx.settings.db_url, "NEXTROUND_TODAY": str(TODAY)}
    env["NEXTROUND_WATCH_GREENHOUSE_URL"] = base
    return subprocess.Popen(
        [str(SCRIPT), "worker", "--queues", "watch", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("waiting", [False, True], ids=["alone", "another-waiting"])
def test_a_job_whose_worker_was_killed_is_run_again_by_the_next_worker(
    watched: Context, board: tuple[BoardServer, str], waiting: bool
) -> None:
    """Alone, the killed job is queued again; with the same job of the user's waiting
    already (the schedule fired meanwhile), it ends as failed and the waiting one runs."""
    server, base = board
    roles = [{"id": n, "title": f"Role {n}", "location": {"name": "Berlin"}} for n in (1, 2)]
    slow, fast = Reply.json({"jobs": roles}, delay=60.0), Reply.json({"jobs": roles})
    server.route("/v1/boards/acme/jobs", slow, fast)
    [job] = enqueue(watched, Kind.WATCH_BOARDS, 2)
    killed = _worker(watched, base)
    try:
        until(lambda: bool(server.seen("/v1/boards/acme/jobs")))  # mid-way: reading the board
        # Another worker starting now leaves the live worker's job alone (its heartbeat beats).
        other = _worker(watched, base, "--once")
        assert other.communicate(timeout=60)[0] is not None and other.returncode == 0
        assert jobs(watched) == [("nextround:watch_boards", "doing", 2, 0)]
        assert len(server.seen("/v1/boards/acme/jobs")) == 1
        killed.send_signal(signal.SIGKILL)
        killed.communicate(timeout=20)
    finally:
        if killed.poll() is None:
            killed.kill()
    assert jobs(watched) == [("nextround:watch_boards", "doing", 2, 0)]
    if waiting:
        assert enqueue(watched, Kind.WATCH_BOARDS, 2) != [None]
    # Time passes: the dead worker's last heartbeat is an hour old.
    with watched.db.transaction() as c:
        c.execute("UPDATE procrastinate_workers SET last_heartbeat = now() - interval '1 hour'")
    done = _worker(watched, base, "--once")
    _, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    expected = [("failed", 1), ("succeeded", 1)] if waiting else [("succeeded", 2)]
    assert [(s, a) for _, s, _, a in jobs(watched)] == expected, err[-2000:]
    with watched.db.read() as c:
        assert c.scalar("SELECT count(*) FROM watch_postings WHERE owner_id = 2") == 2
        events = c.scalars(
            "SELECT type FROM procrastinate_events WHERE job_id = :id ORDER BY id", {"id": job}
        )
    assert len(server.seen("/v1/boards/acme/jobs")) == 2
    print("the killed job's events:", events)
