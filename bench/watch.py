"""Benchmark `watch run`: 1,000 watched Greenhouse boards served on loopback.

    .venv/bin/python bench/watch.py                  # 1,000 boards, 20 postings each
    .venv/bin/python bench/watch.py --boards 200     # a quick run

A board server runs in a child process (so it doesn't share the client's
GIL): each board answers with an ``ETag`` and a 304 when it is sent back
unchanged. Three runs of the real service (:func:`run_watches`) on a fresh
SQLite database: the first read of every board; a run where 10% of boards
changed (90% answer 304); a run where every board changed (two postings
closed, two new). Prints and writes ``bench/out/watch.json``: seconds,
requests, statuses per run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import platform
import sys
import tempfile
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "src"))


def serve(port_out: multiprocessing.Queue, boards: int, postings: int) -> None:  # type: ignore[type-arg]
    versions = dict.fromkeys(range(boards), 0)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # /bump?every=N: every Nth board changes
            every = int(self.path.split("every=")[1])
            for board in list(versions):
                if board % every == 0:
                    versions[board] += 1
            self._send(200, b"{}", {})

        def do_GET(self) -> None:
            board = int(self.path.split("/")[3][1:])
            version = versions[board]
            etag = f'"{board}-{version}"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", {"ETag": etag})
                return
            jobs = [
                {
                    "id": board * 10_000 + version * 2 + i,
                    "title": f"Engineer {i}",
                    "location": {"name": "Berlin"},
                }
                for i in range(postings)
            ]
            body = json.dumps({"jobs": jobs, "meta": {"total": postings}}).encode()
            self._send(200, body, {"ETag": etag, "Content-Type": "application/json"})

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port_out.put(httpd.server_address[1])
    httpd.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=1000)
    parser.add_argument("--postings", type=int, default=20)
    args = parser.parse_args()
    import urllib.request

    from nextround.config import Settings
    from nextround.domain.companies import NewCompany
    from nextround.domain.watch import NewWatch
    from nextround.services import companies
    from nextround.services import watch as service
    from nextround.services.context import open_context
    from nextround.watchconfig import DEFAULT_BASES, WatchSettings

    ports: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(
        target=serve, args=(ports, args.boards, args.postings), daemon=True
    )
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=10)}"
    results: dict[str, object] = {"boards": args.boards, "postings_per_board": args.postings}
    with tempfile.TemporaryDirectory() as tmp:
        watch = WatchSettings(bases=dict.fromkeys(DEFAULT_BASES, base))
        settings = Settings(
            db_url=str(Path(tmp) / "bench.db"), today=date(2026, 12, 1), watch=watch
        )
        ctx = open_context(settings)
        started = time.perf_counter()
        for i in range(args.boards):
            company = companies.add_company(ctx, NewCompany(f"Company {i:04d}"))
            service.add_watch(ctx, NewWatch(company.id, board=f"boards.greenhouse.io/b{i}"))
        results["setup_seconds"] = round(time.perf_counter() - started, 2)
        for day, (name, every) in enumerate(
            (("first read", 0), ("10% changed", 10), ("all changed", 1))
        ):
            if every:
                urllib.request.urlopen(
                    urllib.request.Request(f"{base}/bump?every={every}", method="POST")
                )
            run_ctx = ctx.fresh(
                settings=dataclasses.replace(settings, today=settings.today + timedelta(days=day))
            )
            started = time.perf_counter()
            report = service.run_watches(run_ctx)
            seconds = time.perf_counter() - started
            results[name] = {
                "seconds": round(seconds, 2),
                "requests": report.requests,
                "statuses": report.counts,
            }
            print(f"{name:>12}: {seconds:6.2f} s, {report.requests} requests, {report.counts}")
        ctx.close()
    server.terminate()
    results["machine"] = {"python": platform.python_version(), "cpus": multiprocessing.cpu_count()}
    OUT.mkdir(exist_ok=True)
    (OUT / "watch.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
