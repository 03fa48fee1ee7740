"""A throwaway Dovecot IMAP server on loopback for the test suite.

:func:`running_dovecot` writes a self-contained configuration (no
``/etc/dovecot`` include) into a fresh temporary directory and starts Debian's
``dovecot -F -c <conf>`` in the foreground on two free ports of 127.0.0.1: one
plain (which also offers STARTTLS) and one implicit TLS, both with a
throwaway self-signed certificate. Each test gets a user of its own
(:meth:`Dovecot.add_user`), with a plaintext password in a passwd-file;
mail lives in ``<tmp>/mail/<user>/Maildir``.

Dovecot never runs as root here: it refuses to give mail processes uid 0, so
when the tests run as root the server runs as ``nobody`` and the temporary
directory is handed to that user; otherwise it runs as the current user. All of
its services run as that one user (no chroot), logins fail without delay, and
it writes its log to ``dovecot.log`` in the temporary directory.

On exit the server gets SIGTERM (SIGKILL if it lingers) and the directory is
removed. A small watchdog process does both if the test process dies first.

Anything that stops a server from being had raises
:class:`DovecotUnavailableError`, whose message says what went wrong and how to
fix it.
"""

from __future__ import annotations

import imaplib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from nextround.mailconfig import ImapSettings
from tests.mail import Cert, make_cert

if TYPE_CHECKING:
    from pwd import struct_passwd  # POSIX only: imported lazily so Windows can load this

HOST = "127.0.0.1"
ENV_PROGRAM = "NEXTROUND_TEST_DOVECOT"
"""Environment variable naming the dovecot program to use (default: look for it)."""
INSTALL_HINT = (
    "install Dovecot's IMAP server (Debian/Ubuntu: `sudo apt-get install dovecot-imapd`; "
    "Fedora: `sudo dnf install dovecot`; macOS: `brew install dovecot`)"
)
#: A password with the characters IMAP has to quote (no ':', which passwd-file splits on).
PASSWORD = 'correct horse "battery" \\staple'
_SEARCH = ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot", "/opt/homebrew/sbin/dovecot")
_RUN_AS_WHEN_ROOT = "nobody"
_START_ATTEMPTS = 4
_START_TIMEOUT = 20.0


class DovecotUnavailableError(RuntimeError):
    """Dovecot could not be found or started; the message says why."""


@dataclass(frozen=True)
class ImapUser:
    """A mailbox on the test server, and a plain IMAP client for arranging it."""

    server: Dovecot
    name: str
    password: str = field(repr=False)

    def settings(self, security: str = "none", **extra: object) -> ImapSettings:
        port = self.server.ssl_port if security == "ssl" else self.server.plain_port
        values: dict[str, object] = {
            "host": HOST,
            "port": port,
            "security": security,
            "user": self.name,
            "password": self.password,
            "timeout": 10.0,
        }
        values.update(extra)
        return ImapSettings(**values)  # type: ignore[arg-type]

    @contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        connection = imaplib.IMAP4(HOST, self.server.plain_port, timeout=10)
        plain = f"\0{self.name}\0{self.password}".encode()
        try:
            connection.authenticate("PLAIN", lambda _: plain)
            yield connection
        finally:
            with suppress(imaplib.IMAP4.error, OSError):
                connection.logout()

    def create(self, *folders: str) -> None:
        with self.client() as imap:
            for folder in folders:
                _ok(imap.create(_quote(folder)))

    def delete(self, folder: str) -> None:
        with self.client() as imap:
            _ok(imap.delete(_quote(folder)))

    def append(self, folder: str, *messages: bytes, seen: bool = False) -> None:
        flags = r"(\Seen)" if seen else None
        with self.client() as imap:
            for data in messages:
                _ok(imap.append(_quote(folder), flags, None, data))

    def flags(self, folder: str = "INBOX") -> dict[int, frozenset[str]]:
        """Each message's flags by UID (``\\Recent`` left out: it is per session)."""
        with self.client() as imap:
            _ok(imap.select(_quote(folder), readonly=True))
            status, reply = imap.uid("FETCH", "1:*", "(UID FLAGS)")
            _ok((status, reply))
        found: dict[int, frozenset[str]] = {}
        for line in reply:
            assert isinstance(line, bytes)
            parsed = imaplib.ParseFlags(line)
            uid = int(line.split(b"UID ", 1)[1].split()[0].rstrip(b")"))
            found[uid] = frozenset(f.decode() for f in parsed) - {"\\Recent"}
        return found

    @property
    def maildir(self) -> Path:
        return self.server.root / "mail" / self.name / "Maildir"


