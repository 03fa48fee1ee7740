"""The database restarting under load: requests fail cleanly while it is away, and the
same ``nextround serve`` answers again once it is back, without being restarted.

A PostgreSQL cluster of this module's own (never the shared one: stopping that would
break every other test of the session) serves a hosted site; a real ``nextround serve``
answers several threads of real HTTP requests (Today, and the API's companies) while
the cluster is stopped for a few seconds (``pg_ctl stop -m fast``, as a restart does)
and started again on the same port. The command line's reads (the light libpq path and
psycopg's) are checked against the same restart.
"""

from __future__ import annotations

import html
import http.client
import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest

from nextround.domain.companies import NewCompany
from nextround.errors import DatabaseUnavailable
from nextround.services import companies
from nextround.storage import libpq
from nextround.storage.database import Database
from nextround.web.errors import DATABASE_AWAY
from tests.conftest import TODAY
from tests.pg_fixtures import needed
from tests.pgcluster import PostgresUnavailableError, new_database, stopped, temporary_cluster
from tests.web.hosted import PASSWORD, add_user, site
from tests.web.hosted_server import folder_settings, write_config
from tests.web.server import LiveServer, running_server, serve_command, server_env

pytestmark = pytest.mark.postgres

#: How long the database is away (plus pg_ctl's start), the pool's wait for a connection
#: (``[database] pool_timeout``), and the longest any answer may take meanwhile.
OUTAGE = 4.0
POOL_TIMEOUT = 2
BOUND = 3 * POOL_TIMEOUT + 2.0  # a request waits up to pool_timeout per transaction
#: How soon after the database is back every request must work again.
RECOVERY = 4.0
THREADS = 4
PATHS = ("/", "/api/v1/companies")
#: What the storage layer's error says then (the command line shows it, the web never).
AWAY = r"can't (use|reach) the database"


@dataclass(frozen=True)
class Answer:
    path: str
    started: float
    seconds: float
    status: int
    kind: str
    body: str
    cookies: tuple[str, ...] = ()
    retry_after: str | None = None
    method: str = "GET"


@pytest.fixture(scope="module")
def own_cluster() -> Iterator[str]:
    """A superuser URL of a cluster this module may stop and start."""
    with needed(
        temporary_cluster(dbname="nr_restart"),
        PostgresUnavailableError,
        "PostgreSQL",
        "no PostgreSQL server programs to run a cluster",
    ) as url:
        yield url


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's folder: its config.toml (hosted, a short pool timeout) and the logs."""
    found = tmp_path_factory.mktemp("restart")
    write_config(found, f"[site]\nhosted = true\n[database]\npool_timeout = {POOL_TIMEOUT}\n")
    return found


@pytest.fixture(scope="module")
def db_url(own_cluster: str, folder: Path) -> str:
    """A hosted site on the module's cluster: Ana, with one company."""
    url = new_database(own_cluster)
    with site(folder_settings(url, folder)) as ctx:
        ana = add_user(ctx, "ana@example.org")
        companies.add_company(ctx.fresh(owner=ana), NewCompany(name="Anacorp Ltd"))
    return url


@pytest.fixture(scope="module")
def hosted_server(db_url: str, folder: Path) -> Iterator[LiveServer]:
    with running_server(db_url, TODAY.isoformat(), folder) as server:
        yield server


def fetch(
    server: LiveServer,
    path: str,
    cookie: str = "",
    *,
    form: dict[str, str] | None = None,
    made: dict[str, str] | None = None,
    csrf: str = "",
) -> Answer:
    """One request on a connection of its own, no redirect followed: a GET, or a POST of
    ``form`` (a form) or ``made`` (JSON, with the page's CSRF token, as its scripts send)."""
    where = urlsplit(server.base_url)
    started = time.monotonic()
    conn = http.client.HTTPConnection(where.hostname or "", where.port, timeout=BOUND + 10)
    try:
        headers = {"Cookie": cookie} if cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if made is not None:
            body = json.dumps(made)
            headers.update({"Content-Type": "application/json", "X-CSRF-Token": csrf})
        method = "GET" if body is None else "POST"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        cookies = tuple(response.msg.get_all("set-cookie") or ())
        return Answer(
            path,
            started,
            time.monotonic() - started,
            response.status,
            response.getheader("content-type", ""),
            text,
            cookies,
            response.getheader("retry-after"),
            method,
        )
    finally:
        conn.close()


