"""A real HTTP server on loopback, in a thread, serving job-board fixtures.

Each route (method and path, query left out) answers with a list of
:class:`Reply`; the last one repeats. Every request is kept in ``requests``
(method, path with query, headers, body) so tests can see what was sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering (a slow server).
    delay: float = 0.0
    #: Bytes to stream in chunks without a Content-Length (an endless answer).
    stream: int = 0
    #: Seconds between streamed chunks (a server trickling its answer).
    trickle: float = 0.0

    @classmethod
    def json(cls, value: object, headers: dict[str, str] | None = None, **kw: object) -> Reply:
        sent = {"Content-Type": "application/json", **(headers or {})}
        return cls(body=json.dumps(value).encode(), headers=sent, **kw)  # type: ignore[arg-type]


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class BoardServer:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.requests: list[Seen] = []
        #: Requests being answered now, and the most at once so far.
        self.in_flight = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def started(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.most_at_once = max(self.most_at_once, self.in_flight)

    def finished(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def route(self, path: str, *replies: Reply, method: str = "GET") -> None:
        self.routes[(method, path)] = list(replies)

    def reply_for(self, method: str, path: str) -> Reply:
        with self._lock:
            replies = self.routes.get((method, urlsplit(path).path))
            if not replies:
                return Reply(404, b'{"error": "not found"}')
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if urlsplit(r.path).path == path]


def _handler(board: BoardServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            board.requests.append(Seen(self.command, self.path, dict(self.headers), body))
            reply = board.reply_for(self.command, self.path)
            board.started()
            try:
                time.sleep(reply.delay)
            finally:
                board.finished()
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.stream:
                self.send_header("Connection", "close")
                self.end_headers()
                self._stream(reply.stream, reply.trickle)
                return
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def _stream(self, size: int, trickle: float) -> None:
            chunk = b"[" + b" " * (65_534 if not trickle else 9)
            try:
                for _ in range(size // len(chunk)):
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    time.sleep(trickle)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

    return Handler


@contextmanager
def serving() -> Iterator[tuple[BoardServer, str]]:
    """A board server on a free port of 127.0.0.1, and its base URL."""
    board = BoardServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(board))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield board, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
