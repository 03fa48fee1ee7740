"""Benchmark "people you know": a company's list among 100,000 imported contacts.

    .venv/bin/python bench/network.py                    # 100,000 contacts
    .venv/bin/python bench/network.py --contacts 20000   # a quicker run

A fresh SQLite database (built through the migrations) holds one company,
"Acme GmbH" (acme.example), three people linked to it, and ``--contacts``
imported LinkedIn contacts without a company record: one in a hundred at
"ACME" (another spelling of the company), the others spread over 40,000
organisations, each with an email address at one of 500 domains (one of them
acme.example's subdomain, for the email-domain match). Times
:func:`~nextround.services.network.people_you_know` cold (the names' keys not
yet cached) and warm, the queries it sends, and a watch run's read of ten
companies at once (:func:`~nextround.services.network.people_you_know_at`).
Prints and writes ``bench/out/network.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "src"))


def build(path: Path, contacts: int) -> tuple[object, int, list[int]]:
    from nextround.config import Settings
    from nextround.domain.companies import NewCompany
    from nextround.domain.people import NewPerson
    from nextround.services import companies, people
    from nextround.services.context import open_context

    ctx = open_context(Settings(db_url=str(path), today=date(2026, 11, 25)))
    acme = companies.add_company(ctx, NewCompany("Acme GmbH", website="https://acme.example"))
    for name in ("Dana Smith", "Lee Wong", "Ann Park"):
        people.add_person(ctx, NewPerson(name, acme.id))
    others = [
        companies.add_company(ctx, NewCompany(f"Org {i}", website=f"org{i}.example")).id
        for i in range(1, 10)
    ]
    rows = [
        {
            "owner_id": 1,
            "id": 1000 + i,
            "name": f"Person {i}",
            "organisation": "ACME" if i % 100 == 0 else f"Org {i % 40000} Ltd",
            "email": f"p{i}@{'eu.acme' if i % 500 == 1 else f'org{i % 500}'}.example",
            "source": "linkedin",
        }
        for i in range(contacts)
    ]
    with ctx.db.transaction() as c:  # type: ignore[attr-defined]
        c.execute_many(
            "INSERT INTO people (owner_id, id, name, organisation, email, source) "
            "VALUES (:owner_id, :id, :name, :organisation, :email, :source)",
            rows,
        )
        c.execute_many(
            "INSERT INTO relationships (owner_id, person_id) VALUES (:owner_id, :id)", rows
        )
    return ctx, acme.id, [acme.id, *others]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    args = parser.parse_args()
    from nextround.services import network

    with tempfile.TemporaryDirectory() as folder:
        ctx, acme, ten = build(Path(folder) / "bench.db", args.contacts)
        seen: list[str] = []
        ctx.db.listeners.append(seen.append)  # type: ignore[attr-defined]
        started = time.perf_counter()
        found = network.people_you_know(ctx, acme)  # type: ignore[arg-type]
        cold = time.perf_counter() - started
        queries = len(seen)
        started = time.perf_counter()
        network.people_you_know(ctx, acme)  # type: ignore[arg-type]
        warm = time.perf_counter() - started
        started = time.perf_counter()
        many = network.people_you_know_at(ctx, ten)  # type: ignore[arg-type]
        at_ten = time.perf_counter() - started
    result = {
        "contacts": args.contacts,
        "known_at_acme": len(found.people),
        "cold_seconds": round(cold, 3),
        "warm_seconds": round(warm, 3),
        "queries": queries,
        "ten_companies_seconds": round(at_ten, 3),
        "known_at_ten": sum(len(v.people) for v in many.values()),
        "python": platform.python_version(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "network.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
