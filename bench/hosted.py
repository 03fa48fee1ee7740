"""The hosted load benchmark: 10,000 users with 2,000,000 tasks on PostgreSQL (issue 17.8).

    .venv/bin/python bench/hosted.py                    # a throwaway cluster, print the table
    .venv/bin/python bench/hosted.py --write            # and record it in docs/benchmarks.md
    .venv/bin/python bench/hosted.py --pg postgresql://postgres@127.0.0.1:5432/nr_hosted

Gets a PostgreSQL server (``--pg URL``: an empty database there, or one this script
filled before; else a throwaway cluster from ``tests/pgcluster.py``), fills it
(``bench/hosted_db.py``: built once, then restored from its dump under
``bench/out``), and logs in ``--logins`` of the users (a password set and a session
made through nextround's service layer, as the login page does). Then serves
nextround (``nextround.web.asgi:app``) in 4 uvicorn processes, each with a listening
socket of its own on one port (``bench/reuseport.py``; ``--shared-socket`` for
``uvicorn --workers``, whose first worker to wake often takes all 8 connections), in hosted
mode (every request needs its login), and ``bench/bare_app.py`` (one indexed query
through a psycopg pool) served the same way, and loads each with ``wrk -c8`` in
turn, ``--rounds`` times: the bare endpoint, Today (``/``) and
``GET /api/v1/tasks``, every request as one of the logged-in users in rotation
(the bare endpoint reads the same users' tasks). Reports requests/s, p50, p99,
the CPU time of the server's processes per request, and the ratio of Today's
requests/s to the bare endpoint's in the same round (pass mark: at least 0.5).
Last it times the digest for every user (``services.digest.make``, as
``nextround digest`` makes it, without email): CPU seconds of the process, and
of the database backend serving it, and wall seconds; then the same users' digests
read together (``digest.build_many``) and run as the job runner runs them
(``bench/digest_jobs.py``: 2 worker processes, emailed to an SMTP server on loopback).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

import digest_jobs
import hosted_db
from run import BENCH_TODAY, DEFAULT_SEED, OUT, ROOT, VENV_BIN, rel
from web import Load, Server, describe_machine, parse_wrk, serving, write_section

sys.path.insert(0, str(ROOT / "tests"))
from pgcluster import find_programs, temporary_cluster

BENCH = Path(__file__).resolve().parent
SECTION = "## Hosted: 10,000 users on PostgreSQL"
BARE = "Bare endpoint (one indexed query)"
BEFORE = "Today (before)"
PASS_RATIO = 0.5
PASSWORD = "bench-password-{}"


@dataclass(frozen=True)
class Tree(Server):
    """A server and its worker processes: CPU time summed over all of them."""

    def cpu_seconds(self) -> float:
        return sum(hosted_db.cpu_of(pid) for pid in [self.pid, *descendants(self.pid)])


def descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except (OSError, ValueError, IndexError):
                continue
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        children = [p for p, parent in parents.items() if parent == current]
        found += children
        todo += children
    return found


@dataclass(frozen=True)
class Run:
    target: str
    round: int
    load: Load


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pg", help="a database URL to use instead of a throwaway cluster")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--tasks", type=int, default=2_000_000)
    parser.add_argument("--today", default=BENCH_TODAY)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rebuild", action="store_true", help="generate the rows again")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--logins", type=int, default=8, help="users the load rotates over")
    parser.add_argument(
        "--before",
        type=Path,
        help="an earlier nextround's source tree (its src/ is served): 'Today (before)' is "
        "loaded in the same rounds, beside this tree's Today",
    )
    parser.add_argument("--no-digest", action="store_true")
    parser.add_argument(
        "--shared-socket",
        action="store_true",
        help="serve with uvicorn --workers (one socket, which the first worker to wake"
        " often empties of all 8 connections) instead of a socket per worker",
    )
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--results", type=Path, default=OUT / "hosted-results.json")
    return parser.parse_args(argv)


@contextmanager
def database(args: argparse.Namespace) -> Iterator[str]:
    if args.pg:
        yield args.pg
        return
    with temporary_cluster(dbname="nr_hosted") as url:
        yield url


def log_in(url: str, args: argparse.Namespace) -> dict[int, str]:
    """Session tokens of ``--logins`` users spread over the ids, made by the service layer."""
    from nextround.config import load_settings
    from nextround.services import logins
    from nextround.services.context import open_context

    ctx = open_context(load_settings(environ=hosted_db.app_env(url, args.today)), pooled=False)
    step = max(args.users // args.logins, 1)
    sessions = {}
    try:
        for i in range(args.logins):
            owner = 2 + i * step
            logins.set_password(ctx, PASSWORD.format(owner), user_id=owner)
            made = logins.log_in(
                ctx,
                PASSWORD.format(owner),
                logins.Throttle(),
                account=hosted_db.EMAIL.format(owner - 1),
            )
            assert made.user_id == owner
            sessions[owner] = made.token
    finally:
        ctx.db.close()
    return sessions


def fetch(base: str, path: str, token: str | None) -> tuple[int, bytes]:
    """One GET, redirects not followed (a redirect to /login is a failure here)."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        headers = {"Cookie": f"nextround_session={token}"} if token else {}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def lua_script(name: str, paths: list[str], tokens: list[str]) -> Path:
    """A wrk script sending each path in turn, with the matching session cookie."""
    script = OUT / f"hosted-{name}.lua"
    quoted = ", ".join(json.dumps(p) for p in paths)
    cookies = ", ".join(json.dumps(t) for t in tokens)
    script.write_text(
        f"local paths = {{{quoted}}}\nlocal cookies = {{{cookies}}}\nlocal n = 0\n"
        "request = function()\n  n = n % #paths + 1\n  local headers = {}\n"
        '  if cookies[n] ~= "" then headers["Cookie"] = "nextround_session=" .. cookies[n] end\n'
        '  return wrk.format("GET", paths[n], headers)\nend\n'
    )
    return script


