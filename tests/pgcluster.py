"""A throwaway PostgreSQL server for the test suite.

Two ways to get a server:

* Set ``NEXTROUND_TEST_POSTGRES_URL`` to a superuser URL of a server you run
  (``postgresql://user:password@host:port/dbname``). :func:`running_cluster` then
  yields that URL untouched and starts nothing.
* Otherwise :func:`running_cluster` runs ``initdb`` into a fresh temporary directory,
  starts the cluster with ``pg_ctl`` on a free port of 127.0.0.1, creates a database,
  yields ``postgresql://postgres@127.0.0.1:PORT/DBNAME``, and on exit stops the
  server (``pg_ctl -m immediate stop``) and removes the directory, even on failure.

``initdb`` refuses to run as root, so when the tests run as root the server programs
run as the ``postgres`` system user (through ``runuser``, else ``su``) and the
temporary directory is handed to that user.

The temporary directory goes in ``/dev/shm`` when that is a tmpfs with at least
1 GiB free and ``$TMPDIR`` is not set (initdb takes ~1 s there instead of ~2-3 s on
disk, CREATE DATABASE ~0.03 s instead of ~0.3 s), else in the usual temp dir. A small
watchdog process stops the server and removes the directory if the test process dies
without cleaning up (SIGTERM from a CI timeout, SIGKILL, a crash).

The cluster is tuned for tests, not for keeping data: ``fsync``,
``synchronous_commit`` and ``full_page_writes`` are off, it listens on 127.0.0.1
only, its Unix socket lives in the temporary directory, and every local connection
is trusted (no password).

:func:`new_database` and :func:`drop_database` give each test an empty database of
its own on whichever server is in use.

:func:`stopped` stops a :func:`temporary_cluster` for the length of a ``with`` block and
starts it again on the same port: a restart, for the tests of what nextround does while
its database is away (tests/web/test_db_restart.py).

Anything that stops a server from being had raises :class:`PostgresUnavailableError`,
whose message says what went wrong and how to fix it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

if TYPE_CHECKING:
    from pwd import struct_passwd  # POSIX only: imported lazily so Windows can load this

__all__ = [
    "ENV_URL",
    "INSTALL_HINT",
    "PostgresUnavailableError",
    "ServerPrograms",
    "drop_database",
    "find_programs",
    "free_port",
    "libpq_url",
    "new_database",
    "running_cluster",
    "server_version",
    "stopped",
    "temporary_cluster",
]

ENV_URL = "NEXTROUND_TEST_POSTGRES_URL"
"""Environment variable naming an existing server to use instead of starting one."""

INSTALL_HINT = (
    "install the PostgreSQL server programs (Debian/Ubuntu: `apt-get install postgresql`; "
    "Fedora: `dnf install postgresql-server`; macOS: `brew install postgresql`), "
    f"or set {ENV_URL} to the URL of a server you run"
)

DEFAULT_SEARCH_GLOBS: tuple[str, ...] = ("/usr/lib/postgresql/*/bin",)
"""Where Debian and Ubuntu put each PostgreSQL version's programs (not on PATH)."""

SERVER_USER = "postgres"
"""The system user that runs the server when the tests run as root."""

SUPERUSER = "postgres"
"""The cluster's superuser role."""

DEFAULT_DBNAME = "nextround_test"
"""The database that :func:`temporary_cluster` creates and points its URL at."""

