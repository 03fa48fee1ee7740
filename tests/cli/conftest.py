"""The CLI fixtures: a user with a fresh database, or with a copy of the demo's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.runner import Nextround


@pytest.fixture
def nr(db_url: str, tmp_path: Path) -> Nextround:
    """A user whose database exists (``nextround init`` done), on SQLite or PostgreSQL."""
    return Nextround(tmp_path, db_url).created()


@pytest.fixture
def nr_sqlite(tmp_path: Path) -> Nextround:
    return Nextround(tmp_path, str(tmp_path / "nextround.db")).created()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built once (``nextround demo`` takes seconds)."""
    home = tmp_path_factory.mktemp("demo")
    Nextround(home, str(home / "nextround.db")).ok("demo")
    return home / "nextround.db"


@pytest.fixture
def demo(demo_database: Path, tmp_path: Path) -> Nextround:
    """A user with their own copy of the demo database (as ``nextround demo`` left it)."""
    copy = tmp_path / "nextround.db"
    source, target = sqlite3.connect(demo_database), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    return Nextround(tmp_path, str(copy))
