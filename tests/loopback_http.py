"""A small HTTP server of the tests' own on loopback, in a thread of the test process: the
fake OAuth and OpenID Connect providers answer through it.

:func:`serving` runs a handler class on a free port of 127.0.0.1 and yields its base
URL; :class:`Handler` is the base for the handlers: it reads a posted form, sends a body
or JSON with its length, and logs nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class Handler(BaseHTTPRequestHandler):
    def form(self) -> dict[str, str]:
        """The posted form, each field's first value."""
        length = int(self.headers.get("Content-Length", "0"))
        return {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}

    def send_json(self, status: int, body: object) -> None:
        self.send_body(status, {}, json.dumps(body).encode(), "application/json")

    def send_body(self, status: int, headers: dict[str, str], data: bytes, kind: str) -> None:
        self.send_response(status)
        for name, value in {**headers, "Content-Type": kind}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` answering on a free port of 127.0.0.1 from a daemon thread; its base
    URL. Shut down on exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
