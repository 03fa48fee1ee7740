"""Shared fixtures: a real database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import nextround.storage
from nextround.config import Settings
from nextround.services.context import Context, open_context

pytest_plugins = ["tests.pg_fixtures", "tests.oauthprovider", "tests.oidcprovider"]

TODAY = date(2026, 11, 25)


def pytest_configure(config: pytest.Config) -> None:
    """A CI run asked to rewrite golden files stops before any test runs; no test reaches the
    machine's own keyring."""
    from tests.goldens import refusal

    refused = refusal()
    if refused is not None:
        raise pytest.UsageError(refused)
    _no_keyring()


def _no_keyring() -> None:
    """Fix the keyring to "none" before any test: left to choose on first use, keyring
    would pick from every backend class defined by then, a test's in-memory one included,
    and keep it for every later test in the process (or reach the developer's own)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - a laptop without the dev dependencies
        return
    keyring.set_keyring(fail.Keyring())


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


def sqlite_template() -> Path:
    """An empty SQLite database built through the migrations, once per version of the storage.

    Building one takes half a second (Alembic runs every migration); a copy of it
    is the same file for a thousandth of that. The name is a digest of the storage
    package's code, so a changed migration builds a new template.
    """
    storage = Path(nextround.storage.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(storage.rglob("*.py")):
        digest.update(path.relative_to(storage).as_posix().encode() + b"\0" + path.read_bytes())
    folder = Path(tempfile.gettempdir()) / "nextround-test-templates"
    template = folder / f"{digest.hexdigest()[:20]}.db"
    if not template.exists():
        from nextround.storage.database import open_database

        folder.mkdir(exist_ok=True)
        building = folder / f"building-{os.getpid()}" / "template.db"
        shutil.rmtree(building.parent, ignore_errors=True)
        building.parent.mkdir()
        open_database(str(building)).close()
        building.replace(template)  # atomic: parallel workers never see half a file
        shutil.rmtree(building.parent, ignore_errors=True)
    return template


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    """A context on the test's fresh database (SQLite: a copy of the migrated template)."""
    if "://" not in settings.db_url and not Path(settings.db_url).exists():
        shutil.copyfile(sqlite_template(), settings.db_url)
    context = open_context(settings)
    yield context
    context.close()
