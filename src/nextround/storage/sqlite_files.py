"""SQLite database files: created in one step, copied before upgrades, the copies pruned.

A new database is built in a file beside its place and linked into place only
if nothing is there yet: a process killed while building leaves no half-made
database, and of several processes starting at once on the same path, one
creates it and the others open what it created. Before an upgrade the file is
copied (consistently, through SQLite's backup API, into a temporary name that
is renamed when whole); only the latest three copies are kept.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from nextround.errors import StorageError

#: How many copies taken before upgrades are kept.
BACKUPS_KEPT = 3


def exists(path: Path) -> bool:
    """A database file is there (a zero-byte file is not one: nothing in it to keep)."""
    try:
        return path.stat().st_size > 0
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise StorageError(f"can't read database {path}: {exc.strerror}") from None


def check_location(path: Path) -> None:
    if path.is_dir():
        raise StorageError(
            f"database path {path} is a folder; give a file name such as {path / 'nextround.db'}"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"can't create the folder for database {path}: {exc.strerror}") from None
    if not path.exists() and not os.access(path.parent, os.W_OK):
        raise StorageError(
            f"can't create database {path}: the folder is not writable; choose another path with --db"
        )


def create(path: Path) -> None:
    """Build the schema beside ``path``, then put it in place unless another process did first."""
    check_location(path)
    from nextround.storage.migrate import upgrade

    building = path.with_name(f".{path.name}.creating-{os.getpid()}")
    _remove(building)
    try:
        upgrade(str(building), building, str(path))
        _put_in_place(building, path)
    finally:
        _remove(building)


def _put_in_place(building: Path, path: Path) -> None:
    """Link the new file to ``path`` only if nothing is there (an empty file is replaced)."""
    try:
        os.link(building, path)
    except FileExistsError:
        if not exists(path):  # a zero-byte file: nothing to keep
            building.replace(path)
        # else: another process created it first; open theirs
    except OSError:  # no hard links on this file system
        if not exists(path):
            building.replace(path)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def backup(path: Path, revision: str) -> Path:
    """Copy the database (consistently, WAL included) before an upgrade touches it."""
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.name}.before-upgrade-{revision}-{stamp}")
    partial = target.with_name(target.name + ".partial")
    try:
        reader = sqlite3.connect(path)
        try:
            copy = sqlite3.connect(partial)
            with copy:
                reader.backup(copy)
            copy.close()
        finally:
            reader.close()
        with contextlib.suppress(OSError):
            partial.chmod(path.stat().st_mode & 0o777)
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        _remove(partial)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StorageError(
            f"can't keep a copy of {path} before upgrading it ({reason}); the database was not "
            f"changed. Make room or make {path.parent} writable, then try again"
        ) from None
    prune(path)
    return target


def backups(path: Path) -> list[Path]:
    """The copies taken before upgrades, oldest first.

    A copy's name ends in when it was taken: a copy still being written
    (``.partial``) and the ``-wal``/``-shm`` files SQLite leaves beside a copy
    someone opened are not copies.
    """
    found = path.parent.glob(f"{path.name}.before-upgrade-*")
    return sorted((p for p in found if _STAMP.search(p.name)), key=_taken)


_STAMP = re.compile(r"-(\d{8})-(\d{6})(?:-(\d{6}))?$")


def _taken(copy: Path) -> tuple[str, str, str]:
    """When a copy was taken, as its name says (the revision in front would sort wrongly)."""
    found = _STAMP.search(copy.name)
    return (found[1], found[2], found[3] or "") if found else ("", "", "")


def prune(path: Path, keep: int = BACKUPS_KEPT) -> None:
    """Keep only the latest ``keep`` copies."""
    for old in backups(path)[:-keep]:
        with contextlib.suppress(OSError):
            _remove(old)


def sqlite_error(exc: BaseException, where: str, busy_timeout: int) -> BaseException | None:
    """A driver error as one of nextround's, with a message for the user."""
    from nextround.errors import Conflict

    if isinstance(exc, sqlite3.IntegrityError):
        return Conflict(f"that would clash with a stored row ({_first_line(exc)})")
    if isinstance(exc, sqlite3.OperationalError):
        reason = _first_line(exc)
        if "readonly" in reason or "read-only" in reason:
            return StorageError(
                f"the database {where} is read-only; check its permissions or choose another with --db"
            )
        if "locked" in reason or "busy" in reason:
            return StorageError(
                f"the database {where} is busy: another nextround kept it locked for "
                f"{busy_timeout} seconds; try again"
            )
        return StorageError(f"can't use the database {where}: {reason}")
    if isinstance(exc, sqlite3.DatabaseError):
        return StorageError(f"database error on {where}: {_first_line(exc)}")
    return None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else "unknown error"
