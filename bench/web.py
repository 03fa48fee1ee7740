"""Load the web app with wrk on the large benchmark database, beside a bare endpoint.

    make bench                                    # bench/run.py, then this
    .venv/bin/python bench/web.py                 # print the table
    .venv/bin/python bench/web.py --write         # and record it in docs/benchmarks.md
    .venv/bin/python bench/web.py --duration 5 --connections 4

Reuses the database ``bench/run.py`` builds (``bench/out/bench.db``: 10,000
applications, 30,000 people, 100,000 tasks; built when missing). Starts
``nextround serve`` on a free loopback port against it with ``--today`` pinned (one
uvicorn worker, as users run it), and ``bench/bare_app.py`` (the same framework
and server, one indexed query) the same way; then runs ``wrk`` from a second
process for a bounded time against each address in turn: Today (``/``),
Applications, the Company page of the company with the longest history,
``GET /api/v1/tasks`` and the bare endpoint. Each address gets two runs: one
connection (the wait one user sees) and ``--connections`` (8: throughput, and the
wait when that many ask at once; one worker serves them in turn). Beside wrk's
requests per second and p50/p99 (``--latency``) it reports the server process's
CPU time per request, read from /proc, which a busy machine disturbs far less
than latency. A page that answers 404 (not built yet on this branch) is
reported as missing, not loaded. Prints a Markdown table; ``--write``
puts it in the section "Web app under load" of docs/benchmarks.md. Target: Today
under 50 ms at p99.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from run import BENCH_TODAY, DEFAULT_SEED, OUT, ROOT, VENV_BIN, bench_env, ensure_database, rel

BENCH = Path(__file__).resolve().parent
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Web app under load"
TARGET_P99_MS = 50.0


@dataclass(frozen=True)
class Target:
    name: str
    server: str  # "app" or "bare"
    path: str


@dataclass(frozen=True)
class Load:
    """One wrk run against one address, and the server's CPU time it cost."""

    connections: int
    requests: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int = 0
    socket_errors: str = ""
    #: The server process's user + system CPU time per request: robust to a busy machine.
    cpu_ms_per_request: float = 0.0


@dataclass(frozen=True)
class Result:
    name: str
    path: str
    status: int
    body_bytes: int = 0
    #: -c1 (what one user waits) and -cN (throughput, and the wait when N ask at once).
    single: Load | None = None
    loaded: Load | None = None


@dataclass(frozen=True)
class Server:
    base: str
    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (Linux /proc)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, default=OUT / "bench.db", help="benchmark database")
    parser.add_argument("--today", default=BENCH_TODAY)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per address")
    parser.add_argument("--connections", type=int, default=8, help="for the loaded pass")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--results", type=Path, default=OUT / "web-results.json")
    return parser.parse_args(argv)


# -- servers ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(
    command: list[str], probe: str, log: Path, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Run a server until the block ends; yields it once ``probe`` answers.

    ``env``: the server's environment (default :func:`run.bench_env`)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            env=bench_env() if env is None else env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + 60
        while status_of(base + probe)[0] == 0:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"error: {shlex_join(command)} did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield Server(base, process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def shlex_join(argv: Sequence[str]) -> str:
    import shlex

    return shlex.join(rel(Path(a)) if a.startswith(str(ROOT)) else a for a in argv)


