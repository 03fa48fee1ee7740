"""Time write commands as whole processes, side by side with Taskwarrior's ``task add``.

    .venv/bin/python bench/writes.py                 # also run by `make bench`
    .venv/bin/python bench/writes.py --runs 40

On a copy of the 10,000-application benchmark database (``bench/run.py``
builds it), each round runs one of each command, in turn, so that the shared,
noisy machine slows all of them alike:

- ``task add``: Taskwarrior 2.6 adding a task to a list of 10,000 (the reference);
- ``nextround task done ID``: a different open step each time;
- ``nextround person add NAME --company ID``: a new person at the busiest company
  (the duplicate check reads that company's hundreds of people); each name is new
  there, with a first name that several people at the company already have;
- ``nextround reject ID``: a different application each time (the whole plan).

The pass mark is the ratio of each median to Taskwarrior's (at most 3); the
absolute times are recorded too (the aim: under 150 ms). Results go to
``bench/out/writes.json``; docs/benchmarks.md explains them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_db import FIRST_NAMES, LAST_NAMES, _words
from run import BENCH_TODAY, OUT, VENV_BIN, bench_env, ensure_database, machine, parse_args

TASKWARRIOR_TASKS = 10_000
RATIO_PASS = 3.0


def taskwarrior(folder: Path) -> list[str]:
    """Taskwarrior with its own empty config and data, filled with 10,000 tasks."""
    task = shutil.which("task")
    if task is None:
        raise SystemExit(
            "Taskwarrior is missing: `sudo apt-get install taskwarrior` (make bench does)"
        )
    data = folder / "taskwarrior"
    data.mkdir()
    command = [
        task,
        "rc:/dev/null",
        f"rc.data.location={data}",
        "rc.confirmation=off",
        "rc.verbose=nothing",
        "rc.hooks=off",
    ]
    tasks = [
        {"description": f"Follow up with contact {i}", "project": f"search{i % 40}", "status": "pending",
         "entry": "20260101T000000Z", "due": f"2026{1 + i % 12:02d}{1 + i % 28:02d}T000000Z"}
        for i in range(TASKWARRIOR_TASKS)
    ]  # fmt: skip
    subprocess.run(
        [*command, "import", "-"], input="\n".join(json.dumps(t) for t in tasks), text=True,
        check=True, capture_output=True,
    )  # fmt: skip
    return command


# Surnames the benchmark database never uses (bench/build_db.py's LAST_NAMES).
NEW_SURNAMES = _words(
    "Achterberg Barros Cardoso Dalgaard Ekwueme Ferreira Galloway Halvorsen Iwasaki Jaramillo "
    "Kovalenko Lindqvist Mbatha Nieminen Oyelaran Pacheco Quispe Rasmussen Sandoval Takahashi "
    "Ulloa Valdivia Wieczorek Xavier Yilmaz Zubiri Arriaga Bergstrom Cavanagh Donnelly Espinoza "
    "Fairweather Gallardo Hakimi Ibarra Jovanovic Kasprzak Lindgren Montague Norgaard"
)


def new_name(i: int) -> str:
    """A realistic name nobody at the company has: a common first name, a new surname."""
    return f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {NEW_SURNAMES[i % len(NEW_SURNAMES)]}"


def targets(db: Path, rounds: int) -> tuple[list[int], list[int], int]:
    """Open steps and applications to act on (one per round), and the busiest company."""
    connection = sqlite3.connect(db)
    try:
        steps = [r[0] for r in connection.execute(
            "SELECT id FROM tasks WHERE status = 'open' ORDER BY id LIMIT ?",
            (rounds,))]  # fmt: skip
        apps = [r[0] for r in connection.execute(
            "SELECT a.id FROM applications a WHERE a.status = 'interviewing' AND EXISTS "
            "(SELECT 1 FROM interviews i JOIN interview_people s ON s.interview_id = i.id "
            "WHERE i.application_id = a.id) ORDER BY a.id LIMIT ?", (rounds,))]  # fmt: skip
        busiest = connection.execute(
            "SELECT company_id FROM people GROUP BY company_id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]
    finally:
        connection.close()
    if len(steps) < rounds or len(apps) < rounds:
        raise SystemExit(
            f"the benchmark database has too few open steps or applications for {rounds} rounds"
        )
    return steps, apps, busiest


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return elapsed


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": statistics.median(ordered),
        "p90_ms": ordered[int(0.9 * (len(ordered) - 1))],
        "min_ms": ordered[0],
        "mean_ms": statistics.fmean(ordered),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--runs", type=int, default=30, help="rounds (each runs every command once)"
    )
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args(argv)
    built = parse_args([])
    ensure_database(built)
    source: Path = built.db
    nextround = str(VENV_BIN / "nextround")
    with tempfile.TemporaryDirectory(prefix="nextround-writes-") as scratch:
        folder = Path(scratch)
        db = folder / "bench.db"
        shutil.copyfile(source, db)
        env = bench_env() | {"NEXTROUND_DB": str(db), "NEXTROUND_TODAY": BENCH_TODAY}
        task = taskwarrior(folder)
        rounds = args.runs + args.warmup
        if rounds > len(NEW_SURNAMES) or set(NEW_SURNAMES) & set(LAST_NAMES):
            raise SystemExit(f"at most {len(NEW_SURNAMES) - args.warmup} runs (one new name each)")
        steps, apps, company = targets(db, rounds)
        commands = {
            "task add (Taskwarrior, 10,000 tasks)": lambda i: [*task, "add", f"Call back {i}"],
            "nextround task done": lambda i: [nextround, "task", "done", str(steps[i])],
            "nextround person add": lambda i: [nextround, "person", "add", new_name(i),
                                               "--company", str(company)],
            "nextround reject": lambda i: [nextround, "reject", str(apps[i])],
        }  # fmt: skip
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for i in range(rounds):
            for name, command in commands.items():
                elapsed = timed(command(i), env)
                if i >= args.warmup:
                    samples[name].append(elapsed)
    results = {name: summary(s) for name, s in samples.items()}
    reference = results["task add (Taskwarrior, 10,000 tasks)"]["median_ms"]
    for found in results.values():
        found["ratio_to_taskwarrior"] = found["median_ms"] / reference
    report = {"runs": args.runs, "machine": machine(), "results": results}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "writes.json").write_text(json.dumps(report, indent=2))
    print(f"{'command':<40} {'median':>8} {'p90':>8} {'min':>8} {'ratio':>6}")
    for name, found in results.items():
        print(
            f"{name:<40} {found['median_ms']:>6.1f}ms {found['p90_ms']:>6.1f}ms "
            f"{found['min_ms']:>6.1f}ms {found['ratio_to_taskwarrior']:>5.2f}x"
        )
    worst = max(v["ratio_to_taskwarrior"] for k, v in results.items() if k.startswith("nextround"))
    verdict = "within" if worst <= RATIO_PASS else "NOT within"
    print(f"slowest write command {worst:.2f}x Taskwarrior: {verdict} {RATIO_PASS:.0f}x")
    return 0 if worst <= RATIO_PASS else 1


if __name__ == "__main__":
    sys.exit(main())