_COMMAND_TIMEOUT = 120  # seconds for initdb / pg_ctl
_START_ATTEMPTS = 4  # a port picked as free can be taken before the server binds it
_MAX_SOCKET_DIR = 80  # Unix socket paths are limited to ~107 bytes
_LOG_TAIL_LINES = 25
_SHM = Path("/dev/shm")
_MIN_SHM_FREE = 1 << 30  # bytes


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server could be found, started or reached; the message says why."""


@dataclass(frozen=True)
class ServerPrograms:
    """Absolute paths to the server programs of one PostgreSQL installation."""

    initdb: Path
    pg_ctl: Path


# --------------------------------------------------------------------------- finding


def find_programs(
    path: str | None = None, search_globs: Sequence[str] = DEFAULT_SEARCH_GLOBS
) -> ServerPrograms:
    """Find ``initdb`` and ``pg_ctl``: on ``path`` (default ``$PATH``), else the newest
    version directory matched by ``search_globs``.

    Raises:
        PostgresUnavailableError: neither place has both programs.
    """
    initdb, pg_ctl = shutil.which("initdb", path=path), shutil.which("pg_ctl", path=path)
    if initdb and pg_ctl:
        return ServerPrograms(Path(initdb).resolve(), Path(pg_ctl).resolve())
    candidates = [
        Path(found) for pattern in search_globs for found in Path("/").glob(pattern.lstrip("/"))
    ]
    for bin_dir in sorted(candidates, key=_version_key, reverse=True):
        if _is_executable(bin_dir / "initdb") and _is_executable(bin_dir / "pg_ctl"):
            return ServerPrograms((bin_dir / "initdb").resolve(), (bin_dir / "pg_ctl").resolve())
    searched = ", ".join(["$PATH", *search_globs])
    raise PostgresUnavailableError(
        f"PostgreSQL server programs initdb and pg_ctl not found (searched {searched}); "
        + INSTALL_HINT
    )


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    """``/usr/lib/postgresql/15/bin`` -> ``(15,)``; ``9.6`` -> ``(9, 6)``; other -> ``()``."""
    version = bin_dir.parent.name
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        return ()
    return tuple(int(part) for part in version.split("."))


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


# --------------------------------------------------------------------------- the server


@contextmanager
def running_cluster(dbname: str = DEFAULT_DBNAME) -> Iterator[str]:
    """Yield the URL of a server to test against.

    ``$NEXTROUND_TEST_POSTGRES_URL`` when set (nothing is started or checked), else a
    :func:`temporary_cluster` that lives as long as the ``with`` block.
    """
    external = os.environ.get(ENV_URL, "").strip()
    if external:
        yield external
        return
    with temporary_cluster(dbname=dbname) as url:
        yield url


@contextmanager
def temporary_cluster(
    programs: ServerPrograms | None = None, dbname: str = DEFAULT_DBNAME
) -> Iterator[str]:
    """Create, start and yield a private PostgreSQL cluster; stop and delete it on exit.

    Yields ``postgresql://postgres@127.0.0.1:PORT/<dbname>``, a superuser URL.

    Raises:
        PostgresUnavailableError: the programs are missing, or initdb or start-up failed
            (the message carries the program's output or the tail of the server log).
    """
    programs = programs or find_programs()
    owner = _server_owner()
    root = Path(tempfile.mkdtemp(prefix="nr-pg-", dir=_base_dir(as_other_user=owner is not None)))
    data, log = root / "data", root / "server.log"
    watchdog: subprocess.Popen[bytes] | None = None
    try:
        watchdog = _start_watchdog(programs, data, root, owner)
        if owner is not None:
            os.chown(root, owner.pw_uid, owner.pw_gid)
        _run(
            [
                str(programs.initdb),
                f"--pgdata={data}",
                f"--username={SUPERUSER}",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ],
            owner,
            cwd=root,
            what="initdb",
        )
        _write_settings(data, socket_dir=root, owner=owner)
        port = _start(programs, data, log, owner, cwd=root)
        admin_url = f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres"
        _create_database(admin_url, dbname)
        yield _with_dbname(admin_url, dbname)
    finally:
        _stop(programs, data, owner, cwd=root)
        shutil.rmtree(root, ignore_errors=True)
        if watchdog is not None:
            _release_watchdog(watchdog)


def _server_owner() -> struct_passwd | None:
    """The user to run the server as: ``postgres`` when we are root, else ``None`` (us)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd

    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresUnavailableError(
            f"running as root, and initdb refuses root, but there is no {SERVER_USER!r} "
            f"system user to run the server as; {INSTALL_HINT} (the package creates the user), "
            "or run the tests as an ordinary user"
        ) from None


def _base_dir(*, as_other_user: bool) -> Path:
    """Where to make the temporary directory.

    ``$TMPDIR`` when set; else ``/dev/shm`` when it is a roomy tmpfs (on a plain disk
    initdb and CREATE DATABASE are several times slower, even with fsync off); else the
    usual temp dir. ``/tmp`` instead when the choice's path is too long for a Unix
    socket or, when the server runs as another user, not traversable by others.
    """
    base = Path(tempfile.gettempdir())
    if "TMPDIR" not in os.environ and _roomy_tmpfs(_SHM):
        base = _SHM
    too_long = len(str(base)) > _MAX_SOCKET_DIR - 20
    if too_long or (as_other_user and not _traversable_by_others(base)):
        return Path("/tmp")
    return base


def _roomy_tmpfs(path: Path) -> bool:
    """Whether ``path`` is a writable directory with room for a few clusters (Docker
    gives containers a 64 MiB ``/dev/shm`` by default, too small)."""
    if not hasattr(os, "statvfs"):  # Windows
        return False
    try:
        free = os.statvfs(path)
    except OSError:
        return False
    return os.access(path, os.W_OK | os.X_OK) and free.f_bavail * free.f_frsize >= _MIN_SHM_FREE


def _traversable_by_others(path: Path) -> bool:
    return all(p.stat().st_mode & stat.S_IXOTH for p in [path.resolve(), *path.resolve().parents])


def _write_settings(data: Path, *, socket_dir: Path, owner: struct_passwd | None) -> None:
    """Append the test settings to ``postgresql.conf`` (later lines win).

    The port is not here: it is given on each start attempt (``pg_ctl -o "-p PORT"``).
    """
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": _conf_string(str(socket_dir)),
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "100",
        "logging_collector": "off",
    }
    conf = data / "postgresql.conf"
    with conf.open("a", encoding="utf-8") as out:
        out.write("\n# nextround test settings (tests/pgcluster.py)\n")
        out.writelines(f"{key} = {value}\n" for key, value in settings.items())
    if owner is not None:
        os.chown(conf, owner.pw_uid, owner.pw_gid)


