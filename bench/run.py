"""Time ``nextround today`` as a whole process on the large benchmark database.

    make bench                       # the same as: .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --rebuild --runs 50

Builds ``bench/out/bench.db`` with ``bench/build_db.py`` when it is missing (or was
built for other arguments, or ``--rebuild``), checks the agenda query's plan,
then times the command with hyperfine when it is installed (a Python loop
otherwise): median, mean, p95 and min over the runs after the warm-ups, next to
the interpreter's own start-up (``python -c pass``), import-only commands and an
empty database (``--no-breakdown`` skips those). Ends with the slowest imports
from ``python -X importtime``. Figures are also written to
``bench/out/results.json``; docs/benchmarks.md explains them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
#: Where the timed processes keep their bytecode (see bench_env).
PYCACHE = OUT / "pycache"
VENV_BIN = ROOT / ".venv" / "bin"
#: A fixed day, so that every run measures the same agenda whatever the date.
BENCH_TODAY = "2026-11-25"
DEFAULT_SEED = 20261125
TARGET_MS = 150.0
INDEX = "ix_tasks_owner_status_due"
#: Import-only commands timed next to `today`: click alone, the command-line entry point,
#: then every module `today` loads (the entry point and the agenda command with its imports).
BREAKDOWN = (
    ("import click", "click"),
    ("import cli.main", "nextround.cli.main"),
    ("import today's modules", "nextround.cli.main, nextround.cli.agenda"),
)


@dataclass(frozen=True)
class Stats:
    runs: int
    median_ms: float
    mean_ms: float
    p95_ms: float
    min_ms: float
    max_ms: float
    stdev_ms: float
    #: Mean CPU time (user + system): less sensitive than wall time to other processes.
    cpu_ms: float

    @classmethod
    def of(cls, seconds: Sequence[float], cpu_seconds: float) -> Stats:
        ms = sorted(s * 1000 for s in seconds)
        p95 = ms[max(0, math.ceil(0.95 * len(ms)) - 1)]  # nearest rank
        return cls(
            runs=len(ms),
            median_ms=statistics.median(ms),
            mean_ms=statistics.fmean(ms),
            p95_ms=p95,
            min_ms=ms[0],
            max_ms=ms[-1],
            stdev_ms=statistics.stdev(ms) if len(ms) > 1 else 0.0,
            cpu_ms=cpu_seconds * 1000,
        )

    def line(self) -> str:
        return (
            f"median {self.median_ms:7.1f} ms   mean {self.mean_ms:7.1f} ms   "
            f"p95 {self.p95_ms:6.1f} ms   min {self.min_ms:6.1f} ms   "
            f"cpu {self.cpu_ms:6.1f} ms   (± {self.stdev_ms:.1f}, {self.runs} runs)"
        )


@dataclass(frozen=True)
class Import:
    module: str
    depth: int
    cumulative_us: float
    self_us: float


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, default=OUT / "bench.db", help="benchmark database")
    parser.add_argument("--today", default=BENCH_TODAY, help="the day to build and run for")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--importtime-runs", type=int, default=5)
    parser.add_argument(
        "--no-hyperfine", action="store_true", help="time with the Python loop even if available"
    )
    parser.add_argument(
        "--no-breakdown", action="store_true", help="skip timing the import-only commands"
    )
    parser.add_argument("--results", type=Path, default=OUT / "results.json")
    args = parser.parse_args(argv)
    date.fromisoformat(args.today)  # fail early on a bad date
    return args


# -- the database ------------------------------------------------------------------------


def ensure_database(args: argparse.Namespace) -> dict[str, object]:
    """The build's description (from its sidecar file), building the database if needed."""
    db: Path = args.db
    sidecar = db.with_name(db.name + ".json")
    wanted = {"today": args.today, "seed": args.seed}
    if db.exists() and sidecar.exists() and not args.rebuild:
        meta: dict[str, object] = json.loads(sidecar.read_text())
        if all(meta.get(k) == v for k, v in wanted.items()):
            print(f"using {rel(db)} (built {meta.get('built_at')}; --rebuild to build again)")
            return meta
        print(f"{rel(db)} was built for other arguments; building it again")
    command = [
        sys.executable,
        str(BENCH / "build_db.py"),
        "--out",
        str(db),
        "--today",
        args.today,
        "--seed",
        str(args.seed),
        "--force",
    ]
    print(f"$ {shlex.join(rel_args(command))}", flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"error: building the benchmark database failed (exit {done.returncode})")
    meta = {
        **wanted,
        "built_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "build_seconds": round(took, 2),
        "size_bytes": db.stat().st_size,
    }
    sidecar.write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def check_query_plan(db: Path, today: str) -> tuple[list[str], float]:
    """The agenda query's plan (which must use the index) and its in-process time in ms."""
    from nextround.storage.agenda import PENDING_DUE_BY as AGENDA_SQL  # the query `today` runs

    params = {"owner": 1, "end": (date.fromisoformat(today) + timedelta(days=7)).isoformat()}
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        plan = [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + AGENDA_SQL, params)]
        times = []
        for _ in range(50):
            started = time.perf_counter()
            connection.execute(AGENDA_SQL, params).fetchall()
            times.append(time.perf_counter() - started)
    finally:
        connection.close()
    return plan, statistics.median(times) * 1000