def log_in(server: LiveServer) -> tuple[str, str]:
    """The Cookie header of a browser logged in as Ana, through the login form, and the
    CSRF token its pages carry."""
    page = fetch(server, "/login")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page.body)
    assert csrf, page.body[:300]
    jar = {c.split("=", 1)[0]: c.split(";", 1)[0] for c in page.cookies}
    form = {"csrf": csrf.group(1), "account": "ana@example.org", "password": PASSWORD}
    done = fetch(server, "/login", "; ".join(jar.values()), form=form)
    assert done.status == 303, done.body[:300]
    jar.update({c.split("=", 1)[0]: c.split(";", 1)[0] for c in done.cookies})
    return "; ".join(jar.values()), csrf.group(1)


def leaks(answer: Answer, db_url: str) -> list[str]:
    """What an answer must never show: a traceback, the driver, where the database is."""
    where = urlsplit(db_url)
    words = ("Traceback", 'File "', "psycopg", "postgresql://", where.path.lstrip("/"))
    return [w for w in (*words, f":{where.port}") if w in answer.body]


def check_clean_refusal(answer: Answer) -> None:
    """A 503 that says, in one line, that the database is away and to try again."""
    assert answer.status == 503, answer
    assert answer.retry_after == "5", answer
    if answer.path.startswith("/api/"):
        assert answer.kind == "application/json", answer
        assert json.loads(answer.body) == {
            "error": {"type": "storage", "message": DATABASE_AWAY, "fields": {}}
        }
        return
    assert answer.kind.startswith("text/html"), answer
    message = re.search(r'<p class="error-message">([^<]*)</p>', answer.body)
    assert message and html.unescape(message.group(1)) == DATABASE_AWAY, answer.body[-800:]
    assert "<h1>Not available just now</h1>" in answer.body


