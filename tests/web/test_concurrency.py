"""No lost updates: many clients acting on the same records at once, on SQLite and PostgreSQL.

Real clients against the real server (``nextround serve`` in its own process),
all released together: of contradictory changes one wins, the others are
told (409), nothing is half applied, and every change acknowledged is one
the database holds.
"""

from __future__ import annotations

import json
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.services.context import open_context
from nextround.storage.database import Database
from tests.cli.runner import Nextround
from tests.conftest import TODAY
from tests.services.scenario import interviewed
from tests.web.server import LiveServer, running_server

CLIENTS = 8


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.db")
    found: str = request.getfixturevalue("postgres_url")
    return found


@pytest.fixture
def rejected(url: str, tmp_path: Path) -> tuple[str, list[int]]:
    """A rejected application with its plan; the ids of its open steps."""
    from nextround.services import applications, tasks

    ctx = open_context(Settings(db_url=url, today=TODAY, templates_dir=tmp_path / "templates"))
    try:
        s = interviewed(ctx)
        applications.reject(ctx, s.app_id)
        return url, [t.id for t in tasks.list_tasks(ctx)]
    finally:
        ctx.close()


@pytest.fixture
def server(rejected: tuple[str, list[int]], tmp_path: Path) -> Iterator[LiveServer]:
    with running_server(rejected[0], TODAY.isoformat(), tmp_path / "serve") as live:
        yield live


def call(
    server: LiveServer, method: str, path: str, body: object = None
) -> tuple[int, dict[str, object]]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(server.url(path), data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def together(
    actions: list[Callable[[], tuple[int, dict[str, object]]]],
) -> list[tuple[int, dict[str, object]]]:
    """Run every action at the same moment, each on its own thread."""
    start = threading.Barrier(len(actions))

    def run(action: Callable[[], tuple[int, dict[str, object]]]) -> tuple[int, dict[str, object]]:
        start.wait()
        return action()

    with ThreadPoolExecutor(len(actions)) as pool:
        return list(pool.map(run, actions))


def task_rows(url: str) -> dict[int, tuple[str, object, int]]:
    db = Database(url)
    try:
        with db.read() as c:
            rows = c.rows("SELECT id, status, done_on, revision FROM tasks")
        return {int(r[0]): (str(r[1]), r[2], int(r[3])) for r in rows}
    finally:
        db.close()


def test_clients_marking_the_same_steps_done_and_snoozing_them(
    server: LiveServer, rejected: tuple[str, list[int]]
) -> None:
    url, ids = rejected
    before = task_rows(url)
    outcomes: dict[int, list[tuple[str, int]]] = {}
    for task_id in ids:
        actions: list[Callable[[], tuple[int, dict[str, object]]]] = []
        for i in range(CLIENTS):
            if i % 2:
                actions.append(lambda t=task_id: call(server, "POST", f"/api/v1/tasks/{t}/done"))
            else:
                actions.append(
                    lambda t=task_id: call(
                        server, "POST", f"/api/v1/tasks/{t}/snooze", {"until": "2027-01-15"}
                    )
                )
        results = together(actions)
        outcomes[task_id] = [
            ("done" if i % 2 else "snooze", code) for i, (code, _) in enumerate(results)
        ]
        for code, body in results:
            assert code in {200, 409}, body
            if code == 409:
                assert body["error"]["type"] == "conflict"  # type: ignore[index]
    after = task_rows(url)
    for task_id in ids:
        wins = [kind for kind, code in outcomes[task_id] if code == 200]
        status, done_on, revision = after[task_id]
        assert wins.count("done") == 1, outcomes[task_id]
        assert status == "done" and done_on is not None
        # Every change acknowledged is in the database: one revision each, none lost.
        assert revision - before[task_id][2] == len(wins)


def test_clients_editing_one_record_from_the_same_revision(server: LiveServer) -> None:
    code, company = call(server, "GET", "/api/v1/companies/1")
    assert code == 200
    revision = company["revision"]
    results = together(
        [
            (
                lambda i=i: call(
                    server,
                    "PATCH",
                    "/api/v1/companies/1",
                    {"notes": f"client {i}", "revision": revision},
                )
            )
            for i in range(CLIENTS)
        ]
    )
    codes = sorted(code for code, _ in results)
    assert codes == [200] + [409] * (CLIENTS - 1)
    winner = next(body for code, body in results if code == 200)
    assert call(server, "GET", "/api/v1/companies/1")[1]["notes"] == winner["notes"]


def test_two_command_lines_acting_on_the_same_steps(
    rejected: tuple[str, list[int]], tmp_path: Path
) -> None:
    url, ids = rejected
    nr = Nextround(tmp_path, url)
    for task_id in ids:
        before = task_rows(url)[task_id][2]
        commands = [
            ["task", "done", str(task_id)],
            ["task", "snooze", str(task_id), "--until", "2027-01-15"],
        ]
        processes = [
            subprocess.Popen(
                [str(_script()), *args],
                env=nr.env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for args in commands
        ]
        finished = [(p.wait(timeout=60), p.communicate()) for p in processes]
        codes = [code for code, _ in finished]
        for code, (_, err) in finished:
            assert code == 0 or (
                code == 1 and err.startswith("Error: task ") and err.count("\n") == 1
            ), err
        status, done_on, revision = task_rows(url)[task_id]
        # Done always wins (a snoozed step can still be done); the snooze wins only if first.
        assert codes[0] == 0, finished
        assert status == "done" and done_on is not None
        assert revision - before == codes.count(0)


def _script() -> Path:
    import sys

    return Path(sys.executable).with_name("nextround")
