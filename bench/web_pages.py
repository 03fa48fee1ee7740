"""Each main page of the web app on the demo data, beside a bare FastAPI endpoint, in one run.

    .venv/bin/python bench/web_pages.py                  # print the table
    .venv/bin/python bench/web_pages.py --write          # and record it in docs/benchmarks.md
    .venv/bin/python bench/web_pages.py --duration 3 --connections 4

Loads the demo job search (``nextround demo``, what a new user sees) into a fresh
SQLite file in ``bench/out/demo/`` with ``--today`` pinned, serves it with
``nextround serve`` (one uvicorn worker) and serves ``bench/bare_app.py`` (the same
framework and server, one indexed query) on the same file, then loads each main
page (Today, Applications, a company, a person, Progress, Mail, the
application with the most journal entries, Settings) and the bare endpoint with ``wrk`` in turn, as ``bench/web.py`` does:
one connection (the wait one user sees), then ``--connections``. Each page's p50
and server CPU per request are divided by the bare endpoint's from the same run,
so a busy machine moves both sides alike. Beside the timings: each page's HTML
size and the gzip'd total of ``static/*.js`` (the budgets: 200 KB of HTML per
page, 50 KB of JavaScript; ``tests/web/test_page_sizes.py`` checks them). ``--write``
puts the table in the section "Web app pages on the demo data" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from run import BENCH_TODAY, OUT, ROOT, VENV_BIN, bench_env, rel
from web import Result, Target, describe_machine, measure_beside_bare, write_section, wrk_args

SECTION = "## Web app pages on the demo data"
STATIC = ROOT / "src" / "nextround" / "web" / "static"
MAX_HTML_KB = 200
MAX_JS_KB = 50


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--today", default=BENCH_TODAY)
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per address")
    parser.add_argument("--connections", type=int, default=8, help="for the loaded pass")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--results", type=Path, default=OUT / "web-pages-results.json")
    return parser.parse_args(argv)


def build_demo(folder: Path, today: str) -> Path:
    """A fresh demo database (the same data every time for the same ``today``)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "demo.db"
    command = [str(VENV_BIN / "nextround"), "--db", str(db), "--today", today, "demo"]
    subprocess.run(command, env=bench_env(), check=True, stdout=subprocess.DEVNULL)
    return db


def targets(db: Path) -> list[Target]:
    """The main pages, with the demo's busiest company, person and journal.

    A journal entry's own address redirects to its application's page, which shows
    the journal: that page is measured (wrk doesn't follow redirects).
    """
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:

        def one(sql: str) -> int:
            return int(connection.execute(sql).fetchone()[0])

        company = one(
            "SELECT company_id FROM applications GROUP BY company_id "
            "ORDER BY count(*) DESC, company_id LIMIT 1"
        )
        person = one(
            "SELECT person_id FROM tasks WHERE person_id IS NOT NULL GROUP BY person_id "
            "ORDER BY count(*) DESC, person_id LIMIT 1"
        )
        journaled = one(
            "SELECT application_id FROM journal_entries GROUP BY application_id "
            "ORDER BY count(*) DESC, application_id LIMIT 1"
        )
    finally:
        connection.close()
    return [
        Target("Today", "app", "/"),
        Target("Applications (board)", "app", "/applications"),
        Target("Company (most applications)", "app", f"/companies/{company}"),
        Target("Person (most steps)", "app", f"/people/{person}"),
        Target("Progress", "app", "/progress"),
        Target("Mail", "app", "/mail"),
        Target("Application with its journal", "app", f"/applications/{journaled}"),
        Target("Settings", "app", "/settings"),
        Target("Bare endpoint (one indexed query)", "bare", "/bare"),
    ]


def javascript_gzip_bytes() -> dict[str, int]:
    return {
        p.name: len(gzip.compress(p.read_bytes(), compresslevel=6, mtime=0))
        for p in sorted(STATIC.glob("*.js"))
    }