def _conf_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def _start(
    programs: ServerPrograms,
    data: Path,
    log: Path,
    owner: struct_passwd | None,
    *,
    cwd: Path,
) -> int:
    """Start the server on a free port (retrying if the port is taken meanwhile)."""
    for _attempt in range(_START_ATTEMPTS):
        port = free_port()
        result = _run(
            [
                str(programs.pg_ctl),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                f"-p {port}",
            ],
            owner,
            cwd=cwd,
            what="pg_ctl start",
            check=False,
        )
        if result.returncode == 0:
            return port
        tail = _log_tail(log)
        if "Address already in use" not in tail:
            raise PostgresUnavailableError(
                f"PostgreSQL did not start (pg_ctl exit {result.returncode}): "
                f"{_output(result)}\n--- end of the server log ---\n{tail}"
            )
    raise PostgresUnavailableError(
        f"PostgreSQL did not start: no free port after {_START_ATTEMPTS} attempts"
    )


def _stop(programs: ServerPrograms, data: Path, owner: struct_passwd | None, *, cwd: Path) -> None:
    """Stop the server if it runs; kill the postmaster if ``pg_ctl stop`` fails."""
    pid_file = data / "postmaster.pid"
    if not pid_file.exists():
        return
    result = _run(
        [str(programs.pg_ctl), "stop", "-D", str(data), "-m", "immediate", "-w", "-t", "30"],
        owner,
        cwd=cwd,
        what="pg_ctl stop",
        check=False,
    )
    if result.returncode != 0 and pid_file.exists():
        try:
            pid = int(pid_file.read_text(encoding="utf-8").split("\n", 1)[0])
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass


@contextmanager
def stopped(admin_url: str) -> Iterator[None]:
    """The server at ``admin_url`` (a :func:`temporary_cluster`'s superuser URL) stopped for
    the ``with`` block, as a restart does, and started again on the same port after it.

    ``pg_ctl stop -m fast``: open sessions are ended ("terminating connection due to
    administrator command") and new connections refused until the server is back.
    """
    with _connect(admin_url) as conn:
        found = conn.execute("SELECT current_setting('data_directory'), inet_server_port()")
        row = found.fetchone()
    assert row is not None
    data, port = Path(str(row[0])), int(row[1])
    programs, owner, root = find_programs(), _server_owner(), data.parent
    start = [str(programs.pg_ctl), "start", "-w", "-t", "60", "-D", str(data)]
    start += ["-l", str(root / "server.log")]
    _run(
        [str(programs.pg_ctl), "stop", "-D", str(data), "-m", "fast", "-w", "-t", "30"],
        owner,
        cwd=root,
        what="pg_ctl stop",
    )
    try:
        yield
    finally:
        _run(
            [*start, "-o", f"-p {port}"],
            owner,
            cwd=root,
            what="pg_ctl start",
        )


# Runs beside the tests and waits for its stdin to close: normally when the cluster has
# been stopped and removed (then it finds nothing to do), but also when the test process
# dies without running its ``finally`` (SIGTERM from a CI timeout, SIGKILL, a crash),
# so that no server is left running and no directory left behind. It has a session of
# its own and ignores SIGINT/SIGHUP so that Ctrl-C does not take it down first.
_WATCHDOG = """
import json, os, shutil, signal, subprocess, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGHUP, signal.SIG_IGN)
stop, pid_file, root = json.loads(sys.argv[1])
sys.stdin.buffer.read()
if os.path.exists(pid_file):
    subprocess.run(stop, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False, timeout=60)
shutil.rmtree(root, ignore_errors=True)
"""


