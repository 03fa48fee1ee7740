"""Reading messages out of files the user points at: ``.eml`` files, mbox files, Maildirs.

What a path is comes from its shape, not its name: a folder with ``cur/`` or
``new/`` in it is a Maildir, a file that starts with ``From `` is an mbox, any
other file is one message. Nothing is ever written, renamed or flagged.

An mbox is streamed (:mod:`nextround.mail.mbox`). A Maildir's ``new/`` and
``cur/`` are read oldest first; ``tmp/`` (mail still being delivered) and dot
files are left alone. Whatever can't be read (a missing path, a file that is
not mail, a damaged or too-big message) becomes a
:class:`~nextround.mail.sources.SourceProblem`, and reading goes on.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from nextround.mail.mbox import read_mbox
from nextround.mail.sources import MAX_MESSAGE_SIZE, RawMail, SourceProblem, megabytes

Found = RawMail | SourceProblem

_PIECE = 64 * 1024
_HEADER = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")


def read_paths(
    paths: Iterable[Path], *, max_size: int = MAX_MESSAGE_SIZE
) -> Iterator[RawMail | SourceProblem]:
    """Every message in ``paths``, in order, and a problem for whatever can't be read."""
    for path in paths:
        yield from _read_path(Path(path), max_size)


def _read_path(path: Path, max_size: int) -> Iterator[Found]:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield SourceProblem(str(path), f"{path} does not exist; check the path")
        return
    except OSError as exc:
        yield SourceProblem(str(path), f"can't read {path}: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(mode):
        yield from _read_folder(path, max_size)
    elif not stat.S_ISREG(mode):
        yield SourceProblem(
            str(path), f"{path} is not a regular file; give an mbox or .eml file, or a Maildir"
        )
    else:
        yield from _read_file(path, max_size)


def _read_file(path: Path, max_size: int) -> Iterator[Found]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield SourceProblem(str(path), f"can't read {path}: {exc.strerror or exc}")
        return
    with fh:
        head = fh.read(8)
        fh.seek(0)
        if head.startswith(b"From "):
            yield from read_mbox(fh, path, max_size=max_size)
        elif archive := _archive_kind(head):
            yield SourceProblem(
                str(path), f"{path} is a {archive}; unpack it and give the mbox or .eml inside"
            )
        elif not _blank_file(fh):
            yield _single_message(fh, f"{_kind_by_name(path)}:{path}", max_size)
        elif _kind_by_name(path) == "eml":  # an empty mbox is an empty mailbox; not so a message
            yield SourceProblem(f"eml:{path}", "the file is empty (no message in it); skipped")


def _kind_by_name(path: Path) -> str:
    """What a file that doesn't start as an mbox does is called by: its name, else a message."""
    return "mbox" if path.suffix.lower() in {".mbox", ".mbx"} else "eml"


def _blank_file(fh: BinaryIO) -> bool:
    """Whether the file holds nothing but white space (the position is kept)."""
    start = fh.tell()
    try:
        while piece := fh.read(_PIECE):
            if piece.strip():
                return False
        return True
    finally:
        fh.seek(start)


def _archive_kind(head: bytes) -> str | None:
    if head.startswith(b"\x1f\x8b"):
        return "gzip-compressed file"
    if head.startswith(b"PK\x03\x04"):
        return "zip archive (Google Takeout, for one, sends its mbox in one)"
    return None


# --------------------------------------------------------------------------- one message


def _single_message(fh: BinaryIO, source: str, max_size: int) -> Found:
    """A file holding one message (an ``.eml``, a Maildir entry)."""
    data = fh.read(max_size + 1)
    if len(data) > max_size:
        return SourceProblem(
            source, f"the message is larger than {megabytes(max_size)}; skipped as too big"
        )
    if b"\x00" in data:
        return SourceProblem(
            source, "the file holds binary data (NUL bytes), not an e-mail message; skipped"
        )
    if not _HEADER.match(data):
        return SourceProblem(
            source,
            "the file does not look like an e-mail message (it doesn't start with header "
            "lines such as From: or Subject:); skipped",
        )
    return RawMail(source, data)


# --------------------------------------------------------------------------- Maildir


def _read_folder(folder: Path, max_size: int) -> Iterator[Found]:
    if not any((folder / sub).is_dir() for sub in ("cur", "new")):
        yield SourceProblem(
            str(folder),
            f"{folder} is a folder but not a Maildir (it has no cur/ or new/ folder); "
            "give a Maildir, an mbox file or .eml files",
        )
        return
    entries: list[tuple[str, str]] = []
    for sub in ("cur", "new"):
        try:
            with os.scandir(folder / sub) as listing:
                entries += [(e.name, sub) for e in listing if not e.name.startswith(".")]
        except FileNotFoundError:
            continue
        except OSError as exc:
            yield SourceProblem(
                f"maildir:{folder / sub}", f"can't list {folder / sub}: {exc.strerror or exc}"
            )
    # Maildir names start with the delivery time: sorting by name reads oldest first.
    for name, sub in sorted(entries):
        yield _maildir_message(folder, sub, name, max_size)


def _maildir_message(folder: Path, sub: str, name: str, max_size: int) -> Found:
    path = folder / sub / name
    try:
        path, fh = _open_entry(folder, path)
    except OSError as exc:
        return SourceProblem(f"maildir:{path}", f"can't read {path}: {exc.strerror or exc}")
    with fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return SourceProblem(
                f"maildir:{path}",
                f"{path} is not a regular file (a FIFO, socket or device); skipped",
            )
        return _single_message(fh, f"maildir:{path}", max_size)


def _open_entry(folder: Path, path: Path) -> tuple[Path, BinaryIO]:
    try:
        return path, _open_without_waiting(path)
    except FileNotFoundError:
        # A mail program may have moved it from new/ to cur/, or changed its flags
        # (which renames it), since the folder was listed: look for it under its new name.
        moved = _renamed(folder, path.name)
        if moved is None:
            raise
        return moved, _open_without_waiting(moved)


def _open_without_waiting(path: Path) -> BinaryIO:
    """Open for reading without blocking: opening a FIFO waits for a writer otherwise.

    What was opened is checked with ``fstat`` by the caller (no race with a rename).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _renamed(folder: Path, name: str) -> Path | None:
    unique = name.split(":", 1)[0]
    try:
        with os.scandir(folder / "cur") as listing:
            for entry in listing:
                if entry.name.split(":", 1)[0] == unique:
                    return Path(entry.path)
    except OSError:
        return None
    return None
