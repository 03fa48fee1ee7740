"""The yardstick for the web benchmark: the same framework, one indexed query, nothing else.

    .venv/bin/python bench/bare_app.py --db bench/out/bench.db --port 8001
    BARE_DB=postgresql://... BARE_TODAY=2026-11-25 \\
        uvicorn --factory bare_app:from_env --app-dir bench --workers 4 --port 8001

A FastAPI app with one route, ``GET /bare``, served by uvicorn exactly as
``nextround serve`` serves the real app (one worker, no access log, a plain
``def`` route run in the threadpool). Like the app's light read path it opens a
``sqlite3`` connection per request and runs one query on the tasks index
(``ix_tasks_owner_status_due``), returning the rows as JSON. Comparing the app's
pages with this shows what the app itself adds: templates, the services layer,
the guards.

On PostgreSQL (``--db`` or ``BARE_DB`` a ``postgresql://`` URL) it takes a
connection from a psycopg pool per request, as the app does in a long-running
process, and runs the same query; ``?owner=N`` picks whose tasks (default 1),
so a load can spread over many users as the hosted benchmark's does.
:func:`from_env` is the factory for several uvicorn workers.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI

QUERY = """
SELECT id, title, due FROM tasks
WHERE owner_id = ? AND status = ? AND due <= ?
ORDER BY due
LIMIT 50
"""


def create_app(db: Path | str, today: str) -> FastAPI:
    if str(db).startswith(("postgresql://", "postgres://")):
        return _postgres_app(str(db), today)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/bare")
    def bare(owner: int = 1) -> list[dict[str, object]]:
        connection = sqlite3.connect(db, timeout=5)
        try:
            connection.execute("PRAGMA foreign_keys = ON")  # as the app's reader does
            rows = connection.execute(QUERY, (owner, "open", today)).fetchall()
        finally:
            connection.close()
        return [{"id": r[0], "title": r[1], "due": r[2]} for r in rows]

    return app


def _postgres_app(url: str, today: str) -> FastAPI:
    from datetime import date

    from psycopg_pool import ConnectionPool

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    pool: dict[str, Any] = {}
    query = QUERY.replace("?", "%s")
    day = date.fromisoformat(today)

    @app.get("/bare")
    def bare(owner: int = 1) -> list[dict[str, object]]:
        if "pool" not in pool:  # opened in the worker process, not before it forks
            pool["pool"] = ConnectionPool(url, min_size=1, max_size=10, open=True)
        with pool["pool"].connection() as connection:
            rows = connection.execute(query, (owner, "open", day)).fetchall()
        return [{"id": r[0], "title": r[1], "due": r[2].isoformat()} for r in rows]

    return app


def from_env() -> FastAPI:
    """The app for ``uvicorn --factory``: ``BARE_DB`` (path or URL) and ``BARE_TODAY``."""
    return create_app(os.environ["BARE_DB"], os.environ.get("BARE_TODAY", "2026-11-25"))


def main(argv: Sequence[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", required=True, help="a SQLite file or a postgresql:// URL")
    parser.add_argument("--today", default="2026-11-25")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    db: Path | str = args.db
    if "://" not in args.db:
        db = Path(args.db)
        if not db.exists():
            raise SystemExit(f"error: no database at {db}")
    app = create_app(db, args.today)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