def _start_watchdog(
    programs: ServerPrograms, data: Path, root: Path, owner: struct_passwd | None
) -> subprocess.Popen[bytes]:
    """Start the :data:`_WATCHDOG` that cleans up after a test process that died."""
    stop = _as_user(
        [str(programs.pg_ctl), "stop", "-D", str(data), "-m", "immediate", "-w", "-t", "30"],
        owner,
    )
    arguments = json.dumps([stop, str(data / "postmaster.pid"), str(root)])
    try:
        return subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            env=_server_env(),
            start_new_session=True,
        )
    except OSError as exc:
        raise PostgresUnavailableError(f"could not start the clean-up watchdog: {exc}") from exc


def _release_watchdog(watchdog: subprocess.Popen[bytes]) -> None:
    """Let the watchdog go (it finds nothing left to clean) and reap it."""
    assert watchdog.stdin is not None
    watchdog.stdin.close()
    try:
        watchdog.wait(timeout=30)
    except subprocess.TimeoutExpired:
        watchdog.kill()
        watchdog.wait()


def _log_tail(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        return f"(no log: {exc})"
    return "\n".join(lines[-_LOG_TAIL_LINES:])


def _run(
    args: Sequence[str],
    owner: struct_passwd | None,
    *,
    cwd: Path,
    what: str,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a server program, as ``owner`` when given, with ``PG*`` variables removed."""
    try:
        result = subprocess.run(
            _as_user(args, owner),
            cwd=cwd,
            env=_server_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=_COMMAND_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PostgresUnavailableError(f"{what} could not run: {exc}") from exc
    if check and result.returncode != 0:
        raise PostgresUnavailableError(
            f"{what} failed (exit {result.returncode}): {_output(result)}"
        )
    return result


def _server_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C"  # server messages in English, whatever the caller's locale
    return env


def _as_user(args: Sequence[str], owner: struct_passwd | None) -> list[str]:
    """Prefix ``args`` so that they run as ``owner`` (``runuser``, else ``su``)."""
    if owner is None:
        return list(args)
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", owner.pw_name, "--", *args]
    su = shutil.which("su")
    if su:
        return [su, owner.pw_name, "-s", "/bin/sh", "-c", shlex.join(args)]
    raise PostgresUnavailableError(
        f"running as root, but neither runuser nor su is available to run the server as "
        f"{owner.pw_name!r}; run the tests as an ordinary user or set {ENV_URL}"
    )


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return (result.stderr.strip() or result.stdout.strip() or "(no output)")[-4000:]


# --------------------------------------------------------------------------- databases


def new_database(admin_url: str, prefix: str = "nr_") -> str:
    """Create an empty database ``<prefix><uuid hex>`` and return its URL.

    ``admin_url`` must name a role that may create databases; the new database's URL
    is ``admin_url`` with the database name replaced and any SQLAlchemy driver suffix
    dropped (``postgresql+psycopg://`` -> ``postgresql://``), so that both psycopg and
    ``nextround.storage`` take it.
    """
    name = f"{prefix}{uuid.uuid4().hex}"
    _create_database(admin_url, name)
    return _with_dbname(libpq_url(admin_url), name)


def drop_database(admin_url: str, url: str) -> None:
    """Drop the database that ``url`` names (if it exists), ending its open sessions."""
    name = _dbname(url)
    if name == _dbname(admin_url):
        raise ValueError(f"refusing to drop the admin database {name!r}")
    with _connect(admin_url) as conn:
        if conn.info.server_version >= 130000:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            return
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def server_version(url: str) -> str:
    """``SELECT version()`` on the server at ``url``.

    Raises:
        PostgresUnavailableError: the server cannot be reached.
    """
    try:
        with _connect(url) as conn:
            row = conn.execute("SELECT version()").fetchone()
    except psycopg.OperationalError as exc:
        raise PostgresUnavailableError(f"cannot connect to PostgreSQL: {exc}") from exc
    assert row is not None
    return str(row[0])


def _create_database(admin_url: str, name: str) -> None:
    with _connect(admin_url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _connect(url: str) -> psycopg.Connection[TupleRow]:
    return psycopg.connect(libpq_url(url), autocommit=True, connect_timeout=10)


def libpq_url(url: str) -> str:
    """``url`` as libpq and psycopg take it: an SQLAlchemy driver suffix dropped
    (``postgresql+psycopg://...`` -> ``postgresql://...``)."""
    scheme, sep, rest = url.partition("://")
    return scheme.split("+", 1)[0] + sep + rest


def _dbname(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/"))


def _with_dbname(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + quote(name, safe="")))