def test_requests_fail_cleanly_while_the_database_restarts_and_recover(
    hosted_server: LiveServer, own_cluster: str, db_url: str
) -> None:
    cookie, csrf = log_in(hosted_server)
    assert "Anacorp Ltd" in fetch(hosted_server, "/api/v1/companies", cookie).body
    answers: list[Answer] = []
    done = threading.Event()
    sent: dict[str, Answer] = {}  # company name -> the answer to adding it

    def write() -> None:
        """Ana adding companies meanwhile, one every 50 ms."""
        n = 0
        while not done.is_set():
            name = f"Load {n}"
            try:
                sent[name] = fetch(
                    hosted_server, "/api/v1/companies", cookie, made={"name": name}, csrf=csrf
                )
            except OSError as exc:
                sent[name] = Answer(
                    "/api/v1/companies", time.monotonic(), BOUND + 10, 0, "", repr(exc)
                )
            n += 1
            time.sleep(0.05)

    def load(n: int) -> None:
        while not done.is_set():
            path = PATHS[n % len(PATHS)]
            try:
                answers.append(fetch(hosted_server, path, cookie))
            except OSError as exc:  # no answer at all (a reset, a timeout): recorded, and fails
                answers.append(Answer(path, time.monotonic(), BOUND + 10, 0, "", repr(exc)))
            n += 1

    workers = [threading.Thread(target=load, args=(n,)) for n in range(THREADS)]
    workers.append(threading.Thread(target=write))
    for worker in workers:
        worker.start()
    try:
        time.sleep(1.0)
        with stopped(own_cluster):
            down = time.monotonic()
            time.sleep(OUTAGE / 2)
            health_down = fetch(hosted_server, "/healthz")
            time.sleep(OUTAGE / 2)
        up = time.monotonic()
        time.sleep(RECOVERY + BOUND)
    finally:
        done.set()
        for worker in workers:
            worker.join(timeout=BOUND + 15)

    writes = list(sent.values())
    answers = sorted(answers + writes, key=lambda a: a.started)
    during = [a for a in answers if down <= a.started + a.seconds and a.started <= up]
    refused = [a for a in answers if a.status not in {200, 201}]
    after = [a for a in answers if a.started >= up + RECOVERY]
    back = min(a.started + a.seconds for a in answers if a.status < 300 and a.started >= down)
    print(
        f"{len(answers)} answers, {len(during)} while the database was away "
        f"({up - down:.1f} s with pg_ctl's start), {len(refused)} refused; slowest "
        f"{max(a.seconds for a in answers):.2f} s; answering again {back - up:+.2f} s "
        f"after the database was back"
    )
    wrong = [
        a for a in answers if a.status not in ({201, 503} if a.method == "POST" else {200, 503})
    ]
    assert not wrong, wrong
    assert refused, "no request noticed the database was away"
    for answer in refused:
        check_clean_refusal(answer)
    assert all(not leaks(a, db_url) for a in answers), [(a, leaks(a, db_url)) for a in refused]
    for a in answers:
        if a.seconds > 2.5:
            print(f"{a.started - down:+.2f} {a.seconds:.2f} {a.status} {a.path}")
    slowest = max(answers, key=lambda a: a.seconds)
    assert slowest.seconds <= BOUND, slowest
    assert health_down.status == 503 and json.loads(health_down.body) == {"status": "unavailable"}
    # Back without restarting nextround: every request since shortly after works.
    assert after and all(a.status < 300 for a in after), [a for a in after if a.status >= 300]
    assert back - up <= RECOVERY
    os.kill(hosted_server.pid, 0)  # the same process, still running
    assert fetch(hosted_server, "/healthz").status == 200
    today = fetch(hosted_server, "/", cookie)
    assert today.status == 200 and "<h1" in today.body
    assert "Anacorp Ltd" in fetch(hosted_server, "/api/v1/companies", cookie).body
    # Each change refused was all or nothing: stored whole or not at all, never twice. (A
    # refusal whose commit was already on its way when the server went may have been saved.)
    with psycopg.connect(db_url) as conn:
        stored = [r[0] for r in conn.execute("SELECT name FROM companies WHERE name LIKE 'Load %'")]
    assert len(stored) == len(set(stored))
    added = {name for name, a in sent.items() if a.status == 201}
    assert added <= set(stored) <= set(sent), (added - set(stored), set(stored) - set(sent))
    print(
        f"{len(sent)} companies sent, {len(added)} added, "
        f"{sum(a.status == 503 for a in writes)} refused "
        f"({len(set(stored) - added)} of them stored all the same)"
    )


def test_a_command_says_the_database_is_away_in_one_line_and_its_reads_recover(
    own_cluster: str, db_url: str, folder: Path
) -> None:
    """The command line's reads: psycopg's kept connection and the light libpq path."""
    reader = Database(db_url, pooled=False)
    try:
        with reader.reader() as c:
            assert c.scalar("SELECT name FROM companies") == "Anacorp Ltd"
        with reader.read() as c:
            assert c.scalar("SELECT name FROM companies") == "Anacorp Ltd"
        env = {**server_env(db_url, TODAY.isoformat(), folder), "NEXTROUND_USER": "ana@example.org"}
        with stopped(own_cluster):
            command = subprocess.run(
                [*serve_command(), "today"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            with pytest.raises(DatabaseUnavailable, match=AWAY), reader.read() as c:
                c.scalar("SELECT 1")
            if libpq.available():
                with pytest.raises(DatabaseUnavailable, match=AWAY), reader.reader() as c:
                    c.scalar("SELECT 1")
        assert command.returncode == 1
        lines = command.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: can't "), command.stderr
        assert lines[0].endswith("; check that the database server is running, then try again")
        assert "Traceback" not in command.stderr and command.stdout == ""
        # Back: both paths answer again, with the same Database object (no restart).
        with reader.reader() as c:
            assert c.scalar("SELECT name FROM companies") == "Anacorp Ltd"
        with reader.read() as c:
            assert c.scalar("SELECT name FROM companies") == "Anacorp Ltd"
    finally:
        reader.close()
