"""Benchmark the mailbox path: parse + classify of a 50,000-message mbox, and an IMAP rescan.

    .venv/bin/python bench/mail.py                 # 50,000 messages
    .venv/bin/python bench/mail.py --count 5000    # a quick run
    .venv/bin/python bench/mail.py --no-imap       # parse + classify only
    .venv/bin/python bench/mail.py --both          # and message by message too

1. Writes ``bench/out/mail-<count>.mbox`` with ``bench/mailgen.py`` (once).
2. In a child process pinned to one core: streams the mbox through the same
   reader, parser and classifier as ``nextround mail classify`` and, taking
   turns with it on each block of ``--block`` messages (1,000; 1 is message by
   message), the standard library's bare ``email.message_from_bytes``; reports
   messages per CPU-second of each
   (``time.process_time``: the machine is shared) and their ratio, and the
   peak resident memory (the child's ``ru_maxrss``) next to the memory after
   imports alone, so the difference shows whether the reader streams.
   A second child runs the nextround path alone under ``tracemalloc`` for
   its peak of traced memory and the memory still held between messages
   (read every so many messages: it stays flat unless something accumulates).
3. With Debian's Dovecot installed: loads the first ``--imap-count`` messages
   into a throwaway Dovecot's Maildir, runs ``nextround mail scan --imap``
   once to read them all, then times the rescan with nothing new.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--imap-count", type=int, default=5_000)
    parser.add_argument("--no-imap", action="store_true", help="skip the IMAP rescan")
    parser.add_argument(
        "--no-tracemalloc", action="store_true", help="skip the (slow) run under tracemalloc"
    )
    parser.add_argument(
        "--block",
        type=int,
        default=1_000,
        help="messages each path reads in its turn (1: message by message); default 1000",
    )
    parser.add_argument(
        "--both",
        action="store_true",
        help="measure with --block and with 1 (message by message), one child each",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _measure(args.child, args.traced, args.block)
        return
    mbox = OUT / f"mail-{args.count}.mbox"
    if not mbox.exists():
        from bench.mailgen import write_mbox

        started = time.perf_counter()
        size = write_mbox(mbox, args.count)
        print(f"wrote {mbox} ({size / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s")
    figures = _child(mbox, "--block", str(args.block))
    print(json.dumps(figures, indent=2), flush=True)
    if args.both and args.block != 1:
        figures["message_by_message"] = _child(mbox, "--block", "1")
        print(json.dumps(figures["message_by_message"], indent=2), flush=True)
    if not args.no_tracemalloc:
        figures["tracemalloc"] = _child(mbox, "--traced")
        print(json.dumps(figures["tracemalloc"], indent=2), flush=True)
    if not args.no_imap:
        figures["imap"] = _imap_rescan(mbox, args.imap_count)
        print(json.dumps(figures["imap"], indent=2), flush=True)
    figures["machine"] = _machine()
    figures["load_average"] = os.getloadavg()
    print(json.dumps({k: figures[k] for k in ("machine", "load_average")}, indent=2))
    (OUT / "mail-results.json").write_text(json.dumps(figures, indent=2))


def _child(mbox: Path, *flags: str) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", str(mbox), *flags]
    if hasattr(os, "sched_setaffinity"):
        command = ["taskset", "-c", "0", *command]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


#: Under tracemalloc, the memory still held between two messages is read (after a
#: garbage collection) when this many messages have been read, and after the last one:
#: flat if nothing accumulates.
STEADY_AT = frozenset({100, 1_000, 5_000, 10_000, 20_000, 30_000, 40_000})


def _measure(mbox: Path, traced: bool = False, block: int = 1) -> None:
    """Side by side in CPU time of this one process (the machine is shared: wall time
    measures the neighbours too): the standard library's bare ``email.message_from_bytes``,
    nextround's ``parse_message``, and the rest of ``mail classify`` (classify + guess the
    company). The two take turns on each ``block`` of messages: with 1, message by message,
    each evicts the other's data from the processor's caches between two messages (which
    slows both, about 15 %); with 1,000, each reads a block as a scan reads a mailbox, and
    the turns still share out any change of load between them. With ``traced``, only the
    nextround path runs, message by message, under tracemalloc, for its peak of traced
    memory (which includes the message being read: it rises with the largest message met)
    and the memory held between messages at :data:`STEADY_AT` (which shows whether
    anything accumulates)."""
    import email
    import tracemalloc

    from nextround.classify import classify
    from nextround.domain.mail import Label
    from nextround.domain.mail_matching import guess_company
    from nextround.mail.mailboxes import read_paths
    from nextround.mail.messages import parse_message
    from nextround.mail.sources import RawMail
    from nextround.services.mail_classify import letter_of

    imported = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    clock = time.process_time
    stdlib = ours = rest = 0.0
    labels: dict[str, int] = {}
    problems = 0
    steady: dict[int, float] = {}  # messages read -> traced memory between messages (MB)
    if traced:
        tracemalloc.start()
        block = 1
    started = time.perf_counter()
    pending: list[bytes] = []
    items = read_paths([mbox])
    while True:
        pending.clear()
        for item in items:
            if not isinstance(item, RawMail):
                problems += 1
                continue
            pending.append(item.data)
            del item
            if len(pending) == block:
                break
        if not pending:
            break
        t0 = clock()
        if not traced:
            for data in pending:
                email.message_from_bytes(data)
        stdlib += clock() - t0
        for data in pending:
            t1 = clock()
            message = parse_message(data)
            t2 = clock()
            verdict = classify(message)
            if verdict.label is not Label.OTHER:
                guess_company(letter_of(message))
            t3 = clock()
            ours, rest = ours + t2 - t1, rest + t3 - t2
            labels[verdict.label.value] = labels.get(verdict.label.value, 0) + 1
        if traced and sum(labels.values()) in STEADY_AT:
            del data, message  # nothing of this message is held any more
            pending.clear()
            steady[sum(labels.values())] = _held()
    wall = time.perf_counter() - started
    count = sum(labels.values())
    size = mbox.stat().st_size
    figures: dict[str, object] = {
        "messages": count,
        "problems": problems,
        "mbox_mb": round(size / 1e6, 1),
        "wall_seconds": round(wall, 2),
        "rss_after_imports_mb": round(imported / 1024, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if traced:
        figures["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
        steady[count] = _held()
        figures["tracemalloc_between_messages_mb"] = steady
    else:
        figures |= {
            "block": block,
            "cpu_seconds": {
                "stdlib_message_from_bytes": round(stdlib, 2),
                "parse_message": round(ours, 2),
                "classify_and_match": round(rest, 2),
            },
            "per_cpu_second": {
                "stdlib_message_from_bytes": round(count / stdlib),
                "parse_message": round(count / ours),
                "parse_classify_match": round(count / (ours + rest)),
            },
            "parse_vs_stdlib": round(stdlib / ours, 2),
            "whole_path_vs_stdlib": round(stdlib / (ours + rest), 2),
            "labels": labels,
        }
    print(json.dumps(figures))


def _held() -> float:
    """Traced memory still held after a garbage collection, in MB."""
    import gc
    import tracemalloc

    gc.collect()
    return round(tracemalloc.get_traced_memory()[0] / 1e6, 2)


def _imap_rescan(mbox: Path, count: int) -> dict[str, object]:
    """Time a rescan with nothing new, after a first scan of ``count`` messages."""
    import statistics
    import tempfile
    from dataclasses import replace
    from datetime import date

    from tests.imapserver import DovecotUnavailableError, running_dovecot

    from nextround.config import Settings
    from nextround.mail.mailboxes import read_paths
    from nextround.mail.sources import RawMail
    from nextround.services import mail
    from nextround.services.context import open_context

    try:
        server_cm = running_dovecot()
        server = server_cm.__enter__()
    except DovecotUnavailableError as exc:
        return {"skipped": f"no Dovecot: {exc}"}
    try:
        user = server.add_user()
        batch: list[bytes] = []
        for item in read_paths([mbox]):
            if len(batch) == count:
                break
            if isinstance(item, RawMail):
                batch.append(item.data)
        started = time.perf_counter()
        user.append("INBOX", *batch)
        loaded = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(db_url=str(Path(folder) / "mail.db"), today=date(2026, 11, 25))
            ctx = open_context(replace(settings, imap=user.settings()))
            try:
                started = time.perf_counter()
                first = mail.scan_sources(ctx, use_imap=True)
                first_seconds = time.perf_counter() - started
                rescans = []
                for _ in range(5):
                    started = time.perf_counter()
                    again = mail.scan_sources(ctx, use_imap=True)
                    rescans.append(time.perf_counter() - started)
                    assert again.read == 0, again.read
            finally:
                ctx.close()
        return {
            "messages": len(batch),
            "append_seconds": round(loaded, 1),
            "first_scan_seconds": round(first_seconds, 2),
            "first_scan_read": first.read,
            "first_scan_filed": len(first.filed),
            "rescan_median_ms": round(statistics.median(rescans) * 1000, 1),
            "rescan_max_ms": round(max(rescans) * 1000, 1),
        }
    finally:
        server_cm.__exit__(None, None, None)


def _machine() -> dict[str, object]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"),
    }


if __name__ == "__main__":
    main()