def load(server: Server, script: Path, args: argparse.Namespace) -> Load:
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("error: wrk is missing; install it with: sudo apt-get install wrk")
    command = [wrk, "-t1", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s"]
    command += ["--latency", "-s", str(script), server.base + "/"]
    cpu_before = server.cpu_seconds()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    cpu = server.cpu_seconds() - cpu_before
    if done.returncode != 0:
        sys.exit(f"error: wrk failed ({done.returncode}):\n{done.stderr}")
    figures = parse_wrk(done.stdout)
    requests = int(str(figures["requests"]))
    per_request = cpu * 1000 / requests if requests else 0.0
    return Load(connections=args.connections, cpu_ms_per_request=per_request, **figures)  # type: ignore[arg-type]


def measure(url: str, sessions: dict[int, str], args: argparse.Namespace) -> list[Run]:
    owners, tokens = list(sessions), list(sessions.values())
    if args.shared_socket:  # uvicorn's own workers, one socket shared (see bench/reuseport.py)
        uvicorn = [str(VENV_BIN / "uvicorn"), "--host", "127.0.0.1"]
        uvicorn += ["--workers", str(args.workers), "--no-access-log", "--log-level", "warning"]
    else:
        uvicorn = [str(VENV_BIN / "python"), str(BENCH / "reuseport.py")]
        uvicorn += ["--workers", str(args.workers)]
    uvicorn += ["--factory"]
    env = hosted_db.app_env(url, args.today)
    bare_env = {**env, "BARE_DB": url, "BARE_TODAY": args.today}
    today = lua_script("today", ["/"] * len(owners), tokens)
    scripts = {
        BARE: ("bare", lua_script("bare", [f"/bare?owner={o}" for o in owners], [""] * len(owners)))
    }
    before_env = None
    if args.before is not None:
        before_env = {**env, "PYTHONPATH": str(args.before.resolve() / "src")}
        check_source(before_env, args.before.resolve() / "src")
        scripts[BEFORE] = ("before", today)
    scripts["Today"] = ("app", today)
    scripts["API: tasks"] = ("app", lua_script("api", ["/api/v1/tasks"] * len(owners), tokens))
    app = [*uvicorn, "nextround.web.asgi:app"]
    with ExitStack() as stack:
        a = stack.enter_context(serving(app, "/healthz", OUT / "hosted-app.log", env))
        b = stack.enter_context(
            serving(
                [*uvicorn, "--app-dir", str(BENCH), "bare_app:from_env"],
                "/bare",
                OUT / "hosted-bare.log",
                bare_env,
            )
        )
        servers = {"app": Tree(a.base, a.pid), "bare": Tree(b.base, b.pid)}
        if before_env is not None:
            old = stack.enter_context(
                serving(app, "/healthz", OUT / "hosted-before.log", before_env)
            )
            servers["before"] = Tree(old.base, old.pid)
        time.sleep(3)  # every worker up
        for owner, token in sessions.items():  # each user's pages answer, and warm up
            for path in ("/", "/api/v1/tasks"):
                for server in {"app", "before"} & set(servers):
                    status, body = fetch(servers[server].base, path, token)
                    if status != 200:
                        sys.exit(f"error: {path} as user {owner}: HTTP {status} {body[:200]!r}")
            status, body = fetch(servers["bare"].base, f"/bare?owner={owner}", None)
            if status != 200:
                sys.exit(f"error: /bare for user {owner}: HTTP {status} {body[:200]!r}")
        runs = []
        for number in range(1, args.rounds + 1):
            for name, (server, script) in scripts.items():
                runs.append(Run(name, number, load(servers[server], script, args)))
                print(f"  round {number} {name:<36} {figures(runs[-1].load)}", flush=True)
    return runs


def check_source(env: dict[str, str], src: Path) -> None:
    """Exit unless ``env`` makes Python import nextround from ``src``."""
    found = subprocess.run(
        [sys.executable, "-c", "import nextround; print(nextround.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not found.startswith(str(src)):
        sys.exit(f"error: --before: nextround imports from {found or '?'}, not {src}")


def figures(x: Load) -> str:
    return (
        f"{x.requests_per_s:8.1f} req/s  p50 {x.p50_ms:6.1f} ms  p99 {x.p99_ms:6.1f} ms  "
        f"cpu {x.cpu_ms_per_request:5.2f} ms/req  non-2xx {x.non_2xx}"
    )


def ratios(runs: list[Run], target: str = "Today") -> list[float]:
    """``target``'s requests/s over the bare endpoint's, round by round."""
    found = []
    for number in sorted({r.round for r in runs}):
        by = {r.target: r.load for r in runs if r.round == number}
        if target in by:
            found.append(by[target].requests_per_s / by[BARE].requests_per_s)
    return found


def table(runs: list[Run]) -> str:
    lines = [
        "| round | address | requests/s | p50 | p99 | server CPU per request | non-2xx |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        x = r.load
        lines.append(
            f"| {r.round} | {r.target} | {x.requests_per_s:,.0f} | {x.p50_ms:.1f} ms "
            f"| {x.p99_ms:.1f} ms | {x.cpu_ms_per_request:.2f} ms | {x.non_2xx} |"
        )
    return "\n".join(lines)


def section(runs: list[Run], info: dict[str, object]) -> str:
    m, b, d = info["machine"], info["build"], info["digest"]
    assert isinstance(m, dict) and isinstance(b, dict)
    found = ratios(runs)
    mean = sum(found) / len(found)
    verdict = "meets" if mean >= PASS_RATIO else "misses"
    rows = b.get("rows", {})
    lines = [
        SECTION,
        "",
        f"Measured {info['measured_at']} by `bench/hosted.py` on {m['cpu']} ({m['cores']} cores, "
        f"shared with other work), Python {m['python']}, PostgreSQL {info['pg_version']}; load "
        f"average {info['load_before']} before, {info['load_after']} after.",
        f"The database: {rows.get('users', '?'):,} users (10,000 bench users and the local one), "
        f"{rows.get('tasks', '?'):,} tasks, {rows.get('companies', '?'):,} companies, "
        f"{rows.get('people', '?'):,} people, {rows.get('applications', '?'):,} applications "
        f"(`bench/hosted_db.py`, seed {info['seed']}, `--today {info['today']}`); built by COPY "
        f"in {b['build_s']} s ({b['built_at']}), kept as a dump and restored in "
        f"{b['restore_s']} s this run.",
        f"nextround: `nextround.web.asgi:app` in {info['workers']} uvicorn processes "
        + (
            "(`uvicorn --workers`, one shared socket), "
            if info.get("shared_socket")
            else "(`bench/reuseport.py`: a socket each on one port, `SO_REUSEPORT`), "
        )
        + "hosted (every request needs a login); the bare endpoint: `bench/bare_app.py`, "
        f"served the same way, one indexed query through a psycopg pool. "
        f"`wrk -t1 -c{info['connections']} -d{info['duration']}s --latency` against each in "
        f"turn, requests rotating over {info['logins']} logged-in users (their session cookies, "
        "made through the service layer); the bare endpoint reads the same users' tasks. "
        f"{m['cores']} cores run {2 * int(str(info['workers']))} server processes, PostgreSQL "
        "and wrk: the absolute figures are the machine's, the ratio is the pass mark.",
        "",
        table(runs),
        "",
        f"**Today ÷ bare, requests/s: {', '.join(f'{r:.2f}' for r in found)} by round, "
        f"{mean:.2f} on average: {verdict} the pass mark of {PASS_RATIO}.**",
        "",
    ]
    before = ratios(runs, BEFORE)
    if before:
        lines[-1:-1] = [
            f"Today (before) ÷ bare, the same rounds: {', '.join(f'{r:.2f}' for r in before)}"
            f" by round, {sum(before) / len(before):.2f} on average (nextround at "
            f"{info.get('before', '?')}, served beside this tree).",
            "",
        ]
    if isinstance(d, dict):
        lines += [
            f"**Digest for all {d['users']:,} users** (`services.digest.make` per user, as "
            "`nextround digest` makes it, not emailed; one process, one connection): "
            f"{d['process_cpu_s']} s CPU in the process, {d['backend_cpu_s']} s CPU in its "
            f"PostgreSQL backend, {d['wall_s']} s wall; {d['not_empty']:,} digests not empty, "
            f"{d['remembered']:,} remembered. Target: under 60 s of worker time.",
            "",
        ]
    many, jobs = info.get("digest_batched"), info.get("digest_jobs")
    if isinstance(many, dict) and isinstance(jobs, dict):
        lines += [
            f"Read together (`services.digest.build_many`, {many['users']:,} users 500 at a "
            "time across owners, one process, one connection): "
            f"{many['process_cpu_s']} s CPU in the process, {many['backend_cpu_s']} s in its "
            f"backend, {many['wall_s']} s wall. As the jobs run them (`bench/digest_jobs.py`: "
            "the schedule enqueues one `send_digests` job per 500 users, then "
            f"{jobs['processes']} `nextround worker --queues digest --once --concurrency "
            f"{jobs['concurrency']}` processes email each through an SMTP server on loopback): "
            f"{jobs['jobs']:,} jobs enqueued in {jobs['enqueue_s']} s, run in "
            f"{jobs['wall_s']} s wall, {jobs['worker_cpu_s']} s CPU in the workers and "
            f"{jobs['backend_cpu_s']} s in their PostgreSQL backends; {jobs['succeeded']:,} "
            f"succeeded, {jobs['failed']:,} failed, {jobs['emailed']:,} emailed.",
            "",
        ]
    return "\n".join(lines)


def before_of(tree: Path | None) -> str | None:
    """What ``--before`` served: its commit when the tree says (``BEFORE_COMMIT``), else its path."""
    if tree is None:
        return None
    stamp = tree / "BEFORE_COMMIT"
    return stamp.read_text().strip() if stamp.exists() else str(tree)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    spec = hosted_db.Spec(args.users, args.tasks, date.fromisoformat(args.today), args.seed)
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with database(args) as url:
        began = time.perf_counter()
        build = hosted_db.ensure(url, spec, find_programs().initdb.parent, args.rebuild)
        print(f"database ready in {time.perf_counter() - began:.1f} s: {json.dumps(build)}")
        sessions = log_in(url, args)
        print(f"loading with wrk -c{args.connections} -d{args.duration}s (load {load_before}):")
        runs = measure(url, sessions, args)
        print("Today / bare by round:", ", ".join(f"{r:.2f}" for r in ratios(runs)))
        if args.before is not None:
            print("Today (before) / bare:", ", ".join(f"{r:.2f}" for r in ratios(runs, BEFORE)))
        digests = batched = jobs = None
        if not args.no_digest:
            digests = hosted_db.time_digests(url, args.users, args.today)
            print(f"digest: {digests}", flush=True)
            batched = digest_jobs.time_batched(url, args.users, args.today)
            print(f"digest, read together: {batched}", flush=True)
            jobs = digest_jobs.time_jobs(url, args.today, 2, 4)
            print(f"digest jobs: {jobs}", flush=True)
        import psycopg

        with psycopg.connect(url) as conn:
            version = str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]
    info: dict[str, object] = {
        "measured_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": describe_machine(),
        "load_before": load_before,
        "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "pg_version": version.split(maxsplit=1)[0],
        "build": build,
        "digest": digests,
        "digest_batched": batched,
        "digest_jobs": jobs,
        "seed": args.seed,
        "today": args.today,
        "workers": args.workers,
        "shared_socket": args.shared_socket,
        "connections": args.connections,
        "duration": args.duration,
        "logins": args.logins,
        "before": before_of(args.before),
    }
    text = section(runs, info)
    print("\n" + text)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(
        json.dumps({**info, "runs": [asdict(r) for r in runs]}, indent=2, default=str) + "\n"
    )
    if args.write:
        write_section(text, heading=SECTION)
        print(f"written to {rel(ROOT / 'docs' / 'benchmarks.md')} and {rel(args.results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
