"""The CLI fixture: a user with a fresh database."""

from __future__ import annotations

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
