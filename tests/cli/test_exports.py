"""``nextround export|restore|delete-all`` as a user runs them: files, reports, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.runner import SCRIPT, Nextround, fingerprint
from tests.pdfcheck import require_tools


def _error(result: object) -> str:
    code, err = result.code, result.err  # type: ignore[attr-defined]
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: ")
    return lines[0]


def _fresh(tmp_path: Path, name: str = "new.db") -> Nextround:
    other = Nextround(tmp_path / name.replace(".", "-"), str(tmp_path / name))
    other.ok("init", "--no-setup")
    return other


def test_backup_and_restore_through_the_command_line(demo: Nextround, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    report = demo.ok("--json", "export", "-o", str(backup)).json()
    assert report["format"] == "json" and report["rows"]["companies"] == 12
    assert backup.stat().st_mode & 0o777 == 0o600
    other = _fresh(tmp_path)
    restored = other.ok("restore", str(backup), "--json").json()
    assert restored["counts"]["tasks"] == report["rows"]["tasks"]
    again = tmp_path / "again.json"
    other.ok("export", "-o", str(again))
    first, second = json.loads(backup.read_bytes()), json.loads(again.read_bytes())
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second
    assert "Priya Raman" in other.ok("person", "list").out


def test_restore_writes_the_settings_and_says_what_changed(demo: Nextround, tmp_path: Path) -> None:
    demo.config.parent.mkdir(parents=True, exist_ok=True)
    demo.config.write_text('[user]\nname = "Sam Reyes"\n[drafts]\nlanguage = "es"\n')
    backup = tmp_path / "backup.json"
    demo.ok("export", "-o", str(backup))
    other = _fresh(tmp_path)
    other.config.parent.mkdir(parents=True, exist_ok=True)
    other.config.write_text('[smtp]\nhost = "smtp.example.org"\npassword_file = "/k/pw"\n')
    out = other.ok("restore", str(backup)).out
    assert f"Settings written to {other.config}: user.name, drafts.language." in out
    assert "The file as it was is kept as" in out
    assert "Kept this machine's own (the backup has the default): smtp.host." in out
    text = other.config.read_text()
    assert 'password_file = "/k/pw"' in text and 'language = "es"' in text
    third = _fresh(tmp_path, "third.db")
    report = third.ok("--json", "restore", str(backup), "--keep-settings").json()
    assert report["settings"] is None and not third.config.exists()
    again = tmp_path / "again.json"
    other.ok("export", "-o", str(again))
    settings = json.loads(again.read_bytes())["settings"]
    assert settings["user"]["name"] == "Sam Reyes" and settings["drafts"]["language"] == "es"


def test_existing_files_are_replaced_only_with_force(demo: Nextround, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("keep me")
    line = _error(demo.run("export", "-o", str(target)))
    assert "exists; add --force" in line
    assert target.read_text() == "keep me"
    demo.ok("export", "-o", str(target), "--force")
    assert json.loads(target.read_bytes())["format"] == "nextround-export"


@pytest.mark.parametrize("where", ["/proc/backup.json", "missing-folder/backup.json", "."])
def test_unwritable_places(demo: Nextround, tmp_path: Path, where: str) -> None:
    path = where if where.startswith("/") else str(tmp_path / where)
    line = _error(demo.run("export", "-o", path))
    assert "can't write" in line or "is a folder" in line
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


def _bad_files(tmp_path: Path, demo: Nextround) -> dict[str, tuple[bytes, str]]:
    good = tmp_path / "good.json"
    demo.ok("export", "-o", str(good))
    data = good.read_bytes()
    newer = json.loads(data) | {"version": 2}
    wrong = json.loads(data) | {"tables": []}
    cell = json.loads(data)
    cell["tables"]["companies"][0]["created_at"] = "yesterday"
    return {
        "truncated": (data[: len(data) // 2], "not valid JSON"),
        "not json": (b"\x89PNG\r\n", "not UTF-8"),
        "another format": (b'{"format": "other", "version": 1}', "not a nextround export"),
        "newer version": (json.dumps(newer).encode(), "newer nextround"),
        "wrong shape": (json.dumps(wrong).encode(), 'no "tables" object'),
        "bad cell": (json.dumps(cell).encode(), "companies[0].created_at must be a time"),
    }


def test_bad_files_are_one_line_errors_and_write_nothing(demo: Nextround, tmp_path: Path) -> None:
    other = _fresh(tmp_path)
    before = fingerprint(other.db)
    for name, (data, expected) in _bad_files(tmp_path, demo).items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(data)
        line = _error(other.run("restore", str(path)))
        assert expected in line, (name, line)
        assert "nothing was restored" in line
        assert fingerprint(other.db) == before, name
    assert "there is no file" in _error(other.run("restore", str(tmp_path / "nope.json")))


def test_restore_refuses_a_database_with_records(demo: Nextround, tmp_path: Path) -> None:
    backup = tmp_path / "b.json"
    demo.ok("export", "-o", str(backup))
    before = fingerprint(demo.db)
    line = _error(demo.run("restore", str(backup)))
    assert "already holds records" in line and "init --no-setup" in line
    assert fingerprint(demo.db) == before


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_csv_per_record_kind_and_safe_for_spreadsheets(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    nr_sqlite.ok("company", "add", "=cmd|' /C calc'!A0", "--address", "@SUM(1+1)\n2 Road")
    nr_sqlite.ok(
        "person", "add", "--company", "=cmd|' /C calc'!A0", "--title", "+Boss", "--", "-Dana"
    )
    folder = tmp_path / "csv"
    report = nr_sqlite.ok("export", "--format", "csv", "-o", str(folder), "--json").json()
    assert report["files"]["people.csv"] == 1
    assert {p.name for p in folder.iterdir()} >= {"companies.csv", "people.csv", "tasks.csv"}
    company = _rows(folder / "companies.csv")[0]
    assert company["name"] == "'=cmd|' /C calc'!A0"
    assert company["address"] == "'@SUM(1+1)\n2 Road"
    person = _rows(folder / "people.csv")[0]
    assert person["name"] == "'-Dana" and person["title"] == "'+Boss"
    assert "owner_id" not in person
    line = _error(nr_sqlite.run("export", "--format", "csv", "-o", str(folder)))
    assert "exists; add --force" in line
    nr_sqlite.ok("export", "--format", "csv", "-o", str(folder), "--force")


def test_vcard_format_and_its_alias(demo: Nextround, tmp_path: Path) -> None:
    demo.ok("export", "--format", "vcard", "-o", str(tmp_path / "a.vcf"))
    demo.ok("person", "export", "--vcard", "-o", str(tmp_path / "b.vcf"))
    assert (tmp_path / "a.vcf").read_bytes() == (tmp_path / "b.vcf").read_bytes()


def test_application_record_as_csv(demo: Nextround, tmp_path: Path) -> None:
    target = tmp_path / "record.csv"
    out = demo.ok(
        "export",
        "--format",
        "record",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "-o",
        str(target),
    ).out
    assert "Wrote the application record from 2026-01-01 to 2026-12-31" in out
    rows = _rows(target)
    assert rows and list(rows[0]) == [
        "Date applied",
        "Company",
        "Company address",
        "Role",
        "How applied",
        "Contact",
        "Outcome",
    ]
    assert [r["Date applied"] for r in rows] == sorted(r["Date applied"] for r in rows)
    assert any(r["Outcome"].startswith("Rejected on 2026-") for r in rows)
    assert any("Lantern Street" in r["Company address"] for r in rows)
    line = _error(demo.run("export", "--format", "record", "-o", str(tmp_path / "r.txt")))
    assert ".csv or a .pdf" in line
    bad = demo.run(
        "export",
        "--format",
        "record",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-01",
        "-o",
        str(tmp_path / "r.csv"),
    )
    assert "swap --from and --to" in _error(bad)


def test_application_record_as_pdf(demo: Nextround, tmp_path: Path) -> None:
    require_tools()
    demo.ok("setup", "--name", "Sam Rivera", "--address", "12 Elm Road\nSpringfield")
    target = tmp_path / "record.pdf"
    demo.ok(
        "export",
        "--format",
        "record",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "-o",
        str(target),
    )
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Application record" in text and "Sam Rivera" in text
    assert "2026-01-01 to 2026-12-31" in text
    assert "Lumenfield" in text and "Rejected on" in text and "Page 1 of" in text


def test_delete_all(demo: Nextround, tmp_path: Path) -> None:
    copy = Path(demo.db).with_name(
        Path(demo.db).name + ".before-upgrade-0005_one_core-20260101-000000"
    )
    shutil.copyfile(demo.db, copy)
    line = _error(demo.run("delete-all"))
    assert "add --yes" in line
    report = demo.ok("delete-all", "--yes", "--json").json()
    assert report["counts"]["companies"] == 12 and report["backups_scrubbed"] == 1
    assert "No applications" in demo.ok("app", "list").out or demo.ok("app", "list").out == ""
    for path in (Path(demo.db), copy):
        raw = path.read_bytes()
        assert b"Priya" not in raw and b"Lumenfield" not in raw, path
    backup = tmp_path / "empty.json"
    demo.ok("export", "-o", str(backup))
    assert all(not rows for rows in json.loads(backup.read_bytes())["tables"].values())


def _at_a_terminal(nr: Nextround, answer: str, *args: str) -> str:
    """Run nextround on a pseudo-terminal, answer its question, return what it printed."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [str(SCRIPT), *args], stdin=secondary, stdout=secondary, stderr=secondary, env=nr.env()
    )
    os.close(secondary)
    seen = _read_until(main, b"Type delete", time.monotonic() + 30)
    os.write(main, answer.encode() + b"\r")
    seen += _read_until(main, None, time.monotonic() + 30)
    process.wait(timeout=30)
    os.close(main)
    return seen.decode(errors="replace")


def _read_until(fd: int, mark: bytes | None, deadline: float) -> bytes:
    """What the terminal shows until ``mark`` (None: until the program ends)."""
    seen = b""
    while (mark is None or mark not in seen) and time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the program ended: Linux says EIO
            break
        if not chunk:
            break
        seen += chunk
    return seen


def test_delete_all_asks_for_the_word_at_a_terminal(demo: Nextround) -> None:
    before = fingerprint(demo.db)
    shown = _at_a_terminal(demo, "yes", "delete-all")
    assert "This deletes everything in" in shown and "nothing was deleted" in shown
    assert fingerprint(demo.db) == before
    shown = _at_a_terminal(demo, "delete", "delete-all")
    assert "Deleted " in shown
    assert "Priya" not in demo.ok("person", "list").out
