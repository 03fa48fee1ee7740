"""Storage that survives being killed, many processes starting at once, and a full disk.

Real processes: each start is a new Python process opening the database, killed
with SIGKILL at many moments; afterwards the database must be at the old schema
or the new one, never between, with its rows, and the next start must succeed.
"""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from nextround.errors import StorageError
from nextround.storage import sqlite_files
from nextround.storage.database import Database, open_database
from nextround.storage.revision_ids import HEAD, REVISIONS
from tests.tables import at_revision, revision_of, table_names

OPEN = "from nextround.storage.database import open_database; open_database({url!r}).close()"
#: Moments (seconds after the process starts) at which it is killed.
MOMENTS = [i * 0.04 for i in range(1, 26)]


#: Run a command bound by file permissions even as root (CI runs as root): without the
#: capabilities that let root write anywhere.
BOUND = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search,-fowner",
    "--inh-caps=-dac_override,-dac_read_search,-fowner",
    "--",
]


def start(url: str, *, bound: bool = False, **popen: object) -> subprocess.Popen[bytes]:
    prefix = BOUND if bound else []
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [*prefix, sys.executable, "-c", OPEN.format(url=url)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **popen,
    )


def killed_after(url: str, seconds: float) -> bool:
    """Start a process opening ``url`` and kill it after ``seconds``; True if it was still running."""
    process = start(url)
    time.sleep(seconds)
    running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.communicate()
    return running


def no_leftovers(path: Path) -> None:
    """The file is at one schema revision, whole: no table of a half-done batch copy."""
    connection = sqlite3.connect(path)
    try:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master")]
        assert not [n for n in names if n.startswith("_alembic_tmp")]
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        connection.close()


def spread_over_one_start(path: Path) -> list[float]:
    """Kill moments spread over how long one whole start takes on this machine, now: a
    fixed list lands mostly after the work on a quiet machine, before it on a busy one."""
    began = time.monotonic()
    start(str(path)).communicate()
    took = time.monotonic() - began
    return [took * i / (len(MOMENTS) + 1) for i in range(1, len(MOMENTS) + 1)]


def test_killed_while_creating_a_database_the_next_start_succeeds(tmp_path: Path) -> None:
    interrupted = 0
    for i, moment in enumerate(spread_over_one_start(tmp_path / "timed.db")):
        path = tmp_path / f"n{i}.db"
        interrupted += killed_after(str(path), moment)
        if path.exists():
            assert sqlite_files.exists(path)  # only ever a whole database, put in place at once
            no_leftovers(path)
        open_database(str(path)).close()
        assert revision_of(Database(str(path))) == HEAD
        no_leftovers(path)
    assert interrupted >= len(MOMENTS) // 2, "most kills should land while it was working"


def old_database(path: Path) -> None:
    """A database at the first schema revision, with rows to keep."""
    old = at_revision(str(path), REVISIONS[0])
    with old.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
        c.execute(
            "INSERT INTO applications (owner_id, company_id, role, status, applied_on) "
            "VALUES (1, 1, 'Engineer', 'rejected', '2026-10-01')"
        )
    old.close()


def test_killed_while_upgrading_the_schema_is_old_or_new_never_between(tmp_path: Path) -> None:
    seen: set[str] = set()
    for i, moment in enumerate(MOMENTS):
        path = tmp_path / f"u{i}.db"
        old_database(path)
        killed_after(str(path), moment)
        no_leftovers(path)
        db = Database(str(path))
        revision = revision_of(db)
        seen.add(revision)
        assert revision in {REVISIONS[0], HEAD}
        with db.read() as c:
            assert c.scalar("SELECT name FROM companies") == "Acme"
            if revision == HEAD:
                assert "changes" in table_names(c)
            else:
                assert "changes" not in table_names(c) and "feed_tokens" not in table_names(c)
        db.close()
        open_database(str(path)).close()
        assert revision_of(Database(str(path))) == HEAD
    assert REVISIONS[0] in seen, "some kill should land before the upgrade committed"


@pytest.mark.postgres
def test_killed_while_upgrading_postgres_is_old_or_new(postgres_url: str) -> None:
    old = at_revision(postgres_url, REVISIONS[0])
    with old.transaction() as c:
        c.execute("INSERT INTO companies (owner_id, name) VALUES (1, 'Acme')")
    old.close()
    for moment in MOMENTS[::3]:
        killed_after(postgres_url, moment)
        db = Database(postgres_url)
        assert revision_of(db) in {REVISIONS[0], HEAD}
        with db.read() as c:
            assert c.scalar("SELECT name FROM companies") == "Acme"
        db.close()
    open_database(postgres_url).close()
    assert revision_of(Database(postgres_url)) == HEAD


def many_at_once(url: str, count: int = 8) -> list[tuple[int, str]]:
    processes = [start(url) for _ in range(count)]
    results = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        results.append((process.returncode, err.decode()))
    return results


