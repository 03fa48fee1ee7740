"""The real web app in a real process: ``nextround serve`` on a free loopback port.

The end-to-end tests drive the app the way a user runs it, so the server is the
installed command (``.venv/bin/nextround serve``, or ``python -m nextround``
when the script is missing), not an app object imported into the test process:
the CLI entry, the settings from the environment and uvicorn are all covered.

:func:`running_server` starts it against a database file with ``today`` pinned,
waits until ``/`` answers, yields a :class:`LiveServer`, and stops it on exit
(SIGINT, as Ctrl+C does; SIGKILL if it hangs). Whatever the server printed is
kept in a log file and shown when it fails to start.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: How long the server may take to answer its first request.
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class LiveServer:
    """A running ``nextround serve``: where it answers, and what it runs on."""

    base_url: str
    db: Path | str
    log: Path
    pid: int

    def url(self, path: str = "/") -> str:
        return self.base_url + path


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def serve_command() -> list[str]:
    """The command a user runs: the installed script beside this interpreter."""
    script = Path(sys.executable).with_name("nextround")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "nextround"]


def server_env(db: Path | str, today: str, folder: Path) -> dict[str, str]:
    """The environment of the server: this database, this day, no user config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEXTROUND_")}
    env.update(
        NEXTROUND_DB=str(db),
        NEXTROUND_TODAY=today,
        NEXTROUND_CONFIG=str(folder / "config" / "config.toml"),
        XDG_DATA_HOME=str(folder / "xdg-data"),
        XDG_CONFIG_HOME=str(folder / "xdg-config"),
    )
    return env


@contextmanager
def running_server(
    db: Path | str, today: str, folder: Path, extra: tuple[str, ...] = ()
) -> Iterator[LiveServer]:
    """``nextround serve`` on ``db`` (a file or a URL) with ``today`` pinned; stopped on exit.

    ``extra`` are more ``serve`` options (``--host 0.0.0.0 --allow-host 127.0.0.1``).
    """
    port = free_port()
    log = folder / f"serve-{port}.log"
    folder.mkdir(parents=True, exist_ok=True)
    command = [*serve_command(), "serve", "--port", str(port), *extra]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            env=server_env(db, today, folder),
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", db, log, process.pid)
    try:
        wait_until_answering(server, process)
        yield server
    finally:
        stop(process)


def wait_until_answering(server: LiveServer, process: subprocess.Popen[bytes]) -> None:
    """Poll ``/`` until it answers; fail with the server's output if it dies or hangs."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"nextround serve exited with {process.returncode}:\n{_tail(server.log)}"
            )
        if _answers(server.url("/")):
            return
        time.sleep(0.05)
    raise RuntimeError(
        f"nextround serve did not answer within {START_TIMEOUT:.0f} s:\n{_tail(server.log)}"
    )


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status < 500)
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except OSError:
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl+C, as a user stops it; killed if it doesn't stop in time."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no output)"
