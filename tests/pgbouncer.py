"""A throwaway PgBouncer in transaction mode in front of the tests' PostgreSQL server.

:func:`running_pgbouncer` writes a config into a temporary directory, starts
Debian's ``pgbouncer`` on a free port of 127.0.0.1 (as the ``postgres`` system
user when the tests run as root: PgBouncer refuses root), waits until it
listens, yields its host and port, and stops it on exit. Every database of the
server is reachable through it with the server's user and no password
(``auth_type = trust``, as the test server trusts local connections).

``pool_mode = transaction`` with few server connections, each reset after
every transaction (``DISCARD ALL``): consecutive transactions of one client
land on different server connections, and anything kept in a session (a
``SET``, a prepared statement) is gone by the next transaction.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from tests.pgcluster import _as_user, _server_owner, free_port

INSTALL_HINT = "install PgBouncer: sudo apt-get install pgbouncer"


class PgBouncerUnavailableError(RuntimeError):
    """PgBouncer is not installed or did not start; the message says why."""


def program() -> str | None:
    return shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if os.access("/usr/sbin/pgbouncer", os.X_OK) else None
    )


def _config(folder: Path, server_url: str, port: int, pool_size: int) -> Path:
    server = urlsplit(server_url)
    user = server.username or "postgres"
    (folder / "users.txt").write_text(f'"{user}" ""\n', encoding="utf-8")
    ini = folder / "pgbouncer.ini"
    ini.write_text(
        "[databases]\n"
        f"* = host={server.hostname} port={server.port}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {folder / 'users.txt'}\n"
        f"pool_mode = transaction\ndefault_pool_size = {pool_size}\n"
        # Every transaction ends with the server connection reset: strictly nothing
        # of a session survives into the next transaction.
        "max_client_conn = 200\nserver_reset_query = DISCARD ALL\nserver_reset_query_always = 1\n"
        f"logfile = {folder / 'pgbouncer.log'}\npidfile = {folder / 'pgbouncer.pid'}\n",
        encoding="utf-8",
    )
    return ini


def _wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PgBouncerUnavailableError(f"pgbouncer exited at once:\n{text}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise PgBouncerUnavailableError("pgbouncer did not listen within 15 seconds")


@contextmanager
def running_pgbouncer(server_url: str, pool_size: int = 2) -> Iterator[tuple[str, int]]:
    """PgBouncer (transaction mode) in front of ``server_url``'s server: ``(host, port)``."""
    found = program()
    if found is None:
        raise PgBouncerUnavailableError(INSTALL_HINT)
    owner = _server_owner()
    folder = Path(tempfile.mkdtemp(prefix="nr-pgbouncer-"))
    try:
        port = free_port()
        ini = _config(folder, server_url, port, pool_size)
        if owner is not None:
            for path in (folder, *folder.iterdir()):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        process = subprocess.Popen(
            _as_user([found, "-q", str(ini)], owner),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_listening(port, process, folder / "pgbouncer.log")
            yield "127.0.0.1", port
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