def test_eight_processes_starting_on_a_new_sqlite_file_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    results = many_at_once(str(path))
    assert results == [(0, "")] * 8
    db = Database(str(path))
    assert revision_of(db) == HEAD
    db.close()
    assert not list(tmp_path.glob(".shared.db.creating-*"))


def test_eight_processes_upgrading_an_old_sqlite_file_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    assert many_at_once(str(path)) == [(0, "")] * 8
    db = Database(str(path))
    assert revision_of(db) == HEAD
    with db.read() as c:
        assert c.scalars("SELECT role FROM applications") == ["Engineer"]
    db.close()
    assert len(sqlite_files.backups(path)) <= sqlite_files.BACKUPS_KEPT


@pytest.mark.postgres
def test_eight_processes_starting_on_an_empty_postgres_database_all_succeed(
    postgres_url: str,
) -> None:
    assert many_at_once(postgres_url) == [(0, "")] * 8
    assert revision_of(Database(postgres_url)) == HEAD


def test_only_the_latest_three_copies_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    open_database(str(path)).close()
    made = [sqlite_files.backup(path, f"000{i}_x") for i in range(5)]
    kept = sqlite_files.backups(path)
    assert kept == made[-3:]
    assert not made[0].exists() and not made[1].exists()


def limited(max_bytes: int) -> Callable[[], None]:
    """A child process whose files can't grow past ``max_bytes``: a disk that is full."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return apply


def test_a_full_disk_during_an_upgrade_names_the_copy_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    before = path.read_bytes()
    process = start(str(path), preexec_fn=limited(len(before) + 8192))
    _, err = process.communicate(timeout=120)
    message = err.decode().strip().splitlines()[-1]
    assert process.returncode != 0
    assert "can't upgrade the database" in message or "can't keep a copy" in message, message
    assert path.read_bytes() == before or revision_of(Database(str(path))) == REVISIONS[0]
    copies = sqlite_files.backups(path)
    if "can't upgrade" in message:
        assert str(copies[-1]) in message
    open_database(str(path)).close()
    assert revision_of(Database(str(path))) == HEAD


def test_an_old_database_in_a_folder_that_cant_be_written_is_left_as_it_was(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "old.db"
    old_database(path)
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        process = start(str(path), bound=True)
        _, raw = process.communicate(timeout=120)
    finally:
        folder.chmod(0o755)
    err = raw.decode().strip().splitlines()[-1]
    assert process.returncode == 1, err
    assert err.endswith(
        f"can't open database {path}: its folder {folder} is not writable, and SQLite keeps "
        "its journal beside the file; make the folder writable"
    ), err
    assert path.read_bytes() == before


def test_a_read_only_database_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "mine.db"
    open_database(str(path)).close()
    path.chmod(0o444)
    script = (
        "from nextround.storage.database import open_database\n"
        f"db = open_database({str(path)!r})\n"
        "with db.transaction() as c:\n"
        "    c.execute(\"INSERT INTO companies (owner_id, name) VALUES (1, 'X')\")\n"
    )
    done = subprocess.run(
        [*BOUND, sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert "is read-only; check its permissions or choose another with --db" in last, last


def test_db_upgrade_on_its_own_and_db_status(tmp_path: Path) -> None:
    from tests.cli.runner import Nextround

    path = tmp_path / "old.db"
    old_database(path)
    nr = Nextround(tmp_path, str(path))
    status = nr.ok("db", "status").out
    assert status == f"{path}: schema {REVISIONS[0]} (older; this nextround needs {HEAD})\n"
    done = nr.ok("db", "upgrade").out
    [copy] = sqlite_files.backups(path)
    assert (
        done == f"Upgraded {path} from {REVISIONS[0]} to {HEAD}. A copy taken before is {copy}.\n"
    )
    assert nr.ok("db", "upgrade").out == f"{path} is already at schema {HEAD}; nothing to do.\n"
    assert nr.ok("db", "status", "--json").json()["current"] is True


def test_opening_without_upgrading_says_how(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    with pytest.raises(StorageError, match=r"run `nextround db upgrade`"):
        open_database(str(path), upgrade=False)
    assert revision_of(Database(str(path))) == REVISIONS[0]


def test_a_copy_that_cant_be_written_stops_the_upgrade_before_it_starts(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "old.db"
    old_database(path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")  # readable without writing beside it
    connection.close()
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        process = start(str(path), bound=True)
        _, raw = process.communicate(timeout=120)
    finally:
        folder.chmod(0o755)
    err = raw.decode().strip().splitlines()[-1]
    assert process.returncode == 1
    assert f"can't keep a copy of {path} before upgrading it" in err, err
    assert err.endswith(
        f"the database was not changed. Make room or make {folder} writable, then try again"
    )
    assert path.read_bytes() == before
    assert not sqlite_files.backups(path)
