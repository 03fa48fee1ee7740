"""``setup --password``, ``token add|list|revoke`` and ``serve`` off this computer, as run."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from tests.cli.runner import Nextround
from tests.web.server import running_server

PASSWORD = "a good long password"


def test_serve_off_this_computer_without_a_password_refuses_and_says_how(
    nr_sqlite: Nextround,
) -> None:
    refused = nr_sqlite.run("serve", "--host", "0.0.0.0", "--port", "8765")
    assert refused.code != 0
    lines = refused.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: ")
    assert "nextround setup --password" in lines[0]
    assert "running at" not in refused.out


def test_a_password_from_stdin_or_a_file_is_stored_as_a_hash(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    done = nr_sqlite.run("setup", "--password", stdin=PASSWORD + "\n")
    assert done.code == 0, done.err
    assert "Password saved" in done.out
    stored = _password_hash(nr_sqlite)
    assert stored.startswith("$argon2") and PASSWORD not in stored
    secret = tmp_path / "password.txt"
    secret.write_text("another fine password\n", encoding="utf-8")
    assert nr_sqlite.run("setup", "--password-file", str(secret)).code == 0
    assert _password_hash(nr_sqlite) != stored


def test_a_short_password_is_refused(nr_sqlite: Nextround) -> None:
    done = nr_sqlite.run("setup", "--password", stdin="short\n")
    assert done.code != 0
    assert "at least 8 characters" in done.err
    assert _password_hash(nr_sqlite) == ""


def test_with_a_password_serve_listens_off_loopback_behind_a_login(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    assert nr_sqlite.run("setup", "--password", stdin=PASSWORD + "\n").code == 0
    extra = ("--host", "0.0.0.0", "--allow-host", "127.0.0.1")
    with running_server(nr_sqlite.db, nr_sqlite.today, tmp_path / "serve", extra) as server:
        with urllib.request.urlopen(server.url("/applications")) as page:
            assert page.url.endswith("/login?next=%2Fapplications")
            assert "Log in to nextround" in page.read().decode()
        try:
            urllib.request.urlopen(server.url("/api/v1/tasks"))
            raise AssertionError("the API answered without a login")
        except urllib.error.HTTPError as refused:
            assert refused.code == 401


def test_tokens_are_added_listed_and_revoked(nr: Nextround) -> None:
    added = nr.run("token", "add", "backup script")
    assert added.code == 0, added.err
    token = added.out.strip()
    assert token.startswith("nr_")
    assert "not shown again" in added.err
    listed = nr.ok("token", "list")
    assert "backup script" in listed.out and "never" in listed.out
    assert token not in listed.out
    as_json = json.loads(nr.ok("--json", "token", "list").out)
    assert [t["name"] for t in as_json] == ["backup script"]
    assert nr.run("token", "add", "backup script").code != 0
    assert "revoked" in nr.ok("token", "revoke", "backup script").out
    gone = nr.run("token", "revoke", "backup script")
    assert gone.code != 0 and "no token named" in gone.err
    assert "No API tokens" in nr.ok("token", "list").out


def _password_hash(nr: Nextround) -> str:
    import sqlite3

    connection = sqlite3.connect(nr.db)
    try:
        found = connection.execute("SELECT password_hash FROM users WHERE id = 1").fetchone()
    finally:
        connection.close()
    return str(found[0] or "")