@dataclass
class Dovecot:
    """A running server: where it listens, its certificate and its files."""

    root: Path
    plain_port: int
    ssl_port: int
    cert: Cert
    version: str
    run_as: struct_passwd

    def add_user(self, password: str = PASSWORD) -> ImapUser:
        """A new user with an empty mailbox.

        Each user has a domain of its own, and each domain a passwd-file of its own
        (``users/<domain>``), written before its first login: Dovecot checks a
        changed passwd-file at most once a second, so one shared file would miss
        users added in quick succession.
        """
        domain = f"{uuid.uuid4().hex[:12]}.test"
        name = f"sam@{domain}"
        users = self.root / "users" / domain
        users.write_text(f"{name}:{{PLAIN}}{password}::::::\n", encoding="utf-8")
        users.chmod(0o644)
        return ImapUser(self, name, password)


def find_dovecot() -> Path:
    """``$NEXTROUND_TEST_DOVECOT`` when set, else ``dovecot`` on ``$PATH`` or in an sbin."""
    chosen = os.environ.get(ENV_PROGRAM, "").strip()
    found = shutil.which("dovecot")
    candidates = [Path(chosen)] if chosen else [Path(p) for p in (found, *_SEARCH) if p]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    searched = ENV_PROGRAM if chosen else f"$PATH, {', '.join(_SEARCH)}"
    raise DovecotUnavailableError(
        f"the dovecot program was not found (searched {searched}); " + INSTALL_HINT
    )


@contextmanager
def running_dovecot(oauth2_introspection: str | None = None) -> Iterator[Dovecot]:
    """Start a private Dovecot; stop it and delete its files on exit.

    With ``oauth2_introspection`` (a URL), it also offers ``AUTHENTICATE XOAUTH2``
    and checks each token by POSTing it there (Dovecot's ``passdb oauth2``,
    RFC 7662 introspection: the answer's ``active`` must be true and its
    ``username`` the user logging in).
    """
    program = find_dovecot()
    version = _version(program)
    owner = _run_as()
    root = Path(tempfile.mkdtemp(prefix="nr-dovecot-", dir="/tmp"))
    process: subprocess.Popen[bytes] | None = None
    watchdog: subprocess.Popen[bytes] | None = None
    try:
        root.chmod(0o755)
        cert = make_cert(root / "tls")
        for sub in ("run", "state", "mail", "users"):
            (root / sub).mkdir()
        _hand_over(root, owner)
        for _attempt in range(_START_ATTEMPTS):
            plain, tls = _free_port(), _free_port()
            _write_config(root, cert, owner, plain, tls, oauth2_introspection)
            process = _start(program, root, owner)
            if _wait_until_listening(process, root, (plain, tls)):
                watchdog = _start_watchdog(process.pid, root)
                break
            process = None
        else:
            raise DovecotUnavailableError(f"no free ports after {_START_ATTEMPTS} attempts")
        yield Dovecot(root, plain, tls, cert, version, owner)
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(root, ignore_errors=True)
        if watchdog is not None:
            assert watchdog.stdin is not None
            watchdog.stdin.close()
            watchdog.wait(timeout=30)


