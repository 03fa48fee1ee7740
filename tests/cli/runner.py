"""Running the real ``nextround`` console script as a user would."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCRIPT = Path(sys.executable).with_name("nextround")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Nextround:
    """One user's command line: a database, a config folder, a fixed today."""

    def __init__(self, home: Path, db: str, today: str = "2026-11-25") -> None:
        self.home, self.db, self.today = home, db, today
        self.config = home / "config" / "config.toml"

    def created(self) -> Nextround:
        """The database made, as `nextround init` makes it (in-process: quicker)."""
        from nextround.storage.database import open_database

        open_database(self.db).close()
        return self

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEXTROUND_")}
        env.update(
            NEXTROUND_CONFIG=str(self.config),
            NEXTROUND_DB=self.db,
            NEXTROUND_TODAY=self.today,
            XDG_DATA_HOME=str(self.home / "data"),
            EDITOR="false",
        )
        env.update(extra)
        return env

    def run(self, *args: str, stdin: str | None = None, **env: str) -> Result:
        done = subprocess.run(
            [str(SCRIPT), *args],
            capture_output=True,
            text=True,
            env=self.env(**env),
            input=stdin,
            timeout=60,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, **env: str) -> Result:
        result = self.run(*args, **env)
        assert result.code == 0, f"nextround {' '.join(args)} failed: {result.err}"
        return result


def fingerprint(path: str) -> str:
    """Every row of every table, so "nothing written" is checked, not assumed."""
    connection = sqlite3.connect(path)
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' ORDER BY name"
        )
    ]
    digest = hashlib.sha256()
    for table in tables:
        for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()