def status_of(url: str) -> tuple[int, int]:
    """The status of one GET and the body's size; status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, 0
    except OSError:
        return 0, 0


# -- wrk --------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    if not match:
        raise ValueError(f"not a wrk latency: {value!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output: str) -> dict[str, object]:
    """Requests, requests per second, p50 and p99 (ms), non-2xx responses, socket errors."""
    found: dict[str, object] = {}
    count = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not (count and rate):
        raise ValueError(f"unexpected wrk output:\n{output}")
    found["requests"] = int(count.group(1))
    found["requests_per_s"] = float(rate.group(1))
    for percent, key in (("50", "p50_ms"), ("99", "p99_ms")):
        line = re.search(rf"^\s+{percent}%\s+(\S+)\s*$", output, re.MULTILINE)
        if not line:
            raise ValueError(f"no {percent}% line in wrk's output (was --latency given?)")
        found[key] = to_ms(line.group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    found["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    errors = re.search(r"Socket errors:\s+(.+)$", output, re.MULTILINE)
    found["socket_errors"] = errors.group(1).strip() if errors else ""
    return found


def load(wrk: str, server: Server, path: str, connections: int, args: argparse.Namespace) -> Load:
    command = [
        wrk,
        f"-t{min(args.threads, connections)}",
        f"-c{connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "--latency",
        server.base + path,
    ]
    cpu_before = server.cpu_seconds()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    cpu = server.cpu_seconds() - cpu_before
    if done.returncode != 0:
        sys.exit(f"error: wrk failed ({done.returncode}):\n{done.stderr}")
    figures = parse_wrk(done.stdout)
    requests = figures["requests"]
    assert isinstance(requests, int)
    per_request = cpu * 1000 / requests if requests else 0.0
    return Load(connections=connections, cpu_ms_per_request=per_request, **figures)  # type: ignore[arg-type]


# -- targets ----------------------------------------------------------------------------


def company_with_history(db: Path) -> int:
    """The company with the most applications (then tasks): the heaviest Company page."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = connection.execute(
            """
            SELECT c.id FROM companies c
            JOIN applications a ON a.company_id = c.id
            GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1
            """
        ).fetchone()
    finally:
        connection.close()
    return int(row[0])


def targets(company: int) -> list[Target]:
    return [
        Target("Today", "app", "/"),
        Target("Applications", "app", "/applications"),
        Target("Company (most history)", "app", f"/companies/{company}"),
        Target("API: tasks", "app", "/api/v1/tasks"),
        Target("Bare endpoint (one indexed query)", "bare", "/bare"),
    ]


def measure(
    servers: dict[str, Server], wanted: list[Target], args: argparse.Namespace
) -> list[Result]:
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("error: wrk is missing; install it with: sudo apt-get install wrk")
    results = []
    for target in wanted:
        server = servers[target.server]
        status, size = status_of(server.base + target.path)  # also warms the page up
        if status != 200:
            print(f"  {target.name:<36} {target.path}: HTTP {status}, not loaded", flush=True)
            results.append(Result(target.name, target.path, status))
            continue
        single = load(wrk, server, target.path, 1, args)
        loaded = load(wrk, server, target.path, args.connections, args)
        result = Result(target.name, target.path, status, size, single, loaded)
        print(f"  {target.name:<36} {_row_figures(result)}", flush=True)
        results.append(result)
    return results


def _row_figures(r: Result) -> str:
    assert r.single and r.loaded
    return (
        f"c1: p50 {r.single.p50_ms:6.1f} ms p99 {r.single.p99_ms:6.1f} ms   "
        f"c{r.loaded.connections}: {r.loaded.requests_per_s:7.1f} req/s "
        f"p50 {r.loaded.p50_ms:6.1f} ms p99 {r.loaded.p99_ms:6.1f} ms   "
        f"cpu {r.loaded.cpu_ms_per_request:5.2f} ms/req"
    )


# -- output -----------------------------------------------------------------------------


