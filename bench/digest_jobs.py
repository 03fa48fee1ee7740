"""The scheduled digest as the job runner makes it, for every user of the hosted benchmark.

    .venv/bin/python bench/digest_jobs.py --pg URL [--processes 2] [--concurrency 4]

On a database ``bench/hosted_db.py`` filled: an SMTP server on loopback (aiosmtpd,
taking every message), the site's SMTP settings pointing at it
(``NEXTROUND_SMTP_*``), and the queue's schema. The schedule's digest job is
deferred once and run by one ``nextround worker --queues schedule --once``: it
enqueues one ``send_digests`` job per 500 users with an address. Then ``--processes``
``nextround worker --queues digest --once --concurrency N`` processes run all of
them, each job as it runs in production: the batch's digests read together with
the users' own settings, then for each user, in that user's transaction, the lock
on their digest, the check that today's digest did not go out already, the email
through the SMTP server (one connection reused for the batch) and the digest
remembered. Reported: wall seconds (first worker started to last one done), CPU
seconds of the worker processes, CPU seconds of PostgreSQL's backends (the
postmaster's reaped children, so only backends that ended: the workers'), jobs
succeeded and failed by task (a user whose send failed gets a ``send_digest`` job
of their own), messages the SMTP server took, SMTP connections it saw.

:func:`time_batched` times :func:`nextround.services.digest.build_many` for the
same users (the reads only: one process, one connection, across owners).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import hosted_db
from run import BENCH_TODAY, OUT, ROOT, VENV_BIN

sys.path.insert(0, str(ROOT))
from tests.mail import Inbox, smtp_server

SENDER = "digest@site.example"


class Peers(Inbox):
    """Takes every message, and keeps the client end of each connection that sent one."""

    def __init__(self) -> None:
        super().__init__()
        self.peers: set[object] = set()

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.peers.add(getattr(session, "peer", None))
        return await super().handle_DATA(server, session, envelope)


def _ticks(pid: int, *, children: bool) -> float:
    """CPU seconds of a process (and, ``children``, of its children it has reaped)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    used = int(fields[11]) + int(fields[12])
    if children:
        used += int(fields[13]) + int(fields[14])
    return used / os.sysconf("SC_CLK_TCK")


def _postmaster(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        backend = int(conn.execute("SELECT pg_backend_pid()").fetchone()[0])  # type: ignore[index]
        # the backend's parent: fields after the command name are state, then ppid
        return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _worker(env: dict[str, str], queue: str, concurrency: int, n: int) -> subprocess.Popen[bytes]:
    command = [str(VENV_BIN / "nextround"), "worker", "--queues", queue, "--once"]
    command += ["--concurrency", str(concurrency)]
    log = (OUT / f"digest-worker-{queue}-{n}.log").open("wb")
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)


def _wait(workers: list[subprocess.Popen[bytes]]) -> None:
    for n, w in enumerate(workers):
        if w.wait() != 0:
            sys.exit(f"error: a worker failed ({w.returncode}); see {OUT}/digest-worker-*-{n}.log")


def time_jobs(url: str, today: str, processes: int, concurrency: int) -> dict[str, object]:
    """Every user's scheduled digest run as jobs by ``processes`` workers (see the module)."""
    import psycopg

    from nextround.config import load_settings
    from nextround.jobs import runner
    from nextround.services.context import open_context

    inbox = Peers()
    with smtp_server(inbox) as running:
        env = {
            **hosted_db.app_env(url, today),
            "NEXTROUND_SMTP_HOST": "127.0.0.1",
            "NEXTROUND_SMTP_PORT": str(running.port),
            "NEXTROUND_SMTP_SECURITY": "none",
            "NEXTROUND_SMTP_FROM": SENDER,
        }
        ctx = open_context(load_settings(environ=env), pooled=False)
        try:
            runner.apply_schema(ctx)
            app = runner.make_app(ctx, periodic=False)
            with app.open():
                app.configure_task("nextround:enqueue_send_digest").defer(
                    timestamp=int(time.time())
                )
        finally:
            ctx.close()
        began = time.perf_counter()
        _wait([_worker(env, "schedule", 1, 0)])
        enqueue_s = time.perf_counter() - began
        with psycopg.connect(url) as conn:
            queued = conn.execute(
                "SELECT count(*) FROM procrastinate_jobs WHERE status = 'todo' "
                "AND task_name = 'nextround:send_digests'"
            ).fetchone()
        postmaster = _postmaster(url)
        pg_before = _ticks(postmaster, children=True)
        own = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        _wait([_worker(env, "digest", concurrency, n) for n in range(processes)])
        wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        pg_cpu = _ticks(postmaster, children=True) - pg_before
        sent = len(inbox.messages)
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT task_name, status, count(*) FROM procrastinate_jobs "
            "WHERE task_name LIKE 'nextround:send_digest%' GROUP BY 1, 2"
        ).fetchall()
    statuses: dict[str, int] = {f"{r[0].split(':')[1]} {r[1]}": int(r[2]) for r in rows}
    cpu = (after.ru_utime - own.ru_utime) + (after.ru_stime - own.ru_stime)
    return {
        "processes": processes,
        "concurrency": concurrency,
        "jobs": int(queued[0]) if queued else 0,
        "enqueue_s": round(enqueue_s, 1),
        "wall_s": round(wall, 1),
        "worker_cpu_s": round(cpu, 1),
        "backend_cpu_s": round(pg_cpu, 1),
        "jobs_by_status": statuses,
        "emailed": sent,
        "smtp_connections": len(inbox.peers),
    }


def time_batched(url: str, users: int, today: str) -> dict[str, object]:
    """``digest.build_many`` for every user: CPU of the process and its backend, wall."""
    from nextround.config import load_settings
    from nextround.services import digest
    from nextround.services.context import open_context

    ctx = open_context(load_settings(environ=hosted_db.app_env(url, today)), pooled=False)
    try:
        with ctx.all_owners.read() as c:
            backend = int(c.scalar("SELECT pg_backend_pid()") or 0)
        backend_before = hosted_db.cpu_of(backend)
        cpu, wall = time.process_time(), time.perf_counter()
        found = digest.build_many(ctx, range(2, users + 2), "daily")
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        backend_cpu = hosted_db.cpu_of(backend) - backend_before
    finally:
        ctx.db.close()
    return {
        "users": users,
        "not_empty": sum(not d.is_empty() for d in found.values()),
        "process_cpu_s": round(cpu, 1),
        "backend_cpu_s": round(backend_cpu, 1),
        "wall_s": round(wall, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pg", required=True, help="a database bench/hosted_db.py filled")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--today", default=BENCH_TODAY)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    print("batched reads:", time_batched(args.pg, args.users, args.today), flush=True)
    print("jobs:", time_jobs(args.pg, args.today, args.processes, args.concurrency))
    return 0


if __name__ == "__main__":
    sys.exit(main())
