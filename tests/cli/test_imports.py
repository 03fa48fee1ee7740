"""``nextround import linkedin``: dry run, the real run, --json, errors, the zip, the progress bar."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import zipfile
from pathlib import Path

from tests.cli.runner import SCRIPT, Nextround, fingerprint

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures" / "linkedin"
CONNECTIONS = str(FIXTURES / "Connections.csv")


def test_a_dry_run_lists_each_row_and_writes_nothing(nr_sqlite: Nextround) -> None:
    before = fingerprint(nr_sqlite.db)
    out = nr_sqlite.ok("import", "linkedin", "--dry-run", CONNECTIONS).out
    assert (
        "Dry run of Connections.csv (LinkedIn): 4 created, 0 matched, 0 updated, 1 skipped." in out
    )
    assert "  line 5: created Ada Lovelace: new" in out
    assert "  line 7: skipped: no name" in out
    assert "Nothing was written" in out
    assert fingerprint(nr_sqlite.db) == before


def test_the_import_then_the_list_of_imported_people(nr: Nextround) -> None:
    out = nr.ok("import", "linkedin", CONNECTIONS).out
    assert out.startswith("Imported Connections.csv (LinkedIn): 4 created, 0 matched")
    assert "line 5" not in out  # only skipped rows are listed after a real import
    assert "nextround undo" in out
    listed = nr.ok("--json", "person", "list", "--source", "linkedin").json()
    assert sorted(p["name"] for p in listed) == [
        "Ada Lovelace",
        "Dana Smith",
        "Grace Hopper",
        "Zoë Müller",
    ]
    assert {p["company_id"] for p in listed} == {None}
    assert nr.ok("--json", "person", "list", "--source", "manual").json() == []
    shown = nr.ok("person", "show", "Grace Hopper").out
    assert "Rear Admiral at Navy, Inc. (no company record)" in shown
    assert "from: linkedin" in shown


def test_json_prints_the_report_and_a_second_run_changes_nothing(nr_sqlite: Nextround) -> None:
    first = nr_sqlite.ok("--json", "import", "linkedin", CONNECTIONS).json()
    assert first["counts"] == {"created": 4, "matched": 0, "updated": 0, "skipped": 1}
    assert first["change_id"] is not None
    assert first["rows"][0] == {
        "file": "",
        "line": 5,
        "kind": "person",
        "outcome": "created",
        "name": "Ada Lovelace",
        "reason": "new",
    }
    before = fingerprint(nr_sqlite.db)
    second = nr_sqlite.ok("--json", "import", "linkedin", CONNECTIONS).json()
    assert second["counts"] == {"created": 0, "matched": 4, "updated": 0, "skipped": 1}
    assert second["change_id"] is None
    assert fingerprint(nr_sqlite.db) == before


def test_undo_takes_the_whole_import_back(nr_sqlite: Nextround) -> None:
    before = nr_sqlite.ok("--json", "person", "list").json()
    nr_sqlite.ok("import", "linkedin", CONNECTIONS)
    nr_sqlite.ok("undo")
    assert nr_sqlite.ok("--json", "person", "list").json() == before


def test_the_whole_export_zip(nr_sqlite: Nextround, tmp_path: Path) -> None:
    export = tmp_path / "Basic_LinkedInDataExport_02-08-2026.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FIXTURES / "Connections.csv", "Connections.csv")
        z.write(FIXTURES / "Invitations.csv", "Invitations.csv")
        z.writestr("messages.csv", "FROM,TO\n")
    out = nr_sqlite.ok("import", "linkedin", str(export)).out
    assert "4 created, 0 matched, 0 updated, 4 skipped" in out
    assert "Invitations.csv line 5: skipped Pat Stranger: not someone nextround knows" in out


def test_a_wrong_file_is_one_line_naming_the_line(nr_sqlite: Nextround, tmp_path: Path) -> None:
    bad = tmp_path / "Connections.csv"
    bad.write_text("First Name,Last Name,URL\nAda,Lovelace,x\n")
    before = fingerprint(nr_sqlite.db)
    result = nr_sqlite.run("import", "linkedin", str(bad))
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "Error: line 1: the header has no 'Connected On' column; export the file from "
        "LinkedIn again rather than editing it"
    ]
    assert fingerprint(nr_sqlite.db) == before


def test_a_missing_file_is_refused_by_its_name(nr_sqlite: Nextround, tmp_path: Path) -> None:
    result = nr_sqlite.run("import", "linkedin", str(tmp_path / "nowhere.csv"))
    assert result.code == 2
    assert "nowhere.csv" in result.err and "does not exist" in result.err


def _long_file(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "Connections.csv"
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Person{i},Number{i},https://www.linkedin.com/in/p-{i},,Co {i % 50},Engineer,08 Feb 2026"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_progress_bar_shows_on_a_terminal_only(nr_sqlite: Nextround, tmp_path: Path) -> None:
    path = _long_file(tmp_path, 3000)
    piped = nr_sqlite.ok("import", "linkedin", "--dry-run", str(path))
    assert piped.err == ""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(SCRIPT), "import", "linkedin", str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**nr_sqlite.env(), "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out, _ = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    assert b"Reading Connections.csv" in seen or b"Writing" in seen
    assert out.decode().startswith("Imported Connections.csv (LinkedIn): 3000 created")