def _version(program: Path) -> str:
    try:
        result = subprocess.run(
            [str(program), "--version"], capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DovecotUnavailableError(f"{program} --version failed: {exc}") from exc
    version = result.stdout.split()[0] if result.stdout.split() else "?"
    if not version.startswith("2.3"):
        # 2.4 renamed most settings (mail_location, passdb args, ssl_cert, ...).
        raise DovecotUnavailableError(
            f"the test configuration is written for Dovecot 2.3, this is {version}; " + INSTALL_HINT
        )
    return version


def _run_as() -> struct_passwd:
    import pwd

    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    try:
        return pwd.getpwnam(_RUN_AS_WHEN_ROOT)
    except KeyError:
        raise DovecotUnavailableError(
            f"running as root, and Dovecot won't read mail as root, but there is no "
            f"{_RUN_AS_WHEN_ROOT!r} user to run it as; run the tests as an ordinary user"
        ) from None


def _hand_over(root: Path, owner: struct_passwd) -> None:
    if os.geteuid() != 0:
        return
    for path in [root, *root.rglob("*")]:
        os.chown(path, owner.pw_uid, owner.pw_gid)


def _write_config(
    root: Path,
    cert: Cert,
    owner: struct_passwd,
    plain: int,
    tls: int,
    oauth2_introspection: str | None = None,
) -> None:
    import grp

    mechanisms, oauth2 = "plain login", ""
    if oauth2_introspection:
        mechanisms += " xoauth2 oauthbearer"
        oauth2 = f"passdb {{\n  driver = oauth2\n  args = {root}/oauth2.conf.ext\n}}\n"
        (root / "oauth2.conf.ext").write_text(
            "introspection_mode = post\n"
            f"introspection_url = {oauth2_introspection}\n"
            "username_attribute = username\n"
            "active_attribute = active\n"
            "active_value = true\n",
            encoding="utf-8",
        )
        (root / "oauth2.conf.ext").chmod(0o644)

    group = grp.getgrgid(owner.pw_gid).gr_name
    text = f"""\
# A throwaway Dovecot for the nextround tests (tests/imapserver.py).
protocols = imap
listen = {HOST}
base_dir = {root}/run
state_dir = {root}/state
instance_name = nextround-test-{root.name}
log_path = {root}/dovecot.log
default_internal_user = {owner.pw_name}
default_internal_group = {group}
default_login_user = {owner.pw_name}
first_valid_uid = 1
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
auth_failure_delay = 0
ssl = yes
ssl_cert = <{cert.cert_file}
ssl_key = <{cert.key_file}
mail_location = maildir:{root}/mail/%u/Maildir
mail_fsync = never
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/users/%d
}}
{oauth2}userdb {{
  driver = static
  args = uid={owner.pw_uid} gid={owner.pw_gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {HOST}
    port = {plain}
  }}
  inet_listener imaps {{
    address = {HOST}
    port = {tls}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # Nobody may use the penalty socket, so the auth process turns penalties off:
  # otherwise each failed login (the tests make some on purpose) delays every
  # later login from 127.0.0.1 by seconds.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""
    conf = root / "dovecot.conf"
    conf.write_text(text, encoding="utf-8")
    conf.chmod(0o644)


def _start(program: Path, root: Path, owner: struct_passwd) -> subprocess.Popen[bytes]:
    as_user: dict[str, object] = {}
    if os.geteuid() == 0:
        as_user = {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}
    with (root / "stderr.log").open("wb") as stderr:
        return subprocess.Popen(
            [str(program), "-F", "-c", str(root / "dovecot.conf")],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            cwd=root,
            start_new_session=True,
            **as_user,  # type: ignore[call-overload]
        )


def _wait_until_listening(
    process: subprocess.Popen[bytes], root: Path, ports: tuple[int, ...]
) -> bool:
    """True once both ports answer; False when a port was taken; raise on other failures."""
    deadline = time.monotonic() + _START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = _tail(root / "dovecot.log") + _tail(root / "stderr.log")
            if "Address already in use" in log:
                return False
            raise DovecotUnavailableError(
                f"dovecot stopped at start-up (exit {process.returncode}):\n{log}"
            )
        if all(_answers(port) for port in ports):
            return True
        time.sleep(0.05)
    _stop(process)
    raise DovecotUnavailableError(
        f"dovecot did not listen within {_START_TIMEOUT:g} s:\n{_tail(root / 'dovecot.log')}"
    )


def _answers(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) + "\n"
    except OSError:
        return ""


# Waits for its stdin to close (the normal end, or the test process dying without
# cleaning up), then stops the server if it still runs and removes the directory.
_WATCHDOG = """
import json, os, shutil, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGHUP, signal.SIG_IGN)
pid, root = json.loads(sys.argv[1])
sys.stdin.buffer.read()
try:
    os.kill(pid, signal.SIGTERM)
