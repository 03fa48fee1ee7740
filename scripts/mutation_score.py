"""The mutation score per package, from the ``mutants/`` folder ``mutmut run`` leaves.

Run by ``make mutation`` after mutmut. A mutant counts as killed when a test
failed (or timed out) with it in place. Mutants listed in
``scripts/mutation-equivalent.txt`` cannot change behaviour; they are left out
of the total, each with its reason there. Prints one line per package and the
surviving mutants (``.venv/bin/mutmut show NAME`` shows one).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENT = Path(__file__).with_name("mutation-equivalent.txt")
#: mutmut's exit codes, as its ``results`` command names them.
STATUS = {1: "killed", 3: "killed", 0: "survived", 33: "no tests", 36: "timeout", 24: "timeout"}
STATUS |= {-24: "timeout", 152: "timeout", 255: "timeout", 34: "skipped", None: "not checked"}


def equivalent() -> dict[str, str]:
    """Mutant name -> why it cannot change behaviour."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        name, _, reason = line.partition("#")
        if name.strip():
            found[name.strip()] = reason.strip()
    return found


def results() -> dict[str, dict[str, str]]:
    """Package -> mutant name -> status."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for meta in sorted(MUTANTS.glob("src/nextround/*/**/*.py.meta")):
        package = meta.relative_to(MUTANTS / "src" / "nextround").parts[0]
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data["exit_code_by_key"].items():
            found[package][name] = STATUS.get(code, "suspicious")
    return found


def main() -> int:
    found = results()
    if not found:
        print("no mutants/ results: run `make mutation` first", file=sys.stderr)
        return 1
    skip = equivalent()
    stale = sorted(set(skip) - {n for names in found.values() for n in names})
    summary = {}
    for package, names in sorted(found.items()):
        counts = Counter(status for name, status in names.items() if name not in skip)
        total = sum(counts.values())
        killed = counts["killed"] + counts["timeout"]
        summary[package] = {"killed": killed, "total": total, **counts}
        listed = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s != "killed")
        print(
            f"{package:9} {killed:5} killed of {total:5} = {100 * killed / max(total, 1):5.1f}%"
            f"  ({listed}; {len(names) - total} equivalent, left out)"
        )
    (MUTANTS / "score.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    survivors = sorted(
        name
        for names in found.values()
        for name, status in names.items()
        if status != "killed" and status != "timeout" and name not in skip
    )
    print(f"\n{len(survivors)} not killed (mutants/survivors.txt; `mutmut show NAME` shows one)")
    (MUTANTS / "survivors.txt").write_text("".join(f"{n}\n" for n in survivors), encoding="utf-8")
    if stale:
        print(f"\n{len(stale)} mutants in {EQUIVALENT.name} no longer exist: {', '.join(stale)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
