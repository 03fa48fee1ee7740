"""The hosted benchmark's database: many users' job searches on PostgreSQL, built fast.

    .venv/bin/python bench/hosted_db.py --pg postgresql://postgres@127.0.0.1:5432/nr_hosted

Used by ``bench/hosted.py``. Runs nextround's migrations on an empty database, then
fills it by ``COPY`` (psycopg) with rows generated in Python from a fixed seed:
``--users`` users (ids 2 on; id 1 stays the local user, with no rows), each with a
handful of companies, two people at each, one or two applications per company and
about ``--tasks / --users`` tasks (200 by default): most done, skipped or
cancelled in the past three years, and 6 to 14 open or snoozed around ``--today``
(overdue, due today, this week, later). Foreign keys are not checked row by row
during the load (``session_replication_role = replica``; the generator keeps them
right, and a count after the load says so); ``ANALYZE`` at the end.

The built database is kept as a ``pg_dump`` archive under ``bench/out`` (with a
sidecar ``.json`` holding how long the build took), so a rerun restores it
(``pg_restore -j 2``) instead of generating it again.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg

from build_db import CITIES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, ROLES, TITLES
from run import BENCH_TODAY, DEFAULT_SEED, OUT, bench_env

#: The bench users' emails: user00001@bench.example ... (ids 2 on).
EMAIL = "user{:05d}@bench.example"
KINDS = (
    "journal",
    "thank_you_card",
    "congrats_email",
    "linkedin_invite",
    "follow_company",
    "check_back",
    "record_interviewers",
    "find_address",
    "find_email",
)
APP_STATUSES = (
    ("applied", 35),
    ("rejected", 25),
    ("ghosted", 15),
    ("screening", 7),
    ("interviewing", 7),
    ("withdrawn", 5),
    ("saved", 4),
    ("offer", 2),
)
APP_NAMES = [s for s, _ in APP_STATUSES]
APP_WEIGHTS = [w for _, w in APP_STATUSES]
FINISHED = (("done", 70), ("skipped", 20), ("cancelled", 10))
HISTORY_DAYS = 3 * 365
CHUNK_USERS = 250

COLUMNS = {
    "users": "id, name, email, created_at",
    "companies": "id, owner_id, name, website, careers_url, created_at, updated_at",
    "people": "id, owner_id, company_id, name, title, email, created_at, updated_at",
    "applications": (
        "id, owner_id, company_id, role, status, applied_on, rejected_on, created_at, updated_at"
    ),
    "tasks": (
        "id, owner_id, key, kind, title, due, status, application_id, company_id, person_id, "
        "done_on, created_at, updated_at"
    ),
}


@dataclass(frozen=True)
class Spec:
    users: int
    tasks: int
    today: date
    seed: int

    @property
    def name(self) -> str:
        return f"hosted-{self.users}u-{self.tasks}t-{self.today.isoformat()}-{self.seed}"


def _field(value: object) -> str:
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _line(*values: object) -> str:
    return "\t".join(_field(v) for v in values) + "\n"


class Generator:
    """Rows for one :class:`Spec`, user by user, as COPY text."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.ids = {"companies": 0, "people": 0, "applications": 0, "tasks": 0}
        self.combos = [f"{a} {b}" for a in COMPANY_WORDS for b in COMPANY_WORDS if a != b]
        base = spec.tasks // spec.users
        counts = [base] * spec.users
        counts[-1] += spec.tasks - base * spec.users
        for i in range(0, spec.users - 1, 2):  # vary by user, same total
            shift = self.rng.randint(-base // 4, base // 4)
            counts[i] += shift
            counts[i + 1] -= shift
        self.counts = counts

    def _next(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def chunk(self, first: int, last: int) -> dict[str, str]:
        """COPY text of each table for the users numbered ``first`` to ``last`` - 1."""
        out = {table: io.StringIO() for table in COLUMNS}
        for n in range(first, last):
            self._user(n, out)
        return {table: buffer.getvalue() for table, buffer in out.items()}

    def _stamp(self, day: date) -> str:
        return f"{day.isoformat()} {self.rng.randrange(8, 19):02d}:{self.rng.randrange(60):02d}:00"

    def _user(self, n: int, out: dict[str, io.StringIO]) -> None:
        rng, today = self.rng, self.spec.today
        owner = n + 2
        start = today - timedelta(days=rng.randrange(60, HISTORY_DAYS))
        out["users"].write(_line(owner, f"user{n + 1:05d}", EMAIL.format(n + 1), start))
        apps: list[tuple[int, int, int, str]] = []  # application, company, person, company name
        for name in rng.sample(self.combos, rng.randint(4, 8)):
            company = self._next("companies")
            slug = name.lower().replace(" ", "")
            made = self._stamp(start + timedelta(days=rng.randrange(30)))
            out["companies"].write(
                _line(company, owner, name, f"https://{slug}.example", None, made, made)
            )
            people = []
            for _ in range(2):
                person = self._next("people")
                full = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                email = f"{full.split(maxsplit=1)[0].lower()}@{slug}.example"
                out["people"].write(
                    _line(person, owner, company, full, rng.choice(TITLES), email, made, made)
                )
                people.append((person, full))
            for _ in range(rng.choice((1, 1, 2))):
                app = self._next("applications")
                status = rng.choices(APP_NAMES, APP_WEIGHTS)[0]
                applied = start + timedelta(days=rng.randrange((today - start).days))
                rejected = applied + timedelta(days=rng.randrange(5, 40))
                role = f"{rng.choice(ROLES)}, {rng.choice(CITIES)}"
                out["applications"].write(
                    _line(
                        app,
                        owner,
                        company,
                        role,
                        status,
                        None if status == "saved" else applied,
                        min(rejected, today) if status == "rejected" else None,
                        made,
                        made,
                    )
                )
                apps.append((app, company, rng.choice(people)[0], name))
        self._tasks(owner, start, apps, self.counts[n], out["tasks"])

    def _tasks(
        self,
        owner: int,
        start: date,
        apps: Sequence[tuple[int, int, int, str]],
        count: int,
        out: io.StringIO,
    ) -> None:
        rng, today = self.rng, self.spec.today
        pending = rng.randint(6, 14)
        span = (today - start).days
        statuses = [s for s, _ in FINISHED]
        weights = [w for _, w in FINISHED]
        for i in range(count):
            task = self._next("tasks")
            app, company, person, company_name = rng.choice(apps)
            kind = rng.choice(KINDS)
            done_on = None
            if i < pending:
                status = "snoozed" if rng.random() < 0.15 else "open"
                roll = rng.random()
                if roll < 0.3:
                    due = today - timedelta(days=rng.randint(1, 30))
                elif roll < 0.45:
                    due = today
                elif roll < 0.7:
                    due = today + timedelta(days=rng.randint(1, 7))
                else:
                    due = today + timedelta(days=rng.randint(8, 90))
            else:
                status = rng.choices(statuses, weights)[0]
                due = start + timedelta(days=rng.randrange(max(span, 1)))
                done_on = min(due + timedelta(days=rng.randrange(6)), today)
            created = self._stamp(min(due, today) - timedelta(days=rng.randrange(15)))
            title = f"{kind.replace('_', ' ').capitalize()}: {company_name}"
            out.write(
                _line(
                    task,
                    owner,
                    f"{kind}:a{app}:{i}",
                    kind,
                    title,
                    due,
                    status,
                    app,
                    company,
                    person,
                    done_on,
                    created,
                    created,
                )
            )


def fill(url: str, spec: Spec) -> dict[str, int]:
    """Migrate the empty database at ``url`` and load the generated rows; the row counts."""
    from nextround.storage.database import open_database

    open_database(url, create=True, pooled=False).close()
    generator = Generator(spec)
    with psycopg.connect(url, autocommit=False) as conn:
        conn.execute("SET session_replication_role = replica")
        for first in range(0, spec.users, CHUNK_USERS):
            texts = generator.chunk(first, min(first + CHUNK_USERS, spec.users))
            for table, text in texts.items():
                with conn.cursor().copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
                    copy.write(text)
        for table in COLUMNS:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
        counts = {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
            for table in COLUMNS
        }
        orphans = conn.execute(
            "SELECT count(*) FROM tasks t LEFT JOIN applications a ON a.id = t.application_id "
            "LEFT JOIN people p ON p.id = t.person_id "
            "WHERE a.id IS NULL OR p.id IS NULL OR a.owner_id <> t.owner_id"
        ).fetchone()
        if orphans and orphans[0]:
            raise SystemExit(f"error: {orphans[0]} tasks point at missing or others' rows")
    return counts


def ensure(url: str, spec: Spec, bin_dir: Path, rebuild: bool = False) -> dict[str, object]:
    """The database at ``url`` filled for ``spec``: restored from the cached dump when
    there is one, else built (and dumped for next time). Returns the build record."""
    dump = OUT / f"{spec.name}.dump"
    sidecar = dump.with_suffix(".json")
    with psycopg.connect(url) as conn:
        has_rows = conn.execute("SELECT to_regclass('tasks') IS NOT NULL").fetchone()
        if has_rows and has_rows[0]:
            total = conn.execute("SELECT count(*) FROM tasks").fetchone()
            if total and total[0] == spec.tasks and sidecar.exists() and not rebuild:
                return {**json.loads(sidecar.read_text()), "restore_s": 0.0, "reused": True}
            raise SystemExit(f"error: {url} already holds a schema; give an empty database")
    if dump.exists() and sidecar.exists() and not rebuild:
        began = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "pg_restore"), "-j", "2", "--no-owner", "-d", url, str(dump)],
            check=True,
        )
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
        record: dict[str, object] = json.loads(sidecar.read_text())
        return {**record, "restore_s": round(time.perf_counter() - began, 1), "reused": False}
    began = time.perf_counter()
    counts = fill(url, spec)
    built = round(time.perf_counter() - began, 1)
    OUT.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    subprocess.run([str(bin_dir / "pg_dump"), "-Fc", "-Z1", "-f", str(dump), url], check=True)
    record = {
        "spec": spec.name,
        "built_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "build_s": built,
        "dump_s": round(time.perf_counter() - began, 1),
        "rows": counts,
    }
    sidecar.write_text(json.dumps(record, indent=2) + "\n")
    return {**record, "restore_s": 0.0, "reused": False}


