"""``nextround worker`` as a process of its own, on the test's PostgreSQL database: board
watches read from a job board on loopback, one user's jobs of one kind one at a time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.domain.companies import NewCompany
from nextround.domain.watch import NewWatch
from nextround.jobs import runner
from nextround.services import companies
from nextround.services import watch as watching
from nextround.services.context import Context, open_context
from nextround.services.job_queue import Kind
from nextround.watchconfig import DEFAULT_BASES, WatchSettings
from tests.conftest import TODAY
from tests.jobs import enqueue, jobs, rejected
from tests.mail import Inbox, smtp_server
from tests.watch.boardserver import BoardServer, Reply, serving

pytestmark = pytest.mark.postgres

SCRIPT = Path(sys.executable).with_name("nextround")
BOARDS = {2: "acme", 3: "globex"}


@pytest.fixture
def board() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


@pytest.fixture
def watched(postgres_url: str, board: tuple[BoardServer, str], tmp_path: Path) -> Iterator[Context]:
    """Users 2 and 3, each watching a company's board (1 s to answer) on the test's server."""
    server, base = board
    watch = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base), backoff=0.01, timeout=5.0)
    settings = Settings(db_url=postgres_url, today=TODAY, templates_dir=tmp_path, watch=watch)
    ctx = open_context(settings)
    with ctx.db.transaction() as c:
        for owner in BOARDS:
            c.execute(
                "INSERT INTO users (id, name) VALUES (:id, :n)", {"id": owner, "n": f"u{owner}"}
            )
    for owner, token in BOARDS.items():
        mine = ctx.fresh(owner=owner)
        company = companies.add_company(mine, NewCompany(token.title()))
        watching.add_watch(mine, NewWatch(company.id, board=f"boards.greenhouse.io/{token}"))
        jobs_ = [{"id": n, "title": f"Role {n}", "location": {"name": "Berlin"}} for n in (1, 2)]
        server.route(f"/v1/boards/{token}/jobs", Reply.json({"jobs": jobs_}, delay=1.0))
    runner.apply_schema(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def worker(watched: Context, board: tuple[BoardServer, str]) -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "NEXTROUND_DB": watched.settings.db_url, "NEXTROUND_TODAY": str(TODAY)}
    env["NEXTROUND_WATCH_GREENHOUSE_URL"] = board[1]
    process = subprocess.Popen(
        [str(SCRIPT), "worker", "--queues", "watch", "--concurrency", "4"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield process
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    process.communicate(timeout=20)  # and the pipes closed


def until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def spans(ctx: Context) -> dict[int, tuple[int, float, float]]:
    """Each job's owner and the times it started and ended (procrastinate's events)."""
    with ctx.db.read() as c:
        rows = c.rows(
            "SELECT j.id, (j.args->>'owner')::int, "
            "extract(epoch FROM min(e.at) FILTER (WHERE e.type = 'started')), "
            "extract(epoch FROM max(e.at) FILTER (WHERE e.type = 'succeeded')) "
            "FROM procrastinate_jobs j JOIN procrastinate_events e ON e.job_id = j.id "
            "GROUP BY j.id, j.args ORDER BY j.id"
        )
    return {int(r[0]): (int(r[1]), float(r[2]), float(r[3])) for r in rows}


def test_one_users_watch_jobs_run_one_at_a_time_and_users_run_side_by_side(
    watched: Context, board: tuple[BoardServer, str], worker: subprocess.Popen[str]
) -> None:
    server, _ = board
    [first] = enqueue(watched, Kind.WATCH_BOARDS, 2)
    until(lambda: bool(server.seen("/v1/boards/acme/jobs")))  # the first job is running
    [second] = enqueue(watched, Kind.WATCH_BOARDS, 2)
    # While the second one waits, a third for the same user is not queued.
    assert enqueue(watched, Kind.WATCH_BOARDS, 2) == [None]
    [other] = enqueue(watched, Kind.WATCH_BOARDS, 3)
    assert None not in (first, second, other)
    until(lambda: [s for _, s, _, _ in jobs(watched)] == ["succeeded"] * 3)
    found = spans(watched)
    a, b, c = found[first], found[second], found[other]  # type: ignore[index]
    assert (a[0], b[0], c[0]) == (2, 2, 3)
    assert b[1] >= a[2], "user 2's second watch job started before the first one ended"
    assert c[1] < a[2] and c[2] > a[1], "user 3's job waited for user 2's"
    assert len(server.seen("/v1/boards/acme/jobs")) == 2
    # Read twice, the board's two roles are stored once.
    with watched.db.read() as c_:
        assert c_.scalar("SELECT count(*) FROM watch_postings WHERE owner_id = 2") == 2
        assert c_.scalar("SELECT count(*) FROM watch_postings WHERE owner_id = 3") == 2
    worker.send_signal(signal.SIGINT)
    _, err = worker.communicate(timeout=20)
    assert worker.returncode == 0, err


def test_the_worker_refuses_sqlite_and_points_to_timers(tmp_path: Path) -> None:
    env = {**os.environ, "NEXTROUND_DB": str(tmp_path / "n.db")}
    done = subprocess.run(
        [str(SCRIPT), "worker"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode != 0
    assert "needs PostgreSQL" in done.stderr
    assert "cron or systemd timers" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_worker_once_runs_the_jobs_due_and_stops(pg: Context) -> None:
    rejected(pg, 2, "Acme Robotics")
    enqueue(pg, Kind.SEND_DIGEST, 2, period="daily")
    inbox = Inbox()
    with smtp_server(inbox) as running:
        env = {**os.environ, "NEXTROUND_DB": pg.settings.db_url, "NEXTROUND_TODAY": str(TODAY)}
        env |= {
            "NEXTROUND_SMTP_HOST": "127.0.0.1",
            "NEXTROUND_SMTP_PORT": str(running.port),
            "NEXTROUND_SMTP_SECURITY": "none",
            "NEXTROUND_LOG_FORMAT": "json",
        }
        done = subprocess.run(
            [str(SCRIPT), "worker", "--once"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert [m.rcpt_tos for m in inbox.messages] == [["ana@people.example"]]
    assert [s for _, s, _, _ in jobs(pg)] == ["succeeded"]
    # What it did is in its log, a JSON object a line as the web processes write, no address.
    logged = [json.loads(line) for line in done.stderr.splitlines()]
    mine = [x["message"] for x in logged if x["logger"] == "nextround"]
    assert "digest for user 2 emailed" in mine
    assert any(m.startswith("job send_digest for user 2: ") for m in mine), mine
    assert "ana@people.example" not in done.stderr
    bad = subprocess.run(
        [str(SCRIPT), "worker", "--queues", "mail,post"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0 and "no queue named 'post'" in bad.stderr