# -- timing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    name: str
    argv: list[str]
    #: Compiled bytecode (.pyc) available, as after any first run of an installed package.
    bytecode: bool = True


def bench_env(bytecode: bool = True) -> dict[str, str]:
    """The environment every timed process runs with.

    Never the user's config or NEXTROUND_* variables: the config is looked up
    the way it is for a user (XDG_CONFIG_HOME), in an empty folder of bench/out. With ``bytecode`` (the
    normal case), .pyc files are written and read under bench/out/pycache, so
    nothing lands in src/ even where PYTHONDONTWRITEBYTECODE is set; without it,
    nextround's own modules are compiled from source on every run (what an
    editable install does when PYTHONDONTWRITEBYTECODE=1 and src/ holds no
    __pycache__).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEXTROUND_")}
    env["XDG_CONFIG_HOME"] = str(PYCACHE.parent / "config-home")
    env.pop("PYTHONPYCACHEPREFIX", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def time_commands(
    commands: Sequence[Command], runs: int, warmup: int, use_hyperfine: bool
) -> tuple[dict[str, Stats], str]:
    hyperfine = shutil.which("hyperfine") if use_hyperfine else None
    if hyperfine:
        stats = {c.name: _hyperfine(hyperfine, c, runs, warmup) for c in commands}
        return stats, "hyperfine -N"
    return _python_loop(commands, runs, warmup), "python loop (interleaved subprocess.run)"


def _hyperfine(hyperfine: str, command: Command, runs: int, warmup: int) -> Stats:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "hyperfine.json"
        argv = [
            hyperfine,
            "-N",
            "--warmup",
            str(warmup),
            "--runs",
            str(runs),
            "--style",
            "basic",
            "--export-json",
            str(export),
            "-n",
            command.name,
            shlex.join(command.argv),
        ]
        subprocess.run(argv, check=True, env=bench_env(command.bytecode))
        result = json.loads(export.read_text())["results"][0]
    return Stats.of(result["times"], result["user"] + result["system"])


def _python_loop(commands: Sequence[Command], runs: int, warmup: int) -> dict[str, Stats]:
    """Round-robin over the commands, so that a busy moment hits them all alike."""
    envs = {c.name: bench_env(c.bytecode) for c in commands}
    times: dict[str, list[float]] = {c.name: [] for c in commands}
    cpu: dict[str, float] = dict.fromkeys(times, 0.0)
    for i in range(warmup + runs):
        for command in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                command.argv,
                env=envs[command.name],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            took = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i >= warmup:
                times[command.name].append(took)
                cpu[command.name] += (after.ru_utime - before.ru_utime) + (
                    after.ru_stime - before.ru_stime
                )
    return {name: Stats.of(t, cpu[name] / len(t)) for name, t in times.items()}


def tasks_shown(command: list[str]) -> tuple[int, dict[str, int]]:
    """Runs the command once: the task lines it prints, and the JSON groups' sizes."""
    env = bench_env()
    text = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if text.returncode != 0:
        sys.exit(f"error: {shlex.join(rel_args(command))} failed:\n{text.stderr}")
    shown = sum(1 for line in text.stdout.splitlines() if re.match(r"^\s+#\d+", line))
    as_json = subprocess.run([*command, "--json"], env=env, capture_output=True, check=True)
    groups = json.loads(as_json.stdout)
    return shown, {k: len(groups[k]) for k in ("overdue", "due_today", "upcoming")}


