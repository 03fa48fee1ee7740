"""The yardstick for the web benchmark: the same framework, one indexed query, nothing else.

    .venv/bin/python bench/bare_app.py --db bench/out/bench.db --port 8001

A FastAPI app with one route, ``GET /bare``, served by uvicorn exactly as
``nextround serve`` serves the real app (one worker, no access log, a plain
``def`` route run in the threadpool). Like the app's light read path it opens a
``sqlite3`` connection per request and runs one query on the tasks index
(``ix_tasks_owner_status_due``), returning the rows as JSON. Comparing the app's
pages with this shows what the app itself adds: templates, the services layer,
the guards.
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI

QUERY = """
SELECT id, title, due FROM tasks
WHERE owner_id = ? AND status = ? AND due <= ?
ORDER BY due
LIMIT 50
"""


def create_app(db: Path, today: str) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/bare")
    def bare() -> list[dict[str, object]]:
        connection = sqlite3.connect(db, timeout=5)
        try:
            connection.execute("PRAGMA foreign_keys = ON")  # as the app's reader does
            rows = connection.execute(QUERY, (1, "open", today)).fetchall()
        finally:
            connection.close()
        return [{"id": r[0], "title": r[1], "due": r[2]} for r in rows]

    return app


def main(argv: Sequence[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--today", default="2026-11-25")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"error: no database at {args.db}")
    app = create_app(args.db, args.today)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
