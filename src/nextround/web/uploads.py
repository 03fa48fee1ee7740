"""Files uploaded for an import, kept between the preview and the user's confirmation.

An upload is copied into a private folder of this server process (made with
:func:`tempfile.mkdtemp`, readable by this user only), under an unguessable
token that the preview page carries in its form; the owner's id is part of
the file name, so one user's token never opens another's file. The
confirmation reads it again and it is deleted; a preview left unconfirmed is
deleted after :data:`KEEP`, and every file when the server stops.
"""

from __future__ import annotations

import atexit
import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO

from nextround.errors import InvalidInput

#: The largest file taken (a LinkedIn export is a few MB; a big tracker tens).
MAX_BYTES = 256 * 1024 * 1024
#: How long an upload waits for its confirmation, in seconds.
KEEP = 6 * 60 * 60
_CHUNK = 1024 * 1024
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_folder: Path | None = None
_lock = threading.Lock()


@dataclass(frozen=True)
class Upload:
    """A file waiting for its import: the token the form carries, its name, where it is."""

    token: str
    name: str
    path: Path


def folder() -> Path:
    """This process's private folder of uploads, made on first use, removed at exit."""
    global _folder  # noqa: PLW0603 - one folder per server process
    with _lock:
        if _folder is None:
            _folder = Path(tempfile.mkdtemp(prefix="nextround-uploads-"))
            atexit.register(shutil.rmtree, _folder, ignore_errors=True)
        return _folder


def save(data: BinaryIO, name: str, owner: int) -> Upload:
    """Copy an uploaded file aside; one over :data:`MAX_BYTES` is refused (nothing kept)."""
    _sweep()
    token = secrets.token_urlsafe(32)
    path = _path(owner, token)
    size = 0
    with path.open("xb") as out:
        while chunk := data.read(_CHUNK):
            size += len(chunk)
            if size > MAX_BYTES:
                out.close()
                path.unlink(missing_ok=True)
                raise InvalidInput(
                    f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                    "split it, or import it with `nextround import`",
                    field="file",
                )
            out.write(chunk)
    if size == 0:
        path.unlink(missing_ok=True)
        raise InvalidInput("the file is empty; choose the file you exported", field="file")
    return Upload(token, clean_name(name), path)


def find(token: str, name: str, owner: int) -> Upload:
    """The upload a preview's form names; a token that is gone or malformed is refused."""
    path = _path(owner, token) if _TOKEN.match(token) else None
    if path is None or not path.is_file():
        raise InvalidInput(
            "this preview has expired (or was already imported); choose the file again",
            field="file",
        )
    return Upload(token, clean_name(name), path)


def discard(upload: Upload) -> None:
    upload.path.unlink(missing_ok=True)


def clean_name(name: str) -> str:
    """The file's own name, without any folder a browser sent along, on one short line."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or "upload"


def _path(owner: int, token: str) -> Path:
    return folder() / f"{owner}-{token}"


def _sweep() -> None:
    """Delete uploads left unconfirmed for longer than :data:`KEEP`."""
    cutoff = time.time() - KEEP
    for path in folder().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:  # pragma: no cover - removed meanwhile by another request
            continue