except OSError:
    pass
shutil.rmtree(root, ignore_errors=True)
"""


def _start_watchdog(pid: int, root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", _WATCHDOG, json.dumps([pid, str(root)])],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd="/",
        start_new_session=True,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(result: tuple[str, list[object]]) -> None:
    status, reply = result
    assert status == "OK", f"IMAP {status}: {reply}"


# --------------------------------------------------------------------------- misbehaving


@contextmanager
def dropping_proxy(
    target_port: int,
    *,
    trigger: bytes,
    after: int = 200,
    rewrite: Callable[[bytes], bytes] | None = None,
) -> Iterator[int]:
    """A port that relays to ``target_port`` but hangs up on the first connection
    ``after`` bytes into the server's answer to a command containing ``trigger``.

    Later connections are relayed whole, so a client that reconnects gets through.
    """
    listener = socket.create_server((HOST, 0))
    dropped = threading.Event()
    threads: list[threading.Thread] = []

    def serve() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection((HOST, target_port))
            relay = _Relay(client, upstream, trigger, after, dropped, rewrite)
            threads.extend(relay.start())

    acceptor = threading.Thread(target=serve, daemon=True)
    acceptor.start()
    try:
        yield listener.getsockname()[1]
    finally:
        with suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below
        listener.close()
        acceptor.join(timeout=5)
        for thread in threads:
            thread.join(timeout=5)


@contextmanager
def rewriting_proxy(
    target_port: int, *, trigger: bytes, rewrite: Callable[[bytes], bytes]
) -> Iterator[int]:
    """A port that relays to ``target_port``, passing what the server sends after the
    first command containing ``trigger`` through ``rewrite`` (a malformed answer)."""
    with dropping_proxy(target_port, trigger=trigger, after=-1, rewrite=rewrite) as port:
        yield port


@dataclass
class _Relay:
    client: socket.socket
    upstream: socket.socket
    trigger: bytes
    after: int  # -1: never hang up
    dropped: threading.Event
    rewrite: Callable[[bytes], bytes] | None = None
    armed: threading.Event = field(default_factory=threading.Event)

    def start(self) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self._up, daemon=True),
            threading.Thread(target=self._down, daemon=True),
        ]
        for thread in threads:
            thread.start()
        return threads

    def _up(self) -> None:
        while data := _recv(self.client):
            if self.trigger in data and not self.dropped.is_set():
                self.dropped.set()
                self.armed.set()
            with suppress(OSError):
                self.upstream.sendall(data)
        self._close()

    def _down(self) -> None:
        sent = 0
        while data := _recv(self.upstream):
            if self.armed.is_set() and self.rewrite is not None:
                data = self.rewrite(data)
            elif self.armed.is_set():
                data = data[: max(0, self.after - sent)]
                sent += len(data)
            with suppress(OSError):
                self.client.sendall(data)
            if self.armed.is_set() and self.rewrite is None and sent >= self.after:
                break
        self._close()

    def _close(self) -> None:
        for sock in (self.client, self.upstream):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


__all__ = [
    "ENV_PROGRAM",
    "HOST",
    "INSTALL_HINT",
    "PASSWORD",
    "Dovecot",
    "DovecotUnavailableError",
    "ImapUser",
    "dropping_proxy",
    "find_dovecot",
    "rewriting_proxy",
    "running_dovecot",
]