# -- imports ----------------------------------------------------------------------------

_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


def import_times(command: list[str], runs: int) -> list[Import]:
    """Each module's median self and cumulative import time over ``runs`` runs."""
    samples: dict[str, list[tuple[int, int, int]]] = {}
    order: list[str] = []
    env = bench_env()
    for i in range(runs + 1):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        if i == 0:
            continue  # a warm-up: it may have compiled bytecode
        for line in done.stderr.splitlines():
            match = _IMPORT_LINE.match(line)
            if not match:
                continue
            self_us, cumulative_us, indent, module = match.groups()
            if module not in samples:
                samples[module] = []
                order.append(module)
            depth = (len(indent) - 1) // 2
            samples[module].append((int(self_us), int(cumulative_us), depth))
    return [
        Import(
            module=m,
            depth=samples[m][0][2],
            self_us=statistics.median(s[0] for s in samples[m]),
            cumulative_us=statistics.median(s[1] for s in samples[m]),
        )
        for m in order
    ]


def import_groups(imports: Sequence[Import]) -> dict[str, float]:
    """Self import time in ms, summed by who imported each module first."""
    groups = dict.fromkeys(
        (
            "interpreter start-up (site, runpy)",
            "click, with the stdlib it imports first",
            "nextround's own modules",
            "stdlib that nextround imports first",
        ),
        0.0,
    )
    names = list(groups)
    ancestors: list[str] = []
    # importtime prints a module after its imports: reversed, a parent comes first.
    for item in reversed(imports):
        del ancestors[item.depth :]
        ancestors.append(item.module)
        owner = next(
            (m for m in reversed(ancestors) if m.split(".")[0] in {"click", "nextround"}), ""
        )
        if item.module.split(".")[0] == "nextround":
            group = names[2]
        elif owner.startswith("click"):
            group = names[1]
        elif owner:
            group = names[3]
        else:
            group = names[0]
        groups[group] += item.self_us / 1000
    return groups


# -- output -----------------------------------------------------------------------------


