"""Benchmark imports: time and peak memory of large files through the real services.

    .venv/bin/python bench/imports.py                      # every benchmark below
    .venv/bin/python bench/imports.py tracker --rows 2000  # a quick run of one

- ``linkedin``: a 100,000-row LinkedIn ``Connections.csv`` (current layout:
  a byte-order mark, notes lines, 5,000 companies, an email on one row in
  ten), read by the standard library's ``csv`` alone, by the import core
  (:func:`~nextround.importers.csvfile.read_rows`) and by the LinkedIn parser,
  then through :func:`~nextround.services.imports.import_file`: the dry run,
  the import, and the same file again.
- ``tracker``: a 20,000-row tracker CSV (``;``-separated, Windows-1252, a
  title line above the header, 2,000 companies, a contact on half the rows)
  read by the standard library's ``csv`` alone and by the import core, then
  through :func:`~nextround.services.import_tables.import_table` on a fresh
  SQLite database: the dry run, the import, and the same file again (every
  row matched, nothing written).

Each phase runs in a child process of its own, so that its peak memory
(``ru_maxrss``) is its own. Prints and writes ``bench/out/imports.json``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "src"))

STATUSES = ["Beworben", "Absage", "Interview", "Wishlist", "Phone screen", "Ghosted", "Offer"]


def write_tracker(path: Path, rows: int) -> None:
    """A tracker export as a German Excel writes it: ``;``, Windows-1252, a title line."""
    rng = random.Random(15)
    lines = [
        "Bewerbungen 2026",
        "",
        "Firma;Position;Status;Beworben am;Link;Gehalt;Ort;Notizen;Ansprechpartner;Contact Email",
    ]
    for n in range(rows):
        company = f"Firma {n % 2000} GmbH"
        contact = f"Kontakt{n} Müller;kontakt{n}@firma{n % 2000}.example" if n % 2 else ";"
        day = f"{rng.randint(1, 28):02d}.{rng.randint(1, 11):02d}.2026"
        lines.append(
            f"{company};Entwickler {n};{rng.choice(STATUSES)};{day};https://jobs.example/{n};"
            f'{rng.randint(40, 90)}.000 € p.a.;München;"Notiz; mit ""Anführung""";{contact}'
        )
    path.write_bytes("\r\n".join(lines).encode("cp1252"))


def _tracker_phase(db: str, path: str, dry_run: bool, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from nextround.config import load_settings
    from nextround.services.context import open_context
    from nextround.services.import_tables import TableOptions, import_table

    ctx = open_context(load_settings(db=db, today="2026-12-04"))
    started = time.perf_counter()
    with Path(path).open("rb") as data:
        done = import_table(
            ctx,
            data,
            name=Path(path).name,
            options=TableOptions(),
            mappings_file=Path(path).with_suffix(".toml"),
            dry_run=dry_run,
        )
    seconds = time.perf_counter() - started
    ctx.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put(
        {"seconds": round(seconds, 2), "peak_mb": round(peak_mb, 1), "counts": done.report.counts}
    )


def _in_child(target: Callable[..., None], *args: object) -> dict[str, object]:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=target, args=(*args, queue))
    child.start()
    found: dict[str, object] = queue.get()
    child.join()
    return found


def tracker(rows: int) -> dict[str, object]:
    """The tracker benchmark: dry run, import, import again."""
    from nextround.storage.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        path, db = Path(folder) / "tracker.csv", str(Path(folder) / "bench.db")
        write_tracker(path, rows)
        open_database(db).close()
        result: dict[str, object] = {"rows": rows, "file_mb": round(path.stat().st_size / 1e6, 2)}
        for how in ("stdlib_csv_tracker", "csv_core"):
            result[how] = _in_child(_reading_phase, str(path), how)
            print(f"tracker {rows:,} rows, {how}: {result[how]}", flush=True)
        for phase, dry_run in (("dry_run", True), ("import", False), ("again", False)):
            result[phase] = _in_child(_tracker_phase, db, str(path), dry_run)
            print(f"tracker {rows:,} rows, {phase}: {result[phase]}", flush=True)
    return result


