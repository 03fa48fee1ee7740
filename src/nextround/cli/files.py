"""Writing output files (cards, emails, calendars, briefings): whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from nextround.errors import InvalidInput


def check_target(path: str | Path, example: str) -> Path:
    """Refuse, before any slow work, a path that can't take a file."""
    target = Path(path).expanduser()
    if not str(path).strip() or target.is_dir():
        raise InvalidInput(f"{str(path)!r} is a folder; give a file name such as {example}")
    if not target.parent.is_dir():
        raise InvalidInput(f"can't write {target}: the folder {target.parent} does not exist")
    return target


def write_atomically(path: str | Path, data: bytes | str) -> Path:
    """Write through a temporary file beside ``path``, then rename it into place:
    a failure leaves no half-written file and an older one untouched. A replaced
    file keeps its permissions; a new one gets the usual ones under the umask."""
    target = check_target(path, Path(path).name or "output")
    content = data.encode() if isinstance(data, str) else data
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise InvalidInput(
            f"can't write {target}: {exc.strerror}; choose another place with -o"
        ) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(_mode_for(target))
        temporary.replace(target)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InvalidInput(f"can't write {target}: {exc.strerror}") from None
        raise
    return target


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