def table(results: list[Result], connections: int) -> str:
    bare = next((r for r in results if r.path == "/bare" and r.single and r.loaded), None)
    lines = [
        f"| page | p50 (c1) | p99 (c1) | p50 ÷ bare | requests/s (c{connections}) "
        f"| p99 (c{connections}) | server CPU per request | CPU ÷ bare | HTML |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.single is None or r.loaded is None:
            lines.append(f"| {r.name} `{r.path}` | HTTP {r.status} | | | | | | | |")
            continue
        p50_ratio = cpu_ratio = "-"
        if bare and bare.single and bare.loaded and r is not bare:
            p50_ratio = f"{r.single.p50_ms / bare.single.p50_ms:.1f}x"
            if bare.loaded.cpu_ms_per_request:
                cpu_ratio = f"{r.loaded.cpu_ms_per_request / bare.loaded.cpu_ms_per_request:.1f}x"
        lines.append(
            f"| {r.name} `{r.path}` | {r.single.p50_ms:.1f} ms | {r.single.p99_ms:.1f} ms "
            f"| {p50_ratio} | {r.loaded.requests_per_s:,.0f} | {r.loaded.p99_ms:.1f} ms "
            f"| {r.loaded.cpu_ms_per_request:.2f} ms | {cpu_ratio} | {r.body_bytes / 1000:.1f} KB |"
        )
    return "\n".join(lines)


def budgets(results: list[Result], scripts: dict[str, int]) -> str:
    pages = [r for r in results if r.path != "/bare" and r.status == 200]
    largest = max(pages, key=lambda r: r.body_bytes)
    js_total = sum(scripts.values()) / 1000
    each = ", ".join(f"{name} {size / 1000:.1f}" for name, size in scripts.items())
    html_ok = "within" if largest.body_bytes / 1000 < MAX_HTML_KB else "OVER"
    js_ok = "within" if js_total < MAX_JS_KB else "OVER"
    return (
        f"Largest page: {largest.name} at {largest.body_bytes / 1000:.1f} KB of HTML "
        f"({html_ok} the {MAX_HTML_KB} KB budget). JavaScript, each `static/*.js` gzip'd "
        f"(level 6): {js_total:.1f} KB in all ({js_ok} the {MAX_JS_KB} KB budget): {each} KB."
    )


def section(results: list[Result], scripts: dict[str, int], info: dict[str, object]) -> str:
    m = info["machine"]
    assert isinstance(m, dict)
    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {info['measured_at']} by `bench/web_pages.py` on {m['cpu']} "
            f"({m['cores']} cores), Python {m['python']}; load average "
            f"{info['load_before']} before, {info['load_after']} after. The demo job search "
            f"(`nextround demo`, `--today {info['today']}`) served by `nextround serve` (one "
            "uvicorn worker) and, in the same run on the same file, the bare endpoint "
            f"(`bench/bare_app.py`); `wrk -c1` then `wrk {info['wrk_args']}`, each `--latency`. "
            "The ratios divide by the bare endpoint's figure from this run: what the app adds "
            "(templates, services, guards) over the framework alone.",
            "",
            table(results, int(str(info["connections"]))),
            "",
            budgets(results, scripts),
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    nextround = VENV_BIN / "nextround"
    if not nextround.exists():
        sys.exit(f"error: {rel(nextround)} is missing; run `make run` (or pip install -e .) first")
    db = build_demo(OUT / "demo", args.today)
    results, load_before = measure_beside_bare(
        nextround, db, targets(db), args, "each demo page", "web-pages"
    )
    scripts = javascript_gzip_bytes()
    info: dict[str, object] = {
        "measured_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": describe_machine(),
        "load_before": load_before,
        "load_after": round(os.getloadavg()[0], 2),
        "wrk_args": wrk_args(args),
        "connections": args.connections,
        "today": args.today,
    }
    text = section(results, scripts, info)
    print("\n" + text)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    payload = {**info, "javascript_gzip": scripts, "results": [asdict(r) for r in results]}
    args.results.write_text(json.dumps(payload, indent=2) + "\n")
    if args.write:
        write_section(text, heading=SECTION)
        print(f"written to docs/benchmarks.md and {rel(args.results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
