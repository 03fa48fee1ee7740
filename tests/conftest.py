"""Shared fixtures: a real database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.services.context import Context, open_context

pytest_plugins = ["tests.pg_fixtures"]

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own config, database or date."""
    monkeypatch.setenv("NEXTROUND_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.delenv("NEXTROUND_DB", raising=False)
    monkeypatch.delenv("NEXTROUND_TODAY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "nextround.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(db_url=db_url, today=TODAY, templates_dir=tmp_path / "config" / "templates")


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    context = open_context(settings)
    yield context
    context.close()