def machine() -> dict[str, object]:
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    venv_python = subprocess.run(
        [
            str(VENV_BIN / "python"),
            "-c",
            "import sys, sqlite3; print(sys.version.split()[0], sqlite3.sqlite_version)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": venv_python[0],
        "sqlite": venv_python[1],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _rounded(values: dict[str, object]) -> dict[str, object]:
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in values.items()}


def rel(path: Path) -> str:
    try:
        return str(path.absolute().relative_to(ROOT))
    except ValueError:
        return str(path)


def rel_args(argv: Sequence[str]) -> list[str]:
    return [rel(Path(a)) if a.startswith(str(ROOT)) else a for a in argv]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    nextround = VENV_BIN / "nextround"
    python = VENV_BIN / "python"
    if not nextround.exists():
        sys.exit(f"error: {rel(nextround)} is missing; run `make run` (or pip install -e .) first")
    db: Path = args.db.resolve()
    args.db = db
    meta = ensure_database(args)

    plan, query_ms = check_query_plan(db, args.today)
    uses_index = any(INDEX in line for line in plan)
    print("\nagenda query plan:")
    for line in plan:
        print(f"  {line}")
    print(
        f"  {'uses' if uses_index else 'WARNING: does not use'} {INDEX}; "
        f"in-process query time {query_ms:.2f} ms (median of 50)"
    )

    today = [str(nextround), "--db", str(db), "--today", args.today, "today"]
    shown, groups = tasks_shown(today)
    print(
        f"\n`nextround today` shows {shown} tasks "
        f"(overdue {groups['overdue']}, due today {groups['due_today']}, "
        f"next 7 days {groups['upcoming']})"
    )

    commands = [
        Command("python -c pass", [str(python), "-c", "pass"]),
        Command("nextround today", today),
        Command("today, no .pyc for src", today, bytecode=False),
    ]
    if not args.no_breakdown:  # where the time goes: imports alone, then an empty database
        commands[1:1] = [
            Command(label, [str(python), "-c", f"import {modules}"]) for label, modules in BREAKDOWN
        ]
        empty = [str(nextround), "--db", str(OUT / "empty.db"), "--today", args.today, "today"]
        subprocess.run(empty, env=bench_env(), check=True, capture_output=True)  # creates it
        commands.insert(-2, Command("today, empty database", empty))
    load_before = os.getloadavg()[0]
    print(f"\ntiming ({args.warmup} warm-ups, {args.runs} runs; load average {load_before:.2f})")
    stats, method = time_commands(commands, args.runs, args.warmup, not args.no_hyperfine)
    load_after = os.getloadavg()[0]

    imports = import_times(
        [str(python), "-X", "importtime", "-m", "nextround", *today[1:]], args.importtime_runs
    )
    top = sorted(imports, key=lambda i: i.cumulative_us, reverse=True)[:10]
    total_us = sum(i.cumulative_us for i in imports if i.depth == 0)

    floor, run = stats["python -c pass"], stats["nextround today"]
    print(f"\nresults ({method}; load average {load_before:.2f} before, {load_after:.2f} after):")
    width = max(len(c.name) for c in commands)
    for command in commands:
        print(f"  {command.name:<{width}} {stats[command.name].line()}")
    verdict = "meets" if run.median_ms < TARGET_MS else "MISSES"
    print(
        f"  `nextround today` median: {run.median_ms - floor.median_ms:.1f} ms above the "
        f"interpreter floor ({run.median_ms / floor.median_ms:.1f}x); "
        f"{verdict} the {TARGET_MS:.0f} ms target"
    )
    print(
        f"\nimports of `nextround today` (python -X importtime, median of "
        f"{args.importtime_runs}; all top-level imports {total_us / 1000:.1f} ms):"
    )
    print(f"  {'cumulative':>10}  {'self':>8}  module")
    for item in top:
        name = "  " * item.depth + item.module
        print(f"  {item.cumulative_us / 1000:7.1f} ms  {item.self_us / 1000:5.1f} ms  {name}")
    by_group = import_groups(imports)
    print("  self time by who imports a module first:")
    for group, ms in by_group.items():
        print(f"  {ms:7.1f} ms  {group}")

    results = {
        "measured_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "method": method,
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "machine": machine(),
        "database": {"path": rel(db), **meta},
        "query_plan": plan,
        "query_uses_index": uses_index,
        "query_ms": round(query_ms, 3),
        "tasks_shown": shown,
        "groups": groups,
        "timings": {name: _rounded(asdict(st)) for name, st in stats.items()},
        "target_ms": TARGET_MS,
        "meets_target": run.median_ms < TARGET_MS,
        "imports_total_ms": round(total_us / 1000, 1),
        "imports_top": [_rounded(asdict(i)) for i in top],
        "imports_by_group_ms": {k: round(v, 1) for k, v in by_group.items()},
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {rel(args.results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