def app_env(url: str, today: str) -> dict[str, str]:
    config = OUT / "hosted-config" / "config.toml"  # none: settings from the environment
    return {
        **bench_env(),
        "NEXTROUND_DB": url,
        "NEXTROUND_HOSTED": "1",
        "NEXTROUND_TODAY": today,
        "NEXTROUND_CONFIG": str(config),
    }


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc); 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_digests(url: str, users: int, today: str) -> dict[str, float | int]:
    """Every user's digest made once, as the job does it (not emailed): CPU and wall time."""
    from nextround.config import load_settings
    from nextround.services import digest
    from nextround.services.context import open_context

    ctx = open_context(load_settings(environ=app_env(url, today)), pooled=False)
    try:
        with ctx.db.read() as c:
            backend = int(c.scalar("SELECT pg_backend_pid()") or 0)
        backend_before = cpu_of(backend)
        cpu, wall = time.process_time(), time.perf_counter()
        made = remembered = 0
        for owner in range(2, users + 2):
            result = digest.make(ctx, "daily", owner=owner)
            made += not result.digest.is_empty()
            remembered += result.remembered
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        backend_cpu = cpu_of(backend) - backend_before
    finally:
        ctx.db.close()
    return {
        "users": users,
        "not_empty": made,
        "remembered": remembered,
        "process_cpu_s": round(cpu, 1),
        "backend_cpu_s": round(backend_cpu, 1),
        "wall_s": round(wall, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pg", required=True, help="an empty database's URL")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--tasks", type=int, default=2_000_000)
    parser.add_argument("--today", default=BENCH_TODAY)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    spec = Spec(args.users, args.tasks, date.fromisoformat(args.today), args.seed)
    began = time.perf_counter()
    print(json.dumps(fill(args.pg, spec)), f"{time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
