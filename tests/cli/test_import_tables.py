"""``nextround import google|vcard|csv`` run as a user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import Nextround, fingerprint
from tests.importers.rows import FIXTURES

TRACKER = str(FIXTURES / "tracker-semicolon-cp1252.csv")


def test_csv_dry_run_shows_mapping_and_statuses_and_writes_nothing(nr_sqlite: Nextround) -> None:
    before = fingerprint(nr_sqlite.db)
    out = nr_sqlite.ok("import", "csv", TRACKER, "--dry-run").out
    assert "Columns (guessed from the header):" in out
    assert "  company        <- Firma" in out
    assert "  'Absage' -> rejected (1 row)" in out
    assert "line 10: skipped: no role in this row" in out
    assert "8 created, 0 matched, 0 updated, 1 skipped" in out
    assert fingerprint(nr_sqlite.db) == before


def test_csv_asks_first_then_saves_and_reuses_the_mapping(nr_sqlite: Nextround) -> None:
    before = fingerprint(nr_sqlite.db)
    refused = nr_sqlite.run("import", "csv", TRACKER, stdin="")
    assert refused.code == 2 and "add --yes" in refused.err
    assert fingerprint(nr_sqlite.db) == before
    done = nr_sqlite.ok("import", "csv", TRACKER, "--yes", "--save-mapping", "old tracker").out
    assert "Imported tracker-semicolon-cp1252.csv (CSV): 8 created" in done
    assert "--mapping 'old tracker'" in done
    saved = (Path(nr_sqlite.config).parent / "import-mappings.toml").read_text(encoding="utf-8")
    assert '[mappings."old tracker"]' in saved
    after = fingerprint(nr_sqlite.db)
    report = nr_sqlite.ok("--json", "import", "csv", TRACKER, "--mapping", "old tracker").json()
    assert report["counts"] == {"created": 0, "matched": 8, "updated": 0, "skipped": 1}
    assert report["mapping"]["name"] == "old tracker"
    assert {"source": "Absage", "status": "rejected", "count": 1, "known": True} in report[
        "statuses"
    ]
    assert fingerprint(nr_sqlite.db) == after
    apps = nr_sqlite.ok("--json", "app", "list").json()
    assert len(apps) == 5


def test_csv_corrections_and_bad_ones(nr_sqlite: Nextround, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "Who,Job,Where we are,When\nInitech,Analyst,Rocket,04/03/2026\n", encoding="utf-8"
    )
    missing = nr_sqlite.run("import", "csv", str(path), "--dry-run")
    assert missing.code == 1
    assert "no header naming the company and the role" in missing.err
    assert "--column company=HEADER --column role=HEADER" in missing.err
    bad = nr_sqlite.run("import", "csv", str(path), "--column", "company=Firm", "--dry-run")
    assert "no row in the first 30 lines holds every column --column names ('Firm')" in bad.err
    only = nr_sqlite.run("import", "csv", str(path), "--column", "company=Who", "--dry-run")
    assert "Error: no column for role in the header on line 1" not in only.err  # Job is the role
    assert only.code == 0
    args = (
        "--column",
        "company=Who",
        "--column",
        "status=Where we are",
        "--column",
        "applied_on=When",
    )
    order = nr_sqlite.run("import", "csv", str(path), *args, "--dry-run")
    assert "line 2: the date '04/03/2026' could be day/month or month/day" in order.err
    nr_sqlite.ok(
        "import",
        "csv",
        str(path),
        *args,
        "--status",
        "Rocket=offer",
        "--date-order",
        "dmy",
        "--yes",
    )
    (app,) = nr_sqlite.ok("--json", "app", "list").json()
    assert (app["status"], app["applied_on"]) == ("offer", "2026-03-04")


def test_google_and_vcard(nr_sqlite: Nextround) -> None:
    dry = nr_sqlite.ok("import", "google", str(FIXTURES / "google-current.csv"), "--dry-run").out
    assert "3 created, 0 matched, 0 updated, 1 skipped" in dry
    nr_sqlite.ok("import", "google", str(FIXTURES / "google-current.csv"))
    again = nr_sqlite.ok("--json", "import", "google", str(FIXTURES / "google-current.csv")).json()
    assert again["counts"]["created"] == 0
    out = nr_sqlite.ok("import", "vcard", str(FIXTURES / "contacts-2.1.vcf")).out
    assert "line 19: skipped: card 2 has no name" in out
    broken = nr_sqlite.run("import", "vcard", str(FIXTURES / "google-current.csv"))
    assert broken.code == 1 and "no vCard in this file" in broken.err


def _at_a_terminal(nr: Nextround, args: list[str], answer: bytes) -> str:
    """Run with a pseudo-terminal as stdin and stdout, answering the question with ``answer``."""
    import os
    import pty
    import subprocess
    import time

    from tests.cli.runner import SCRIPT

    main, other = pty.openpty()
    child = subprocess.Popen(
        [str(SCRIPT), *args], stdin=other, stdout=other, stderr=other, env=nr.env(), close_fds=True
    )
    os.close(other)
    seen = b""
    deadline = time.monotonic() + 60
    while b"[y/N]" not in seen and time.monotonic() < deadline and child.poll() is None:
        seen += os.read(main, 4096)
    os.write(main, answer)
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    child.wait(timeout=60)
    os.close(main)
    return seen.decode("utf-8", "replace").replace("\r\n", "\n")


def test_at_a_terminal_it_asks_and_a_no_writes_nothing(nr_sqlite: Nextround) -> None:
    before = fingerprint(nr_sqlite.db)
    said_no = _at_a_terminal(nr_sqlite, ["import", "csv", TRACKER], b"n\n")
    assert "  company        <- Firma" in said_no
    assert "Would import: 8 created, 0 matched, 0 updated, 1 skipped." in said_no
    assert "Import with this mapping? [y/N]" in said_no
    assert fingerprint(nr_sqlite.db) == before
    said_yes = _at_a_terminal(nr_sqlite, ["import", "csv", TRACKER], b"y\n")
    assert "Imported tracker-semicolon-cp1252.csv (CSV): 8 created" in said_yes
    assert said_yes.count("<- Firma") == 1  # the mapping is not shown again after the yes
    assert fingerprint(nr_sqlite.db) != before