def table(results: list[Result], connections: int) -> str:
    bare = next((r for r in results if r.path == "/bare" and r.loaded), None)
    lines = [
        f"| address | p50 (c1) | p99 (c1) | requests/s (c{connections}) | p50 (c{connections}) "
        f"| p99 (c{connections}) | server CPU per request | CPU ÷ bare | size |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r.single is None or r.loaded is None:
            note = "not on this branch yet (404)" if r.status == 404 else f"HTTP {r.status}"
            lines.append(f"| {r.name} `{r.path}` | {note} | | | | | | | |")
            continue
        one, many = r.single, r.loaded
        ratio = "-"
        if bare and bare.loaded and bare.loaded.cpu_ms_per_request:
            ratio = f"{many.cpu_ms_per_request / bare.loaded.cpu_ms_per_request:.1f}x"
        size = f"{r.body_bytes / 1024:.0f} KiB"
        if many.non_2xx or one.non_2xx:
            size += f"; {one.non_2xx + many.non_2xx} non-2xx"
        if many.socket_errors:
            size += f"; socket errors: {many.socket_errors}"
        lines.append(
            f"| {r.name} `{r.path}` | {one.p50_ms:.1f} ms | {one.p99_ms:.1f} ms "
            f"| {many.requests_per_s:,.0f} | {many.p50_ms:.1f} ms | {many.p99_ms:.1f} ms "
            f"| {many.cpu_ms_per_request:.2f} ms | {ratio} | {size} |"
        )
    return "\n".join(lines)


def describe_machine() -> dict[str, object]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    python = subprocess.run(
        [str(VENV_BIN / "python"), "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "python": python, "os": platform.platform()}


def verdict(results: list[Result]) -> str:
    today = next(r for r in results if r.path == "/")
    if today.single is None or today.loaded is None:
        return f"Today could not be measured (HTTP {today.status})."
    parts = []
    for load_ in (today.single, today.loaded):
        met = "meets" if load_.p99_ms < TARGET_P99_MS else "misses"
        parts.append(f"p99 {load_.p99_ms:.1f} ms with {load_.connections} connection(s): {met}")
    return f"Today against the {TARGET_P99_MS:.0f} ms p99 target: " + "; ".join(parts) + "."


def section(results: list[Result], info: dict[str, object]) -> str:
    m = info["machine"]
    assert isinstance(m, dict)
    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {info['measured_at']} by `bench/web.py` on {m['cpu']} "
            f"({m['cores']} cores), Python {m['python']}; load average "
            f"{info['load_before']} before, {info['load_after']} after.",
            f"`wrk -c1` then `wrk {info['wrk_args']}`, each `--latency`, from a second "
            "process against "
            f"`nextround serve` (one uvicorn worker, `--today {info['today']}`) on "
            f"`{info['database']}`, and the bare endpoint (`bench/bare_app.py`).",
            "",
            table(results, int(str(info["connections"]))),
            "",
            f"**{verdict(results)}**",
            "",
        ]
    )


def wrk_args(args: argparse.Namespace) -> str:
    return f"-t{args.threads} -c{args.connections} -d{args.duration}s"


def measure_beside_bare(
    nextround: Path,
    db: Path,
    wanted: list[Target],
    args: argparse.Namespace,
    what: str,
    logs: str,
) -> tuple[list[Result], float]:
    """Serve ``db`` with nextround and with the bare app side by side, load each target of
    ``wanted`` with wrk on both; the results and the load average before."""
    app = [str(nextround), "--db", str(db), "--today", args.today, "serve"]
    bare = [str(VENV_BIN / "python"), str(BENCH / "bare_app.py"), "--db", str(db)]
    bare += ["--today", args.today]
    load_before = round(os.getloadavg()[0], 2)
    print(f"\nloading {what} with wrk {wrk_args(args)} (load average {load_before}):")
    with (
        serving(app, "/", OUT / f"{logs}-serve.log") as app_server,
        serving(bare, "/bare", OUT / f"{logs}-bare.log") as bare_server,
    ):
        return measure({"app": app_server, "bare": bare_server}, wanted, args), load_before


def write_section(text: str, doc: Path = DOC, heading: str = SECTION) -> None:
    """Replace the section in docs/benchmarks.md (up to the next ``## ``), or append it."""
    current = doc.read_text() if doc.exists() else "# Benchmarks\n"
    start = current.find(heading + "\n")
    if start == -1:
        doc.write_text(current.rstrip("\n") + "\n\n" + text)
        return
    following = current.find("\n## ", start + len(heading))
    end = len(current) if following == -1 else following + 1
    doc.write_text(current[:start] + text + ("\n" + current[end:] if following != -1 else ""))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    nextround = VENV_BIN / "nextround"
    if not nextround.exists():
        sys.exit(f"error: {rel(nextround)} is missing; run `make run` (or pip install -e .) first")
    args.db = args.db.resolve()
    ensure_database(args)
    company = company_with_history(args.db)
    results, load_before = measure_beside_bare(
        nextround, args.db, targets(company), args, "each address", "web"
    )
    info: dict[str, object] = {
        "measured_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": describe_machine(),
        "load_before": load_before,
        "load_after": round(os.getloadavg()[0], 2),
        "wrk_args": wrk_args(args),
        "connections": args.connections,
        "today": args.today,
        "database": rel(args.db),
    }
    text = section(results, info)
    print("\n" + text)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(
        json.dumps({**info, "results": [asdict(r) for r in results]}, indent=2) + "\n"
    )
    if args.write:
        write_section(text)
        print(f"written to {rel(DOC)} and {rel(args.results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
