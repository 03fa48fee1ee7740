"""Serve an ASGI app with uvicorn in several processes, each with a listening socket of its
own on one port (``SO_REUSEPORT``): the kernel spreads new connections over them.

    python bench/reuseport.py --workers 4 --port 8000 --factory nextround.web.asgi:app

Why (docs/benchmarks.md, "Hosted"): under ``uvicorn --workers N`` every worker accepts
from one shared socket, and asyncio accepts as many waiting connections as it finds
whenever its socket is readable; the load benchmark's ``wrk -c8`` opens its eight
connections at once, so the first worker to wake often takes most or all of them and
the "4 workers" serve as one. With a socket per process each connection goes to one of
the four by a hash of its addresses. The load benchmark serves nextround and the bare
endpoint alike this way, so they stay side by side.
"""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("app", help="module:attribute, as uvicorn takes it")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--factory", action="store_true", help="the app is a factory")
    parser.add_argument("--app-dir", default="", help="a folder to import the app from")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def serve(args: argparse.Namespace) -> None:
    """One worker: its own socket on the shared port, and uvicorn serving on it."""
    import uvicorn

    if args.app_dir:
        sys.path.insert(0, args.app_dir)
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY on accepted sockets only when the
    # listening one says so (without it, Nagle and delayed ACKs hold each reply 40 ms)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((args.host, args.port))
    config = uvicorn.Config(
        args.app, factory=args.factory, log_level="warning", access_log=False, lifespan="on"
    )
    uvicorn.Server(config).run(sockets=[sock])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        serve(args)
        return 0
    command = [sys.executable, str(Path(__file__).resolve()), *(argv or sys.argv[1:]), "--child"]
    workers: list[subprocess.Popen[bytes]] = []
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGINT)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    workers.extend(subprocess.Popen(command) for _ in range(args.workers))
    while not stopping:  # one worker gone (it failed to start, say): stop them all
        if any(worker.poll() is not None for worker in workers):
            stop(signal.SIGTERM, None)
            break
        time.sleep(0.2)
    codes = [worker.wait() for worker in workers]
    return max(codes, default=0)


if __name__ == "__main__":
    raise SystemExit(main())