def write_connections(path: Path, rows: int) -> None:
    """LinkedIn's current ``Connections.csv``: a byte-order mark, notes, then the table."""
    rng = random.Random(9)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write('Notes:\r\n"Some e-mail addresses may be missing."\r\n\r\n')
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
        for n in range(rows):
            email = f"person{n}@example.org" if n % 10 == 0 else ""
            day = f"{rng.randint(1, 28):02d} {rng.choice(months)} {rng.randint(2010, 2026)}"
            out.write(
                f"Vorname{n},Nachname-Müller{n},https://www.linkedin.com/in/person-{n}-{n % 97:x},"
                f'{email},"Company {n % 5000}, Inc.",Senior Engineer {n % 7},{day}\r\n'
            )


def _reading_phase(path: str, how: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Reading only: the standard library's csv, the import core, or the LinkedIn parser."""
    import csv

    from nextround.importers.csvfile import read_rows
    from nextround.importers.linkedin import read

    started = time.perf_counter()
    with Path(path).open("rb") as data:
        if how == "stdlib_csv":
            with Path(path).open(encoding="utf-8-sig", newline="") as text:
                count = sum(1 for _ in csv.reader(text))
        elif how == "stdlib_csv_tracker":  # the tracker's own encoding and delimiter
            with Path(path).open(encoding="cp1252", newline="") as text:
                count = sum(1 for _ in csv.reader(text, delimiter=";"))
        elif how == "csv_core":
            count = sum(1 for _ in read_rows(data)[1])
        else:
            count = sum(1 for _ in read(data, Path(path).name))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put({"seconds": round(seconds, 2), "peak_mb": round(peak_mb, 1), "rows": count})


def _linkedin_phase(db: str, path: str, dry_run: bool, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from nextround.config import load_settings
    from nextround.services.context import open_context
    from nextround.services.imports import import_file

    ctx = open_context(load_settings(db=db, today="2026-12-04"))
    started = time.perf_counter()
    with Path(path).open("rb") as data:
        report = import_file(ctx, "linkedin", data, name=Path(path).name, dry_run=dry_run)
    seconds = time.perf_counter() - started
    ctx.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put({"seconds": round(seconds, 2), "peak_mb": round(peak_mb, 1), "counts": report.counts})


def linkedin(rows: int) -> dict[str, object]:
    """A LinkedIn Connections.csv: read three ways, then dry run, import, import again."""
    from nextround.storage.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        path, db = Path(folder) / "Connections.csv", str(Path(folder) / "bench.db")
        write_connections(path, rows)
        open_database(db).close()
        result: dict[str, object] = {"rows": rows, "file_mb": round(path.stat().st_size / 1e6, 2)}
        for how in ("stdlib_csv", "csv_core", "parse"):
            result[how] = _in_child(_reading_phase, str(path), how)
            print(f"linkedin {rows:,} rows, {how}: {result[how]}", flush=True)
        for phase, dry_run in (("dry_run", True), ("import", False), ("again", False)):
            result[phase] = _in_child(_linkedin_phase, db, str(path), dry_run)
            print(f"linkedin {rows:,} rows, {phase}: {result[phase]}", flush=True)
    return result


BENCHMARKS: dict[str, Callable[[int], dict[str, object]]] = {
    "tracker": tracker,
    "linkedin": linkedin,
}
DEFAULT_ROWS = {"tracker": 20_000, "linkedin": 100_000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "which", nargs="*", help=f"benchmarks to run: {', '.join(BENCHMARKS)} (all)"
    )
    parser.add_argument(
        "--rows", type=int, help="rows of each file (default: each benchmark's own)"
    )
    args = parser.parse_args()
    unknown = [w for w in args.which if w not in BENCHMARKS]
    if unknown:
        parser.error(f"no benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}")
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": os.getloadavg(),
    }
    for which in args.which or BENCHMARKS:
        results[which] = BENCHMARKS[which](args.rows or DEFAULT_ROWS[which])
    OUT.mkdir(exist_ok=True)
    (OUT / "imports.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
